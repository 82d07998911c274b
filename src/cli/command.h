// command.h — how a `dyad` subcommand plugs into the CLI.
//
// Each src/cli/*.cpp file defines one or more commands and registers them with a static
// Command object; main.cpp knows none of them by name. A command only wires stages together:
// parsing, analysis and storage live in the stage libraries.
//
//   static dyad::cli::Command reg("eval", [](CLI::App& eval) {
//     auto* sub = eval.add_subcommand("boilerplate", "Score boilerplate removal");
//     sub->callback([] { ... });  // throw CLI::RuntimeError(code) for a non-zero exit
//   });
//
// The first argument names the parent: "" for a top-level command, or a group ("eval", "train")
// that main.cpp creates on first use.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace dyad::cli {

struct Globals {
  std::string db = "dyad.db";  // --db: SQLite path or postgresql:// URL
  std::string models;          // --models: model folder ("" = default, see base/paths.h)
  bool quiet = false;          // --quiet: no progress output

  // The model folder in force: --models, else base/paths.h's default.
  std::string models_folder() const;
};
Globals& globals();

// The given-name lists shipped in the model folder (Moby, see models/LICENSE-NER.txt), read by the
// NER trainer and by the tagger trainer's name features.
std::vector<std::string> first_name_lists();

using Setup = std::function<void(CLI::App& parent)>;

class Command {
 public:
  Command(std::string parent, Setup setup);
};

}  // namespace dyad::cli

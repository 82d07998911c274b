// dyad — command-line entry point. Subcommands register themselves (see command.h).
#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <vector>

#include "base/error.h"
#include "base/paths.h"
#include "cli/command.h"

namespace dyad::cli {
namespace {

struct Entry {
  std::string parent;
  Setup setup;
};
std::vector<Entry>& registry() {
  static std::vector<Entry> r;
  return r;
}

const std::map<std::string, std::string>& group_help() {
  static const std::map<std::string, std::string> h = {
      {"eval", "Evaluate a stage against gold data and print its scores"},
      {"train", "Train a model from data and write it to models/"},
  };
  return h;
}

}  // namespace

Globals& globals() {
  static Globals g;
  return g;
}

std::string Globals::models_folder() const { return models.empty() ? models_dir() : models; }

std::vector<std::string> first_name_lists() {
  const std::string dir = globals().models_folder();
  return {dir + "/ner-first-names-female.txt", dir + "/ner-first-names-male.txt"};
}

Command::Command(std::string parent, Setup setup) {
  registry().push_back({std::move(parent), std::move(setup)});
}

}  // namespace dyad::cli

int main(int argc, char** argv) {
  using namespace dyad::cli;
  CLI::App app{"dyad — who did what to whom, when, where, and according to whom"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dyad 0.1.0");
  auto& g = globals();
  app.add_option("--db", g.db, "Store: SQLite file or postgresql:// URL")->capture_default_str();
  app.add_option("--models", g.models, "Folder of trained models (default: $DYAD_MODELS or models/)");
  app.add_flag("-q,--quiet", g.quiet, "No progress output");

  std::map<std::string, CLI::App*> groups;
  for (const auto& e : registry()) {
    if (e.parent.empty()) {
      e.setup(app);
      continue;
    }
    auto& grp = groups[e.parent];
    if (!grp) {
      auto it = group_help().find(e.parent);
      grp = app.add_subcommand(e.parent, it == group_help().end() ? "" : it->second);
      grp->require_subcommand(1);
    }
    e.setup(*grp);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const dyad::InputError& e) {
    std::cerr << "dyad: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "dyad: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

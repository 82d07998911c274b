// `dyad paths`: where this build looks for models and data (useful when a model is "missing").
#include <fmt/core.h>

#include "base/paths.h"
#include "cli/command.h"

namespace {
dyad::cli::Command reg("", [](CLI::App& app) {
  auto* sub = app.add_subcommand("paths", "Print the model and data folders this build uses");
  sub->callback([] {
    const auto& g = dyad::cli::globals();
    fmt::print("models  {}\nshared  {}\nsource  {}\n", g.models_folder(), dyad::shared_data_dir(),
               dyad::source_dir());
  });
});
}  // namespace

// `dyad train geo`: compile the gazetteer (GeoNames + dyad's aliases) into models/geo.bin.
#include <fmt/core.h>

#include "base/paths.h"
#include "cli/command.h"
#include "geo/gazetteer.h"

namespace {
struct Opts {
  std::string data, aliases, out;
};
dyad::cli::Command reg("train", [](CLI::App& train) {
  static Opts o;
  auto* sub = train.add_subcommand("geo", "Compile the place gazetteer from GeoNames into a model file");
  sub->add_option("--data", o.data, "GeoNames folder (default: <shared>/geo)");
  sub->add_option("--aliases", o.aliases, "dyad aliases TSV (default: data/geo/aliases.tsv)");
  sub->add_option("--out", o.out, "Output (default: <models>/geo.bin)");
  sub->callback([] {
    const auto& g = dyad::cli::globals();
    const std::string data = o.data.empty() ? dyad::shared_data_dir() + "/geo" : o.data;
    const std::string aliases = o.aliases.empty() ? dyad::source_dir() + "/data/geo/aliases.tsv" : o.aliases;
    const std::string out = o.out.empty() ? g.models_folder() + "/geo.bin" : o.out;
    dyad::PlaceGazetteer::build(data, aliases, out);
    auto gaz = dyad::PlaceGazetteer::load(out);
    fmt::print("wrote {} ({} entries)\n", out, gaz.size());
  });
});
}  // namespace

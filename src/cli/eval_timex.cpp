// `dyad eval timex DIR...`: TempEval-3 style scores of the time stage over TimeML files.
#include <fmt/core.h>

#include "base/error.h"
#include "cli/command.h"
#include "time/timeml_eval.h"

namespace {
struct Opts {
  std::vector<std::string> dirs;
  bool errors = false;
};
dyad::cli::Command reg("eval", [](CLI::App& eval) {
  static Opts o;
  auto* sub =
      eval.add_subcommand("timex", "Score timex recognition and TIMEX3 normalisation on TimeML files");
  sub->add_option("dirs", o.dirs, "Folders (searched recursively) or files of TimeML (*.tml)")->required();
  sub->add_flag("--errors", o.errors, "Print every miss, false alarm, span and value mismatch");
  sub->callback([] {
    dyad::timeml::Counts total;
    int files = 0;
    for (const auto& dir : o.dirs) {
      std::vector<std::string> paths;
      if (dir.size() > 4 && dir.substr(dir.size() - 4) == ".tml")
        paths.push_back(dir);
      else
        paths = dyad::timeml::list_files(dir);
      for (const auto& path : paths) {
        const auto doc = dyad::timeml::read_file(path);
        std::vector<std::string> errs;
        total.add(dyad::timeml::evaluate(doc, o.errors ? &errs : nullptr));
        ++files;
        for (const auto& e : errs) fmt::print("{}\t{}\n", path.substr(path.rfind('/') + 1), e);
      }
    }
    const auto s = dyad::timeml::scores(total);
    fmt::print("files {}  gold timexes {}  system timexes {}\n", files, total.gold, total.system);
    fmt::print("strict   P {:.3f}  R {:.3f}  F1 {:.3f}\n", s.strict_p, s.strict_r, s.strict_f);
    fmt::print("relaxed  P {:.3f}  R {:.3f}  F1 {:.3f}\n", s.relaxed_p, s.relaxed_r, s.relaxed_f);
    fmt::print("value accuracy {:.3f} ({}/{} relaxed matches)  type accuracy {:.3f}\n", s.value_acc,
               total.value_correct, total.relaxed, s.type_acc);
    fmt::print("value    P {:.3f}  R {:.3f}  F1 {:.3f}\n", s.value_p, s.value_r, s.value_f);
  });
});
}  // namespace

// `dyad eval petrarch FILE.jsonl [--verbose]`: PETRARCH validation records through the event coder.
#include <fmt/core.h>

#include "cli/command.h"
#include "events/petrarch_eval.h"

namespace {
dyad::cli::Command reg("eval", [](CLI::App& eval) {
  auto* sub =
      eval.add_subcommand("petrarch", "Run PETRARCH validation records (JSONL) through the event coder");
  static std::string file;
  static bool verbose = false, parses = false;
  sub->add_option("file", file, "Validation records (udpetrarch_validation_2_02.jsonl)")->required();
  sub->add_flag("--verbose", verbose, "List failing records");
  sub->add_flag("--parses", parses, "With --verbose: print the parse each failing record was coded from");
  sub->callback([] {
    auto r = dyad::events::eval_petrarch(file, parses);
    if (verbose)
      for (const auto& f : r.failures) fmt::print("FAIL {}\n", f);
    fmt::print(
        "records {}  evaluated {}  (not evaluated {}, unknown parse format skipped {}, PTB trees converted "
        "{})\n",
        r.records, r.evaluated, r.not_evaluated, r.skipped_ptb, r.from_ptb);
    fmt::print("pass {}/{} = {:.1f}%   (pass: coded set of (source,target,code) == expected set)\n", r.passed,
               r.evaluated, 100 * r.pass_rate());
    fmt::print("events: tp {} fp {} fn {}  precision {:.1f}%  recall {:.1f}%\n", r.tp, r.fp, r.fn,
               100 * r.precision(), 100 * r.recall());
    for (const auto& [cat, pe] : r.by_category)
      fmt::print("  {:<10} {:>3}/{:<3} {:5.1f}%\n", cat, pe.first, pe.second, 100.0 * pe.first / pe.second);
  });
});
}  // namespace

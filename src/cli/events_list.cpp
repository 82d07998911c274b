// `dyad events --doc DOC`: the coded events of one stored document as a table.
#include <fmt/core.h>

#include "cli/command.h"
#include "cli/show_common.h"

namespace {

void list(const std::string& ref) {
  const dyad::StoredDoc s = dyad::cli::load_doc_or_exit(ref);
  const dyad::Doc& d = s.doc;
  fmt::print("{}  {}  ({} events)\n", d.id, d.path, d.events.size());
  if (d.events.empty()) return;
  fmt::print("{:>4}  {:<12} {:<5} {:<12} {:<12} {}\n", "sent", "source", "code", "target", "date", "claim");
  for (const dyad::Event& e : d.events) {
    fmt::print("{:>4}  {:<12} {:<5} {:<12} {:<12} {}\n", e.sentence,
               e.source.code.empty() ? "-" : e.source.code, e.code,
               e.target.code.empty() ? "-" : e.target.code,
               e.date.empty() ? "?" : e.date + (e.date_assumed ? "*" : ""), dyad::cli::claim_of(e));
  }
  fmt::print("(* date assumed from publication)\n");
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("events", "List the coded events of a stored document");
  sub->add_option("--doc", *ref, "Document id, content key, path or file name")->required();
  sub->callback([ref] { list(*ref); });
});

}  // namespace

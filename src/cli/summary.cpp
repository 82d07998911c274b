// `dyad summary`: what the store holds — counts and the most frequent dyads.
#include <fmt/core.h>

#include "cli/command.h"
#include "store/store.h"

namespace {

dyad::cli::Command reg("", [](CLI::App& app) {
  auto top = std::make_shared<int>(10);
  auto* sub = app.add_subcommand("summary", "Counts of documents, sentences, events, actors; top dyads");
  sub->add_option("--top", *top, "How many dyads to list")->capture_default_str();
  sub->callback([top] {
    auto store = dyad::open_store(dyad::cli::globals().db);
    dyad::StoreSummary s = store->summary(*top);
    fmt::print("store       {}\n", dyad::cli::globals().db);
    fmt::print("documents   {}", s.documents);
    if (s.failed) fmt::print("  (+{} failed)", s.failed);
    fmt::print("\nsentences   {}\nentities    {}\ntimexes     {}\nevents      {}\nactors      {}\n",
               s.sentences, s.entities, s.timexes, s.events, s.actors);
    if (s.errors) fmt::print("input errors {}\n", s.errors);
    if (s.top_dyads.empty()) {
      fmt::print("top dyads   (none: no coded events with both a source and a target)\n");
      return;
    }
    fmt::print("\n{:<12} {:<12} {:>6}\n", "source", "target", "events");
    for (const auto& d : s.top_dyads) fmt::print("{:<12} {:<12} {:>6}\n", d.source, d.target, d.events);
  });
});

}  // namespace

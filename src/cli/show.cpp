// `dyad show DOC`: one stored document — metadata, clean text, sentences, entities, timexes, events.
#include <fmt/core.h>

#include "cli/command.h"
#include "cli/show_common.h"

namespace {

void show(const std::string& ref, bool no_text) {
  const dyad::StoredDoc s = dyad::cli::load_doc_or_exit(ref);
  const dyad::Doc& d = s.doc;
  fmt::print("id          {}\npath        {}\n", d.id, d.path);
  if (!d.url.empty()) fmt::print("url         {}\n", d.url);
  if (!d.source.empty()) fmt::print("source      {}\n", d.source);
  fmt::print("title       {}\n", d.title);
  fmt::print("published   {} ({})\n", d.published.empty() ? "unknown" : d.published, d.published_origin);
  fmt::print("status      {}{}\n", s.record.status, s.record.error.empty() ? "" : ": " + s.record.error);
  fmt::print("stages      {}\ningested    {}\nkey         {}\n", s.record.stages, s.ingested_at,
             s.record.content_key);
  if (!no_text) fmt::print("\n--- clean text ({} bytes)\n{}\n", d.text.size(), d.text);

  fmt::print("\n--- sentences ({})\n", d.sentences.size());
  for (size_t i = 0; i < d.sentences.size(); ++i)
    fmt::print("{:>4}  {}\n", i, dyad::cli::one_line(d.span_text(d.sentences[i].span)));

  fmt::print("\n--- entities ({})\n", d.entities.size());
  for (size_t i = 0; i < d.entities.size(); ++i)
    fmt::print("{:<5} {}  [tokens {}-{}]\n", dyad::entity_type_name(d.entities[i].type), s.entity_text[i],
               d.entities[i].first, d.entities[i].last);

  fmt::print("\n--- timexes ({})\n", d.timexes.size());
  for (const auto& t : d.timexes)
    fmt::print("{:<9} {:<14} {:<6} {}\n", t.type, t.value.empty() ? "?" : t.value, t.mod,
               dyad::cli::one_line(d.span_text(t.span)));

  if (!d.places.empty()) {
    fmt::print("\n--- places ({})\n", d.places.size());
    for (const auto& p : d.places)
      fmt::print("{:<24} {:<4} {:<20} {:.4f},{:.4f} {}\n", p.name, p.country, p.adm1, p.lat, p.lon,
                 p.feature);
  }
  if (!d.quantities.empty()) {
    fmt::print("\n--- quantities ({})\n", d.quantities.size());
    for (const auto& q : d.quantities) fmt::print("{} {} {} {}\n", q.op, q.value, q.unit, q.actor);
  }

  fmt::print("\n--- events ({})\n", d.events.size());
  for (size_t i = 0; i < d.events.size(); ++i) {
    const dyad::Event& e = d.events[i];
    fmt::print("s{:<3} {} -[{} {}]-> {}  \"{}\"  date {}{}  place {}  {}\n", e.sentence,
               e.source.code.empty() ? "-" : e.source.code, e.code, e.plover,
               e.target.code.empty() ? "-" : e.target.code, s.event_trigger[i], e.date.empty() ? "?" : e.date,
               e.date_assumed ? " (assumed)" : "", e.place.empty() ? "-" : e.place, dyad::cli::claim_of(e));
  }
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto ref = std::make_shared<std::string>();
  auto no_text = std::make_shared<bool>(false);
  auto* sub =
      app.add_subcommand("show", "Show a stored document: text, sentences, entities, timexes, events");
  sub->add_option("doc", *ref, "Document id, content key, path or file name")->required();
  sub->add_flag("--no-text", *no_text, "Leave out the clean text");
  sub->callback([ref, no_text] { show(*ref, *no_text); });
});

}  // namespace

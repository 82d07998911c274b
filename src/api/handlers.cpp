// Document and summary routes: they read whole documents (Store::load) or store-wide counts.
#include "api/handlers.h"

namespace dyad::api {

using nlohmann::json;

nlohmann::json summary(Store& store, const ParamList& params) {
  if (auto e = check(params, {"top"})) throw ApiError(*e);
  int64_t top = 10;
  if (const std::string* v = find(params, "top"))
    if (auto e = parse_int("top", *v, 0, 100, &top)) throw ApiError(*e);
  StoreSummary s = store.summary(static_cast<int>(top));
  json dyads = json::array();
  for (const auto& d : s.top_dyads)
    dyads.push_back({{"source", d.source}, {"target", d.target}, {"events", d.events}});
  return {{"documents", s.documents}, {"failed", s.failed},     {"sentences", s.sentences},
          {"tokens", s.tokens},       {"entities", s.entities}, {"timexes", s.timexes},
          {"events", s.events},       {"actors", s.actors},     {"errors", s.errors},
          {"top_dyads", dyads}};
}

nlohmann::json document(Store& store, const std::string& id, const ParamList& params) {
  if (auto e = check(params, {})) throw ApiError(*e);
  if (id.empty() || id.size() > kMaxValueBytes) throw ApiError(400, "document id: empty or too long");
  std::optional<StoredDoc> sd = store.load(id);
  if (!sd) throw ApiError(404, "no document '" + id + "'");
  const Doc& d = sd->doc;
  json sentences = json::array();
  for (const auto& s : d.sentences)
    sentences.push_back({{"begin", s.span.begin}, {"end", s.span.end}, {"text", d.span_text(s.span)}});
  json entities = json::array();
  for (size_t i = 0; i < d.entities.size(); ++i)
    entities.push_back({{"type", entity_type_name(d.entities[i].type)},
                        {"text", i < sd->entity_text.size() ? sd->entity_text[i] : ""}});
  json places = json::array();
  for (const auto& p : d.places)
    places.push_back(
        {{"name", p.name}, {"country", p.country}, {"adm1", p.adm1}, {"lat", p.lat}, {"lon", p.lon}});
  // Events with their store-wide ids (so the page can open one); the per-document array is the
  // same list in the same order.
  EventFilter f;
  f.doc = d.id;
  f.limit = kMaxLimit;
  json events = json::array();
  for (const EventRow& r : store.query_events(f)) events.push_back(to_json(r));
  return {{"id", d.id},
          {"url", d.url},
          {"outlet", d.source},
          {"title", d.title},
          {"published", d.published},
          {"published_origin", d.published_origin},
          {"path", d.path},
          {"status", sd->record.status},
          {"error", sd->record.error},
          {"stages", sd->record.stages},
          {"ingested_at", sd->ingested_at},
          {"text", d.text},
          {"sentences", sentences},
          {"entities", entities},
          {"places", places},
          {"events", events}};
}

nlohmann::json to_json(const EventRow& e) {
  json q = json::array();
  if (!e.quantities.empty()) q = json::parse(e.quantities, nullptr, /*allow_exceptions=*/false);
  if (q.is_discarded()) q = json::array();
  json place = nullptr;
  if (!e.place.empty())
    place = {{"name", e.place},
             {"country", e.place_country},
             {"adm1", e.place_adm1},
             {"lat", e.lat},
             {"lon", e.lon}};
  return {{"id", e.id},
          {"doc", e.doc_id},
          {"idx", e.idx},
          {"source", {{"code", e.source_code}, {"name", e.source_name}}},
          {"target", {{"code", e.target_code}, {"name", e.target_name}}},
          {"code", e.code},
          {"root", e.root},
          {"plover", e.plover},
          {"quad_class", e.quad_class},
          {"goldstein", e.goldstein},
          {"negated", e.negated},
          {"modality", e.modality},
          {"speaker", e.speaker},
          {"date", e.date},
          {"date_assumed", e.date_assumed},
          {"place", place},
          {"quantities", q},
          {"claimant", e.claimant},
          {"evidential", e.evidential},
          {"credibility", e.credibility},
          {"trigger", e.trigger},
          {"sentence", e.sentence},
          {"sentence_begin", e.sentence_begin},
          {"sentence_end", e.sentence_end},
          {"outlet", e.outlet},
          {"url", e.url},
          {"published", e.published},
          {"title", e.title},
          {"cluster", e.cluster},
          {"mentions", e.mentions},
          {"sources", e.sources}};
}

}  // namespace dyad::api

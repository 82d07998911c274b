// Event routes: filtered pages, one event with its evidence, aggregates (actors, series, network,
// claims) and search. All aggregation happens in the store; nothing here walks every event.
#include <algorithm>
#include <map>

#include "api/handlers.h"

namespace dyad::api {
namespace {

using nlohmann::json;

// check() with the EventFilter names plus the route's own.
void check_with_filter(const ParamList& params, std::initializer_list<std::string_view> extra) {
  for (const auto& [name, value] : params) {
    bool known = std::find(std::begin(kEventFilterParams), std::end(kEventFilterParams), name) !=
                 std::end(kEventFilterParams);
    for (std::string_view x : extra) known = known || x == name;
    if (!known) {
      std::string shown = name.substr(0, 40);
      for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\'') c = '?';
      throw ApiError(400, "unknown parameter '" + shown + "'");
    }
  }
  // Duplicates and value lengths: check() over the names actually present.
  for (size_t i = 0; i < params.size(); ++i) {
    for (size_t j = 0; j < i; ++j)
      if (params[j].first == params[i].first)
        throw ApiError(400, "parameter '" + params[i].first + "': given more than once");
    if (params[i].second.size() > kMaxValueBytes)
      throw ApiError(400, "parameter '" + params[i].first + "': longer than " +
                              std::to_string(kMaxValueBytes) + " bytes");
  }
}

EventFilter filter_of(const ParamList& params, int64_t default_limit) {
  EventFilter f;
  if (auto e = parse_event_filter(params, &f, default_limit)) throw ApiError(*e);
  return f;
}

json filter_json(const EventFilter& f) {
  json j = json::object();
  auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  put("actor", f.actor);
  put("source", f.source);
  put("target", f.target);
  if (f.either_direction) j["either"] = true;
  put("code", f.code);
  if (f.quad_class > 0) j["quad"] = f.quad_class;
  put("from", f.date_from);
  put("to", f.date_to);
  put("place", f.place);
  put("evidential", f.evidential);
  put("doc", f.doc);
  put("text", f.text);
  if (!f.include_negated) j["negated"] = false;
  return j;
}

json page(Store& store, const EventFilter& f) {
  json rows = json::array();
  for (const EventRow& r : store.query_events(f)) rows.push_back(to_json(r));
  return {{"total", store.count_events(f)},
          {"limit", f.limit},
          {"offset", f.offset},
          {"filter", filter_json(f)},
          {"events", rows}};
}

const char* interval_name(Interval i) {
  switch (i) {
    case Interval::kDay:
      return "day";
    case Interval::kWeek:
      return "week";
    case Interval::kMonth:
      return "month";
  }
  return "month";
}

}  // namespace

nlohmann::json events(Store& store, const ParamList& params) {
  check_with_filter(params, {});
  return page(store, filter_of(params, 50));
}

nlohmann::json event(Store& store, const std::string& id, const ParamList& params) {
  if (auto e = check(params, {"doc"})) throw ApiError(*e);
  int64_t n = 0;
  if (parse_int("id", id, 1, INT64_MAX, &n)) throw ApiError(400, "event id: must be a positive integer");
  // The store has no lookup by event id, so the event is found by a scan over the matching events;
  // `doc` (which every event row carries) narrows the scan to one document.
  EventFilter f;
  f.limit = -1;
  if (const std::string* d = find(params, "doc")) {
    if (auto e = parse_text("doc", *d, &f.doc)) throw ApiError(*e);
  }
  std::optional<EventRow> row;
  store.visit_events(f, [&](const EventRow& r) {
    if (r.id != n) return true;
    row = r;
    return false;
  });
  if (!row) throw ApiError(404, "no event " + id + (f.doc.empty() ? "" : " in document '" + f.doc + "'"));
  json j = to_json(*row);
  // The evidence in its document: the clean text cut around the sentence, so a client can show
  // and highlight it without converting byte offsets into its own string indexing.
  if (std::optional<StoredDoc> sd = store.load(row->doc_id)) {
    const std::string& t = sd->doc.text;
    size_t b = std::min<size_t>(static_cast<size_t>(row->sentence_begin), t.size());
    size_t e = std::clamp<size_t>(static_cast<size_t>(row->sentence_end), b, t.size());
    j["evidence"] = {{"before", t.substr(0, b)}, {"sentence", t.substr(b, e - b)}, {"after", t.substr(e)}};
  }
  return j;
}

nlohmann::json actors(Store& store, const ParamList& params) {
  check_with_filter(params, {"n"});
  int64_t n = 20;
  if (const std::string* v = find(params, "n"))
    if (auto e = parse_int("n", *v, 1, kMaxLimit, &n)) throw ApiError(*e);
  EventFilter f = filter_of(params, 100);
  json rows = json::array();
  for (const ActorCount& a : store.top_actors(f, static_cast<int>(n)))
    rows.push_back({{"code", a.code}, {"name", a.name}, {"events", a.events}});
  return {{"filter", filter_json(f)}, {"actors", rows}};
}

nlohmann::json dyad_series(Store& store, const std::string& source, const std::string& target,
                           const ParamList& params) {
  check_with_filter(params, {"interval"});
  if (find(params, "source") || find(params, "target") || find(params, "actor"))
    throw ApiError(400, "parameter 'source'/'target'/'actor': the dyad is given in the path");
  EventFilter f = filter_of(params, 100);
  if (auto e = parse_actor("source", source, &f.source)) throw ApiError(*e);
  if (auto e = parse_actor("target", target, &f.target)) throw ApiError(*e);
  Interval iv = Interval::kMonth;
  if (const std::string* v = find(params, "interval"))
    if (auto e = parse_interval("interval", *v, &iv)) throw ApiError(*e);
  json points = json::array();
  for (const SeriesPoint& p : store.series(f, iv))
    points.push_back({{"period", p.period},
                      {"events", p.events},
                      {"goldstein_sum", p.goldstein_sum},
                      {"goldstein_mean", p.goldstein_mean},
                      {"quad", {p.quad[0], p.quad[1], p.quad[2], p.quad[3]}}});
  return {{"source", f.source},
          {"target", f.target},
          {"interval", interval_name(iv)},
          {"filter", filter_json(f)},
          {"series", points}};
}

nlohmann::json network(Store& store, const ParamList& params) {
  check_with_filter(params, {"min_events"});
  int64_t min_events = 1;
  if (const std::string* v = find(params, "min_events"))
    if (auto e = parse_int("min_events", *v, 1, 1000000, &min_events)) throw ApiError(*e);
  EventFilter f = filter_of(params, 300);
  // The heaviest edges only (the store sorts and cuts at f.limit): a graph of thousands of edges
  // is unreadable and slow to draw.
  std::vector<NetworkEdge> edges = store.network(f, min_events);
  std::map<std::string, int64_t> degree;
  json out = json::array();
  for (const NetworkEdge& e : edges) {
    degree[e.source] += e.events;
    degree[e.target] += e.events;
    out.push_back({{"source", e.source},
                   {"target", e.target},
                   {"events", e.events},
                   {"goldstein_sum", e.goldstein_sum},
                   {"goldstein_mean", e.events ? e.goldstein_sum / static_cast<double>(e.events) : 0.0}});
  }
  json nodes = json::array();
  for (const auto& [code, events] : degree) nodes.push_back({{"code", code}, {"events", events}});
  return {{"filter", filter_json(f)}, {"limit", f.limit}, {"nodes", nodes}, {"edges", out}};
}

nlohmann::json claims(Store& store, const ParamList& params) {
  check_with_filter(params, {});
  if (find(params, "evidential"))
    throw ApiError(400, "parameter 'evidential': claims groups by it; leave it out");
  EventFilter f = filter_of(params, 20);
  json groups = json::array();
  for (const char* ev : {"asserted", "reported", "alleged", "believed", "denied"}) {
    EventFilter g = f;
    g.evidential = ev;
    int64_t total = store.count_events(g);
    json rows = json::array();
    std::map<std::string, int64_t> credibility;  // over the rows returned
    if (total > 0)
      for (const EventRow& r : store.query_events(g)) {
        ++credibility[r.credibility.empty() ? "-" : r.credibility];
        rows.push_back(to_json(r));
      }
    groups.push_back(
        {{"evidential", ev}, {"total", total}, {"credibility_in_page", credibility}, {"events", rows}});
  }
  return {{"filter", filter_json(f)}, {"limit", f.limit}, {"offset", f.offset}, {"groups", groups}};
}

nlohmann::json documents(Store& store, const ParamList& params) {
  if (auto e = check(params, {"q", "limit", "offset"})) throw ApiError(*e);
  std::string q;
  int64_t limit = 50, offset = 0;
  if (const std::string* v = find(params, "q")) q = *v;
  if (const std::string* v = find(params, "limit")) {
    if (auto e = parse_int("limit", *v, 1, INT64_MAX, &limit)) throw ApiError(*e);
    limit = std::min(limit, kMaxLimit);
  }
  if (const std::string* v = find(params, "offset"))
    if (auto e = parse_int("offset", *v, 0, kMaxOffset, &offset)) throw ApiError(*e);
  // One row more than asked tells whether another page follows (the store gives no total).
  std::vector<DocListing> rows_in = store.list_documents(q, limit + 1, offset);
  const bool more = static_cast<int64_t>(rows_in.size()) > limit;
  if (more) rows_in.pop_back();
  json rows = json::array();
  for (const DocListing& d : rows_in)
    rows.push_back({{"id", d.id},
                    {"title", d.title},
                    {"outlet", d.outlet},
                    {"url", d.url},
                    {"published", d.published},
                    {"events", d.events},
                    {"status", d.status}});
  return {{"more", more}, {"limit", limit}, {"offset", offset}, {"documents", rows}};
}

nlohmann::json search(Store& store, const ParamList& params) {
  if (auto e = check(params, {"q", "limit"})) throw ApiError(*e);
  const std::string* q = find(params, "q");
  if (!q || q->empty()) throw ApiError(400, "parameter 'q': required");
  int64_t limit = 20;
  if (const std::string* v = find(params, "limit")) {
    if (auto e = parse_int("limit", *v, 1, INT64_MAX, &limit)) throw ApiError(*e);
    limit = std::min(limit, kMaxLimit);
  }
  ParamList doc_params = {{"q", *q}, {"limit", std::to_string(limit)}};
  json docs = documents(store, doc_params);
  ParamList ev_params = {{"text", *q}, {"limit", std::to_string(limit)}};
  json evs = events(store, ev_params);
  return {{"q", *q},
          {"documents", docs["documents"]},
          {"documents_more", docs["more"]},
          {"events", evs["events"]},
          {"events_total", evs["total"]}};
}

}  // namespace dyad::api

#include "store/pg_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/dedup.h"
#include "store/pg_migrations.h"

namespace dyad {
namespace {

// The same derived columns as the SQLite store writes (sqlite_store.cpp keeps its own copies in
// an anonymous namespace; these three lines each are not worth a shared header across owners).
std::string_view span_of(const Doc& doc, uint32_t first, uint32_t last) {
  if (first >= last || last > doc.tokens.size()) return {};
  uint32_t b = doc.tokens[first].begin, e = doc.tokens[last - 1].end;
  if (b > e || e > doc.text.size()) return {};
  return std::string_view(doc.text).substr(b, e - b);
}

Span char_span(const Doc& doc, uint32_t first, uint32_t last) {
  if (first >= last || last > doc.tokens.size()) return {};
  return {doc.tokens[first].begin, doc.tokens[last - 1].end};
}

std::string quantities_json(const std::vector<Quantity>& qs) {
  nlohmann::json a = nlohmann::json::array();
  for (const Quantity& q : qs)
    a.push_back({{"value", q.value},
                 {"op", q.op},
                 {"unit", q.unit},
                 {"actor", q.actor},
                 {"first", q.first},
                 {"last", q.last}});
  return a.dump();
}

std::vector<Quantity> parse_quantities(const std::string& s) {
  std::vector<Quantity> out;
  auto a = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false);
  if (!a.is_array()) return out;
  for (const auto& j : a) {
    Quantity q;
    q.value = j.value("value", 0.0);
    q.op = j.value("op", "");
    q.unit = j.value("unit", "");
    q.actor = j.value("actor", "");
    q.first = j.value("first", 0u);
    q.last = j.value("last", 0u);
    out.push_back(std::move(q));
  }
  return out;
}

// COPY text-format row builder: f(x) appends a field, end() closes the row.
struct Rows {
  std::string buf;
  size_t n = 0;
  void f(std::string_view v) { pg::copy_field(buf, v, '\t'); }
  void f(int64_t v) { pg::copy_field(buf, v, '\t'); }
  void f(uint32_t v) { pg::copy_field(buf, static_cast<int64_t>(v), '\t'); }
  void f(int v) { pg::copy_field(buf, static_cast<int64_t>(v), '\t'); }
  void f(bool v) { pg::copy_field(buf, static_cast<int64_t>(v), '\t'); }
  void f(double v) { pg::copy_field(buf, v, '\t'); }
  void null() { pg::copy_null(buf, '\t'); }
  void end() {
    buf.back() = '\n';
    ++n;
  }
};

void copy_rows(pg::Conn& c, const char* table, const Rows& r) {
  if (r.n) c.copy_in(table, r.buf);
}

}  // namespace

PgStore::PgStore(const std::string& url, const StoreOptions& options)
    : conn_(std::make_unique<pg::Conn>(url)), options_(options) {
  pg::migrate(*conn_);
}

PgStore::~PgStore() = default;

bool PgStore::has(const std::string& key) {
  return conn_->exec("SELECT 1 FROM documents WHERE content_key = $1 AND status = 'ok'", {key}).rows() > 0;
}

PutResult PgStore::put(const Doc& doc, const DocRecord& record) {
  pg::Tx tx(*conn_);
  PutResult r = put_in_tx(doc, record);
  tx.commit();
  return r;
}

PutResult PgStore::put_in_tx(const Doc& d, const DocRecord& rec, int64_t* doc_row) {
  pg::Conn& c = *conn_;
  int64_t doc = 0;
  // Two rounds at most: a concurrent writer may commit the same key between our check and insert.
  for (int round = 0; round < 2 && doc == 0; ++round) {
    pg::Result old =
        c.exec("SELECT doc, status FROM documents WHERE content_key = $1 FOR UPDATE", {rec.content_key});
    if (old.rows()) {
      if (old.text(0, 1) == "ok") {
        if (doc_row) *doc_row = old.int64(0, 0);
        return PutResult::kDuplicate;
      }
      // A stored failure of the same input: this attempt replaces it (and leaves the clusters its
      // events belonged to).
      lock_clusters();
      const std::vector<int64_t> touched = clusters_of_doc(old.int64(0, 0));
      c.exec("DELETE FROM documents WHERE doc = $1", {old.int64(0, 0)});
      for (int64_t cl : touched) refresh_cluster(cl);
    }
    pg::Result ins = c.exec(
        "INSERT INTO documents(id, content_key, url, source, title, published, published_origin, path, text, "
        "status, error, stages, outlet) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) "
        "ON CONFLICT (content_key) DO NOTHING RETURNING doc",
        {d.id, rec.content_key, d.url, d.source, d.title, d.published, d.published_origin, d.path, d.text,
         rec.status, rec.error, rec.stages, outlet_key(d.source, d.url, d.id)});
    if (ins.rows()) doc = ins.int64(0, 0);
  }
  if (doc == 0)
    throw std::runtime_error("postgresql: content key " + rec.content_key + " keeps changing under us");
  if (doc_row) *doc_row = doc;

  Rows s;
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const Sentence& x = d.sentences[i];
    s.f(doc), s.f(static_cast<int64_t>(i)), s.f(x.first), s.f(x.last), s.f(x.span.begin), s.f(x.span.end);
    s.end();
  }
  copy_rows(c, "sentences (doc, idx, first_token, last_token, \"begin\", \"end\")", s);

  if (options_.store_tokens) {
    Rows t;
    for (uint32_t i = 0; i < d.tokens.size(); ++i) {
      t.f(doc), t.f(i), t.f(d.tokens[i].begin), t.f(d.tokens[i].end);
      if (i < d.upos.size())
        t.f(upos_name(d.upos[i]));
      else
        t.null();
      if (i < d.xpos.size())
        t.f(xpos_name(d.xpos[i]));
      else
        t.null();
      if (i < d.lemma.size())
        t.f(std::string_view(d.lemma[i]));
      else
        t.null();
      if (i < d.head.size())
        t.f(static_cast<int64_t>(d.head[i]));
      else
        t.null();
      if (i < d.deprel.size())
        t.f(deprel_name(d.deprel[i]));
      else
        t.null();
      t.end();
    }
    copy_rows(c, "tokens (doc, idx, \"begin\", \"end\", upos, xpos, lemma, head, deprel)", t);
  }

  Rows e;
  for (size_t i = 0; i < d.entities.size(); ++i) {
    const Entity& x = d.entities[i];
    Span sp = char_span(d, x.first, x.last);
    e.f(doc), e.f(static_cast<int64_t>(i)), e.f(x.first), e.f(x.last), e.f(sp.begin), e.f(sp.end);
    e.f(entity_type_name(x.type)), e.f(span_of(d, x.first, x.last));
    e.end();
  }
  copy_rows(c, "entities (doc, idx, first_token, last_token, \"begin\", \"end\", type, text)", e);

  Rows tx;
  for (size_t i = 0; i < d.timexes.size(); ++i) {
    const Timex& x = d.timexes[i];
    tx.f(doc), tx.f(static_cast<int64_t>(i)), tx.f(x.first), tx.f(x.last), tx.f(x.span.begin),
        tx.f(x.span.end);
    tx.f(std::string_view(x.type)), tx.f(std::string_view(x.value)), tx.f(std::string_view(x.mod));
    tx.end();
  }
  copy_rows(c, "timexes (doc, idx, first_token, last_token, \"begin\", \"end\", type, value, mod)", tx);

  Rows q;
  for (size_t i = 0; i < d.quantities.size(); ++i) {
    const Quantity& x = d.quantities[i];
    q.f(doc), q.f(static_cast<int64_t>(i)), q.f(x.first), q.f(x.last), q.f(x.value);
    q.f(std::string_view(x.op)), q.f(std::string_view(x.unit)), q.f(std::string_view(x.actor));
    q.end();
  }
  copy_rows(c, "quantities (doc, idx, first_token, last_token, value, op, unit, actor)", q);

  Rows p;
  for (size_t i = 0; i < d.places.size(); ++i) {
    const Place& x = d.places[i];
    p.f(doc), p.f(static_cast<int64_t>(i)), p.f(x.first), p.f(x.last), p.f(x.geonames_id);
    p.f(std::string_view(x.name)), p.f(std::string_view(x.country)), p.f(std::string_view(x.adm1));
    p.f(std::string_view(x.feature)), p.f(x.lat), p.f(x.lon);
    p.end();
  }
  copy_rows(c,
            "places (doc, idx, first_token, last_token, geonames_id, name, country, adm1, feature, lat, lon)",
            p);

  Rows v;
  for (size_t i = 0; i < d.events.size(); ++i) {
    const Event& x = d.events[i];
    v.f(doc), v.f(static_cast<int64_t>(i)), v.f(x.sentence), v.f(x.trigger_first), v.f(x.trigger_last);
    v.f(span_of(d, x.trigger_first, x.trigger_last));
    v.f(std::string_view(x.source.code)), v.f(std::string_view(x.source.name)), v.f(x.source.first),
        v.f(x.source.last);
    v.f(std::string_view(x.target.code)), v.f(std::string_view(x.target.name)), v.f(x.target.first),
        v.f(x.target.last);
    v.f(std::string_view(x.code)), v.f(std::string_view(x.root)), v.f(x.quad_class), v.f(x.goldstein);
    v.f(std::string_view(x.plover)), v.f(x.negated), v.f(std::string_view(x.modality)),
        v.f(std::string_view(x.speaker));
    v.f(std::string_view(x.date)), v.f(x.date_assumed), v.f(x.timex);
    v.f(std::string_view(x.place)), v.f(std::string_view(x.place_country)),
        v.f(std::string_view(x.place_adm1));
    v.f(x.lat), v.f(x.lon), v.f(x.geonames_id);
    v.f(std::string_view(quantities_json(x.quantities)));
    v.f(std::string_view(x.claimant)), v.f(std::string_view(x.evidential)),
        v.f(std::string_view(x.credibility));
    v.f(std::string_view(x.credibility));  // the base grade; corroboration may raise `credibility`
    v.f(std::string_view(dedup_key(dedup_mention(x))));
    v.end();
  }
  copy_rows(
      c,
      "events (doc, idx, sentence, trigger_first, trigger_last, trigger_text, source_code, source_name, "
      "source_first, source_last, target_code, target_name, target_first, target_last, code, root, "
      "quad_class, goldstein, plover, negated, modality, speaker, date, date_assumed, timex, place, "
      "place_country, place_adm1, lat, lon, geonames_id, quantities, claimant, evidential, credibility, "
      "credibility_base, dedup_key)",
      v);
  if (!d.events.empty()) {
    lock_clusters();
    pg::Result ids = c.exec("SELECT id FROM events WHERE doc = $1 ORDER BY idx", {doc});
    for (int i = 0; i < ids.rows(); ++i) assign_cluster(ids.int64(i, 0), /*regrade=*/true);
  }
  return PutResult::kStored;
}

void PgStore::record_error(const std::string& where, const std::string& message) {
  conn_->exec("INSERT INTO errors(location, message) VALUES ($1, $2)", {where, message});
}

std::optional<StoredDoc> PgStore::load(const std::string& ref) {
  pg::Conn& c = *conn_;
  // Exact id / key / path first, then a file name match ("seed-x" finds ".../seed-x.txt").
  pg::Result r = c.exec(
      "SELECT doc, id, content_key, url, source, title, published, published_origin, path, text, status, "
      "error, "
      "stages, to_char(ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM documents "
      "WHERE id = $1 OR content_key = $1 OR path = $1 OR path LIKE '%/' || $1 "
      "OR path LIKE '%/' || $1 || '.%' OR path LIKE $1 || '.%' "
      "ORDER BY (id = $1 OR content_key = $1 OR path = $1) DESC, doc DESC LIMIT 1",
      {ref});
  if (!r.rows()) return std::nullopt;
  StoredDoc s;
  s.rowid = r.int64(0, 0);
  Doc& d = s.doc;
  d.id = r.text(0, 1);
  s.record.content_key = r.text(0, 2);
  d.url = r.text(0, 3);
  d.source = r.text(0, 4);
  d.title = r.text(0, 5);
  d.published = r.text(0, 6);
  d.published_origin = r.text(0, 7);
  d.path = r.text(0, 8);
  d.text = r.text(0, 9);
  s.record.status = r.text(0, 10);
  s.record.error = r.text(0, 11);
  s.record.stages = r.text(0, 12);
  s.ingested_at = r.text(0, 13);
  const std::vector<pg::Param> key{s.rowid};
  auto u32 = [](const pg::Result& q, int row, int col) { return static_cast<uint32_t>(q.int64(row, col)); };

  pg::Result ss = c.exec(
      "SELECT first_token, last_token, \"begin\", \"end\" FROM sentences WHERE doc = $1 ORDER BY idx", key);
  for (int i = 0; i < ss.rows(); ++i)
    d.sentences.push_back({u32(ss, i, 0), u32(ss, i, 1), {u32(ss, i, 2), u32(ss, i, 3)}});

  pg::Result st = c.exec(
      "SELECT \"begin\", \"end\", upos, xpos, lemma, head, deprel FROM tokens WHERE doc = $1 ORDER BY idx",
      key);
  for (int i = 0; i < st.rows(); ++i) {
    d.tokens.push_back({u32(st, i, 0), u32(st, i, 1)});
    Upos u = Upos::X;
    parse_upos(st.text(i, 2), &u);
    d.upos.push_back(u);
    d.xpos.push_back(xpos_id(st.text(i, 3)));
    d.lemma.push_back(st.text(i, 4));
    d.head.push_back(static_cast<int32_t>(st.int64(i, 5)));
    d.deprel.push_back(deprel_id(st.text(i, 6)));
  }
  // Columns a pipeline stage did not fill stay empty rather than defaulted.
  if (d.lemma.empty() || std::all_of(d.lemma.begin(), d.lemma.end(), [](auto& l) { return l.empty(); }))
    d.upos.clear(), d.xpos.clear(), d.lemma.clear(), d.head.clear(), d.deprel.clear();

  pg::Result se =
      c.exec("SELECT first_token, last_token, type, text FROM entities WHERE doc = $1 ORDER BY idx", key);
  for (int i = 0; i < se.rows(); ++i) {
    Entity e{u32(se, i, 0), u32(se, i, 1), EntityType::MISC};
    const std::string type = se.text(i, 2);
    for (int t = 0; t < static_cast<int>(EntityType::kCount); ++t)
      if (entity_type_name(static_cast<EntityType>(t)) == type) e.type = static_cast<EntityType>(t);
    d.entities.push_back(e);
    s.entity_text.push_back(se.text(i, 3));
  }

  pg::Result sx = c.exec(
      "SELECT first_token, last_token, \"begin\", \"end\", type, value, mod FROM timexes WHERE doc = $1 "
      "ORDER BY idx",
      key);
  for (int i = 0; i < sx.rows(); ++i)
    d.timexes.push_back({u32(sx, i, 0),
                         u32(sx, i, 1),
                         {u32(sx, i, 2), u32(sx, i, 3)},
                         sx.text(i, 4),
                         sx.text(i, 5),
                         sx.text(i, 6)});

  pg::Result sq = c.exec(
      "SELECT first_token, last_token, value, op, unit, actor FROM quantities WHERE doc = $1 ORDER BY idx",
      key);
  for (int i = 0; i < sq.rows(); ++i)
    d.quantities.push_back(
        {u32(sq, i, 0), u32(sq, i, 1), sq.real(i, 2), sq.text(i, 3), sq.text(i, 4), sq.text(i, 5)});

  pg::Result sp = c.exec(
      "SELECT first_token, last_token, geonames_id, name, country, adm1, feature, lat, lon FROM places "
      "WHERE doc = $1 ORDER BY idx",
      key);
  for (int i = 0; i < sp.rows(); ++i)
    d.places.push_back({u32(sp, i, 0), u32(sp, i, 1), sp.int64(i, 2), sp.text(i, 3), sp.text(i, 4),
                        sp.text(i, 5), sp.text(i, 6), sp.real(i, 7), sp.real(i, 8)});

  pg::Result sv = c.exec(
      "SELECT sentence, trigger_first, trigger_last, trigger_text, source_code, source_name, "
      "source_first, source_last, target_code, target_name, target_first, target_last, code, root, "
      "quad_class, goldstein, plover, negated, modality, speaker, date, date_assumed, timex, place, "
      "place_country, place_adm1, lat, lon, geonames_id, quantities, claimant, evidential, "
      "credibility FROM events WHERE doc = $1 ORDER BY idx",
      key);
  for (int i = 0; i < sv.rows(); ++i) {
    Event e;
    int k = 0;
    e.sentence = u32(sv, i, k++);
    e.trigger_first = u32(sv, i, k++);
    e.trigger_last = u32(sv, i, k++);
    s.event_trigger.push_back(sv.text(i, k++));
    e.source.code = sv.text(i, k++);
    e.source.name = sv.text(i, k++);
    e.source.first = u32(sv, i, k++);
    e.source.last = u32(sv, i, k++);
    e.target.code = sv.text(i, k++);
    e.target.name = sv.text(i, k++);
    e.target.first = u32(sv, i, k++);
    e.target.last = u32(sv, i, k++);
    e.code = sv.text(i, k++);
    e.root = sv.text(i, k++);
    e.quad_class = static_cast<int>(sv.int64(i, k++));
    e.goldstein = sv.real(i, k++);
    e.plover = sv.text(i, k++);
    e.negated = sv.int64(i, k++) != 0;
    e.modality = sv.text(i, k++);
    e.speaker = sv.text(i, k++);
    e.date = sv.text(i, k++);
    e.date_assumed = sv.int64(i, k++) != 0;
    e.timex = static_cast<int>(sv.int64(i, k++));
    e.place = sv.text(i, k++);
    e.place_country = sv.text(i, k++);
    e.place_adm1 = sv.text(i, k++);
    e.lat = sv.real(i, k++);
    e.lon = sv.real(i, k++);
    e.geonames_id = sv.int64(i, k++);
    e.quantities = parse_quantities(sv.text(i, k++));
    e.claimant = sv.text(i, k++);
    e.evidential = sv.text(i, k++);
    e.credibility = sv.text(i, k++);
    d.events.push_back(std::move(e));
  }
  return s;
}

StoreSummary PgStore::summary(int top_n) {
  pg::Conn& c = *conn_;
  StoreSummary s;
  pg::Result r = c.exec(
      "SELECT (SELECT count(*) FROM documents WHERE status = 'ok'), "
      "(SELECT count(*) FROM documents WHERE status <> 'ok'), (SELECT count(*) FROM sentences), "
      "(SELECT count(*) FROM tokens), (SELECT count(*) FROM entities), (SELECT count(*) FROM timexes), "
      "(SELECT count(*) FROM events), "
      "(SELECT count(*) FROM (SELECT source_code FROM events WHERE source_code <> '' "
      " UNION SELECT target_code FROM events WHERE target_code <> '') a), "
      "(SELECT count(*) FROM errors)");
  s.documents = r.int64(0, 0);
  s.failed = r.int64(0, 1);
  s.sentences = r.int64(0, 2);
  s.tokens = r.int64(0, 3);
  s.entities = r.int64(0, 4);
  s.timexes = r.int64(0, 5);
  s.events = r.int64(0, 6);
  s.actors = r.int64(0, 7);
  s.errors = r.int64(0, 8);
  pg::Result q = c.exec(
      "SELECT source_code, target_code, count(*) AS n FROM events WHERE source_code <> '' AND target_code <> "
      "'' "
      "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT $1",
      {top_n});
  for (int i = 0; i < q.rows(); ++i) s.top_dyads.push_back({q.text(i, 0), q.text(i, 1), q.int64(i, 2)});
  return s;
}

int PgStore::schema_version() { return pg::current_version(*conn_); }

}  // namespace dyad

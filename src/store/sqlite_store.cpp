#include "store/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/hash.h"
#include "store/migrations.h"
#include "store/pg_store.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store_impl.h"

namespace dyad {
namespace {

std::string utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

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

}  // namespace

std::string content_key(std::string_view raw, std::string_view id) {
  return hex64(hash_mix(hash64(raw), hash64(id, 0x9E3779B97F4A7C15ULL)));
}

SqliteStore::Impl::Impl(const std::string& path, const StoreOptions& o) : db(path), options(o) {
  if (path != ":memory:") db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL");
  const int before = sqlite::current_version(db);
  version = sqlite::migrate(db);
  has_key = sqlite::Stmt(db, "SELECT 1 FROM documents WHERE content_key = ? AND status = 'ok'");
  find_key = sqlite::Stmt(db, "SELECT doc, status FROM documents WHERE content_key = ?");
  delete_doc = sqlite::Stmt(db, "DELETE FROM documents WHERE doc = ?");
  ins_doc = sqlite::Stmt(db,
                         "INSERT INTO documents(id, content_key, url, source, title, published, "
                         "published_origin, path, text, status, error, stages, ingested_at, outlet) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  ins_sentence = sqlite::Stmt(db, "INSERT INTO sentences VALUES (?,?,?,?,?,?)");
  ins_token = sqlite::Stmt(db, "INSERT INTO tokens VALUES (?,?,?,?,?,?,?,?,?)");
  ins_entity = sqlite::Stmt(db, "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?)");
  ins_timex = sqlite::Stmt(db, "INSERT INTO timexes VALUES (?,?,?,?,?,?,?,?,?)");
  ins_quantity = sqlite::Stmt(db, "INSERT INTO quantities VALUES (?,?,?,?,?,?,?,?)");
  ins_place = sqlite::Stmt(db, "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  ins_event =
      sqlite::Stmt(db,
                   "INSERT INTO events (doc, idx, sentence, trigger_first, trigger_last, trigger_text, "
                   "source_code, source_name, source_first, source_last, target_code, target_name, "
                   "target_first, target_last, code, root, quad_class, goldstein, plover, negated, "
                   "modality, speaker, date, date_assumed, timex, place, place_country, place_adm1, "
                   "lat, lon, geonames_id, quantities, claimant, evidential, credibility, "
                   "credibility_base, dedup_key, cluster) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)");
  ins_error = sqlite::Stmt(db, "INSERT INTO errors(location, message, at) VALUES (?,?,?)");
  prepare_dedup();
  if (before < 4 && before > 0) {  // (migration 5 needs no data fill)
    // Upgraded from a store without outlets, dedup keys and clusters: fill them once (C++ rules).
    db.exec("BEGIN IMMEDIATE");
    try {
      sqlite::Stmt docs(db, "SELECT doc, source, url, id FROM documents WHERE outlet = ''");
      sqlite::Stmt set(db, "UPDATE documents SET outlet = ? WHERE doc = ?");
      while (docs.step())
        set.bind(1, outlet_key(docs.text(1), docs.text(2), docs.text(3))).bind(2, docs.int64(0)).run();
      sqlite::Stmt evs(db,
                       "SELECT id, source_code, target_code, code, date, date_assumed, negated FROM events");
      sqlite::Stmt set_key(db, "UPDATE events SET dedup_key = ? WHERE id = ?");
      std::vector<std::pair<int64_t, std::string>> keys;
      while (evs.step()) {
        DedupMention m;
        m.source = evs.text(1), m.target = evs.text(2), m.code = evs.text(3), m.date = evs.text(4);
        keys.emplace_back(evs.int64(0), dedup_key(m));
      }
      for (const auto& [id, k] : keys) set_key.bind(1, k).bind(2, id).run();
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
    rebuild();
  }
}

void SqliteStore::Impl::write(const Doc& d, const DocRecord& r) {
  ins_doc.bind(1, d.id).bind(2, r.content_key).bind(3, d.url).bind(4, d.source).bind(5, d.title);
  ins_doc.bind(6, d.published).bind(7, d.published_origin).bind(8, d.path).bind(9, d.text);
  ins_doc.bind(10, r.status).bind(11, r.error).bind(12, r.stages).bind(13, utc_now());
  ins_doc.bind(14, outlet_key(d.source, d.url, d.id));
  ins_doc.run();
  const int64_t doc = db.last_rowid();

  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const Sentence& s = d.sentences[i];
    ins_sentence.bind(1, doc).bind(2, static_cast<int64_t>(i)).bind(3, s.first).bind(4, s.last);
    ins_sentence.bind(5, s.span.begin).bind(6, s.span.end).run();
  }
  if (options.store_tokens) {
    for (uint32_t i = 0; i < d.tokens.size(); ++i) {
      ins_token.bind(1, doc).bind(2, i).bind(3, d.tokens[i].begin).bind(4, d.tokens[i].end);
      if (i < d.upos.size()) ins_token.bind(5, upos_name(d.upos[i]));
      if (i < d.xpos.size()) ins_token.bind(6, xpos_name(d.xpos[i]));
      if (i < d.lemma.size()) ins_token.bind(7, d.lemma[i]);
      if (i < d.head.size()) ins_token.bind(8, static_cast<int64_t>(d.head[i]));
      if (i < d.deprel.size()) ins_token.bind(9, deprel_name(d.deprel[i]));
      ins_token.run();
    }
  }
  for (size_t i = 0; i < d.entities.size(); ++i) {
    const Entity& e = d.entities[i];
    Span sp = char_span(d, e.first, e.last);
    ins_entity.bind(1, doc).bind(2, static_cast<int64_t>(i)).bind(3, e.first).bind(4, e.last);
    ins_entity.bind(5, sp.begin).bind(6, sp.end).bind(7, entity_type_name(e.type));
    ins_entity.bind(8, span_of(d, e.first, e.last)).run();
  }
  for (size_t i = 0; i < d.timexes.size(); ++i) {
    const Timex& t = d.timexes[i];
    ins_timex.bind(1, doc).bind(2, static_cast<int64_t>(i)).bind(3, t.first).bind(4, t.last);
    ins_timex.bind(5, t.span.begin).bind(6, t.span.end).bind(7, t.type).bind(8, t.value).bind(9, t.mod).run();
  }
  for (size_t i = 0; i < d.quantities.size(); ++i) {
    const Quantity& q = d.quantities[i];
    ins_quantity.bind(1, doc).bind(2, static_cast<int64_t>(i)).bind(3, q.first).bind(4, q.last);
    ins_quantity.bind(5, q.value).bind(6, q.op).bind(7, q.unit).bind(8, q.actor).run();
  }
  for (size_t i = 0; i < d.places.size(); ++i) {
    const Place& p = d.places[i];
    ins_place.bind(1, doc).bind(2, static_cast<int64_t>(i)).bind(3, p.first).bind(4, p.last);
    ins_place.bind(5, p.geonames_id).bind(6, p.name).bind(7, p.country).bind(8, p.adm1).bind(9, p.feature);
    ins_place.bind(10, p.lat).bind(11, p.lon).run();
  }
  for (size_t i = 0; i < d.events.size(); ++i) {
    const Event& e = d.events[i];
    sqlite::Stmt& s = ins_event;
    int c = 1;
    auto b = [&](const auto& v) { s.bind(c++, v); };
    b(doc);
    b(static_cast<int64_t>(i));
    b(e.sentence);
    b(e.trigger_first);
    b(e.trigger_last);
    b(span_of(d, e.trigger_first, e.trigger_last));
    b(e.source.code);
    b(e.source.name);
    b(e.source.first);
    b(e.source.last);
    b(e.target.code);
    b(e.target.name);
    b(e.target.first);
    b(e.target.last);
    b(e.code);
    b(e.root);
    b(e.quad_class);
    b(e.goldstein);
    b(e.plover);
    b(e.negated);
    b(e.modality);
    b(e.speaker);
    b(e.date);
    b(e.date_assumed);
    b(e.timex);
    b(e.place);
    b(e.place_country);
    b(e.place_adm1);
    b(e.lat);
    b(e.lon);
    b(e.geonames_id);
    b(quantities_json(e.quantities));
    b(e.claimant);
    b(e.evidential);
    b(e.credibility);  // corroborated grade: equal to the base grade until another outlet reports it
    b(e.credibility);
    b(dedup_key(dedup_mention(e)));
    s.run();
    assign_cluster(db.last_rowid(), /*regrade=*/true);
  }
}

SqliteStore::SqliteStore(const std::string& path, const StoreOptions& options)
    : impl_(std::make_unique<Impl>(path, options)) {}
SqliteStore::~SqliteStore() {
  // Lets the query planner collect statistics on tables that grew (cheap; SQLite's advice).
  try {
    impl_->db.exec("PRAGMA optimize");
  } catch (...) {
  }
}

bool SqliteStore::has(const std::string& key) {
  impl_->has_key.bind(1, key);
  bool found = impl_->has_key.step();
  impl_->has_key.reset();
  return found;
}

PutResult SqliteStore::put(const Doc& doc, const DocRecord& record) {
  Impl& m = *impl_;
  m.db.exec("BEGIN IMMEDIATE");
  try {
    m.find_key.bind(1, record.content_key);
    if (m.find_key.step()) {
      const int64_t old = m.find_key.int64(0);
      const bool ok = m.find_key.text(1) == "ok";
      m.find_key.reset();
      if (ok) {
        m.db.exec("COMMIT");
        return PutResult::kDuplicate;
      }
      // A stored failure of the same input: this attempt replaces it (and leaves the clusters
      // its events belonged to).
      const std::vector<int64_t> touched = m.clusters_of_doc(old);
      m.delete_doc.bind(1, old).run();
      for (int64_t c : touched) m.refresh_cluster(c);
    } else {
      m.find_key.reset();
    }
    m.write(doc, record);
    m.db.exec("COMMIT");
  } catch (...) {
    // Statements may be mid-step; reset them all before rolling back.
    for (sqlite::Stmt* s : {&m.find_key, &m.delete_doc, &m.ins_doc, &m.ins_sentence, &m.ins_token,
                            &m.ins_entity, &m.ins_timex, &m.ins_quantity, &m.ins_place, &m.ins_event})
      s->reset();
    m.reset_dedup_statements();
    m.db.exec("ROLLBACK");
    throw;
  }
  return PutResult::kStored;
}

void SqliteStore::record_error(const std::string& where, const std::string& message) {
  impl_->ins_error.bind(1, where).bind(2, message).bind(3, utc_now()).run();
}

std::optional<StoredDoc> SqliteStore::load(const std::string& ref) {
  sqlite::Db& db = impl_->db;
  // Exact id / key / path first, then a file name match ("seed-x" finds ".../seed-x.txt").
  sqlite::Stmt q(db,
                 "SELECT doc, id, content_key, url, source, title, published, published_origin, path, text, "
                 "status, error, stages, ingested_at FROM documents "
                 "WHERE id = ?1 OR content_key = ?1 OR path = ?1 OR path LIKE '%/' || ?1 "
                 "OR path LIKE '%/' || ?1 || '.%' OR path LIKE ?1 || '.%' "
                 "ORDER BY (id = ?1 OR content_key = ?1 OR path = ?1) DESC, doc DESC LIMIT 1");
  q.bind(1, ref);
  if (!q.step()) return std::nullopt;
  StoredDoc s;
  s.rowid = q.int64(0);
  Doc& d = s.doc;
  d.id = q.text(1);
  s.record.content_key = q.text(2);
  d.url = q.text(3);
  d.source = q.text(4);
  d.title = q.text(5);
  d.published = q.text(6);
  d.published_origin = q.text(7);
  d.path = q.text(8);
  d.text = q.text(9);
  s.record.status = q.text(10);
  s.record.error = q.text(11);
  s.record.stages = q.text(12);
  s.ingested_at = q.text(13);
  const int64_t doc = s.rowid;
  auto u32 = [](const sqlite::Stmt& st, int c) { return static_cast<uint32_t>(st.int64(c)); };

  sqlite::Stmt ss(db, "SELECT first_token, last_token, begin, end FROM sentences WHERE doc = ? ORDER BY idx");
  ss.bind(1, doc);
  while (ss.step()) d.sentences.push_back({u32(ss, 0), u32(ss, 1), {u32(ss, 2), u32(ss, 3)}});

  sqlite::Stmt st(
      db, "SELECT begin, end, upos, xpos, lemma, head, deprel FROM tokens WHERE doc = ? ORDER BY idx");
  st.bind(1, doc);
  while (st.step()) {
    d.tokens.push_back({u32(st, 0), u32(st, 1)});
    Upos u = Upos::X;
    parse_upos(st.text(2), &u);
    d.upos.push_back(u);
    d.xpos.push_back(xpos_id(st.text(3)));
    d.lemma.push_back(st.text(4));
    d.head.push_back(static_cast<int32_t>(st.int64(5)));
    d.deprel.push_back(deprel_id(st.text(6)));
  }
  // Columns a pipeline stage did not fill stay empty rather than defaulted.
  if (d.lemma.empty() || std::all_of(d.lemma.begin(), d.lemma.end(), [](auto& l) { return l.empty(); })) {
    d.upos.clear(), d.xpos.clear(), d.lemma.clear(), d.head.clear(), d.deprel.clear();
  }

  sqlite::Stmt se(db, "SELECT first_token, last_token, type, text FROM entities WHERE doc = ? ORDER BY idx");
  se.bind(1, doc);
  while (se.step()) {
    Entity e{u32(se, 0), u32(se, 1), EntityType::MISC};
    std::string type = se.text(2);
    for (int t = 0; t < static_cast<int>(EntityType::kCount); ++t)
      if (entity_type_name(static_cast<EntityType>(t)) == type) e.type = static_cast<EntityType>(t);
    d.entities.push_back(e);
    s.entity_text.push_back(se.text(3));
  }

  sqlite::Stmt sx(db,
                  "SELECT first_token, last_token, begin, end, type, value, mod FROM timexes WHERE doc = ? "
                  "ORDER BY idx");
  sx.bind(1, doc);
  while (sx.step())
    d.timexes.push_back(
        {u32(sx, 0), u32(sx, 1), {u32(sx, 2), u32(sx, 3)}, sx.text(4), sx.text(5), sx.text(6)});

  sqlite::Stmt sq(db,
                  "SELECT first_token, last_token, value, op, unit, actor FROM quantities WHERE doc = ? "
                  "ORDER BY idx");
  sq.bind(1, doc);
  while (sq.step())
    d.quantities.push_back({u32(sq, 0), u32(sq, 1), sq.real(2), sq.text(3), sq.text(4), sq.text(5)});

  sqlite::Stmt sp(
      db,
      "SELECT first_token, last_token, geonames_id, name, country, adm1, feature, lat, lon FROM places "
      "WHERE doc = ? ORDER BY idx");
  sp.bind(1, doc);
  while (sp.step())
    d.places.push_back({u32(sp, 0), u32(sp, 1), sp.int64(2), sp.text(3), sp.text(4), sp.text(5), sp.text(6),
                        sp.real(7), sp.real(8)});

  sqlite::Stmt sv(
      db,
      "SELECT sentence, trigger_first, trigger_last, trigger_text, source_code, source_name, "
      "source_first, source_last, target_code, target_name, target_first, target_last, code, root, "
      "quad_class, goldstein, plover, negated, modality, speaker, date, date_assumed, timex, place, "
      "place_country, place_adm1, lat, lon, geonames_id, quantities, claimant, evidential, "
      "credibility FROM events WHERE doc = ? ORDER BY idx");
  sv.bind(1, doc);
  while (sv.step()) {
    Event e;
    int c = 0;
    e.sentence = u32(sv, c++);
    e.trigger_first = u32(sv, c++);
    e.trigger_last = u32(sv, c++);
    s.event_trigger.push_back(sv.text(c++));
    e.source.code = sv.text(c++);
    e.source.name = sv.text(c++);
    e.source.first = u32(sv, c++);
    e.source.last = u32(sv, c++);
    e.target.code = sv.text(c++);
    e.target.name = sv.text(c++);
    e.target.first = u32(sv, c++);
    e.target.last = u32(sv, c++);
    e.code = sv.text(c++);
    e.root = sv.text(c++);
    e.quad_class = static_cast<int>(sv.int64(c++));
    e.goldstein = sv.real(c++);
    e.plover = sv.text(c++);
    e.negated = sv.int64(c++) != 0;
    e.modality = sv.text(c++);
    e.speaker = sv.text(c++);
    e.date = sv.text(c++);
    e.date_assumed = sv.int64(c++) != 0;
    e.timex = static_cast<int>(sv.int64(c++));
    e.place = sv.text(c++);
    e.place_country = sv.text(c++);
    e.place_adm1 = sv.text(c++);
    e.lat = sv.real(c++);
    e.lon = sv.real(c++);
    e.geonames_id = sv.int64(c++);
    e.quantities = parse_quantities(sv.text(c++));
    e.claimant = sv.text(c++);
    e.evidential = sv.text(c++);
    e.credibility = sv.text(c++);
    d.events.push_back(std::move(e));
  }
  return s;
}

StoreSummary SqliteStore::summary(int top_n) {
  sqlite::Db& db = impl_->db;
  StoreSummary s;
  auto count = [&](const char* sql) {
    sqlite::Stmt q(db, sql);
    return q.step() ? q.int64(0) : 0;
  };
  s.documents = count("SELECT count(*) FROM documents WHERE status = 'ok'");
  s.failed = count("SELECT count(*) FROM documents WHERE status <> 'ok'");
  s.sentences = count("SELECT count(*) FROM sentences");
  s.tokens = count("SELECT count(*) FROM tokens");
  s.entities = count("SELECT count(*) FROM entities");
  s.timexes = count("SELECT count(*) FROM timexes");
  s.events = count("SELECT count(*) FROM events");
  s.actors = count(
      "SELECT count(*) FROM (SELECT source_code AS a FROM events WHERE source_code <> '' "
      "UNION SELECT target_code FROM events WHERE target_code <> '')");
  s.errors = count("SELECT count(*) FROM errors");
  sqlite::Stmt q(db,
                 "SELECT source_code, target_code, count(*) AS n FROM events "
                 "WHERE source_code <> '' AND target_code <> '' GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?");
  q.bind(1, top_n);
  while (q.step()) s.top_dyads.push_back({q.text(0), q.text(1), q.int64(2)});
  return s;
}

int SqliteStore::schema_version() { return sqlite::current_version(impl_->db); }

DedupStats SqliteStore::rebuild_clusters() { return impl_->rebuild(); }

std::unique_ptr<Store> open_store(const std::string& url, const StoreOptions& options) {
  if (pg::is_url(url)) return std::make_unique<PgStore>(url, options);
  return std::make_unique<SqliteStore>(url, options);
}

}  // namespace dyad

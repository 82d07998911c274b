// PgStore against a real server (see pg_test_util.h): the same documents written to SQLite and to
// PostgreSQL must read back the same through every Store method, and concurrent openers and
// writers must not trip over each other.
#include "store/pg_store.h"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "pg_test_util.h"
#include "store/pg_migrations.h"
#include "store/store.h"

namespace dyad {
namespace {

struct Ev {
  std::string src, tgt, code, date, place = "", country = "";
  double goldstein = 1;
  int quad = 1;
  std::string words = "met";
  std::string evidential = "asserted";
};

// One sentence per event ("<src> <words> <tgt>."), after a non-ASCII sentence so that byte
// offsets and character offsets differ; a tab and a backslash check COPY escaping.
Doc make_doc(const std::string& id, const std::string& outlet, const std::vector<Ev>& evs) {
  Doc d;
  d.id = id;
  d.source = outlet;
  d.url = "https://www." + outlet + ".example/" + id;
  d.title = "Title\twith tab \\ and newline\n" + id;
  d.published = "2025-06-15";
  d.published_origin = "metadata";
  d.path = id + ".txt";
  d.text = "Zürich — «Ünïcödé» préface.";
  d.tokens.push_back({0, static_cast<uint32_t>(d.text.size())});
  d.sentences.push_back({0, 1, {0, static_cast<uint32_t>(d.text.size())}});
  d.entities.push_back({0, 1, EntityType::LOC});
  d.timexes.push_back({0, 1, {0, 7}, "DATE", "2025-06-14", ""});
  d.quantities.push_back({0, 1, 10000.5, ">", "troop", "PRK"});
  d.places.push_back({0, 1, 1871859, "Pyongyang", "PRK", "Pyongyang", "capital", 39.03, 125.75});
  for (const Ev& e : evs) {
    d.text += " ";
    const uint32_t b = static_cast<uint32_t>(d.text.size());
    d.text += e.src + " " + e.words + " " + e.tgt + ".";
    const uint32_t t = static_cast<uint32_t>(d.tokens.size());
    d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
    d.sentences.push_back({t, t + 1, {b, static_cast<uint32_t>(d.text.size())}});
    Event ev;
    ev.sentence = static_cast<uint32_t>(d.sentences.size() - 1);
    ev.trigger_first = t;
    ev.trigger_last = t + 1;
    ev.source = {e.src, e.src + " name", t, t + 1};
    ev.target = {e.tgt, e.tgt + " name", t, t + 1};
    ev.code = e.code;
    ev.root = e.code.substr(0, 2);
    ev.quad_class = e.quad;
    ev.goldstein = e.goldstein;
    ev.date = e.date;
    ev.place = e.place;
    ev.place_country = e.country;
    ev.quantities.push_back({t, t + 1, 3, "=", "meeting", ""});
    ev.claimant = outlet;
    ev.evidential = e.evidential;
    ev.credibility = "B3";
    d.events.push_back(ev);
  }
  return d;
}

std::vector<Doc> corpus() {
  return {
      make_doc("a", "TASS",
               {{"RUS", "PRK", "042", "2025-06-14", "Pyongyang", "PRK", 1.9, 1, "visited"},
                {"PRK", "RUS", "057", "2025-06-14", "", "", 8, 1, "signed a treaty with"},
                {"USA", "PRK", "112", "2025-06-20", "", "", -2, 3, "accused"}}),
      make_doc("b", "Yonhap",
               {{"RUSGOV", "PRKGOV", "190", "2024-03-02", "", "", -10, 4, "attacked", "alleged"},
                {"KOR", "USA", "040", "2025-07", "", "", 1, 1, "consulted"},
                {"CHN", "RUS", "036", "2025-01-05", "Beijing", "CHN", 4, 1, "wants to meet"}}),
      // Reports the same visit as "a" from another outlet: clusters with it, corroborates it.
      make_doc("c", "Reuters", {{"PRK", "RUS", "043", "2025-06-15", "Pyongyang", "PRK", 2.8, 1, "hosted"}})};
}

void put_all(Store& s) {
  for (const Doc& d : corpus()) {
    DocRecord r;
    r.content_key = content_key(d.text, d.id);
    r.stages = "clean,events";
    ASSERT_EQ(s.put(d, r), PutResult::kStored);
  }
}

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DYAD_REQUIRE_PG();
    schema = std::make_unique<pgtest::Schema>();
    pg = open_store(schema->url());
    lite = open_store(":memory:");
    put_all(*pg);
    put_all(*lite);
  }
  std::unique_ptr<pgtest::Schema> schema;
  std::unique_ptr<Store> pg, lite;
};

std::string row_text(const EventRow& r) {
  return fmt::format("{}|{}|{}|{}>{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", r.doc_id,
                     r.idx, r.doc_row, r.source_code, r.target_code, r.source_name, r.target_name, r.code,
                     r.root, r.quad_class, r.goldstein, r.negated, r.date, r.place, r.place_country, r.lat,
                     r.quantities, r.claimant, r.evidential, r.credibility, r.credibility_base, r.trigger,
                     r.sentence, r.sentence_begin, r.sentence_end) +
         fmt::format("|{}|{}|{}|{}|{}|{}|{}|{}|{}", r.outlet, r.url, r.published, r.title, r.cluster,
                     r.mentions, r.sources, r.sentence_idx, r.geonames_id);
}

std::vector<std::string> rows(Store& s, const EventFilter& f) {
  std::vector<std::string> out;
  for (const EventRow& r : s.query_events(f)) out.push_back(row_text(r));
  return out;
}

TEST_F(PgStoreTest, RoundTripEqualsSqlite) {
  EXPECT_EQ(pg->schema_version(), static_cast<int>(pg::migrations().size()));
  for (const std::string ref : {"a", "b.txt", "c"}) {
    auto p = pg->load(ref);
    auto l = lite->load(ref);
    ASSERT_TRUE(p && l) << ref;
    EXPECT_EQ(p->doc.text, l->doc.text);
    EXPECT_EQ(p->doc.title, l->doc.title) << "tab, backslash and newline survive COPY";
    EXPECT_EQ(p->doc.url, l->doc.url);
    EXPECT_EQ(p->record.stages, "clean,events");
    EXPECT_EQ(p->doc.sentences.size(), l->doc.sentences.size());
    EXPECT_EQ(p->entity_text, l->entity_text);
    EXPECT_EQ(p->event_trigger, l->event_trigger);
    ASSERT_EQ(p->doc.events.size(), l->doc.events.size());
    for (size_t i = 0; i < p->doc.events.size(); ++i) {
      EXPECT_EQ(p->doc.events[i].code, l->doc.events[i].code);
      EXPECT_EQ(p->doc.events[i].quantities.size(), 1u);
      EXPECT_DOUBLE_EQ(p->doc.events[i].goldstein, l->doc.events[i].goldstein);
    }
    ASSERT_EQ(p->doc.places.size(), 1u);
    EXPECT_DOUBLE_EQ(p->doc.places[0].lat, 39.03);
    EXPECT_DOUBLE_EQ(p->doc.quantities[0].value, 10000.5);
    EXPECT_EQ(p->ingested_at.size(), 20u) << p->ingested_at;
  }
  EXPECT_FALSE(pg->load("nothing-like-this"));
  StoreSummary a = pg->summary(5), b = lite->summary(5);
  EXPECT_EQ(a.documents, 3);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.entities, b.entities);
  EXPECT_EQ(a.actors, b.actors);
  ASSERT_EQ(a.top_dyads.size(), b.top_dyads.size());
  for (size_t i = 0; i < a.top_dyads.size(); ++i) EXPECT_EQ(a.top_dyads[i].source, b.top_dyads[i].source);
}

TEST_F(PgStoreTest, ReadersEqualSqlite) {
  std::vector<EventFilter> filters(12);
  filters[1].actor = "RUS";
  filters[2].source = "RUS", filters[2].target = "PRK", filters[2].either_direction = true;
  filters[3].code = "04", filters[3].date_from = "2025-06-01", filters[3].date_to = "2025-06-30";
  filters[4].date_from = "2025-07-01";
  filters[5].place = "prk";
  filters[6].text = "TREATY";
  filters[7].evidential = "alleged";
  filters[8].doc = "b";
  filters[9].min_sources = 2;
  filters[10].limit = 2, filters[10].offset = 1;
  filters[11].quad_class = 1, filters[11].claimant = "tas";
  for (size_t i = 0; i < filters.size(); ++i) {
    const EventFilter& f = filters[i];
    EXPECT_EQ(rows(*pg, f), rows(*lite, f)) << "filter " << i;
    EXPECT_EQ(pg->count_events(f), lite->count_events(f)) << "filter " << i;
    auto na = pg->network(f, 1), nb = lite->network(f, 1);
    ASSERT_EQ(na.size(), nb.size()) << "filter " << i;
    for (size_t k = 0; k < na.size(); ++k)
      EXPECT_EQ(na[k].source + na[k].target + std::to_string(na[k].events),
                nb[k].source + nb[k].target + std::to_string(nb[k].events));
    auto ta = pg->top_actors(f, 3), tb = lite->top_actors(f, 3);
    ASSERT_EQ(ta.size(), tb.size()) << "filter " << i;
    for (size_t k = 0; k < ta.size(); ++k) EXPECT_EQ(ta[k].code + ta[k].name, tb[k].code + tb[k].name);
    for (Interval iv : {Interval::kDay, Interval::kWeek, Interval::kMonth}) {
      auto sa = pg->series(f, iv), sb = lite->series(f, iv);
      ASSERT_EQ(sa.size(), sb.size()) << "filter " << i;
      for (size_t k = 0; k < sa.size(); ++k) {
        EXPECT_EQ(sa[k].period, sb[k].period);
        EXPECT_EQ(sa[k].events, sb[k].events);
        EXPECT_DOUBLE_EQ(sa[k].goldstein_sum, sb[k].goldstein_sum);
        for (int q = 0; q < 4; ++q) EXPECT_EQ(sa[k].quad[q], sb[k].quad[q]);
      }
    }
  }
  EXPECT_EQ(pg->count_events(filters[9]), 2) << "the visit reported by TASS and Reuters is one cluster";
  std::vector<std::string> visited;
  EventFilter all;
  all.limit = -1;
  pg->visit_events(all, [&](const EventRow& r) {
    visited.push_back(row_text(r));
    return visited.size() < 4;
  });
  std::vector<std::string> expect = rows(*lite, all);
  expect.resize(4);
  EXPECT_EQ(visited, expect) << "visit stops when told to";
  auto la = pg->list_documents("yonhap", 10, 0), lb = lite->list_documents("yonhap", 10, 0);
  ASSERT_EQ(la.size(), 1u);
  EXPECT_EQ(la[0].id, lb[0].id);
  EXPECT_EQ(la[0].events, 3);
  EXPECT_EQ(pg->list_documents("", -1, 0).size(), 3u);
  DedupStats ra = pg->rebuild_clusters(), rb = lite->rebuild_clusters();
  EXPECT_EQ(ra.events, rb.events);
  EXPECT_EQ(ra.clusters, rb.clusters);
  EXPECT_EQ(ra.merged, rb.merged);
  EXPECT_EQ(rows(*pg, all), rows(*lite, all)) << "rebuilt clusters read back the same";
}

TEST(PgStore, IdempotentPutAndFailureReplaced) {
  DYAD_REQUIRE_PG();
  pgtest::Schema schema;
  auto s = open_store(schema.url());
  Doc d = corpus()[0];
  DocRecord failed{content_key("raw", d.id), "failed", "stage parse: boom", "clean"};
  EXPECT_EQ(s->put(d, failed), PutResult::kStored);
  EXPECT_FALSE(s->has(failed.content_key)) << "a failure does not count as stored";
  DocRecord ok{failed.content_key, "ok", "", "clean,events"};
  EXPECT_EQ(s->put(d, ok), PutResult::kStored) << "the failure is replaced";
  EXPECT_TRUE(s->has(ok.content_key));
  EXPECT_EQ(s->put(d, ok), PutResult::kDuplicate);
  StoreSummary sum = s->summary(3);
  EXPECT_EQ(sum.documents, 1);
  EXPECT_EQ(sum.failed, 0);
  EXPECT_EQ(sum.events, 3);
  s->record_error("in.jsonl:7", "malformed JSON");
  EXPECT_EQ(s->summary(3).errors, 1);
}

TEST(PgStore, ConcurrentOpenAndPutOfTheSameInput) {
  DYAD_REQUIRE_PG();
  pgtest::Schema schema;
  // Eight sessions migrate an empty schema at once, then all store the same input.
  std::vector<std::thread> threads;
  std::atomic<int> stored{0}, dup{0}, errors{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      try {
        auto s = open_store(schema.url());
        Doc d = corpus()[1];
        DocRecord r{content_key("same raw", d.id), "ok", "", "clean"};
        (s->put(d, r) == PutResult::kStored ? stored : dup)++;
      } catch (const std::exception& e) {
        ++errors;
        ADD_FAILURE() << e.what();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(stored, 1);
  EXPECT_EQ(dup, 7);
  pg::Conn c(schema.url());
  EXPECT_EQ(c.exec("SELECT count(*) FROM dyad_migrations").int64(0, 0),
            static_cast<int64_t>(pg::migrations().size()));
  EXPECT_EQ(c.exec("SELECT count(*) FROM events").int64(0, 0), 3);
}

TEST(PgStore, NewerSchemaIsRefusedAndBadUrlsExplained) {
  DYAD_REQUIRE_PG();
  pgtest::Schema schema;
  { auto s = open_store(schema.url()); }
  pg::Conn c(schema.url());
  c.exec("INSERT INTO dyad_migrations(version) VALUES (999)");
  EXPECT_THROW(open_store(schema.url()), std::runtime_error);
  try {
    open_store("postgresql://nobody@127.0.0.1:1/none");
    ADD_FAILURE() << "no server on port 1";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot connect to PostgreSQL"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dyad

// Readers of the store (query.h) over SQLite, and the SQL that filter_sql() produces.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/filter_sql.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace dyad {
namespace {

// One document with one sentence per event; the sentence text is "<prefix> <words>." so text
// search has something to find. A non-ASCII prefix sentence checks that spans are bytes.
struct Ev {
  std::string src, tgt, code, date, place = "", country = "";
  double goldstein = 1;
  int quad = 1;
  std::string words = "met";
  std::string evidential = "asserted";
};

Doc make_doc(const std::string& id, const std::string& outlet, const std::vector<Ev>& evs) {
  Doc d;
  d.id = id;
  d.source = outlet;
  d.published = "2025-06-15";
  d.path = id + ".txt";
  d.text = "Zürich — «Ünïcödé» préface.";
  d.tokens.push_back({0, static_cast<uint32_t>(d.text.size())});
  d.sentences.push_back({0, 1, {0, static_cast<uint32_t>(d.text.size())}});
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
    ev.date_assumed = false;
    ev.place = e.place;
    ev.place_country = e.country;
    ev.claimant = outlet;
    ev.evidential = e.evidential;
    ev.credibility = "B3";
    d.events.push_back(ev);
  }
  return d;
}

void put(Store& s, const Doc& d) {
  DocRecord r;
  r.content_key = content_key(d.text, d.id);
  ASSERT_EQ(s.put(d, r), PutResult::kStored);
}

class Query : public ::testing::Test {
 protected:
  void SetUp() override {
    store = open_store(":memory:");
    put(*store, make_doc("a", "TASS",
                         {{"RUS", "PRK", "042", "2025-06-14", "Pyongyang", "PRK", 1.9, 1, "visited"},
                          {"PRK", "RUS", "057", "2025-06-14", "", "", 8, 1, "signed a treaty with"},
                          {"USA", "PRK", "112", "2025-06-20", "", "", -2, 3, "accused"}}));
    put(*store, make_doc("b", "Yonhap",
                         {{"RUSGOV", "PRKGOV", "190", "2024-03-02", "", "", -10, 4, "attacked", "alleged"},
                          {"KOR", "USA", "040", "2025-07", "", "", 1, 1, "consulted"},
                          {"CHN", "RUS", "036", "2025-01-05", "Beijing", "CHN", 4, 1, "wants to meet"}}));
  }
  std::vector<std::string> codes(const EventFilter& f) {
    std::vector<std::string> out;
    for (const EventRow& r : store->query_events(f)) out.push_back(r.code);
    return out;
  }
  std::unique_ptr<Store> store;
};

using V = std::vector<std::string>;

TEST_F(Query, AllOrderedByDateThenId) {
  EventFilter f;
  EXPECT_EQ(codes(f), (V{"190", "036", "042", "057", "112", "040"}));
  EXPECT_EQ(store->count_events(f), 6);
}

TEST_F(Query, DyadIsDirectedUnlessEitherDirection) {
  EventFilter f;
  f.source = "RUS";
  f.target = "PRK";
  EXPECT_EQ(codes(f), (V{"190", "042"})) << "prefix RUS matches RUSGOV";
  f.either_direction = true;
  EXPECT_EQ(codes(f), (V{"190", "042", "057"}));
  EXPECT_EQ(store->count_events(f), 3);
}

TEST_F(Query, ActorCodeQuadAndEvidential) {
  EventFilter f;
  f.actor = "USA";
  EXPECT_EQ(codes(f), (V{"112", "040"}));
  f = {};
  f.code = "04";
  EXPECT_EQ(codes(f), (V{"042", "040"}));
  f = {};
  f.quad_class = 4;
  EXPECT_EQ(codes(f), (V{"190"}));
  f = {};
  f.evidential = "alleged";
  EXPECT_EQ(codes(f), (V{"190"}));
}

TEST_F(Query, DateRangeUsesPrefixes) {
  EventFilter f;
  f.date_from = "2025-06-01";
  f.date_to = "2025-06-30";
  EXPECT_EQ(codes(f), (V{"042", "057", "112"}));
  f.date_from = "2025-07-10";
  f.date_to = "2025-07-20";
  EXPECT_EQ(codes(f), (V{"040"})) << "a month-only date lies in a range touching its month";
  f.date_from = "2025";
  f.date_to = "2025-01";
  EXPECT_EQ(codes(f), (V{"036"}));
  f.date_from = "";
  f.date_to = "2024";
  EXPECT_EQ(codes(f), (V{"190"}));
}

TEST_F(Query, PlaceTextDocAndPaging) {
  EventFilter f;
  f.place = "pyongyang";
  EXPECT_EQ(codes(f), (V{"042"}));
  f = {};
  f.place = "chn";
  EXPECT_EQ(codes(f), (V{"036"}));
  f = {};
  f.text = "SIGNED A";
  auto rows = store->query_events(f);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sentence, "PRK signed a treaty with RUS.") << "sentence cut at byte offsets";
  EXPECT_EQ(rows[0].outlet, "TASS");
  EXPECT_EQ(rows[0].doc_id, "a");
  EXPECT_EQ(store->count_events(f), 1);
  f = {};
  f.doc = "b";
  EXPECT_EQ(codes(f), (V{"190", "036", "040"}));
  f.limit = 2;
  f.offset = 1;
  EXPECT_EQ(codes(f), (V{"036", "040"}));
  f.limit = -1;
  f.offset = 0;
  EXPECT_EQ(codes(f).size(), 3u);
}

TEST_F(Query, ValuesAreBoundNeverPasted) {
  EventFilter f;
  f.actor = "X'); DROP TABLE events; --";
  f.text = "50%_off'";
  FilterSql fs = filter_sql(f, SqlDialect::kSqlite);
  EXPECT_EQ(fs.where.find("DROP"), std::string::npos);
  EXPECT_EQ(fs.where.find("off"), std::string::npos);
  EXPECT_TRUE(store->query_events(f).empty());
  EXPECT_EQ(store->count_events({}), 6) << "events table intact";
  f = {};
  f.text = "%";
  EXPECT_TRUE(store->query_events(f).empty()) << "'%' is literal, not a wildcard";
}

TEST(FilterSql, PostgresPlaceholdersAreNumberedFromTheGivenStart) {
  EventFilter f;
  f.source = "RUS";
  f.target = "PRK";
  f.either_direction = true;
  f.date_from = "2025-01-01";
  FilterSql fs = filter_sql(f, SqlDialect::kPostgres, 3);
  EXPECT_NE(fs.where.find("$3"), std::string::npos);
  EXPECT_EQ(fs.where.find("$2"), std::string::npos);
  EXPECT_EQ(fs.where.find('?'), std::string::npos);
  EXPECT_EQ(fs.next_placeholder, 3 + static_cast<int>(fs.values.size()));
  EXPECT_NE(fs.where.find("$" + std::to_string(fs.next_placeholder - 1)), std::string::npos);
  EXPECT_EQ(filter_sql({}, SqlDialect::kSqlite).where, "1=1");
}

TEST(FilterSql, PrefixBound) {
  EXPECT_EQ(prefix_upper_bound("RUS"), "RUT");
  EXPECT_EQ(prefix_upper_bound(std::string("A\xff")), "B");
  EXPECT_EQ(prefix_upper_bound(std::string("\xff")), "");
  EXPECT_EQ(like_contains("a%b_c\\"), "%a\\%b\\_c\\\\%");
}

TEST_F(Query, SeriesPerDayWeekMonth) {
  EventFilter f;
  f.date_from = "2025-06-01";
  auto m = store->series(f, Interval::kMonth);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].period, "2025-06");
  EXPECT_EQ(m[0].events, 3);
  EXPECT_DOUBLE_EQ(m[0].goldstein_sum, 1.9 + 8 - 2);
  EXPECT_DOUBLE_EQ(m[0].goldstein_mean, (1.9 + 8 - 2) / 3);
  EXPECT_EQ(m[0].quad[0], 2);
  EXPECT_EQ(m[0].quad[2], 1);
  EXPECT_EQ(m[1].period, "2025-07");
  auto w = store->series(f, Interval::kWeek);
  ASSERT_EQ(w.size(), 2u) << "the month-only date has no week";
  EXPECT_EQ(w[0].period, "2025-W24");  // Saturday 14 June 2025
  EXPECT_EQ(w[1].period, "2025-W25");
  auto d = store->series(f, Interval::kDay);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].period, "2025-06-14");
  EXPECT_EQ(d[0].events, 2);
}

TEST_F(Query, NetworkAndTopActors) {
  put(*store,
      make_doc("c", "AP", {{"RUS", "PRK", "042", "2025-05-01"}, {"RUS", "PRK", "043", "2025-05-02"}}));
  auto edges = store->network({}, 2);
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].source, "RUS");
  EXPECT_EQ(edges[0].target, "PRK");
  EXPECT_EQ(edges[0].events, 3);
  EXPECT_EQ(store->network({}, 1).size(), 6u);
  auto top = store->top_actors({}, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].code, "PRK");
  EXPECT_EQ(top[0].events, 5);
  EXPECT_EQ(top[1].code, "RUS");
  EXPECT_EQ(top[1].name, "RUS name");
  EventFilter f;
  f.code = "04";
  top = store->top_actors(f, 10);
  ASSERT_FALSE(top.empty());
  EXPECT_EQ(top[0].code, "PRK");
  EXPECT_EQ(top[0].events, 3);
}

TEST_F(Query, ListDocuments) {
  auto all = store->list_documents("", 10, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "b") << "most recent first";
  EXPECT_EQ(all[0].events, 3);
  EXPECT_EQ(all[0].outlet, "Yonhap");
  auto hit = store->list_documents("yonh", 10, 0);
  ASSERT_EQ(hit.size(), 1u);
  EXPECT_EQ(hit[0].id, "b");
  EXPECT_EQ(store->list_documents("", 1, 1)[0].id, "a");
}

// A store written by a build before migration 3 gets ids, outlets and clusters on opening.
TEST(Store, UpgradeFromVersion2ClustersOldEvents) {
  const auto path = (std::filesystem::temp_directory_path() / "dyad_store_upgrade_test.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  {
    sqlite::Db db(path);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (2)");
    db.exec(sqlite::migrations()[0].sql);
    db.exec(sqlite::migrations()[1].sql);
    db.exec(
        "INSERT INTO documents(doc, id, content_key, url, source, ingested_at) VALUES "
        "(1, 'x', 'k1', 'https://www.tass.ru/a', '', 't'), (2, 'y', 'k2', '', 'Yonhap', 't')");
    const char* ev =
        "INSERT INTO events VALUES (%d, 0, 0, 0, 1, 'met', 'RUS', 'Russia', 0, 1, 'PRK', 'North Korea', 1, "
        "2, "
        "'%s', '04', 1, 1.0, 'CONSULT', 0, '', '', '2025-06-14', 0, -1, '', '', '', 0, 0, 0, '[]', 'x', "
        "'asserted', 'B3')";
    char buf[512];
    std::snprintf(buf, sizeof buf, ev, 1, "043");
    db.exec(buf);
    std::snprintf(buf, sizeof buf, ev, 2, "040");
    db.exec(buf);
  }
  {
    auto store = open_store(path);
    auto rows = store->query_events({});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_NE(rows[0].id, rows[1].id);
    EXPECT_EQ(rows[0].cluster, rows[1].cluster);
    EXPECT_EQ(rows[0].sources, 2);
    EXPECT_EQ(rows[0].outlet, "tass.ru");
    EXPECT_EQ(rows[0].credibility_base, "B3");
    EXPECT_EQ(rows[0].credibility, "B2");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace dyad

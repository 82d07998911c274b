#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace dyad {
namespace {

// A small document with one of everything, spans consistent with its text.
Doc sample_doc() {
  Doc d;
  d.id = "doc-1";
  d.url = "https://example.org/a";
  d.source = "Example";
  d.title = "Lavrov visits Pyongyang";
  d.published = "2025-07-12";
  d.published_origin = "metadata";
  d.path = "in.jsonl:3";
  d.text = "Lavrov met Kim in Pyongyang on Saturday.";
  // tokens: Lavrov met Kim in Pyongyang on Saturday .
  uint32_t b[] = {0, 7, 11, 15, 18, 28, 31, 39}, e[] = {6, 10, 14, 17, 27, 30, 39, 40};
  for (int i = 0; i < 8; ++i) d.tokens.push_back({b[i], e[i]});
  d.sentences.push_back({0, 8, {0, 40}});
  d.entities.push_back({0, 1, EntityType::PER});
  d.entities.push_back({4, 5, EntityType::LOC});
  d.timexes.push_back({6, 7, {31, 39}, "DATE", "2025-07-12", ""});
  d.quantities.push_back({1, 2, 10000, ">", "troop", "PRK"});
  d.places.push_back({4, 5, 1871859, "Pyongyang", "PRK", "Pyongyang", "capital", 39.03, 125.75});
  Event ev;
  ev.sentence = 0;
  ev.trigger_first = 1;
  ev.trigger_last = 2;
  ev.source = {"RUSGOV", "Lavrov", 0, 1};
  ev.target = {"PRKGOV", "Kim", 2, 3};
  ev.code = "043";
  ev.root = "04";
  ev.quad_class = 1;
  ev.goldstein = 2.8;
  ev.plover = "CONSULT";
  ev.modality = "intend";
  ev.date = "2025-07-12";
  ev.date_assumed = false;
  ev.timex = 0;
  ev.place = "Pyongyang";
  ev.place_country = "PRK";
  ev.lat = 39.03;
  ev.lon = 125.75;
  ev.geonames_id = 1871859;
  ev.quantities.push_back({1, 2, 3, "=", "meeting", ""});
  ev.claimant = "KCNA";
  ev.evidential = "reported";
  ev.credibility = "B2";
  d.events.push_back(ev);
  return d;
}

DocRecord record_of(const Doc& d, std::string_view raw = "raw bytes") {
  DocRecord r;
  r.content_key = content_key(raw, d.id);
  r.stages = "clean,segment";
  return r;
}

TEST(Store, RoundTripKeepsEveryField) {
  auto store = open_store(":memory:");
  const Doc d = sample_doc();
  ASSERT_EQ(store->put(d, record_of(d)), PutResult::kStored);
  auto got = store->load("doc-1");
  ASSERT_TRUE(got);
  const Doc& g = got->doc;
  EXPECT_EQ(g.id, d.id);
  EXPECT_EQ(g.url, d.url);
  EXPECT_EQ(g.source, d.source);
  EXPECT_EQ(g.title, d.title);
  EXPECT_EQ(g.published, d.published);
  EXPECT_EQ(g.published_origin, d.published_origin);
  EXPECT_EQ(g.path, d.path);
  EXPECT_EQ(g.text, d.text);
  EXPECT_EQ(got->record.stages, "clean,segment");
  EXPECT_EQ(got->record.status, "ok");
  ASSERT_EQ(g.sentences.size(), 1u);
  EXPECT_EQ(g.sentences[0].span, (Span{0, 40}));
  EXPECT_TRUE(g.tokens.empty()) << "tokens are off by default";
  ASSERT_EQ(g.entities.size(), 2u);
  EXPECT_EQ(g.entities[1].type, EntityType::LOC);
  EXPECT_EQ(got->entity_text[0], "Lavrov");
  EXPECT_EQ(got->entity_text[1], "Pyongyang");
  ASSERT_EQ(g.timexes.size(), 1u);
  EXPECT_EQ(g.timexes[0].value, "2025-07-12");
  EXPECT_EQ(g.timexes[0].span, (Span{31, 39}));
  ASSERT_EQ(g.quantities.size(), 1u);
  EXPECT_EQ(g.quantities[0].value, 10000);
  EXPECT_EQ(g.quantities[0].actor, "PRK");
  ASSERT_EQ(g.places.size(), 1u);
  EXPECT_EQ(g.places[0].geonames_id, 1871859);
  ASSERT_EQ(g.events.size(), 1u);
  const Event& e = g.events[0];
  const Event& x = d.events[0];
  EXPECT_EQ(e.source.code, x.source.code);
  EXPECT_EQ(e.source.name, x.source.name);
  EXPECT_EQ(e.target.code, x.target.code);
  EXPECT_EQ(e.target.first, x.target.first);
  EXPECT_EQ(e.code, x.code);
  EXPECT_EQ(e.root, x.root);
  EXPECT_EQ(e.quad_class, x.quad_class);
  EXPECT_DOUBLE_EQ(e.goldstein, x.goldstein);
  EXPECT_EQ(e.plover, x.plover);
  EXPECT_EQ(e.modality, x.modality);
  EXPECT_EQ(e.date, x.date);
  EXPECT_EQ(e.date_assumed, x.date_assumed);
  EXPECT_EQ(e.timex, x.timex);
  EXPECT_EQ(e.place, x.place);
  EXPECT_EQ(e.geonames_id, x.geonames_id);
  ASSERT_EQ(e.quantities.size(), 1u);
  EXPECT_EQ(e.quantities[0].unit, "meeting");
  EXPECT_EQ(e.claimant, x.claimant);
  EXPECT_EQ(e.evidential, x.evidential);
  EXPECT_EQ(e.credibility, x.credibility);
  EXPECT_EQ(got->event_trigger[0], "met");
}

TEST(Store, TokensStoredOnRequest) {
  StoreOptions o;
  o.store_tokens = true;
  auto store = open_store(":memory:", o);
  Doc d = sample_doc();
  d.lemma.assign(d.tokens.size(), "x");
  d.upos.assign(d.tokens.size(), Upos::PROPN);
  d.xpos.assign(d.tokens.size(), xpos_id("NNP"));
  d.head.assign(d.tokens.size(), -1);
  d.deprel.assign(d.tokens.size(), deprel_id("root"));
  store->put(d, record_of(d));
  auto got = store->load("doc-1");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->doc.tokens.size(), 8u);
  EXPECT_EQ(got->doc.upos[3], Upos::PROPN);
  EXPECT_EQ(xpos_name(got->doc.xpos[3]), "NNP");
  EXPECT_EQ(deprel_name(got->doc.deprel[3]), "root");
  EXPECT_EQ(got->doc.head[3], -1);
}

TEST(Store, SameInputTwiceAddsNothing) {
  auto store = open_store(":memory:");
  const Doc d = sample_doc();
  EXPECT_FALSE(store->has(record_of(d).content_key));
  EXPECT_EQ(store->put(d, record_of(d)), PutResult::kStored);
  EXPECT_TRUE(store->has(record_of(d).content_key));
  EXPECT_EQ(store->put(d, record_of(d)), PutResult::kDuplicate);
  EXPECT_EQ(store->summary(5).documents, 1);
  EXPECT_EQ(store->summary(5).events, 1);
  // Different raw bytes under the same id are a new input.
  EXPECT_EQ(store->put(d, record_of(d, "edited raw bytes")), PutResult::kStored);
  EXPECT_EQ(store->summary(5).documents, 2);
}

TEST(Store, FailedDocumentIsRecordedAndRetried) {
  auto store = open_store(":memory:");
  Doc bad = sample_doc();
  bad.id = "bad";
  DocRecord r = record_of(bad, "bad raw");
  r.status = "failed";
  r.error = "stage parse: boom";
  EXPECT_EQ(store->put(bad, r), PutResult::kStored);
  Doc good = sample_doc();
  EXPECT_EQ(store->put(good, record_of(good)), PutResult::kStored);
  StoreSummary s = store->summary(5);
  EXPECT_EQ(s.documents, 1);
  EXPECT_EQ(s.failed, 1);
  EXPECT_FALSE(store->has(r.content_key)) << "a failure must not count as stored";
  auto got = store->load("bad");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->record.error, "stage parse: boom");
  // The same input succeeding later replaces the failure.
  DocRecord ok = record_of(bad, "bad raw");
  EXPECT_EQ(store->put(bad, ok), PutResult::kStored);
  s = store->summary(5);
  EXPECT_EQ(s.documents, 2);
  EXPECT_EQ(s.failed, 0);
}

TEST(Store, DatabaseErrorRollsBackOnlyThatDocument) {
  const auto path = (std::filesystem::temp_directory_path() / "dyad_store_rollback_test.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  {
    auto store = open_store(path);
    // A trigger makes one event row fail half-way through a document's transaction.
    sqlite::Db db(path);
    db.exec(
        "CREATE TRIGGER no999 BEFORE INSERT ON events WHEN NEW.code = '999' "
        "BEGIN SELECT RAISE(ABORT, 'code 999 refused'); END");
    Doc bad = sample_doc();
    bad.id = "bad";
    bad.events[0].code = "999";
    EXPECT_THROW(store->put(bad, record_of(bad)), std::runtime_error);
    EXPECT_FALSE(store->load("bad")) << "the failed document's rows must be rolled back";
    store->record_error("x.jsonl:4", "malformed JSON");
    Doc good = sample_doc();
    EXPECT_EQ(store->put(good, record_of(good)), PutResult::kStored);
    StoreSummary s = store->summary(5);
    EXPECT_EQ(s.errors, 1);
    EXPECT_EQ(s.documents, 1);
    EXPECT_EQ(s.sentences, 1) << "no sentence of the failed document may remain";
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

TEST(Store, MigratesEmptyDatabaseAndReopens) {
  const auto path = (std::filesystem::temp_directory_path() / "dyad_store_migrate_test.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  {
    sqlite::Db db(path);
    EXPECT_EQ(sqlite::current_version(db), 0);
    EXPECT_EQ(sqlite::migrate(db), sqlite::migrations().back().version);
    EXPECT_EQ(sqlite::migrate(db), sqlite::migrations().back().version) << "second run applies nothing";
  }
  {
    auto store = open_store(path);
    EXPECT_EQ(store->schema_version(), sqlite::migrations().back().version);
    Doc d = sample_doc();
    store->put(d, record_of(d));
  }
  {
    auto store = open_store(path);  // reopen: data kept, no migration re-run
    EXPECT_EQ(store->summary(3).documents, 1);
    ASSERT_EQ(store->summary(3).top_dyads.size(), 1u);
    EXPECT_EQ(store->summary(3).top_dyads[0].source, "RUSGOV");
  }
  {
    sqlite::Db db(path);
    sqlite::Stmt q(db, "PRAGMA journal_mode");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), "wal");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

TEST(Store, RefusesNewerSchema) {
  sqlite::Db db(":memory:");
  sqlite::migrate(db);
  db.exec("UPDATE schema_version SET version = 999");
  EXPECT_THROW(sqlite::migrate(db), std::runtime_error);
}

TEST(Store, LoadByFileName) {
  auto store = open_store(":memory:");
  Doc d = sample_doc();
  d.path = "examples/seed-russia-dprk-2025-07.txt";
  store->put(d, record_of(d));
  EXPECT_TRUE(store->load("seed-russia-dprk-2025-07"));
  EXPECT_TRUE(store->load("seed-russia-dprk-2025-07.txt"));
  EXPECT_TRUE(store->load("examples/seed-russia-dprk-2025-07.txt"));
  EXPECT_FALSE(store->load("seed-russia"));
  EXPECT_FALSE(store->load("nothing"));
}

TEST(Store, PostgresNotYetBuilt) {
  EXPECT_THROW(open_store("postgresql://localhost/dyad"), std::runtime_error);
}

}  // namespace
}  // namespace dyad

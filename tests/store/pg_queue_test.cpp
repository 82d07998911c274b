// The PostgreSQL work queue (store/pg_queue.h) against a real server (see pg_test_util.h).
#include "store/pg_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "pg_test_util.h"

namespace dyad {
namespace {

QueueInput input(int i) {
  QueueInput in;
  in.meta.id = "doc-" + std::to_string(i);
  in.meta.path = "in.jsonl:" + std::to_string(i);
  in.meta.source = "Outlet";
  in.raw = "Raw body " + std::to_string(i) + std::string(1, '\0') + " with a NUL byte";
  in.content_key = content_key(in.raw, in.meta.id);
  return in;
}

Doc analysed(const QueueItem& it) {
  Doc d = it.input.meta;
  d.text = "Analysed " + it.input.meta.id + ".";
  d.tokens.push_back({0, static_cast<uint32_t>(d.text.size())});
  d.sentences.push_back({0, 1, {0, static_cast<uint32_t>(d.text.size())}});
  return d;
}

DocRecord record(const QueueItem& it) { return {it.input.content_key, "ok", "", "clean"}; }

class PgQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DYAD_REQUIRE_PG();
    schema = std::make_unique<pgtest::Schema>();
    store = std::make_unique<PgStore>(schema->url(), StoreOptions{});
  }
  int64_t count(const std::string& sql) { return store->conn().exec(sql).int64(0, 0); }
  std::unique_ptr<pgtest::Schema> schema;
  std::unique_ptr<PgStore> store;
};

TEST_F(PgQueueTest, EnqueueIsIdempotentAndCarriesRawBytes) {
  PgQueue q(*store, "w1");
  EXPECT_EQ(q.enqueue({input(1), input(2)}), 2);
  EXPECT_EQ(q.enqueue({input(1), input(2), input(3)}), 1) << "queued inputs are recognised by content key";
  EXPECT_EQ(q.stats().pending, 3);
  auto it = q.claim(60, 3);
  ASSERT_TRUE(it);
  EXPECT_EQ(it->input.raw, input(1).raw) << "bytes, NUL included, come back unchanged";
  EXPECT_EQ(it->input.meta.path, "in.jsonl:1");
  EXPECT_EQ(it->attempts, 1);
  QueueStats s = q.stats();
  EXPECT_EQ(s.running, 1);
  EXPECT_EQ(s.pending, 2);
}

TEST_F(PgQueueTest, CompleteStoresAndMarksDoneInOneTransaction) {
  PgQueue q(*store, "w1");
  q.enqueue({input(1)});
  auto it = q.claim(60, 3);
  ASSERT_TRUE(it);
  EXPECT_EQ(q.complete(*it, analysed(*it), record(*it)), CompleteResult::kStored);
  EXPECT_EQ(count("SELECT count(*) FROM queue q JOIN documents d ON d.doc = q.doc WHERE q.state = 'done' "
                  "AND d.content_key = q.content_key"),
            1);
  EXPECT_FALSE(q.claim(60, 3)) << "nothing left";
  EXPECT_TRUE(q.stats().drained());
  // A document row that cannot be written rolls the whole completion back: the item stays running.
  q.enqueue({input(2)});
  auto it2 = q.claim(60, 3);
  ASSERT_TRUE(it2);
  Doc bad = analysed(*it2);
  bad.text += std::string(1, '\0');  // PostgreSQL text cannot hold NUL: the INSERT fails
  EXPECT_THROW(q.complete(*it2, bad, record(*it2)), std::runtime_error);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(q.stats().running, 1);
  EXPECT_EQ(q.complete(*it2, analysed(*it2), record(*it2)), CompleteResult::kStored)
      << "connection still usable";
}

TEST_F(PgQueueTest, ExpiredLeaseIsReclaimedAndTheLoserStoresNothing) {
  PgQueue a(*store, "worker-a");
  PgStore other(schema->url(), {});
  PgQueue b(other, "worker-b");
  a.enqueue({input(1)});
  auto ia = a.claim(0.2, 5);
  ASSERT_TRUE(ia);
  EXPECT_FALSE(b.claim(60, 5)) << "leased to a";
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto ib = b.claim(60, 5);
  ASSERT_TRUE(ib) << "the lease expired";
  EXPECT_EQ(ib->attempts, 2);
  EXPECT_FALSE(renew_lease(store->conn(), ia->id, "worker-a", 60)) << "a no longer holds it";
  EXPECT_EQ(a.complete(*ia, analysed(*ia), record(*ia)), CompleteResult::kLeaseLost);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 0) << "the late worker wrote nothing";
  EXPECT_TRUE(renew_lease(other.conn(), ib->id, "worker-b", 60));
  EXPECT_EQ(b.complete(*ib, analysed(*ib), record(*ib)), CompleteResult::kStored);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
}

TEST_F(PgQueueTest, PoisonItemsFailAfterMaxAttemptsWithTheirError) {
  PgQueue q(*store, "w1");
  q.enqueue({input(1), input(2)});
  // Item 1: analysis throws every time.
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto it = q.claim(60, 3);
    ASSERT_TRUE(it);
    ASSERT_EQ(it->input.meta.id, "doc-1");
    Doc d = analysed(*it);
    DocRecord r{it->input.content_key, "failed", "stage parse: boom", "clean"};
    EXPECT_EQ(q.fail(*it, "stage parse: boom", 3, &d, &r), attempt == 3);
  }
  EXPECT_EQ(count("SELECT count(*) FROM queue WHERE state = 'failed' AND last_error = 'stage parse: boom'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE status = 'failed'"), 1)
      << "stored as dyad ingest does";
  EXPECT_EQ(count("SELECT count(*) FROM errors WHERE location = 'in.jsonl:1'"), 1);
  // Item 2: its worker dies (lease expires without completion) every time.
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto it = q.claim(0.1, 2);
    ASSERT_TRUE(it);
    EXPECT_EQ(it->input.meta.id, "doc-2");
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_FALSE(q.claim(0.1, 2)) << "swept to failed instead of claimed a third time";
  EXPECT_EQ(count("SELECT count(*) FROM queue WHERE state = 'failed' AND last_error LIKE 'gave up after 2%'"),
            1);
  EXPECT_TRUE(q.stats().drained());
  // Enqueueing a failed input again gives it a fresh start.
  EXPECT_EQ(q.enqueue({input(2)}), 1);
  auto again = q.claim(60, 2);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 1);
}

TEST_F(PgQueueTest, ConcurrentWorkersTakeEachItemOnce) {
  {
    PgQueue q(*store, "enqueue");
    std::vector<QueueInput> in;
    for (int i = 0; i < 60; ++i) in.push_back(input(i));
    ASSERT_EQ(q.enqueue(in), 60);
  }
  std::mutex m;
  std::multiset<int64_t> seen;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      try {
        PgStore s(schema->url(), {});
        PgQueue q(s, "w" + std::to_string(t));
        while (auto it = q.claim(60, 3)) {
          {
            std::lock_guard<std::mutex> l(m);
            seen.insert(it->id);
          }
          if (q.complete(*it, analysed(*it), record(*it)) != CompleteResult::kStored) ++errors;
        }
      } catch (const std::exception& e) {
        ++errors;
        ADD_FAILURE() << e.what();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(seen.size(), 60u);
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), 60u) << "no item claimed twice";
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 60);
  EXPECT_EQ(count("SELECT count(*) FROM queue WHERE state = 'done'"), 60);
}

}  // namespace
}  // namespace dyad

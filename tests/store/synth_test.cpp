// The benchmark generator (store/synth.h) at small N: consistent documents, real put(), dedup work.
#include "store/synth.h"

#include <gtest/gtest.h>

#include "store/store.h"

namespace dyad {
namespace {

TEST(Synth, SmallCorpusThroughPut) {
  auto store = open_store(":memory:");
  SynthCorpus corpus(7);
  int docs = 0;
  while (corpus.events_made() < 3000) {
    Doc d = corpus.next();
    for (const Event& e : d.events) {
      ASSERT_LT(e.trigger_last, d.tokens.size() + 1);
      ASSERT_LE(d.tokens[e.trigger_last - 1].end, d.text.size());
      ASSERT_NE(e.source.code, e.target.code);
    }
    DocRecord r;
    r.content_key = content_key(d.text, d.id);
    ASSERT_EQ(store->put(d, r), PutResult::kStored);
    ++docs;
  }
  EXPECT_EQ(store->count_events({}), corpus.events_made());
  EXPECT_EQ(store->summary(1).documents, docs);
  EventFilter f;
  f.min_sources = 2;
  const int64_t corroborated = store->count_events(f);
  EXPECT_GT(corroborated, corpus.events_made() / 10) << "re-reports should merge";
  EXPECT_LT(corroborated, corpus.events_made());
  // Zipf: the head actors dominate.
  auto top = store->top_actors({}, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_GT(top[0].events, corpus.events_made() / 20);
  // Same seed, same corpus.
  SynthCorpus a(3), b(3);
  EXPECT_EQ(a.next().text, b.next().text);
}

}  // namespace
}  // namespace dyad

// Event clusters: the pure matching rules (store/dedup.h) and their upkeep inside SqliteStore::put().
#include "store/dedup.h"

#include <gtest/gtest.h>

#include "store/store.h"

namespace dyad {
namespace {

DedupMention m(std::string src, std::string tgt, std::string code, std::string date, bool assumed = false) {
  DedupMention x;
  x.source = std::move(src);
  x.target = std::move(tgt);
  x.code = std::move(code);
  x.date = std::move(date);
  x.date_assumed = assumed;
  return x;
}

TEST(Dedup, SymmetricCodesIgnoreDirection) {
  EXPECT_TRUE(compatible(m("RUS", "PRK", "042", "2025-06-14"), m("PRK", "RUS", "043", "2025-06-14")));
  EXPECT_TRUE(compatible(m("RUS", "PRK", "057", "2025-06-14"), m("PRK", "RUS", "057", "2025-06-15")));
  EXPECT_FALSE(compatible(m("USA", "PRK", "112", "2025-06-14"), m("PRK", "USA", "112", "2025-06-14")))
      << "accusations have a direction";
  EXPECT_TRUE(compatible(m("USA", "PRK", "112", "2025-06-14"), m("USA", "PRK", "111", "2025-06-14")));
}

TEST(Dedup, ActorsCompareByCountry) {
  EXPECT_TRUE(compatible(m("RUSGOV", "PRK", "042", "2025-06-14"), m("RUS", "PRKGOV", "040", "2025-06-14")));
  EXPECT_FALSE(compatible(m("IGOUNO", "PRK", "042", "2025-06-14"), m("IGOWHO", "PRK", "042", "2025-06-14")));
  EXPECT_FALSE(dedupable(m("RUSGOV", "RUSMIL", "042", "2025-06-14"))) << "one side talking to itself";
  EXPECT_EQ(dedup_key(m("RUSGOV", "PRK", "042", "2025-06-14")), "PRK|RUS|04");
  EXPECT_EQ(dedup_key(m("PRKGOV", "RUS", "043", "2025-06-15")), "PRK|RUS|04");
  EXPECT_EQ(dedup_key(m("PRKGOV", "RUS", "043", "2025-06")), "");
}

TEST(Dedup, RootsDatesNegationAndPlace) {
  EXPECT_FALSE(compatible(m("RUS", "PRK", "036", "2025-06-14"), m("RUS", "PRK", "040", "2025-06-14")))
      << "intent to meet is not the meeting";
  EXPECT_TRUE(compatible(m("RUS", "PRK", "040", "2025-06-14"), m("RUS", "PRK", "040", "2025-06-17")));
  EXPECT_FALSE(compatible(m("RUS", "PRK", "040", "2025-06-14"), m("RUS", "PRK", "040", "2025-06-18")));
  EXPECT_TRUE(compatible(m("RUS", "PRK", "040", "2025-06-14"), m("RUS", "PRK", "040", "2025-06-20", true)))
      << "a date assumed from publication gets a wider window";
  EXPECT_FALSE(compatible(m("RUS", "PRK", "040", "2025-06-14"), m("RUS", "PRK", "040", "2025-06-22", true)));
  EXPECT_FALSE(compatible(m("RUS", "PRK", "040", "2025-06"), m("RUS", "PRK", "040", "2025-06")))
      << "month-only dates are too vague to merge";
  auto neg = m("RUS", "PRK", "040", "2025-06-14");
  neg.negated = true;
  EXPECT_FALSE(compatible(neg, m("RUS", "PRK", "040", "2025-06-14")));
  auto a = m("RUS", "PRK", "040", "2025-06-14"), b = a;
  a.place_country = "PRK";
  b.place_country = "RUS";
  EXPECT_FALSE(compatible(a, b));
  b.place_country = "";
  EXPECT_TRUE(compatible(a, b)) << "an absent place does not conflict";
  a.has_coords = b.has_coords = true;
  a.lat = 39.0, a.lon = 125.7;  // Pyongyang
  b.lat = 43.1, b.lon = 131.9;  // Vladivostok, ~700 km
  EXPECT_FALSE(compatible(a, b));
  EXPECT_FALSE(compatible(m("", "PRK", "040", "2025-06-14"), m("", "PRK", "040", "2025-06-14")));
}

TEST(Dedup, ChooseClusterIsCompleteLinkAndPrefersCloserDates) {
  std::vector<DedupMention> c = {m("RUS", "PRK", "040", "2025-06-11"), m("RUS", "PRK", "040", "2025-06-16"),
                                 m("RUS", "PRK", "043", "2025-06-13"), m("RUS", "PRK", "040", "2025-06-15")};
  c[0].cluster = 1, c[1].cluster = 1, c[2].cluster = 2, c[3].cluster = 3;
  // 06-14: cluster 1 has a mention 3 days away (ok) and one 2 days away (ok) -> compatible;
  // cluster 2 is 1 day away; cluster 3 is 1 day away with the same code -> 3 wins the tie on code.
  EXPECT_EQ(choose_cluster(m("RUS", "PRK", "040", "2025-06-14"), c), 3);
  // 06-18: cluster 1 has 06-11 (7 days, too far) -> not compatible with all of it; 3 (3 days) wins.
  EXPECT_EQ(choose_cluster(m("RUS", "PRK", "040", "2025-06-18"), c), 3);
  EXPECT_EQ(choose_cluster(m("RUS", "CHN", "040", "2025-06-14"), c), 0);
  EXPECT_EQ(choose_cluster(m("RUS", "PRK", "040", "2025-06-14"), {}), 0);
}

TEST(Dedup, OutletKey) {
  EXPECT_EQ(outlet_key(" Yonhap ", "https://x.org", "d"), "yonhap");
  EXPECT_EQ(outlet_key("", "https://www.Reuters.com/world/x?y", "d"), "reuters.com");
  EXPECT_EQ(outlet_key("", "http://user@tass.ru:8080/a", "d"), "tass.ru");
  EXPECT_EQ(outlet_key("", "not a url", "d1"), "doc:d1");
  int64_t day = 0;
  ASSERT_TRUE(day_number("2024-02-29", &day));
  EXPECT_EQ(date_of_day(day + 1), "2024-03-01");
  EXPECT_FALSE(day_number("2025-02-29", &day));
}

// Store-level: clusters, counts and corroborated grades follow every put().
Doc meeting(const std::string& id, const std::string& outlet, const std::string& date, const std::string& src,
            const std::string& tgt, const std::string& code, const std::string& evidential = "asserted",
            const std::string& grade = "B3") {
  Doc d;
  d.id = id;
  d.source = outlet;
  d.text = "x";
  d.tokens.push_back({0, 1});
  d.sentences.push_back({0, 1, {0, 1}});
  Event e;
  e.source = {src, src, 0, 1};
  e.target = {tgt, tgt, 0, 1};
  e.code = code;
  e.root = code.substr(0, 2);
  e.date = date;
  e.date_assumed = false;
  e.evidential = evidential;
  e.credibility = grade;
  d.events.push_back(e);
  return d;
}

void put(Store& s, const Doc& d, const std::string& status = "ok") {
  DocRecord r;
  r.content_key = content_key(d.id, d.id);
  r.status = status;
  s.put(d, r);
}

EventRow only(Store& s, const std::string& doc) {
  EventFilter f;
  f.doc = doc;
  auto rows = s.query_events(f);
  EXPECT_EQ(rows.size(), 1u);
  return rows.empty() ? EventRow{} : rows[0];
}

TEST(DedupStore, CorroborationRaisesEveryMentionsGrade) {
  auto s = open_store(":memory:");
  put(*s, meeting("a", "TASS", "2025-06-14", "RUS", "PRK", "042"));
  EXPECT_EQ(only(*s, "a").credibility, "B3");
  put(*s, meeting("b", "Yonhap", "2025-06-14", "PRK", "RUS", "043"));
  EXPECT_EQ(only(*s, "a").credibility, "B2") << "one other outlet";
  EXPECT_EQ(only(*s, "b").credibility, "B2");
  put(*s, meeting("c", "tass", "2025-06-15", "RUS", "PRK", "040"));  // same outlet again
  EXPECT_EQ(only(*s, "a").sources, 2);
  EXPECT_EQ(only(*s, "a").mentions, 3);
  put(*s, meeting("d", "Reuters", "2025-06-13", "RUS", "PRK", "040", "alleged", "C4"));
  EventRow a = only(*s, "a"), d = only(*s, "d");
  EXPECT_EQ(a.credibility, "B1");
  EXPECT_EQ(a.credibility_base, "B3");
  EXPECT_EQ(d.credibility, "C2") << "alleged: at most two steps up";
  EXPECT_EQ(a.cluster, d.cluster);
  EXPECT_EQ(d.sources, 3);
  // Near misses: another month, another dyad.
  put(*s, meeting("e", "AP", "2025-07-14", "RUS", "PRK", "040"));
  put(*s, meeting("f", "AP", "2025-06-14", "RUS", "CHN", "040"));
  EXPECT_NE(only(*s, "e").cluster, a.cluster);
  EXPECT_NE(only(*s, "f").cluster, a.cluster);
  EXPECT_EQ(only(*s, "e").credibility, "B3");
  EventFilter f;
  f.min_sources = 3;
  EXPECT_EQ(s->count_events(f), 4);
  f = {};
  f.cluster = a.cluster;
  EXPECT_EQ(s->count_events(f), 4);

  // Rebuild gives the same clusters.
  DedupStats st = s->rebuild_clusters();
  EXPECT_EQ(st.events, 6);
  EXPECT_EQ(st.clusters, 3);
  EXPECT_EQ(st.merged, 3);
  EXPECT_EQ(only(*s, "a").credibility, "B1");
  EXPECT_EQ(only(*s, "d").cluster, only(*s, "a").cluster);
}

TEST(DedupStore, ReplacingAFailedDocumentUpdatesItsCluster) {
  auto s = open_store(":memory:");
  put(*s, meeting("a", "TASS", "2025-06-14", "RUS", "PRK", "042"));
  put(*s, meeting("b", "Yonhap", "2025-06-14", "RUS", "PRK", "042"), "failed");
  EXPECT_EQ(only(*s, "a").credibility, "B2");
  // The retry of "b" (same input) now finds a different event: "a" loses its corroboration.
  put(*s, meeting("b", "Yonhap", "2025-09-01", "RUS", "PRK", "042"));
  EXPECT_EQ(only(*s, "a").credibility, "B3");
  EXPECT_EQ(only(*s, "a").sources, 1);
  EXPECT_NE(only(*s, "b").cluster, only(*s, "a").cluster);
}

}  // namespace
}  // namespace dyad

#include "nlp/gazetteer.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "base/error.h"

namespace dyad {
namespace {

// Serialised bytes must stay alive (and aligned) while the gazetteer is used.
struct Built {
  std::string bytes;
  Gazetteer gaz;
};

Built build() {
  GazetteerBuilder b;
  b.add("North Korea", kGazCountry);
  b.add("North Korean", kGazDemonym);
  b.add("Korea", kGazCountry);
  b.add("U.S.", kGazCountry);
  b.add("Guinea-Bissau", kGazCountry);
  b.add("Georgia", kGazCountry);
  b.add("Georgia", kGazAdmin1);
  b.add("   ", kGazCity);  // ignored
  Built out;
  out.bytes = b.serialize();
  out.gaz = Gazetteer::load(out.bytes, "test");
  return out;
}

TEST(Gazetteer, LookupNormalisesCaseSpacesHyphensPeriods) {
  const Built g = build();
  EXPECT_EQ(g.gaz.size(), 6u);
  EXPECT_EQ(g.gaz.lookup("north korea"), kGazCountry);
  EXPECT_EQ(g.gaz.lookup("NORTH KOREA"), kGazCountry);
  EXPECT_EQ(g.gaz.lookup("US"), kGazCountry);  // "U.S." and "US" share a key on purpose
  EXPECT_EQ(g.gaz.lookup("Guinea - Bissau"), kGazCountry);
  EXPECT_EQ(g.gaz.lookup("Georgia"), kGazCountry | kGazAdmin1);
  EXPECT_EQ(g.gaz.lookup("South Korea"), 0);
  EXPECT_EQ(g.gaz.lookup(""), 0);
}

TEST(Gazetteer, MatchMarksBeginInsideEndUnit) {
  const Built g = build();
  const std::vector<std::string_view> words = {"a",   "visit",  "to", "North",  "Korea",
                                               "and", "Guinea", "-",  "Bissau", "-"};
  std::vector<GazMarks> m;
  g.gaz.match(words, m);
  ASSERT_EQ(m.size(), words.size());
  EXPECT_EQ(m[2].any(), 0);
  EXPECT_TRUE(m[3].begin & kGazCountry);
  EXPECT_TRUE(m[4].end & kGazCountry);
  EXPECT_TRUE(m[4].unit & kGazCountry);  // "Korea" alone
  EXPECT_TRUE(m[6].begin & kGazCountry);
  EXPECT_TRUE(m[7].inside & kGazCountry);
  EXPECT_TRUE(m[8].end & kGazCountry);
  EXPECT_EQ(m[9].any(), 0);  // a trailing hyphen never extends a match
}

TEST(Gazetteer, EmptyInputAndCorruptBytes) {
  const Built g = build();
  std::vector<GazMarks> m(3);
  g.gaz.match({}, m);
  EXPECT_TRUE(m.empty());
  Gazetteer empty;
  EXPECT_EQ(empty.lookup("Korea"), 0);
  alignas(8) const char junk[5] = {1, 2, 3, 4, 5};
  EXPECT_THROW(Gazetteer::load(std::string_view(junk, 5), "junk"), InputError);
}

}  // namespace
}  // namespace dyad

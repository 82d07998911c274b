// Tests for clean_text() on the two scraped sample articles and on small synthetic cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "base/paths.h"
#include "base/utf8.h"
#include "text/clean.h"

namespace dyad {
namespace {

std::string example(const std::string& name) {
  return read_file(std::string(DYAD_SOURCE_DIR) + "/examples/" + name);
}

bool kept(const CleanResult& r, const std::string& s) { return r.text.find(s) != std::string::npos; }
bool dropped(const CleanResult& r, const std::string& s) {
  return std::any_of(r.dropped.begin(), r.dropped.end(),
                     [&](const std::string& d) { return d.find(s) != std::string::npos; });
}

TEST(CleanText, July2025Example) {
  CleanResult r = clean_text(example("seed-russia-dprk-2025-07.txt"));
  // Tweet embed, its signature and the widget placeholder go.
  EXPECT_TRUE(dropped(r, "pic.twitter.com/rH5QC5uJWK"));
  EXPECT_TRUE(dropped(r, "\xE2\x80\x94 Zlatti71 (@Zlatti_71) July 12, 2025"));
  EXPECT_TRUE(dropped(r, "Loading"));
  EXPECT_FALSE(kept(r, "pic.twitter.com"));
  EXPECT_FALSE(kept(r, "Loading"));
  EXPECT_EQ(r.dropped.size(), 3u);
  // Every real paragraph stays, including the first and the last and the line introducing the tweet.
  EXPECT_TRUE(kept(r, "The Moscow-Pyongyang bromance continues"));
  EXPECT_TRUE(kept(r, "Fresh images of Lavrov greeting Kim, with both all smiles"));
  EXPECT_TRUE(kept(r, "with less awareness of Western intelligence agencies."));
  EXPECT_TRUE(kept(r, "Pyongyang has agreed to send 6,000 engineers"));
  EXPECT_EQ(r.paragraphs.size(), 10u);
}

TEST(CleanText, November2025Example) {
  CleanResult r = clean_text(example("seed-russia-dprk-2025-11.txt"));
  EXPECT_EQ(r.title, "North Korea and Russia expand their cooperation");
  EXPECT_TRUE(dropped(r, "DE"));
  EXPECT_TRUE(dropped(r, "\xC2\xA9 Credit: Kremlin.ru, CC BY 4.0, Link."));
  EXPECT_TRUE(dropped(r, "Vladimir Putin and Kim Jong Un in front of Russian and North Korean flags."));
  EXPECT_TRUE(dropped(
      r, "The Russian President Vladimir Putin (l.) and North Korean leader Kim Jong Un in Pyongyang."));
  EXPECT_TRUE(dropped(r, "Tim Neubauer is currently completing an internship"));
  EXPECT_FALSE(kept(r, "Tim Neubauer"));
  EXPECT_FALSE(kept(r, "Credit"));
  // The standfirst, subheadings and every body paragraph stay.
  EXPECT_TRUE(kept(r, "Fresh evidence points to rapidly deepening ties between the two states."));
  EXPECT_TRUE(kept(r,
                   "Russian-North Korean relations are making \xE2\x80\x9C"
                   "considerable progress"));
  EXPECT_TRUE(kept(r, "Road bridge over the Tuman River"));
  EXPECT_TRUE(kept(r, "Deputy Defense Minister Viktor Goremykin"));
  EXPECT_TRUE(kept(r, "\xE2\x80\x9Cthe enemy of my enemy is my friend.\xE2\x80\x9D"));
  EXPECT_EQ(r.text.substr(0, 6), "Fresh ");
}

TEST(CleanText, KeepsOrdinarySentencesThatLookLikeRules) {
  std::string in =
      "The minister said the talks would continue next week in Geneva, after a pause of several months.\n"
      "Advertisement\n"
      "He is currently in Moscow, officials said, and will return on Friday to brief the cabinet.\n";
  CleanResult r = clean_text(in);
  EXPECT_TRUE(kept(r, "He is currently in Moscow"));  // one bio phrase is not a bio
  EXPECT_TRUE(dropped(r, "Advertisement"));
  EXPECT_EQ(r.paragraphs.size(), 2u);
}

TEST(CleanText, EmptyAndInvalidInput) {
  EXPECT_EQ(clean_text("").text, "");
  EXPECT_TRUE(clean_text("\n\n  \n").paragraphs.empty());
  CleanResult r = clean_text("Broken \xff bytes in a line, which stays.\n");
  EXPECT_TRUE(valid_utf8(r.text));
  EXPECT_TRUE(kept(r, "bytes in a line"));
}

}  // namespace
}  // namespace dyad

// Regression tests for inputs found by fuzzing the cleaners (fuzz/html_clean_fuzz.cpp): the clean
// text must be valid UTF-8 with paragraph spans inside it, whatever the page.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/utf8.h"
#include "text/clean.h"

namespace dyad {
namespace {

void expect_valid(const CleanResult& r) {
  EXPECT_TRUE(valid_utf8(r.text));
  EXPECT_TRUE(valid_utf8(r.title));
  for (const Span& p : r.paragraphs) EXPECT_LE(p.end, r.text.size());
}

TEST(CleanHostile, OutOfRangeNumericEntityGivesValidUtf8) {
  expect_valid(clean_html("<p>caf&eacute; &#x1888888888888889&888 and more text here.</p>"));
  std::ifstream f(std::string(DYAD_SOURCE_DIR) + "/tests/hostile/fuzz_html_invalid_utf8.bin",
                  std::ios::binary);
  ASSERT_TRUE(f);
  std::stringstream ss;
  ss << f.rdbuf();
  const CleanResult r = clean_html(ss.str());
  expect_valid(r);
  EXPECT_NE(r.text.find("Kim Jong-Un"), std::string::npos);
}

TEST(CleanHostile, DeepNestingIsLinear) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><span>";
  deep += "<p>Russia and North Korea signed a treaty.</p>";
  const CleanResult r = clean_html(deep);
  expect_valid(r);
  EXPECT_NE(r.text.find("signed a treaty"), std::string::npos);
}

}  // namespace
}  // namespace dyad

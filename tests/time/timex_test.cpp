// Tests of the TIMEX3 grammar on sentences from the two sample articles, bad input, and a floor on
// TBAQ training files.
#include "time/timex.h"

#include <gtest/gtest.h>

#include <map>

#include "base/paths.h"
#include "time/calendar.h"
#include "time/lite_tokenize.h"
#include "time/timeml_eval.h"

namespace dyad {
namespace {

constexpr const char* kJuly = "2025-07-14";
constexpr const char* kNov = "2025-11-20";

Timex norm(std::string_view text, std::string_view anchor) {
  Timex t;
  normalize_timex(text, anchor, &t);
  return t;
}

TEST(Calendar, WeekdaysWeeksAndShifts) {
  using namespace timecal;
  EXPECT_EQ(iso_weekday(days_from_civil(2025, 7, 14)), 1);  // a Monday
  int y, w;
  iso_week(days_from_civil(2025, 7, 14), &y, &w);
  EXPECT_EQ(y, 2025);
  EXPECT_EQ(w, 29);
  iso_week(days_from_civil(2021, 1, 1), &y, &w);  // belongs to 2020-W53
  EXPECT_EQ(y, 2020);
  EXPECT_EQ(w, 53);
  EXPECT_EQ(format_value(shift(parse_value("2025-Q3"), Gran::kYear, -1)), "2024-Q3");
  EXPECT_EQ(format_value(shift(parse_value("2025-01-31"), Gran::kMonth, 1)), "2025-02-28");
  EXPECT_EQ(format_value(shift(parse_value("2025-SU"), Gran::kSeason, -4)), "2024-SU");
  EXPECT_FALSE(shift(parse_value("2025-11"), Gran::kDay, 1).valid());
  EXPECT_FALSE(parse_value("2025-02-31").valid());
}

TEST(Timex, JulyArticle) {
  EXPECT_EQ(norm("last summer", kJuly).value, "2024-SU");
  EXPECT_EQ(norm("Last month", kJuly).value, "2025-06");
  EXPECT_EQ(norm("on Saturday", kJuly).value, "2025-07-12");
  EXPECT_EQ(norm("Last year", kJuly).value, "2024");
  EXPECT_EQ(norm("July 12, 2025", kJuly).value, "2025-07-12");
  EXPECT_EQ(norm("12 July 2025", kJuly).value, "2025-07-12");
  EXPECT_EQ(norm("2025-07-12", kJuly).value, "2025-07-12");
  EXPECT_EQ(norm("July 2025", kJuly).value, "2025-07");
  EXPECT_EQ(norm("this week", kJuly).value, "2025-W29");
  EXPECT_EQ(norm("yesterday", kJuly).value, "2025-07-13");
  EXPECT_EQ(norm("today", kJuly).value, "2025-07-14");
  EXPECT_EQ(norm("recently", kJuly).value, "PAST_REF");
  EXPECT_EQ(norm("now", kJuly).value, "PRESENT_REF");
}

TEST(Timex, NovemberArticle) {
  const Timex early = norm("In early November", kNov);
  EXPECT_EQ(early.value, "2025-11");
  EXPECT_EQ(early.mod, "START");
  const Timex past = norm("over the past four weeks", kNov);
  EXPECT_EQ(past.type, "DURATION");
  EXPECT_EQ(past.value, "P4W");
  EXPECT_EQ(norm("since 2022", kNov).value, "2022");
  // "nine days later" counts from the previous event's date, given as the reference
  Timex later;
  ASSERT_TRUE(resolve_timex("Nine days later", kNov, "2025-10-05", &later));
  EXPECT_EQ(later.value, "2025-10-14");
  ASSERT_TRUE(resolve_timex("A day later", kNov, "2025-10-05", &later));
  EXPECT_EQ(later.value, "2025-10-06");
}

TEST(Timex, MoreForms) {
  EXPECT_EQ(norm("the 1990s", kJuly).value, "199");
  EXPECT_EQ(norm("the third quarter", kJuly).value, "2025-Q3");
  EXPECT_EQ(norm("two years ago", kJuly).value, "2023");
  EXPECT_EQ(norm("three-year", kJuly).value, "P3Y");
  EXPECT_EQ(norm("3 p.m. Saturday", kJuly).value, "2025-07-12T15:00");
  EXPECT_EQ(norm("tonight", kJuly).value, "2025-07-14TNI");
  EXPECT_EQ(norm("every week", kJuly).type, "SET");
  EXPECT_EQ(norm("next Monday", kJuly).value, "2025-07-21");
  EXPECT_EQ(norm("late last year", kJuly).mod, "END");
}

TEST(Timex, BadInputIsSane) {
  Timex t;
  EXPECT_FALSE(normalize_timex("31 February", kJuly, &t));
  EXPECT_FALSE(normalize_timex("February 31, 2025", kJuly, &t));
  EXPECT_FALSE(normalize_timex("99999", kJuly, &t));
  EXPECT_FALSE(normalize_timex("", kJuly, &t));
  EXPECT_FALSE(normalize_timex("last month", "", &t));  // no anchor: no made-up date
  EXPECT_EQ(t.value, "");
  EXPECT_FALSE(normalize_timex("last month", "not-a-date", &t));
  EXPECT_TRUE(normalize_timex("July 12, 2025", "", &t));  // absolute dates need no anchor
  EXPECT_TRUE(normalize_timex("recently", "", &t));
  EXPECT_EQ(t.value, "PAST_REF");
  EXPECT_FALSE(normalize_timex(std::string("\xff\xfe\x00July", 7), kJuly, &t));
}

TEST(Timex, FindInDocument) {
  Doc doc;
  doc.published = kJuly;
  doc.text =
      "Russia's defense ministry shared footage of Kim and FM Lavrov shaking hands and embracing on "
      "Saturday. "
      "Last month state media aired images for the first time. Last year South Korean officials alleged it.";
  timetok::tokenize(doc.text, &doc.tokens, &doc.sentences);
  find_timexes(doc);
  ASSERT_EQ(doc.timexes.size(), 3u);
  EXPECT_EQ(doc.span_text(doc.timexes[0].span), "Saturday");
  EXPECT_EQ(doc.timexes[0].value, "2025-07-12");
  EXPECT_EQ(doc.timexes[1].value, "2025-06");
  EXPECT_EQ(doc.timexes[2].value, "2024");
  // the future tense turns a weekday forward
  Doc f;
  f.published = kJuly;
  f.text = "Lavrov will travel to Pyongyang on Saturday.";
  timetok::tokenize(f.text, &f.tokens, &f.sentences);
  find_timexes(f);
  ASSERT_EQ(f.timexes.size(), 1u);
  EXPECT_EQ(f.timexes[0].value, "2025-07-19");
}

// Only the month of publication known (a date from a file name): values that do not depend on
// the day resolve as usual; day-level ones relative to the unknown day stay unresolved when they
// could fall in another month.
TEST(Timex, MonthPrecisionPublicationDate) {
  Doc doc;
  doc.published = "2025-07";
  doc.text =
      "Last month state media aired images. The deal was struck last summer. They met on July 12. "
      "Lavrov arrived on Saturday. Officials spoke yesterday. Talks resumed last week.";
  timetok::tokenize(doc.text, &doc.tokens, &doc.sentences);
  find_timexes(doc);
  std::map<std::string, std::string> v;
  for (const Timex& t : doc.timexes) v[std::string(doc.span_text(t.span))] = t.value;
  EXPECT_EQ(v["Last month"], "2025-06");
  EXPECT_EQ(v["last summer"], "2024-SU");
  EXPECT_EQ(v["July 12"], "2025-07-12");
  EXPECT_EQ(v["Saturday"], "");   // June 28 ... July 26: not guessed
  EXPECT_EQ(v["yesterday"], "");  // June 30 ... July 30
  EXPECT_EQ(v["last week"], "");

  Doc nov;
  nov.published = "2025-11";
  nov.text = "In early November, South Korean intelligence reported it.";
  timetok::tokenize(nov.text, &nov.tokens, &nov.sentences);
  find_timexes(nov);
  ASSERT_EQ(nov.timexes.size(), 1u);
  EXPECT_EQ(nov.timexes[0].value, "2025-11");
  EXPECT_EQ(nov.timexes[0].mod, "START");
}

TEST(Timex, AnaphoricOffsetWithoutReferenceStaysUnresolved) {
  Doc doc;
  doc.published = kNov;
  doc.text = "She met Lavrov. A day later, she held talks with Putin.";
  timetok::tokenize(doc.text, &doc.tokens, &doc.sentences);
  find_timexes(doc);
  ASSERT_EQ(doc.timexes.size(), 1u);
  EXPECT_EQ(doc.timexes[0].value, "");
}

// Value accuracy on a fixed handful of TBAQ training files stays above the measured level.
TEST(TimeML, TbaqFloor) {
  const std::string dir = shared_data_dir() + "/timex/TempEval3/Training/TBAQ-cleaned/AQUAINT";
  std::vector<std::string> files;
  try {
    files = timeml::list_files(dir);
  } catch (const std::exception&) {
    GTEST_SKIP() << "no TBAQ data at " << dir;
  }
  ASSERT_GE(files.size(), 20u);
  timeml::Counts total;
  for (size_t i = 0; i < 20; ++i) total.add(timeml::evaluate(timeml::read_file(files[i])));
  const auto s = timeml::scores(total);
  EXPECT_GT(s.relaxed_f, 0.80);
  EXPECT_GT(s.value_acc, 0.75);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

Doc quantities_of(std::string text) {
  Doc doc;
  doc.published = "2025-07-14";
  doc.text = std::move(text);
  timetok::tokenize(doc.text, &doc.tokens, &doc.sentences);
  find_timexes(doc);
  find_quantities(doc);
  return doc;
}

TEST(Quantity, ExampleSentences) {
  Doc d = quantities_of(
      "There are over 10,000 DPRK troops assisting Russian forces, and Pyongyang has agreed to send 6,000 "
      "engineers and construction workers. The clearest sign is the 1.3-kilometer bridge.");
  ASSERT_EQ(d.quantities.size(), 3u);
  EXPECT_EQ(d.quantities[0].value, 10000);
  EXPECT_EQ(d.quantities[0].op, ">");
  EXPECT_EQ(d.quantities[0].unit, "troop");
  EXPECT_EQ(d.quantities[0].actor, "PRK");
  EXPECT_EQ(d.quantities[1].value, 6000);
  EXPECT_EQ(d.quantities[1].unit, "engineer");
  EXPECT_DOUBLE_EQ(d.quantities[2].value, 1.3);
  EXPECT_EQ(d.quantities[2].unit, "kilometer");
}

TEST(Quantity, VagueAndWordsAndNotDates) {
  Doc d = quantities_of(
      "Tens of thousands of people and dozens of officials met two ministers in 2022 for $5 on July 12.");
  ASSERT_EQ(d.quantities.size(), 3u);
  EXPECT_EQ(d.quantities[0].value, 10000);
  EXPECT_EQ(d.quantities[0].op, "~");
  EXPECT_EQ(d.quantities[0].unit, "people");
  EXPECT_EQ(d.quantities[1].unit, "official");
  EXPECT_EQ(d.quantities[2].value, 2);
  EXPECT_EQ(d.quantities[2].unit, "minister");
}

}  // namespace
}  // namespace dyad

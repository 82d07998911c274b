#include "time/anchor.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

// "Pyongyang sent 6,000 engineers in July , officials said on Monday ." with a hand-made parse.
Doc sample() {
  Doc d;
  const char* words[] = {"Pyongyang", "sent",      "6,000", "engineers", "in",     "July",
                         ",",         "officials", "said",  "on",        "Monday", "."};
  const int heads[] = {2, 0, 4, 2, 6, 2, 9, 9, 2, 11, 9, 2};  // 1-based, 0 = root
  for (size_t i = 0; i < 12; ++i) {
    if (i) d.text += ' ';
    const auto b = static_cast<uint32_t>(d.text.size());
    d.text += words[i];
    d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
    d.head.push_back(heads[i] - 1);
  }
  d.sentences.push_back({0, 12, {0, static_cast<uint32_t>(d.text.size())}});
  d.published = "2025-07-20";
  Timex july;
  july.first = 5, july.last = 6, july.type = "DATE", july.value = "2025-07";
  Timex monday;
  monday.first = 10, monday.last = 11, monday.type = "DATE", monday.value = "2025-07-14";
  d.timexes = {july, monday};
  Quantity q;
  q.first = 2, q.last = 4, q.value = 6000, q.op = "=", q.unit = "engineer";
  d.quantities = {q};
  return d;
}

Event event_at(uint32_t trigger) {
  Event e;
  e.trigger_first = trigger;
  e.trigger_last = trigger + 1;
  return e;
}

}  // namespace

TEST(AnchorEvents, DateAndQuantityAttachedToTheTrigger) {
  Doc d = sample();
  d.events = {event_at(1), event_at(8)};  // "sent" and "said"
  anchor_event_times(d);
  EXPECT_EQ(d.events[0].date, "2025-07");  // not Monday: that dates the saying
  EXPECT_FALSE(d.events[0].date_assumed);
  EXPECT_EQ(d.events[0].timex, 0);
  ASSERT_EQ(d.events[0].quantities.size(), 1u);
  EXPECT_EQ(d.events[0].quantities[0].value, 6000);
  EXPECT_EQ(d.events[1].date, "2025-07-14");
  EXPECT_TRUE(d.events[1].quantities.empty());
}

// "There are 3,000 soldiers guarding the border , officials said ." with a hand-made parse:
// "guarding" is an acl of "soldiers", which carries the count; "said" is not under it.
TEST(AnchorEvents, ParticipleTakesTheQuantityOfTheNounItModifies) {
  Doc d;
  const char* words[] = {"There",  "are", "3,000",     "soldiers", "guarding", "the",
                         "border", ",",   "officials", "said",     "."};
  const int heads[] = {2, 0, 4, 2, 4, 7, 5, 10, 10, 2, 2};  // 1-based, 0 = root
  const char* rels[] = {"expl", "root",  "nummod", "nsubj",     "acl",  "det",
                        "obj",  "punct", "nsubj",  "parataxis", "punct"};
  for (size_t i = 0; i < 11; ++i) {
    if (i) d.text += ' ';
    const auto b = static_cast<uint32_t>(d.text.size());
    d.text += words[i];
    d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
    d.head.push_back(heads[i] - 1);
    d.deprel.push_back(deprel_id(rels[i]));
  }
  d.sentences.push_back({0, 11, {0, static_cast<uint32_t>(d.text.size())}});
  d.published = "2025-07-20";
  Quantity q;
  q.first = 2, q.last = 4, q.value = 3000, q.op = "=", q.unit = "soldier";
  d.quantities = {q};
  d.events = {event_at(4), event_at(9)};  // "guarding" and "said"
  anchor_event_times(d);
  ASSERT_EQ(d.events[0].quantities.size(), 1u);
  EXPECT_EQ(d.events[0].quantities[0].value, 3000);
  EXPECT_TRUE(d.events[1].quantities.empty());
}

TEST(AnchorEvents, PublicationDateStandsInFlagged) {
  Doc d = sample();
  d.timexes.clear();
  d.events = {event_at(1)};
  anchor_event_times(d);
  EXPECT_EQ(d.events[0].date, "2025-07-20");
  EXPECT_TRUE(d.events[0].date_assumed);
  EXPECT_EQ(d.events[0].timex, -1);
}

TEST(AnchorEvents, NonCalendarValuesDoNotDateEvents) {
  Doc d = sample();
  d.timexes[0].value = "PAST_REF";
  d.timexes.pop_back();
  d.events = {event_at(1)};
  anchor_event_times(d);
  EXPECT_TRUE(d.events[0].date_assumed);
}

TEST(AnchorEvents, UnparsedDocUsesTheOnlyDateOfTheSentence) {
  Doc d = sample();
  d.head.clear();
  d.timexes.pop_back();
  d.events = {event_at(1)};
  anchor_event_times(d);
  EXPECT_EQ(d.events[0].date, "2025-07");
  EXPECT_EQ(d.events[0].quantities.size(), 1u);
}

}  // namespace dyad

#include "time/calendar.h"

namespace dyad {
TEST(Calendar, DigitHelpersSaturateInsteadOfOverflowing) {
  EXPECT_TRUE(timecal::all_digits("2025"));
  EXPECT_FALSE(timecal::all_digits("20x5"));
  EXPECT_FALSE(timecal::all_digits(""));
  EXPECT_EQ(timecal::to_int("2025"), 2025);
  EXPECT_EQ(timecal::to_int("99999999999999999999"), 999999999);
}
}  // namespace dyad

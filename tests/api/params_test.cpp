// URL parameter parsing: decoding, checks, and the EventFilter it builds.
#include "api/params.h"

#include <gtest/gtest.h>

namespace dyad::api {
namespace {

ParamList parse(std::string_view q) {
  ParamList p;
  auto e = parse_query_string(q, &p);
  EXPECT_FALSE(e) << q << ": " << (e ? e->message : "");
  return p;
}

std::optional<ParamError> filter_error(std::string_view q, EventFilter* f = nullptr) {
  ParamList p;
  if (auto e = parse_query_string(q, &p)) return e;
  EventFilter tmp;
  return parse_event_filter(p, f ? f : &tmp);
}

TEST(ParseQueryString, DecodesEscapesAndPlus) {
  ParamList p = parse("text=Kim+Jong%2DUn&place=K%C3%BCrsk&empty=&flag");
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"text", "Kim Jong-Un"}));
  EXPECT_EQ(p[1].second, "K\xC3\xBCrsk");
  EXPECT_EQ(p[2].second, "");
  EXPECT_EQ(p[3].first, "flag");
  EXPECT_TRUE(parse("").empty());
  EXPECT_EQ(parse("&&a=1&").size(), 1u);
}

TEST(ParseQueryString, RefusesMalformedEscapesNulAndBadUtf8) {
  ParamList p;
  EXPECT_TRUE(parse_query_string("a=%zz", &p));
  EXPECT_TRUE(parse_query_string("a=%4", &p));
  EXPECT_TRUE(parse_query_string("a=%", &p));
  EXPECT_TRUE(parse_query_string("a=x%00y", &p));
  EXPECT_TRUE(parse_query_string("a=%C3", &p));  // truncated UTF-8
  EXPECT_TRUE(parse_query_string("=1", &p));
  auto e = parse_query_string("text=%ff", &p);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->param, "text");
}

TEST(Check, UnknownRepeatedAndLongParametersAreNamed) {
  auto e = check(parse("actor=RUS&acter=PRK"), {"actor"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->param, "acter");
  EXPECT_NE(e->message.find("unknown parameter 'acter'"), std::string::npos);
  e = check(parse("actor=RUS&actor=PRK"), {"actor"});
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("more than once"), std::string::npos);
  e = check(ParamList{{"text", std::string(kMaxValueBytes + 1, 'a')}}, {"text"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->param, "text");
  EXPECT_FALSE(check(parse("actor=RUS&limit=5"), {"actor", "limit"}));
}

TEST(EventFilterParams, BuildsTheFilter) {
  EventFilter f;
  ASSERT_FALSE(filter_error(
      "actor=rus&source=RUSGOV&target=prk&either=true&code=042&quad=1&from=2025-07&to=2025-11-30&place=Kursk"
      "&evidential=alleged&doc=seed&text=troops&negated=false&limit=20&offset=40",
      &f));
  EXPECT_EQ(f.actor, "RUS");
  EXPECT_EQ(f.source, "RUSGOV");
  EXPECT_EQ(f.target, "PRK");
  EXPECT_TRUE(f.either_direction);
  EXPECT_EQ(f.code, "042");
  EXPECT_EQ(f.quad_class, 1);
  EXPECT_EQ(f.date_from, "2025-07");
  EXPECT_EQ(f.date_to, "2025-11-30");
  EXPECT_EQ(f.place, "Kursk");
  EXPECT_EQ(f.evidential, "alleged");
  EXPECT_EQ(f.doc, "seed");
  EXPECT_EQ(f.text, "troops");
  EXPECT_FALSE(f.include_negated);
  EXPECT_EQ(f.limit, 20);
  EXPECT_EQ(f.offset, 40);
}

TEST(EventFilterParams, DefaultsAndLimitCap) {
  EventFilter f;
  ASSERT_FALSE(filter_error("", &f));
  EXPECT_EQ(f.limit, 100);
  EXPECT_EQ(f.offset, 0);
  EXPECT_EQ(f.quad_class, -1);
  ASSERT_FALSE(filter_error("limit=999999999999", &f));
  EXPECT_EQ(f.limit, kMaxLimit);
}

TEST(EventFilterParams, BadValuesNameTheParameter) {
  const std::pair<const char*, const char*> cases[] = {{"quad=5", "quad"},
                                                       {"quad=x", "quad"},
                                                       {"quad=", "quad"},
                                                       {"code=04a", "code"},
                                                       {"code=12345", "code"},
                                                       {"from=2025-13", "from"},
                                                       {"from=2025-02-30", "from"},
                                                       {"to=25-01-01", "to"},
                                                       {"to=2025/01/01", "to"},
                                                       {"limit=0", "limit"},
                                                       {"limit=-5", "limit"},
                                                       {"limit=1e3", "limit"},
                                                       {"limit=+5", "limit"},
                                                       {"offset=-1", "offset"},
                                                       {"offset=999999999999", "offset"},
                                                       {"evidential=maybe", "evidential"},
                                                       {"either=perhaps", "either"},
                                                       {"actor=R%20S", "actor"},
                                                       {"actor="
                                                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                                        "actor"},
                                                       {"text=a%0Ab", "text"},
                                                       {"from=2025-08&to=2025-07-31", "from"}};
  for (const auto& [q, param] : cases) {
    auto e = filter_error(q);
    ASSERT_TRUE(e) << q;
    EXPECT_EQ(e->param, param) << q;
    EXPECT_NE(e->message.find(std::string("'") + param + "'"), std::string::npos) << e->message;
  }
  // A "to" prefix covers its whole month.
  EXPECT_FALSE(filter_error("from=2025-07-20&to=2025-07"));
}

TEST(SingleValues, IntervalBoolInt) {
  Interval iv = Interval::kDay;
  EXPECT_FALSE(parse_interval("interval", "week", &iv));
  EXPECT_EQ(iv, Interval::kWeek);
  EXPECT_TRUE(parse_interval("interval", "year", &iv));
  bool b = false;
  EXPECT_FALSE(parse_bool("either", "1", &b));
  EXPECT_TRUE(b);
  int64_t n = 0;
  EXPECT_TRUE(parse_int("n", "99999999999999999999999", 0, 10, &n));
  EXPECT_FALSE(parse_int("n", "7", 0, 10, &n));
  EXPECT_EQ(n, 7);
}

}  // namespace
}  // namespace dyad::api

// Fuzzes date handling: the publication-date normaliser of the reader (pipeline/published_date.h),
// TIMEX3 calendar values (time/calendar.h) and temporal-expression / quantity finding
// (time/timex.h). Input: first line = anchor (publication) date, second line = reference date,
// the rest = text. Invariants: normalised dates are "" or a valid YYYY-MM-DD; a valid calendar
// value formats and parses back to itself; timex spans lie inside the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "pipeline/published_date.h"
#include "text/segment.h"
#include "time/calendar.h"
#include "time/timex.h"

namespace {
namespace tc = dyad::timecal;

std::string_view next_line(std::string_view* s) {
  size_t e = s->find('\n');
  std::string_view line = s->substr(0, e);
  *s = e == std::string_view::npos ? std::string_view() : s->substr(e + 1);
  return line;
}

void check_ymd(const std::string& d) {
  if (d.empty()) return;
  tc::Point p = tc::parse_value(d);
  FUZZ_CHECK(p.gran == tc::Gran::kDay);
  FUZZ_CHECK(tc::format_value(p) == d);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view all = rest;
  const std::string anchor(next_line(&rest));
  const std::string reference(next_line(&rest));
  const std::string_view text = rest;

  check_ymd(dyad::normalize_date(all));
  check_ymd(dyad::normalize_date(anchor));
  dyad::TextDate td = dyad::date_from_text(text);
  check_ymd(td.date);

  for (const std::string* v : {&anchor, &reference}) {
    tc::Point p = tc::parse_value(*v);
    if (!p.valid()) continue;
    const std::string f = tc::format_value(p);
    tc::Point q = tc::parse_value(f);
    FUZZ_CHECK(q.gran == p.gran && q.year == p.year && q.sub == p.sub && q.day == p.day);
    const int n = size ? static_cast<int8_t>(data[size - 1]) : 1;
    for (tc::Gran g : {tc::Gran::kDay, tc::Gran::kWeek, tc::Gran::kMonth, tc::Gran::kQuarter, tc::Gran::kYear,
                       tc::Gran::kDecade, tc::Gran::kSeason, tc::Gran::kCentury, tc::Gran::kHalf}) {
      tc::Point s = tc::shift(p, g, n);
      if (s.valid()) (void)tc::format_value(s);
      (void)tc::coarsen(p, g);
    }
  }

  dyad::Timex t;
  if (dyad::normalize_timex(text.substr(0, 200), anchor, &t)) FUZZ_CHECK(!t.value.empty());
  dyad::Timex t2;
  (void)dyad::resolve_timex(text.substr(0, 200), anchor, reference, &t2);

  dyad::Doc doc;
  doc.text.assign(text.substr(0, 4096));
  doc.published = dyad::normalize_date(anchor);
  static const dyad::Segmenter rules;
  rules.segment(doc);
  dyad::find_timexes(doc);
  dyad::find_quantities(doc);
  for (const dyad::Timex& x : doc.timexes) {
    FUZZ_CHECK(x.first < x.last && x.last <= doc.num_tokens());
    FUZZ_CHECK(x.span.begin <= x.span.end && x.span.end <= doc.text.size());
  }
  for (const dyad::Quantity& q : doc.quantities) FUZZ_CHECK(q.first < q.last && q.last <= doc.num_tokens());
  return 0;
}

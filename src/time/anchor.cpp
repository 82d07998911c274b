#include "time/anchor.h"

namespace dyad {
namespace {

// A value names a calendar date or time ("2025-07-12", "2024-SU", "2025-W28"), as opposed to
// PAST_REF, durations and sets, which do not date an event.
bool calendar_value(const Timex& t) {
  return (t.type == "DATE" || t.type == "TIME") && !t.value.empty() && t.value[0] >= '0' && t.value[0] <= '9';
}

// Is token t inside the subtree of `top`, at most `max_arcs` arcs below it?
bool under(const Doc& d, uint32_t t, uint32_t top, int max_arcs) {
  int32_t cur = static_cast<int32_t>(t);
  for (int k = 0; k <= max_arcs && cur >= 0; ++k) {
    if (cur == static_cast<int32_t>(top)) return true;
    cur = d.head[static_cast<uint32_t>(cur)];
  }
  return false;
}

}  // namespace

void anchor_event_times(Doc& doc) {
  const uint32_t n = doc.num_tokens();
  const bool parsed = doc.head.size() == n;
  for (auto& ev : doc.events) {
    if (ev.sentence >= doc.sentences.size() || ev.trigger_first >= n) continue;
    const Sentence& s = doc.sentences[ev.sentence];
    int attached = -1, only = -1, count = 0;
    for (size_t i = 0; i < doc.timexes.size(); ++i) {
      const Timex& t = doc.timexes[i];
      if (t.first < s.first || t.last > s.last || t.last > n || !calendar_value(t)) continue;
      ++count;
      only = static_cast<int>(i);
      if (parsed && attached < 0 && under(doc, doc.phrase_head(t.first, t.last), ev.trigger_first, 3))
        attached = static_cast<int>(i);
    }
    const int pick = attached >= 0 ? attached : (count == 1 ? only : -1);
    if (pick >= 0) {
      ev.timex = pick;
      ev.date = doc.timexes[static_cast<size_t>(pick)].value;
      ev.date_assumed = false;
    } else {
      ev.timex = -1;
      ev.date = doc.published;
      ev.date_assumed = true;
    }
    ev.quantities.clear();
    // "over 10,000 troops assisting Russian forces": a participle modifying the counted noun
    // (acl) has that noun as its subject, so the noun's quantity is the event's too.
    int32_t counted = -1;
    if (parsed && ev.trigger_first < doc.deprel.size() &&
        deprel_name(doc.deprel[ev.trigger_first]).substr(0, 3) == "acl")
      counted = doc.head[ev.trigger_first];
    for (const Quantity& q : doc.quantities) {
      if (q.first < s.first || q.last > s.last || q.last > n) continue;
      const bool on_counted = counted >= 0 && q.first <= static_cast<uint32_t>(counted) &&
                              static_cast<uint32_t>(counted) < q.last;
      if (!parsed || on_counted || under(doc, doc.phrase_head(q.first, q.last), ev.trigger_first, 6))
        ev.quantities.push_back(q);
    }
  }
}

}  // namespace dyad

// anchor.h — give each coded event its date and its quantities.
//
// Runs after the events stage (it reads doc.events, doc.timexes, doc.quantities and the parse).
#pragma once

#include "base/doc.h"

namespace dyad {

// For each event in doc.events:
//  - date: the calendar-valued DATE/TIME timex of its sentence that hangs off the trigger in the
//    parse (within three arcs), else the only calendar timex of the sentence; the event then has
//    date_assumed = false and timex = its index. Otherwise the publication date stands in
//    (date_assumed = true; "" when the publication date is unknown too).
//  - quantities: the doc.quantities of its sentence that lie in the trigger's subtree (or, without
//    a parse, anywhere in the sentence): "sent 6,000 engineers" -> {6000, engineer}.
void anchor_event_times(Doc& doc);

}  // namespace dyad

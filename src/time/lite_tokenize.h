// lite_tokenize.h — a small rule tokenizer and sentence splitter for the time stage's own use
// (normalize_timex on a bare string, and `dyad eval timex` on TimeML text). It follows the EWT
// conventions of text/segment.h closely enough for the timex grammar: punctuation split off,
// "'s"/"n't" split, hyphenated words split ("three-year" -> "three" "-" "year") but digit-only
// dates ("2025-07-12") and abbreviations ("a.m.", "U.S.", "Nov.") kept whole.
#pragma once

#include <string_view>
#include <vector>

#include "base/doc.h"

namespace dyad::timetok {

// Fills tokens and sentences for text (offsets into text). Never throws; any byte sequence works.
void tokenize(std::string_view text, std::vector<Span>* tokens, std::vector<Sentence>* sentences);

}  // namespace dyad::timetok

// fuzz_check.h — invariant checks shared by the fuzz targets.
//
// A fuzz target that only calls a function finds crashes; these checks also turn silently wrong
// results (a span past the end of the text, invalid UTF-8 handed to the store) into findings.
// FUZZ_CHECK aborts with the failed condition so libFuzzer saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "base/doc.h"
#include "base/utf8.h"

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace dyad::fuzz {

// Spans lie inside a text of `size` bytes, each non-empty-or-empty but ordered and non-overlapping.
inline void check_spans(const std::vector<Span>& spans, size_t size) {
  uint32_t prev_end = 0;
  for (const Span& s : spans) {
    FUZZ_CHECK(s.begin <= s.end);
    FUZZ_CHECK(s.end <= size);
    FUZZ_CHECK(s.begin >= prev_end);
    prev_end = s.end;
  }
}

}  // namespace dyad::fuzz

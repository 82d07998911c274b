// Fuzzes the scraped-text cleaner (text/clean.h) with arbitrary bytes. Invariants: valid UTF-8
// out, paragraphs ordered inside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "text/clean.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  dyad::CleanResult r = dyad::clean_text(in);
  FUZZ_CHECK(dyad::valid_utf8(r.text));
  FUZZ_CHECK(dyad::valid_utf8(r.title));
  dyad::fuzz::check_spans(r.paragraphs, r.text.size());
  for (const auto& d : r.dropped) FUZZ_CHECK(dyad::valid_utf8(d));
  return 0;
}

// Fuzzes the HTML cleaner and the cheap HTML metadata scans of the reader with arbitrary bytes.
// Invariants: the clean text is valid UTF-8, paragraphs are ordered spans inside it, a published
// date is "" or YYYY-MM-DD.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "pipeline/read.h"
#include "text/clean.h"

namespace {
void check_date(const std::string& d) {
  FUZZ_CHECK(d.empty() || (d.size() == 10 && d[4] == '-' && d[7] == '-'));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  dyad::CleanResult r = dyad::clean_html(in);
  FUZZ_CHECK(dyad::valid_utf8(r.text));
  FUZZ_CHECK(dyad::valid_utf8(r.title));
  dyad::fuzz::check_spans(r.paragraphs, r.text.size());
  check_date(r.published);
  check_date(dyad::html_meta_published(in));
  (void)dyad::html_title(in);
  (void)dyad::looks_like_html(in);
  return 0;
}

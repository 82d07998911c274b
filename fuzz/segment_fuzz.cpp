// Fuzzes tokenization and sentence splitting (text/segment.h), with the trained segmenter model
// (models/segmenter.bin) and with the rule-based fallback. The first input byte chooses the
// segmenter and whether the text is split into paragraphs first (as the cleaner would).
// Invariants (segment.h): tokens increasing, non-overlapping, inside the text, never containing
// whitespace; sentences are contiguous token runs covering every token once, spans inside the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "text/segment.h"

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  dyad::Doc doc;
  doc.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (mode & 2) {  // paragraphs at blank lines, as clean_* produce them
    size_t b = 0;
    while (b < doc.text.size()) {
      size_t e = doc.text.find("\n\n", b);
      if (e == std::string::npos) e = doc.text.size();
      if (e > b) doc.paragraphs.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
      b = e + 2;
    }
  }
  static const dyad::Segmenter rules;
  const dyad::Segmenter& seg = (mode & 1) ? rules : dyad::default_segmenter();
  seg.segment(doc);

  dyad::fuzz::check_spans(doc.tokens, doc.text.size());
  for (uint32_t i = 0; i < doc.num_tokens(); ++i) {
    FUZZ_CHECK(doc.tokens[i].size() > 0);
    for (char c : doc.token_text(i)) FUZZ_CHECK(!is_space(c));
  }
  uint32_t next = 0;
  for (const dyad::Sentence& s : doc.sentences) {
    FUZZ_CHECK(s.first == next);
    FUZZ_CHECK(s.first < s.last);
    FUZZ_CHECK(s.last <= doc.num_tokens());
    FUZZ_CHECK(s.span.begin <= s.span.end && s.span.end <= doc.text.size());
    next = s.last;
  }
  FUZZ_CHECK(next == doc.num_tokens());
  if (doc.num_tokens() > 0) FUZZ_CHECK(doc.sentence_of(doc.num_tokens() - 1) == doc.sentences.size() - 1);
  return 0;
}

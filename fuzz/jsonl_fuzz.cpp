// Fuzzes the JSONL reader (pipeline/read.h read_input on a .jsonl file) and check_body with
// arbitrary bytes. The input is written to a per-process temporary file because the reader
// streams from a path. Invariants: every document handed on has a valid-UTF-8 body, an id, a
// content key and a published date that is "" or YYYY-MM-DD; every issue names the file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "fuzz_check.h"
#include "pipeline/read.h"

namespace {
const std::string& temp_path() {
  static const std::string p =
      (std::filesystem::temp_directory_path() / ("dyad_jsonl_fuzz_" + std::to_string(getpid()) + ".jsonl"))
          .string();
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = temp_path();
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    if (size) std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  dyad::ReadOptions opt;
  opt.max_doc_bytes = 4096;  // small, so the size limit is exercised too
  size_t docs = 0;
  dyad::read_input(
      path, opt,
      [&](dyad::RawDoc&& d) {
        ++docs;
        FUZZ_CHECK(dyad::valid_utf8(d.raw));
        FUZZ_CHECK(!d.doc.id.empty());
        FUZZ_CHECK(!d.content_key.empty());
        FUZZ_CHECK(d.doc.published.empty() || d.doc.published.size() == 10);
        FUZZ_CHECK(d.doc.path.rfind(path + ":", 0) == 0);
      },
      [&](const dyad::ReadIssue& is) { FUZZ_CHECK(is.where.rfind(path, 0) == 0); });

  std::string body(reinterpret_cast<const char*>(data), size);
  if (dyad::check_body(body, "fuzz.txt", 0, opt, [](const dyad::ReadIssue&) {}))
    FUZZ_CHECK(dyad::valid_utf8(body));
  return 0;
}

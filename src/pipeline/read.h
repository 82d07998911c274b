// read.h — turning input files into documents: .txt, .html/.htm and .jsonl, files or folders.
//
// Readers only split inputs into documents and fill the ingest fields of dyad::Doc (id, url,
// source, title, published, published_origin, path); the raw body goes to the pipeline, which
// cleans it. Bad input never throws out of here: each problem is reported through the issue
// callback naming "file" or "file:line", and reading goes on with the next line or file.
//
//   .jsonl  one JSON object per line: id, url, source, published, title, and "text" or "html".
//           Streamed line by line, so files of any size work; a malformed line is reported and
//           skipped. path = "file.jsonl:LINE".
//   .html   one document; published/title from <meta> when present (cleaning may add more).
//   .txt    one document (a scrape: one paragraph per line).
// Any other explicitly named file is read as .txt; inside folders only the extensions above are
// taken (recursively, in sorted order, hidden entries skipped).
//
// Checks on every body: empty -> skipped; NUL bytes or mostly control bytes -> "binary file",
// skipped; invalid UTF-8 -> repaired with U+FFFD and a warning naming the line of the first bad
// byte; a single document above ReadOptions::max_doc_bytes -> refused.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/doc.h"

namespace dyad {

enum class InputFormat { kText, kHtml };

// One document as read: metadata in `doc`, body (valid UTF-8) in `raw`.
struct RawDoc {
  Doc doc;
  std::string raw;
  InputFormat format = InputFormat::kText;
  std::string content_key;  // see store.h content_key(): same input -> same key
};

struct ReadIssue {
  std::string where;    // "file" or "file:line"
  std::string message;  // for a person
  bool skipped = true;  // true: this input (file or line) was dropped; false: a warning only
  std::string text() const { return where.empty() ? message : where + ": " + message; }
};

struct ReadOptions {
  size_t max_doc_bytes = size_t{20} << 20;  // a single .txt/.html (or JSONL line) larger than this is refused
};

using DocSink = std::function<void(RawDoc&&)>;
using IssueSink = std::function<void(const ReadIssue&)>;

// Expands files and folders into the list of input files. A path that does not exist is reported
// (skipped) and left out.
std::vector<std::string> list_inputs(const std::vector<std::string>& paths, const IssueSink& issue);

// Reads one input file, calling `sink` once per document. Returns the number of documents.
size_t read_input(const std::string& path, const ReadOptions& options, const DocSink& sink,
                  const IssueSink& issue);

// Reads one document body that is already in memory (used by read_input and by tests). `where` names
// it in messages; `line` > 0 for JSONL (messages say "where:line"). Returns false (after reporting)
// if the body was rejected.
bool check_body(std::string& body, const std::string& where, size_t line, const ReadOptions& options,
                const IssueSink& issue);

// Publication date and title from HTML <meta>/<title> (a cheap scan, no DOM); "" when absent.
std::string html_meta_published(std::string_view html);
std::string html_title(std::string_view html);

// True if `s` looks like HTML rather than plain text (a tag like <html, <p>, <div near the top).
bool looks_like_html(std::string_view s);

}  // namespace dyad

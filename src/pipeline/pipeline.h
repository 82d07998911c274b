// pipeline.h — the one place where the analysis stages are chained.
//
//   clean -> segment -> tag -> lemmatize -> parse -> ner -> geo -> timex -> quantities -> events
//         -> anchor (geo) -> claims
//
// Each stage reads the dyad::Doc arrays filled before it and fills its own (base/doc.h). A stage
// whose model file is missing or unreadable is left out with one warning at load() — never a
// failure, so a model being retrained does not stop ingest — and stage_names() says which stages
// ran, so stored documents record exactly what was done to them. Without a segmenter model the
// segmenter's rule-based splitter is used.
//
// A Pipeline is immutable after load(): run() is const and safe to call from several threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"
#include "pipeline/read.h"

namespace dyad {

// Per-stage time and document counts, accumulated over run() calls (one per thread; add them up).
struct StageTimes {
  std::vector<double> seconds;  // parallel to Pipeline::stage_names()
  std::vector<uint64_t> docs;
  void add(const StageTimes& o);
};

class Pipeline {
 public:
  // Loads every stage's model from `models_dir` (models/<stage>.bin). Warnings about skipped stages
  // go to *warnings (if given), one line per stage.
  static Pipeline load(const std::string& models_dir, std::vector<std::string>* warnings = nullptr);

  // Analyses doc.text, taken to be the raw input (HTML if it looks like HTML).
  void run(Doc& doc) const;
  // Analyses `raw` (UTF-8) of the given format into doc; ingest metadata already in doc stays,
  // except that cleaning may fill title and published (see read.h for the order of trust).
  void run(Doc& doc, std::string_view raw, InputFormat format, StageTimes* times = nullptr) const;

  const std::vector<std::string>& stage_names() const { return names_; }
  bool has_stage(std::string_view name) const;
  std::string stages_string() const;  // "clean,segment,..." as stored with each document
  const std::vector<std::string>& skipped() const { return skipped_; }  // "tag: models/tagger.bin missing"

  // Stage functions: the document is already cleaned when the first of them runs.
  using StageFn = std::function<void(Doc&)>;

 private:
  std::vector<std::string> names_;  // names_[0] is always "clean"
  std::vector<StageFn> stages_;     // parallel to names_[1..]
  std::vector<std::string> skipped_;
};

// Fills doc.published from the clean text when metadata gave none (published_date.h), and sets
// published_origin to "unknown" when nothing is found. A date taken from the file name
// (published_origin "filename", YYYY-MM or YYYY-MM-DD) gives way to metadata the cleaned page
// carries and to a date near the top of the text.
void resolve_published(Doc& doc);

}  // namespace dyad

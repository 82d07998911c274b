// ingest.h — the ingest driver: read inputs, analyse them in parallel, store them one by one.
//
// Reading and storing happen on the calling thread (SQLite has one writer); analysis runs on
// `jobs` threads over batches of documents. A document already in the store (same content key)
// is not analysed again. Every problem is reported, recorded in the store's errors table, and the
// batch goes on: nothing short of an unusable store stops an ingest.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/read.h"
#include "store/store.h"

namespace dyad {

struct IngestOptions {
  int jobs = 1;
  bool progress = false;  // draw a progress bar on stderr
  ReadOptions read;
};

struct IngestReport {
  size_t files = 0;           // input files found
  size_t read = 0;            // documents read from them
  size_t stored = 0;          // newly stored with status "ok"
  size_t duplicates = 0;      // already stored: nothing added
  size_t failed = 0;          // analysed or stored with an error (stored with status "failed" if possible)
  size_t skipped_inputs = 0;  // files or lines that could not be read at all
  size_t warnings = 0;        // repaired input (invalid UTF-8), unreadable dates...
  uint64_t bytes = 0, words = 0, sentences = 0, entities = 0, timexes = 0, events = 0;
  std::vector<std::string> stage_names;
  StageTimes times;
  double seconds = 0;
  // Nothing could be ingested: no document stored or already present.
  bool nothing_ingested() const { return stored + duplicates == 0; }
};

// `log` receives every message meant for a person (issues, warnings), one line each, without "\n".
IngestReport ingest(const std::vector<std::string>& paths, const Pipeline& pipeline, Store& store,
                    const IngestOptions& options, const std::function<void(const std::string&)>& log);

// Number of whitespace-separated words in `s` (for words/s figures).
uint64_t count_words(std::string_view s);

}  // namespace dyad

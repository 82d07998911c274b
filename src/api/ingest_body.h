// ingest_body.h — POST /api/ingest: runs the normal ingest (read -> pipeline -> store) on a body.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"
#include "store/store.h"

namespace dyad::api {

// Writes `body` to a private temporary file named for `format` ("jsonl", "text", "html"), ingests
// it exactly as `dyad ingest FILE` would, removes the file, and returns the ingest report
// {read, stored, duplicates, failed, skipped, events, messages[]}. Paths in messages are the
// temporary file's; documents keep their JSONL id (or the content hash for text/HTML).
nlohmann::json ingest_body(const Pipeline& pipeline, Store& store, std::string_view body,
                           const std::string& format);

}  // namespace dyad::api

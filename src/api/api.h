// api.h — the HTTP API of dyad as a plain function: Request in, Response out.
//
// The socket side (cpp-httplib, server.h) only converts to and from these structs, so every route,
// every error and the static-file rules are testable without a network. Routes (docs/api.md,
// docs/openapi.json):
//
//   GET  /api/summary                       counts and top dyads
//   GET  /api/documents?q=&limit=&offset=   documents (id, title, outlet, date), newest first
//   GET  /api/documents/{id}                clean text, sentences, events of one document
//   GET  /api/events?<EventFilter>          one page of events + total
//   GET  /api/events/{id}                   one event with its evidence in the document text
//   GET  /api/actors?n=&<EventFilter>       most active actors
//   GET  /api/dyads/{src}/{tgt}/series?interval=day|week|month&<EventFilter>
//   GET  /api/network?min_events=&<EventFilter>
//   GET  /api/claims?<EventFilter>          events grouped by evidential and credibility
//   GET  /api/search?q=&limit=              documents and events mentioning q
//   GET  /api/openapi.json                  the OpenAPI 3 description
//   POST /api/ingest?format=jsonl|text|html (bearer token) runs the pipeline on the body
//   GET  /, /assets/...                     the built page (web/dist), nothing outside it
//
// Read-only unless a token is configured. Errors are JSON {"error": "..."} with 400 (bad
// parameter, named), 401/403 (ingest), 404, 405, 413 (body too large), 500.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace dyad {
class Pipeline;
}

namespace dyad::api {

struct Request {
  std::string method = "GET";
  std::string path;   // percent-decoded path, without the query ("/api/events/12")
  std::string query;  // raw query string, still encoded ("actor=RUS&limit=10")
  std::string body;
  std::string authorization;  // the Authorization header, verbatim
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

using StoreFactory = std::function<std::unique_ptr<Store>()>;
using PipelineLoader = std::function<std::shared_ptr<const Pipeline>()>;

struct ApiOptions {
  std::string web_dir;       // built page (web/dist); "" serves no page
  std::string openapi_json;  // the OpenAPI document served at /api/openapi.json ("" -> 404)
  std::string token;         // bearer token for POST /api/ingest; "" = read-only server
  PipelineLoader pipeline;   // loads the pipeline for ingest (called once, on first use)
  size_t max_ingest_bytes = size_t{8} << 20;
};

// One route as the OpenAPI document names it ("/api/events/{id}").
struct Route {
  std::string_view method, path;
};
const std::vector<Route>& routes();

class Api {
 public:
  // `open` makes a store connection; the API keeps a small pool so that concurrent requests
  // each use their own (SQLite connections are not shared between threads).
  Api(StoreFactory open, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Thread-safe.
  Response handle(const Request& request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Static files: the file under `web_dir` that `path` (decoded URL path) names, or nullopt when it
// names nothing servable — "..", ".", empty or hidden segments, backslashes, NUL, anything that
// resolves (symlinks included) outside web_dir, or a missing file. "/" names index.html.
std::optional<std::string> resolve_static(const std::string& web_dir, std::string_view path);
std::string_view content_type_for(std::string_view file);

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace dyad::api

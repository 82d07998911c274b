#include "api/api.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/handlers.h"
#include "api/ingest_body.h"
#include "api/params.h"

namespace dyad::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Response json_response(int status, const json& j) {
  Response r;
  r.status = status;
  // Replace invalid UTF-8 rather than throw: stored text is valid, but be safe.
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Response error_response(int status, const std::string& message) {
  return json_response(status, {{"error", message}});
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Splits "/api/dyads/RUS/PRK/series" after the prefix into segments.
std::vector<std::string_view> segments(std::string_view rest) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= rest.size()) {
    size_t slash = rest.find('/', pos);
    if (slash == std::string_view::npos) slash = rest.size();
    out.push_back(rest.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> r = {
      {"get", "/api/summary"},
      {"get", "/api/documents"},
      {"get", "/api/documents/{id}"},
      {"get", "/api/events"},
      {"get", "/api/events/{id}"},
      {"get", "/api/actors"},
      {"get", "/api/dyads/{source}/{target}/series"},
      {"get", "/api/network"},
      {"get", "/api/claims"},
      {"get", "/api/search"},
      {"get", "/api/openapi.json"},
      {"post", "/api/ingest"},
  };
  return r;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Every byte of the longer string is looked at whatever the content; only the length shows.
  const size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

std::string_view content_type_for(std::string_view file) {
  auto ends = [&](std::string_view ext) {
    return file.size() >= ext.size() && file.substr(file.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> resolve_static(const std::string& web_dir, std::string_view path) {
  if (web_dir.empty() || path.empty() || path[0] != '/') return std::nullopt;
  if (path == "/") path = "/index.html";
  // Lexical checks first: each segment must be a plain name.
  std::string_view rest = path.substr(1);
  for (std::string_view seg : segments(rest)) {
    if (seg.empty() || seg == "." || seg == ".." || seg[0] == '.') return std::nullopt;
    for (char c : seg)
      if (c == '\\' || c == '\0' || c == ':' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
  }
  // Then the file system: the resolved file (symlinks followed) must lie inside the web dir.
  std::error_code ec;
  fs::path root = fs::canonical(web_dir, ec);
  if (ec) return std::nullopt;
  fs::path file = fs::canonical(root / fs::path(std::string(rest)), ec);
  if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
  auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (r != root.end()) return std::nullopt;
  return file.string();
}

struct Api::Impl {
  StoreFactory open;
  ApiOptions options;

  // A small pool of store connections: a request takes one and gives it back.
  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<Store>> pool;
  mutable std::mutex ingest_mutex;  // one ingest at a time (SQLite has one writer)
  mutable std::shared_ptr<const Pipeline> pipeline;

  struct Lease {
    const Impl* impl;
    std::unique_ptr<Store> store;
    Lease(const Impl* i, std::unique_ptr<Store> s) : impl(i), store(std::move(s)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (!store) return;
      std::lock_guard<std::mutex> lock(impl->pool_mutex);
      impl->pool.push_back(std::move(store));
    }
  };
  Lease lease() const {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!pool.empty()) {
        std::unique_ptr<Store> s = std::move(pool.back());
        pool.pop_back();
        return Lease(this, std::move(s));
      }
    }
    return Lease(this, open());
  }

  Response route_api(const Request& req) const;
  Response ingest(const Request& req, const ParamList& params) const;
  Response serve_static(const Request& req) const;
};

Response Api::Impl::ingest(const Request& req, const ParamList& params) const {
  if (options.token.empty())
    return error_response(403, "ingest is disabled: this server is read-only (start it with --token-file)");
  const std::string prefix = "Bearer ";
  const bool has_bearer = starts_with(req.authorization, prefix);
  std::string_view given = has_bearer ? std::string_view(req.authorization).substr(prefix.size()) : "";
  if (!has_bearer || !constant_time_equal(given, options.token)) {
    Response r = error_response(401, "missing or wrong bearer token");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (auto e = check(params, {"format", "id"})) throw ApiError(*e);
  std::string format = "jsonl";
  if (const std::string* v = find(params, "format")) format = *v;
  if (format != "jsonl" && format != "text" && format != "html")
    throw ApiError(400, "parameter 'format': must be jsonl, text or html");
  if (req.body.empty()) throw ApiError(400, "empty body: post JSONL (one article per line), text or HTML");
  if (req.body.size() > options.max_ingest_bytes) return error_response(413, "body too large");
  std::lock_guard<std::mutex> lock(ingest_mutex);
  if (!pipeline) {
    if (!options.pipeline) return error_response(503, "no pipeline configured for ingest");
    pipeline = options.pipeline();
  }
  auto store = open();
  return json_response(200, ingest_body(*pipeline, *store, req.body, format));
}

Response Api::Impl::route_api(const Request& req) const {
  ParamList params;
  if (auto e = parse_query_string(req.query, &params)) throw ApiError(*e);
  std::string_view path = req.path;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const std::vector<std::string_view> seg = segments(path.substr(5));  // after "/api/"
  const std::string_view head = seg[0];

  if (head == "ingest" && seg.size() == 1) {
    if (req.method != "POST") return error_response(405, "use POST for /api/ingest");
    return ingest(req, params);
  }
  if (req.method != "GET" && req.method != "HEAD")
    return error_response(405, "method not allowed (read-only API)");

  if (head == "openapi.json" && seg.size() == 1) {
    if (options.openapi_json.empty()) return error_response(404, "no OpenAPI document loaded");
    Response r;
    r.body = options.openapi_json;
    return r;
  }
  Lease l = lease();
  Store& s = *l.store;
  if (seg.size() == 1) {
    if (head == "summary") return json_response(200, summary(s, params));
    if (head == "documents") return json_response(200, documents(s, params));
    if (head == "events") return json_response(200, events(s, params));
    if (head == "actors") return json_response(200, actors(s, params));
    if (head == "network") return json_response(200, network(s, params));
    if (head == "claims") return json_response(200, claims(s, params));
    if (head == "search") return json_response(200, search(s, params));
  } else if (seg.size() == 2 && head == "documents") {
    return json_response(200, document(s, std::string(seg[1]), params));
  } else if (seg.size() == 2 && head == "events") {
    return json_response(200, event(s, std::string(seg[1]), params));
  } else if (seg.size() == 4 && head == "dyads" && seg[3] == "series") {
    return json_response(200, dyad_series(s, std::string(seg[1]), std::string(seg[2]), params));
  }
  return error_response(404, "no such API route: " + std::string(req.path.substr(0, 200)));
}

Response Api::Impl::serve_static(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return error_response(405, "method not allowed");
  std::optional<std::string> file = resolve_static(options.web_dir, req.path);
  if (!file) {
    if (options.web_dir.empty())
      return error_response(404, "no page: start dyad serve with --web DIR (scripts/build-web.sh)");
    return error_response(404, "not found");
  }
  std::ifstream in(*file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.body = ss.str();
  r.content_type = std::string(content_type_for(*file));
  // Vite names assets by content hash: they never change under the same name.
  if (starts_with(req.path, "/assets/"))
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  else
    r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

Api::Api(StoreFactory open, ApiOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->open = std::move(open);
  impl_->options = std::move(options);
}
Api::~Api() = default;

Response Api::handle(const Request& req) const {
  Response r;
  try {
    if (req.path == "/api" || starts_with(req.path, "/api/")) {
      r = req.path == "/api" ? error_response(404, "see /api/openapi.json") : impl_->route_api(req);
    } else {
      r = impl_->serve_static(req);
    }
  } catch (const ApiError& e) {
    r = error_response(e.status(), e.what());
  } catch (const std::exception& e) {
    r = error_response(500, std::string("internal error: ") + e.what());
  }
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  // Everything the page needs is bundled and served from here: nothing else may load.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                         "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  return r;
}

}  // namespace dyad::api

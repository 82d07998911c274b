// `dyad serve`: the HTTP API and the web page over a store (see src/api/api.h, docs/api.md).
#include <fmt/core.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include "api/api.h"
#include "api/server.h"
#include "base/error.h"
#include "base/paths.h"
#include "cli/command.h"
#include "pipeline/pipeline.h"

namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web;         // built page; default <source>/web/dist when it exists
  std::string token_file;  // enables POST /api/ingest
  std::string openapi;     // default <source>/docs/openapi.json
  int threads = 8;
  double max_body_mb = 8;
};

dyad::api::Server* g_server = nullptr;
void serve_on_signal(int) {
  if (g_server) g_server->stop();
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t b = s.find_first_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b);
}

void run(const ServeArgs& a) {
  namespace fs = std::filesystem;
  const auto& g = dyad::cli::globals();
  // Open once up front so a bad --db fails now, with its message, not on the first request.
  dyad::open_store(g.db);
  const std::string db = g.db;

  dyad::api::ApiOptions o;
  o.web_dir = a.web;
  if (o.web_dir.empty() && fs::is_regular_file(fs::path(dyad::source_dir()) / "web/dist/index.html"))
    o.web_dir = (fs::path(dyad::source_dir()) / "web/dist").string();
  if (!o.web_dir.empty() && !fs::is_regular_file(fs::path(o.web_dir) / "index.html"))
    throw dyad::InputError(o.web_dir, "no index.html (build the page with scripts/build-web.sh)");
  const std::string openapi = a.openapi.empty() ? dyad::source_dir() + "/docs/openapi.json" : a.openapi;
  if (fs::is_regular_file(openapi))
    o.openapi_json = dyad::read_file(openapi);
  else
    fmt::print(stderr, "warning: {} not found: /api/openapi.json will answer 404\n", openapi);
  if (!a.token_file.empty()) {
    o.token = trim(dyad::read_file(a.token_file));
    if (o.token.size() < 16) throw dyad::InputError(a.token_file, "token shorter than 16 characters");
    const std::string models = g.models_folder();
    const bool quiet = g.quiet;
    o.pipeline = [models, quiet] {
      std::vector<std::string> warnings;
      auto p = std::make_shared<const dyad::Pipeline>(dyad::Pipeline::load(models, &warnings));
      if (!quiet)
        for (const auto& w : warnings) fmt::print(stderr, "warning: {}\n", w);
      return p;
    };
  }
  o.max_ingest_bytes = static_cast<size_t>(a.max_body_mb * (1 << 20));
  dyad::api::Api api([db] { return dyad::open_store(db); }, o);

  dyad::api::ServerOptions so;
  so.host = a.host;
  so.port = a.port;
  so.threads = a.threads;
  so.max_body_bytes = o.max_ingest_bytes;
  dyad::api::Server server(api, so);
  const int port = server.bind();
  g_server = &server;
  std::signal(SIGINT, serve_on_signal);
  std::signal(SIGTERM, serve_on_signal);
  fmt::print("dyad serve: http://{}:{}/  (store {}, page {}, ingest {})\n", a.host, port, db,
             o.web_dir.empty() ? "none" : o.web_dir, o.token.empty() ? "off" : "on (bearer token)");
  std::fflush(stdout);
  server.run();
  g_server = nullptr;
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<ServeArgs>();
  auto* sub = app.add_subcommand("serve", "Serve the JSON API and the web page over the store");
  sub->add_option("--host", a->host, "Address to listen on")->capture_default_str();
  sub->add_option("--port", a->port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--web", a->web, "Built page folder (default: web/dist of the source tree if built)");
  sub->add_option("--token-file", a->token_file,
                  "File holding the bearer token that enables POST /api/ingest");
  sub->add_option("--openapi", a->openapi, "OpenAPI document to serve (default: docs/openapi.json)");
  sub->add_option("--threads", a->threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  sub->add_option("--max-body-mb", a->max_body_mb, "Largest accepted request body")->capture_default_str();
  sub->callback([a] { run(*a); });
});

}  // namespace

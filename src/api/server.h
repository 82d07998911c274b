// server.h — the socket side of the API: cpp-httplib in front of Api::handle().
//
// Limits that protect a public-facing process: request bodies above max_body_bytes are refused
// (413) before they are read, slow clients time out (read/write timeouts), and a fixed pool of
// worker threads bounds concurrency. Every request goes through Api::handle(); nothing is routed
// by httplib itself, so the rules in api.h are the only ones.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "api/api.h"

namespace dyad::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see bind())
  size_t max_body_bytes = size_t{8} << 20;
  int read_timeout_s = 5;
  int write_timeout_s = 10;
  int keep_alive_s = 5;
  int threads = 8;
};

class Server {
 public:
  Server(const Api& api, ServerOptions options);
  ~Server();
  // Binds the socket; returns the port (useful with port 0). Throws std::runtime_error naming the
  // address when it cannot bind.
  int bind();
  // Serves until stop() is called from another thread. Call bind() first.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad::api

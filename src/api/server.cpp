#include "api/server.h"

#include <httplib.h>

#include <stdexcept>

namespace dyad::api {

struct Server::Impl {
  const Api* api = nullptr;
  ServerOptions options;
  httplib::Server http;
  int port = -1;
};

Server::Server(const Api& api, ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->api = &api;
  impl_->options = options;
  httplib::Server& s = impl_->http;
  const int threads = options.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_payload_max_length(options.max_body_bytes);
  s.set_read_timeout(options.read_timeout_s, 0);
  s.set_write_timeout(options.write_timeout_s, 0);
  s.set_keep_alive_timeout(options.keep_alive_s);
  const Api* a = &api;
  auto handler = [a](const httplib::Request& req, httplib::Response& res) {
    Request r;
    r.method = req.method;
    r.path = req.path;  // httplib has percent-decoded it
    size_t q = req.target.find('?');
    if (q != std::string::npos) r.query = req.target.substr(q + 1);
    r.body = req.body;
    r.authorization = req.get_header_value("Authorization");
    Response out = a->handle(r);
    res.status = out.status;
    for (auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_content(std::move(out.body), out.content_type.c_str());
  };
  // One catch-all per method: routing is Api's job.
  s.Get(".*", handler);
  s.Post(".*", handler);
  s.Put(".*", handler);
  s.Delete(".*", handler);
  s.Patch(".*", handler);
  // httplib answers some errors itself (413, 400 on a malformed request line): give them a JSON body.
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string msg = res.status == 413   ? "request body too large"
                      : res.status == 414 ? "request URI too long"
                      : res.status == 400 ? "bad request"
                                          : "error " + std::to_string(res.status);
    res.set_content("{\"error\":\"" + msg + "\"}", "application/json");
  });
}

Server::~Server() { stop(); }

int Server::bind() {
  const auto& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
  } else {
    impl_->port = impl_->http.bind_to_port(o.host, o.port) ? o.port : -1;
  }
  if (impl_->port < 0)
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             " (address in use or not available)");
  return impl_->port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

}  // namespace dyad::api

// The real server: `Server` on an ephemeral loopback port, requests with httplib::Client.
#include "api/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/paths.h"
#include "pipeline/pipeline.h"

namespace dyad::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kToken = "test-token-0123456789abcdef";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dyad-server-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "web");
    std::ofstream(dir_ / "web/index.html") << "<!doctype html><title>dyad</title>";
    std::ofstream(dir_ / "secret.txt") << "secret";
    db_ = (dir_ / "t.db").string();
    open_store(db_);  // create and migrate once
    ApiOptions o;
    o.web_dir = (dir_ / "web").string();
    o.openapi_json = R"({"openapi":"3.0.3"})";
    o.token = kToken;
    o.max_ingest_bytes = 1 << 16;
    o.pipeline = [] { return std::make_shared<const Pipeline>(Pipeline::load(models_dir())); };
    const std::string db = db_;
    api_ = std::make_unique<Api>([db] { return open_store(db); }, o);
    ServerOptions so;
    so.port = 0;
    so.max_body_bytes = 1 << 16;
    server_ = std::make_unique<Server>(*api_, so);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::string db_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, ServesApiPageAndErrors) {
  ASSERT_GT(port_, 0);
  auto r = client_->Get("/api/summary");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["documents"], 0);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");

  r = client_->Get("/api/events?quad=9");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("'quad'"), std::string::npos);

  r = client_->Get("/api/nothing-here");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);

  r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<title>dyad</title>"), std::string::npos);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");

  r = client_->Get("/api/openapi.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);

  r = client_->Delete("/api/events");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
}

TEST_F(ServerTest, NoPathTraversal) {
  for (const char* p : {"/../secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e/secret.txt",
                        "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/.%2e/secret.txt",
                        "/%252e%252e/secret.txt", "/web/../secret.txt", "/..%00/secret.txt"}) {
    auto r = client_->Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_NE(r->status, 200) << p;
    EXPECT_EQ(r->body.find("secret"), std::string::npos) << p;
  }
}

TEST_F(ServerTest, IngestNeedsTheTokenAndRespectsTheBodyLimit) {
  const std::string line =
      R"({"id":"posted-1","source":"Test Wire","published":"2025-07-12","title":"Lavrov in Pyongyang",)"
      R"("text":"Russian Foreign Minister Sergey Lavrov met North Korean leader Kim Jong Un in Pyongyang on Saturday."})"
      "\n";
  auto r = client_->Post("/api/ingest", line, "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  httplib::Headers wrong = {{"Authorization", "Bearer test-token-0123456789abcdeX"}};
  r = client_->Post("/api/ingest", wrong, line, "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);

  httplib::Headers ok = {{"Authorization", std::string("Bearer ") + kToken}};
  r = client_->Post("/api/ingest?format=jsonl", ok, line, "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = json::parse(r->body);
  EXPECT_EQ(j["stored"], 1);
  r = client_->Get("/api/documents/posted-1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["outlet"], "Test Wire");

  r = client_->Post("/api/ingest", ok, std::string(1 << 17, 'a'), "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  r = client_->Post("/api/ingest?format=pdf", ok, line, "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

}  // namespace
}  // namespace dyad::api

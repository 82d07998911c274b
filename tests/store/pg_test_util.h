// pg_test_util.h — a private PostgreSQL schema per test, from $DYAD_PG_URL.
//
// PG tests (suites named Pg*) need a server: scripts/pg-test.sh starts one and sets DYAD_PG_URL.
// Without it they skip with a message saying so, and plain `ctest` stays green on machines
// without PostgreSQL.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "store/pg_conn.h"

namespace dyad::pgtest {

// The server URL, or "" (the caller then GTEST_SKIPs).
inline std::string server_url() {
  const char* u = std::getenv("DYAD_PG_URL");
  return u ? u : "";
}

#define DYAD_REQUIRE_PG()                                                                                   \
  do {                                                                                                      \
    if (::dyad::pgtest::server_url().empty())                                                               \
      GTEST_SKIP() << "DYAD_PG_URL is not set: PostgreSQL tests run from scripts/pg-test.sh, which starts " \
                      "a throwaway server";                                                                 \
  } while (0)

// Creates schema `name` (dropping an old one) and returns a URL whose sessions use it, so every
// test has empty tables of its own and can be run in parallel with the others.
class Schema {
 public:
  Schema() {
    static std::atomic<int> n{0};
    const ::testing::TestInfo* t = ::testing::UnitTest::GetInstance()->current_test_info();
    name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(n++) + "_" +
            (t ? std::string(t->name()) : "x");
    for (char& c : name_)
      if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    name_ = name_.substr(0, 60);
    for (char& c : name_) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    pg::Conn c(server_url());
    c.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_);
    const std::string base = server_url();
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name_;
  }
  ~Schema() {
    try {
      pg::Conn c(server_url());
      c.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (...) {
    }
  }
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_, url_;
};

}  // namespace dyad::pgtest

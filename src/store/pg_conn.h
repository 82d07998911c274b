// pg_conn.h — thin RAII wrappers over libpq: a connection, a result, COPY input, a transaction.
//
// libpq rather than libpqxx: it is already linked into dyad_store (no build change), it gives
// direct access to COPY and to per-parameter binary format (bytea without escaping), and Debian 12
// ships libpqxx 6.4, whose headers are heavy and older than the C++20 code around them.
//
// Every failure throws std::runtime_error carrying the server's message (and SQLSTATE), so callers
// roll back and record the error instead of checking return codes everywhere. Parameters are sent
// as text (binary for Param::bytes); results are read as text.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::pg {

// True for "postgresql://..." and "postgres://..." URLs.
bool is_url(std::string_view url);

// One query parameter: text (the usual case), NULL, or raw bytes for a bytea column.
struct Param {
  std::string value;
  bool null = false;
  bool binary = false;
  Param(std::string v) : value(std::move(v)) {}    // NOLINT: implicit on purpose, params read as a list
  Param(std::string_view v) : value(v) {}          // NOLINT
  Param(const char* v) : value(v) {}               // NOLINT
  Param(int64_t v) : value(std::to_string(v)) {}   // NOLINT
  Param(int v) : value(std::to_string(v)) {}       // NOLINT
  Param(uint32_t v) : value(std::to_string(v)) {}  // NOLINT
  Param(double v);                                 // NOLINT
  static Param null_value() {
    Param p("");
    p.null = true;
    return p;
  }
  static Param bytes(std::string_view v) {
    Param p(v);
    p.binary = true;
    return p;
  }
};

class Result {
 public:
  explicit Result(PGresult* r) : r_(r, PQclear) {}
  ExecStatusType status() const { return PQresultStatus(r_.get()); }
  PGresult* get() const { return r_.get(); }
  int rows() const { return PQntuples(r_.get()); }
  bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col); }
  std::string text(int row, int col) const;
  std::string bytes(int row, int col) const;  // a bytea column (hex text form) decoded
  int64_t int64(int row, int col) const;
  double real(int row, int col) const;
  int64_t affected() const;  // rows changed by INSERT/UPDATE/DELETE

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

class Conn {
 public:
  // Connects (libpq URL or key=value string) and sets client_encoding UTF8 and UTC.
  explicit Conn(const std::string& url);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // One or more statements without parameters (last result returned).
  Result exec(const std::string& sql);
  // One statement with $1.. parameters.
  Result exec(const std::string& sql, const std::vector<Param>& params);

  // COPY table(columns) FROM STDIN with `data` in COPY text format (see copy_field()).
  void copy_in(const std::string& table_and_columns, std::string_view data);

  PGconn* get() const { return c_; }
  bool ok() const { return c_ && PQstatus(c_) == CONNECTION_OK; }
  [[noreturn]] void fail(const std::string& what, PGresult* r = nullptr) const;

 private:
  PGconn* c_ = nullptr;
};

// Appends one field in COPY text format (escaping \ tab newline CR), then `sep` ('\t' or '\n').
void copy_field(std::string& out, std::string_view v, char sep);
void copy_field(std::string& out, int64_t v, char sep);
void copy_field(std::string& out, double v, char sep);
void copy_null(std::string& out, char sep);

// BEGIN on construction, ROLLBACK on destruction unless commit() was called.
class Tx {
 public:
  explicit Tx(Conn& c) : c_(c) { c_.exec("BEGIN"); }
  ~Tx();
  void commit() {
    c_.exec("COMMIT");
    done_ = true;
  }
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

 private:
  Conn& c_;
  bool done_ = false;
};

}  // namespace dyad::pg

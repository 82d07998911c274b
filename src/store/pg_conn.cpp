#include "store/pg_conn.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace dyad::pg {

bool is_url(std::string_view url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// Shortest text that reads back to the same double; PostgreSQL parses "nan"/"inf" as well.
Param::Param(double v) : value(fmt::format("{}", v)) {}

std::string Result::text(int row, int col) const {
  const char* v = PQgetvalue(r_.get(), row, col);
  return std::string(v, static_cast<size_t>(PQgetlength(r_.get(), row, col)));
}

std::string Result::bytes(int row, int col) const {
  size_t n = 0;
  unsigned char* b =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_.get(), row, col)), &n);
  if (!b) throw std::runtime_error("postgresql: cannot decode bytea value");
  std::string out(reinterpret_cast<const char*>(b), n);
  PQfreemem(b);
  return out;
}

int64_t Result::int64(int row, int col) const {
  return null(row, col) ? 0 : std::strtoll(PQgetvalue(r_.get(), row, col), nullptr, 10);
}

double Result::real(int row, int col) const {
  return null(row, col) ? 0 : std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
}

int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

Conn::Conn(const std::string& url) {
  c_ = PQconnectdb(url.c_str());
  if (!c_ || PQstatus(c_) != CONNECTION_OK) {
    std::string msg = c_ ? PQerrorMessage(c_) : "out of memory";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (c_) PQfinish(c_);
    c_ = nullptr;
    throw std::runtime_error("cannot connect to PostgreSQL: " + msg);
  }
  exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning");
}

Conn::~Conn() {
  if (c_) PQfinish(c_);
}

void Conn::fail(const std::string& what, PGresult* r) const {
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c_);
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  std::string head = what.substr(0, 80);
  if (head.size() < what.size()) head += "...";
  throw std::runtime_error("postgresql: " + msg + (state ? std::string(" [") + state + "]" : "") +
                           " (in: " + head + ")");
}

namespace {
bool good(ExecStatusType st) {
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
}
}  // namespace

Result Conn::exec(const std::string& sql) {
  Result r(PQexec(c_, sql.c_str()));
  if (!r.get()) fail(sql);
  if (!good(r.status())) fail(sql, r.get());
  return r;
}

Result Conn::exec(const std::string& sql, const std::vector<Param>& params) {
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size()), formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    // Text parameters travel NUL-terminated: a NUL byte would silently cut the value short.
    if (!params[i].binary && !params[i].null && params[i].value.find('\0') != std::string::npos)
      throw std::runtime_error("postgresql: NUL byte in text value " + std::to_string(i + 1) +
                               " (PostgreSQL text cannot hold it) (in: " + sql.substr(0, 80) + ")");
    values[i] = params[i].null ? nullptr : params[i].value.c_str();
    lengths[i] = static_cast<int>(params[i].value.size());
    formats[i] = params[i].binary ? 1 : 0;
  }
  Result r(PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                        lengths.data(), formats.data(), /*resultFormat=*/0));
  if (!r.get()) fail(sql);
  if (!good(r.status())) fail(sql, r.get());
  return r;
}

void Conn::copy_in(const std::string& table_and_columns, std::string_view data) {
  const std::string sql = "COPY " + table_and_columns + " FROM STDIN";
  Result start(PQexec(c_, sql.c_str()));
  if (!start.get()) fail(sql);
  if (start.status() != PGRES_COPY_IN) fail(sql, start.get());
  // Chunks keep each message well below libpq's limits for very large documents.
  constexpr size_t kChunk = 1 << 20;
  bool sent = true;
  for (size_t off = 0; off < data.size() && sent; off += kChunk) {
    const size_t n = std::min(kChunk, data.size() - off);
    sent = PQputCopyData(c_, data.data() + off, static_cast<int>(n)) == 1;
  }
  if (!sent) {
    PQputCopyEnd(c_, "client could not send data");
  } else if (PQputCopyEnd(c_, nullptr) != 1) {
    fail(sql);
  }
  // Drain every result: the COPY's own, then the end of the command.
  bool failed = !sent;
  std::string err;
  while (PGresult* r = PQgetResult(c_)) {
    Result res(r);
    if (res.status() != PGRES_COMMAND_OK && !failed) {
      failed = true;
      try {
        fail(sql, res.get());
      } catch (const std::exception& e) {
        err = e.what();
      }
    }
  }
  if (failed) throw std::runtime_error(err.empty() ? "postgresql: COPY failed (in: " + sql + ")" : err);
}

void copy_field(std::string& out, std::string_view v, char sep) {
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += sep;
}

void copy_field(std::string& out, int64_t v, char sep) {
  out += std::to_string(v);
  out += sep;
}

void copy_field(std::string& out, double v, char sep) {
  out += fmt::format("{}", v);
  out += sep;
}

void copy_null(std::string& out, char sep) {
  out += "\\N";
  out += sep;
}

Tx::~Tx() {
  if (!done_) {
    // A failed transaction or a broken connection: ROLLBACK is all we can try, and it must not throw.
    PGresult* r = PQexec(c_.get(), "ROLLBACK");
    if (r) PQclear(r);
  }
}

}  // namespace dyad::pg

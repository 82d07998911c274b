#include "base/paths.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.h"

#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif

namespace dyad {

std::string source_dir() {
  if (const char* e = std::getenv("DYAD_HOME"); e && *e) return e;
  return DYAD_SOURCE_DIR;
}

std::string models_dir() {
  if (const char* e = std::getenv("DYAD_MODELS"); e && *e) return e;
  return source_dir() + "/models";
}

std::string shared_data_dir() {
  if (const char* e = std::getenv("DYAD_SHARED"); e && *e) return std::string(e) + "/data";
  return source_dir() + "/../shared/data";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(path, "read error");
  return std::move(ss).str();
}

void write_file_atomic(const std::string& path, std::string_view data) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(tmp, std::string("cannot write: ") + std::strerror(errno));
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) throw InputError(tmp, "write failed");
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace dyad

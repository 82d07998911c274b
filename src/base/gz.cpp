// gzip reading lives apart from paths.cpp so that only users of read_maybe_gz pull in zlib.
#include <zlib.h>

#include "base/error.h"
#include "base/paths.h"

namespace dyad {

std::string read_maybe_gz(const std::string& path) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".gz") != 0) return read_file(path);
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw InputError(path, "cannot open gzip file");
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  const bool bad = n < 0;
  gzclose(f);
  if (bad) throw InputError(path, "corrupt gzip data");
  return out;
}

}  // namespace dyad

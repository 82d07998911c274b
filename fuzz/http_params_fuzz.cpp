// libFuzzer target: URL query strings -> decoded parameters -> EventFilter (src/api/params.h).
// Any bytes must give either a ParamError or a filter within the documented bounds; never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dyad::api;
  std::string_view query(reinterpret_cast<const char*>(data), size);
  ParamList params;
  if (parse_query_string(query, &params)) return 0;
  for (const auto& [name, value] : params)
    if (name.empty() || name.find('\0') != std::string::npos || value.find('\0') != std::string::npos)
      abort();
  std::initializer_list<std::string_view> allowed = {"actor", "source", "target",  "either", "code",
                                                     "quad",  "from",   "to",      "place",  "evidential",
                                                     "doc",   "text",   "negated", "limit",  "offset"};
  if (check(params, allowed)) return 0;
  dyad::EventFilter f;
  if (auto e = parse_event_filter(params, &f)) {
    if (e->message.empty()) abort();
    return 0;
  }
  if (f.limit < 1 || f.limit > kMaxLimit || f.offset < 0 || f.offset > kMaxOffset) abort();
  if (f.quad_class != -1 && (f.quad_class < 1 || f.quad_class > 4)) abort();
  if (f.code.size() > 4 || f.actor.size() > 32 || f.source.size() > 32 || f.target.size() > 32) abort();
  for (const std::string* d : {&f.date_from, &f.date_to})
    if (!d->empty() && d->size() != 4 && d->size() != 7 && d->size() != 10) abort();
  return 0;
}

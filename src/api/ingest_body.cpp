#include "api/ingest_body.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "pipeline/ingest.h"

namespace dyad::api {

nlohmann::json ingest_body(const Pipeline& pipeline, Store& store, std::string_view body,
                           const std::string& format) {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "dyad-ingest-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder");
  const fs::path dir = tmpl;
  const char* ext = format == "jsonl" ? "jsonl" : format == "html" ? "html" : "txt";
  const fs::path file = dir / (std::string("posted.") + ext);
  nlohmann::json messages = nlohmann::json::array();
  IngestReport r;
  try {
    {
      std::ofstream out(file, std::ios::binary);
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
      if (!out) throw std::runtime_error("cannot write the temporary file");
    }
    IngestOptions o;
    o.jobs = 1;
    r = ingest({file.string()}, pipeline, store, o, [&](const std::string& line) {
      if (messages.size() < 100) messages.push_back(line);
    });
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return {{"read", r.read},       {"stored", r.stored},          {"duplicates", r.duplicates},
          {"failed", r.failed},   {"skipped", r.skipped_inputs}, {"events", r.events},
          {"seconds", r.seconds}, {"messages", messages}};
}

}  // namespace dyad::api

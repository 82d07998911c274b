#include "pipeline/read.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "base/utf8.h"
#include "pipeline/published_date.h"
#include "store/store.h"

namespace dyad {
namespace fs = std::filesystem;
namespace {

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

bool known_ext(const std::string& e) { return e == ".txt" || e == ".html" || e == ".htm" || e == ".jsonl"; }

std::string where_of(const std::string& file, size_t line) {
  return line ? file + ":" + std::to_string(line) : file;
}

std::string human_size(size_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20));
}

// A JSON field as text: strings as is, numbers as written, null/absent as "".
std::string field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// Fills id / key / published for a document whose metadata (if any) is already in d.doc.
void finish(RawDoc& d) {
  if (d.doc.id.empty()) d.doc.id = hex64(hash64(d.raw));
  if (!d.doc.published.empty()) {
    std::string norm = normalize_date(d.doc.published);
    d.doc.published = norm;
    d.doc.published_origin = norm.empty() ? "" : "metadata";
  }
  d.content_key = content_key(d.raw, d.doc.id);
}

// Reads a stream line by line keeping at most `keep` bytes of each line, so that one gigantic line
// (or a file without line breaks, such as a 1 GB sparse file) costs bounded memory.
class LineReader {
 public:
  LineReader(std::istream& in, size_t keep) : in_(in), keep_(keep), buf_(size_t{1} << 16) {}
  // False at the end of input. *line gets the first `keep` bytes of the line (without '\n'),
  // *length its full length.
  bool next(std::string* line, size_t* length) {
    line->clear();
    *length = 0;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        end_ = static_cast<size_t>(in_.gcount());
        pos_ = 0;
        if (end_ == 0) return any;
      }
      any = true;
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const size_t n = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
      if (line->size() < keep_) line->append(start, std::min(n, keep_ - line->size()));
      *length += n;
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

 private:
  std::istream& in_;
  size_t keep_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
};

size_t read_jsonl(const std::string& path, const ReadOptions& options, const DocSink& sink,
                  const IssueSink& issue) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    issue({path, std::string("cannot open: ") + std::strerror(errno), true});
    return 0;
  }
  size_t n = 0, lineno = 0, nonblank = 0, length = 0;
  std::string line;
  LineReader lines(in, options.max_doc_bytes + 1);
  while (lines.next(&line, &length)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++nonblank;
    const std::string where = where_of(path, lineno);
    if (length > options.max_doc_bytes) {
      issue({where,
             fmt::format("line of {} is above the {} limit for one document, skipped", human_size(length),
                         human_size(options.max_doc_bytes)),
             true});
      continue;
    }
    if (line.find('\0') != std::string::npos) {
      issue({where, "NUL byte in line (binary data?), skipped", true});
      continue;
    }
    if (size_t bad = first_invalid_utf8(line); bad != std::string::npos) {
      size_t replaced = 0;
      line = repair_utf8(line, &replaced);
      issue({where,
             fmt::format("invalid UTF-8 at byte {} ({} sequence(s) replaced with U+FFFD)", bad, replaced),
             false});
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      issue({where, "malformed JSON, line skipped", true});
      continue;
    }
    if (!j.is_object()) {
      issue({where, "expected a JSON object, line skipped", true});
      continue;
    }
    RawDoc d;
    std::string text = field(j, "text"), html = field(j, "html");
    if (!html.empty()) {
      d.raw = std::move(html);
      d.format = InputFormat::kHtml;
    } else {
      d.raw = std::move(text);
    }
    if (d.raw.find_first_not_of(" \t\r\n") == std::string::npos) {
      issue({where, "no \"text\" or \"html\" (or it is empty), line skipped", true});
      continue;
    }
    // JSON escapes can smuggle in what the raw line check cannot see ("\u0000").
    if (!check_body(d.raw, path, lineno, options, issue)) continue;
    d.doc.id = field(j, "id");
    d.doc.url = field(j, "url");
    d.doc.source = field(j, "source");
    d.doc.title = field(j, "title");
    d.doc.published = field(j, "published");
    d.doc.path = where;
    std::string given = d.doc.published;
    if (d.format == InputFormat::kHtml && d.doc.published.empty())
      d.doc.published = html_meta_published(d.raw);
    finish(d);
    if (!given.empty() && d.doc.published.empty())
      issue({where, "unreadable \"published\" date \"" + given.substr(0, 40) + "\", ignored", false});
    sink(std::move(d));
    ++n;
  }
  if (in.bad()) issue({path, "read error", true});
  if (nonblank == 0) issue({path, "empty file, skipped", true});
  return n;
}

}  // namespace

bool looks_like_html(std::string_view s) {
  std::string head;
  for (char c : s.substr(0, 2048)) head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* tag : {"<!doctype html", "<html", "<body", "<p>", "<p ", "<div", "<article", "<br"})
    if (head.find(tag) != std::string::npos) return true;
  return false;
}

std::string html_meta_published(std::string_view html) {
  // Look at the few hundred bytes after each well-known marker for a date.
  static constexpr const char* kMarkers[] = {"article:published_time", "datepublished", "\"pubdate\"",
                                             "name=\"date\"",          "dc.date",       "<time datetime="};
  std::string head;
  const size_t limit = std::min<size_t>(html.size(), 200000);
  head.reserve(limit);
  for (size_t i = 0; i < limit; ++i)
    head += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
  for (const char* m : kMarkers) {
    size_t p = head.find(m);
    while (p != std::string::npos) {
      std::string date = normalize_date(std::string_view(html).substr(p, 160));
      if (!date.empty()) return date;
      p = head.find(m, p + 1);
    }
  }
  return "";
}

std::string html_title(std::string_view html) {
  std::string head;
  const size_t limit = std::min<size_t>(html.size(), 100000);
  for (size_t i = 0; i < limit; ++i)
    head += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
  size_t b = head.find("<title");
  if (b == std::string::npos || (b = head.find('>', b)) == std::string::npos) return "";
  size_t e = head.find("</title", b);
  if (e == std::string::npos) return "";
  std::string t(html.substr(b + 1, e - b - 1));
  // Collapse whitespace; entities are left to the cleaner.
  std::string out;
  for (char c : t) {
    bool sp = std::isspace(static_cast<unsigned char>(c));
    if (sp && (out.empty() || out.back() == ' ')) continue;
    out += sp ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool check_body(std::string& body, const std::string& where, size_t line, const ReadOptions& options,
                const IssueSink& issue) {
  const std::string w = where_of(where, line);
  if (body.size() > options.max_doc_bytes) {
    issue({w,
           fmt::format("{} is above the {} limit for one document, skipped", human_size(body.size()),
                       human_size(options.max_doc_bytes)),
           true});
    return false;
  }
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.erase(0, 3);
  if (body.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    issue({w, "empty file, skipped", true});
    return false;
  }
  // Binary: any NUL byte, or more than 10% control bytes in the first 64 KiB.
  const std::string_view head = std::string_view(body).substr(0, 65536);
  size_t control = 0;
  for (unsigned char c : head)
    control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
  if (body.find('\0') != std::string::npos || control * 10 > head.size()) {
    issue({w, "binary file (NUL or control bytes), not text: skipped", true});
    return false;
  }
  if (size_t bad = first_invalid_utf8(body); bad != std::string::npos) {
    size_t replaced = 0;
    const size_t bad_line = line_of_offset(body, bad) + (line ? line - 1 : 0);
    body = repair_utf8(body, &replaced);
    issue({where_of(where, bad_line),
           fmt::format("invalid UTF-8 ({} sequence(s) replaced with U+FFFD; first at this line)", replaced),
           false});
  }
  return true;
}

std::vector<std::string> list_inputs(const std::vector<std::string>& paths, const IssueSink& issue) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      issue({p, "no such file or folder", true});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      issue({p, "cannot list folder: " + ec.message(), true});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        issue({p, "cannot list folder: " + ec.message(), true});
        break;
      }
      const fs::path& f = it->path();
      if (f.filename().string().rfind('.', 0) == 0) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && known_ext(lower_ext(f))) found.push_back(f.string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

size_t read_input(const std::string& path, const ReadOptions& options, const DocSink& sink,
                  const IssueSink& issue) {
  const std::string ext = lower_ext(path);
  if (ext == ".jsonl") return read_jsonl(path, options, sink, issue);

  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    issue({path, "cannot read: " + ec.message(), true});
    return 0;
  }
  if (size > options.max_doc_bytes) {
    issue({path,
           fmt::format("{} is above the {} limit for one document, skipped", human_size(size),
                       human_size(options.max_doc_bytes)),
           true});
    return 0;
  }
  RawDoc d;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      issue({path, std::string("cannot open: ") + std::strerror(errno), true});
      return 0;
    }
    d.raw.resize(size);
    in.read(d.raw.data(), static_cast<std::streamsize>(size));
    d.raw.resize(static_cast<size_t>(in.gcount()));
  }
  if (!check_body(d.raw, path, 0, options, issue)) return 0;
  d.format = (ext == ".html" || ext == ".htm" || (ext != ".txt" && looks_like_html(d.raw)))
                 ? InputFormat::kHtml
                 : InputFormat::kText;
  d.doc.path = path;
  if (d.format == InputFormat::kHtml) {
    d.doc.published = html_meta_published(d.raw);
    d.doc.title = html_title(d.raw);
  }
  finish(d);
  // No date in the metadata: the file's name may carry one ("...-2025-07.txt"). The pipeline still
  // prefers a date the cleaned page or the top of the text gives (resolve_published).
  if (d.doc.published.empty()) {
    d.doc.published = date_from_filename(path);
    if (!d.doc.published.empty()) d.doc.published_origin = "filename";
  }
  sink(std::move(d));
  return 1;
}

}  // namespace dyad

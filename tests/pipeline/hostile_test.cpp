// Hostile inputs through the whole ingest (reader, every analysis stage, store): the committed
// corpus of tests/hostile/ plus big inputs generated here. Each input must give either a clear
// message naming its file (and line) or a sane stored document, never a crash or a hang, and no
// input may cost another document of the same ingest.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/paths.h"
#include "base/utf8.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "pipeline/read.h"
#include "store/store.h"

namespace dyad {
namespace {
namespace fs = std::filesystem;

class TempDir {
 public:
  explicit TempDir(const std::string& name) : dir_(fs::temp_directory_path() / ("dyad_hostile_" + name)) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() { fs::remove_all(dir_); }
  std::string write(const std::string& name, std::string_view bytes) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  std::string path(const std::string& name = "") const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

// The log line that starts with `prefix` (after an optional "warning: "), "" if none.
std::string find_line(const std::vector<std::string>& log, const std::string& prefix) {
  for (const std::string& l : log) {
    std::string_view v = l;
    if (v.rfind("warning: ", 0) == 0) v.remove_prefix(9);
    if (v.rfind(prefix, 0) == 0) return l;
  }
  return "";
}

std::string join(const std::vector<std::string>& log) {
  std::string s;
  for (const auto& l : log) s += l + "\n";
  return s;
}

// Every span of a stored document lies inside its text, and the text is valid UTF-8.
void expect_sane(const StoredDoc& s) {
  const Doc& d = s.doc;
  EXPECT_EQ(s.record.status, "ok") << d.path << ": " << s.record.error;
  EXPECT_TRUE(valid_utf8(d.text)) << d.path;
  EXPECT_FALSE(d.sentences.empty()) << d.path;
  for (const Sentence& x : d.sentences) EXPECT_LE(x.span.end, d.text.size()) << d.path;
  for (const Timex& t : d.timexes) EXPECT_LE(t.span.end, d.text.size()) << d.path;
}

TEST(Hostile, EveryInputGivesAMessageOrASaneDocument) {
  TempDir t("ingest");
  const fs::path corpus = fs::path(DYAD_SOURCE_DIR) / "tests" / "hostile";
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.path().extension() != ".md") fs::copy_file(e.path(), t.path(e.path().filename().string()));
  for (const auto& e : fs::directory_iterator(fs::path(DYAD_SOURCE_DIR) / "examples"))
    fs::copy_file(e.path(), t.path(e.path().filename().string()));

  // Generated: 100k levels of nested HTML (block and inline), a 10^6-character line, a run-on line
  // of words without punctuation, and a JSONL line whose field is above the 20 MB document limit
  // followed by a good line.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>Russia and North Korea signed a treaty in Pyongyang on Saturday.</p>";
  for (int i = 0; i < 100000; ++i) deep += "</div>";
  t.write("deep.html", "<html><body>" + deep + "</body></html>");
  std::string inl = "<p>";
  for (int i = 0; i < 100000; ++i) inl += "<b>";
  t.write("deep_inline.html", inl + "Lavrov met Kim in Wonsan.");
  t.write("long_line.txt", "Kim met Putin in Moscow.\n" + std::string(1000000, 'x') + "\n");
  std::string runon;
  const char* words[] = {"Russia", "signed", "a",      "treaty", "with", "North",
                         "Korea",  "and",    "Lavrov", "met",    "Kim"};
  for (size_t i = 0; runon.size() < 20000; ++i) runon += std::string(words[(i * 7) % 11]) + " ";
  t.write("run_on.txt", runon + "\n");
  t.write("huge_field.jsonl",
          "{\"id\":\"hostile-huge-1\",\"text\":\"" + std::string(21u << 20, 'a') +
              "\"}\n{\"id\":\"hostile-huge-2\",\"text\":\"Kim met Lavrov in Wonsan.\"}\n");

  auto store = open_store(":memory:");
  const Pipeline p = Pipeline::load(models_dir());
  std::vector<std::string> log;
  IngestOptions o;
  o.jobs = 2;
  const IngestReport r = ingest({t.path()}, p, *store, o, [&](const std::string& l) { log.push_back(l); });
  const std::string all = join(log);
  const std::string dir = t.path();

  // Refused, with file (and line) named.
  struct Refusal {
    const char* where;
    const char* what;
  };
  for (const Refusal& x : std::vector<Refusal>{
           {"nul_bytes.txt: ", "binary file"},
           {"malformed.jsonl:2: ", "malformed JSON"},
           {"malformed.jsonl:3: ", "expected a JSON object"},
           {"malformed.jsonl:4: ", "no \"text\""},
           {"malformed.jsonl:5: ", "malformed JSON"},
           {"malformed.jsonl:7: ", "expected a JSON object"},
           {"malformed.jsonl:8: ", "binary file"},     // "\u0000" escape
           {"malformed.jsonl:9: ", "malformed JSON"},  // lone surrogate escape
           {"huge_field.jsonl:1: ", "above the 20.0 MB limit"},
       }) {
    const std::string l = find_line(log, dir + x.where);
    EXPECT_NE(l.find(x.what), std::string::npos) << x.where << " should say " << x.what << "\n" << all;
    EXPECT_EQ(l.rfind("warning: ", 0), std::string::npos) << l;
  }
  // Repaired with a warning naming the line of the first bad byte.
  for (const char* w :
       {"invalid_utf8.txt:3: invalid UTF-8", "surrogates.txt:2: invalid UTF-8",
        "malformed.jsonl:13: invalid UTF-8", "dates.jsonl:1: unreadable \"published\"",
        "dates.jsonl:2: unreadable", "dates.jsonl:3: unreadable", "dates.jsonl:4: unreadable",
        "dates.jsonl:5: unreadable", "dates.jsonl:6: unreadable", "dates.jsonl:9: unreadable"}) {
    const std::string l = find_line(log, dir + w);
    EXPECT_EQ(l.rfind("warning: ", 0), 0u) << "expected a warning " << w << "\n" << all;
  }

  // Stored, complete and sane.
  auto doc = [&](const std::string& ref) {
    std::optional<StoredDoc> s = store->load(ref);
    EXPECT_TRUE(s.has_value()) << ref << " not stored\n" << all;
    if (s) expect_sane(*s);
    return s;
  };
  for (const char* id :
       {"hostile-good-1", "hostile-good-6", "hostile-good-10", "hostile-deep-11", "hostile-dup-12b",
        "hostile-rawbad-13", "hostile-huge-2", "seed-russia-dprk-2025-07", "seed-russia-dprk-2025-11",
        "invalid_utf8", "surrogates", "zero_width_names", "run_on"})
    doc(id);
  if (auto s = doc("hostile-rawbad-13")) {
    EXPECT_NE(s->doc.text.find("\xEF\xBF\xBD"), std::string::npos);
  }
  if (auto s = doc("invalid_utf8")) {
    EXPECT_NE(s->doc.text.find("\xEF\xBF\xBD"), std::string::npos);
  }
  if (auto s = doc("zero_width_names")) {
    EXPECT_NE(s->doc.text.find("Putin"), std::string::npos);
  }
  if (auto s = doc("deep")) {
    EXPECT_NE(s->doc.text.find("signed a treaty"), std::string::npos);
  }
  if (auto s = doc("deep_inline")) {
    EXPECT_NE(s->doc.text.find("Lavrov met Kim"), std::string::npos);
  }
  if (auto s = doc("long_line")) {
    EXPECT_NE(s->doc.text.find("Kim met Putin"), std::string::npos);
  }
  if (auto s = doc("run_on")) {
    for (const Sentence& x : s->doc.sentences) EXPECT_LE(x.last - x.first, 400u) << "run-on sentence not cut";
  }
  // Dates: impossible ones are dropped (never stored as given), valid ones kept.
  for (int i = 1; i <= 12; ++i) {
    auto s = doc("hostile-date-" + std::to_string(i));
    if (!s) continue;
    const std::string& pub = s->doc.published;
    const std::string want = i == 7 ? "2024-02-29" : i == 8 ? "2025-07-12" : "";  // 8: "...T99:99:99Z"
    EXPECT_EQ(pub, want) << "hostile-date-" << i;
  }
  // 28 stored documents, nothing failed, 9 inputs skipped (the refusals above).
  EXPECT_EQ(r.stored, 28u) << all;
  EXPECT_EQ(r.failed, 0u) << all;
  EXPECT_EQ(r.skipped_inputs, 9u) << all;
}

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST(Hostile, OneGigabyteSparseFilesAreRefusedWithBoundedMemory) {
  TempDir t("sparse");
  // A good JSONL line, then a 1 GB hole of NUL bytes without a line break.
  const std::string jsonl =
      t.write("sparse.jsonl", "{\"id\":\"before-the-hole\",\"text\":\"Kim met Lavrov.\"}\n");
  const std::string txt = t.write("sparse.txt", "");
  const std::string html = t.write("sparse.html", "<p>");
  for (const std::string& f : {jsonl, txt, html}) fs::resize_file(f, uintmax_t{1} << 30);

  const long before = max_rss_kb();
  std::vector<std::string> docs;
  std::vector<ReadIssue> issues;
  for (const std::string& f : {jsonl, txt, html})
    read_input(
        f, ReadOptions{}, [&](RawDoc&& d) { docs.push_back(d.doc.id); },
        [&](const ReadIssue& i) { issues.push_back(i); });
  const long grown_mb = (max_rss_kb() - before) / 1024;

  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0], "before-the-hole");
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].where, jsonl + ":2");
  EXPECT_EQ(issues[1].where, txt);
  EXPECT_EQ(issues[2].where, html);
  for (const ReadIssue& i : issues) {
    EXPECT_TRUE(i.skipped);
    EXPECT_NE(i.message.find("1024.0 MB"), std::string::npos) << i.text();
  }
  // Reading must stream: peak memory may grow by the 20 MB line limit and buffers, not by 1 GB.
  EXPECT_LT(grown_mb, 128) << "peak RSS grew by " << grown_mb << " MB";
}

}  // namespace
}  // namespace dyad

// The knowledge base end to end: short articles reporting one meeting differently (and near misses)
// go through the real pipeline (`dyad ingest`), then `dyad query`, `dyad export` and `dyad dedup`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.h"

namespace {
namespace fs = std::filesystem;

using dyad::test::Result;
using dyad::test::run;

std::vector<nlohmann::json> jsonl(const std::string& s) {
  std::vector<nlohmann::json> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

// A strict RFC 4180 reader: records end with CRLF, quoted fields may hold commas, quotes, newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string& s, bool* ok) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  *ok = true;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '"') {
      ++i;
      for (;;) {
        if (i >= s.size()) {
          *ok = false;
          return rows;
        }
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"')
            field += '"', i += 2;
          else {
            ++i;
            break;
          }
        } else {
          field += s[i++];
        }
      }
    } else {
      while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
        if (s[i] == '"') *ok = false;
        field += s[i++];
      }
    }
    row.push_back(std::move(field));
    field.clear();
    if (i < s.size() && s[i] == ',') {
      ++i;
    } else if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') {
      i += 2;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      *ok = false;  // bare LF or junk after a quoted field
      return rows;
    }
  }
  if (!row.empty()) *ok = false;  // last record without CRLF
  return rows;
}

class Kb : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dyad_ = std::string(DYAD_BINARY_DIR) + "/dyad";
    if (!fs::exists(dyad_)) return;
    // ctest runs each test in its own process, in parallel: one database per process.
    db_ = (fs::temp_directory_path() / ("dyad_kb_cli_test_" + std::to_string(getpid()) + ".db")).string();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(db_ + s);
    ingest_ =
        run(dyad_ + " --quiet --db " + db_ + " ingest " + std::string(DYAD_SOURCE_DIR) + "/tests/store/data");
  }
  static void TearDownTestSuite() {
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(db_ + s);
  }
  void SetUp() override {
    if (!fs::exists(dyad_)) GTEST_SKIP() << dyad_ << " not built";
    ASSERT_EQ(ingest_.status, 0) << ingest_.out;
  }
  static Result dyad(const std::string& args) { return run(dyad_ + " --quiet --db " + db_ + " " + args); }
  static std::vector<nlohmann::json> events(const std::string& args = "") {
    Result r = dyad("query --limit -1 --format jsonl " + args);
    EXPECT_EQ(r.status, 0) << r.out;
    return r.status == 0 ? jsonl(r.out) : std::vector<nlohmann::json>{};
  }
  static inline std::string dyad_, db_;
  static inline Result ingest_;
};

const std::set<std::string> kSameMeeting = {"tass-0713", "yonhap-0714", "reuters-0712", "kcna-0714"};

bool russia_korea_meeting(const nlohmann::json& e) {
  std::string s = e["source"]["code"], t = e["target"]["code"], root = e["root"];
  auto side = [](const std::string& c) { return c.substr(0, 3); };
  std::set<std::string> pair = {side(s), side(t)};
  return root == "04" && pair == std::set<std::string>{"RUS", "PRK"};
}

// The four reports of the 12 July meeting become one cluster; the August meeting and the
// Chinese minister's meeting with Kim the same day stay apart.
TEST_F(Kb, ReportsOfOneMeetingClusterAndCorroborate) {
  auto evs = events();
  std::set<int64_t> clusters;
  std::set<std::string> docs;
  int n = 0;
  for (const auto& e : evs) {
    if (!kSameMeeting.count(e["doc"]["id"]) || !russia_korea_meeting(e)) continue;
    ++n;
    clusters.insert(e["cluster"].get<int64_t>());
    docs.insert(e["doc"]["id"]);
    // Corroborated by other outlets: the information digit improved over the mention's own grade.
    const std::string base = e["credibility_base"], now = e["credibility"];
    ASSERT_EQ(base.size(), 2u);
    ASSERT_EQ(now.size(), 2u);
    EXPECT_EQ(now[0], base[0]);
    EXPECT_LT(now[1], base[1]) << e.dump();
  }
  ASSERT_GE(n, 3) << "the pipeline should code at least three of the reports";
  ASSERT_GE(docs.size(), 3u);
  ASSERT_EQ(clusters.size(), 1u) << "all reports of the meeting in one cluster";
  const int64_t cluster = *clusters.begin();
  for (const auto& e : evs) {
    const std::string doc = e["doc"]["id"];
    if (doc == "ap-0820" || doc == "xinhua-0713") {
      EXPECT_NE(e["cluster"].get<int64_t>(), cluster) << "near miss merged: " << e.dump();
      EXPECT_EQ(e["sources"].get<int64_t>(), 1) << e.dump();
    }
    if (e["cluster"].get<int64_t>() == cluster) {
      EXPECT_EQ(e["sources"].get<int64_t>(), static_cast<int64_t>(docs.size()));
    }
  }
  // A rebuild from scratch reaches the same clusters.
  Result r = dyad("dedup --rebuild");
  ASSERT_EQ(r.status, 0) << r.out;
  auto again = events();
  ASSERT_EQ(again.size(), evs.size());
  for (size_t i = 0; i < evs.size(); ++i) {
    EXPECT_EQ(again[i]["cluster"], evs[i]["cluster"]);
    EXPECT_EQ(again[i]["credibility"], evs[i]["credibility"]);
  }
}

TEST_F(Kb, QueryFilters) {
  auto all = events();
  auto dyad_one_way = events("--dyad RUS:PRK");
  auto dyad_both = events("--dyad RUS:PRK --either-direction");
  EXPECT_LT(dyad_one_way.size(), dyad_both.size());
  for (const auto& e : dyad_one_way) EXPECT_EQ(std::string(e["source"]["code"]).substr(0, 3), "RUS");
  auto july = events("--dyad RUS:PRK --either-direction --from 2025-07-01 --to 2025-07-31");
  auto august = events("--actor RUS --from 2025-08");
  EXPECT_EQ(july.size() + august.size(), dyad_both.size());
  ASSERT_EQ(august.size(), 1u);
  EXPECT_EQ(august[0]["doc"]["id"], "ap-0820");
  EXPECT_EQ(events("--doc xinhua-0713").size(), 1u);
  auto text = events("--text WONSAN");
  for (const auto& e : text) EXPECT_NE(std::string(e["sentence"]).find("Wonsan"), std::string::npos);
  EXPECT_GE(text.size(), 2u);
  Result page_r = dyad("query --format jsonl --limit 2 --offset 1");
  auto page2 = jsonl(page_r.out);
  ASSERT_EQ(page2.size(), 2u);
  EXPECT_EQ(page2[0]["id"], all[1]["id"]);
  Result count = dyad("query --count --root 04");
  EXPECT_EQ(std::stoul(count.out), events("--code 04").size());
  Result table = dyad("query --dyad RUS:PRK");
  EXPECT_EQ(table.status, 0);
  EXPECT_NE(table.out.find("RUSGOV"), std::string::npos);
  Result bad = dyad("query --dyad RUS");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("SOURCE:TARGET"), std::string::npos) << bad.out;
}

TEST_F(Kb, Analytics) {
  Result s = dyad("query --series month --dyad RUS:PRK --either-direction --format jsonl");
  ASSERT_EQ(s.status, 0) << s.out;
  auto pts = jsonl(s.out);
  ASSERT_EQ(pts.size(), 2u);
  EXPECT_EQ(pts[0]["period"], "2025-07");
  EXPECT_EQ(pts[1]["period"], "2025-08");
  EXPECT_EQ(pts[1]["events"], 1);
  Result w = dyad("query --series week --format csv");
  EXPECT_NE(w.out.find("2025-W28,"), std::string::npos) << w.out;  // Saturday 12 July 2025
  Result net = dyad("query --network --min-events 2 --format jsonl");
  for (const auto& e : jsonl(net.out)) EXPECT_GE(e["events"].get<int>(), 2);
  EXPECT_FALSE(jsonl(net.out).empty());
  Result top = dyad("query --top-actors 2 --format jsonl");
  auto t = jsonl(top.out);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_GE(t[0]["events"].get<int>(), t[1]["events"].get<int>()) << "sorted by events";
  // The fixtures are reports of one RUS-PRK meeting: the two most active actors are its two sides.
  std::set<std::string> top2{std::string(t[0]["code"]).substr(0, 3), std::string(t[1]["code"]).substr(0, 3)};
  EXPECT_EQ(top2, (std::set<std::string>{"PRK", "RUS"}));
}

TEST_F(Kb, ExportFormats) {
  const std::string dir =
      (fs::temp_directory_path() / ("dyad_kb_export_" + std::to_string(getpid()))).string();
  fs::create_directories(dir);
  const std::size_t n = events().size();
  // JSONL: one object per event.
  Result j = dyad("export --format jsonl");
  ASSERT_EQ(j.status, 0);
  EXPECT_EQ(jsonl(j.out).size(), n);
  // CSV: RFC 4180, header + one record per event, same width everywhere.
  Result c = dyad("export --format csv -o " + dir + "/dyad_kb_export.csv");
  ASSERT_EQ(c.status, 0) << c.out;
  std::ifstream cin(dir + "/dyad_kb_export.csv", std::ios::binary);
  std::string csv((std::istreambuf_iterator<char>(cin)), std::istreambuf_iterator<char>());
  bool ok = false;
  auto rows = parse_csv(csv, &ok);
  ASSERT_TRUE(ok) << csv.substr(0, 400);
  ASSERT_EQ(rows.size(), n + 1);
  EXPECT_EQ(rows[0][0], "id");
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows[0].size());
  // GDELT: 61 tab-separated columns, one row per cluster.
  Result g = dyad("export --format gdelt -o " + dir + "/dyad_kb_export.tsv");
  ASSERT_EQ(g.status, 0) << g.out;
  std::ifstream gin(dir + "/dyad_kb_export.tsv");
  std::string line;
  std::set<std::string> ids;
  size_t lines = 0;
  bool saw_meeting = false;
  while (std::getline(gin, line)) {
    ++lines;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, '\t')) f.push_back(x);
    if (!line.empty() && line.back() == '\t') f.push_back("");
    ASSERT_EQ(f.size(), 61u) << line;
    ids.insert(f[0]);
    if (f[1] == "20250712" && f[28] == "04" &&
        std::set<std::string>{f[7], f[17]} == std::set<std::string>{"RUS", "PRK"}) {
      saw_meeting = true;
      EXPECT_EQ(f[2], "202507");
      EXPECT_EQ(f[3], "2025");
      EXPECT_EQ(f[32], "4") << "NumSources: four outlets";
      EXPECT_FALSE(f[60].empty()) << "SOURCEURL";
    }
  }
  EXPECT_EQ(ids.size(), lines) << "GlobalEventID unique";
  EXPECT_LT(lines, n) << "mentions of one cluster are one GDELT event";
  EXPECT_TRUE(saw_meeting);
  fs::remove_all(dir);
}

}  // namespace

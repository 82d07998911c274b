#include "pipeline/read.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "pipeline/published_date.h"
#include "store/store.h"

namespace dyad {
namespace {
namespace fs = std::filesystem;

// A fresh temp folder per test, removed afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& name) : dir_(fs::temp_directory_path() / ("dyad_read_test_" + name)) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() { fs::remove_all(dir_); }
  std::string write(const std::string& name, std::string_view bytes) const {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

struct Collected {
  std::vector<RawDoc> docs;
  std::vector<ReadIssue> issues;
  size_t read(const std::string& path, ReadOptions o = {}) {
    return read_input(
        path, o, [&](RawDoc&& d) { docs.push_back(std::move(d)); },
        [&](const ReadIssue& i) { issues.push_back(i); });
  }
};

TEST(Read, JsonlFieldsAndMalformedLine) {
  TempDir t("jsonl");
  const std::string f =
      t.write("a.jsonl",
              "{\"id\":\"a1\",\"url\":\"u\",\"source\":\"S\",\"published\":\"2025-07-12T08:00:00Z\","
              "\"title\":\"T\",\"text\":\"Hello world.\"}\n"
              "{\"id\":\"a2\", \"text\": \"broken\n"
              "\n"
              "{\"id\":\"a3\",\"html\":\"<p>Para</p>\"}\n"
              "{\"id\":\"a4\"}\n");
  Collected c;
  EXPECT_EQ(c.read(f), 2u);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].doc.id, "a1");
  EXPECT_EQ(c.docs[0].doc.url, "u");
  EXPECT_EQ(c.docs[0].doc.source, "S");
  EXPECT_EQ(c.docs[0].doc.title, "T");
  EXPECT_EQ(c.docs[0].doc.published, "2025-07-12");
  EXPECT_EQ(c.docs[0].doc.published_origin, "metadata");
  EXPECT_EQ(c.docs[0].doc.path, f + ":1");
  EXPECT_EQ(c.docs[0].raw, "Hello world.");
  EXPECT_EQ(c.docs[0].format, InputFormat::kText);
  EXPECT_EQ(c.docs[1].doc.id, "a3");
  EXPECT_EQ(c.docs[1].format, InputFormat::kHtml);
  EXPECT_EQ(c.docs[1].doc.path, f + ":4");
  ASSERT_EQ(c.issues.size(), 2u);
  EXPECT_EQ(c.issues[0].where, f + ":2");
  EXPECT_TRUE(c.issues[0].skipped);
  EXPECT_NE(c.issues[0].text().find("malformed JSON"), std::string::npos);
  EXPECT_EQ(c.issues[1].where, f + ":5");
  EXPECT_NE(c.issues[1].message.find("\"text\""), std::string::npos);
}

TEST(Read, JsonlInvalidUtf8IsRepairedWithLine) {
  TempDir t("jsonl_utf8");
  const std::string f =
      t.write("b.jsonl", "{\"id\":\"x\",\"text\":\"ok\"}\n{\"id\":\"y\",\"text\":\"bad \xC3\x28 byte\"}\n");
  Collected c;
  EXPECT_EQ(c.read(f), 2u);
  ASSERT_EQ(c.issues.size(), 1u);
  EXPECT_EQ(c.issues[0].where, f + ":2");
  EXPECT_FALSE(c.issues[0].skipped);
  EXPECT_EQ(c.docs[1].raw, "bad \xEF\xBF\xBD( byte");
}

TEST(Read, TextFileInvalidUtf8NamesLine) {
  TempDir t("txt_utf8");
  const std::string f = t.write("c.txt", "line one\nline two\nbad \xFF here\n");
  Collected c;
  EXPECT_EQ(c.read(f), 1u);
  ASSERT_EQ(c.issues.size(), 1u);
  EXPECT_EQ(c.issues[0].where, f + ":3");
  EXPECT_EQ(c.docs[0].raw, "line one\nline two\nbad \xEF\xBF\xBD here\n");
  EXPECT_EQ(c.docs[0].doc.path, f);
  EXPECT_EQ(c.docs[0].doc.id.size(), 16u) << "id derived from the content hash";
}

TEST(Read, BinaryEmptyAndOversizedAreSkipped) {
  TempDir t("bad");
  Collected c;
  EXPECT_EQ(c.read(t.write("bin.txt", std::string("PK\x03\x04\0\0\x01\x02", 8) + "zzz")), 0u);
  EXPECT_EQ(c.read(t.write("empty.txt", "")), 0u);
  EXPECT_EQ(c.read(t.write("blank.html", "  \n\n ")), 0u);
  ReadOptions small;
  small.max_doc_bytes = 10;
  EXPECT_EQ(c.read(t.write("big.txt", "0123456789abcdef"), small), 0u);
  EXPECT_EQ(c.read(t.write("empty.jsonl", "\n\n")), 0u);
  ASSERT_EQ(c.issues.size(), 5u);
  EXPECT_NE(c.issues[0].message.find("binary"), std::string::npos);
  EXPECT_NE(c.issues[1].message.find("empty"), std::string::npos);
  EXPECT_NE(c.issues[2].message.find("empty"), std::string::npos);
  EXPECT_NE(c.issues[3].message.find("limit"), std::string::npos);
  EXPECT_NE(c.issues[4].message.find("empty"), std::string::npos);
  for (const auto& i : c.issues) EXPECT_TRUE(i.skipped);
  EXPECT_TRUE(c.docs.empty());
}

TEST(Read, HtmlMetaDateAndTitle) {
  TempDir t("html");
  const std::string f =
      t.write("p.html",
              "<html><head><title> Kim  meets\nLavrov </title>"
              "<meta property=\"article:published_time\" content=\"2025-07-13T10:00:00+00:00\">"
              "</head><body><p>Text.</p></body></html>");
  Collected c;
  ASSERT_EQ(c.read(f), 1u);
  EXPECT_EQ(c.docs[0].format, InputFormat::kHtml);
  EXPECT_EQ(c.docs[0].doc.title, "Kim meets Lavrov");
  EXPECT_EQ(c.docs[0].doc.published, "2025-07-13");
  EXPECT_EQ(c.docs[0].doc.published_origin, "metadata");
}

TEST(Read, ListInputsRecursesAndFilters) {
  TempDir t("list");
  t.write("b/x.txt", "x");
  t.write("a.html", "<p>a</p>");
  t.write("c.pdf", "%PDF");
  t.write(".hidden/y.txt", "y");
  t.write("b/d/z.JSONL", "{}");
  std::vector<ReadIssue> issues;
  auto files =
      list_inputs({t.path(), t.path() + "/missing"}, [&](const ReadIssue& i) { issues.push_back(i); });
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(fs::path(files[0]).filename(), "a.html");
  EXPECT_EQ(fs::path(files[1]).filename(), "z.JSONL") << "sorted by full path: b/d/ before b/x";
  EXPECT_EQ(fs::path(files[2]).filename(), "x.txt");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].message.find("no such"), std::string::npos);
}

TEST(PublishedDate, NormalizesMetadataForms) {
  EXPECT_EQ(normalize_date("2025-07-12"), "2025-07-12");
  EXPECT_EQ(normalize_date("2025-07-12T23:59:00Z"), "2025-07-12");
  EXPECT_EQ(normalize_date("July 12, 2025"), "2025-07-12");
  EXPECT_EQ(normalize_date("12 July 2025"), "2025-07-12");
  EXPECT_EQ(normalize_date("Sept. 3, 2024"), "2024-09-03");
  EXPECT_EQ(normalize_date("Feb 29, 2023"), "") << "not a leap year";
  EXPECT_EQ(normalize_date("2025-13-01"), "");
  EXPECT_EQ(normalize_date("yesterday"), "");
}

TEST(PublishedDate, DatelineNearTopElseLatestFlagged) {
  TextDate top =
      date_from_text("MOSCOW, July 12, 2025 (Reuters) - Lavrov said the 2023 treaty of March 3, 2024 ...");
  EXPECT_EQ(top.date, "2025-07-12");
  EXPECT_EQ(top.origin, "text");

  std::string body(600, 'x');
  body = "Headline\n" + body + " signed on March 3, 2024 and again on 1 June 2025, after Jan. 5, 2025.";
  TextDate late = date_from_text(body);
  EXPECT_EQ(late.date, "2025-06-01");
  EXPECT_EQ(late.origin, "text-latest");

  EXPECT_EQ(date_from_text("No dates here, only July and 2025.").date, "");
}

TEST(Pipeline, PublishedFallsBackToTextThenUnknown) {
  const Pipeline p = Pipeline::load("/nonexistent-models");
  Doc a;
  a.text = "Headline\nPYONGYANG, July 12, 2025 - Kim met Lavrov.";
  p.run(a);
  EXPECT_EQ(a.published, "2025-07-12");
  EXPECT_EQ(a.published_origin, "text");
  EXPECT_FALSE(a.sentences.empty());
  EXPECT_EQ(a.title, "Headline");

  Doc b;
  b.text = "Kim met Lavrov.";
  p.run(b);
  EXPECT_EQ(b.published, "");
  EXPECT_EQ(b.published_origin, "unknown");

  Doc c;
  c.published = "2024-01-02";
  c.text = "PYONGYANG, July 12, 2025 - Kim met Lavrov.";
  p.run(c);
  EXPECT_EQ(c.published, "2024-01-02") << "metadata wins over the text";
  EXPECT_EQ(c.published_origin, "metadata");
}

TEST(PublishedDate, FromFileName) {
  EXPECT_EQ(date_from_filename("examples/seed-russia-dprk-2025-07.txt"), "2025-07");
  EXPECT_EQ(date_from_filename("/in/report_2025-07-12.html"), "2025-07-12");
  EXPECT_EQ(date_from_filename("20250712-report.txt"), "2025-07-12");
  EXPECT_EQ(date_from_filename("2024.11 brief.txt"), "2024-11");
  // Not dates: a longer digit run, month 13, a bare year, a date only in the folder name.
  EXPECT_EQ(date_from_filename("id-202507123.txt"), "");
  EXPECT_EQ(date_from_filename("x-2025-13.txt"), "");
  EXPECT_EQ(date_from_filename("annual-2025.txt"), "");
  EXPECT_EQ(date_from_filename("2025-07-12/article.txt"), "");
  // A day that does not exist keeps the month.
  EXPECT_EQ(date_from_filename("brief-2025-02-30.txt"), "2025-02");
}

TEST(Read, LoneFileTakesItsNameDateUnlessMetadataOrDatelineGiveOne) {
  TempDir t("filename_date");
  Collected c;
  c.read(t.write("notes-2025-11.txt", "Kim met Lavrov last month."));
  c.read(t.write("page-2025-11.html",
                 "<html><head><meta property=\"article:published_time\" content=\"2025-10-03\"></head>"
                 "<body><p>Kim met Lavrov.</p></body></html>"));
  c.read(t.write("plain.txt", "Kim met Lavrov."));
  ASSERT_EQ(c.docs.size(), 3u);
  EXPECT_EQ(c.docs[0].doc.published, "2025-11");
  EXPECT_EQ(c.docs[0].doc.published_origin, "filename");
  EXPECT_EQ(c.docs[1].doc.published, "2025-10-03") << "metadata wins over the name";
  EXPECT_EQ(c.docs[1].doc.published_origin, "metadata");
  EXPECT_EQ(c.docs[2].doc.published, "");

  // Through the pipeline: a dateline near the top refines the name's month; the latest date deep
  // in the body does not replace it.
  const Pipeline p = Pipeline::load("/nonexistent-models");
  Doc a;
  a.published = "2025-07";
  a.published_origin = "filename";
  a.text = "PYONGYANG, July 12, 2025 - Kim met Lavrov.";
  p.run(a);
  EXPECT_EQ(a.published, "2025-07-12");
  EXPECT_EQ(a.published_origin, "text");
  Doc b;
  b.published = "2025-07";
  b.published_origin = "filename";
  b.text = std::string(500, 'x') + "\nA tweet of July 12, 2025 was quoted. Last month Kim met Lavrov.";
  p.run(b);
  EXPECT_EQ(b.published, "2025-07");
  EXPECT_EQ(b.published_origin, "filename");
}

TEST(Pipeline, MissingModelsSkipStagesNotFail) {
  std::vector<std::string> warnings;
  const Pipeline p = Pipeline::load("/nonexistent-models", &warnings);
  ASSERT_FALSE(p.stage_names().empty());
  EXPECT_EQ(p.stage_names()[0], "clean");
  for (const auto& s : p.stage_names()) {
    EXPECT_NE(s, "tag") << "no tagger model in an empty folder";
    EXPECT_NE(s, "parse");
  }
  EXPECT_FALSE(warnings.empty());
}

TEST(Ingest, BadLinesDoNotLoseOthersAndReingestAddsNothing) {
  TempDir t("ingest");
  t.write("in/good.txt", "PYONGYANG, July 12, 2025 - Kim met Lavrov.\n");
  t.write("in/mixed.jsonl",
          "{\"id\":\"j1\",\"text\":\"Russia and North Korea signed a treaty.\"}\n"
          "not json at all\n"
          "{\"id\":\"j2\",\"text\":\"Lavrov visited Wonsan.\"}\n");
  t.write("in/bin.txt", std::string("\0\0\0\x01", 4));
  auto store = open_store(":memory:");
  const Pipeline p = Pipeline::load("/nonexistent-models");
  std::vector<std::string> log;
  IngestOptions o;
  o.jobs = 2;
  IngestReport r = ingest({t.path() + "/in"}, p, *store, o, [&](const std::string& l) { log.push_back(l); });
  EXPECT_EQ(r.files, 3u);
  EXPECT_EQ(r.read, 3u);
  EXPECT_EQ(r.stored, 3u);
  EXPECT_EQ(r.skipped_inputs, 2u);
  EXPECT_FALSE(r.nothing_ingested());
  bool named_line = false;
  for (const auto& l : log) named_line |= l.find("mixed.jsonl:2:") != std::string::npos;
  EXPECT_TRUE(named_line);
  StoreSummary s = store->summary(5);
  EXPECT_EQ(s.documents, 3);
  EXPECT_EQ(s.errors, 2);
  EXPECT_TRUE(store->load("j2"));

  IngestReport again = ingest({t.path() + "/in"}, p, *store, o, [](const std::string&) {});
  EXPECT_EQ(again.stored, 0u);
  EXPECT_EQ(again.duplicates, 3u);
  EXPECT_FALSE(again.nothing_ingested());
  EXPECT_EQ(store->summary(5).documents, 3);

  IngestReport none = ingest({t.path() + "/in/bin.txt"}, p, *store, o, [](const std::string&) {});
  EXPECT_TRUE(none.nothing_ingested());
}

}  // namespace
}  // namespace dyad

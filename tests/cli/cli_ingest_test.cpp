// Runs the built `dyad` binary on examples/: two documents stored, a second run adds nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_command.h"

namespace {
namespace fs = std::filesystem;

using dyad::test::Result;
using dyad::test::run;

// The value after `label` on its line of the ingest summary, -1 if absent.
long field(const std::string& out, const std::string& label) {
  size_t p = out.find("\n" + label);
  if (p == std::string::npos && out.rfind(label, 0) == 0)
    p = 0;
  else if (p != std::string::npos)
    ++p;
  if (p == std::string::npos) return -1;
  return std::stol(out.substr(p + label.size()));
}

TEST(Cli, IngestExamplesTwiceThenSummary) {
  const std::string dyad = std::string(DYAD_BINARY_DIR) + "/dyad";
  if (!fs::exists(dyad)) GTEST_SKIP() << dyad << " not built";
  // Per process: other checkouts' test runs may share /tmp.
  const fs::path db = fs::temp_directory_path() / ("dyad_cli_test." + std::to_string(getpid()) + ".db");
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(db.string() + s);
  const std::string base = dyad + " --quiet --db " + db.string() + " ";
  const std::string examples = std::string(DYAD_SOURCE_DIR) + "/examples";

  Result first = run(base + "ingest " + examples);
  ASSERT_EQ(first.status, 0) << first.out;
  EXPECT_EQ(field(first.out, "documents read"), 2) << first.out;
  EXPECT_EQ(field(first.out, "stored"), 2) << first.out;
  EXPECT_EQ(field(first.out, "already stored"), 0) << first.out;

  Result second = run(base + "ingest " + examples);
  ASSERT_EQ(second.status, 0) << second.out;
  EXPECT_EQ(field(second.out, "stored"), 0) << second.out;
  EXPECT_EQ(field(second.out, "already stored"), 2) << second.out;

  Result sum = run(base + "summary");
  ASSERT_EQ(sum.status, 0) << sum.out;
  EXPECT_EQ(field(sum.out, "documents"), 2) << sum.out;

  Result show = run(base + "show seed-russia-dprk-2025-07 --no-text");
  ASSERT_EQ(show.status, 0) << show.out;
  EXPECT_NE(show.out.find("--- sentences"), std::string::npos);
  Result missing = run(base + "show no-such-doc");
  EXPECT_NE(missing.status, 0);
  Result nothing = run(base + "ingest " + db.string() + "-does-not-exist");
  EXPECT_NE(nothing.status, 0) << "nothing ingested must exit non-zero";
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(db.string() + s);
}

}  // namespace

// Runs `dyad train parser` on a small slice of EWT: the jackknife options write the training file
// they produce, and --with-gold puts the gold-tag copy of every sentence first.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/paths.h"
#include "run_command.h"

namespace {
namespace fs = std::filesystem;

using dyad::test::Result;
using dyad::test::run;

// CoNLL-U sentence blocks (comment and word lines), in file order.
std::vector<std::string> blocks(const std::string& path, size_t max) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line, cur;
  while (out.size() < max && std::getline(in, line)) {
    if (line.empty()) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += line + "\n";
    }
  }
  if (!cur.empty() && out.size() < max) out.push_back(cur);
  return out;
}

// The XPOS column of every word line of a block.
std::vector<std::string> xpos_of(const std::string& block) {
  std::vector<std::string> tags;
  std::istringstream in(block);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream ls(line);
    std::string c;
    while (std::getline(ls, c, '\t')) cols.push_back(c);
    if (cols.size() == 10 && cols[0].find_first_of("-.") == std::string::npos) tags.push_back(cols[4]);
  }
  return tags;
}

TEST(CliTrain, JackknifeWithGoldWritesBothCopies) {
  const std::string dyad = std::string(DYAD_BINARY_DIR) + "/dyad";
  if (!fs::exists(dyad)) GTEST_SKIP() << dyad << " not built";
  if (!fs::exists("/usr/share/wordnet/data.noun")) GTEST_SKIP() << "wordnet-base not installed";
  const std::string ewt_train = dyad::shared_data_dir() + "/ud-english-ewt/en_ewt-ud-train.conllu";
  const auto gold = blocks(ewt_train, 40);
  ASSERT_EQ(gold.size(), 40u);
  const fs::path dir = fs::temp_directory_path() / ("dyad_train_cli." + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string data = (dir / "small.conllu").string(), saved = (dir / "saved.conllu").string(),
                    model = (dir / "parser.bin").string();
  {
    std::ofstream f(data);
    for (const auto& b : gold) f << b << "\n";
  }
  const std::string base = dyad + " --quiet --models " + DYAD_SOURCE_DIR + "/models train parser --data " +
                           data + " --epochs 1 --out " + model;

  // --with-gold means nothing without a jackknife: refused with a message.
  const Result bad = run(base + " --with-gold");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("--with-gold needs --jackknife"), std::string::npos) << bad.out;

  const Result ok = run(base + " --jackknife 2 --with-gold --save-tagged " + saved);
  ASSERT_EQ(ok.status, 0) << ok.out;
  EXPECT_TRUE(fs::exists(model));
  const auto written = blocks(saved, 1000);
  ASSERT_EQ(written.size(), 80u);
  size_t words = 0, differ = 0;
  for (size_t i = 0; i < 40; ++i) {
    const auto g = xpos_of(gold[i]), first = xpos_of(written[i]), second = xpos_of(written[40 + i]);
    EXPECT_EQ(first, g) << "sentence " << i << ": the first copy keeps its gold tags";
    ASSERT_EQ(second.size(), g.size()) << "sentence " << i;
    for (size_t w = 0; w < g.size(); ++w) differ += second[w] != g[w];
    words += g.size();
  }
  // Taggers trained on 20 sentences each make mistakes on the other 20: the second copy has
  // predicted tags, not the gold ones again.
  EXPECT_GT(differ, words / 50) << differ << " of " << words;
  EXPECT_LT(differ, words / 2) << differ << " of " << words;
  fs::remove_all(dir);
}

}  // namespace

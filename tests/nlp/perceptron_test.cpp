#include "nlp/perceptron.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/error.h"

namespace dyad::perceptron {
namespace {

// A toy problem: class = which of three "words" is present; a fourth key is noise.
struct Example {
  std::vector<uint64_t> keys;
  uint32_t gold;
};

std::vector<Example> toy() {
  std::vector<Example> ex;
  for (int i = 0; i < 30; ++i) {
    const uint32_t c = static_cast<uint32_t>(i % 3);
    ex.push_back({{FeatureKey(1, c + 10), FeatureKey(2, static_cast<uint64_t>(i % 5)), FeatureKey(3)}, c});
  }
  return ex;
}

void fit(Trainer& tr, uint64_t seed) {
  auto ex = toy();
  Rng rng(seed);
  float s[3];
  for (int epoch = 0; epoch < 5; ++epoch) {
    rng.shuffle(ex);
    for (const auto& e : ex) {
      tr.score(e.keys, s);
      tr.update(e.keys, e.gold, argmax(s, 3));
    }
  }
}

std::string train(uint64_t seed) {
  Trainer tr(3);
  fit(tr, seed);
  ByteWriter w;
  tr.write(w);
  return w.bytes();
}

TEST(Perceptron, LearnsSeparableProblemAndRoundTrips) {
  std::string bytes = train(7);
  ByteReader r(bytes, "mem");
  Model m = Model::read(r);
  EXPECT_EQ(m.num_classes(), 3u);
  EXPECT_GT(m.num_features(), 0u);
  float s[3];
  for (const auto& e : toy()) {
    m.score(e.keys, s);
    EXPECT_EQ(argmax(s, 3), e.gold);
  }
  // Unknown keys score zero everywhere.
  const uint64_t unknown[] = {FeatureKey(99, 1)};
  m.score(unknown, s);
  EXPECT_EQ(s[0], 0.0f);
  EXPECT_EQ(s[1], 0.0f);
  EXPECT_EQ(s[2], 0.0f);
}

TEST(Perceptron, TrainingIsDeterministicGivenSeed) { EXPECT_EQ(train(3), train(3)); }

// Parameter mixing: the mix of one trainer is exactly its own model, and the mix of two scores
// every feature with the mean of the two models' weights.
TEST(Perceptron, MixedModelIsTheMeanOfTheTrainers) {
  Trainer a(3), b(3);
  fit(a, 3);
  fit(b, 11);
  ByteWriter wa, wb, wa1, wab;
  a.write(wa, 0.0f);
  b.write(wb, 0.0f);
  const Trainer* one[] = {&a};
  Trainer::write_mixed(one, wa1, 0.0f);
  EXPECT_EQ(wa.bytes(), wa1.bytes());
  const Trainer* two[] = {&a, &b};
  Trainer::write_mixed(two, wab, 0.0f);
  ByteReader ra(wa.bytes(), "a"), rb(wb.bytes(), "b"), rab(wab.bytes(), "ab");
  const Model ma = Model::read(ra), mb = Model::read(rb), mab = Model::read(rab);
  bool differ = false;
  for (uint64_t key : {FeatureKey(1, 10), FeatureKey(1, 11), FeatureKey(1, 12), FeatureKey(2, 0),
                       FeatureKey(2, 4), FeatureKey(3), FeatureKey(99, 1)}) {
    float sa[3], sb[3], sab[3];
    const uint64_t k[] = {key};
    ma.score(k, sa);
    mb.score(k, sb);
    mab.score(k, sab);
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(sab[c], (sa[c] + sb[c]) / 2, 1e-6) << "class " << c;
      differ |= sa[c] != sb[c];
    }
  }
  EXPECT_TRUE(differ) << "the two seeds should give different models, or the test shows nothing";
}

TEST(Perceptron, RejectsGarbage) {
  std::string junk(64, '\x07');
  ByteReader r(junk, "junk");
  EXPECT_THROW(Model::read(r), InputError);
  std::string empty;
  ByteReader r2(empty, "empty");
  EXPECT_THROW(Model::read(r2), InputError);
}

TEST(Perceptron, FeatureKeyIsNeverZeroAndSeparatesTemplates) {
  EXPECT_NE(FeatureKey(0), 0u);
  EXPECT_NE(FeatureKey(1, 5), FeatureKey(2, 5));
  EXPECT_NE(FeatureKey(1, 5, 6), FeatureKey(1, 6, 5));
}

}  // namespace
}  // namespace dyad::perceptron

#include <gtest/gtest.h>

#include <filesystem>

#include "base/doc.h"
#include "base/hash.h"
#include "base/model_file.h"
#include "base/utf8.h"

namespace dyad {

TEST(Utf8, DetectsInvalidSequences) {
  EXPECT_TRUE(valid_utf8("Kim Jong-Un — “ok”"));
  EXPECT_EQ(first_invalid_utf8("ab\xC0\x80"), 2u);         // overlong NUL
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);       // surrogate
  EXPECT_EQ(first_invalid_utf8("x\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("abc\xE2\x80"), 3u);        // truncated
}

TEST(Utf8, RepairReplacesEachBadByte) {
  size_t n = 0;
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b\xC3",
                        &n),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(n, 2u);
}

TEST(Utf8, DecodeAndAppendRoundTrip) {
  std::string s;
  for (char32_t cp : {U'a', U'é', U'—', U'😀'}) append_utf8(s, cp);
  size_t i = 0;
  EXPECT_EQ(decode_utf8(s, i), U'a');
  EXPECT_EQ(decode_utf8(s, i), U'é');
  EXPECT_EQ(decode_utf8(s, i), U'—');
  EXPECT_EQ(decode_utf8(s, i), U'😀');
  EXPECT_EQ(i, s.size());
}

TEST(Hash, StableAndSensitive) {
  EXPECT_EQ(hash64("abc"), hash64("abc"));
  EXPECT_NE(hash64("abc"), hash64("abd"));
  EXPECT_NE(hash64("abc", 1), hash64("abc", 2));
  EXPECT_NE(hash64(std::string(17, 'a')), hash64(std::string(18, 'a')));
  EXPECT_EQ(hex64(255), "00000000000000ff");
  // Every tail length: distinct inputs of each length hash differently (and, under ASan, no
  // byte past the end is read).
  std::string s;
  for (int len = 0; len < 40; ++len) {
    const uint64_t h = hash64(s);
    s += static_cast<char>('a' + len % 26);
    EXPECT_NE(h, hash64(s)) << len;
  }
}

TEST(Tables, NamesRoundTrip) {
  EXPECT_EQ(xpos_name(xpos_id("NNP")), "NNP");
  EXPECT_EQ(deprel_name(deprel_id("obl:agent")), "obl:agent");
  EXPECT_EQ(deprel_id("no-such-label"), kUnknownLabel);
  Upos u;
  ASSERT_TRUE(parse_upos("PROPN", &u));
  EXPECT_EQ(upos_name(u), "PROPN");
  // No duplicate names: ids must be unique.
  const auto& t = deprel_table();
  for (size_t i = 0; i < t.size(); ++i) EXPECT_EQ(deprel_id(t[i]), i) << t[i];
}

TEST(ModelFile, WriteReadAndDetectCorruption) {
  const auto path = (std::filesystem::temp_directory_path() / "dyad_model_test.bin").string();
  ModelWriter w;
  ByteWriter b;
  b.put<uint32_t>(7);
  b.put_string("weights");
  b.put_array(std::vector<float>{1.5f, -2.0f, 3.25f});
  w.add("main", std::move(b.bytes()));
  w.add("extra", "xyz");
  w.write(path);
  {
    auto m = ModelFile::open(path);
    auto r = m.reader("main");
    EXPECT_EQ(r.get<uint32_t>(), 7u);
    EXPECT_EQ(r.get_string(), "weights");
    auto a = r.get_array<float>();
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[2], 3.25f);
    EXPECT_EQ(m.section("extra"), "xyz");
    EXPECT_THROW(m.section("nope"), InputError);
  }
  // Flip one payload byte: the checksum must catch it.
  {
    std::FILE* f = std::fopen(path.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, -1, SEEK_END);
    std::fputc('!', f);
    std::fclose(f);
  }
  EXPECT_THROW(ModelFile::open(path), InputError);
  std::filesystem::remove(path);
}

TEST(Doc, SentenceOfToken) {
  Doc d;
  d.sentences = {{0, 3, {}}, {3, 5, {}}, {5, 9, {}}};
  EXPECT_EQ(d.sentence_of(0), 0u);
  EXPECT_EQ(d.sentence_of(4), 1u);
  EXPECT_EQ(d.sentence_of(8), 2u);
}

TEST(Doc, PhraseHead) {
  // "sent over 10,000 DPRK troops on July 12 , 2025": 0 sent (root), 1 over -> 2, 2 10,000 -> 4,
  // 3 DPRK -> 4, 4 troops -> 0, 5 on -> 6, 6 July -> 0, 7 12 -> 6, 8 , -> 9, 9 2025 -> 0.
  Doc d;
  d.tokens.resize(10);
  d.head = {-1, 2, 4, 4, 0, 6, 0, 6, 9, 0};
  EXPECT_EQ(d.phrase_head(1, 5), 4u) << "one constituent: its head";
  EXPECT_EQ(d.phrase_head(3, 4), 3u) << "a single token is its own head";
  // "July 12, 2025" parsed as two attachments (6 and 9 both hang off the root, same depth):
  EXPECT_EQ(d.phrase_head(6, 10), 6u) << "tie: the leftmost";
  // "troops on July": 4 -> 0 (depth 1) and 6 -> 0 (depth 1), 5 -> 6 inside.
  d.head[6] = 4;  // now July hangs off troops: only troops leaves the range
  EXPECT_EQ(d.phrase_head(4, 7), 4u);
  d.head[4] = 6;  // a cycle in a broken parse must not hang
  d.head[6] = 4;
  EXPECT_LT(d.phrase_head(4, 7), 7u);
  Doc unparsed;
  unparsed.tokens.resize(3);
  EXPECT_EQ(unparsed.phrase_head(1, 3), 1u);
}

}  // namespace dyad

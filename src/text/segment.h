// segment.h — tokenization and sentence splitting of clean UTF-8 text.
//
// Tokens follow UD English EWT conventions, because that is what the tagger and parser are trained
// on: punctuation is split off, clitics become their own tokens ("don't" -> "do" "n't", "Russia's"
// -> "Russia" "'s", "cannot" -> "can" "not", "gonna" -> "gon" "na"), hyphens between words are
// split ("1.3-kilometer" -> "1.3" "-" "kilometer") except after prefixes EWT keeps ("e-mail",
// "non-stop"), while abbreviations ("U.S.", "Dr."), numbers ("10,000", "1.3"), dates ("11/28/2000"),
// URLs, e-mail addresses and emoticons stay whole. A token is a byte span of Doc::text; where EWT
// splits one surface word into several syntactic words the spans are adjacent pieces of it.
//
// Sentences: paragraphs and blank lines are hard boundaries, and so is a line break unless the
// line visibly continues (it ends with a comma or a lowercase word and the next line starts in
// lowercase). Inside a line an averaged-perceptron classifier trained on EWT (models/segmenter.bin,
// `dyad train segment`) decides after each token; without a model a rule set stands in.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"

namespace dyad {

// Per-token flag: this token continues the previous one inside a single surface word (a clitic or
// contraction split, e.g. "n't" of "don't"). Used to score surface tokens as CoNLL 2018 does.
inline constexpr uint8_t kTokenJoinsPrev = 1;

// A sentence is cut after this many tokens whatever the model says. The parser, the event
// patterns and the timex rules cost more than linear time in sentence length, so a run-on
// line (a 10^6-character scrape without punctuation) must not reach them as one sentence. EWT's
// longest sentence is far shorter, so real text is not affected.
inline constexpr size_t kMaxSentenceTokens = 400;

// Tokenizes text[range) and appends to *tokens (and to *flags, if given, one flag byte per token).
// Offsets are absolute into `text`, increasing and non-overlapping; never contain whitespace.
// Invalid UTF-8 never crashes: a bad byte becomes (part of) a token.
void tokenize(std::string_view text, Span range, std::vector<Span>* tokens,
              std::vector<uint8_t>* flags = nullptr);

// The sentence-boundary model: weights of hashed features (see segment_sentences.cpp).
class Segmenter {
 public:
  // Rule-based splitter (no model).
  Segmenter();
  ~Segmenter();
  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;

  // Loads a model written by save(); throws InputError naming the file if it is bad.
  static Segmenter load(const std::string& path);
  void save(const std::string& path) const;
  bool has_model() const;

  // Fills doc.tokens and doc.sentences from doc.text (doc.paragraphs, if filled, are hard
  // sentence boundaries). *flags (if given) receives one kTokenJoins* byte per token.
  void segment(Doc& doc, std::vector<uint8_t>* flags = nullptr) const;

  // Training on gold sentence boundaries: `docs` hold text (+ paragraphs); `gold_ends` hold, per
  // doc, the sorted byte offsets where gold sentences end. Tunes the number of epochs on `dev`
  // (same shape) and returns the trained model. Progress goes to `log` if not null.
  struct Example {
    Doc doc;
    std::vector<uint32_t> gold_ends;
  };
  static Segmenter train(const std::vector<Example>& train, const std::vector<Example>& dev, int max_epochs,
                         std::string* log);

  struct Model;

 private:
  std::unique_ptr<Model> m_;
};

// Segments with the default segmenter: models_dir()/segmenter.bin when present (loaded once),
// else the rule-based one.
void segment(Doc& doc);
const Segmenter& default_segmenter();

}  // namespace dyad

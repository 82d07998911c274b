// lemmatizer.h — lemmas from form + XPOS, learned from a treebank.
//
// Three learned layers, tried in order (cf. Chrupała 2008, UDPipe's "lemma rules"):
//   1. exceptions: the lemma seen most often for this exact (form, XPOS) in training
//      ("was"/VBD -> "be", "I"/PRP -> "I", "children"/NNS -> "child");
//   2. the edit script seen most often for this (lowercased form, XPOS) ("Said"/VBD at the start
//      of a sentence -> "say");
//   3. suffix rules: for the longest suffix (up to 6 characters) of the lowercased form seen in
//      training with this XPOS, its most frequent edit script ("-ies"/NNS -> strip 3, add "y").
// An edit script is "strip k bytes from the end, append s", computed on lowercased strings;
// whether the lemma keeps the form's case or is lowercased is learned per (XPOS, word shape)
// ("Koreans"/NNPS keeps it, "Government"/NN at the start of a sentence is lowercased).
//
// Model file sections: "lemma.meta", "lemma.exact", "lemma.lower", "lemma.rules", "lemma.strings".
// Trained by `dyad train lemmatizer` (src/cli/train_tagger.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"
#include "base/model_file.h"
#include "nlp/conllu.h"
#include "nlp/features.h"

namespace dyad {

class Lemmatizer {
 public:
  // Throws InputError naming the file on a missing or malformed model.
  static Lemmatizer load(const std::string& path);
  // Learns from gold (form, XPOS, lemma) triples; writes the model sections into `out`.
  static void train(const std::vector<conllu::Sentence>& train, ModelWriter& out,
                    const std::function<void(const std::string&)>& log = {});

  // Fills doc.lemma for every token. Needs doc.xpos (from the tagger); a token without one gets
  // its form, lowercased unless it looks like a name.
  void lemmatize(Doc& doc) const;
  // The lemma of one word (for tests and callers outside a Doc).
  std::string lemma(std::string_view form, uint8_t xpos) const;

 private:
  std::string_view str(uint32_t id) const;
  void apply_script(uint32_t script, std::string_view form, bool lowercase, std::string& out) const;

  std::shared_ptr<const ModelFile> file_;
  features::FrozenMap exact_;               // (form, xpos) -> string id of the lemma
  features::FrozenMap lower_;               // (lowercased form, xpos) -> script id
  features::FrozenMap rules_;               // (xpos, suffix) -> script id
  std::span<const uint8_t> lowercase_;      // [xpos * 4 + shape class] -> 1 if the lemma is lowercased
  std::span<const uint32_t> script_strip_;  // per script: bytes to strip
  std::span<const uint32_t> script_add_;    // per script: string id to append
  std::span<const uint32_t> str_off_;       // string table: offsets into str_blob_ (size n + 1)
  std::string_view str_blob_;
};

}  // namespace dyad

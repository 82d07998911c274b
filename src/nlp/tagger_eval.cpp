#include "nlp/tagger_eval.h"

#include <chrono>

namespace dyad {

TagEval evaluate_tagging(const std::vector<conllu::Sentence>& gold, const Tagger& tagger,
                         const Lemmatizer* lemmatizer) {
  Doc doc = conllu::to_doc(gold);
  const std::vector<Upos> gu = std::move(doc.upos);
  const std::vector<uint8_t> gx = std::move(doc.xpos);
  const std::vector<std::string> gl = std::move(doc.lemma);
  doc.upos.clear();
  doc.xpos.clear();
  doc.lemma.clear();

  TagEval e;
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  tagger.tag(doc);
  e.tag_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  if (lemmatizer) {
    t0 = clock::now();
    lemmatizer->lemmatize(doc);
    e.lemma_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  }
  e.words = doc.num_tokens();
  for (size_t i = 0; i < e.words; ++i) {
    const bool u = i < gu.size() && gu[i] == doc.upos[i];
    const bool x = i < gx.size() && gx[i] == doc.xpos[i];
    e.upos += u;
    e.xpos += x;
    e.alltags += u && x;
    if (lemmatizer) e.lemma += i < gl.size() && gl[i] == doc.lemma[i];
  }
  return e;
}

}  // namespace dyad

// ptb.h — Penn Treebank constituency tree -> dependency sentence (UD-ish labels the coder reads).
//
// Heads by Collins/de Marneffe-style rules with UD's content-word choices: the main verb heads
// its auxiliaries, the object noun heads its preposition (case), the clause heads its complementizer
// (mark). Labels: nsubj, nsubj:pass, obj, iobj, obl, nmod, nmod:poss, case, mark, aux, aux:pass,
// cop, neg, advmod, amod, det, nummod, compound, compound:prt, conj, cc, ccomp, xcomp, advcl, acl,
// appos, parataxis, punct. PETRARCH2's validation records carry only such trees.
#pragma once

#include <string>
#include <string_view>

#include "nlp/conllu.h"

namespace dyad::events {

// Parses "(ROOT (S (NP (NNP Arnor)) (VP ...)))"; throws InputError(where, ...) on unbalanced or
// empty trees. Lemmas are left "_" (fill them with the lemmatizer); UPOS comes from the PTB tag.
conllu::Sentence ptb_to_conllu(std::string_view tree, const std::string& where);

}  // namespace dyad::events

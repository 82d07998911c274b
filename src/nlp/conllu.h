// conllu.h — reader and writer for CoNLL-U (Universal Dependencies) files.
//
// Used for training and evaluating the tagger, lemmatizer and parser, and by `dyad eval ud`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"

namespace dyad::conllu {

struct Word {
  std::string form, lemma, upos, xpos, feats, deprel, misc;
  int head = 0;  // 1-based, 0 = root
  bool space_after = true;
};

// A multiword token "1-2 don't" covering words [first, last] (1-based, inclusive).
struct MultiwordToken {
  int first = 0, last = 0;
  std::string form;
  bool space_after = true;
};

struct Sentence {
  std::string sent_id, text;  // from "# sent_id =" and "# text ="
  bool new_doc = false, new_par = false;
  std::vector<Word> words;  // empty nodes (ids like 8.1) are skipped
  std::vector<MultiwordToken> mwts;
  size_t line = 0;  // line of the first word, for error messages
};

// Parses CoNLL-U text; throws dyad::InputError("where:line", ...) on malformed lines.
std::vector<Sentence> parse(std::string_view data, const std::string& where = "");
std::vector<Sentence> read_file(const std::string& path);

// Writes sentences back as CoNLL-U (10 columns; DEPS written as "_").
std::string write(const std::vector<Sentence>& sentences);

// Builds a Doc from sentences: text = words joined by their SpaceAfter (sentences separated by a
// space or newline), tokens = words, gold upos/xpos/lemma/head/deprel copied in.
Doc to_doc(const std::vector<Sentence>& sentences);

// The sentences of `doc` as CoNLL-U sentences (forms from the doc text, analyses from the arrays
// that are filled; missing ones written as "_").
std::vector<Sentence> from_doc(const Doc& doc);

}  // namespace dyad::conllu

// verbs.h — the PETRARCH-2 verb dictionary (CAMEO.2.0 syntax) read into flat tables.
//
// Syntax handled (see PETRARCH2 docs):
//   &SYNSET / +WORD lines          synonym sets; "+&OTHER" nests a set; "(TO THE END)" alternatives
//   --- NAME [code] ---            a verb block with its default code ("[043:042]" = forward:reverse,
//                                  "[---]" = no event)
//   VERB {FORMS} [code]            a verb of the block (optional irregular forms, own default code)
//   +PHRASAL_VERB {+FORMS}         multiword verb; '+' marks the head word ("WIRE_+TAP" -> head TAP)
//   - PRE * POST [code]            a pattern: words before/after the verb; {A B} compound words,
//                                  (PREP WORDS) a prepositional phrase, &SET a synset, markers
//                                  + (source) $ (target) % (compound actor) ^ (skip)
//   # ... comments, <!-- ... --> comments
// Errors name the file and line (InputError).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dyad::events {

// One slot of a pattern: a set of alternative word sequences ("TIES"; "{DIPLOMATIC TIES}";
// "&TIETYPES" -> MILITARY | ECONOMIC | CULTURAL).
struct Slot {
  std::vector<std::vector<std::string>> alts;
};

// A pattern element: a slot, or a prepositional group (prep slot followed by object slots).
struct Element {
  bool before = false;      // before the verb ("RECENTLY *")
  bool prep_group = false;  // "(ON RESOLUTION)": slots[0] is the preposition
  char marker = 0;          // '+' (its object is the target), '$' (the source), '^' (skip), 0
  bool adjacent = false;
  int skip = 0;  // "IN ^ +": phrases skipped after the preposition's object before the target    //
                 // "FAILED_TO_*" / "*_OUT": joined to the verb, so right next to it
  std::vector<Slot> slots;
};

struct Pattern {
  std::vector<Element> elements;
  bool compound = false;           // '%': the pattern asks for a compound (conjoined) actor
  bool subject_is_target = false;  // '+' before '*': the subject is the target ("+ * (FROM $)")
  bool source_after = false;       // a bare '$' after '*': the source follows the verb
  std::string code;                // "050", "043:042", "---"
  uint32_t line = 0;               // source line, for --verbose
  int words = 0;                   // number of words: specificity
};

struct VerbForm {
  std::string head;                      // head word, upper case ("TAP")
  std::vector<std::string> inflections;  // explicit forms ("SAID")
  std::vector<std::string> before;       // words before the head ("WIRE")
  std::vector<std::string> after;        // particles after the head ("DOWN", "OFF")
  std::string code;                      // own default code, "" = the block's
  uint32_t block = 0;
};

struct VerbBlock {
  std::string name, code;
  uint32_t file = 0;  // which read() call added it (0 = the first file)
  std::vector<Pattern> patterns;
};

class VerbDict {
 public:
  void read(std::string_view text, const std::string& where);
  void load_file(const std::string& path);

  const std::vector<VerbBlock>& blocks() const { return blocks_; }
  const std::vector<VerbForm>& forms() const { return forms_; }
  // Forms whose head or inflection equals the upper-cased word or lemma.
  void lookup(const std::string& word_upper, const std::string& lemma_upper,
              std::vector<uint32_t>* out) const;
  size_t num_patterns() const;

  // When false, malformed pattern lines are skipped and listed in `warnings` (not thrown).
  bool strict = true;
  std::vector<std::string> warnings;

 private:
  void add_form(std::string_view line, uint32_t block, const std::string& where, size_t lineno);
  Slot expand(const std::string& token, const std::string& where, size_t lineno, int depth = 0) const;
  Pattern parse_pattern(std::string_view body, const std::string& where, size_t lineno) const;

  std::unordered_map<std::string, std::vector<std::vector<std::string>>> synsets_;
  std::vector<VerbBlock> blocks_;
  std::vector<VerbForm> forms_;
  std::unordered_map<std::string, std::vector<uint32_t>> index_;  // head/inflection -> forms
  uint32_t files_read_ = 0;
};

}  // namespace dyad::events

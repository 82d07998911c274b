// dict.h — actor and agent dictionaries (PETRARCH syntax) in a compact in-memory form.
//
// An ActorDict holds phrases ("NORTH KOREA", "THE HERMIT KINGDOM", "FOREIGN MINISTER") mapped to
// entries. An actor entry carries dated roles ("[HOBGOV 19950601-19990815]") and an undated default;
// an agent entry carries an agent code that is attached to an actor code ("[~GOV]" -> suffix,
// "[NGO~]" -> prefix). Phrase words are interned; phrases are indexed by their first word so a
// longest match over a token sequence touches only the phrases that can start there.
//
// Readers:
//   read_petrarch_actors  — "NAME [CODE]", "+ALIAS", "[CODE <YYMMDD]", "[CODE >YYMMDD]",
//                           "[CODE D1-D2]" (YY <= 30 -> 20YY, else 19YY; 8-digit dates as is).
//   read_petrarch_agents  — "!PERSON! = MAN, MEN", "NAME {PLURALS} [~CODE]"; regular plurals are
//                           generated unless "{}" is given.
//   read_petrarch_discards — one phrase a line ("+" marks story-level; both discard the sentence).
//   read_compiled / write_compiled — dyad's own TSV format (data/actors/*.tsv), see dict.cpp.
// Every reader throws InputError("file:line", ...) on a malformed line.
// Codes must pass valid_code(): the compiled TSV writes them unescaped between '\t', ';' and '@'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dyad::actors {

// Dates are integers YYYYMMDD.
int32_t parse_petrarch_date(std::string_view digits, bool* ok);  // "950601" -> 19950601

// An actor or agent code: printable ASCII without spaces (the compiled format separates fields with
// tabs and roles with ';', so neither may appear) and not a lone "-" (the compiled "no code").
// Every code in the PETRARCH2 files passes (letters and digits, "---", "+++", "FRO/BIL/SAM").
bool valid_code(std::string_view code);

enum class Kind : uint8_t { Actor, Agent, Discard };

struct Role {
  uint32_t code = 0;                // interned string id
  int32_t from = 0, to = 99999999;  // inclusive range of dates
};

struct Entry {
  Kind kind = Kind::Actor;
  uint32_t roles_begin = 0, roles_end = 0;  // dated roles, in file order (first match wins)
  int32_t default_code = -1;                // undated code, -1 if none
  bool agent_prefix = false;                // agents: "[NGO~]" (prefix) vs "[~GOV]" (suffix)
  uint32_t name = 0;                        // interned canonical name (first phrase)
};

// A phrase: a run of words; a word that ended in '_' in the dictionary must match a token
// exactly, otherwise it may also match a token it begins ("ARGENTIN" ~ "ARGENTINA").
struct Phrase {
  uint32_t words_begin = 0, words_end = 0;  // into ActorDict::words_
  uint32_t entry = 0;
  bool derived = false;  // the split form of a hyphenated phrase: rebuilt on reading, never written
};

// One match of a phrase over tokens [first, last).
struct Match {
  uint32_t first = 0, last = 0;
  uint32_t entry = 0;
  bool exact = true;
};

class ActorDict {
 public:
  // Readers add to this dictionary; `where` names the file in errors.
  void read_petrarch_actors(std::string_view text, const std::string& where);
  void read_petrarch_agents(std::string_view text, const std::string& where);
  void read_petrarch_discards(std::string_view text, const std::string& where);
  void read_compiled(std::string_view text, const std::string& where);
  std::string write_compiled() const;
  void load_file(const std::string& path, Kind kind);  // PETRARCH syntax, by kind

  // Adds one phrase (words separated by whitespace or '_') for an entry. A phrase with an inner
  // hyphen ("KIM JONG-UN") is also added in the tokenizer's split form ("KIM JONG - UN").
  void add_phrase(std::string_view phrase, uint32_t entry);
  uint32_t add_entry(Kind kind, std::string_view name);
  void add_role(uint32_t entry, std::string_view code, int32_t from, int32_t to);

  // Longest match starting at tokens[i] (upper-cased surface forms; lemmas optional, may be
  // empty). Returns false if nothing starts there. Only entries of `kind` are considered.
  bool match_at(const std::vector<std::string>& upper, const std::vector<std::string>& lemma_upper,
                uint32_t i, Kind kind, Match* out) const;

  // Code of an actor entry on a date (YYYYMMDD; 0 = unknown -> default code, else, for an entry
  // with only dated roles, its latest role). "" if none.
  std::string_view code_on(uint32_t entry, int32_t date) const;
  // Agent code and whether it is a prefix.
  std::string_view agent_code(uint32_t entry, bool* prefix) const;
  std::string_view entry_name(uint32_t entry) const { return str(entries_[entry].name); }
  const Entry& entry(uint32_t e) const { return entries_[e]; }

  // When false, malformed lines in PETRARCH files are skipped and listed in `warnings` instead of
  // throwing (the Phoenix files carry a few, e.g. "[ARMUNR 9008223-911221]").
  bool strict = true;
  std::vector<std::string> warnings;

  size_t num_entries() const { return entries_.size(); }
  size_t num_phrases() const { return phrases_.size(); }
  std::string_view str(uint32_t id) const { return strings_[id]; }
  uint32_t intern(std::string_view s);

 private:
  void add_words(std::string_view phrase, uint32_t entry, bool derived);
  bool word_matches(uint32_t word, const std::string& tok, const std::string& lemma, bool agent,
                    bool* exact) const;

  std::vector<std::string> strings_;
  std::unordered_map<std::string, uint32_t> string_ids_;
  std::vector<uint32_t> words_;      // interned word ids, phrase after phrase
  std::vector<uint8_t> word_exact_;  // parallel to words_: 1 if the word must match exactly
  std::vector<Phrase> phrases_;
  std::vector<Entry> entries_;
  std::vector<Role> roles_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_first_;  // first word -> phrases
  size_t max_first_len_ = 0;
};

// Upper-cases ASCII letters (dictionary words are ASCII; other bytes pass through).
std::string upper(std::string_view s);

}  // namespace dyad::actors

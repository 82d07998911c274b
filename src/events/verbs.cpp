#include "events/verbs.h"

#include <algorithm>
#include <cctype>

#include "actors/dict.h"
#include "base/error.h"
#include "base/paths.h"

namespace dyad::events {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string at(const std::string& where, size_t line) { return where + ":" + std::to_string(line); }

// "TO_LET_ESCAPE" -> {TO, LET, ESCAPE}; a trailing '_' (exact-match marker) is dropped.
std::vector<std::string> split_word(std::string_view w) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : w) {
    if (c == '_' || c == ' ') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else if (c != '(' && c != ')') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string strip_trailing_underscore(std::string s) {
  while (!s.empty() && s.back() == '_') s.pop_back();
  return s;
}

// Tokens of a pattern body: brackets and markers stand alone.
std::vector<std::string> tokenize(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(actors::upper(cur)), cur.clear();
  };
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else if (c == '*') {
      // "FAILED_TO_*" / "*_OUT": a word joined to the verb is marked with a "~" token.
      bool joined = !cur.empty() && cur.back() == '_';
      flush();
      if (joined) out.emplace_back("~");
      out.emplace_back(1, c);
    } else if (c == '(' || c == ')' || c == '{' || c == '}') {
      flush();
      out.emplace_back(1, c);
    } else if (c == '_' && cur.empty() && !out.empty() && out.back() == "*") {
      out.emplace_back("~");
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

// The shipped dictionaries' largest compound has a handful of alternatives.
constexpr size_t kMaxCompoundAlternatives = 4096;

// Appends each of `next`'s word sequences to each of `s`'s alternatives: "{A B}" and "A_&S_B" are
// the product of their words' alternatives. The product grows exponentially with the synsets in
// it ("{&CURRENCY &CURRENCY ...}" ran out of memory under fuzzing), so more than
// kMaxCompoundAlternatives is a malformed pattern; `what` names the construct in the error.
void extend_product(Slot* s, const std::vector<std::vector<std::string>>& next, const char* what,
                    const std::string& where, size_t lineno) {
  if (s->alts.size() * next.size() > kMaxCompoundAlternatives)
    throw InputError(at(where, lineno), std::string(what) + " expands to more than " +
                                            std::to_string(kMaxCompoundAlternatives) + " alternatives");
  std::vector<std::vector<std::string>> out;
  out.reserve(s->alts.size() * next.size());
  for (const auto& a : s->alts)
    for (const auto& b : next) {
      auto c = a;
      c.insert(c.end(), b.begin(), b.end());
      out.push_back(std::move(c));
    }
  s->alts.swap(out);
}

bool is_marker(const std::string& t) { return t == "+" || t == "$" || t == "%" || t == "^" || t == "*"; }

}  // namespace

Slot VerbDict::expand(const std::string& token, const std::string& where, size_t lineno, int depth) const {
  Slot s;
  // "NEW_&TIETYPES_RELATIONS": a joined word with a synset inside is every sequence it spells
  // (NEW MILITARY RELATIONS, NEW ECONOMIC RELATIONS, ...).
  size_t amp = token.find('&');
  if (amp != std::string::npos && token.find('_', amp == 0 ? 1 : 0) != std::string::npos) {
    std::vector<std::string> parts;
    std::string cur;
    for (char ch : token) {
      if (ch == '_') {
        if (!cur.empty()) parts.push_back(cur), cur.clear();
      } else if (ch != '(' && ch != ')') {
        cur += ch;
      }
    }
    if (!cur.empty()) parts.push_back(cur);
    if (parts.size() > 1) {
      s.alts.push_back({});
      for (const auto& part : parts) {
        std::vector<std::vector<std::string>> add;
        if (part[0] == '&')
          add = expand(part, where, lineno, depth + 1).alts;
        else
          add.push_back({part});
        extend_product(&s, add, "joined word", where, lineno);
      }
      return s;
    }
  }
  if (!token.empty() && token[0] == '&') {
    if (depth > 8) throw InputError(at(where, lineno), "synset nesting too deep: " + token);
    auto it = synsets_.find(strip_trailing_underscore(token.substr(1)));
    // An undefined or empty set is kept as a literal that never matches (the validation dictionary
    // refers to a few sets it does not define, e.g. &PKO). A slot always has an alternative: an
    // empty one made "{&EMPTY WORD}" a compound without any, read through alts[0] (UB; fuzz).
    if (it == synsets_.end() || it->second.empty())
      s.alts.push_back({token});
    else
      s.alts = it->second;
    return s;
  }
  s.alts.push_back(split_word(token));
  return s;
}

Pattern VerbDict::parse_pattern(std::string_view body, const std::string& where, size_t lineno) const {
  Pattern p;
  p.line = static_cast<uint32_t>(lineno);
  size_t lb = body.rfind('['), rb = body.rfind(']');
  if (lb == std::string_view::npos || rb == std::string_view::npos || rb < lb)
    throw InputError(at(where, lineno), "pattern without [code]: " + std::string(body));
  p.code = std::string(trim(body.substr(lb + 1, rb - lb - 1)));
  if (p.code.empty()) throw InputError(at(where, lineno), "empty [code] in pattern");
  std::vector<std::string> toks = tokenize(body.substr(0, lb));
  bool before = true, seen_star = false;
  // A "{A B}" compound: the product of each word's alternatives (bounded, extend_product).
  auto compound = [&](size_t& i) {
    Slot s;
    s.alts.push_back({});
    for (++i; i < toks.size() && toks[i] != "}"; ++i) {
      if (is_marker(toks[i]) || toks[i] == "(" || toks[i] == ")") continue;
      extend_product(&s, expand(toks[i], where, lineno).alts, "compound", where, lineno);
    }
    if (i >= toks.size()) throw InputError(at(where, lineno), "unclosed '{' in pattern");
    return s;
  };
  bool adjacent_next = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string& t = toks[i];
    if (t == "~") {
      // Before '*': the previous word sits right before the verb; after: the next one right after.
      if (before && !p.elements.empty() && p.elements.back().before && !p.elements.back().prep_group)
        p.elements.back().adjacent = true;
      else if (!before)
        adjacent_next = true;
      continue;
    }
    if (t == "*") {
      before = false;
      seen_star = true;
      continue;
    }
    // A bare '+' / '%' after the verb ("* WITH %", "* EID AT ^ WITH +"): the object of the word
    // before it (a preposition) is the target.
    // "* IFTAR IN ^ +": each '^' skips one phrase after the preposition's object; the next actor
    // is the target.
    size_t skips = 0;
    while (i >= skips + 1 && toks[i - 1 - skips] == "^") ++skips;
    if (!before && (t == "+" || t == "%") && !p.elements.empty() && !p.elements.back().before &&
        !p.elements.back().prep_group && i > skips && !is_marker(toks[i - 1 - skips]) &&
        toks[i - 1 - skips] != "}") {
      p.elements.back().prep_group = true;
      p.elements.back().marker = '+';
      p.elements.back().skip = static_cast<int>(skips);
      continue;
    }
    if (t == "%") {
      p.compound = true;
      continue;
    }
    if (t == "+" && before) p.subject_is_target = true;
    if (t == "$" && !before) p.source_after = true;
    if (is_marker(t)) continue;
    Element e;
    e.before = before;
    if (t == "{") {
      e.slots.push_back(compound(i));
      p.words += static_cast<int>(e.slots.back().alts[0].size());
    } else if (t == "(") {
      e.prep_group = true;
      for (++i; i < toks.size() && toks[i] != ")"; ++i) {
        if (toks[i] == "+" || toks[i] == "$" || toks[i] == "^") e.marker = toks[i][0];
        if (is_marker(toks[i])) continue;
        if (toks[i] == "{")
          e.slots.push_back(compound(i));
        else
          e.slots.push_back(expand(toks[i], where, lineno));
        p.words += 1;
      }
      if (i >= toks.size()) throw InputError(at(where, lineno), "unclosed '(' in pattern");
      if (e.slots.empty()) continue;
    } else if (t == ")" || t == "}") {
      throw InputError(at(where, lineno), "unbalanced '" + t + "' in pattern");
    } else {
      e.slots.push_back(expand(t, where, lineno));
      // A joined word counts its words ("MOST_CERTAINLY_&NEGATVAUXVRB_EVER" is more specific than
      // "&NEGATVAUXVRB EVER"), as coder.cpp's extra-word credit assumes (first alternative's size).
      bool joined = t.find('_') != std::string::npos && !e.slots.back().alts.empty();
      p.words += joined ? static_cast<int>(std::max<size_t>(1, e.slots.back().alts[0].size())) : 1;
      e.adjacent = adjacent_next && !before;
    }
    adjacent_next = false;
    p.elements.push_back(std::move(e));
  }
  if (!seen_star) throw InputError(at(where, lineno), "pattern without '*' (the verb's place)");
  return p;
}

void VerbDict::add_form(std::string_view line, uint32_t block, const std::string& where, size_t lineno) {
  VerbForm f;
  f.block = block;
  size_t lb = line.find('[');
  if (lb != std::string_view::npos) {
    size_t rb = line.find(']', lb);
    if (rb == std::string_view::npos) throw InputError(at(where, lineno), "unclosed '[' in verb line");
    f.code = std::string(trim(line.substr(lb + 1, rb - lb - 1)));
    line = line.substr(0, lb);
  }
  std::string_view infl;
  size_t cb = line.find('{');
  if (cb != std::string_view::npos) {
    size_t ce = line.find('}', cb);
    if (ce == std::string_view::npos) throw InputError(at(where, lineno), "unclosed '{' in verb line");
    infl = line.substr(cb + 1, ce - cb - 1);
    line = line.substr(0, cb);
  }
  line = trim(line);
  if (line.empty() || line.find(' ') != std::string_view::npos)
    throw InputError(at(where, lineno), "verb line must hold one (multi)word verb: " + std::string(line));
  // Splits "WIRE_+TAP" into before/head/after; returns the head.
  auto parse_words = [](std::string_view w, VerbForm* into) {
    bool lead = !w.empty() && w[0] == '+';
    if (lead) w.remove_prefix(1);
    std::vector<std::string> parts;
    int head = 0;
    std::string cur;
    for (char c : w) {
      if (c == '_') {
        if (!cur.empty()) parts.push_back(actors::upper(cur)), cur.clear();
      } else if (c == '+') {
        head = static_cast<int>(parts.size());
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) parts.push_back(actors::upper(cur));
    if (parts.empty()) return std::string();
    if (head >= static_cast<int>(parts.size())) head = 0;
    if (into) {
      into->head = parts[head];
      into->before.assign(parts.begin(), parts.begin() + head);
      into->after.assign(parts.begin() + head + 1, parts.end());
    }
    return parts[head];
  };
  parse_words(line, &f);
  if (f.head.empty()) throw InputError(at(where, lineno), "empty verb");
  size_t b = 0;
  while (b < infl.size()) {
    size_t e = infl.find(' ', b);
    if (e == std::string_view::npos) e = infl.size();
    std::string_view w = trim(infl.substr(b, e - b));
    if (!w.empty()) {
      std::string h = parse_words(w, nullptr);
      if (!h.empty()) f.inflections.push_back(h);
    }
    b = e + 1;
  }
  uint32_t id = static_cast<uint32_t>(forms_.size());
  index_[f.head].push_back(id);
  for (const auto& w : f.inflections)
    if (w != f.head) index_[w].push_back(id);
  forms_.push_back(std::move(f));
}

void VerbDict::read(std::string_view text, const std::string& where) {
  enum Mode { None, Synset, Block } mode = None;
  std::string synset;
  bool in_comment = false;
  size_t lineno = 0, b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view raw = text.substr(b, e - b);
    b = e + 1;
    ++lineno;
    std::string_view t = trim(raw);
    if (in_comment) {
      if (t.find("-->") != std::string_view::npos) in_comment = false;
      continue;
    }
    if (t.substr(0, 2) == "<!") {
      if (t.find("-->") == std::string_view::npos) in_comment = true;
      continue;
    }
    // '#' starts a comment, except inside a code block ("[###]").
    int depth = 0;
    for (size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '[')
        ++depth;
      else if (t[k] == ']')
        depth = depth > 0 ? depth - 1 : 0;
      else if (t[k] == '#' && depth == 0) {
        t = trim(t.substr(0, k));
        break;
      }
    }
    if (t.empty()) continue;
    if (t.substr(0, 3) == "---") {
      std::string_view inner = trim(t.substr(3));
      if (inner.size() >= 3 && inner.substr(inner.size() - 3) == "---")
        inner = trim(inner.substr(0, inner.size() - 3));
      size_t lb = inner.find('['), rb = inner.find(']');
      if (lb == std::string_view::npos || rb == std::string_view::npos || rb < lb)
        throw InputError(at(where, lineno), "verb block header without [code]: " + std::string(t));
      VerbBlock vb;
      vb.name = std::string(trim(inner.substr(0, lb)));
      vb.code = std::string(trim(inner.substr(lb + 1, rb - lb - 1)));
      vb.file = files_read_;
      blocks_.push_back(std::move(vb));
      mode = Block;
      continue;
    }
    if (t[0] == '&') {
      size_t sp = t.find_first_of(" \t");
      synset = strip_trailing_underscore(
          actors::upper(t.substr(1, sp == std::string_view::npos ? t.size() - 1 : sp - 1)));
      synsets_[synset];  // may be redefined (the validation file repeats &PREPOSIT1_)
      mode = Synset;
      continue;
    }
    if (mode == Synset) {
      if (t[0] != '+')
        throw InputError(at(where, lineno), "synset member must start with '+': " + std::string(t));
      std::string w = actors::upper(trim(t.substr(1)));
      auto& alts = synsets_[synset];
      if (!w.empty() && w[0] == '&') {
        Slot s = expand(w, where, lineno);
        alts.insert(alts.end(), s.alts.begin(), s.alts.end());
      } else {
        alts.push_back(split_word(w));
      }
      continue;
    }
    // "~ a (a b ATTACK) SAY = a b 015": PETRARCH-2 transformations of nested events; not used.
    if (t[0] == '~') continue;
    if (mode != Block)
      throw InputError(at(where, lineno), "line outside any synset or verb block: " + std::string(t));
    uint32_t block = static_cast<uint32_t>(blocks_.size() - 1);
    if (t[0] == '-' || t[0] == '*') {
      std::string_view body = t[0] == '-' ? t.substr(1) : t;
      try {
        blocks_[block].patterns.push_back(parse_pattern(body, where, lineno));
      } catch (const InputError& e) {
        if (strict) throw;
        warnings.push_back(e.what());
      }
    } else {
      try {
        add_form(t, block, where, lineno);
      } catch (const InputError& e) {
        if (strict) throw;
        warnings.push_back(e.what());
      }
    }
  }
}

void VerbDict::load_file(const std::string& path) {
  read(read_file(path), path);
  ++files_read_;
}

void VerbDict::lookup(const std::string& word, const std::string& lemma, std::vector<uint32_t>* out) const {
  out->clear();
  for (const std::string* k : {&word, &lemma}) {
    if (k->empty()) continue;
    auto it = index_.find(*k);
    if (it == index_.end()) continue;
    for (uint32_t f : it->second) {
      bool dup = false;
      for (uint32_t g : *out) dup |= g == f;
      if (!dup) out->push_back(f);
    }
  }
}

size_t VerbDict::num_patterns() const {
  size_t n = 0;
  for (const auto& b : blocks_) n += b.patterns.size();
  return n;
}

}  // namespace dyad::events

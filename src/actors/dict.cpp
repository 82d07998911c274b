#include "actors/dict.h"

#include <algorithm>
#include <cctype>

#include "base/error.h"
#include "base/paths.h"

namespace dyad::actors {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view strip_comment(std::string_view s) {
  size_t h = s.find('#');
  return h == std::string_view::npos ? s : s.substr(0, h);
}

// PETRARCH files use tabs as spaces (indentation, before comments); inside a name or code a tab
// would break the compiled TSV, so every tab of a line reads as a space. `buf` holds the copy.
std::string_view tabs_as_spaces(std::string_view t, std::string* buf) {
  if (t.find('\t') == std::string_view::npos) return t;
  buf->assign(t);
  std::replace(buf->begin(), buf->end(), '\t', ' ');
  return *buf;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    b = e + 1;
  }
  return out;
}

std::string where_line(const std::string& where, size_t line) { return where + ":" + std::to_string(line); }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Tracks "<!-- ... -->" comment blocks that span lines.
struct CommentState {
  bool in_block = false;
  // Returns true if the line is (part of) a comment and must be skipped.
  bool skip(std::string_view t) {
    if (in_block) {
      if (t.find("-->") != std::string_view::npos) in_block = false;
      return true;
    }
    if (t.substr(0, 2) == "<!") {
      if (t.find("-->") == std::string_view::npos) in_block = true;
      return true;
    }
    return false;
  }
};

}  // namespace

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool valid_code(std::string_view code) {
  if (code.empty() || code == "-") return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c > ' ' && c < 0x7f && c != ';'; });
}

int32_t parse_petrarch_date(std::string_view d, bool* ok) {
  *ok = false;
  if (!all_digits(d) || (d.size() != 6 && d.size() != 8)) return 0;  // (longer would overflow stoi)
  int32_t v = std::stoi(std::string(d));
  if (d.size() == 6) {
    int yy = v / 10000;
    v += (yy <= 30 ? 20000000 : 19000000);
  } else if (d.size() != 8) {
    return 0;
  }
  int mm = (v / 100) % 100, dd = v % 100;
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return 0;
  *ok = true;
  return v;
}

uint32_t ActorDict::intern(std::string_view s) {
  auto it = string_ids_.find(std::string(s));
  if (it != string_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  string_ids_.emplace(strings_.back(), id);
  return id;
}

uint32_t ActorDict::add_entry(Kind kind, std::string_view name) {
  Entry e;
  e.kind = kind;
  std::string clean(name);
  for (char& c : clean)
    if (c == '\t') c = ' ';  // names are written into a tab-separated file
  e.name = intern(clean);
  e.roles_begin = e.roles_end = static_cast<uint32_t>(roles_.size());
  entries_.push_back(e);
  return static_cast<uint32_t>(entries_.size() - 1);
}

void ActorDict::add_role(uint32_t entry, std::string_view code, int32_t from, int32_t to) {
  Entry& e = entries_[entry];
  if (from == 0 && to == 99999999) {
    e.default_code = static_cast<int32_t>(intern(code));
    return;
  }
  // Roles of one entry stay contiguous: entries are built one at a time.
  roles_.push_back(Role{intern(code), from, to});
  e.roles_end = static_cast<uint32_t>(roles_.size());
}

namespace {
// Word separators in a phrase: any ASCII whitespace (the compiled format joins words with ' ', so a
// word must not keep a '\v' or '\r' that a reader would trim or cut) and '_'.
bool word_sep(char c) { return c == '_' || std::isspace(static_cast<unsigned char>(c)); }
}  // namespace

void ActorDict::add_phrase(std::string_view phrase, uint32_t entry) {
  phrase = trim(phrase);
  add_words(phrase, entry, false);
  // dyad's tokenizer splits "Jong-un" into "Jong - un": also index the split form of a phrase
  // with an inner hyphen (the unsplit form stays for pre-tokenized input such as CoNLL-U). It is
  // derived on every read, so write_compiled leaves it out (else each reload would add a copy).
  std::string split;
  bool inner = false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    char c = phrase[i];
    bool mid =
        c == '-' && i > 0 && i + 1 < phrase.size() && !word_sep(phrase[i - 1]) && !word_sep(phrase[i + 1]);
    if (mid)
      inner = true, split += " - ";
    else
      split += c;
  }
  if (inner) add_words(split, entry, true);
}

void ActorDict::add_words(std::string_view phrase, uint32_t entry, bool derived) {
  phrase = trim(phrase);
  bool trailing_exact = !phrase.empty() && phrase.back() == '_';
  std::vector<std::string> words;
  std::string cur;
  for (char c : phrase) {
    if (word_sep(c)) {
      if (!cur.empty()) words.push_back(upper(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(upper(cur));
  if (words.empty()) return;
  Phrase p;
  p.words_begin = static_cast<uint32_t>(words_.size());
  for (size_t i = 0; i < words.size(); ++i) {
    words_.push_back(intern(words[i]));
    // Only the last word of a phrase can be a stem; a trailing '_' makes it exact too.
    bool exact = i + 1 < words.size() || trailing_exact || words[i].size() < 4;
    word_exact_.push_back(exact ? 1 : 0);
  }
  p.words_end = static_cast<uint32_t>(words_.size());
  p.entry = entry;
  p.derived = derived;
  by_first_[words_[p.words_begin]].push_back(static_cast<uint32_t>(phrases_.size()));
  max_first_len_ = std::max(max_first_len_, words[0].size());
  phrases_.push_back(p);
}

bool ActorDict::word_matches(uint32_t word, const std::string& tok, const std::string& lemma, bool agent,
                             bool* exact) const {
  const std::string& w = strings_[words_[word]];
  if (tok == w || (!lemma.empty() && lemma == w)) return true;
  if (word_exact_[word]) return false;
  // A stem matches a token it begins, with a short ending ("RUSSIA" ~ "RUSSIANS").
  // Agent stems only take plural endings ("DIPLOMAT" must not match "DIPLOMATIC").
  if (agent) {
    std::string_view rest = std::string_view(tok).substr(std::min(tok.size(), w.size()));
    static const std::string_view kEndings[] = {"S", "ES", "ER", "ERS", "RY", "RIES", "Y", "IES"};
    if (std::find(std::begin(kEndings), std::end(kEndings), rest) == std::end(kEndings)) return false;
  }
  if (tok.size() > w.size() && tok.size() <= w.size() + 4 && tok.compare(0, w.size(), w) == 0) {
    *exact = false;
    return true;
  }
  return false;
}

bool ActorDict::match_at(const std::vector<std::string>& up, const std::vector<std::string>& lem, uint32_t i,
                         Kind kind, Match* out) const {
  bool found = false;
  Match best;
  auto try_key = [&](const std::string& key) {
    auto sit = string_ids_.find(key);
    if (sit == string_ids_.end()) return;
    auto it = by_first_.find(sit->second);
    if (it == by_first_.end()) return;
    for (uint32_t pid : it->second) {
      const Phrase& p = phrases_[pid];
      if (entries_[p.entry].kind != kind) continue;
      uint32_t n = p.words_end - p.words_begin;
      if (i + n > up.size()) continue;
      bool exact = true, ok = true;
      for (uint32_t k = 0; k < n && ok; ++k) {
        static const std::string kEmpty;
        ok = word_matches(p.words_begin + k, up[i + k], lem.empty() ? kEmpty : lem[i + k],
                          kind == Kind::Agent, &exact);
      }
      if (!ok) continue;
      uint32_t len = n;
      // Longer wins; then exact over stem; then the later entry (supplements override).
      uint32_t blen = best.last - best.first;
      bool better = !found || len > blen || (len == blen && exact && !best.exact) ||
                    (len == blen && exact == best.exact && p.entry > best.entry);
      if (better) {
        best = Match{i, i + len, p.entry, exact};
        found = true;
      }
    }
  };
  const std::string& tok = up[i];
  try_key(tok);
  if (!lem.empty() && lem[i] != tok) try_key(lem[i]);
  // Stems: prefixes of the token (at most 4 bytes shorter, at least 4 long).
  for (size_t len = tok.size() - 1; len + 4 >= tok.size() && len >= 4; --len) try_key(tok.substr(0, len));
  if (found) *out = best;
  return found;
}

std::string_view ActorDict::code_on(uint32_t entry, int32_t date) const {
  const Entry& e = entries_[entry];
  if (date > 0)
    for (uint32_t r = e.roles_begin; r < e.roles_end; ++r)
      if (date >= roles_[r].from && date <= roles_[r].to) return strings_[roles_[r].code];
  if (e.default_code >= 0) return strings_[static_cast<uint32_t>(e.default_code)];
  // Only dated roles and no date known: the latest role (the one that ends last, then starts
  // last) is the best guess for current news, where an entry with no code at all codes nothing.
  if (date > 0 || e.roles_begin == e.roles_end) return {};
  uint32_t best = e.roles_begin;
  for (uint32_t r = e.roles_begin + 1; r < e.roles_end; ++r)
    if (roles_[r].to > roles_[best].to ||
        (roles_[r].to == roles_[best].to && roles_[r].from > roles_[best].from))
      best = r;
  return strings_[roles_[best].code];
}

std::string_view ActorDict::agent_code(uint32_t entry, bool* prefix) const {
  const Entry& e = entries_[entry];
  *prefix = e.agent_prefix;
  return e.default_code < 0 ? std::string_view() : std::string_view(strings_[e.default_code]);
}

namespace {

// Parses the inside of one "[...]" role; returns false on a malformed role.
bool parse_role(std::string_view in, std::string* code, int32_t* from, int32_t* to) {
  in = trim(in);
  size_t p = 0;
  while (p < in.size() && !std::isspace(static_cast<unsigned char>(in[p])) && in[p] != '<' && in[p] != '>')
    ++p;
  *code = std::string(in.substr(0, p));
  std::string rest;
  for (char c : in.substr(p))
    if (!std::isspace(static_cast<unsigned char>(c))) rest += c;
  *from = 0;
  *to = 99999999;
  if (code->empty() || all_digits(code->substr(0, 1))) return false;
  if (rest.empty()) return true;
  bool ok = false;
  if (rest[0] == '<' || rest[0] == '>') {
    int32_t d = parse_petrarch_date(std::string_view(rest).substr(1), &ok);
    if (!ok) return false;
    if (rest[0] == '<')
      *to = d - 1;
    else
      *from = d + 1;
    return true;
  }
  size_t dash = rest.find('-');
  if (dash == std::string::npos) return false;
  bool ok2 = false;
  *from = parse_petrarch_date(std::string_view(rest).substr(0, dash), &ok);
  *to = parse_petrarch_date(std::string_view(rest).substr(dash + 1), &ok2);
  return ok && ok2 && *from <= *to;
}

// Splits "NAME [A] [B]" into the name and the bracket contents; false on an unclosed '['.
bool split_brackets(std::string_view s, std::string_view* name, std::vector<std::string_view>* roles) {
  size_t b = s.find('[');
  *name = trim(s.substr(0, b == std::string_view::npos ? s.size() : b));
  while (b != std::string_view::npos) {
    size_t e = s.find(']', b);
    if (e == std::string_view::npos) return false;
    roles->push_back(s.substr(b + 1, e - b - 1));
    b = s.find('[', e);
  }
  return true;
}

}  // namespace

void ActorDict::read_petrarch_actors(std::string_view text, const std::string& where) {
  CommentState cs;
  int64_t cur = -1;
  size_t lineno = 0;
  std::string line_buf;
  for (std::string_view raw : split_lines(text)) {
    ++lineno;
    std::string_view t = trim(tabs_as_spaces(raw, &line_buf));
    if (cs.skip(t)) continue;
    t = trim(strip_comment(t));
    if (t.empty()) continue;
    std::string_view name;
    std::vector<std::string_view> roles;
    if (!split_brackets(t, &name, &roles))
      throw InputError(where_line(where, lineno), "unclosed '[' in actor line: " + std::string(t));
    if (t[0] == '+' || t[0] == '[') {
      if (cur < 0) throw InputError(where_line(where, lineno), "alias or role before any actor name");
      if (t[0] == '+') add_phrase(name.substr(1), static_cast<uint32_t>(cur));
    } else {
      if (name.empty()) throw InputError(where_line(where, lineno), "actor line without a name");
      cur = add_entry(Kind::Actor, name);
      add_phrase(name, static_cast<uint32_t>(cur));
    }
    for (std::string_view r : roles) {
      std::string code;
      int32_t from, to;
      const char* bad = !parse_role(r, &code, &from, &to) ? "malformed actor code block ["
                        : !valid_code(code)               ? "invalid actor code in block ["
                                                          : nullptr;
      if (bad) {
        std::string what = bad + std::string(r) + "]";
        if (strict) throw InputError(where_line(where, lineno), what);
        warnings.push_back(where_line(where, lineno) + ": " + what);
        continue;
      }
      add_role(static_cast<uint32_t>(cur), code, from, to);
    }
  }
}

namespace {
// Regular plural of the last word ("MINISTER" -> "MINISTERS", "PARTY" -> "PARTIES").
std::string pluralise(const std::string& phrase) {
  std::string p = phrase;
  bool exact = !p.empty() && p.back() == '_';
  if (exact) p.pop_back();
  auto ends = [&](std::string_view s) {
    return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("MAN"))
    p = p.substr(0, p.size() - 3) + "MEN";
  else if (ends("Y") && p.size() > 1 &&
           std::string_view("AEIOU").find(p[p.size() - 2]) == std::string_view::npos)
    p = p.substr(0, p.size() - 1) + "IES";
  else if (ends("S") || ends("X") || ends("CH") || ends("SH") || ends("Z"))
    p += "ES";
  else
    p += "S";
  return exact ? p + "_" : p;
}
}  // namespace

void ActorDict::read_petrarch_agents(std::string_view text, const std::string& where) {
  CommentState cs;
  std::vector<std::pair<std::string, std::vector<std::string>>> macros;
  size_t lineno = 0;
  std::string line_buf;
  for (std::string_view raw : split_lines(text)) {
    ++lineno;
    std::string_view t = trim(tabs_as_spaces(raw, &line_buf));
    if (cs.skip(t)) continue;
    t = trim(strip_comment(t));
    if (t.empty()) continue;
    std::string W = where_line(where, lineno);
    if (t[0] == '!' && t.find('=') != std::string_view::npos) {  // "!PERSON! = MAN, MEN"
      size_t eq = t.find('=');
      std::string key = std::string(trim(t.substr(0, eq)));
      std::vector<std::string> alts;
      std::string_view rest = t.substr(eq + 1);
      size_t b = 0;
      while (b <= rest.size()) {
        size_t e = rest.find(',', b);
        if (e == std::string_view::npos) e = rest.size();
        std::string_view a = trim(rest.substr(b, e - b));
        if (!a.empty()) alts.emplace_back(a);
        b = e + 1;
      }
      if (key.size() < 3 || key.back() != '!' || alts.empty())
        throw InputError(W, "malformed substitution set: " + std::string(t));
      macros.emplace_back(key, alts);
      continue;
    }
    // NAME {PLURALS} [CODE]
    std::string_view name_part;
    std::vector<std::string_view> roles;
    if (!split_brackets(t, &name_part, &roles) || roles.size() != 1) {
      if (strict) throw InputError(W, "agent line needs exactly one [CODE]: " + std::string(t));
      warnings.push_back(W + ": agent line needs exactly one [CODE]");
      continue;
    }
    std::vector<std::string> plurals;
    bool no_plural = false;
    size_t brace = name_part.find('{');
    std::string name(trim(name_part.substr(0, brace)));
    if (brace != std::string_view::npos) {
      size_t close = name_part.find('}', brace);
      if (close == std::string_view::npos) throw InputError(W, "unclosed '{' in agent line");
      std::string_view inside = trim(name_part.substr(brace + 1, close - brace - 1));
      if (inside.empty()) no_plural = true;
      size_t b = 0;
      while (b < inside.size()) {
        size_t e = inside.find(' ', b);
        if (e == std::string_view::npos) e = inside.size();
        if (e > b) plurals.emplace_back(inside.substr(b, e - b));
        b = e + 1;
      }
    }
    std::string code(trim(roles[0]));
    bool prefix = false;
    if (!code.empty() && code.front() == '~')
      code.erase(0, 1);
    else if (!code.empty() && code.back() == '~')
      code.pop_back(), prefix = true;
    else if (strict)
      throw InputError(W, "agent code must start or end with '~': [" + code + "]");
    else {
      warnings.push_back(W + ": agent code without '~'");
      continue;
    }
    code = std::string(trim(code));
    if (name.empty() || code.empty()) throw InputError(W, "agent line without name or code");
    if (!valid_code(code)) {
      if (strict) throw InputError(W, "invalid agent code [" + std::string(trim(roles[0])) + "]");
      warnings.push_back(W + ": invalid agent code [" + std::string(trim(roles[0])) + "]");
      continue;
    }
    // Expand "!PERSON!" substitutions.
    std::vector<std::string> names{name};
    for (const auto& [key, alts] : macros) {
      std::vector<std::string> next;
      for (const std::string& n : names) {
        size_t at = n.find(key);
        if (at == std::string::npos) {
          next.push_back(n);
          continue;
        }
        for (const std::string& a : alts) next.push_back(n.substr(0, at) + a + n.substr(at + key.size()));
      }
      names.swap(next);
    }
    uint32_t e = add_entry(Kind::Agent, names[0]);
    entries_[e].agent_prefix = prefix;
    entries_[e].default_code = static_cast<int32_t>(intern(code));
    for (const std::string& n : names) {
      // "{}": no plural at all, so the last word must match exactly.
      add_phrase(no_plural && n.back() != '_' ? n + "_" : n, e);
      if (!no_plural && plurals.empty()) add_phrase(pluralise(upper(n)), e);
    }
    for (const std::string& p : plurals) add_phrase(p, e);
  }
}

void ActorDict::read_petrarch_discards(std::string_view text, const std::string& where) {
  (void)where;
  CommentState cs;
  std::string line_buf;
  for (std::string_view raw : split_lines(text)) {
    std::string_view t = trim(tabs_as_spaces(raw, &line_buf));
    if (cs.skip(t)) continue;
    t = trim(strip_comment(t));
    if (!t.empty() && t[0] == '+') t = trim(t.substr(1));
    if (t.empty()) continue;
    uint32_t e = add_entry(Kind::Discard, t);
    add_phrase(t, e);
  }
}

void ActorDict::load_file(const std::string& path, Kind kind) {
  std::string text = read_file(path);
  if (kind == Kind::Actor)
    read_petrarch_actors(text, path);
  else if (kind == Kind::Agent)
    read_petrarch_agents(text, path);
  else
    read_petrarch_discards(text, path);
}

// Compiled format, one record a line, tab-separated:
//   E <kind A|G|D> <name> <default code or -> <agent prefix 0|1> <roles: CODE@FROM-TO;...>
//   P <phrase words separated by ' '; a word ending in '_' must match exactly>
// P lines belong to the last E line. Lines starting with '#' are comments.
std::string ActorDict::write_compiled() const {
  std::string out = "# dyad actor dictionary v1 (compiled from PETRARCH files; see data/actors/README.md)\n";
  std::vector<std::vector<uint32_t>> by_entry(entries_.size());
  for (uint32_t p = 0; p < phrases_.size(); ++p)
    if (!phrases_[p].derived) by_entry[phrases_[p].entry].push_back(p);
  for (uint32_t e = 0; e < entries_.size(); ++e) {
    const Entry& en = entries_[e];
    out += "E\t";
    out += en.kind == Kind::Actor ? 'A' : en.kind == Kind::Agent ? 'G' : 'D';
    out += '\t' + strings_[en.name] + '\t';
    out += en.default_code < 0 ? std::string("-") : strings_[en.default_code];
    out += en.agent_prefix ? "\t1\t" : "\t0\t";
    for (uint32_t r = en.roles_begin; r < en.roles_end; ++r) {
      out += strings_[roles_[r].code] + "@" + std::to_string(roles_[r].from) + "-" +
             std::to_string(roles_[r].to);
      out += ';';
    }
    out += '\n';
    for (uint32_t pid : by_entry[e]) {
      const Phrase& p = phrases_[pid];
      out += "P\t";
      for (uint32_t w = p.words_begin; w < p.words_end; ++w) {
        if (w > p.words_begin) out += ' ';
        out += strings_[words_[w]];
        if (word_exact_[w] && w + 1 == p.words_end && strings_[words_[w]].size() >= 4) out += '_';
      }
      out += '\n';
    }
  }
  return out;
}

void ActorDict::read_compiled(std::string_view text, const std::string& where) {
  int64_t cur = -1;
  size_t lineno = 0;
  for (std::string_view line : split_lines(text)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f;
    size_t b = 0;
    while (b <= line.size()) {
      size_t e = line.find('\t', b);
      if (e == std::string_view::npos) e = line.size();
      f.push_back(line.substr(b, e - b));
      b = e + 1;
    }
    std::string W = where_line(where, lineno);
    if (f[0] == "E") {
      if (f.size() != 6 || f[1].size() != 1) throw InputError(W, "E line needs 6 fields");
      Kind k = f[1] == "A" ? Kind::Actor : f[1] == "G" ? Kind::Agent : Kind::Discard;
      if (f[3] != "-" && !valid_code(f[3])) throw InputError(W, "invalid code '" + std::string(f[3]) + "'");
      cur = add_entry(k, f[2]);
      if (f[3] != "-") entries_[cur].default_code = static_cast<int32_t>(intern(f[3]));
      entries_[cur].agent_prefix = f[4] == "1";
      std::string_view roles = f[5];
      size_t rb = 0;
      while (rb < roles.size()) {
        size_t re = roles.find(';', rb);
        if (re == std::string_view::npos) re = roles.size();
        std::string_view r = roles.substr(rb, re - rb);
        // Codes may hold '@', so the date range starts at the last one; dates are YYYYMMDD.
        size_t at = r.rfind('@'), dash = r.find('-', at == std::string_view::npos ? 0 : at);
        if (at == std::string_view::npos || dash == std::string_view::npos ||
            !all_digits(r.substr(at + 1, dash - at - 1)) || !all_digits(r.substr(dash + 1)) ||
            dash - at - 1 > 8 || r.size() - dash - 1 > 8 || !valid_code(r.substr(0, at)))
          throw InputError(W, "malformed role " + std::string(r));
        add_role(static_cast<uint32_t>(cur), r.substr(0, at),
                 std::stoi(std::string(r.substr(at + 1, dash - at - 1))),
                 std::stoi(std::string(r.substr(dash + 1))));
        rb = re + 1;
      }
    } else if (f[0] == "P") {
      if (cur < 0 || f.size() != 2) throw InputError(W, "P line before any E line or with extra fields");
      add_phrase(f[1], static_cast<uint32_t>(cur));
    } else {
      throw InputError(W, "unknown record type '" + std::string(f[0]) + "'");
    }
  }
}

}  // namespace dyad::actors

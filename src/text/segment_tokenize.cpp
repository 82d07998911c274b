// Tokenizer: a single left-to-right scan over whitespace-separated chunks. Inside a chunk, a "word
// run" is a sequence of letters/digits joined by connectors ('.', ',', ':', '/', '-', apostrophes,
// '_', '&', '@') that EWT keeps inside a token; each connector is accepted or rejected by a local
// rule (digit groups, prefixes before hyphens, ...). Runs are then cut into clitics, and a following
// period is attached when the run is an abbreviation. Everything else is punctuation: runs of
// . ! ? … form one token, as do runs of one repeated character ("--", "!!", "''").
#include <algorithm>
#include <array>
#include <cstring>

#include "text/segment.h"
#include "text/segment_abbrev.h"
#include "text/segment_chars.h"

namespace dyad {
namespace {

using seg::CharClass;
using seg::decode_at;

struct Out {
  std::vector<Span>* tokens;
  std::vector<uint8_t>* flags;
  void add(size_t b, size_t e, uint8_t flag = 0) {
    tokens->push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    if (flags) flags->push_back(flag);
  }
};

inline bool is_alnum(CharClass c) { return c == seg::kLetter || c == seg::kDigit; }

inline char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals_prefix(std::string_view s, size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if (lower_ascii(s[at + k]) != prefix[k]) return false;
  return true;
}

// Lowercases ASCII letters of a short string into buf; returns false if it does not fit or has
// non-ASCII bytes (none of our tables has any).
bool lower_small(std::string_view w, std::array<char, 24>* buf, std::string_view* out) {
  if (w.size() > buf->size()) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (static_cast<unsigned char>(w[k]) >= 0x80) return false;
    (*buf)[k] = lower_ascii(w[k]);
  }
  *out = std::string_view(buf->data(), w.size());
  return true;
}

// Prefixes after which EWT keeps a hyphenated word whole ("e-mail", "non-stop", "mid-July"),
// measured on EWT train: words where keeping clearly outnumbers splitting.
bool keeps_hyphen(std::string_view left) {
  static constexpr std::string_view kPrefixes[] = {
      "e",       "non",   "mid",   "pre",   "anti", "re",    "post",   "co",     "over",
      "pro",     "multi", "ex",    "sub",   "semi", "cross", "neo",    "psycho", "socio",
      "counter", "inter", "intra", "un",    "bi",   "tri",   "pseudo", "quasi",  "ultra",
      "mega",    "super", "trans", "hyper", "meta", "mis",   "extra"};
  std::array<char, 24> buf;
  std::string_view low;
  if (!lower_small(left, &buf, &low)) return false;
  return std::find(std::begin(kPrefixes), std::end(kPrefixes), low) != std::end(kPrefixes);
}

// Contractions written without an apostrophe that EWT splits into two words: (word, cut).
struct Contraction {
  std::string_view word;
  uint8_t cut;
};
constexpr Contraction kContractions[] = {
    {"cannot", 3},   {"gonna", 3}, {"wanna", 3}, {"gotta", 3},  {"outta", 3},   {"dont", 2},
    {"wont", 2},     {"cant", 2},  {"didnt", 3}, {"doesnt", 4}, {"couldnt", 5}, {"wouldnt", 5},
    {"shouldnt", 6}, {"isnt", 2},  {"wasnt", 3}, {"arent", 3},  {"werent", 4},  {"havent", 4},
    {"hasnt", 3},    {"hadnt", 3}, {"aint", 2},  {"im", 1},     {"ive", 1},     {"youre", 3},
    {"theyre", 4},   {"thats", 4}, {"whats", 4}, {"theres", 5}, {"itll", 2},    {"alot", 1},
};

// "its" is "it's" without the apostrophe (EWT: "it" "s") when a word follows that cannot follow the
// possessive; the list is the frequent right neighbours of split "its" in EWT train.
bool its_is_contraction(std::string_view s, size_t after, size_t end) {
  static constexpr std::string_view kNext[] = {
      "not",     "a",     "an",         "the",     "really",   "simply",  "very",   "like",
      "in",      "now",   "definitely", "for",     "also",     "all",     "just",   "been",
      "getting", "going", "so",         "too",     "ok",       "okay",    "always", "never",
      "still",   "about", "because",    "nothing", "probably", "actually"};
  size_t b = after;
  while (b < end && (s[b] == ' ' || s[b] == '\t')) ++b;
  size_t e = b;
  while (e < end && e - b < 12 && ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z')) ++e;
  if (e == b || (e < end && static_cast<unsigned char>(s[e]) >= 0x80)) return false;
  std::array<char, 24> buf;
  std::string_view low;
  if (!lower_small(s.substr(b, e - b), &buf, &low)) return false;
  return std::find(std::begin(kNext), std::end(kNext), low) != std::end(kNext);
}

int contraction_cut(std::string_view w) {
  std::array<char, 24> buf;
  std::string_view low;
  if (w.size() < 2 || w.size() > 8 || !lower_small(w, &buf, &low)) return 0;
  for (const auto& c : kContractions)
    if (c.word == low) return c.cut;
  return 0;
}

// Apostrophe at text[i]: ASCII ' or U+2019 (3 bytes) or U+2018 misused; returns its byte length.
inline uint32_t apostrophe_len(std::string_view s, size_t i) {
  if (s[i] == '\'') return 1;
  if (s.size() - i >= 3 && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98))
    return 3;
  return 0;
}

// A number glued to a unit or to AM/PM ("7:30PM", "50ft", "35mm"): EWT splits it; returns the
// cut or 0. Ordinals ("30th") and codes ("m16") are not matched.
size_t number_unit_cut(std::string_view w) {
  static constexpr std::string_view kUnits[] = {"am",  "pm",  "ft",   "mm",  "cm",  "km", "kg",
                                                "lb",  "lbs", "m",    "k",   "mph", "gb", "mb",
                                                "hrs", "min", "mins", "yrs", "oz",  "mi"};
  size_t k = 0;
  while (k < w.size() && ((w[k] >= '0' && w[k] <= '9') || w[k] == '.' || w[k] == ':' || w[k] == ',')) ++k;
  if (k == 0 || k == w.size() || !(w[k - 1] >= '0' && w[k - 1] <= '9')) return 0;
  std::array<char, 24> buf;
  std::string_view low;
  if (!lower_small(w.substr(k), &buf, &low)) return 0;
  return std::find(std::begin(kUnits), std::end(kUnits), low) != std::end(kUnits) ? k : 0;
}

// Emits word [b, e), splitting off clitics.
void emit_word(std::string_view s, size_t b, size_t e, Out& out) {
  const std::string_view w = s.substr(b, e - b);
  if (const size_t cut = number_unit_cut(w)) {
    out.add(b, b + cut);
    out.add(b + cut, e);
    return;
  }
  if ((w == "its" || w == "Its") && its_is_contraction(s, e, std::min(s.size(), e + 40))) {
    out.add(b, b + 2);
    out.add(b + 2, e, kTokenJoinsPrev);
    return;
  }
  if (const int cut = contraction_cut(w)) {
    out.add(b, b + cut);
    out.add(b + cut, e, kTokenJoinsPrev);
    return;
  }
  // n't / n’t, with a letter before the n.
  if (w.size() >= 4 && lower_ascii(w.back()) == 't') {
    for (uint32_t alen : {1u, 3u}) {
      if (w.size() < alen + 3) continue;
      const size_t apos = w.size() - 1 - alen;
      if (apostrophe_len(w, apos) != alen || lower_ascii(w[apos - 1]) != 'n') continue;
      const size_t n = apos - 1;
      if (n == 0) continue;
      const auto before = static_cast<unsigned char>(w[n - 1]);
      if (!((before | 0x20) >= 'a' && (before | 0x20) <= 'z')) continue;
      out.add(b, b + n);
      out.add(b + n, e, kTokenJoinsPrev);
      return;
    }
  }
  // 's 'm 'd 're 've 'll.
  for (size_t k = w.size() >= 6 ? w.size() - 6 : 1; k + 1 < w.size(); ++k) {
    const uint32_t alen = apostrophe_len(w, k);
    if (alen == 0 || k == 0) continue;
    std::array<char, 24> buf;
    std::string_view rest;
    if (!lower_small(w.substr(k + alen), &buf, &rest)) continue;
    if (rest == "s" || rest == "m" || rest == "d" || rest == "re" || rest == "ve" || rest == "ll") {
      out.add(b, b + k);
      out.add(b + k, e, kTokenJoinsPrev);
      return;
    }
  }
  out.add(b, e);
}

// Is the run [b, e) an abbreviation that takes the period following it?
bool takes_period(std::string_view s, size_t b, size_t e) {
  const std::string_view w = s.substr(b, e - b);
  // Letters separated by periods, each piece one or two letters: U.S, e.g, p.m, D.C, a.k.a.
  bool dotted = w.find('.') != std::string_view::npos, short_pieces = true;
  size_t piece = 0;
  for (char c : w) {
    if (c == '.') {
      piece = 0;
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      if (++piece > 2) short_pieces = false;
    } else {
      dotted = false;
      break;
    }
  }
  if (dotted && short_pieces) return true;
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;  // initial: "George W. Bush"
  return seg::is_abbreviation(w);
}

// Right segment after a connector at `i` (the alnum run starting at i): its end and whether it is
// all digits.
size_t alnum_run_end(std::string_view s, size_t i, size_t e, bool* all_digits) {
  *all_digits = true;
  while (i < e) {
    uint32_t len;
    const char32_t c = decode_at(s, i, &len);
    const auto cls = seg::char_class(c);
    if (cls == seg::kDigit) {
    } else if (cls == seg::kLetter || cls == seg::kMark) {
      *all_digits = false;
    } else {
      break;
    }
    i += len;
  }
  return i;
}

bool all_digits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Scans a word run starting at p (an alnum, or '@'/'#' before one); returns its end.
size_t scan_word(std::string_view s, size_t p, size_t e) {
  size_t q = p;
  size_t seg_start = p;  // start of the piece since the last connector
  bool has_dot = false;
  if (s[q] == '@' || s[q] == '#') ++q, seg_start = q;
  while (q < e) {
    uint32_t len;
    const char32_t c = decode_at(s, q, &len);
    const auto cls = seg::char_class(c);
    if (is_alnum(cls) || cls == seg::kMark) {
      q += len;
      continue;
    }
    // A connector joins only when an alnum follows it.
    if (q + len >= e) break;
    uint32_t nlen;
    const char32_t next = decode_at(s, q + len, &nlen);
    const auto ncls = seg::char_class(next);
    if (!is_alnum(ncls)) break;
    const std::string_view left = s.substr(seg_start, q - seg_start);
    const auto left_last = static_cast<unsigned char>(s[q - 1]);
    const bool left_digit = left_last >= '0' && left_last <= '9';
    bool join = false;
    switch (c) {
      case '.': {
        // "end.The" is a missing space, not a domain or an abbreviation.
        const bool left_lower_word =
            left.size() >= 2 && seg::is_lower(static_cast<unsigned char>(left.back()));
        bool join_dot = true;
        if (left_lower_word && seg::is_upper(next) && q + len + nlen < e) {
          uint32_t l3;
          const char32_t third = decode_at(s, q + len + nlen, &l3);
          if (seg::is_lower(third)) join_dot = false;
        }
        join = join_dot;
        if (join) has_dot = true;
        break;
      }
      case ',': {
        // Digit groups: 10,000 (exactly three digits follow).
        bool d;
        const size_t r = alnum_run_end(s, q + 1, e, &d);
        join = left_digit && d && r - (q + 1) == 3;
        break;
      }
      case ':':
        join = left_digit && ncls == seg::kDigit;
        break;
      case '/': {
        bool d;
        const size_t r = alnum_run_end(s, q + 1, e, &d);
        join = (left_digit && d) || has_dot || (left.size() <= 2 && r - (q + 1) <= 2);
        break;
      }
      case '-':
      case 0x2010:
      case 0x2011: {
        bool d;
        const size_t r = alnum_run_end(s, q + len, e, &d);
        if (all_digits(left) && d)
          join = left.size() >= 3 || r - (q + len) >= 3;  // phone numbers, ISO dates
        else
          join = keeps_hyphen(left);
        break;
      }
      case '\'':
      case 0x2019:
      case '_':
      case '&':
      case '@':
        join = true;
        break;
      default:
        break;
    }
    if (!join) break;
    q += len;
    seg_start = q;
  }
  return q;
}

bool is_sentence_punct(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

constexpr std::string_view kEmoticons[] = {":-)", ":-(", ";-)", ":-D", ":-P", ":'(", ">:(",
                                           ":)",  ":(",  ";)",  ":D",  ":P",  ":p",  ";P",
                                           ":/",  ":|",  "<3",  "=)",  "^_^", ":-/"};

// Length of an emoticon standing alone at s[p] (chunk start), or 0.
size_t emoticon_at(std::string_view s, size_t p, size_t e) {
  if (std::strchr(":;=<>^", s[p]) == nullptr || s[p] == 0) return 0;
  for (auto emo : kEmoticons) {
    if (e - p < emo.size() || s.compare(p, emo.size(), emo) != 0) continue;
    const size_t q = p + emo.size();
    if (q == e || s[q] == '.' || s[q] == ',' || s[q] == '!' || s[q] == '?') return emo.size();
  }
  return 0;
}

// Length of a URL starting at s[p], trailing punctuation excluded, or 0.
size_t url_at(std::string_view s, size_t p, size_t e) {
  static constexpr std::string_view kPrefixes[] = {"http://", "https://", "ftp://", "www.", "mailto:"};
  if (std::strchr("hHwWfFmM", s[p]) == nullptr || s[p] == 0) return 0;
  bool hit = false;
  for (auto pre : kPrefixes)
    if (e - p > pre.size() && iequals_prefix(s, p, pre)) hit = true;
  if (!hit) return 0;
  size_t q = e;
  int opens = 0, closes = 0;
  for (size_t k = p; k < e; ++k) opens += s[k] == '(', closes += s[k] == ')';
  while (q > p) {
    const char c = s[q - 1];
    if (c == ')' && closes > opens) {
      --closes;
      --q;
      continue;
    }
    if (std::strchr(".,;:!?'\">]}", c) != nullptr) {
      --q;
      continue;
    }
    // Closing curly quotes (U+201D, U+2019) at the end.
    if (q - p >= 3 && static_cast<unsigned char>(s[q - 3]) == 0xE2 &&
        static_cast<unsigned char>(s[q - 2]) == 0x80 &&
        (static_cast<unsigned char>(c) == 0x9D || static_cast<unsigned char>(c) == 0x99)) {
      q -= 3;
      continue;
    }
    break;
  }
  return q - p;
}

// Extends a token end over following combining marks (and a ZWJ plus the code point it joins).
size_t glue_marks(std::string_view s, size_t q, size_t e) {
  while (q < e) {
    uint32_t len;
    const char32_t c = decode_at(s, q, &len);
    if (seg::char_class(c) != seg::kMark) break;
    q += len;
    if (c == 0x200D && q < e) {
      decode_at(s, q, &len);
      q += len;
    }
  }
  return q;
}

void tokenize_chunk(std::string_view s, size_t b, size_t e, Out& out) {
  size_t p = b;
  while (p < e) {
    uint32_t len;
    const char32_t c = decode_at(s, p, &len);
    const auto cls = seg::char_class(c);
    const bool after_punct = p == b || !is_alnum(seg::char_class(s[p - 1] & 0x80 ? 0x2C : s[p - 1]));
    if (after_punct) {
      if (const size_t n = url_at(s, p, e)) {
        out.add(p, p + n);
        p += n;
        continue;
      }
    }
    if (p == b) {
      if (const size_t n = emoticon_at(s, p, e)) {
        out.add(p, p + n);
        p += n;
        continue;
      }
    }
    bool word = is_alnum(cls) || cls == seg::kMark;
    if (!word && (c == '@' || c == '#') && after_punct && p + 1 < e) {
      uint32_t nlen;
      word = seg::char_class(decode_at(s, p + 1, &nlen)) == seg::kLetter;
    }
    if (word) {
      const size_t q = scan_word(s, p, e);
      // An abbreviation takes one following period; "Inc.." is "Inc." plus a final period, but
      // three or more periods are an ellipsis.
      const bool one_or_two = q < e && s[q] == '.' && !(q + 2 < e && s[q + 1] == '.' && s[q + 2] == '.');
      if (one_or_two && takes_period(s, p, q)) {
        out.add(p, q + 1);
        p = q + 1;
      } else {
        emit_word(s, p, q, out);
        p = q;
      }
      continue;
    }
    // Punctuation: a run of . ! ? … is one token ("?!", "..."), as is a run of one repeated char.
    size_t q = p + len;
    if (is_sentence_punct(c)) {
      while (q < e) {
        uint32_t l2;
        if (!is_sentence_punct(decode_at(s, q, &l2))) break;
        q += l2;
      }
    } else {
      while (q < e) {
        uint32_t l2;
        if (decode_at(s, q, &l2) != c) break;
        q += l2;
      }
    }
    q = glue_marks(s, q, e);
    out.add(p, q);
    p = q;
  }
}

}  // namespace

void tokenize(std::string_view text, Span range, std::vector<Span>* tokens, std::vector<uint8_t>* flags) {
  Out out{tokens, flags};
  size_t i = std::min<size_t>(range.begin, text.size());
  const size_t end = std::min<size_t>(range.end, text.size());
  while (i < end) {
    uint32_t len;
    char32_t c = decode_at(text, i, &len);
    if (seg::char_class(c) == seg::kSpace) {
      i += len;
      continue;
    }
    size_t j = i;
    while (j < end) {
      c = decode_at(text, j, &len);
      if (seg::char_class(c) == seg::kSpace) break;
      j += len;
    }
    tokenize_chunk(text, i, j, out);
    i = j;
  }
}

}  // namespace dyad

#include "time/lite_tokenize.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace dyad::timetok {
namespace {

bool is_space(std::string_view t, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(t[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (t.substr(i, 2) == "\xC2\xA0") {  // no-break space
    *len = 2;
    return true;
  }
  return false;
}

// Length of a punctuation mark starting at t[i] (ASCII or a few common UTF-8 marks), 0 if none.
size_t punct_len(std::string_view t, size_t i) {
  static constexpr std::string_view kMulti[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                                "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\x93",
                                                "\xE2\x80\xA6"};
  for (auto m : kMulti)
    if (t.substr(i, m.size()) == m) return m.size();
  const char c = t[i];
  if (std::string_view("\"'()[]{},;:!?.-/&*#%$@<>=+`|~^").find(c) != std::string_view::npos) return 1;
  return 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Abbreviations that keep their final period.
bool keeps_period(std::string_view w) {
  static constexpr std::string_view kAbbr[] = {
      "jan", "feb",  "mar", "apr", "jun",  "jul",   "aug", "sep", "sept", "oct", "nov",   "dec", "mon",
      "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",  "mr",  "mrs",   "ms",  "dr",
      "st",  "jr",   "sr",  "gen", "gov",  "sen",   "rep", "col", "lt",   "sgt", "capt",  "maj", "prof",
      "inc", "corp", "co",  "ltd", "vs",   "no",    "ft",  "mt",  "rev",  "est", "approx"};
  std::string low;
  for (char c : w) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto a : kAbbr)
    if (low == a) return true;
  if (w.size() == 1 && is_alpha(w[0])) return true;  // initials "J."
  return w.find('.') != std::string_view::npos;      // "a.m", "U.S" (the last period follows)
}

// Splits one whitespace-free chunk [b, e) into tokens.
void split_chunk(std::string_view t, size_t b, size_t e, std::vector<Span>* out) {
  std::vector<Span> tail;
  // leading punctuation, except an apostrophe before digits ("'90s")
  while (b < e) {
    const size_t p = punct_len(t, b);
    if (p == 0) break;
    if (t[b] == '\'' && b + 1 < e && is_digit(t[b + 1])) break;
    if ((t[b] == '.' || t[b] == '-') && b + 1 < e && is_digit(t[b + 1])) break;  // ".5", "-3"
    out->push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(b + p)});
    b += p;
  }
  // trailing punctuation
  while (e > b) {
    size_t p = 0;
    for (size_t k = 1; k <= 3 && k <= e - b; ++k)
      if (punct_len(t, e - k) == k) p = k;
    if (p == 0) break;
    if (p == 1 && t[e - 1] == '.') {
      const std::string_view word = t.substr(b, e - 1 - b);
      if (!word.empty() && word.find_first_of(".!?") == std::string_view::npos && keeps_period(word)) break;
      if (!word.empty() && word.find('.') != std::string_view::npos && is_alpha(word.back()))
        break;  // "a.m."
    }
    if (e - p == b) break;  // a chunk made only of punctuation: keep the rest for the loop below
    tail.push_back({static_cast<uint32_t>(e - p), static_cast<uint32_t>(e)});
    e -= p;
  }
  if (b < e) {
    std::string_view w = t.substr(b, e - b);
    // clitics
    size_t clitic = 0;
    auto ends_with = [&](std::string_view s) {
      return w.size() > s.size() && std::equal(s.rbegin(), s.rend(), w.rbegin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
             });
    };
    if (ends_with("'s") || ends_with("'d") || ends_with("'m"))
      clitic = 2;
    else if (ends_with("n't") || ends_with("'ll") || ends_with("'re") || ends_with("'ve"))
      clitic = 3;
    else if (ends_with("\xE2\x80\x99s"))
      clitic = 4;
    const size_t core_end = e - clitic;
    // hyphens / slashes between words; keep digit-only dates and ranges like 2025-07-12, 11/28/2000
    bool digits_only = true;
    for (size_t k = b; k < core_end; ++k)
      if (!is_digit(t[k]) && t[k] != '-' && t[k] != '/' && t[k] != '.' && t[k] != ',' && t[k] != ':')
        digits_only = false;
    size_t s = b;
    for (size_t k = b; k < core_end; ++k) {
      const bool hy = t[k] == '-' || (t[k] == '/' && !digits_only);
      if (hy && !digits_only && k > s && k + 1 < core_end) {
        out->push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(k)});
        out->push_back({static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1)});
        s = k + 1;
      } else if (t.substr(k, 3) == "\xE2\x80\x94" && k > s) {
        out->push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(k)});
        out->push_back({static_cast<uint32_t>(k), static_cast<uint32_t>(k + 3)});
        s = k + 3;
        k += 2;
      }
    }
    if (s < core_end) out->push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(core_end)});
    if (clitic) out->push_back({static_cast<uint32_t>(core_end), static_cast<uint32_t>(e)});
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out->push_back(*it);
}

}  // namespace

void tokenize(std::string_view text, std::vector<Span>* tokens, std::vector<Sentence>* sentences) {
  tokens->clear();
  sentences->clear();
  std::vector<uint32_t> breaks;  // token indices that start a new sentence
  size_t i = 0, n = text.size();
  int newlines = 0;
  while (i < n) {
    size_t sl;
    if (is_space(text, i, &sl)) {
      if (text[i] == '\n') ++newlines;
      i += sl;
      continue;
    }
    size_t j = i;
    while (j < n && !is_space(text, j, &sl)) ++j;
    const size_t before = tokens->size();
    if (newlines >= 2 && before > 0) breaks.push_back(static_cast<uint32_t>(before));
    newlines = 0;
    split_chunk(text, i, j, tokens);
    i = j;
  }
  // sentence ends after . ! ? when the next token starts with an uppercase letter, a digit or a quote
  for (size_t k = 0; k + 1 < tokens->size(); ++k) {
    const std::string_view w = text.substr((*tokens)[k].begin, (*tokens)[k].size());
    if (w == "." || w == "!" || w == "?" || w == "\xE2\x80\xA6") {
      const char c = text[(*tokens)[k + 1].begin];
      if ((c >= 'A' && c <= 'Z') || is_digit(c) || c == '"' || static_cast<unsigned char>(c) == 0xE2)
        breaks.push_back(static_cast<uint32_t>(k + 1));
    }
  }
  std::sort(breaks.begin(), breaks.end());
  uint32_t first = 0;
  auto emit = [&](uint32_t last) {
    if (last <= first) return;
    Sentence s;
    s.first = first;
    s.last = last;
    s.span = {(*tokens)[first].begin, (*tokens)[last - 1].end};
    sentences->push_back(s);
    first = last;
  };
  for (uint32_t b : breaks) emit(b);
  emit(static_cast<uint32_t>(tokens->size()));
}

}  // namespace dyad::timetok

// clean_text.cpp — boilerplate removal for scraped plain text (see clean.h).
//
// A scrape copied from a browser keeps one paragraph per line, plus the residue of everything the
// page drew around the article: widget placeholders, embedded tweets, the lead image's alt text,
// caption and credit, a language switch, an author bio. The rules below look at one line at a time,
// except two that need position: the header region (lines before the first body paragraph: kicker,
// headline, standfirst, image block) and the closing bio (the last paragraph only).
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "text/clean.h"
#include "text/clean_rules.h"

namespace dyad {
namespace {

std::string_view trim(std::string_view s) {
  auto space = [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // NBSP at either end.
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

size_t chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// "DE", "EN | FR", "DE / EN": a language switch.
bool is_language_stub(std::string_view line) {
  size_t letters = 0, run = 0;
  for (unsigned char c : line) {
    if (std::isupper(c)) {
      ++letters, ++run;
      if (run > 2) return false;
    } else if (c == ' ' || c == '|' || c == '/' || c == ',') {
      if (run != 0 && run != 2) return false;
      run = 0;
    } else {
      return false;
    }
  }
  return letters >= 2 && (run == 0 || run == 2);
}

bool is_tweet_embed(std::string_view line) {
  return contains(line, "pic.twitter.com/") || contains(line, "https://t.co/") ||
         contains(line, "pic.x.com/");
}

bool ends_with_year(std::string_view s) {
  if (s.size() < 4) return false;
  for (size_t i = s.size() - 4; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// "— Zlatti71 (@Zlatti_71) July 12, 2025": the signature under an embedded tweet.
bool is_tweet_signature(std::string_view line) {
  bool dash =
      starts_with(line, "\xE2\x80\x94") || starts_with(line, "\xE2\x80\x93") || starts_with(line, "-");
  return dash && contains(line, "(@") && ends_with_year(line) && chars(line) < 160;
}

// "© Credit: Kremlin.ru, CC BY 4.0, Link.", "Photo: AFP", "Image credit: ...".
bool is_photo_credit(std::string_view line) {
  if (chars(line) > 200) return false;
  std::string l = lower(line);
  if (starts_with(l, "\xC2\xA9") || starts_with(l, "(c) ") || starts_with(l, "copyright")) return true;
  for (const char* p : {"credit:", "credits:", "photo:", "photos:", "image:", "picture:", "foto:", "bild:",
                        "photo credit", "image credit", "image source", "photograph:", "source: getty",
                        "(photo", "[photo", "getty images", "reuters/", "ap photo"})
    if (starts_with(l, p)) return true;
  return false;
}

// Caption wording: position markers and "pictured" words only a photo caption uses.
bool has_caption_marker(std::string_view line) {
  std::string l = lower(line);
  for (const char* m : {"(l.)", "(r.)", "(l)", "(r)", "(left)", "(right)", "(center)", "(centre)", "(c.)",
                        " pictured", "in this photo", "in this image", "file photo", "in front of"})
    if (contains(l, m)) return true;
  return false;
}

bool ends_sentence(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')') return true;
  // Closing curly quote, ellipsis.
  return s.size() >= 3 &&
         (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\xA6");
}

// A line that is article body rather than header furniture: long, or several sentences.
bool is_body_paragraph(std::string_view line) {
  if (chars(line) >= 120 && ends_sentence(line)) return true;
  int sentences = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i)
    if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ') ++sentences;
  return sentences >= 2;
}

// A short closing paragraph about a person ("X is currently ..., specializes in ..., has two
// master's degrees"): needs at least two biography phrases so ordinary sentences survive.
bool is_author_bio(std::string_view line) {
  std::string l = lower(line);
  int hits = 0;
  for (const char* m : {"is currently",
                        "specializes in",
                        "specialises in",
                        "specializing in",
                        "master's degree",
                        "master\xE2\x80\x99s degree",
                        "master's degrees",
                        "bachelor",
                        "phd",
                        "ph.d",
                        "internship",
                        "work experience",
                        "is a senior fellow",
                        "is a fellow",
                        "is a journalist",
                        "is a correspondent",
                        "is a reporter",
                        "is a freelance",
                        "is an analyst",
                        "is a researcher",
                        "is the author of",
                        "his research",
                        "her research",
                        "graduated",
                        "studied",
                        "holds a degree",
                        "writes about",
                        "is based in",
                        "has worked",
                        "his work",
                        "her work",
                        "follow him",
                        "follow her"})
    if (contains(l, m)) ++hits;
  return hits >= 2 && chars(line) < 900;
}

}  // namespace

CleanResult clean_text(std::string_view input) {
  std::string text = repair_utf8(input);
  std::vector<std::string_view> lines;
  for (size_t s = 0; s <= text.size();) {
    size_t e = text.find('\n', s);
    if (e == std::string::npos) e = text.size();
    std::string_view l = trim(std::string_view(text).substr(s, e - s));
    if (!l.empty()) lines.push_back(l);
    s = e + 1;
  }
  CleanResult r;
  std::vector<char> drop(lines.size(), 0);

  // Line rules.
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (is_widget_line(l) || is_promo_line(l) || is_language_stub(l) || is_tweet_embed(l) ||
        is_tweet_signature(l) || is_photo_credit(l))
      drop[i] = 1;
  }

  // Header region: lines before the first body paragraph (only if it comes early).
  size_t first_body = lines.size();
  for (size_t i = 0; i < lines.size() && i < 15; ++i)
    if (!drop[i] && is_body_paragraph(lines[i])) {
      first_body = i;
      break;
    }
  if (first_body < lines.size() && first_body > 0) {
    // Headline: the longest line without sentence-final punctuation among the leading
    // unpunctuated lines (a kicker above it is dropped too).
    size_t i = 0, title = lines.size();
    for (; i < first_body; ++i) {
      if (drop[i]) continue;
      if (ends_sentence(lines[i])) break;
      if (title == lines.size() || chars(lines[i]) > chars(lines[title])) title = i;
    }
    size_t after_title = i;  // first sentence-like line: the standfirst
    if (title < lines.size()) {
      r.title = std::string(lines[title]);
      for (size_t k = 0; k < after_title; ++k)
        if (!drop[k] && k != title) drop[k] = 1;  // kicker
      drop[title] = 2;                            // moved to `title`, not lost
    }
    // The image block: everything between the standfirst and a photo credit is alt text and
    // caption. Without a credit, only lines worded like a caption go.
    size_t credit = first_body;
    for (size_t k = after_title; k < first_body; ++k)
      if (is_photo_credit(lines[k])) credit = k;
    for (size_t k = after_title; k < first_body; ++k) {
      if (drop[k]) continue;
      bool standfirst = k == after_title && title < lines.size() && !has_caption_marker(lines[k]);
      if ((k < credit && credit < first_body && !standfirst) || has_caption_marker(lines[k])) drop[k] = 1;
    }
  }

  // Closing author bio.
  for (size_t k = lines.size(); k-- > 0;) {
    if (drop[k]) continue;
    if (is_author_bio(lines[k])) drop[k] = 1;
    break;
  }

  for (size_t i = 0; i < lines.size(); ++i) {
    if (drop[i] == 1)
      r.dropped.emplace_back(lines[i]);
    else if (drop[i] == 0)
      append_paragraph(r, lines[i]);
  }
  return r;
}

}  // namespace dyad

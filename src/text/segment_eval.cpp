#include "text/segment_eval.h"

#include <charconv>

#include "base/error.h"
#include "base/paths.h"
#include "text/segment.h"
#include "text/segment_chars.h"

namespace dyad {
namespace {

// Length of the whitespace code point at s[p] (NBSP and other Unicode spaces included), or 0.
size_t space_len(std::string_view s, size_t p) {
  uint32_t len;
  return seg::char_class(seg::decode_at(s, p, &len)) == seg::kSpace ? len : 0;
}

bool parse_int(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

struct Pending {
  std::string text;
  bool new_par = false;
  struct Tok {
    std::string form;
    std::vector<std::string> words;  // forms of its words (one if not a multiword token)
    size_t line;
  };
  std::vector<Tok> toks;
  int mwt_last = 0;  // words up to this id belong to the last multiword token
  int next_id = 1;
  size_t line = 0;
};

}  // namespace

SegmentGold parse_segment_gold(std::string_view data, const std::string& where) {
  SegmentGold g;
  Pending cur;
  size_t pos = 0, line_no = 0;
  auto fail = [&](size_t line, const std::string& msg) {
    throw InputError(where + ":" + std::to_string(line), msg);
  };
  auto flush = [&] {
    if (cur.toks.empty()) {
      cur = Pending();
      return;
    }
    if (!g.text.empty()) g.text += cur.new_par ? "\n\n" : " ";
    const size_t base = g.text.size();
    g.text += cur.text;
    size_t p = base;
    const size_t end = g.text.size();
    const auto first_tok = g.tokens.size();
    for (const auto& t : cur.toks) {
      // Match the form character by character; spaces inside the form or the text are skipped.
      while (p < end && space_len(g.text, p)) p += space_len(g.text, p);
      const size_t b = p;
      for (char c : t.form) {
        if (c == ' ') continue;
        while (p < end && p > b && space_len(g.text, p)) p += space_len(g.text, p);
        if (p >= end || g.text[p] != c)
          fail(t.line, "token '" + t.form + "' does not match the sentence's # text");
        ++p;
      }
      g.tokens.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(p)});
      // Words of a multiword token: adjacent pieces when their forms spell the token, else the whole token.
      size_t total = 0;
      for (const auto& w : t.words) total += w.size();
      if (t.words.size() > 1 && total == p - b && g.text.compare(b, total, [&] {
            std::string s;
            for (const auto& w : t.words) s += w;
            return s;
          }()) == 0) {
        size_t q = b;
        for (const auto& w : t.words) {
          g.words.push_back({static_cast<uint32_t>(q), static_cast<uint32_t>(q + w.size())});
          q += w.size();
        }
      } else {
        for (size_t k = 0; k < t.words.size(); ++k) g.words.push_back(g.tokens.back());
      }
    }
    g.sentences.push_back({g.tokens[first_tok].begin, g.tokens.back().end});
    cur = Pending();
  };
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      if (line.starts_with("# text = "))
        cur.text = std::string(line.substr(9));
      else if (line.starts_with("# newdoc") || line.starts_with("# newpar"))
        cur.new_par = true;
      continue;
    }
    if (cur.line == 0) cur.line = line_no;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) fail(line_no, "expected tab-separated columns");
    const std::string_view id = line.substr(0, t1), form = line.substr(t1 + 1, t2 - t1 - 1);
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    if (cur.text.empty()) fail(line_no, "sentence without a '# text =' line");
    if (const size_t dash = id.find('-'); dash != std::string_view::npos) {
      int a = 0, b = 0;
      if (!parse_int(id.substr(0, dash), &a) || !parse_int(id.substr(dash + 1), &b) || a != cur.next_id ||
          b < a)
        fail(line_no, "bad multiword token id '" + std::string(id) + "'");
      cur.toks.push_back({std::string(form), {}, line_no});
      cur.mwt_last = b;
      continue;
    }
    int n;
    if (!parse_int(id, &n) || n != cur.next_id)
      fail(line_no, "bad or out-of-order word id '" + std::string(id) + "'");
    ++cur.next_id;
    if (n <= cur.mwt_last)
      cur.toks.back().words.emplace_back(form);
    else
      cur.toks.push_back({std::string(form), {std::string(form)}, line_no});
  }
  flush();
  return g;
}

SegmentGold read_segment_gold(const std::string& path) { return parse_segment_gold(read_file(path), path); }

PRF score_spans(const std::vector<Span>& gold, const std::vector<Span>& system) {
  PRF r;
  r.gold = gold.size();
  r.system = system.size();
  size_t i = 0, j = 0;
  while (i < gold.size() && j < system.size()) {
    if (gold[i] == system[j]) {
      ++r.correct, ++i, ++j;
    } else if (gold[i].begin < system[j].begin ||
               (gold[i].begin == system[j].begin && gold[i].end < system[j].end)) {
      ++i;
    } else {
      ++j;
    }
  }
  return r;
}

SegmentScores score_segmentation(const SegmentGold& gold, const Doc& doc, const std::vector<uint8_t>& flags) {
  SegmentScores s;
  std::vector<Span> surface;
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    if (!surface.empty() && i < flags.size() && (flags[i] & kTokenJoinsPrev))
      surface.back().end = doc.tokens[i].end;
    else
      surface.push_back(doc.tokens[i]);
  }
  std::vector<Span> sents;
  for (const auto& x : doc.sentences) sents.push_back(x.span);
  s.tokens = score_spans(gold.tokens, surface);
  s.words = score_spans(gold.words, doc.tokens);
  s.sentences = score_spans(gold.sentences, sents);
  return s;
}

}  // namespace dyad

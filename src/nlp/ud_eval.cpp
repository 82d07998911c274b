#include "nlp/ud_eval.h"

#include <fmt/core.h>

#include <algorithm>

#include "base/error.h"

namespace dyad::ud_eval {
namespace {

struct CharSpan {
  size_t begin = 0, end = 0;
  bool operator==(const CharSpan&) const = default;
};

struct UdWord {
  CharSpan span;
  bool multiword = false;  // part of a multiword token: span is the whole token's
  const conllu::Word* w = nullptr;
  long head = -1;  // global word index of the head, -1 = root
  std::string lower;
};

struct UdFile {
  std::string chars;  // every non-whitespace byte, in order
  std::vector<UdWord> words;
  std::vector<CharSpan> tokens, sentences;
  std::vector<size_t> char_line;  // for error messages: sentence line of each char
};

// Whitespace as the scorer sees it: ASCII space/tab/newline and U+00A0 (Zs in practice).
std::string strip_ws(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::string lower(const std::string& s) {
  std::string o = s;
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return o;
}

UdFile load(const std::vector<conllu::Sentence>& sents) {
  UdFile f;
  for (const auto& s : sents) {
    const size_t sent_begin = f.chars.size();
    const long base = static_cast<long>(f.words.size());
    const int n = static_cast<int>(s.words.size());
    auto append = [&](const std::string& form) {
      const std::string t = strip_ws(form);
      CharSpan sp{f.chars.size(), f.chars.size() + t.size()};
      f.chars += t;
      f.char_line.resize(f.chars.size(), s.line);
      return sp;
    };
    size_t m = 0;  // next multiword token (sorted by first word)
    for (int i = 1; i <= n;) {
      while (m < s.mwts.size() && s.mwts[m].last < i) ++m;
      if (m < s.mwts.size() && s.mwts[m].first == i && s.mwts[m].last >= i) {
        const auto& mw = s.mwts[m];
        const CharSpan sp = append(mw.form);
        f.tokens.push_back(sp);
        for (int j = i; j <= std::min(mw.last, n); ++j) {
          UdWord u;
          u.span = sp;
          u.multiword = true;
          u.w = &s.words[j - 1];
          f.words.push_back(std::move(u));
        }
        i = mw.last + 1;
        ++m;
        continue;
      }
      UdWord u;
      u.span = append(s.words[i - 1].form);
      u.w = &s.words[i - 1];
      f.tokens.push_back(u.span);
      f.words.push_back(std::move(u));
      ++i;
    }
    for (long k = base; k < static_cast<long>(f.words.size()); ++k) {
      UdWord& u = f.words[k];
      u.head = u.w->head <= 0 ? -1 : base + u.w->head - 1;
      if (u.head >= static_cast<long>(f.words.size())) u.head = -1;
      u.lower = lower(strip_ws(u.w->form));
    }
    f.sentences.push_back({sent_begin, f.chars.size()});
  }
  return f;
}

// Matching spans between two sorted span lists.
size_t count_matching(const std::vector<CharSpan>& a, const std::vector<CharSpan>& b) {
  size_t i = 0, j = 0, c = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++c;
      ++i;
      ++j;
    } else if (a[i].begin < b[j].begin || (a[i].begin == b[j].begin && a[i].end < b[j].end)) {
      ++i;
    } else {
      ++j;
    }
  }
  return c;
}

bool beyond_end(const std::vector<UdWord>& w, size_t i, size_t end) {
  if (i >= w.size()) return true;
  if (w[i].multiword) return w[i].span.begin >= end;
  return w[i].span.end > end;
}

size_t extend_end(const UdWord& w, size_t end) { return w.multiword && w.span.end > end ? w.span.end : end; }

// Aligned pairs (gold index, system index), as conll18_ud_eval.align_words.
std::vector<std::pair<size_t, size_t>> align(const std::vector<UdWord>& g, const std::vector<UdWord>& s) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t gi = 0, si = 0;
  std::vector<int> lcs;
  while (gi < g.size() && si < s.size()) {
    if (g[gi].multiword || s[si].multiword) {
      // The minimal region covering the multiword token(s), then LCS on lowercased forms.
      size_t end;
      if (g[gi].multiword) {
        end = g[gi].span.end;
        if (!s[si].multiword && s[si].span.begin < g[gi].span.begin) ++si;
      } else {
        end = s[si].span.end;
        if (!g[gi].multiword && g[gi].span.begin < s[si].span.begin) ++gi;
      }
      const size_t gs = gi, ss = si;
      while (!beyond_end(g, gi, end) || !beyond_end(s, si, end)) {
        if (gi < g.size() && (si >= s.size() || g[gi].span.begin <= s[si].span.begin)) {
          end = extend_end(g[gi], end);
          ++gi;
        } else {
          end = extend_end(s[si], end);
          ++si;
        }
      }
      const size_t ng = gi - gs, ns = si - ss;
      if (ng == 0 || ns == 0) continue;
      lcs.assign((ng + 1) * (ns + 1), 0);
      auto at = [&](size_t a, size_t b) -> int& { return lcs[a * (ns + 1) + b]; };
      for (size_t a = ng; a-- > 0;) {
        for (size_t b = ns; b-- > 0;) {
          if (g[gs + a].lower == s[ss + b].lower) at(a, b) = 1 + at(a + 1, b + 1);
          at(a, b) = std::max({at(a, b), at(a + 1, b), at(a, b + 1)});
        }
      }
      size_t a = 0, b = 0;
      while (a < ng && b < ns) {
        if (g[gs + a].lower == s[ss + b].lower) {
          out.emplace_back(gs + a, ss + b);
          ++a;
          ++b;
        } else if (at(a, b) == at(a + 1, b)) {
          ++a;
        } else {
          ++b;
        }
      }
    } else {
      if (g[gi].span == s[si].span) {
        out.emplace_back(gi, si);
        ++gi;
        ++si;
      } else if (g[gi].span.begin <= s[si].span.begin) {
        ++gi;
      } else {
        ++si;
      }
    }
  }
  return out;
}

std::string universal(const std::string& deprel) { return deprel.substr(0, deprel.find(':')); }

}  // namespace

Result evaluate(const std::vector<conllu::Sentence>& gold, const std::vector<conllu::Sentence>& system) {
  const UdFile g = load(gold), s = load(system);
  if (g.chars != s.chars) {
    size_t i = 0;
    while (i < g.chars.size() && i < s.chars.size() && g.chars[i] == s.chars[i]) ++i;
    auto ctx = [](const UdFile& f, size_t at) { return f.chars.substr(at, 20); };
    const std::string gl = i < g.char_line.size() ? std::to_string(g.char_line[i]) : "end";
    const std::string sl = i < s.char_line.size() ? std::to_string(s.char_line[i]) : "end";
    throw InputError(
        "gold:" + gl,
        fmt::format("gold and system texts differ at non-space character {}: gold '{}' vs system '{}' "
                    "(system line {})",
                    i, ctx(g, i), ctx(s, i), sl));
  }
  Result r;
  r.tokens = {g.tokens.size(), s.tokens.size(), count_matching(g.tokens, s.tokens)};
  r.sentences = {g.sentences.size(), s.sentences.size(), count_matching(g.sentences, s.sentences)};
  const auto pairs = align(g.words, s.words);
  std::vector<long> g2s(g.words.size(), -1);
  for (auto [a, b] : pairs) g2s[a] = static_cast<long>(b);
  Score base{g.words.size(), s.words.size(), pairs.size()};
  r.words = base;
  r.upos = r.xpos = r.lemmas = r.uas = r.las = base;
  r.upos.correct = r.xpos.correct = r.lemmas.correct = r.uas.correct = r.las.correct = 0;
  for (auto [a, b] : pairs) {
    const conllu::Word& gw = *g.words[a].w;
    const conllu::Word& sw = *s.words[b].w;
    if (gw.upos == sw.upos) ++r.upos.correct;
    if (gw.xpos == sw.xpos) ++r.xpos.correct;
    if (gw.lemma == "_" || gw.lemma == sw.lemma) ++r.lemmas.correct;
    const long gh = g.words[a].head, sh = s.words[b].head;
    const bool head_ok = (gh < 0 && sh < 0) || (gh >= 0 && sh >= 0 && g2s[gh] == sh);
    if (head_ok) {
      ++r.uas.correct;
      if (universal(gw.deprel) == universal(sw.deprel)) ++r.las.correct;
    }
  }
  return r;
}

std::string format(const Result& r) {
  std::string out = "Metric     | Precision |    Recall |  F1 Score | AligndAcc\n";
  out += "-----------+-----------+-----------+-----------+-----------\n";
  auto row = [&](const char* name, const Score& s, bool aligned) {
    out += fmt::format("{:<11}|{:10.2f} |{:10.2f} |{:10.2f} |", name, 100 * s.precision(), 100 * s.recall(),
                       100 * s.f1());
    if (aligned && r.words.correct)
      out += fmt::format("{:10.2f}",
                         100.0 * static_cast<double>(s.correct) / static_cast<double>(r.words.correct));
    out += "\n";
  };
  row("Tokens", r.tokens, false);
  row("Sentences", r.sentences, false);
  row("Words", r.words, false);
  row("UPOS", r.upos, true);
  row("XPOS", r.xpos, true);
  row("Lemmas", r.lemmas, true);
  row("UAS", r.uas, true);
  row("LAS", r.las, true);
  return out;
}

}  // namespace dyad::ud_eval

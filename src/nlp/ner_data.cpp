#include "nlp/ner_data.h"

#include <fmt/core.h>

#include <algorithm>
#include <string_view>

#include "base/error.h"
#include "base/paths.h"
#include "base/utf8.h"

namespace dyad {
namespace {

std::vector<std::string_view> split_columns(std::string_view line) {
  std::vector<std::string_view> cols;
  const bool tabs = line.find('\t') != std::string_view::npos;
  size_t i = 0;
  while (i <= line.size()) {
    size_t j = tabs ? line.find('\t', i) : line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    if (j > i || tabs) cols.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return cols;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<NerSpan> spans_from_tags(const std::vector<std::string>& tags) {
  std::vector<NerSpan> spans;
  bool open = false;
  for (uint32_t i = 0; i < tags.size(); ++i) {
    const std::string& t = tags[i];
    if (t == "O" || t.size() < 3) {
      open = false;
      continue;
    }
    const std::string type = t.substr(2);
    const bool cont = t[0] == 'I' && open && spans.back().type == type && spans.back().last == i;
    if (cont) {
      spans.back().last = i + 1;
    } else {
      spans.push_back({i, i + 1, type});
      open = true;
    }
  }
  return spans;
}

std::vector<NerSentence> parse_ner(const std::string& data, const std::string& where,
                                   const NerReadOptions& opt) {
  std::vector<NerSentence> out;
  NerSentence cur;
  std::vector<std::string> tags;
  bool pending_doc = true;
  auto flush = [&] {
    if (cur.words.empty()) return;
    cur.spans = spans_from_tags(tags);
    std::vector<NerSpan> kept;
    for (auto& s : cur.spans) {
      auto it = opt.rename.find(s.type);
      if (it != opt.rename.end()) s.type = it->second;
      if (!s.type.empty()) kept.push_back(std::move(s));
    }
    cur.spans = std::move(kept);
    out.push_back(std::move(cur));
    cur = NerSentence{};
    tags.clear();
  };
  size_t line_no = 0, pos = 0;
  if (const size_t bad = first_invalid_utf8(data); bad != std::string::npos)
    throw InputError(fmt::format("{}:{}", where, line_of_offset(data, bad)), "invalid UTF-8");
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      if (line.starts_with("# newdoc")) pending_doc = true;
      continue;
    }
    const auto cols = split_columns(line);
    if (!cols.empty() && cols[0] == "-DOCSTART-") {
      flush();
      pending_doc = true;
      continue;
    }
    std::string_view word, tag;
    if (cols.size() >= 3 && all_digits(cols[0])) {
      word = cols[1];
      tag = cols[2];
    } else if (cols.size() >= 2) {
      word = cols[0];
      tag = cols.back();
    } else {
      throw InputError(fmt::format("{}:{}", where, line_no), "expected 'token tag' columns");
    }
    if (word.empty()) throw InputError(fmt::format("{}:{}", where, line_no), "empty token");
    if (!(tag == "O" || (tag.size() >= 3 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-')))
      throw InputError(fmt::format("{}:{}", where, line_no),
                       fmt::format("bad NER tag '{}' (expected O, B-TYPE or I-TYPE)", tag));
    if (cur.words.empty()) {
      cur.new_doc = pending_doc;
      pending_doc = false;
    }
    cur.words.emplace_back(word);
    tags.emplace_back(tag);
  }
  flush();
  return out;
}

std::vector<NerSentence> read_ner_file(const std::string& path, const NerReadOptions& opt) {
  return parse_ner(read_maybe_gz(path), path, opt);
}

void NerScore::add(const std::vector<NerSpan>& gold, const std::vector<NerSpan>& pred,
                   const std::vector<std::string>& ignore) {
  auto ignored = [&](const std::string& t) {
    return std::find(ignore.begin(), ignore.end(), t) != ignore.end();
  };
  for (const auto& g : gold) {
    ++overall.gold;
    ++by_type[g.type].gold;
  }
  for (const auto& p : pred) {
    const bool hit = std::find(gold.begin(), gold.end(), p) != gold.end();
    auto& c = by_type[p.type];
    ++c.pred;
    c.correct += hit;
    if (ignored(p.type)) continue;
    ++overall.pred;
    overall.correct += hit;
  }
}

std::string NerScore::report() const {
  std::string s = fmt::format("{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n", "type", "gold", "pred",
                              "correct", "prec", "recall", "F1");
  auto row = [&](const std::string& name, const NerCounts& c) {
    s += fmt::format("{:<8} {:>6} {:>6} {:>7} {:>7.2f} {:>7.2f} {:>7.2f}\n", name, c.gold, c.pred, c.correct,
                     c.precision(), c.recall(), c.f1());
  };
  row("overall", overall);
  for (const auto& [t, c] : by_type) row(t, c);
  return s;
}

}  // namespace dyad

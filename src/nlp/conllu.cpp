#include "nlp/conllu.h"

#include <charconv>
#include <optional>

#include "base/error.h"
#include "base/paths.h"

namespace dyad::conllu {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cols;
}

bool parse_int(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool misc_no_space(std::string_view misc) {
  size_t pos = 0;
  while (pos <= misc.size()) {
    size_t bar = misc.find('|', pos);
    if (bar == std::string_view::npos) bar = misc.size();
    if (misc.substr(pos, bar - pos) == "SpaceAfter=No") return true;
    pos = bar + 1;
  }
  return false;
}

}  // namespace

std::vector<Sentence> parse(std::string_view data, const std::string& where) {
  std::vector<Sentence> out;
  Sentence cur;
  size_t line_no = 0, pos = 0;
  auto fail = [&](const std::string& msg) -> void {
    throw InputError(where + ":" + std::to_string(line_no), msg);
  };
  auto flush = [&] {
    if (!cur.words.empty()) out.push_back(std::move(cur));
    cur = Sentence();
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
      auto value = [&](std::string_view key) -> std::optional<std::string_view> {
        if (line.substr(0, key.size()) != key) return std::nullopt;
        return line.substr(key.size());
      };
      if (auto v = value("# text = "))
        cur.text = std::string(*v);
      else if (auto v2 = value("# sent_id = "))
        cur.sent_id = std::string(*v2);
      else if (line.substr(0, 8) == "# newdoc")
        cur.new_doc = true;
      else if (line.substr(0, 8) == "# newpar")
        cur.new_par = true;
      continue;
    }
    const auto cols = split_tabs(line);
    if (cols.size() != 10) fail("expected 10 tab-separated columns, found " + std::to_string(cols.size()));
    const std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    if (const size_t dash = id.find('-'); dash != std::string_view::npos) {
      MultiwordToken m;
      if (!parse_int(id.substr(0, dash), &m.first) || !parse_int(id.substr(dash + 1), &m.last))
        fail("bad multiword token id '" + std::string(id) + "'");
      m.form = std::string(cols[1]);
      m.space_after = !misc_no_space(cols[9]);
      cur.mwts.push_back(std::move(m));
      continue;
    }
    int n = 0;
    if (!parse_int(id, &n) || n != static_cast<int>(cur.words.size()) + 1)
      fail("bad or out-of-order word id '" + std::string(id) + "'");
    if (cur.words.empty()) cur.line = line_no;
    Word w;
    w.form = std::string(cols[1]);
    w.lemma = std::string(cols[2]);
    w.upos = std::string(cols[3]);
    w.xpos = std::string(cols[4]);
    w.feats = std::string(cols[5]);
    if (cols[6] == "_")
      w.head = -1;
    else if (!parse_int(cols[6], &w.head))
      fail("bad head '" + std::string(cols[6]) + "'");
    w.deprel = std::string(cols[7]);
    w.misc = std::string(cols[9]);
    w.space_after = !misc_no_space(cols[9]);
    cur.words.push_back(std::move(w));
  }
  flush();
  // A word inside a multiword token takes the token's SpaceAfter.
  for (auto& s : out)
    for (const auto& m : s.mwts)
      if (m.last >= 1 && m.last <= static_cast<int>(s.words.size()))
        s.words[m.last - 1].space_after = m.space_after;
  return out;
}

std::vector<Sentence> read_file(const std::string& path) { return parse(dyad::read_file(path), path); }

std::string write(const std::vector<Sentence>& sentences) {
  std::string out;
  for (const auto& s : sentences) {
    if (!s.sent_id.empty()) out += "# sent_id = " + s.sent_id + "\n";
    if (!s.text.empty()) out += "# text = " + s.text + "\n";
    for (size_t i = 0; i < s.words.size(); ++i) {
      const auto& w = s.words[i];
      auto f = [](const std::string& v) { return v.empty() ? std::string("_") : v; };
      std::string misc = w.misc;
      if (misc.empty() || misc == "_") misc = w.space_after ? "_" : "SpaceAfter=No";
      out += std::to_string(i + 1) + "\t" + f(w.form) + "\t" + f(w.lemma) + "\t" + f(w.upos) + "\t" +
             f(w.xpos) + "\t" + f(w.feats) + "\t" + (w.head < 0 ? "_" : std::to_string(w.head)) + "\t" +
             f(w.deprel) + "\t_\t" + misc + "\n";
    }
    out += "\n";
  }
  return out;
}

Doc to_doc(const std::vector<Sentence>& sentences) {
  Doc d;
  for (const auto& s : sentences) {
    if (!d.text.empty()) d.text += s.new_par || s.new_doc ? "\n\n" : " ";
    const auto first = d.num_tokens();
    const auto sent_begin = static_cast<uint32_t>(d.text.size());
    for (size_t i = 0; i < s.words.size(); ++i) {
      const auto& w = s.words[i];
      const auto b = static_cast<uint32_t>(d.text.size());
      d.text += w.form;
      d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
      Upos u = Upos::X;
      parse_upos(w.upos, &u);
      d.upos.push_back(u);
      d.xpos.push_back(xpos_id(w.xpos));
      d.lemma.push_back(w.lemma);
      d.head.push_back(w.head <= 0 ? -1 : static_cast<int32_t>(first) + w.head - 1);
      d.deprel.push_back(deprel_id(w.deprel));
      if (w.space_after && i + 1 < s.words.size()) d.text += ' ';
    }
    d.sentences.push_back({first, d.num_tokens(), {sent_begin, static_cast<uint32_t>(d.text.size())}});
  }
  return d;
}

std::vector<Sentence> from_doc(const Doc& doc) {
  std::vector<Sentence> out;
  for (const auto& s : doc.sentences) {
    Sentence cs;
    cs.text = std::string(doc.span_text(s.span));
    for (uint32_t t = s.first; t < s.last; ++t) {
      Word w;
      w.form = std::string(doc.token_text(t));
      if (t < doc.upos.size()) w.upos = std::string(upos_name(doc.upos[t]));
      if (t < doc.xpos.size()) w.xpos = std::string(xpos_name(doc.xpos[t]));
      if (t < doc.lemma.size()) w.lemma = doc.lemma[t];
      if (t < doc.head.size())
        w.head = doc.head[t] < 0 ? 0 : doc.head[t] - static_cast<int>(s.first) + 1;
      else
        w.head = -1;
      if (t < doc.deprel.size()) w.deprel = std::string(deprel_name(doc.deprel[t]));
      w.space_after = t + 1 < doc.num_tokens() && doc.tokens[t].end < doc.tokens[t + 1].begin;
      cs.words.push_back(std::move(w));
    }
    out.push_back(std::move(cs));
  }
  return out;
}

}  // namespace dyad::conllu

#include "time/timeml_eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "base/error.h"
#include "base/paths.h"
#include "time/lite_tokenize.h"
#include "time/timex.h"

namespace dyad::timeml {
namespace {

int line_of(const std::string& s, size_t pos) {
  return 1 + static_cast<int>(std::count(
                 s.begin(), s.begin() + static_cast<std::ptrdiff_t>(std::min(pos, s.size())), '\n'));
}

[[noreturn]] void fail(const std::string& path, const std::string& raw, size_t pos, const std::string& what) {
  throw InputError(fmt::format("{}:{}", path, line_of(raw, pos)), what);
}

std::string attr(std::string_view tag, std::string_view name) {
  size_t p = 0;
  while ((p = tag.find(name, p)) != std::string_view::npos) {
    const bool start_ok = p > 0 && (tag[p - 1] == ' ' || tag[p - 1] == '\t' || tag[p - 1] == '\n');
    size_t q = p + name.size();
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (start_ok && q < tag.size() && tag[q] == '=') {
      ++q;
      while (q < tag.size() && tag[q] == ' ') ++q;
      if (q < tag.size() && (tag[q] == '"' || tag[q] == '\'')) {
        const char quote = tag[q];
        const size_t e = tag.find(quote, q + 1);
        if (e != std::string_view::npos) return std::string(tag.substr(q + 1, e - q - 1));
      }
    }
    p += name.size();
  }
  return "";
}

}  // namespace

Document read_file(const std::string& path) {
  const std::string raw = dyad::read_file(path);
  Document d;
  d.path = path;
  // the creation time
  for (size_t p = raw.find("<TIMEX3"); p != std::string::npos; p = raw.find("<TIMEX3", p + 1)) {
    const size_t e = raw.find('>', p);
    if (e == std::string::npos) fail(path, raw, p, "unterminated TIMEX3 tag");
    const std::string_view tag(raw.data() + p, e - p);
    if (attr(tag, "functionInDocument") == "CREATION_TIME") {
      d.dct = attr(tag, "value").substr(0, 10);
      break;
    }
  }
  const size_t tb = raw.find("<TEXT>");
  const size_t te = raw.rfind("</TEXT>");
  if (tb == std::string::npos || te == std::string::npos || te < tb) fail(path, raw, 0, "no <TEXT> element");
  struct Open {
    size_t begin;
    std::string type, value;
  };
  std::vector<Open> open;
  for (size_t i = tb + 6; i < te;) {
    const char ch = raw[i];
    if (ch == '<') {
      const size_t e = raw.find('>', i);
      if (e == std::string::npos || e > te) fail(path, raw, i, "unterminated tag");
      const std::string_view tag(raw.data() + i + 1, e - i - 1);
      if (tag.substr(0, 6) == "TIMEX3") {
        open.push_back({d.text.size(), attr(tag, "type"), attr(tag, "value")});
        if (!tag.empty() && tag.back() == '/') open.pop_back();  // empty (non-consuming) timex
      } else if (tag.substr(0, 7) == "/TIMEX3") {
        if (open.empty()) fail(path, raw, i, "</TIMEX3> without an opening tag");
        GoldTimex g;
        g.span = {static_cast<uint32_t>(open.back().begin), static_cast<uint32_t>(d.text.size())};
        g.type = open.back().type;
        g.value = open.back().value;
        open.pop_back();
        if (g.span.size() > 0) d.timexes.push_back(std::move(g));
      }
      i = e + 1;
    } else if (ch == '&') {
      static constexpr std::pair<std::string_view, char> kEnt[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [name, c] : kEnt)
        if (std::string_view(raw).substr(i, name.size()) == name) {
          d.text += c;
          i += name.size();
          done = true;
          break;
        }
      if (!done) d.text += raw[i++];
    } else {
      d.text += raw[i++];
    }
  }
  if (!open.empty()) fail(path, raw, te, "unclosed TIMEX3");
  std::sort(d.timexes.begin(), d.timexes.end(),
            [](const GoldTimex& a, const GoldTimex& b) { return a.span.begin < b.span.begin; });
  return d;
}

std::vector<std::string> list_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw InputError(dir, "not a directory");
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".tml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

void Counts::add(const Counts& o) {
  gold += o.gold;
  system += o.system;
  strict += o.strict;
  relaxed += o.relaxed;
  value_correct += o.value_correct;
  type_correct += o.type_correct;
}

Scores scores(const Counts& c) {
  auto div = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  auto f1 = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; };
  Scores s{};
  s.strict_p = div(c.strict, c.system);
  s.strict_r = div(c.strict, c.gold);
  s.strict_f = f1(s.strict_p, s.strict_r);
  s.relaxed_p = div(c.relaxed, c.system);
  s.relaxed_r = div(c.relaxed, c.gold);
  s.relaxed_f = f1(s.relaxed_p, s.relaxed_r);
  s.value_acc = div(c.value_correct, c.relaxed);
  s.type_acc = div(c.type_correct, c.relaxed);
  s.value_p = div(c.value_correct, c.system);
  s.value_r = div(c.value_correct, c.gold);
  s.value_f = f1(s.value_p, s.value_r);
  return s;
}

Counts evaluate(const Document& gd, std::vector<std::string>* errors) {
  Doc doc;
  doc.text = gd.text;
  doc.published = gd.dct;
  timetok::tokenize(doc.text, &doc.tokens, &doc.sentences);
  find_timexes(doc);
  Counts c;
  c.gold = static_cast<int>(gd.timexes.size());
  c.system = static_cast<int>(doc.timexes.size());
  std::vector<bool> used(doc.timexes.size(), false);
  auto text_of = [&](Span s) { return std::string_view(gd.text).substr(s.begin, s.size()); };
  for (const auto& g : gd.timexes) {
    int hit = -1;
    for (size_t k = 0; k < doc.timexes.size(); ++k) {
      const Span s = doc.timexes[k].span;
      if (used[k] || s.end <= g.span.begin || s.begin >= g.span.end) continue;
      if (hit < 0 || s == g.span) hit = static_cast<int>(k);
    }
    if (hit < 0) {
      if (errors) errors->push_back(fmt::format("miss\t{}\t{}\t{}", g.type, g.value, text_of(g.span)));
      continue;
    }
    used[hit] = true;
    const Timex& t = doc.timexes[hit];
    ++c.relaxed;
    if (t.span == g.span)
      ++c.strict;
    else if (errors)
      errors->push_back(fmt::format("span\t{}\t{}", text_of(g.span), text_of(t.span)));
    if (t.value == g.value)
      ++c.value_correct;
    else if (errors)
      errors->push_back(
          fmt::format("value\tgold={}\tsys={}\t{}\t(dct {})", g.value, t.value, text_of(g.span), gd.dct));
    if (t.type == g.type)
      ++c.type_correct;
    else if (errors)
      errors->push_back(fmt::format("type\tgold={}\tsys={}\t{}", g.type, t.type, text_of(g.span)));
  }
  if (errors)
    for (size_t k = 0; k < doc.timexes.size(); ++k)
      if (!used[k])
        errors->push_back(fmt::format("false\t{}\t{}\t{}", doc.timexes[k].type, doc.timexes[k].value,
                                      text_of(doc.timexes[k].span)));
  return c;
}

}  // namespace dyad::timeml

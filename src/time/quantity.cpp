// quantity.cpp — counted quantities: a number (digits, words, or vague "dozens"/"tens of
// thousands"), an optional operator from the words before it ("over" -> ">", "about" -> "~") and
// the head noun it counts. Dates, times, money and percentages are not counted things.
#include <algorithm>
#include <string>

#include "time/timex.h"
#include "time/timex_words.h"

namespace dyad {
namespace {

std::string low(std::string_view s) {
  std::string o(s);
  for (auto& ch : o)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  return o;
}

struct OpWords {
  std::string_view w1, w2, op;
};
constexpr OpWords kOps[] = {{"more", "than", ">"},  {"over", "", ">"},     {"at", "least", ">="},
                            {"fewer", "than", "<"}, {"less", "than", "<"}, {"under", "", "<"},
                            {"up", "to", "<="},     {"nearly", "", "<"},   {"almost", "", "<"},
                            {"about", "", "~"},     {"around", "", "~"},   {"approximately", "", "~"},
                            {"roughly", "", "~"},   {"some", "", "~"},     {"an", "estimated", "~"},
                            {"estimated", "", "~"}, {"only", "", "="},     {"just", "", "="}};

// Vague amounts, with the value reported for them (the lower end of the usual reading).
struct Vague {
  std::string_view w1, w2, w3;  // e.g. "tens" "of" "thousands"
  double value;
};
constexpr Vague kVague[] = {{"tens", "of", "thousands", 10000},
                            {"hundreds", "of", "thousands", 100000},
                            {"tens", "of", "millions", 1e7},
                            {"hundreds", "of", "millions", 1e8},
                            {"dozens", "", "", 24},
                            {"scores", "", "", 40},
                            {"hundreds", "", "", 200},
                            {"thousands", "", "", 2000},
                            {"millions", "", "", 2e6}};

// A few actor modifiers for the counted noun ("DPRK troops"); the actors stage codes the rest.
struct ActorWord {
  std::string_view word, code;
};
constexpr ActorWord kActors[] = {{"dprk", "PRK"},      {"north", "PRK"},    {"russian", "RUS"},
                                 {"ukrainian", "UKR"}, {"american", "USA"}, {"us", "USA"},
                                 {"u.s.", "USA"},      {"chinese", "CHN"},  {"iranian", "IRN"},
                                 {"israeli", "ISR"},   {"nato", "NATO"},    {"korean", "KOR"}};

constexpr std::string_view kStop[] = {"of",   "the",   "a",    "an",    "and",  "or",   "to", "in",
                                      "on",   "at",    "for",  "by",    "from", "with", "as", "than",
                                      "that", "which", "who",  "were",  "was",  "are",  "is", "have",
                                      "has",  "had",   "will", "would", "be",   "been", "per"};

std::string singular(std::string w) {
  if (w.size() > 4 && w.substr(w.size() - 3) == "ies") return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 4 && (w.substr(w.size() - 4) == "sses" || w.substr(w.size() - 4) == "ches" ||
                       w.substr(w.size() - 4) == "shes"))
    return w.substr(0, w.size() - 2);
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != 'u' &&
      w[w.size() - 2] != '\'')
    return w.substr(0, w.size() - 1);
  return w;
}

bool alpha_word(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.' || ch == '\'';
  });
}

}  // namespace

void find_quantities(Doc& doc) {
  doc.quantities.clear();
  const uint32_t n = doc.num_tokens();
  std::vector<uint8_t> in_timex(n, 0);
  for (const auto& t : doc.timexes)
    for (uint32_t k = t.first; k < t.last && k < n; ++k) in_timex[k] = 1;
  std::vector<std::string> w(n);
  for (uint32_t i = 0; i < n; ++i) w[i] = low(doc.token_text(i));
  auto at = [&](uint32_t i) -> std::string_view {
    return i < n ? std::string_view(w[i]) : std::string_view();
  };
  for (uint32_t i = 0; i < n; ++i) {
    if (in_timex[i]) continue;
    const uint32_t send = doc.sentences.empty() ? n : doc.sentences[doc.sentence_of(i)].last;
    double value = 0;
    uint32_t used = 0;
    std::string op = "=";
    for (const auto& v : kVague) {
      if (at(i) != v.w1) continue;
      if (!v.w2.empty() && (at(i + 1) != v.w2 || at(i + 2) != v.w3)) continue;
      value = v.value;
      used = v.w2.empty() ? 1 : 3;
      op = "~";
      break;
    }
    if (used == 0) {
      double d;
      if (timewords::numeric(at(i), &d)) {
        value = d;
        used = 1;
      } else if (const int nw = timewords::number_word(at(i)); nw >= 2 || at(i) == "one") {
        value = nw;
        used = 1;
      } else if (at(i) == "a" && at(i + 1) == "dozen") {
        value = 12;
        used = 2;
      } else {
        continue;
      }
      if (at(i + used) == "million")
        value *= 1e6, ++used;
      else if (at(i + used) == "billion")
        value *= 1e9, ++used;
      else if (at(i + used) == "thousand")
        value *= 1e3, ++used;
      else if (at(i + used) == "hundred")
        value *= 1e2, ++used;
    }
    // money, percentages, plain years are not counts of things
    if (i > 0 && (at(i - 1) == "$" || at(i - 1) == "\xE2\x82\xAC" || at(i - 1) == "\xC2\xA3")) continue;
    if (at(i + used) == "%" || at(i + used) == "percent" || at(i + used) == "per") continue;
    if (used == 1 && value >= 1800 && value <= 2100 && at(i).find(',') == std::string_view::npos) continue;
    // operator words before the number
    uint32_t first = i;
    for (const auto& o : kOps) {
      if (o.w2.empty()) {
        if (i >= 1 && at(i - 1) == o.w1) {
          op = o.op;
          first = i - 1;
          break;
        }
      } else if (i >= 2 && at(i - 2) == o.w1 && at(i - 1) == o.w2) {
        op = o.op;
        first = i - 2;
        break;
      }
    }
    // the counted noun: after "-" ("1.3-kilometer"), "of" ("tens of thousands of people"), and
    // modifiers (capitalised names, "DPRK", adjectives known from the tagger)
    uint32_t k = i + used;
    std::string actor;
    if (at(k) == "-") ++k;
    if (at(k) == "of" && op == "~") ++k;
    std::string unit;
    uint32_t last = k;
    for (uint32_t steps = 0; k < send && steps < 4; ++k, ++steps) {
      const std::string_view x = at(k);
      if (!alpha_word(x)) break;
      if (std::find(std::begin(kStop), std::end(kStop), x) != std::end(kStop)) break;
      const auto raw = doc.token_text(k);
      const bool capital = raw[0] >= 'A' && raw[0] <= 'Z';
      const bool adj = k < doc.upos.size() && (doc.upos[k] == Upos::ADJ || doc.upos[k] == Upos::PROPN);
      if (capital || adj) {
        for (const auto& a : kActors)
          if (x == a.word && actor.empty()) actor = std::string(a.code);
        continue;
      }
      unit = k < doc.lemma.size() && !doc.lemma[k].empty() ? low(doc.lemma[k]) : singular(std::string(x));
      last = k + 1;
      break;
    }
    if (unit.empty()) continue;
    Quantity q;
    q.first = first;
    q.last = last;
    q.value = value;
    q.op = op;
    q.unit = unit;
    q.actor = actor;
    doc.quantities.push_back(std::move(q));
    i = last - 1;
  }
}

}  // namespace dyad

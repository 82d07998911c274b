#include "nlp/ner_rules.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "nlp/ner_lexicon.h"

namespace dyad {
namespace {

// One-word lines of a lexicon list, lowercased.
std::unordered_set<std::string> word_set(std::string_view list) {
  std::unordered_set<std::string> out;
  size_t i = 0;
  while (i < list.size()) {
    size_t j = list.find('\n', i);
    if (j == std::string_view::npos) j = list.size();
    std::string_view l = list.substr(i, j - i);
    if (!l.empty() && l.find(' ') == std::string_view::npos) {
      std::string w;
      for (char c : l) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.insert(std::move(w));
    }
    i = j + 1;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string w;
  for (char c : s) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

struct Rules {
  const Doc& doc;
  const Gazetteer* gaz;
  uint32_t n;

  std::string_view tok(uint32_t i) const { return doc.token_text(i); }
  bool cap(uint32_t i) const {
    std::string_view t = tok(i);
    return !t.empty() && t[0] >= 'A' && t[0] <= 'Z';
  }
  bool letter(uint32_t i) const {
    std::string_view t = tok(i);
    return !t.empty() && std::isalpha(static_cast<unsigned char>(t[0]));
  }
  // No whitespace between token i-1 and token i.
  bool glued(uint32_t i) const { return i > 0 && doc.tokens[i].begin == doc.tokens[i - 1].end; }
  bool org_keyword(uint32_t i) const {
    static const std::unordered_set<std::string> kOrg = word_set(ner_lexicon::org_keywords());
    return cap(i) && kOrg.count(lower(tok(i))) > 0;
  }
  bool title(uint32_t i) const {
    static const std::unordered_set<std::string> kTitle = word_set(ner_lexicon::person_titles());
    // Abbreviations are left out: "St. Thomas" is a place as often as a saint.
    if (!cap(i) || tok(i).back() == '.') return false;
    std::string w = lower(tok(i));
    if (kTitle.count(w)) return true;
    return w.size() > 3 && w.back() == 's' && kTitle.count(w.substr(0, w.size() - 1)) > 0;  // "Presidents"
  }
  uint16_t gaz_mask(uint32_t first, uint32_t last) const {
    if (!gaz || first >= last) return 0;
    std::string phrase;
    for (uint32_t k = first; k < last; ++k) phrase += std::string(k > first ? " " : "") + std::string(tok(k));
    return gaz->lookup(phrase);
  }
  // A place name (country, nationality, region, city) of up to three words starts at token i.
  bool place(uint32_t i) const {
    for (uint32_t len = 1; len <= 3 && i + len <= n; ++len)
      if (gaz_mask(i, i + len) & (kGazCountry | kGazDemonym | kGazRegion | kGazAdmin1 | kGazCity))
        return true;
    return false;
  }
  // The capitalised run starting at token i (up to four words) is, as a whole, a place: "New
  // Orleans", "Russia"; not "Mass Media" (though "Mass" alone is a state's abbreviation).
  bool place_run(uint32_t i) const {
    uint32_t e = i;
    while (e < n && e < i + 4 && cap(e)) ++e;
    return e > i && (gaz_mask(i, e) & (kGazCountry | kGazDemonym | kGazRegion | kGazAdmin1 | kGazCity)) != 0;
  }
  bool person_start(uint32_t first, uint32_t last) const {
    return (gaz_mask(first, first + 1) & kGazFirstName) != 0 || (gaz_mask(first, last) & kGazPerson) != 0;
  }
  // A given name that is not also a common word ("John", not "Mass").
  bool given_name(uint32_t i) const {
    const uint16_t m = gaz_mask(i, i + 1);
    return (m & kGazFirstName) && !(m & kGazLowerWord);
  }
  // Evidence that the name words [first, last) are a person's name: a known given or full name,
  // or two or more words none of which the gazetteer has seen in lowercase (name_words checks
  // that; "Counter Terrorism" are common words).
  bool person_name(uint32_t first, uint32_t last) const {
    return gaz && (person_start(first, last) || last - first >= 2);
  }
  // Tokens [first, last) are all capitalised name words: no title, keyword, place, nor a word
  // also seen in lowercase ("Court House", "King County").
  bool name_words(uint32_t first, uint32_t last) const {
    for (uint32_t k = first; k < last; ++k) {
      if (tok(k) == "-" && k > first && k + 1 < last && glued(k) && glued(k + 1)) continue;
      if (!cap(k) || org_keyword(k) || title(k) || place(k)) return false;
      if (gaz_mask(k, k + 1) & kGazLowerWord) return false;
    }
    return first < last;
  }
};

// Rule 1: "Hong" + "-chol" glued.
void glue_hyphens(const Rules& r, Entity& e) {
  while (e.last + 1 < r.n && r.tok(e.last) == "-" && r.glued(e.last) && r.glued(e.last + 1) &&
         r.letter(e.last + 1))
    e.last += 2;
}

// Rule 2: "Presidents Putin" (LOC) -> PER "Putin". Returns true if changed.
bool title_person(const Rules& r, Entity& e) {
  if (e.type == EntityType::PER || e.last - e.first < 2) return false;
  for (uint32_t j = e.last - 1; j-- > e.first;) {
    if (!r.title(j)) continue;
    if (!r.name_words(j + 1, e.last)) return false;
    e.first = j + 1;
    e.type = EntityType::PER;
    return true;
  }
  return false;
}

// Rule 3: "Security Council Dmitry Medvedev" -> ORG + PER. Returns the PER part's first token or 0.
uint32_t split_org_person(const Rules& r, const Entity& e) {
  if (e.type == EntityType::PER || e.last - e.first < 3) return 0;
  for (uint32_t k = e.first + 1; k + 2 <= e.last; ++k)
    if (r.org_keyword(k - 1) && r.name_words(k, e.last) && r.person_name(k, e.last)) return k;
  return 0;
}

// Rule 4: extends an ORG over its "of"/"for" complement and a capitalised list.
void full_org_name(const Rules& r, Entity& e) {
  if (e.type != EntityType::ORG) return;
  bool keyword = false, complement = false;
  for (uint32_t k = e.first; k < e.last; ++k) {
    keyword |= r.org_keyword(k);
    std::string_view t = r.tok(k);
    if (keyword && (t == "of" || t == "for")) complement = true;
  }
  if (!keyword) return;
  if (!complement && !r.org_keyword(e.last - 1)) return;
  uint32_t k = e.last, committed = e.last, before_comma = 0;
  bool comma_list = false;
  while (k < r.n) {
    std::string_view t = r.tok(k);
    if (!complement && (t == "of" || t == "for")) {
      uint32_t w = k + 1;
      if (w < r.n && r.tok(w) == "the") ++w;
      if (w >= r.n || !r.cap(w) || r.place_run(w)) break;
      complement = true;
      k = w;
      continue;
    }
    if (!complement) break;
    if (r.cap(k) && !r.place_run(k) && !r.title(k)) {
      ++k;
      if (!comma_list) committed = k;
      continue;
    }
    // ", Word" / ", and Word" / "and Word": list items; a comma list counts only when it is
    // closed by "and" ("A, B, and C"), else "Ministry of Defense, Putin said" would run on.
    if (t == "," && k + 1 < r.n && (r.cap(k + 1) || r.tok(k + 1) == "and")) {
      if (!comma_list) before_comma = committed;
      comma_list = true;
      ++k;
      continue;
    }
    if ((t == "and" || t == "&") && k + 1 < r.n && r.cap(k + 1) && !r.place_run(k + 1) &&
        !r.given_name(k + 1)) {
      k += 1;
      while (k < r.n && r.cap(k) && !r.place_run(k) && !r.title(k)) ++k;
      committed = k;
      comma_list = false;
      before_comma = 0;
      continue;
    }
    break;
  }
  if (comma_list && before_comma) committed = before_comma;
  e.last = std::max(e.last, committed);
}

}  // namespace

void correct_entities(const Doc& doc, const Gazetteer* gaz, std::vector<Entity>& entities) {
  Rules r{doc, gaz, doc.num_tokens()};
  std::vector<Entity> out;
  std::vector<uint8_t> grown;  // parallel to out: the span was extended (it wins overlaps)
  for (Entity e : entities) {
    if (e.first >= e.last || e.last > r.n) {
      out.push_back(e);
      grown.push_back(0);
      continue;
    }
    const uint32_t last0 = e.last;
    glue_hyphens(r, e);
    if (uint32_t k = split_org_person(r, e)) {
      out.push_back({e.first, k, EntityType::ORG});
      grown.push_back(0);
      e = {k, e.last, EntityType::PER};
    } else {
      title_person(r, e);
    }
    full_org_name(r, e);
    out.push_back(e);
    grown.push_back(e.last > last0);
  }
  // Rule 4 also names an institution the recogniser missed: an organisation keyword outside every
  // entity, with its "of"/"for" complement ("the Russian Ministry of Digital Development, ...").
  for (uint32_t i = 0; i + 2 < r.n; ++i) {
    if (!r.org_keyword(i)) continue;
    bool covered = false;
    for (const Entity& e : out) covered |= e.first <= i && i < e.last;
    if (covered || (r.tok(i + 1) != "of" && r.tok(i + 1) != "for")) continue;
    Entity e{i, i + 1, EntityType::ORG};
    full_org_name(r, e);
    if (e.last == i + 1) continue;
    out.push_back(e);
    grown.push_back(1);
  }
  // An extended span swallows the entities it now overlaps.
  std::vector<Entity> kept;
  for (size_t i = 0; i < out.size(); ++i) {
    bool drop = false;
    for (size_t j = 0; j < out.size() && !drop; ++j)
      drop = j != i && grown[j] && !grown[i] && out[j].first < out[i].last && out[i].first < out[j].last;
    if (!drop) kept.push_back(out[i]);
  }
  std::sort(kept.begin(), kept.end(), [](const Entity& a, const Entity& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  });
  entities = std::move(kept);
}

}  // namespace dyad

// The NER correction pass (nlp/ner_rules.h) on hand-labelled spans: each rule on sentences of the
// example articles' kind and on others, and the cases each rule must leave alone.
#include "nlp/ner_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dyad {
namespace {

struct Gaz {
  std::string bytes;
  Gazetteer gaz;
};

const Gazetteer& gaz() {
  static const Gaz g = [] {
    GazetteerBuilder b;
    for (const char* w : {"Dmitry", "Angela", "John", "Kim"}) b.add(w, kGazFirstName);
    b.add("Olaf Scholz", kGazPerson);
    for (const char* w : {"Russia", "China", "Germany", "America"}) b.add(w, kGazCountry);
    for (const char* w : {"Russian", "German"}) b.add(w, kGazDemonym);
    // Words the NER's training text has in lowercase: not name words.
    for (const char* w : {"counter", "terrorism", "house", "county"}) b.add(w, kGazLowerWord);
    Gaz out;
    out.bytes = b.serialize();
    out.gaz = Gazetteer::load(out.bytes, "test");
    return out;
  }();
  return g.gaz;
}

// Tokens split at spaces; "-" inside a word is a token of its own, glued to its neighbours, and
// a trailing "," or "." is split off.
Doc make_doc(const std::string& text) {
  Doc d;
  d.text = text;
  size_t i = 0;
  auto add = [&](size_t b, size_t e) {
    if (e > b) d.tokens.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  };
  while (i < text.size()) {
    size_t j = std::min(text.find(' ', i), text.size());
    size_t end = j;
    const bool punct = end > i + 1 && (text[end - 1] == ',' || (text[end - 1] == '.' && j == text.size()));
    if (punct) --end;
    size_t b = i;
    for (size_t k = i; k < end; ++k)
      if (text[k] == '-' && k > i && k + 1 < end) {
        add(b, k);
        add(k, k + 1);
        b = k + 1;
      }
    add(b, end);
    if (punct) add(end, end + 1);
    i = j + 1;
  }
  d.sentences.push_back({0, d.num_tokens(), {0, static_cast<uint32_t>(text.size())}});
  return d;
}

// Token index of the first token spelled w.
uint32_t at(const Doc& d, std::string_view w) {
  for (uint32_t i = 0; i < d.num_tokens(); ++i)
    if (d.token_text(i) == w) return i;
  ADD_FAILURE() << "no token " << w;
  return 0;
}

// Entity over the words [from .. to] (inclusive, by spelling).
Entity ent(const Doc& d, std::string_view from, std::string_view to, EntityType t) {
  return {at(d, from), at(d, to) + 1, t};
}

std::string show(const Doc& d, const std::vector<Entity>& es) {
  std::string s;
  for (const Entity& e : es) {
    s += std::string(d.span_text(Span{d.tokens[e.first].begin, d.tokens[e.last - 1].end}));
    s += "/" + std::string(entity_type_name(e.type)) + "; ";
  }
  return s;
}

TEST(NerRules, HyphenatedNamePartsJoinTheName) {
  {
    Doc d = make_doc("North Korea's ambassador to Moscow, Sin Hong-chol, signed it.");
    std::vector<Entity> es = {ent(d, "Sin", "Hong", EntityType::PER)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Sin Hong-chol/PER; ");
  }
  {
    Doc d = make_doc("The counterpart Pak Yong-il met him.");
    std::vector<Entity> es = {ent(d, "Pak", "Yong", EntityType::PER)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Pak Yong-il/PER; ");
  }
  {
    // Places too, and a spaced dash is not a name part.
    Doc d = make_doc("Troops left Guinea-Bissau - and Mali.");
    std::vector<Entity> es = {ent(d, "Guinea", "Guinea", EntityType::LOC)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Guinea-Bissau/LOC; ");
    std::vector<Entity> es2 = {ent(d, "Bissau", "Bissau", EntityType::LOC)};
    correct_entities(d, &gaz(), es2);
    EXPECT_EQ(show(d, es2), "Bissau/LOC; ");
  }
}

TEST(NerRules, TitleBeforeANameMakesAPerson) {
  {
    Doc d = make_doc("the landmark agreement between Presidents Putin and Kim");
    std::vector<Entity> es = {ent(d, "Presidents", "Putin", EntityType::LOC)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Putin/PER; ");
  }
  {
    Doc d = make_doc("He met Foreign Minister Lavrov today.");
    std::vector<Entity> es = {ent(d, "Foreign", "Lavrov", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Lavrov/PER; ");
  }
  {
    // Places named after titles and saints stay places.
    Doc d = make_doc("They drove from King County to St. Thomas.");
    std::vector<Entity> es = {ent(d, "King", "County", EntityType::LOC),
                              ent(d, "St.", "Thomas", EntityType::LOC)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "King County/LOC; St. Thomas/LOC; ");
  }
  // Left alone: an institution named after a title ("President Hotel" has a keyword), and a title
  // followed by a place ("Minister Russia" is not a name).
  {
    Doc d = make_doc("They stayed at the President Hotel.");
    std::vector<Entity> es = {ent(d, "President", "Hotel", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "President Hotel/ORG; ");
  }
  {
    Doc d = make_doc("the Prime Minister of Germany");
    std::vector<Entity> es = {ent(d, "Germany", "Germany", EntityType::LOC)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Germany/LOC; ");
  }
}

TEST(NerRules, OrganisationRunIntoAPersonIsSplit) {
  {
    Doc d = make_doc("Deputy Chairman of the Security Council Dmitry Medvedev led it.");
    std::vector<Entity> es = {ent(d, "Security", "Medvedev", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Security Council/ORG; Dmitry Medvedev/PER; ");
  }
  {
    // Two words never seen in lowercase after the keyword, no given name known.
    Doc d = make_doc("the Election Commission Zaur Abdiyev said");
    std::vector<Entity> es = {ent(d, "Election", "Abdiyev", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Election Commission/ORG; Zaur Abdiyev/PER; ");
    std::vector<Entity> es2 = {ent(d, "Election", "Abdiyev", EntityType::ORG)};
    correct_entities(d, nullptr, es2);
    EXPECT_EQ(show(d, es2), "Election Commission Zaur Abdiyev/ORG; ");
  }
  {
    // A full name the gazetteer knows, after a party.
    Doc d = make_doc("the Social Democratic Party Olaf Scholz said");
    std::vector<Entity> es = {ent(d, "Social", "Scholz", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Social Democratic Party/ORG; Olaf Scholz/PER; ");
  }
  {
    // Common words, not a name: left as it is (and without a gazetteer, nothing is split).
    Doc d = make_doc("the Security Council Counter Terrorism unit");
    std::vector<Entity> es = {ent(d, "Security", "Terrorism", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Security Council Counter Terrorism/ORG; ");
    correct_entities(d, nullptr, es);
    EXPECT_EQ(show(d, es), "Security Council Counter Terrorism/ORG; ");
  }
}

TEST(NerRules, FullInstitutionNames) {
  {
    Doc d = make_doc(
        "Bella Cherkesova from the Russian Ministry of Digital Development, Communications, and Mass Media "
        "signed");
    std::vector<Entity> es = {ent(d, "Ministry", "Development", EntityType::ORG),
                              ent(d, "Mass", "Media", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Ministry of Digital Development, Communications, and Mass Media/ORG; ");
  }
  {
    // The recogniser found only a part, or nothing: the keyword and its complement are named.
    Doc d = make_doc(
        "Bella Cherkesova from the Russian Ministry of Digital Development, Communications, and Mass Media "
        "signed");
    std::vector<Entity> es = {ent(d, "Russian", "Russian", EntityType::NORP),
                              ent(d, "Mass", "Media", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es),
              "Russian/NORP; Ministry of Digital Development, Communications, and Mass Media/ORG; ");
  }
  {
    Doc d = make_doc("a trip to the Department of Germany and the office for the press");
    std::vector<Entity> es;
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "") << "a place or a lowercase word is no complement";
  }
  {
    Doc d = make_doc("Goremykin, who heads the Main Directorate for Military Policy, and his counterpart");
    std::vector<Entity> es = {ent(d, "Main", "Directorate", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Main Directorate for Military Policy/ORG; ");
  }
  {
    Doc d = make_doc("a report by the Ministry of Natural Resources and Environment on Monday");
    std::vector<Entity> es = {ent(d, "Ministry", "Resources", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Ministry of Natural Resources and Environment/ORG; ");
  }
  {
    // Stops at a place, at an unclosed comma list, and at a following person.
    Doc d = make_doc("the Ministry of Defense of Russia said");
    std::vector<Entity> es = {ent(d, "Ministry", "Defense", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Ministry of Defense/ORG; ");
  }
  {
    Doc d = make_doc("said the Ministry of Defense, Putin said");
    std::vector<Entity> es = {ent(d, "Ministry", "Defense", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Ministry of Defense/ORG; ");
  }
  {
    Doc d = make_doc("the Ministry of Defense and John Smith");
    std::vector<Entity> es = {ent(d, "Ministry", "Defense", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Ministry of Defense/ORG; ");
  }
  {
    // Not an institution: no keyword, no extension.
    Doc d = make_doc("the Bolshoi of Moscow and Kiev");
    std::vector<Entity> es = {ent(d, "Bolshoi", "Bolshoi", EntityType::ORG)};
    correct_entities(d, &gaz(), es);
    EXPECT_EQ(show(d, es), "Bolshoi/ORG; ");
  }
}

}  // namespace
}  // namespace dyad

#include "claims/claims.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad {
namespace {

// Builds a parsed one-sentence Doc from rows "form UPOS head deprel [lemma]" (head 1-based,
// 0 = root; lemma defaults to the form).
Doc parsed(std::initializer_list<const char*> rows) {
  Doc d;
  for (const char* row : rows) {
    std::istringstream in(row);
    std::string form, upos, rel, lemma;
    int head;
    in >> form >> upos >> head >> rel;
    if (!(in >> lemma)) lemma = form;
    if (!d.text.empty()) d.text += ' ';
    const auto b = static_cast<uint32_t>(d.text.size());
    d.text += form;
    d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
    Upos u = Upos::X;
    parse_upos(upos, &u);
    d.upos.push_back(u);
    d.head.push_back(head - 1);
    d.deprel.push_back(deprel_id(rel));
    d.lemma.push_back(lemma);
  }
  d.sentences.push_back({0, d.num_tokens(), {0, static_cast<uint32_t>(d.text.size())}});
  return d;
}

Event event_at(uint32_t trigger) {
  Event e;
  e.trigger_first = trigger;
  e.trigger_last = trigger + 1;
  return e;
}

}  // namespace

TEST(Claims, ReportingVerbAboveTheClauseNamesTheClaimant) {
  // "South Korean officials alleged that North Korea was provided with missiles"
  Doc d =
      parsed({"South ADJ 3 amod", "Korean ADJ 3 amod", "officials NOUN 4 nsubj", "alleged VERB 0 root allege",
              "that SCONJ 9 mark", "North PROPN 7 compound", "Korea PROPN 9 nsubj:pass", "was AUX 9 aux:pass",
              "provided VERB 4 ccomp provide", "with ADP 11 case", "missiles NOUN 9 obl"});
  d.source = "The Outlet";
  d.events.push_back(event_at(8));
  attribute_claims(d);
  EXPECT_EQ(d.events[0].claimant, "South Korean officials");
  EXPECT_EQ(d.events[0].evidential, "alleged");
  EXPECT_EQ(d.events[0].credibility, "C4");
}

TEST(Claims, ReportingClauseAfterTheEvent) {
  // "Lavrov was received by Kim , the Russian Foreign Ministry reports ."
  Doc d = parsed({"Lavrov PROPN 3 nsubj:pass", "was AUX 3 aux:pass", "received VERB 0 root", "by ADP 5 case",
                  "Kim PROPN 3 obl:agent", ", PUNCT 11 punct", "the DET 10 det", "Russian ADJ 10 amod",
                  "Foreign PROPN 10 compound", "Ministry PROPN 11 nsubj", "reports VERB 3 parataxis report",
                  ". PUNCT 3 punct"});
  d.events.push_back(event_at(2));
  attribute_claims(d);
  EXPECT_EQ(d.events[0].claimant, "Russian Foreign Ministry");
  EXPECT_EQ(d.events[0].evidential, "reported");
  EXPECT_EQ(d.events[0].credibility, "B3");
}

TEST(Claims, ImpersonalBeliefHasNoClaimantButTheOutlet) {
  // "It is believed that flights go between the capitals"
  Doc d = parsed({"It PRON 3 nsubj:pass it", "is AUX 3 aux:pass", "believed VERB 0 root believe",
                  "that SCONJ 6 mark", "flights NOUN 6 nsubj", "go VERB 3 ccomp", "between ADP 9 case",
                  "the DET 9 det", "capitals NOUN 6 obl"});
  d.source = "The Outlet";
  d.events.push_back(event_at(5));
  attribute_claims(d);
  EXPECT_EQ(d.events[0].claimant, "The Outlet");
  EXPECT_EQ(d.events[0].evidential, "believed");
  EXPECT_EQ(d.events[0].credibility, "B4");
}

TEST(Claims, AccordingToStateMedia) {
  // "According to North Korean state media , the sides discussed cooperation"
  Doc d = parsed({"According VERB 6 case", "to ADP 1 fixed", "North PROPN 4 compound", "Korean ADJ 6 amod",
                  "state NOUN 6 compound", "media NOUN 10 obl", ", PUNCT 10 punct", "the DET 9 det",
                  "sides NOUN 10 nsubj", "discussed VERB 0 root", "cooperation NOUN 10 obj"});
  d.events.push_back(event_at(9));
  attribute_claims(d);
  EXPECT_EQ(d.events[0].claimant, "North Korean state media");
  EXPECT_EQ(d.events[0].evidential, "reported");
  EXPECT_EQ(d.events[0].credibility[0], 'D');
}

TEST(Claims, HedgeAndDenial) {
  Doc d =
      parsed({"Pyongyang PROPN 3 nsubj", "reportedly ADV 3 advmod", "sent VERB 0 root", "troops NOUN 3 obj"});
  d.events.push_back(event_at(2));
  attribute_claims(d);
  EXPECT_EQ(d.events[0].evidential, "believed");
  Doc d2 = parsed({"Moscow PROPN 2 nsubj", "denied VERB 0 root deny", "that SCONJ 5 mark", "it PRON 5 nsubj",
                   "sent VERB 2 ccomp", "troops NOUN 5 obj"});
  d2.events.push_back(event_at(4));
  attribute_claims(d2);
  EXPECT_EQ(d2.events[0].evidential, "denied");
  EXPECT_EQ(d2.events[0].claimant, "Moscow");
  EXPECT_EQ(d2.events[0].credibility, "B5");
}

TEST(Claims, QuotedSpeakerAndUnparsedDocs) {
  Doc d;
  d.text = "x";
  d.tokens = {{0, 1}};
  d.sentences = {{0, 1, {0, 1}}};
  d.source = "Outlet";
  Event e = event_at(0);
  e.speaker = "Sergey Lavrov";
  d.events.push_back(e);
  d.events.push_back(event_at(0));
  attribute_claims(d);  // no parse: speaker or outlet, never a crash
  EXPECT_EQ(d.events[0].claimant, "Sergey Lavrov");
  EXPECT_EQ(d.events[0].evidential, "reported");
  EXPECT_EQ(d.events[1].claimant, "Outlet");
  EXPECT_EQ(d.events[1].evidential, "asserted");
}

TEST(Claims, CorroborationRaisesTheGradeWithinLimits) {
  EXPECT_EQ(credibility_grade('B', Evidential::kReported, 0), "B3");
  EXPECT_EQ(credibility_grade('B', Evidential::kReported, 1), "B2");
  EXPECT_EQ(credibility_grade('B', Evidential::kReported, 3), "B1");
  EXPECT_EQ(credibility_grade('C', Evidential::kAlleged, 1), "C3");
  EXPECT_EQ(credibility_grade('C', Evidential::kAlleged, 5), "C2");
  EXPECT_EQ(credibility_grade('D', Evidential::kDenied, 5), "D4");
  EXPECT_EQ(source_letter("", false), 'F');
  EXPECT_EQ(source_letter("KCNA", true), 'D');
  EXPECT_EQ(source_letter("South Korean intelligence", false), 'C');
}

}  // namespace dyad

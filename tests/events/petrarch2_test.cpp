// The PETRARCH-2 mechanisms the PETRARCH2 validation records need, each on a tiny dictionary and a
// hand-written Penn Treebank tree: the converter's reporting clause / coordination / apposition,
// the verb-pattern reader's joined synsets / bare markers / joined-to-verb words, the coder's
// spelled-out negation, and the PETRARCH-2-only coder options (off by default).
#include <gtest/gtest.h>

#include <cctype>

#include "events/coder.h"
#include "events/ptb.h"
#include "events/verbs.h"
#include "nlp/conllu.h"

using namespace dyad;

namespace {

std::string rel(const conllu::Sentence& s, const std::string& form) {
  for (const auto& w : s.words)
    if (w.form == form)
      return w.deprel + " " + (w.head == 0 ? std::string("ROOT") : s.words[w.head - 1].form);
  return "?";
}

const char* kActors = "ARNOR [ARN]\nGONDOR [GON]\nRUSSIAN [RUS]\nTHE_SHIRE [FRO/BIL]\n";
const char* kAgents = "STUDENT [~EDU]\nPOLICE [~COP]\nOFFICIAL [~GOV]\n";

EventCoder make(const char* verbs) {
  actors::ActorDict a;
  a.read_petrarch_actors(kActors, "actors.txt");
  a.read_petrarch_agents(kAgents, "agents.txt");
  events::VerbDict v;
  v.read(verbs, "verbs.txt");
  EventCoder ec = EventCoder::from_parts(std::move(a), std::move(v), events::CameoTable());
  ec.options.context_country = false;
  ec.options.event_nouns = false;
  ec.options.drop_unrecoded_negation = true;
  return ec;
}

void petrarch2(EventCoder* ec) {
  ec->options.agent_only_country = "---";
  ec->options.require_dyad = false;
  ec->options.terminal_clause_max = 8;
  ec->options.split_code_lists = true;
  ec->options.governing_clause_words = true;
  ec->options.agentless_passive_active = true;
}

// Codes one PTB tree (lemma = lower-cased form) and lists "SRC>TGT:CODE" sorted.
std::string code(const EventCoder& ec, const char* tree) {
  Doc d = conllu::to_doc({events::ptb_to_conllu(tree, "t")});
  for (uint32_t i = 0; i < d.num_tokens(); ++i) {
    std::string l(d.token_text(i));
    for (char& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    d.lemma[i] = l;
  }
  d.published = "1995-01-01";
  ec.code(d);
  std::vector<std::string> out;
  for (const auto& e : d.events) out.push_back(e.source.code + ">" + e.target.code + ":" + e.code);
  std::sort(out.begin(), out.end());
  std::string s;
  for (const auto& o : out) s += (s.empty() ? "" : " ") + o;
  return s;
}

const char* kReported =
    "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor))))) (, "
    ",) "
    "(NP (DT a) (JJ senior) (NN official)) (VP (VBD said) (PP (IN on) (NP (NNP Saturday)))) (. .)))";

}  // namespace

TEST(Petrarch2Ptb, ReportingClauseIsParataxis) {
  auto s = events::ptb_to_conllu(kReported, "t");
  EXPECT_EQ(rel(s, "restored"), "root ROOT");
  EXPECT_EQ(rel(s, "said"), "parataxis restored");
  EXPECT_EQ(rel(s, "official"), "nsubj said");
  EXPECT_EQ(rel(s, "Arnor"), "nsubj restored");
}

TEST(Petrarch2Ptb, CommonNounCoordinationAndJuxtaposedApposition) {
  auto s = events::ptb_to_conllu(
      "(ROOT (S (NP (JJ Danish) (NNS media) (CC and) (NN government)) (VP (VBD warned) (NP (NP (JJ old) (NNS "
      "foes)) (NP (NNP Gondor) (CC and) (NNP Arnor)))) (. .)))",
      "t");
  EXPECT_EQ(rel(s, "media"), "nsubj warned");
  EXPECT_EQ(rel(s, "government"), "conj media");
  EXPECT_EQ(rel(s, "Danish"), "amod media");
  EXPECT_EQ(rel(s, "foes"), "obj warned");
  EXPECT_EQ(rel(s, "Gondor"), "appos foes");
  EXPECT_EQ(rel(s, "Arnor"), "conj Gondor");
}

TEST(Petrarch2Verbs, JoinedWordWithSynsetExpandsToEverySequence) {
  events::VerbDict v;
  v.read(
      "&TIETYPES\n+MILITARY\n+ECONOMIC\n--- ABANDON [345] ---\nABANDON\n- * NEW_&TIETYPES_RELATIONS [903]\n",
      "v.txt");
  const auto& alts = v.blocks()[0].patterns[0].elements[0].slots[0].alts;
  ASSERT_EQ(alts.size(), 2u);
  EXPECT_EQ(alts[0], (std::vector<std::string>{"NEW", "MILITARY", "RELATIONS"}));
  EXPECT_EQ(alts[1], (std::vector<std::string>{"NEW", "ECONOMIC", "RELATIONS"}));
}

TEST(Petrarch2Verbs, BareMarkersAndJoinedToVerb) {
  events::VerbDict v;
  v.read(
      "--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n- FAILED_TO_* [111]\n- KNOWN_ * [076]\n- * IN ^ + "
      "[045]\n",
      "v.txt");
  const auto& P = v.blocks()[0].patterns;
  ASSERT_EQ(P.size(), 4u);
  EXPECT_TRUE(P[0].elements[0].prep_group);  // "WITH %": the object of WITH is the target
  EXPECT_EQ(P[0].elements[0].marker, '+');
  EXPECT_FALSE(P[0].compound);
  EXPECT_TRUE(P[1].elements[0].adjacent);  // FAILED TO right before the verb
  EXPECT_EQ(P[1].elements[0].slots[0].alts[0], (std::vector<std::string>{"FAILED", "TO"}));
  EXPECT_FALSE(P[2].elements[0].adjacent);   // "KNOWN_ *": a space, so anywhere before
  EXPECT_TRUE(P[3].elements[0].prep_group);  // "IN ^ +": one phrase skipped, then the target
  EXPECT_EQ(P[3].elements[0].skip, 1);
}

TEST(Petrarch2Coder, JoinedToVerbWordsMustTouchTheVerb) {
  EventCoder ec = make("--- AGREE [081] ---\nAGREE\n- FAILED_TO_* [111]\n");
  EXPECT_EQ(code(ec,
                 "(ROOT (S (NP (NNP Arnor)) (VP (VBD failed) (S (VP (TO to) (VP (VB agree) (PP (IN with) (NP "
                 "(NNP Gondor))))))) (. .)))"),
            "ARN>GON:111");
  EXPECT_EQ(
      code(ec,
           "(ROOT (S (NP (NNP Arnor)) (VP (VBD failed) (S (VP (TO to) (ADVP (RB finally)) (VP (VB agree) "
           "(PP (IN with) (NP (NNP Gondor))))))) (. .)))"),
      "ARN>GON:081");
}

TEST(Petrarch2Coder, PatternSpellingTheNegationKeepsItsCode) {
  EventCoder ec = make("&NEGAUX\n+DID N'T\n+WILL NOT\n--- CLASH [223] ---\nCLASH\n- &NEGAUX * [904]\n");
  const char* tree =
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD did) (RB n't) (VP (VB clash) (PP (IN with) (NP (NNP Gondor))))) (. "
      ".)))";
  EXPECT_EQ(code(ec, tree), "ARN>GON:904");
  // Without the pattern the negated 223 has no negated code in the (empty) table: not coded.
  EventCoder plain = make("--- CLASH [223] ---\nCLASH\n");
  EXPECT_EQ(code(plain, tree), "");
}

TEST(Petrarch2Coder, AgentOnlyActorsAndRequireDyad) {
  EventCoder ec = make("--- ARREST [173] ---\nARREST {ARRESTED}\n");
  const char* tree =
      "(ROOT (S (NP (JJ Russian) (NN police)) (VP (VBD arrested) (NP (NNS students)) (PP (IN in) (NP (NNP "
      "Moscow)))) (. .)))";
  EXPECT_EQ(code(ec, tree), "");  // dyad's default: an agent alone is no actor
  petrarch2(&ec);
  EXPECT_EQ(code(ec, tree), "RUSCOP>---EDU:173");
}

TEST(Petrarch2Coder, TerminalCommaClauseIsDeleted) {
  EventCoder ec = make("--- RESTORE [064] ---\nRESTORE {RESTORED}\n--- SAY [023] ---\nSAY {SAID}\n");
  petrarch2(&ec);
  EXPECT_EQ(code(ec, kReported), "ARN>GON:064");
  ec.options.terminal_clause_max = 0;  // without the deletion "---GOV said" is coded (require_dyad off)
  EXPECT_EQ(code(ec, kReported), "---GOV>---:023 ARN>GON:064");
}

TEST(Petrarch2Coder, CodeListsNameSeveralActors) {
  EventCoder ec = make("--- RESTORE [064] ---\nRESTORE {RESTORED}\n");
  const char* tree =
      "(ROOT (S (NP (DT The) (NNP Shire)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP "
      "Gondor)))) (. "
      ".)))";
  EXPECT_EQ(code(ec, tree), "FRO/BIL>GON:064");
  ec.options.split_code_lists = true;
  EXPECT_EQ(code(ec, tree), "BIL>GON:064 FRO>GON:064");
}

TEST(Petrarch2Coder, AgentlessPassiveCodedAsActive) {
  EventCoder ec = make("--- CRITICIZE [121] ---\nCRITICIZE {CRITICIZED}\n");
  const char* tree =
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD was) (VP (VBN criticized) (PP (IN over) (NP (NP (PRP$ its) (NN "
      "dispute)) (PP (IN with) (NP (NNP Gondor))))))) (. .)))";
  EXPECT_EQ(code(ec, tree), "GON>ARN:121");  // dyad: the source is found below the verb
  ec.options.agentless_passive_active = true;
  EXPECT_EQ(code(ec, tree), "ARN>GON:121");
}

TEST(Petrarch2Coder, PatternWordsInTheGoverningClause) {
  EventCoder ec = make("--- ACT [100] ---\nACT\n- INDICATED WOULD * NOW [1010]\n");
  const char* tree =
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD indicated) (SBAR (S (NP (PRP it)) (VP (MD would) (VP (VB act) "
      "(ADVP (RB "
      "now)) (PP (IN with) (NP (NNP Gondor)))))))) (. .)))";
  EXPECT_EQ(code(ec, tree), "ARN>GON:100");
  ec.options.governing_clause_words = true;
  EXPECT_EQ(code(ec, tree), "ARN>GON:1010");
}

TEST(Petrarch2Coder, SkippedPhraseBeforeTheTarget) {
  // "* IFTAR IN ^ +": the phrase after IN is skipped; the next actor is the target.
  EventCoder ec = make("--- CELEBRATE [040] ---\nCELEBRATE {CELEBRATED}\n- * IFTAR IN ^ + [045]\n");
  const char* tree =
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD celebrated) (NP (NNP Iftar)) (PP (IN in) (NP (NNP Mordor))) (PP "
      "(IN with) "
      "(NP (NP (DT the) (NNS leaders)) (PP (IN of) (NP (NNP Gondor)))))) (. .)))";
  EXPECT_EQ(code(ec, tree), "ARN>GON:045");
}

TEST(Petrarch2Coder, NullTargetOnlyWhereNothingElseCodesTheClause) {
  EventCoder ec = make(
      "--- RESTORE [064] ---\nRESTORE {RESTORED}\n--- BURN [---] ---\nBURN {BURNED}\n"
      "--- TRASH [222] ---\nTRASH {TRASHED}\n");
  petrarch2(&ec);
  // An unknown name as the object is not a missing side.
  EXPECT_EQ(
      code(ec,
           "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NN Gxndor)))) "
           "(. .)))"),
      "");
  // No object at all: the null target.
  EXPECT_EQ(code(ec, "(ROOT (S (NP (NNP Arnor)) (VP (VBD trashed) (NP (PRP$ its) (NN embassy))) (. .)))"),
            "ARN>---:222");
  // Inside the clause of a dictionary verb (even one coded [---]): not coded on its own.
  EXPECT_EQ(code(ec,
                 "(ROOT (S (NP (NNP Gondor)) (VP (VBD burned) (NP (NNS flags)) (SBAR (IN after) (S (NP (NNP "
                 "Arnor)) (VP (VBD trashed) (NP (PRP$ its) (NN embassy)))))) (. .)))"),
            "");
}

TEST(Petrarch2Coder, VerbInTwoBlocksGetsBothBlocksPatterns) {
  EventCoder ec = make(
      "--- SHOT [---] ---\nSHOT\n- *_AND_WOUND [223]\n--- SHOT [223] ---\nSHOT\n"
      "- + WAS * DEAD IN $ [224]\n");
  ec.options.agentless_passive_active = true;
  const char* tree =
      "(ROOT (S (NP (DT An) (NNP Arnor)) (VP (VBD was) (VP (VBN shot) (ADJP (JJ dead)) (PP (IN in) (NP (NNP "
      "Gondor))))) (. .)))";
  EXPECT_EQ(code(ec, tree), "");  // the first block's [---]
  ec.options.merge_verb_blocks = true;
  EXPECT_EQ(code(ec, tree), "GON>ARN:224");
}

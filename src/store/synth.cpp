#include "store/synth.h"

#include <algorithm>
#include <cmath>

#include "store/dedup.h"
#include "time/calendar.h"

namespace dyad {
namespace {

struct Country {
  const char* code;
  const char* adj;
  const char* capital;
  double lat, lon;
};
// Ordered by how often they appear in international news (rank drives the Zipf draw).
constexpr Country kCountries[] = {
    {"USA", "American", "Washington", 38.9, -77.0},   {"RUS", "Russian", "Moscow", 55.75, 37.62},
    {"CHN", "Chinese", "Beijing", 39.9, 116.4},       {"PRK", "North Korean", "Pyongyang", 39.03, 125.75},
    {"UKR", "Ukrainian", "Kyiv", 50.45, 30.52},       {"ISR", "Israeli", "Jerusalem", 31.77, 35.21},
    {"IRN", "Iranian", "Tehran", 35.69, 51.39},       {"KOR", "South Korean", "Seoul", 37.57, 126.98},
    {"GBR", "British", "London", 51.51, -0.13},       {"FRA", "French", "Paris", 48.86, 2.35},
    {"DEU", "German", "Berlin", 52.52, 13.4},         {"JPN", "Japanese", "Tokyo", 35.68, 139.69},
    {"IND", "Indian", "New Delhi", 28.61, 77.21},     {"TUR", "Turkish", "Ankara", 39.93, 32.86},
    {"SAU", "Saudi", "Riyadh", 24.71, 46.68},         {"SYR", "Syrian", "Damascus", 33.51, 36.29},
    {"PAK", "Pakistani", "Islamabad", 33.68, 73.05},  {"AFG", "Afghan", "Kabul", 34.53, 69.17},
    {"IRQ", "Iraqi", "Baghdad", 33.31, 44.36},        {"EGY", "Egyptian", "Cairo", 30.04, 31.24},
    {"BLR", "Belarusian", "Minsk", 53.9, 27.57},      {"POL", "Polish", "Warsaw", 52.23, 21.01},
    {"TWN", "Taiwanese", "Taipei", 25.03, 121.57},    {"VNM", "Vietnamese", "Hanoi", 21.03, 105.85},
    {"PHL", "Philippine", "Manila", 14.6, 120.98},    {"BRA", "Brazilian", "Brasilia", -15.79, -47.88},
    {"MEX", "Mexican", "Mexico City", 19.43, -99.13}, {"CAN", "Canadian", "Ottawa", 45.42, -75.7},
    {"ITA", "Italian", "Rome", 41.9, 12.5},           {"ESP", "Spanish", "Madrid", 40.42, -3.7},
    {"QAT", "Qatari", "Doha", 25.29, 51.53},          {"ARE", "Emirati", "Abu Dhabi", 24.45, 54.38},
    {"LBN", "Lebanese", "Beirut", 33.89, 35.5},       {"YEM", "Yemeni", "Sanaa", 15.37, 44.19},
    {"SDN", "Sudanese", "Khartoum", 15.5, 32.56},     {"ETH", "Ethiopian", "Addis Ababa", 9.03, 38.74},
    {"NGA", "Nigerian", "Abuja", 9.06, 7.5},          {"ZAF", "South African", "Pretoria", -25.75, 28.19},
    {"VEN", "Venezuelan", "Caracas", 10.49, -66.88},  {"CUB", "Cuban", "Havana", 23.11, -82.37},
    {"MMR", "Myanmar", "Naypyidaw", 19.76, 96.08},    {"KAZ", "Kazakh", "Astana", 51.17, 71.45},
};
constexpr int kNumCountries = sizeof(kCountries) / sizeof(kCountries[0]);

struct Role {
  const char* code;
  const char* word;
  double weight;
};
constexpr Role kRoles[] = {{"", "", 0.35},
                           {"GOV", "government", 0.33},
                           {"MIL", "military", 0.12},
                           {"OPP", "opposition", 0.04},
                           {"BUS", "business", 0.05},
                           {"MED", "media", 0.05},
                           {"REB", "rebels", 0.03},
                           {"JUD", "court", 0.03}};
constexpr int kNumRoles = sizeof(kRoles) / sizeof(kRoles[0]);

struct Code {
  const char* code;
  int quad;
  double goldstein;
  const char* verb;
  const char* plover;
  double weight;
};
constexpr Code kCodes[] = {
    {"010", 1, 0.0, "said of", "", 12},
    {"020", 1, 3.0, "appealed to", "", 3},
    {"036", 1, 4.0, "wants to meet", "", 3},
    {"040", 1, 1.0, "consulted", "CONSULT", 8},
    {"042", 1, 1.9, "visited", "CONSULT", 4},
    {"043", 1, 2.8, "hosted", "CONSULT", 4},
    {"046", 1, 7.0, "negotiated with", "CONSULT", 3},
    {"051", 1, 3.4, "praised", "SUPPORT", 4},
    {"057", 1, 8.0, "signed an agreement with", "AGREE", 2},
    {"061", 2, 6.4, "cooperated economically with", "COOPERATE", 2},
    {"070", 2, 7.0, "provided aid to", "AID", 2},
    {"111", 3, -2.0, "criticized", "ACCUSE", 6},
    {"112", 3, -2.0, "accused", "ACCUSE", 6},
    {"120", 3, -4.0, "rejected", "REJECT", 3},
    {"130", 3, -4.4, "threatened", "THREATEN", 3},
    {"138", 3, -7.0, "threatened military force against", "THREATEN", 1},
    {"163", 4, -8.0, "imposed an embargo on", "SANCTION", 1},
    {"172", 4, -5.0, "imposed sanctions on", "SANCTION", 2},
    {"173", 4, -5.0, "arrested citizens of", "SEIZE", 1},
    {"190", 4, -10.0, "fought", "FIGHT", 3},
    {"193", 4, -10.0, "attacked", "FIGHT", 2},
    {"195", 4, -10.0, "bombed", "FIGHT", 2},
};

constexpr const char* kOutlets[] = {"Reuters",
                                    "AP",
                                    "AFP",
                                    "TASS",
                                    "Xinhua",
                                    "Yonhap",
                                    "KCNA",
                                    "BBC",
                                    "Al Jazeera",
                                    "CNN",
                                    "NHK",
                                    "Kyodo",
                                    "RIA Novosti",
                                    "Interfax",
                                    "Ukrinform",
                                    "Times of Israel",
                                    "IRNA",
                                    "Anadolu",
                                    "DW",
                                    "France 24",
                                    "The Guardian",
                                    "New York Times",
                                    "Washington Post",
                                    "Global Times",
                                    "South China Morning Post",
                                    "NK News",
                                    "Korea Herald",
                                    "Dawn",
                                    "The Hindu",
                                    "Arab News",
                                    "Haaretz",
                                    "Meduza",
                                    "Kyiv Independent",
                                    "Euronews",
                                    "Bloomberg",
                                    "Financial Times",
                                    "Nikkei Asia",
                                    "Channel News Asia",
                                    "ABC",
                                    "Radio Free Asia"};
constexpr int kNumOutlets = sizeof(kOutlets) / sizeof(kOutlets[0]);

std::vector<double> cdf(std::vector<double> w) {
  double s = 0;
  for (double& x : w) x = (s += x);
  for (double& x : w) x /= s;
  return w;
}

int draw(const std::vector<double>& c, double u) {
  return static_cast<int>(std::lower_bound(c.begin(), c.end(), u) - c.begin());
}

std::string actor_code(int a) {
  return std::string(kCountries[a / kNumRoles].code) + kRoles[a % kNumRoles].code;
}
std::string actor_name(int a) {
  std::string n = kCountries[a / kNumRoles].adj;
  if (*kRoles[a % kNumRoles].word) n += std::string(" ") + kRoles[a % kNumRoles].word;
  return n;
}

}  // namespace

SynthCorpus::SynthCorpus(uint64_t seed, int years, int first_year)
    : rng_(seed), years_(std::max(1, years)), first_year_(first_year) {
  // Actors: Zipf over countries (s = 1.1) times role weights.
  std::vector<double> w;
  for (int c = 0; c < kNumCountries; ++c)
    for (int r = 0; r < kNumRoles; ++r) w.push_back(std::pow(c + 1.0, -1.1) * kRoles[r].weight);
  actor_cdf_ = cdf(w);
  std::vector<double> cw;
  for (const Code& c : kCodes) cw.push_back(c.weight);
  code_cdf_ = cdf(cw);
  recent_.reserve(4096);
}

int SynthCorpus::zipf_actor() { return draw(actor_cdf_, std::uniform_real_distribution<double>(0, 1)(rng_)); }
int SynthCorpus::pick_code() { return draw(code_cdf_, std::uniform_real_distribution<double>(0, 1)(rng_)); }

Doc SynthCorpus::next() {
  std::uniform_real_distribution<double> u(0, 1);
  const int64_t start = timecal::days_from_civil(first_year_, 1, 1);
  const int64_t span = static_cast<int64_t>(years_) * 365;
  // Documents come in time order, ~35 a day (a mid-sized news feed), wrapping after `years`.
  const int64_t published = start + (doc_n_ / 35) % span;
  Doc d;
  d.id = "synth-" + std::to_string(doc_n_);
  d.source = kOutlets[std::min<int>(kNumOutlets - 1, static_cast<int>(std::pow(u(rng_), 1.6) * kNumOutlets))];
  d.url = "https://news.example/" + std::to_string(doc_n_);
  d.published = date_of_day(published);
  d.published_origin = "metadata";
  d.path = "synth.jsonl:" + std::to_string(doc_n_ + 1);
  d.title = "Synthetic report " + std::to_string(doc_n_);
  ++doc_n_;
  const int n = 1 + static_cast<int>(u(rng_) * 15);
  for (int i = 0; i < n; ++i) {
    WorldEvent w;
    bool rereport = !recent_.empty() && u(rng_) < 0.33;
    if (rereport) {
      w = recent_[static_cast<size_t>(u(rng_) * static_cast<double>(recent_.size()))];
      if (w.day > published || w.day < published - 6) rereport = false;
    }
    if (!rereport) {
      w.src = zipf_actor();
      do w.tgt = zipf_actor();
      while (w.tgt / kNumRoles == w.src / kNumRoles);
      w.code = pick_code();
      w.day = published - static_cast<int64_t>(u(rng_) * 4);
      w.place = u(rng_) < 0.5 ? (u(rng_) < 0.5 ? w.src : w.tgt) / kNumRoles : -1;
      if (recent_.size() < 4096)
        recent_.push_back(w);
      else
        recent_[recent_at_++ % 4096] = w;
    }
    const bool assumed = u(rng_) < 0.2;
    // Sentence: "<src> <verb> <tgt> in <capital> on <date>." as three tokens: source, verb, rest.
    if (!d.text.empty()) d.text += ' ';
    const uint32_t b = static_cast<uint32_t>(d.text.size());
    const std::string src = actor_name(w.src), tgt = actor_name(w.tgt);
    const uint32_t tok = static_cast<uint32_t>(d.tokens.size());
    d.text += src;
    d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
    d.text += ' ';
    const uint32_t vb = static_cast<uint32_t>(d.text.size());
    d.text += kCodes[w.code].verb;
    d.tokens.push_back({vb, static_cast<uint32_t>(d.text.size())});
    d.text += ' ';
    const uint32_t tb = static_cast<uint32_t>(d.text.size());
    d.text += tgt;
    if (w.place >= 0) d.text += std::string(" in ") + kCountries[w.place].capital;
    if (!assumed) d.text += " on " + date_of_day(w.day);
    d.text += '.';
    d.tokens.push_back({tb, static_cast<uint32_t>(d.text.size())});
    d.sentences.push_back({tok, tok + 3, {b, static_cast<uint32_t>(d.text.size())}});
    d.entities.push_back({tok, tok + 1, EntityType::NORP});
    d.entities.push_back({tok + 2, tok + 3, EntityType::NORP});
    d.events.push_back(make_event(w, assumed, published, static_cast<uint32_t>(i), tok));
    ++events_made_;
  }
  return d;
}

Event SynthCorpus::make_event(const WorldEvent& w, bool assumed, int64_t published, uint32_t sentence,
                              uint32_t tok) {
  const Code& c = kCodes[w.code];
  Event e;
  e.sentence = sentence;
  e.trigger_first = tok + 1;
  e.trigger_last = tok + 2;
  e.source = {actor_code(w.src), actor_name(w.src), tok, tok + 1};
  e.target = {actor_code(w.tgt), actor_name(w.tgt), tok + 2, tok + 3};
  e.code = c.code;
  e.root = e.code.substr(0, 2);
  e.quad_class = c.quad;
  e.goldstein = c.goldstein;
  e.plover = c.plover;
  e.date = date_of_day(assumed ? published : w.day);
  e.date_assumed = assumed;
  if (w.place >= 0) {
    const Country& p = kCountries[w.place];
    e.place = p.capital;
    e.place_country = p.code;
    e.lat = p.lat;
    e.lon = p.lon;
    e.geonames_id = 1000000 + w.place;
  }
  e.claimant = "outlet";
  e.evidential = "asserted";
  e.credibility = "B3";
  return e;
}

}  // namespace dyad

#include "store/dedup.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "time/calendar.h"

namespace dyad {
namespace {

constexpr int kExplicitWindow = 3;  // days, both dates explicit
constexpr int kAssumedWindow = 7;   // days, either date taken from publication
constexpr double kMaxPlaceKm = 500;

double km_between(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0, kDeg = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::sqrt(std::min(1.0, a)));
}

std::string_view root_of(std::string_view code) { return code.substr(0, std::min<size_t>(2, code.size())); }

bool same_actors(const DedupMention& a, const DedupMention& b) {
  const std::string_view as = actor_key(a.source), at = actor_key(a.target);
  const std::string_view bs = actor_key(b.source), bt = actor_key(b.target);
  if (as == bs && at == bt) return true;
  return symmetric_code(a.code) && symmetric_code(b.code) && as == bt && at == bs;
}

}  // namespace

DedupMention dedup_mention(const Event& e) {
  DedupMention m;
  m.source = e.source.code;
  m.target = e.target.code;
  m.code = e.code;
  m.date = e.date;
  m.date_assumed = e.date_assumed;
  m.negated = e.negated;
  m.place_country = e.place_country;
  m.lat = e.lat;
  m.lon = e.lon;
  m.has_coords = e.geonames_id != 0 || e.lat != 0 || e.lon != 0;
  return m;
}

bool cameo_role_prefix(std::string_view p) {
  static constexpr std::string_view kRoles[] = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY",
                                                "IGO", "NGO", "NGM", "IMG", "MNC", "UAF", "CRM", "LEG",
                                                "ELI", "BUS", "CVL", "MED", "EDU", "LAB", "REF", "AGR",
                                                "HLH", "REL", "MOD", "RAD", "SEP", "INS", "UIS"};
  for (std::string_view r : kRoles)
    if (p == r) return true;
  return false;
}

std::string_view actor_key(std::string_view code) {
  if (code.size() > 3 && !cameo_role_prefix(code.substr(0, 3))) return code.substr(0, 3);
  return code;
}

std::string dedup_key(const DedupMention& m) {
  if (!dedupable(m)) return {};
  std::string_view a = actor_key(m.source), b = actor_key(m.target);
  if (b < a) std::swap(a, b);
  return std::string(a) + "|" + std::string(b) + "|" + std::string(root_of(m.code));
}

bool symmetric_code(std::string_view code) {
  std::string_view r = root_of(code);
  return r == "04" || r == "06" || code == "057";
}

bool day_number(std::string_view date, int64_t* out) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  std::string_view y = date.substr(0, 4), m = date.substr(5, 2), d = date.substr(8, 2);
  if (!timecal::all_digits(y) || !timecal::all_digits(m) || !timecal::all_digits(d)) return false;
  int yy = timecal::to_int(y), mm = timecal::to_int(m), dd = timecal::to_int(d);
  if (!timecal::valid_date(yy, mm, dd)) return false;
  *out = timecal::days_from_civil(yy, mm, dd);
  return true;
}

std::string date_of_day(int64_t day) {
  int y = 0, m = 0, d = 0;
  timecal::civil_from_days(day, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool dedupable(const DedupMention& m) {
  int64_t day;
  return !m.source.empty() && !m.target.empty() && actor_key(m.source) != actor_key(m.target) &&
         m.code.size() >= 2 && day_number(m.date, &day);
}

int candidate_window_days(const DedupMention& m) {
  // The other mention may be the assumed one, so the wide window always applies for fetching.
  (void)m;
  return kAssumedWindow;
}

bool compatible(const DedupMention& a, const DedupMention& b) {
  if (!dedupable(a) || !dedupable(b)) return false;
  if (root_of(a.code) != root_of(b.code)) return false;
  if (a.negated != b.negated) return false;
  if (!same_actors(a, b)) return false;
  int64_t da = 0, db = 0;
  day_number(a.date, &da);
  day_number(b.date, &db);
  const int window = (a.date_assumed || b.date_assumed) ? kAssumedWindow : kExplicitWindow;
  if (std::llabs(da - db) > window) return false;
  if (!a.place_country.empty() && !b.place_country.empty() && a.place_country != b.place_country)
    return false;
  if (a.has_coords && b.has_coords && km_between(a.lat, a.lon, b.lat, b.lon) > kMaxPlaceKm) return false;
  return true;
}

int64_t choose_cluster(const DedupMention& m, std::span<const DedupMention> candidates) {
  if (!dedupable(m)) return 0;
  int64_t day = 0;
  day_number(m.date, &day);
  struct Score {
    bool ok = true;
    int64_t best_gap = INT64_MAX;
    bool same_code = false;
  };
  std::map<int64_t, Score> clusters;  // ordered: ties go to the smallest id
  for (const DedupMention& c : candidates) {
    if (c.cluster <= 0) continue;
    Score& s = clusters[c.cluster];
    if (!s.ok) continue;
    if (!compatible(m, c)) {
      s.ok = false;
      continue;
    }
    int64_t cd = 0;
    day_number(c.date, &cd);
    s.best_gap = std::min(s.best_gap, static_cast<int64_t>(std::llabs(cd - day)));
    s.same_code = s.same_code || c.code == m.code;
  }
  int64_t best = 0;
  const Score* bs = nullptr;
  for (const auto& [id, s] : clusters) {
    if (!s.ok) continue;
    if (!bs || s.best_gap < bs->best_gap || (s.best_gap == bs->best_gap && s.same_code && !bs->same_code)) {
      best = id;
      bs = &s;
    }
  }
  return best;
}

std::string outlet_key(std::string_view source, std::string_view url, std::string_view doc_id) {
  auto lower_trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  std::string src = lower_trim(source);
  if (!src.empty()) return src;
  std::string_view u = url;
  size_t scheme = u.find("://");
  if (scheme != std::string_view::npos) {
    u.remove_prefix(scheme + 3);
    u = u.substr(0, u.find_first_of("/?#"));
    if (size_t at = u.rfind('@'); at != std::string_view::npos) u.remove_prefix(at + 1);
    if (size_t colon = u.find(':'); colon != std::string_view::npos) u = u.substr(0, colon);
    std::string host = lower_trim(u);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    if (!host.empty()) return host;
  }
  return "doc:" + std::string(doc_id);
}

}  // namespace dyad

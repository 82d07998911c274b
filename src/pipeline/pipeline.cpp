#include "pipeline/pipeline.h"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "pipeline/published_date.h"

// Stages are compiled in only when their code is in the tree: the header, plus the file that
// implements it (a header alone would link-fail). Re-check these when a stage's files are renamed.
#if __has_include("text/clean.h") && __has_include("text/clean_html.cpp") && \
                                                   __has_include("text/clean_text.cpp")
#define DYAD_HAVE_CLEAN 1
#include "text/clean.h"
#endif
#if __has_include("text/segment.h") && __has_include("text/segment_sentences.cpp") && \
                                                     __has_include("text/segment_tokenize.cpp")
#define DYAD_HAVE_SEGMENT 1
#include "text/segment.h"
#endif
#if __has_include("nlp/tagger.h") && __has_include("nlp/tagger.cpp")
#define DYAD_HAVE_TAGGER 1
#include "nlp/tagger.h"
#endif
#if __has_include("nlp/lemmatizer.h") && __has_include("nlp/lemmatizer.cpp")
#define DYAD_HAVE_LEMMATIZER 1
#include "nlp/lemmatizer.h"
#endif
#if __has_include("nlp/parser.h") && __has_include("nlp/parser.cpp")
#define DYAD_HAVE_PARSER 1
#include "nlp/parser.h"
#endif
#if __has_include("nlp/ner.h") && __has_include("nlp/ner.cpp")
#define DYAD_HAVE_NER 1
#include "nlp/ner.h"
#endif
#if __has_include("geo/geo.h") && __has_include("geo/geo.cpp")
#define DYAD_HAVE_GEO 1
#include "geo/geo.h"
#endif
#if __has_include("time/timex.h") && __has_include("time/timex.cpp")
#define DYAD_HAVE_TIMEX 1
#include "time/anchor.h"
#include "time/timex.h"
#if __has_include("time/quantities.cpp") || __has_include("time/quantity.cpp")
#define DYAD_HAVE_QUANTITIES 1
#endif
#endif
#if __has_include("events/coder.h") && __has_include("events/coder.cpp")
#define DYAD_HAVE_EVENTS 1
#include "base/paths.h"
#include "events/coder.h"
#endif
#if __has_include("claims/claims.h") && __has_include("claims/claims.cpp")
#define DYAD_HAVE_CLAIMS 1
#include "claims/claims.h"
#endif

namespace dyad {
namespace {

using Clock = std::chrono::steady_clock;

bool file_exists(const std::string& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

// Crude tag stripper for HTML when the cleaner is not in the build: drops <script>/<style>
// bodies and tags, turns block ends into line breaks. Entities are left as they are.
std::string strip_tags(std::string_view html) {
  std::string out;
  size_t i = 0;
  auto lower_at = [&](size_t p, std::string_view w) {
    if (p + w.size() > html.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(html[p + k])) != w[k]) return false;
    return true;
  };
  while (i < html.size()) {
    if (html[i] != '<') {
      out += html[i++];
      continue;
    }
    for (std::string_view skip : {"script", "style"}) {
      if (lower_at(i + 1, skip)) {
        size_t e = i;
        while (e < html.size() &&
               !(html[e] == '<' && html.size() > e + 1 && html[e + 1] == '/' && lower_at(e + 2, skip)))
          ++e;
        i = e;
      }
    }
    size_t e = html.find('>', i);
    if (e == std::string_view::npos) break;
    if (lower_at(i, "</p") || lower_at(i, "<br") || lower_at(i, "</div") || lower_at(i, "</h") ||
        lower_at(i, "</li") || lower_at(i, "</title"))
      out += '\n';
    i = e + 1;
  }
  return out;
}

// Fallback cleaning: one paragraph per non-empty line, whitespace collapsed.
void fallback_clean(Doc& doc, std::string_view raw, InputFormat format) {
  std::string src = format == InputFormat::kHtml ? strip_tags(raw) : std::string(raw);
  doc.text.clear();
  doc.paragraphs.clear();
  size_t p = 0;
  while (p <= src.size()) {
    size_t e = src.find('\n', p);
    if (e == std::string::npos) e = src.size();
    std::string para;
    for (size_t k = p; k < e; ++k) {
      char c = src[k];
      bool sp = c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
      if (sp && (para.empty() || para.back() == ' ')) continue;
      para += sp ? ' ' : c;
    }
    while (!para.empty() && para.back() == ' ') para.pop_back();
    if (!para.empty()) {
      if (!doc.text.empty()) doc.text += "\n\n";
      const auto b = static_cast<uint32_t>(doc.text.size());
      doc.text += para;
      doc.paragraphs.push_back({b, static_cast<uint32_t>(doc.text.size())});
    }
    p = e + 1;
  }
}

}  // namespace

void StageTimes::add(const StageTimes& o) {
  if (seconds.size() < o.seconds.size()) seconds.resize(o.seconds.size()), docs.resize(o.seconds.size());
  for (size_t i = 0; i < o.seconds.size(); ++i) seconds[i] += o.seconds[i], docs[i] += o.docs[i];
}

void resolve_published(Doc& doc) {
  if (!doc.published.empty()) {
    if (doc.published_origin.empty()) doc.published_origin = "metadata";
    return;
  }
  TextDate t = date_from_text(doc.text);
  doc.published = t.date;
  doc.published_origin = t.date.empty() ? "unknown" : t.origin;
}

void fallback_segment(Doc& doc) {
  doc.tokens.clear();
  doc.sentences.clear();
  const std::string& t = doc.text;
  uint32_t sent_first = 0;
  auto close = [&](void) {
    const auto n = static_cast<uint32_t>(doc.tokens.size());
    if (n > sent_first)
      doc.sentences.push_back({sent_first, n, {doc.tokens[sent_first].begin, doc.tokens[n - 1].end}});
    sent_first = n;
  };
  size_t i = 0;
  while (i < t.size()) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == '\n') {
      close();
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    size_t j = i;
    // Letters, digits and any non-ASCII byte (UTF-8 letters) form a word; apostrophes inside stay.
    auto wordish = [&](size_t k) {
      auto ch = static_cast<unsigned char>(t[k]);
      return std::isalnum(ch) || ch >= 0x80;
    };
    if (wordish(i)) {
      while (j < t.size() &&
             (wordish(j) || ((t[j] == '.' || t[j] == ',' || t[j] == '-') && j + 1 < t.size() &&
                             wordish(j + 1) && j > i && std::isdigit(static_cast<unsigned char>(t[j - 1])))))
        ++j;
    } else {
      j = i + 1;
    }
    doc.tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
    if (j == i + 1 && (c == '.' || c == '!' || c == '?')) {
      // End of sentence unless the next word starts in lowercase.
      size_t k = j;
      while (k < t.size() && (t[k] == ' ' || t[k] == '"' || t[k] == ')')) ++k;
      if (k >= t.size() || !std::islower(static_cast<unsigned char>(t[k]))) close();
    }
    i = j;
  }
  close();
}

Pipeline Pipeline::load(const std::string& models_dir, std::vector<std::string>* warnings) {
  Pipeline p;
  auto skip = [&](const std::string& stage, const std::string& why) {
    p.skipped_.push_back(stage + ": " + why);
    if (warnings) warnings->push_back("stage " + stage + " skipped: " + why);
  };
  auto model = [&](const char* file) { return models_dir + "/" + file; };
  // Loads a stage's model; a missing or unreadable file skips the stage (never fails the pipeline:
  // a model being retrained must not stop ingest). Returns null when skipped.
  auto load = [&]<class T>(const std::string& stage, const std::string& path,
                           T (*loader)(const std::string&)) {
    std::shared_ptr<T> m;
    if (!file_exists(path)) {
      skip(stage, path + " missing");
      return m;
    }
    try {
      m = std::make_shared<T>(loader(path));
    } catch (const std::exception& e) {
      skip(stage, std::string("cannot load: ") + e.what());
    }
    return m;
  };
  auto add = [&](std::string name, StageFn fn) {
    p.names_.push_back(std::move(name));
    p.stages_.push_back(std::move(fn));
  };
  (void)model;
  (void)load;

  p.names_.push_back("clean");
#ifdef DYAD_HAVE_CLEAN
  p.real_clean_ = true;
#else
  skip("clean", "not in this build (fallback: text as is)");
#endif

#ifdef DYAD_HAVE_SEGMENT
  {
    std::shared_ptr<Segmenter> seg;
    if (file_exists(model("segmenter.bin")))
      seg = load("segment model", model("segmenter.bin"), &Segmenter::load);
    if (!seg) {
      seg = std::make_shared<Segmenter>();
      if (!file_exists(model("segmenter.bin")))
        skip("segment model", model("segmenter.bin") + " missing (rule-based sentence splitting)");
    }
    add("segment", [seg](Doc& d) { seg->segment(d); });
  }
#else
  skip("segment", "not in this build (fallback: simple splitter)");
  add("segment", fallback_segment);
#endif

#ifdef DYAD_HAVE_TAGGER
  if (auto m = load("tag", model("tagger.bin"), &Tagger::load)) add("tag", [m](Doc& d) { m->tag(d); });
#else
  skip("tag", "not in this build");
#endif

#ifdef DYAD_HAVE_LEMMATIZER
  if (auto m = load("lemmatize", model("lemmatizer.bin"), &Lemmatizer::load))
    add("lemmatize", [m](Doc& d) { m->lemmatize(d); });
#else
  skip("lemmatize", "not in this build");
#endif

#ifdef DYAD_HAVE_PARSER
  if (auto m = load("parse", model("parser.bin"), &Parser::load)) add("parse", [m](Doc& d) { m->parse(d); });
#else
  skip("parse", "not in this build");
#endif

#ifdef DYAD_HAVE_NER
  if (auto m = load("ner", model("ner.bin"), &Ner::load)) add("ner", [m](Doc& d) { m->recognize(d); });
#else
  skip("ner", "not in this build");
#endif

#ifdef DYAD_HAVE_GEO
  std::shared_ptr<Geo> geo = load("geo", model("geo.bin"), &Geo::load);
  if (geo) add("geo", [geo](Doc& d) { geo->locate(d); });
#else
  skip("geo", "not in this build");
#endif

#ifdef DYAD_HAVE_TIMEX
  add("timex", [](Doc& d) { find_timexes(d); });
#ifdef DYAD_HAVE_QUANTITIES
  add("quantities", [](Doc& d) { find_quantities(d); });
#else
  skip("quantities", "not in this build");
#endif
#else
  skip("timex", "not in this build");
  skip("quantities", "not in this build");
#endif

#ifdef DYAD_HAVE_EVENTS
  // The coder needs a parse; its dictionaries are data files of the repository (data/), not
  // trained models.
  if (!p.has_stage("tag") || !p.has_stage("parse")) {
    skip("events", "needs the tag and parse stages");
  } else if (auto m = load("events", source_dir() + "/data", &EventCoder::load)) {
    add("events", [m](Doc& d) { m->code(d); });
  }
#else
  skip("events", "not in this build");
#endif

#ifdef DYAD_HAVE_GEO
  if (geo) add("anchor", [geo](Doc& d) { geo->anchor_events(d); });
#endif
#ifdef DYAD_HAVE_TIMEX
  add("anchor-time", [](Doc& d) { anchor_event_times(d); });
#endif

#ifdef DYAD_HAVE_CLAIMS
  add("claims", [](Doc& d) { attribute_claims(d); });
#else
  skip("claims", "not in this build");
#endif
  return p;
}

bool Pipeline::has_stage(std::string_view name) const {
  for (const std::string& n : names_)
    if (n == name) return true;
  return false;
}

std::string Pipeline::stages_string() const {
  std::string s;
  for (const std::string& n : names_) s += (s.empty() ? "" : ",") + n;
  if (!real_clean_) s.replace(0, 5, "clean(fallback)");
  return s;
}

void Pipeline::run(Doc& doc) const {
  std::string raw = std::move(doc.text);
  run(doc, raw, looks_like_html(raw) ? InputFormat::kHtml : InputFormat::kText);
}

void Pipeline::run(Doc& doc, std::string_view raw, InputFormat format, StageTimes* times) const {
  if (times && times->seconds.size() < names_.size()) {
    times->seconds.resize(names_.size());
    times->docs.resize(names_.size());
  }
  auto t0 = Clock::now();
#ifdef DYAD_HAVE_CLEAN
  if (real_clean_) {
    CleanResult r = format == InputFormat::kHtml ? clean_html(raw) : clean_text(raw);
    doc.text = std::move(r.text);
    doc.paragraphs = std::move(r.paragraphs);
    if (doc.title.empty()) doc.title = r.title;
    if (doc.published.empty() && !r.published.empty()) {
      doc.published = r.published;
      doc.published_origin = "metadata";
    }
  } else {
    fallback_clean(doc, raw, format);
  }
#else
  fallback_clean(doc, raw, format);
#endif
  if (doc.title.empty() && !doc.paragraphs.empty()) {
    // First short paragraph stands in for a title (scraped text usually starts with the headline).
    std::string_view first = doc.span_text(doc.paragraphs.front());
    if (first.size() <= 200) doc.title = std::string(first);
  }
  resolve_published(doc);
  if (times) {
    times->seconds[0] += std::chrono::duration<double>(Clock::now() - t0).count();
    times->docs[0] += 1;
  }
  for (size_t i = 0; i < stages_.size(); ++i) {
    auto t = Clock::now();
    try {
      stages_[i](doc);
    } catch (const std::exception& e) {
      throw std::runtime_error("stage " + names_[i + 1] + ": " + e.what());
    }
    if (times) {
      times->seconds[i + 1] += std::chrono::duration<double>(Clock::now() - t).count();
      times->docs[i + 1] += 1;
    }
  }
}

}  // namespace dyad

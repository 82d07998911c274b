#include "pipeline/pipeline.h"

#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "base/paths.h"
#include "claims/claims.h"
#include "events/coder.h"
#include "geo/geo.h"
#include "nlp/lemmatizer.h"
#include "nlp/ner.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "pipeline/published_date.h"
#include "text/clean.h"
#include "text/segment.h"
#include "time/anchor.h"
#include "time/timex.h"

namespace dyad {
namespace {

using Clock = std::chrono::steady_clock;

bool file_exists(const std::string& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

}  // namespace

void StageTimes::add(const StageTimes& o) {
  if (seconds.size() < o.seconds.size()) seconds.resize(o.seconds.size()), docs.resize(o.seconds.size());
  for (size_t i = 0; i < o.seconds.size(); ++i) seconds[i] += o.seconds[i], docs[i] += o.docs[i];
}

void resolve_published(Doc& doc) {
  if (!doc.published.empty() && doc.published_origin == "filename") {
    // A date near the top of the text (a dateline) is the document's own; the latest date in
    // the body is only a lower bound, so the file name's date ranks between the two.
    TextDate t = date_from_text(doc.text);
    if (t.origin == "text") doc.published = t.date, doc.published_origin = t.origin;
    return;
  }
  if (!doc.published.empty()) {
    if (doc.published_origin.empty()) doc.published_origin = "metadata";
    return;
  }
  TextDate t = date_from_text(doc.text);
  doc.published = t.date;
  doc.published_origin = t.date.empty() ? "unknown" : t.origin;
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
  p.names_.push_back("clean");

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

  if (auto m = load("tag", model("tagger.bin"), &Tagger::load)) add("tag", [m](Doc& d) { m->tag(d); });

  if (auto m = load("lemmatize", model("lemmatizer.bin"), &Lemmatizer::load))
    add("lemmatize", [m](Doc& d) { m->lemmatize(d); });

  if (auto m = load("parse", model("parser.bin"), &Parser::load)) add("parse", [m](Doc& d) { m->parse(d); });

  if (auto m = load("ner", model("ner.bin"), &Ner::load)) add("ner", [m](Doc& d) { m->recognize(d); });

  std::shared_ptr<Geo> geo = load("geo", model("geo.bin"), &Geo::load);
  if (geo) add("geo", [geo](Doc& d) { geo->locate(d); });

  add("timex", [](Doc& d) { find_timexes(d); });
  add("quantities", [](Doc& d) { find_quantities(d); });

  // The coder needs a parse; its dictionaries are data files of the repository (data/), not
  // trained models.
  if (!p.has_stage("tag") || !p.has_stage("parse")) {
    skip("events", "needs the tag and parse stages");
  } else if (auto m = load("events", source_dir() + "/data", &EventCoder::load)) {
    add("events", [m](Doc& d) { m->code(d); });
  }

  if (geo) add("anchor", [geo](Doc& d) { geo->anchor_events(d); });
  add("anchor-time", [](Doc& d) { anchor_event_times(d); });

  add("claims", [](Doc& d) { attribute_claims(d); });
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
  CleanResult r = format == InputFormat::kHtml ? clean_html(raw) : clean_text(raw);
  doc.text = std::move(r.text);
  doc.paragraphs = std::move(r.paragraphs);
  if (doc.title.empty()) doc.title = r.title;
  if ((doc.published.empty() || doc.published_origin == "filename") && !r.published.empty()) {
    doc.published = r.published;
    doc.published_origin = "metadata";
  }
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

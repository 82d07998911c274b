#include "pipeline/ingest.h"

#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <thread>

namespace dyad {
namespace {

struct Work {
  RawDoc in;
  DocRecord record;
  bool failed = false;
};

class Progress {
 public:
  explicit Progress(bool on) : on_(on) {}
  void draw(size_t files_done, size_t files, size_t docs) {
    if (!on_) return;
    const int width = 30;
    const int fill = files ? static_cast<int>(width * files_done / files) : width;
    fmt::print(stderr, "\r\033[K[{}{}] {}/{} files, {} docs", std::string(fill, '#'),
               std::string(width - fill, ' '), files_done, files, docs);
    std::fflush(stderr);
    drawn_ = true;
  }
  // Clears the bar so a message can be printed on its own line.
  void clear() {
    if (on_ && drawn_) fmt::print(stderr, "\r\033[K");
    drawn_ = false;
  }

 private:
  bool on_;
  bool drawn_ = false;
};

}  // namespace

uint64_t count_words(std::string_view s) {
  uint64_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

IngestReport ingest(const std::vector<std::string>& paths, const Pipeline& pipeline, Store& store,
                    const IngestOptions& options, const std::function<void(const std::string&)>& log) {
  const auto t0 = std::chrono::steady_clock::now();
  IngestReport rep;
  rep.stage_names = pipeline.stage_names();
  Progress bar(options.progress);
  auto say = [&](const std::string& line) {
    bar.clear();
    log(line);
  };
  IssueSink issue = [&](const ReadIssue& is) {
    say(is.skipped ? is.text() : "warning: " + is.text());
    if (is.skipped) {
      ++rep.skipped_inputs;
      try {
        store.record_error(is.where, is.message);
      } catch (const std::exception& e) {
        say(std::string("cannot record error: ") + e.what());
      }
    } else {
      ++rep.warnings;
    }
  };

  const std::vector<std::string> files = list_inputs(paths, issue);
  rep.files = files.size();
  const int jobs = std::max(1, options.jobs);
  const size_t batch_size = static_cast<size_t>(jobs) * 8;
  std::vector<Work> batch;

  auto flush = [&] {
    // 1. Drop what is already stored, before spending time on analysis.
    std::vector<Work*> todo;
    for (Work& w : batch) {
      if (store.has(w.in.content_key)) {
        ++rep.duplicates;
        say(w.in.doc.path + ": already stored (" + w.in.doc.id + ")");
      } else {
        todo.push_back(&w);
      }
    }
    // 2. Analyse in parallel; a throwing stage marks that document failed.
    std::atomic<size_t> next{0};
    std::vector<StageTimes> times(static_cast<size_t>(jobs));
    auto worker = [&](size_t t) {
      for (size_t i = next++; i < todo.size(); i = next++) {
        Work& w = *todo[i];
        w.record.content_key = w.in.content_key;
        w.record.stages = pipeline.stages_string();
        try {
          pipeline.run(w.in.doc, w.in.raw, w.in.format, &times[t]);
        } catch (const std::exception& e) {
          w.failed = true;
          w.record.status = "failed";
          w.record.error = e.what();
        }
      }
    };
    if (jobs == 1 || todo.size() <= 1) {
      worker(0);
    } else {
      std::vector<std::thread> threads;
      for (size_t t = 0; t < static_cast<size_t>(jobs); ++t) threads.emplace_back(worker, t);
      for (auto& th : threads) th.join();
    }
    for (const StageTimes& t : times) rep.times.add(t);
    // 3. Store, in input order.
    for (Work* w : todo) {
      const Doc& d = w->in.doc;
      if (w->failed) say(d.path + ": failed: " + w->record.error);
      try {
        PutResult r = store.put(d, w->record);
        if (r == PutResult::kDuplicate) {
          ++rep.duplicates;
        } else if (w->failed) {
          ++rep.failed;
        } else {
          ++rep.stored;
          rep.bytes += w->in.raw.size();
          rep.words += count_words(d.text);
          rep.sentences += d.sentences.size();
          rep.entities += d.entities.size();
          rep.timexes += d.timexes.size();
          rep.events += d.events.size();
        }
      } catch (const std::exception& e) {
        ++rep.failed;
        say(d.path + ": cannot store: " + e.what());
        try {
          store.record_error(d.path, std::string("cannot store: ") + e.what());
        } catch (const std::exception&) {
        }
      }
    }
    batch.clear();
  };

  size_t done = 0;
  bar.draw(0, files.size(), 0);
  for (const std::string& f : files) {
    read_input(
        f, options.read,
        [&](RawDoc&& d) {
          ++rep.read;
          batch.push_back(Work{std::move(d), {}, false});
          if (batch.size() >= batch_size) {
            flush();
            bar.draw(done, files.size(), rep.read);
          }
        },
        issue);
    ++done;
    bar.draw(done, files.size(), rep.read);
  }
  flush();
  bar.clear();
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

}  // namespace dyad

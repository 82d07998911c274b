// `dyad worker --db postgresql://... [--lease 60] [--threads 1] [--exit-when-empty]`: analyse queued
// documents (docs/postgres.md). Each thread has its own connection and loops claim -> analyse ->
// store + mark done in one transaction (store/pg_queue.h). Any number of workers on any number of
// machines may run against one database; a worker killed at any moment loses and duplicates nothing.
#include <fmt/core.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

#include "base/paths.h"
#include "cli/command.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "store/pg_queue.h"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_worker_signal(int) { g_stop = true; }

struct WorkerArgs {
  double lease = 60;
  int threads = 1;
  int max_attempts = 3;
  bool exit_when_empty = false;
  bool store_tokens = false;
};

struct Counts {
  std::atomic<uint64_t> stored{0}, duplicates{0}, retried{0}, failed{0}, lost{0}, words{0}, events{0};
};

// Renews the leases of in-flight items from its own connection every lease/3 seconds, so a
// document that takes longer than the lease to analyse is not taken over by another worker.
class Heartbeat {
 public:
  Heartbeat(const std::string& url, double lease) : conn_(url), lease_(lease), thread_([this] { loop(); }) {}
  ~Heartbeat() {
    {
      std::lock_guard<std::mutex> l(m_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void add(int64_t id, const std::string& owner) {
    std::lock_guard<std::mutex> l(m_);
    items_[id] = owner;
  }
  void remove(int64_t id) {
    std::lock_guard<std::mutex> l(m_);
    items_.erase(id);
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> l(m_);
    while (!done_) {
      cv_.wait_for(l, std::chrono::duration<double>(lease_ / 3));
      if (done_) break;
      for (const auto& [id, owner] : items_) {
        try {
          dyad::renew_lease(conn_, id, owner, lease_);
        } catch (const std::exception& e) {
          fmt::print(stderr, "worker: cannot renew lease of item {}: {}\n", id, e.what());
        }
      }
    }
  }
  dyad::pg::Conn conn_;
  double lease_;
  std::mutex m_;
  std::condition_variable cv_;
  std::map<int64_t, std::string> items_;
  bool done_ = false;
  std::thread thread_;  // last: starts after everything above is constructed
};

void work(const WorkerArgs& a, const dyad::Pipeline& pipeline, Heartbeat& hb, const std::string& owner,
          Counts& n, dyad::StageTimes& times, bool quiet) {
  const auto& g = dyad::cli::globals();
  dyad::StoreOptions so;
  so.store_tokens = a.store_tokens;
  dyad::PgStore store(g.db, so);
  dyad::PgQueue q(store, owner);
  while (!g_stop) {
    std::optional<dyad::QueueItem> item = q.claim(a.lease, a.max_attempts);
    if (!item) {
      if (a.exit_when_empty && q.stats().drained()) break;
      // Nothing claimable: sleep until an enqueue is notified, or poll for expired leases.
      q.wait_for_work(std::min(1.0, a.lease / 4));
      continue;
    }
    const std::string& path = item->input.meta.path;
    if (q.complete_if_stored(*item)) {
      ++n.duplicates;
      continue;
    }
    dyad::Doc doc = item->input.meta;
    dyad::DocRecord rec{item->input.content_key, "ok", "", pipeline.stages_string()};
    std::string error;
    hb.add(item->id, owner);
    try {
      pipeline.run(doc, item->input.raw,
                   item->input.html ? dyad::InputFormat::kHtml : dyad::InputFormat::kText, &times);
    } catch (const std::exception& e) {
      error = e.what();
    }
    try {
      if (error.empty()) {
        switch (q.complete(*item, doc, rec)) {
          case dyad::CompleteResult::kStored:
            ++n.stored;
            n.words += dyad::count_words(doc.text);
            n.events += doc.events.size();
            break;
          case dyad::CompleteResult::kDuplicate:
            ++n.duplicates;
            break;
          case dyad::CompleteResult::kLeaseLost:
            ++n.lost;
            if (!quiet) fmt::print(stderr, "{}: lease lost (another worker took it over)\n", path);
            break;
        }
      }
    } catch (const std::exception& e) {
      error = std::string("cannot store: ") + e.what();
    }
    hb.remove(item->id);
    if (!error.empty()) {
      rec.status = "failed";
      rec.error = error;
      const bool final = q.fail(*item, error, a.max_attempts, &doc, &rec);
      ++(final ? n.failed : n.retried);
      fmt::print(stderr, "{}: {} (attempt {} of {}): {}\n", path, final ? "failed" : "will retry",
                 item->attempts, a.max_attempts, error);
    }
  }
}

void run(const WorkerArgs& a) {
  const auto& g = dyad::cli::globals();
  if (!dyad::pg::is_url(g.db)) {
    fmt::print(stderr,
               "dyad worker: the work queue needs a PostgreSQL store (--db postgresql://...), not {}\n",
               g.db);
    throw CLI::RuntimeError(2);
  }
  std::signal(SIGTERM, on_worker_signal);
  std::signal(SIGINT, on_worker_signal);
  std::vector<std::string> warnings;
  const dyad::Pipeline pipeline = dyad::Pipeline::load(g.models_folder(), &warnings);
  if (!g.quiet)
    for (const auto& w : warnings) fmt::print(stderr, "warning: {}\n", w);
  { dyad::PgStore migrate_once(g.db, {}); }  // threads then find the schema up to date

  char host[256] = "";
  gethostname(host, sizeof host - 1);
  const std::string prefix = fmt::format("{}:{}", host, getpid());
  Counts n;
  std::vector<dyad::StageTimes> times(static_cast<size_t>(a.threads));
  std::atomic<int> errors{0};
  const auto t0 = std::chrono::steady_clock::now();
  {
    Heartbeat hb(g.db, a.lease);
    std::vector<std::thread> threads;
    for (int t = 0; t < a.threads; ++t)
      threads.emplace_back([&, t] {
        try {
          work(a, pipeline, hb, fmt::format("{}:{}", prefix, t), n, times[static_cast<size_t>(t)], g.quiet);
        } catch (const std::exception& e) {
          fmt::print(stderr, "dyad worker: thread {}: {}\n", t, e.what());
          ++errors;
          g_stop = true;
        }
      });
    for (auto& th : threads) th.join();
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("stored              {}\n", n.stored.load());
  fmt::print("already stored      {}\n", n.duplicates.load());
  fmt::print("retried             {}\n", n.retried.load());
  fmt::print("failed              {}\n", n.failed.load());
  if (n.lost) fmt::print("leases lost         {}\n", n.lost.load());
  fmt::print("words {}  events {}  ({:.2f} s, {:.2f} docs/s, {:.0f} words/s, {} thread(s))\n", n.words.load(),
             n.events.load(), secs, secs > 0 ? n.stored / secs : 0.0, secs > 0 ? n.words / secs : 0.0,
             a.threads);
  if (errors) throw CLI::RuntimeError(1);
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<WorkerArgs>();
  auto* sub = app.add_subcommand("worker", "Analyse documents queued with `dyad enqueue` (PostgreSQL)");
  sub->add_option("--lease", a->lease, "Seconds an item stays reserved (renewed while analysing)")
      ->check(CLI::Range(0.5, 86400.0))
      ->capture_default_str();
  sub->add_option("--threads", a->threads, "Worker threads, one connection each")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  sub->add_option("--max-attempts", a->max_attempts, "Give an item up after this many failed attempts")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_flag("--exit-when-empty", a->exit_when_empty, "Exit once nothing is pending or running");
  sub->add_flag("--store-tokens", a->store_tokens, "Also store every token (tag, lemma, head)");
  sub->callback([a] { run(*a); });
});

}  // namespace

// API routes over a store holding the two example articles: every answer is checked against the
// store itself (counts, offsets, text), not against hard-coded numbers.
#include "api/handlers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "base/paths.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"

namespace dyad::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Handlers : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (fs::temp_directory_path() / ("dyad-api-test-" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(db_);
    store_ = open_store(db_);
    Pipeline p = Pipeline::load(models_dir());
    IngestOptions o;
    // The examples carry no dates; the small dated feed gives the time series something to count.
    const std::string src = DYAD_SOURCE_DIR;
    IngestReport r = ingest({src + "/examples", src + "/tests/api/data/dated.jsonl"}, p, *store_, o,
                            [](const std::string&) {});
    ASSERT_EQ(r.stored, 6u);
    ASSERT_GT(r.events, 0u);
  }
  void TearDown() override {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(db_ + s);
  }
  ParamList q(std::string_view s) {
    ParamList p;
    auto e = parse_query_string(s, &p);
    EXPECT_FALSE(e);
    return p;
  }
  Response get(const Api& api, const std::string& target) {
    Request r;
    size_t qm = target.find('?');
    r.path = target.substr(0, qm);
    if (qm != std::string::npos) r.query = target.substr(qm + 1);
    return api.handle(r);
  }
  std::string db_;
  std::unique_ptr<Store> store_;
};

TEST_F(Handlers, EventsPageTotalAndOffsets) {
  json all = events(*store_, q("limit=1000"));
  const int64_t total = all["total"];
  ASSERT_GT(total, 0);
  EXPECT_EQ(static_cast<int64_t>(all["events"].size()), total);
  json p1 = events(*store_, q("limit=3"));
  json p2 = events(*store_, q("limit=3&offset=3"));
  EXPECT_EQ(p1["total"], total);
  ASSERT_EQ(p1["events"].size(), 3u);
  for (const auto& a : p1["events"])
    for (const auto& b : p2["events"]) EXPECT_NE(a["id"], b["id"]);
  EXPECT_EQ(events(*store_, q("limit=5000"))["limit"], kMaxLimit);

  json rus = events(*store_, q("actor=rus&limit=1000"));
  ASSERT_GT(rus["total"].get<int64_t>(), 0);
  EXPECT_LT(rus["total"].get<int64_t>(), total);
  for (const auto& e : rus["events"]) {
    std::string s = e["source"]["code"], t = e["target"]["code"];
    EXPECT_TRUE(s.rfind("RUS", 0) == 0 || t.rfind("RUS", 0) == 0) << s << " " << t;
  }
  EXPECT_THROW(events(*store_, q("quad=0")), ApiError);
  EXPECT_THROW(events(*store_, q("interval=day")), ApiError);
}

TEST_F(Handlers, EventEvidenceAndDocument) {
  json page = events(*store_, q("limit=1000"));
  for (const auto& row : page["events"]) {
    json e = event(*store_, std::to_string(row["id"].get<int64_t>()), {});
    json d = document(*store_, e["doc"], {});
    const std::string text = d["text"];
    ASSERT_TRUE(e.contains("evidence"));
    EXPECT_EQ(e["evidence"]["before"].get<std::string>() + e["evidence"]["sentence"].get<std::string>() +
                  e["evidence"]["after"].get<std::string>(),
              text);
    EXPECT_EQ(e["evidence"]["sentence"], row["sentence"]);
    EXPECT_EQ(
        text.substr(e["sentence_begin"], e["sentence_end"].get<size_t>() - e["sentence_begin"].get<size_t>()),
        row["sentence"]);
    // The same event found through the document hint.
    json e2 = event(*store_, std::to_string(row["id"].get<int64_t>()), {{"doc", row["doc"]}});
    EXPECT_EQ(e2["id"], row["id"]);
  }
  json one = page["events"][0];
  json d = document(*store_, one["doc"], {});
  EXPECT_EQ(d["events"].size(),
            events(*store_, {{"doc", one["doc"]}, {"limit", "1000"}})["total"].get<size_t>());
  for (const auto& s : d["sentences"])
    EXPECT_EQ(
        d["text"].get<std::string>().substr(s["begin"], s["end"].get<size_t>() - s["begin"].get<size_t>()),
        s["text"]);
  try {
    event(*store_, "99999999", {});
    ADD_FAILURE() << "missing event must throw";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_THROW(event(*store_, "abc", {}), ApiError);
  EXPECT_THROW(document(*store_, "no-such-document", {}), ApiError);
}

TEST_F(Handlers, AggregatesAgreeWithTheEventList) {
  // Series: every counted event is a RUS<->PRK event.
  json s = dyad_series(*store_, "RUS", "PRK", q("either=true&interval=month"));
  int64_t in_series = 0;
  for (const auto& p : s["series"]) {
    in_series += p["events"].get<int64_t>();
    int64_t quads = 0;
    for (const auto& x : p["quad"]) quads += x.get<int64_t>();
    EXPECT_EQ(quads, p["events"]);
  }
  int64_t dyad_total = events(*store_, q("source=RUS&target=PRK&either=true"))["total"];
  EXPECT_GT(in_series, 0);
  EXPECT_LE(in_series, dyad_total);
  EXPECT_THROW(dyad_series(*store_, "RUS", "PRK", q("interval=year")), ApiError);
  EXPECT_THROW(dyad_series(*store_, "R S", "PRK", {}), ApiError);

  // Network: heaviest first; node weights add up to twice the edge weights.
  json n = network(*store_, {});
  ASSERT_FALSE(n["edges"].empty());
  int64_t edge_sum = 0, node_sum = 0, prev = INT64_MAX;
  for (const auto& e : n["edges"]) {
    EXPECT_LE(e["events"].get<int64_t>(), prev);
    prev = e["events"];
    edge_sum += e["events"].get<int64_t>();
  }
  for (const auto& v : n["nodes"]) node_sum += v["events"].get<int64_t>();
  EXPECT_EQ(node_sum, 2 * edge_sum);

  // Claims: the groups partition the events.
  json c = claims(*store_, {});
  int64_t grouped = 0;
  for (const auto& g : c["groups"]) grouped += g["total"].get<int64_t>();
  EXPECT_EQ(grouped, events(*store_, {})["total"]);

  json a = actors(*store_, q("n=3"));
  ASSERT_LE(a["actors"].size(), 3u);
  ASSERT_FALSE(a["actors"].empty());

  json docs = documents(*store_, {});
  EXPECT_EQ(docs["documents"].size(), 6u);
  EXPECT_FALSE(docs["more"]);
  json docs2 = documents(*store_, q("limit=4&offset=4"));
  EXPECT_EQ(docs2["documents"].size(), 2u);
  EXPECT_TRUE(documents(*store_, q("limit=4"))["more"]);
  EXPECT_EQ(documents(*store_, q("q=fixture+daily"))["documents"].size(), 2u);
  json found = search(*store_, q("q=Lavrov"));
  ASSERT_FALSE(found["events"].empty());
  for (const auto& e : found["events"])
    EXPECT_NE(e["sentence"].get<std::string>().find("Lavrov"), std::string::npos);
  EXPECT_THROW(search(*store_, {}), ApiError);
}

TEST_F(Handlers, RoutingAndErrorsThroughApiHandle) {
  const std::string db = db_;
  Api api([db] { return open_store(db); }, ApiOptions{});
  EXPECT_EQ(get(api, "/api/summary").status, 200);
  EXPECT_EQ(get(api, "/api/events?limit=2").status, 200);
  EXPECT_EQ(get(api, "/api/dyads/RUS/PRK/series?interval=week").status, 200);
  EXPECT_EQ(get(api, "/api/network?min_events=1").status, 200);
  EXPECT_EQ(get(api, "/api/claims").status, 200);
  EXPECT_EQ(get(api, "/api/actors").status, 200);
  EXPECT_EQ(get(api, "/api/search?q=Kim").status, 200);
  EXPECT_EQ(get(api, "/api/documents").status, 200);
  // Every route refuses an unknown parameter with a 400 naming it.
  for (const char* path :
       {"/api/summary", "/api/events", "/api/actors", "/api/network", "/api/claims", "/api/documents",
        "/api/search", "/api/dyads/RUS/PRK/series", "/api/events/1", "/api/documents/x"}) {
    Response r = get(api, std::string(path) + "?bogus=1");
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_NE(r.body.find("'bogus'"), std::string::npos) << path << " " << r.body;
  }
  Response bad = get(api, "/api/events?from=2025-99");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"], "parameter 'from': month must be 01..12");
  EXPECT_EQ(get(api, "/api/events?text=%zz").status, 400);
  EXPECT_EQ(get(api, "/api/openapi.json").status, 404);  // none loaded here
  EXPECT_EQ(get(api, "/index.html").status, 404);        // no web dir
  Request post;
  post.method = "POST";
  post.path = "/api/ingest";
  post.body = "x";
  EXPECT_EQ(api.handle(post).status, 403);  // read-only without a token
}

// docs/openapi.json describes exactly the routes the API serves.
TEST(OpenApi, EveryRouteIsDescribed) {
  json spec = json::parse(read_file(std::string(DYAD_SOURCE_DIR) + "/docs/openapi.json"));
  EXPECT_EQ(spec["openapi"].get<std::string>().substr(0, 2), "3.");
  size_t operations = 0;
  for (const Route& r : routes()) {
    const std::string path(r.path), method(r.method);
    ASSERT_TRUE(spec["paths"].contains(path)) << path;
    EXPECT_TRUE(spec["paths"][path].contains(method)) << method << " " << path;
  }
  for (const auto& [path, ops] : spec["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      ++operations;
      bool served = false;
      for (const Route& r : routes()) served = served || (r.path == path && r.method == method);
      EXPECT_TRUE(served) << "described but not served: " << method << " " << path;
      EXPECT_TRUE(op.contains("responses")) << path;
    }
  EXPECT_EQ(operations, routes().size());
}

}  // namespace
}  // namespace dyad::api

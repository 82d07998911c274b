// Static files: only regular files inside the web folder, whatever the path says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api.h"

namespace dyad::api {
namespace {

namespace fs = std::filesystem;

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("dyad-static-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "web/assets");
    std::ofstream(base_ / "web/index.html") << "<p>page</p>";
    std::ofstream(base_ / "web/assets/app.js") << "x";
    std::ofstream(base_ / "web/.env") << "hidden";
    std::ofstream(base_ / "secret.txt") << "secret";
    fs::create_symlink(base_ / "secret.txt", base_ / "web/assets/link.js");
    web_ = (base_ / "web").string();
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_;
  std::string web_;
};

TEST_F(StaticFiles, ServesFilesInside) {
  auto f = resolve_static(web_, "/");
  ASSERT_TRUE(f);
  EXPECT_EQ(fs::path(*f).filename(), "index.html");
  EXPECT_TRUE(resolve_static(web_, "/assets/app.js"));
  EXPECT_EQ(content_type_for("/x/app.js"), "text/javascript; charset=utf-8");
}

TEST_F(StaticFiles, RefusesTraversalHiddenSymlinksAndOddPaths) {
  for (const char* p :
       {"/../secret.txt", "/assets/../../secret.txt", "/assets/../index.html", "/./index.html", "/.env",
        "//etc/passwd", "/assets//app.js", "/assets\\..\\..\\secret.txt", "/assets/link.js", "/missing.html",
        "/assets", "", "index.html", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/C:/secret.txt"})
    EXPECT_FALSE(resolve_static(web_, p)) << p;
  EXPECT_FALSE(resolve_static("", "/index.html"));
  EXPECT_FALSE(resolve_static(web_ + "/nope", "/index.html"));
}

TEST(ConstantTimeEqual, ComparesWholeStrings) {
  EXPECT_TRUE(constant_time_equal("s3cret-token-0123", "s3cret-token-0123"));
  EXPECT_FALSE(constant_time_equal("s3cret-token-0123", "s3cret-token-0124"));
  EXPECT_FALSE(constant_time_equal("s3cret", "s3cret-token"));
  EXPECT_FALSE(constant_time_equal("", "x"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace dyad::api

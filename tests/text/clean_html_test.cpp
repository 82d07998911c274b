// Tests for clean_html(): content choice, metadata, and robustness on hostile input.
#include <gtest/gtest.h>

#include <string>

#include "base/utf8.h"
#include "text/clean.h"

namespace dyad {
namespace {

const char* kArticle =
    "<p>The foreign ministers met in Geneva on Tuesday, and they agreed to resume talks on the border "
    "dispute, officials from both sides said after the meeting ended.</p>"
    "<p>The talks, which had stalled for months, will cover troop withdrawals, prisoner exchanges, and "
    "the reopening of two crossings that have been closed since the spring.</p>"
    "<h2>A long road</h2>"
    "<p>Diplomats cautioned that earlier rounds had collapsed over sequencing, and that neither side had "
    "yet named its negotiators, but both governments welcomed the announcement.</p>";

std::string page(const std::string& body, const std::string& head = "") {
  return "<!DOCTYPE html><html><head><title>Ministers agree to talks - Daily</title>" + head +
         "</head><body>" + body + "</body></html>";
}

bool has(const CleanResult& r, const std::string& s) { return r.text.find(s) != std::string::npos; }

void expect_spans_consistent(const CleanResult& r) {
  std::string joined;
  for (size_t i = 0; i < r.paragraphs.size(); ++i) {
    const Span& s = r.paragraphs[i];
    ASSERT_LE(s.end, r.text.size());
    ASSERT_LT(s.begin, s.end);
    if (i) joined += "\n\n";
    joined += r.text.substr(s.begin, s.size());
  }
  EXPECT_EQ(joined, r.text);
}

TEST(CleanHtml, DropsNavAsideFooterAndKeepsParagraphs) {
  std::string html = page(
      "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news section</a></li></ul></nav>"
      "<div class='header'><a href='/'>Daily Gazette front page link</a></div>"
      "<article><h1>Ministers agree to talks</h1>" +
      std::string(kArticle) +
      "</article>"
      "<aside><p>Most read: a celebrity bought a house, and other stories you will like, really.</p></aside>"
      "<div class='comments'><p>Great article, thanks, I totally agree with this, and so does my "
      "cat.</p></div>"
      "<footer><p>Copyright 2025 Daily Gazette, all rights reserved, contact us, privacy "
      "policy.</p></footer>");
  CleanResult r = clean_html(html);
  EXPECT_TRUE(has(r, "The foreign ministers met in Geneva on Tuesday"));
  EXPECT_TRUE(has(r, "both governments welcomed the announcement."));
  EXPECT_TRUE(has(r, "A long road"));  // subheading kept
  EXPECT_FALSE(has(r, "World news section"));
  EXPECT_FALSE(has(r, "front page link"));
  EXPECT_FALSE(has(r, "Most read"));
  EXPECT_FALSE(has(r, "my cat"));
  EXPECT_FALSE(has(r, "Copyright"));
  EXPECT_FALSE(has(r, "Ministers agree to talks"));  // the headline is the title, not body text
  EXPECT_EQ(r.paragraphs.size(), 4u);
  expect_spans_consistent(r);
  EXPECT_EQ(r.title, "Ministers agree to talks - Daily");
}

TEST(CleanHtml, PicksContentDivOverLinkHeavyBlocks) {
  std::string links;
  for (int i = 0; i < 30; ++i)
    links +=
        "<p><a href='/x'>Another headline about something else, number " + std::to_string(i) + "</a></p>";
  std::string html =
      page("<div id='related-links'>" + links + "</div><div class='story-body'>" + kArticle +
           "</div><div class='share-tools'>Share on Facebook, Twitter, email, print, save it</div>");
  CleanResult r = clean_html(html);
  EXPECT_TRUE(has(r, "prisoner exchanges"));
  EXPECT_FALSE(has(r, "Another headline"));
  EXPECT_FALSE(has(r, "Share on Facebook"));
}

TEST(CleanHtml, MetadataTitleAndDate) {
  std::string head =
      "<meta property='og:title' content='Ministers agree to resume talks'>"
      "<meta property='article:published_time' content='2025-07-12T08:30:00Z'>";
  CleanResult r = clean_html(page(std::string("<article>") + kArticle + "</article>", head));
  EXPECT_EQ(r.title, "Ministers agree to resume talks");
  EXPECT_EQ(r.published, "2025-07-12");

  std::string ld =
      "<script "
      "type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-11-03T10:00\"}</"
      "script>";
  EXPECT_EQ(clean_html(page(kArticle, ld)).published, "2024-11-03");
  EXPECT_EQ(clean_html(page(std::string("<time datetime='2023-01-31'>Jan 31</time>") + kArticle)).published,
            "2023-01-31");
  EXPECT_EQ(clean_html(page(kArticle)).published, "");
  // A malformed JSON-LD block is ignored, not fatal.
  EXPECT_EQ(clean_html(page(kArticle, "<script type='application/ld+json'>{\"datePublished\": </script>"))
                .published,
            "");
}

TEST(CleanHtml, JsonLdArticleBodyGuidesTheChoice) {
  // Two equally plausible text blocks; JSON-LD says which one is the article.
  std::string other =
      "<p>In unrelated news, the city council debated parking fees for hours, and residents complained, "
      "loudly, "
      "about the new meters, the signs, and the tow trucks that arrived on the very first day.</p>"
      "<p>Council members said, again and again, that the fees would fund road repairs, new lights, and "
      "more, "
      "but the residents, unconvinced, promised to return next week with a petition and placards.</p>";
  std::string body =
      "The foreign ministers met in Geneva on Tuesday, and they agreed to resume talks on the border "
      "dispute, "
      "officials from both sides said after the meeting ended. The talks, which had stalled for months, will "
      "cover troop withdrawals, prisoner exchanges, and the reopening of two crossings that have been closed "
      "since the spring.";
  std::string ld =
      "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"NewsArticle\",\"articleBody\":\"" + body +
      "\"}]}</script>";
  std::string html =
      page("<div class='a'>" + other + "</div><div class='b'>" + std::string(kArticle) + "</div>", ld);
  CleanResult r = clean_html(html);
  EXPECT_TRUE(has(r, "prisoner exchanges"));
  EXPECT_FALSE(has(r, "parking fees"));
}

TEST(CleanHtml, MalformedHtmlStillYieldsText) {
  std::string html =
      "<html><body><div class=content><p>The foreign ministers met in Geneva on Tuesday, and they agreed to "
      "resume talks <b>on the <i>border</b> dispute</i>, officials said.<p>Unclosed paragraph, with commas, "
      "and more text here to make it count as content.</div></div></span><p <p>>junk<table><tr><td>cell";
  CleanResult r = clean_html(html);
  EXPECT_TRUE(has(r, "The foreign ministers met in Geneva"));
  EXPECT_TRUE(has(r, "Unclosed paragraph"));
  expect_spans_consistent(r);
}

TEST(CleanHtml, InvalidUtf8IsRepaired) {
  std::string html =
      page(std::string("<article><p>Bad bytes \xff\xfe here, and a truncated \xe2\x82 sequence, "
                       "in an otherwise normal paragraph about talks in Geneva.</p>") +
           kArticle + "</article>");
  CleanResult r = clean_html(html);
  EXPECT_TRUE(valid_utf8(r.text));
  EXPECT_TRUE(valid_utf8(r.title));
  EXPECT_TRUE(has(r, "\xEF\xBF\xBD"));  // U+FFFD stands in for the bad bytes
  EXPECT_TRUE(has(r, "prisoner exchanges"));
}

TEST(CleanHtml, EmptyAndNonHtmlInput) {
  for (std::string in : {std::string(), std::string("   "), std::string("<"), std::string("</p></div>"),
                         std::string("\0\0\x01\x02", 4), std::string("just some text, no tags at all.")}) {
    CleanResult r = clean_html(in);
    EXPECT_TRUE(valid_utf8(r.text));
    expect_spans_consistent(r);
  }
  EXPECT_EQ(clean_html("").text, "");
  EXPECT_EQ(clean_html("<html><body></body></html>").paragraphs.size(), 0u);
}

TEST(CleanHtml, DeeplyNestedTags) {
  std::string html = "<html><body>";
  const int depth = 5000;
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += kArticle;
  for (int i = 0; i < depth; ++i) html += "</div>";
  html += "</body></html>";
  CleanResult r = clean_html(html);
  EXPECT_TRUE(has(r, "prisoner exchanges"));
  // Unclosed inline tags nest too.
  std::string inl = "<p>";
  for (int i = 0; i < depth; ++i) inl += "<span>word ";
  CleanResult r2 = clean_html(inl);
  EXPECT_TRUE(valid_utf8(r2.text));
}

TEST(CleanHtml, HiddenAndScriptContentIgnored) {
  std::string html =
      page(std::string("<article>") + kArticle +
           "<div style='display: none'>Hidden promo text, with commas, that nobody sees.</div>"
           "<script>var x = 'script text, with commas, inside the article';</script>"
           "<figure><img src=a.jpg><figcaption>A caption under the photo, credit AFP.</figcaption></figure>"
           "</article>");
  CleanResult r = clean_html(html);
  EXPECT_TRUE(has(r, "prisoner exchanges"));
  EXPECT_FALSE(has(r, "Hidden promo"));
  EXPECT_FALSE(has(r, "script text"));
  EXPECT_FALSE(has(r, "A caption under the photo"));
}

}  // namespace
}  // namespace dyad

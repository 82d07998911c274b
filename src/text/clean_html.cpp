// clean_html.cpp — main-content extraction from HTML (see clean.h).
//
// Pipeline: gumbo parse -> one pass over the DOM that flattens it into arrays (elements with parent
// links in preorder, and "blocks" = runs of inline text owned by their innermost block element) ->
// readability-style scoring of elements -> choice of the content root (JSON-LD articleBody, when
// present, picks the element whose words match it best) -> sibling merge -> conditional cleaning of
// tables/lists/divs inside the content -> paragraphs. Because blocks are emitted in document order,
// every element's blocks form one contiguous range, so subtree sums are prefix-sum lookups.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/utf8.h"
#include "text/clean.h"
#include "text/clean_eval.h"
#include "text/clean_rules.h"

namespace dyad {
namespace {

// ---------------------------------------------------------------- class / id hints (readability)

bool icontains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + j])) == needle[j]) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

bool any_of_words(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (icontains(s, w)) return true;
  return false;
}

// Subtrees whose class/id says "not the article" and are skipped in the first pass.
bool unlikely_hint(std::string_view s) {
  return any_of_words(
      s, {"-ad-",       "ai2html", "banner",     "breadcrumb",   "combx",      "comment",  "community",
          "cover-wrap", "disqus",  "extra",      "footer",       "gdpr",       "header",   "legends",
          "menu",       "related", "remark",     "replies",      "rss",        "shoutbox", "sidebar",
          "skyscraper", "social",  "sponsor",    "supplemental", "ad-break",   "agegate",  "pagination",
          "pager",      "popup",   "yom-remote", "newsletter",   "subscribe",  "cookie",   "signup",
          "promo",      "recirc",  "trending",   "most-popular", "mostpopular"});
}
bool maybe_hint(std::string_view s) {
  return any_of_words(s, {"and", "article", "body", "column", "content", "main", "shadow"});
}
bool positive_hint(std::string_view s) {
  return any_of_words(s, {"article", "body", "content", "entry", "hentry", "h-entry", "main", "post", "text",
                          "blog", "story"});
}
bool negative_hint(std::string_view s) {
  return any_of_words(
      s, {"-ad-",      "hidden",  "banner",     "combx",    "comment",    "com-",      "contact", "foot",
          "masthead",  "media",   "meta",       "outbrain", "promo",      "related",   "scroll",  "share",
          "shoutbox",  "sidebar", "skyscraper", "sponsor",  "shopping",   "tags",      "tool",    "widget",
          "byline",    "author",  "caption",    "credit",   "newsletter", "subscribe", "social",  "taboola",
          "recommend", "signup",  "breadcrumb", "nav"});
}

// ---------------------------------------------------------------- flattened DOM

struct Node {
  int parent = -1;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  const GumboElement* el = nullptr;
  int weight = 0;            // class/id weight: +25 / -25 per attribute
  uint32_t first_block = 0;  // blocks [first_block, end_block) lie inside this element
  uint32_t end_block = 0;
  int end_node = 0;  // descendants are nodes (this, end_node): preorder
  uint32_t chars = 0, link_chars = 0, commas = 0;
  uint16_t n_p = 0, n_img = 0, n_li = 0, n_input = 0, n_embed = 0, n_heading = 0;
  uint32_t li_chars = 0, heading_chars = 0;
  double score = 0;
  bool scored = false;
  bool drop = false;   // removed by conditional cleaning
  bool share = false;  // class/id says share/social widget
  bool plike = false;  // a <p>, or a div/section holding text directly (readability turns those into <p>)
};

struct Block {
  int owner = -1;  // innermost block element
  std::string text;
  uint32_t chars = 0, link_chars = 0, commas = 0;
};

bool is_block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6 && t != GUMBO_TAG_HGROUP; }

// Elements never part of article text; their content is not walked.
bool is_skipped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_IMG:
      return true;
    default:
      return false;
  }
}

std::string_view attr(const GumboElement* el, const char* name) {
  if (!el) return {};
  const GumboAttribute* a = gumbo_get_attribute(&el->attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

// Class names of content a reader never sees in place (CSS-hidden helpers, hover cards, tooltips,
// screen-reader-only labels) or that is not article text (image captions and credits).
bool hidden_class(std::string_view cls) {
  if (any_of_words(cls, {"caption", "photo-credit", "image-credit", "imagecredit", "tooltip", "popover",
                         "rollover-", "hovercard", "hover-card", "sr-only", "visually-hidden",
                         "visuallyhidden", "screen-reader", "screenreader", "offscreen"}))
    return true;
  size_t i = 0;
  while (i < cls.size()) {
    size_t j = cls.find(' ', i);
    if (j == std::string_view::npos) j = cls.size();
    std::string_view tok = cls.substr(i, j - i);
    if (tok == "hidden" || tok == "hide" || tok == "d-none" || tok == "is-hidden" || tok == "invisible")
      return true;
    i = j + 1;
  }
  return false;
}

bool is_hidden(const GumboElement* el) {
  if (gumbo_get_attribute(&el->attributes, "hidden")) return true;
  if (el->tag != GUMBO_TAG_BODY && el->tag != GUMBO_TAG_HTML && el->tag != GUMBO_TAG_ARTICLE &&
      el->tag != GUMBO_TAG_MAIN && hidden_class(attr(el, "class")))
    return true;
  if (attr(el, "aria-hidden") == "true") return true;
  std::string style(attr(el, "style"));
  style.erase(std::remove_if(style.begin(), style.end(),
                             [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
              style.end());
  return icontains(style, "display:none") || icontains(style, "visibility:hidden");
}

bool unlikely_role(std::string_view role) {
  return role == "menu" || role == "menubar" || role == "complementary" || role == "navigation" ||
         role == "alert" || role == "alertdialog" || role == "dialog" || role == "banner" ||
         role == "contentinfo";
}

uint32_t count_chars(std::string_view s) {  // code points, so non-Latin scripts are not inflated
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

uint32_t count_commas(std::string_view s) {
  uint32_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+060C Arabic comma.
    if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0) ++n;
    if (s.compare(i, 2, "\xD8\x8C") == 0) ++n;
  }
  return n;
}

// Appends text with whitespace runs (including NBSP) collapsed to one space.
void append_collapsed(std::string& out, std::string_view s, uint32_t* nonspace) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) space = true, ++i;
    if (space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(c));
      if (nonspace && (c & 0xC0) != 0x80) ++*nonspace;
    }
  }
}

struct Flattener {
  std::vector<Node> nodes;
  std::vector<Block> blocks;
  bool strip_unlikely = true;
  std::string cur;
  uint32_t cur_links = 0;
  int cur_owner = -1;

  void flush() {
    // Trim and store.
    size_t b = 0, e = cur.size();
    while (b < e && (cur[b] == ' ' || cur[b] == '\n')) ++b;
    while (e > b && (cur[e - 1] == ' ' || cur[e - 1] == '\n')) --e;
    if (e > b && cur_owner >= 0) {
      Block blk;
      blk.owner = cur_owner;
      blk.text = cur.substr(b, e - b);
      blk.chars = count_chars(blk.text);
      blk.link_chars = std::min(cur_links, blk.chars);
      blk.commas = count_commas(blk.text);
      blocks.push_back(std::move(blk));
    }
    cur.clear();
    cur_links = 0;
  }

  void run(const GumboNode* root) {
    struct Frame {
      const GumboNode* g;
      unsigned child;
      int node;        // index in nodes, -1 for non-element
      int prev_owner;  // owner to restore on exit (block elements)
      bool link;
    };
    std::vector<Frame> stack;
    int in_link = 0;
    auto enter = [&](const GumboNode* g) {
      const GumboElement* el = &g->v.element;
      GumboTag tag = el->tag;
      Node n;
      n.parent = stack.empty() ? -1 : stack.back().node;
      n.tag = tag;
      n.el = el;
      std::string_view cls = attr(el, "class"), id = attr(el, "id");
      for (auto s : {cls, id}) {
        if (s.empty()) continue;
        if (negative_hint(s)) n.weight -= 25;
        if (positive_hint(s)) n.weight += 25;
      }
      n.share = any_of_words(cls, {"share", "social", "sharedaddy"}) || any_of_words(id, {"share", "social"});
      int idx = static_cast<int>(nodes.size());
      bool skip = is_skipped_tag(tag) || is_hidden(el) || unlikely_role(attr(el, "role"));
      if (!skip && strip_unlikely && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML && tag != GUMBO_TAG_A &&
          tag != GUMBO_TAG_ARTICLE && tag != GUMBO_TAG_MAIN) {
        std::string both = std::string(cls) + " " + std::string(id);
        if (both.size() > 1 && unlikely_hint(both) && !maybe_hint(both)) skip = true;
      }
      n.first_block = n.end_block = static_cast<uint32_t>(blocks.size());
      nodes.push_back(n);
      if (skip) {
        if (is_block_tag(tag)) flush();
        nodes.back().first_block = nodes.back().end_block = static_cast<uint32_t>(blocks.size());
        nodes.back().end_node = idx + 1;
        return;
      }
      if (tag == GUMBO_TAG_BR) {
        cur.push_back('\n');
        nodes.back().end_node = idx + 1;
        return;
      }
      bool block = is_block_tag(tag);
      if (block) flush();
      nodes.back().first_block = static_cast<uint32_t>(blocks.size());
      bool link = tag == GUMBO_TAG_A;
      in_link += link;
      stack.push_back({g, 0, idx, cur_owner, link});
      if (block) cur_owner = idx;
    };
    if (root->type != GUMBO_NODE_ELEMENT) return;
    enter(root);
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& kids = f.g->v.element.children;
      if (f.child < kids.length) {
        const GumboNode* k = static_cast<const GumboNode*>(kids.data[f.child++]);
        if (k->type == GUMBO_NODE_ELEMENT || k->type == GUMBO_NODE_TEMPLATE) {
          enter(k);
        } else if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE ||
                   k->type == GUMBO_NODE_CDATA) {
          uint32_t ns = 0;
          append_collapsed(cur, k->v.text.text, &ns);
          if (in_link) cur_links += ns;
        }
        continue;
      }
      // Leaving the element.
      Frame done = f;
      stack.pop_back();
      if (is_block_tag(nodes[done.node].tag)) {
        flush();
        cur_owner = done.prev_owner;
      }
      in_link -= done.link;
      nodes[done.node].end_block = static_cast<uint32_t>(blocks.size());
      nodes[done.node].end_node = static_cast<int>(nodes.size());
    }
    flush();
  }
};

// ---------------------------------------------------------------- metadata

std::string iso_date(std::string_view s) {
  for (size_t i = 0; i + 10 <= s.size(); ++i) {
    auto d = [&](size_t k) { return std::isdigit(static_cast<unsigned char>(s[i + k])) != 0; };
    if (d(0) && d(1) && d(2) && d(3) && s[i + 4] == '-' && d(5) && d(6) && s[i + 7] == '-' && d(8) && d(9)) {
      int y = std::stoi(std::string(s.substr(i, 4))), m = std::stoi(std::string(s.substr(i + 5, 2))),
          dd = std::stoi(std::string(s.substr(i + 8, 2)));
      if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31)
        return std::string(s.substr(i, 10));
    }
  }
  return "";
}

std::string node_text(const GumboNode* n, int depth = 0) {
  std::string out;
  if (depth > 64) return out;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE)
    return n->v.text.text;
  if (n->type != GUMBO_NODE_ELEMENT) return out;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    out += node_text(static_cast<const GumboNode*>(kids.data[i]), depth + 1);
  return out;
}

std::string collapse(std::string_view s) {
  std::string out;
  append_collapsed(out, s, nullptr);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  size_t b = 0;
  while (b < out.size() && out[b] == ' ') ++b;
  return out.substr(b);
}

struct Meta {
  std::string og_title, title, h1, published, time_published, ld_body, ld_date, ld_headline;
};

void scan_json_ld(const nlohmann::json& j, Meta& m, int depth) {
  if (depth > 16) return;
  if (j.is_array()) {
    for (const auto& x : j) scan_json_ld(x, m, depth + 1);
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "articleBody" && it->is_string() && it->get<std::string>().size() > m.ld_body.size())
        m.ld_body = it->get<std::string>();
      else if (it.key() == "datePublished" && it->is_string() && m.ld_date.empty())
        m.ld_date = iso_date(it->get<std::string>());
      else if (it.key() == "headline" && it->is_string() && m.ld_headline.empty())
        m.ld_headline = it->get<std::string>();
      else if (it->is_structured())
        scan_json_ld(*it, m, depth + 1);
    }
  }
}

// Walks the whole document once for <title>, <meta>, JSON-LD, <time> and the first <h1>.
void collect_meta(const GumboNode* root, Meta& m) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement* el = &n->v.element;
    switch (el->tag) {
      case GUMBO_TAG_TITLE:
        if (m.title.empty()) m.title = collapse(node_text(n));
        continue;
      case GUMBO_TAG_H1:
        if (m.h1.empty()) m.h1 = collapse(node_text(n));
        continue;
      case GUMBO_TAG_META: {
        std::string key(attr(el, "property"));
        if (key.empty()) key = attr(el, "name");
        if (key.empty()) key = attr(el, "itemprop");
        for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view content = attr(el, "content");
        if (key == "og:title" && m.og_title.empty()) m.og_title = collapse(content);
        if (m.published.empty() &&
            (key == "article:published_time" || key == "datepublished" || key == "og:published_time" ||
             key == "pubdate" || key == "publishdate" || key == "publish-date" || key == "dc.date.issued" ||
             key == "dcterms.created" || key == "sailthru.date" || key == "parsely-pub-date" ||
             key == "date"))
          m.published = iso_date(content);
        continue;
      }
      case GUMBO_TAG_SCRIPT:
        if (icontains(attr(el, "type"), "ld+json")) {
          auto j = nlohmann::json::parse(node_text(n), nullptr, /*allow_exceptions=*/false);
          if (!j.is_discarded()) scan_json_ld(j, m, 0);
        }
        continue;
      case GUMBO_TAG_TIME:
        if (m.time_published.empty()) m.time_published = iso_date(attr(el, "datetime"));
        break;
      default:
        break;
    }
    const GumboVector& kids = el->children;
    for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
  }
}

// ---------------------------------------------------------------- scoring

int tag_base_score(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

bool scores_paragraph(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_DD:
      return true;
    default:
      return false;
  }
}

double link_density(const Node& n) { return n.chars ? static_cast<double>(n.link_chars) / n.chars : 0.0; }

struct Extractor {
  Flattener& f;
  const Meta& meta;
  std::vector<Node>& nodes;
  std::vector<Block>& blocks;

  Extractor(Flattener& fl, const Meta& m) : f(fl), meta(m), nodes(fl.nodes), blocks(fl.blocks) {}

  // Subtree sums, bottom-up (children come after their parent in preorder), so deep nesting
  // costs O(n), not O(n * depth).
  void aggregate() {
    for (const Block& b : blocks) {
      Node& o = nodes[b.owner];
      o.chars += b.chars;
      o.link_chars += b.link_chars;
      o.commas += b.commas;
      if (o.tag == GUMBO_TAG_LI) o.li_chars += b.chars;
      if (is_heading(o.tag)) o.heading_chars += b.chars;
      o.plike |= o.tag == GUMBO_TAG_DIV || o.tag == GUMBO_TAG_SECTION || o.tag == GUMBO_TAG_ARTICLE;
    }
    for (Node& n : nodes) n.plike |= n.tag == GUMBO_TAG_P;
    for (size_t i = nodes.size(); i-- > 1;) {
      const Node& n = nodes[i];
      if (n.parent < 0) continue;
      Node& p = nodes[n.parent];
      p.chars += n.chars;
      p.link_chars += n.link_chars;
      p.commas += n.commas;
      p.li_chars += n.li_chars;
      p.heading_chars += n.heading_chars;
      auto sat = [](uint16_t& a, unsigned b) { a = static_cast<uint16_t>(std::min(65535u, a + b)); };
      GumboTag t = n.tag;
      sat(p.n_p, n.n_p + n.plike);
      sat(p.n_img, n.n_img + (t == GUMBO_TAG_IMG));
      sat(p.n_li, n.n_li + (t == GUMBO_TAG_LI));
      sat(p.n_input, n.n_input + (t == GUMBO_TAG_INPUT || t == GUMBO_TAG_SELECT || t == GUMBO_TAG_TEXTAREA));
      sat(p.n_embed, n.n_embed + (t == GUMBO_TAG_EMBED || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_IFRAME ||
                                  t == GUMBO_TAG_VIDEO));
    }
  }

  void touch(int i) {
    Node& n = nodes[i];
    if (n.scored) return;
    n.scored = true;
    n.score = tag_base_score(n.tag) + n.weight;
  }

  void score() {
    for (const Block& b : blocks) {
      const Node& owner = nodes[b.owner];
      if (!scores_paragraph(owner.tag) || b.chars < 25) continue;
      double s = 1 + b.commas + std::min<double>(b.chars / 100, 3);
      int a = owner.tag == GUMBO_TAG_P || is_heading(owner.tag) ? owner.parent : b.owner;
      // A div's own text counts like a <p> child of it.
      for (int level = 0; a >= 0 && level < 5; ++level, a = nodes[a].parent) {
        if (nodes[a].tag == GUMBO_TAG_HTML) break;
        touch(a);
        double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        nodes[a].score += s / div;
      }
    }
    for (Node& n : nodes)
      if (n.scored) n.score *= 1 - link_density(n);
  }

  bool is_ancestor(int a, int d) const { return a <= d && d < nodes[a].end_node; }

  int element_children_count(int i) const {
    int c = 0;
    for (unsigned k = 0; k < nodes[i].el->children.length; ++k) {
      auto* g = static_cast<const GumboNode*>(nodes[i].el->children.data[k]);
      if (g->type == GUMBO_NODE_ELEMENT) ++c;
      if (g->type == GUMBO_NODE_TEXT && !collapse(g->v.text.text).empty()) return 2;
    }
    return c;
  }

  int pick_top() {
    std::vector<int> cands;
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i)
      if (nodes[i].scored && nodes[i].tag != GUMBO_TAG_BODY) cands.push_back(i);
    if (cands.empty()) return -1;
    std::sort(cands.begin(), cands.end(), [&](int a, int b) { return nodes[a].score > nodes[b].score; });
    int top = cands[0];
    double top_score = nodes[top].score;
    // Several near-equal candidates sharing an ancestor: the ancestor is the article.
    std::vector<int> alts;
    for (size_t k = 1; k < std::min<size_t>(cands.size(), 5); ++k)
      if (nodes[cands[k]].score >= 0.75 * top_score) alts.push_back(cands[k]);
    if (alts.size() >= 3) {
      for (int p = nodes[top].parent; p >= 0 && nodes[p].tag != GUMBO_TAG_BODY; p = nodes[p].parent) {
        int contained = 0;
        for (int a : alts) contained += is_ancestor(p, a);
        if (contained >= 3) {
          top = p;
          break;
        }
      }
    }
    touch(top);
    // Climb while the parent scores higher.
    double last = nodes[top].score, threshold = last / 3;
    for (int p = nodes[top].parent; p >= 0 && nodes[p].tag != GUMBO_TAG_BODY; p = nodes[p].parent) {
      if (!nodes[p].scored) continue;
      if (nodes[p].score < threshold) break;
      if (nodes[p].score > last) {
        top = p;
        break;
      }
      last = nodes[p].score;
    }
    while (nodes[top].parent >= 0 && nodes[nodes[top].parent].tag != GUMBO_TAG_BODY &&
           element_children_count(nodes[top].parent) == 1)
      top = nodes[top].parent;
    return top;
  }

  // JSON-LD articleBody as a second opinion: word-occurrence F1 of element subtrees against it.
  std::vector<uint32_t> hit_prefix, tok_prefix;
  size_t ld_tokens = 0;

  double ld_f1(const std::vector<int>& roots) const {
    double hits = 0, toks = 0;
    for (int i : roots) {
      hits += hit_prefix[nodes[i].end_block] - hit_prefix[nodes[i].first_block];
      toks += tok_prefix[nodes[i].end_block] - tok_prefix[nodes[i].first_block];
    }
    if (toks == 0 || ld_tokens == 0) return 0;
    double p = hits / toks, r = std::min(1.0, hits / ld_tokens);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }

  // The element whose words best match JSON-LD articleBody, or -1 (no usable articleBody).
  int pick_by_json_ld() {
    auto body_toks = benchmark_tokens(meta.ld_body);
    if (body_toks.size() < 50) return -1;
    ld_tokens = body_toks.size();
    std::unordered_set<std::string_view> vocab(body_toks.begin(), body_toks.end());
    hit_prefix.assign(blocks.size() + 1, 0);
    tok_prefix.assign(blocks.size() + 1, 0);
    for (size_t i = 0; i < blocks.size(); ++i) {
      uint32_t hits = 0, toks = 0;
      for (auto t : benchmark_tokens(blocks[i].text)) ++toks, hits += vocab.count(t) > 0;
      hit_prefix[i + 1] = hit_prefix[i] + hits;
      tok_prefix[i + 1] = tok_prefix[i] + toks;
    }
    int best = -1;
    double best_f = 0;
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
      double fs = ld_f1({i});
      if (fs > best_f + 1e-9) best_f = fs, best = i;
    }
    return best_f >= 0.6 ? best : -1;
  }

  std::string block_text_of(int i) const {
    std::string s;
    for (uint32_t b = nodes[i].first_block; b < nodes[i].end_block; ++b) s += blocks[b].text + " ";
    return s;
  }

  // Readability's sibling merge: siblings of the top candidate that look like content join it.
  std::vector<int> siblings(int top) {
    int parent = nodes[top].parent;
    if (parent < 0) return {top};
    double top_score = nodes[top].score;
    double threshold = std::max(10.0, top_score * 0.2);
    std::string_view top_class = attr(nodes[top].el, "class");
    std::vector<int> out;
    for (int i = parent + 1; i < static_cast<int>(nodes.size()); ++i) {
      if (nodes[i].parent != parent) continue;
      if (i == top) {
        out.push_back(i);
        continue;
      }
      const Node& s = nodes[i];
      double bonus = !top_class.empty() && attr(s.el, "class") == top_class ? top_score * 0.2 : 0;
      if (s.scored && s.score + bonus >= threshold) {
        out.push_back(i);
      } else if (s.tag == GUMBO_TAG_P) {
        double ld = link_density(s);
        if (s.chars > 80 && ld < 0.25)
          out.push_back(i);
        else if (s.chars > 0 && s.chars <= 80 && ld == 0) {
          std::string t = block_text_of(i);
          while (!t.empty() && t.back() == ' ') t.pop_back();
          if (!t.empty() && t.back() == '.') out.push_back(i);
        }
      }
    }
    return out;
  }

  // Readability's _cleanConditionally and friends, on elements inside the content roots.
  void clean(int root) {
    for (int i = root + 1; i < nodes[root].end_node; ++i) {
      Node& n = nodes[i];
      if (n.chars == 0) continue;
      GumboTag t = n.tag;
      if (n.share && n.chars < 500) n.drop = true;
      if (t == GUMBO_TAG_H1) n.drop = true;  // the headline: not part of the body text
      if (t == GUMBO_TAG_FORM || t == GUMBO_TAG_FIELDSET) n.drop = true;
      if (is_heading(t) && (n.weight < 0 || link_density(n) > 0.33)) n.drop = true;
      if (t == GUMBO_TAG_HEADER && n.chars < 400) n.drop = true;
      if (t == GUMBO_TAG_TABLE || t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DIV ||
          t == GUMBO_TAG_SECTION || t == GUMBO_TAG_HEADER || t == GUMBO_TAG_DL) {
        double content_score = n.scored ? n.score : 0;
        if (n.weight + content_score < 0) {
          n.drop = true;
          continue;
        }
        if (n.commas >= 10) continue;
        bool is_list = t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || (n.chars && n.li_chars > 0.9 * n.chars);
        double p = n.n_p, img = n.n_img, li = static_cast<double>(n.n_li) - 100, input = n.n_input;
        double heading_density = n.chars ? static_cast<double>(n.heading_chars) / n.chars : 0;
        double ld = link_density(n);
        bool remove = (img > 1 && p / img < 0.5) || (!is_list && li > p) || (input > std::floor(p / 3)) ||
                      (!is_list && heading_density < 0.9 && n.chars < 25 && (img == 0 || img > 2)) ||
                      (!is_list && n.weight < 25 && ld > 0.2) || (n.weight >= 25 && ld > 0.5) ||
                      (n.n_embed == 1 && n.chars < 75) || n.n_embed > 1;
        if (is_list && ld > 0.5) remove = true;
        if (remove) n.drop = true;
      }
    }
  }

  void emit(const std::vector<int>& roots, CleanResult& r) {
    std::vector<char> dropped(nodes.size(), 0);
    std::string title_key = collapse(r.title);
    for (int root : roots) {
      dropped[root] = nodes[root].drop && nodes[root].tag != GUMBO_TAG_P && roots.size() > 1;
      for (int i = root + 1; i < nodes[root].end_node; ++i)
        dropped[i] = nodes[i].drop || dropped[nodes[i].parent];
      for (uint32_t b = nodes[root].first_block; b < nodes[root].end_block; ++b) {
        const Block& blk = blocks[b];
        if (dropped[blk.owner]) continue;
        // A paragraph that is (almost) all link is a teaser for another page.
        if (blk.link_chars >= 0.75 * blk.chars) continue;
        if (is_widget_line(blk.text) || is_promo_line(blk.text)) continue;
        if (blk.text == title_key && is_heading(nodes[blk.owner].tag)) continue;
        // <br>-separated lines are paragraphs of their own.
        size_t s = 0;
        while (s <= blk.text.size()) {
          size_t e = blk.text.find('\n', s);
          if (e == std::string::npos) e = blk.text.size();
          append_paragraph(r, std::string_view(blk.text).substr(s, e - s));
          s = e + 1;
        }
      }
    }
  }
};

CleanResult extract(const GumboNode* root, const Meta& meta, bool strip_unlikely, const std::string& title) {
  Flattener f;
  f.strip_unlikely = strip_unlikely;
  f.run(root);
  CleanResult r;
  r.title = title;
  if (f.blocks.empty()) return r;
  Extractor x(f, meta);
  x.aggregate();
  x.score();
  std::vector<int> roots;
  int top = x.pick_top();
  if (top < 0) {
    for (int i = 0; i < static_cast<int>(f.nodes.size()); ++i)
      if (f.nodes[i].tag == GUMBO_TAG_BODY) top = i;
    roots = {std::max(top, 0)};
  } else {
    roots = x.siblings(top);
  }
  // JSON-LD overrides the scoring only when the scored choice misses it: the best-matching element
  // lies outside the chosen content, or is one of several merged siblings, and matches clearly
  // better. (Some sites publish a truncated articleBody, the lead only; when the scored content
  // merely contains the matching paragraphs it is kept whole.)
  int by_ld = x.pick_by_json_ld();
  if (by_ld >= 0) {
    bool inside = false, is_root = false;
    for (int root : roots) inside |= x.is_ancestor(root, by_ld), is_root |= root == by_ld;
    if ((!inside || (is_root && roots.size() > 1)) && x.ld_f1({by_ld}) > x.ld_f1(roots) + 0.1)
      roots = {by_ld};
  }
  for (int root : roots) x.clean(root);
  x.emit(roots, r);
  return r;
}

}  // namespace

void append_paragraph(CleanResult& r, std::string_view para) {
  std::string p = collapse(para);
  if (p.empty()) return;
  if (!r.text.empty()) r.text += "\n\n";
  Span s;
  s.begin = static_cast<uint32_t>(r.text.size());
  r.text += p;
  s.end = static_cast<uint32_t>(r.text.size());
  r.paragraphs.push_back(s);
}

namespace {

// Gumbo's tree construction is quadratic in the depth of open elements (its scope checks walk the
// stack): 100k nested <div>s take minutes. Real pages nest a few dozen levels, so a page whose
// tags nest deeper than kMaxNesting is hostile; its tags are dropped (each becomes a line break)
// before parsing, which keeps the text and loses only the structure.
constexpr int kMaxNesting = 2000;

bool is_tag_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Deepest nesting of start tags not closed by an end tag. Void elements and the ones HTML closes
// implicitly (p, li, td...) do not count, so unclosed <p>s and <li>s on old pages are not "deep".
int max_nesting(std::string_view h) {
  static constexpr std::string_view kFlat[] = {
      "area", "base",   "br",     "col",   "embed", "hr",    "img",      "input", "link",
      "meta", "source", "track",  "wbr",   "p",     "li",    "dt",       "dd",    "tr",
      "td",   "th",     "option", "tbody", "thead", "tfoot", "colgroup", "param", "frame"};
  int depth = 0, deepest = 0;
  for (size_t i = h.find('<'); i != std::string_view::npos && i + 1 < h.size(); i = h.find('<', i + 1)) {
    const bool end = h[i + 1] == '/';
    size_t b = i + 1 + end, e = b;
    while (e < h.size() && is_tag_char(h[e])) ++e;
    if (e == b) continue;
    std::string name(h.substr(b, e - b));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(std::begin(kFlat), std::end(kFlat), name) != std::end(kFlat)) continue;
    if (end) {
      depth = std::max(0, depth - 1);
    } else {
      const size_t gt = h.find('>', e);
      if (gt != std::string_view::npos && h[gt - 1] == '/') continue;  // <x/>
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

// The page with every tag replaced by a line break (text, entities and comments' text stay).
std::string drop_tags(std::string_view h) {
  std::string out;
  out.reserve(h.size());
  for (size_t i = 0; i < h.size(); ++i) {
    if (h[i] == '<' && i + 1 < h.size() && (is_tag_char(h[i + 1]) || h[i + 1] == '/' || h[i + 1] == '!')) {
      const size_t gt = h.find('>', i);
      if (gt == std::string_view::npos) break;
      out += '\n';
      i = gt;
    } else {
      out += h[i];
    }
  }
  return out;
}

}  // namespace

CleanResult clean_html(std::string_view html_in) {
  std::string html = repair_utf8(html_in);
  if (max_nesting(html) > kMaxNesting) html = drop_tags(html);
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 0;  // we never read the error list; don't pay for it
  GumboOutput* out = gumbo_parse_with_options(&opts, html.data(), html.size());
  CleanResult r;
  if (!out) return r;
  Meta meta;
  collect_meta(out->root, meta);
  std::string title = !meta.og_title.empty()      ? meta.og_title
                      : !meta.ld_headline.empty() ? collapse(meta.ld_headline)
                      : !meta.title.empty()       ? meta.title
                                                  : meta.h1;
  r = extract(out->root, meta, /*strip_unlikely=*/true, title);
  // Readability's retry: when stripping "unlikely" subtrees left too little, try without.
  if (r.text.size() < 500) {
    CleanResult r2 = extract(out->root, meta, /*strip_unlikely=*/false, title);
    if (r2.text.size() > r.text.size()) r = std::move(r2);
  }
  r.published = !meta.published.empty() ? meta.published
                : !meta.ld_date.empty() ? meta.ld_date
                                        : meta.time_published;
  gumbo_destroy_output(&opts, out);
  // gumbo can emit invalid UTF-8 for an out-of-range numeric character reference
  // ("&#x1888888888888889", found by fuzz/html_clean_fuzz.cpp): repair paragraph by paragraph so
  // the spans stay right.
  if (!valid_utf8(r.text) || !valid_utf8(r.title)) {
    CleanResult fixed;
    for (const Span& p : r.paragraphs)
      append_paragraph(fixed, repair_utf8(std::string_view(r.text).substr(p.begin, p.size())));
    r.text = std::move(fixed.text);
    r.paragraphs = std::move(fixed.paragraphs);
    r.title = repair_utf8(r.title);
  }
  return r;
}

}  // namespace dyad

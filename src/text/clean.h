// clean.h — boilerplate removal: from a web page (or a scrape of one) to the article's text.
//
// Everything after this stage reads only CleanResult::text, so what is dropped here (menus, share
// buttons, captions, tweet embeds, author bios) never becomes an "event". Both entry points take
// arbitrary bytes: invalid UTF-8 is repaired first, malformed HTML is parsed the way a browser
// would (gumbo), and nothing throws on bad input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"

namespace dyad {

struct CleanResult {
  std::string text;                  // clean article text: paragraphs separated by "\n\n"
  std::vector<Span> paragraphs;      // byte spans of each paragraph in `text`
  std::string title;                 // from og:title / <title> / <h1> for HTML; first headline for text
  std::string published;             // ISO date YYYY-MM-DD from HTML metadata, "" if none
  std::vector<std::string> dropped;  // scraped text: the lines removed (for `dyad show` / debugging)
};

// Readability-style main-content extraction from an HTML page: scores DOM subtrees by text
// density, commas, link density, <article>/<main> and class/id hints (article, content vs.
// comment, sidebar, nav, share, related, ad...), uses JSON-LD articleBody as a guide when the
// page has one, then keeps headings and paragraphs of the chosen content.
CleanResult clean_html(std::string_view html);

// Scraped plain text (one paragraph per line, as copied from a browser): drops widget residue
// ("Loading…", "Advertisement"), tweet embeds and their signatures, photo credits and the
// captions before them, language-switch stubs and a closing author bio. Every dropped line is
// listed in CleanResult::dropped.
CleanResult clean_text(std::string_view text);

// Appends `para` (trimmed, whitespace collapsed) to r as a new paragraph; no-op if empty.
void append_paragraph(CleanResult& r, std::string_view para);

}  // namespace dyad

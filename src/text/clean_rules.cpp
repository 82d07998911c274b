// clean_rules.cpp — see clean_rules.h.
#include "text/clean_rules.h"

#include <cctype>
#include <string>

namespace dyad {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

bool is_widget_line(std::string_view line) {
  static const char* const kWidgets[] = {"loading",
                                         "advertisement",
                                         "advertisements",
                                         "ad",
                                         "sponsored",
                                         "sponsored content",
                                         "scroll to continue",
                                         "scroll to continue with content",
                                         "story continues below",
                                         "story continues below advertisement",
                                         "continue reading",
                                         "read more",
                                         "share",
                                         "share this",
                                         "share this article",
                                         "subscribe",
                                         "click to share",
                                         "print",
                                         "email",
                                         "comments",
                                         "comment",
                                         "skip to content",
                                         "watch",
                                         "listen",
                                         "listen to this article",
                                         "related",
                                         "related articles",
                                         "recommended",
                                         "most read",
                                         "you may also like",
                                         "follow us",
                                         "tweet",
                                         "facebook",
                                         "twitter",
                                         "whatsapp",
                                         "linkedin",
                                         "this slideshow requires javascript",
                                         "tell us what you think",
                                         "leave a comment",
                                         "leave a reply",
                                         "don't miss",
                                         "see also",
                                         "read also",
                                         "also read"};
  std::string b = lower(line);
  // Trailing dots, colons, ellipsis, spaces: "Loading…" -> "loading".
  for (;;) {
    if (!b.empty() && (b.back() == '.' || b.back() == ' ' || b.back() == ':' || b.back() == '!'))
      b.pop_back();
    else if (b.size() >= 3 && b.compare(b.size() - 3, 3, "\xE2\x80\xA6") == 0)
      b.resize(b.size() - 3);
    else
      break;
  }
  for (const char* w : kWidgets)
    if (b == w) return true;
  return false;
}

bool is_promo_line(std::string_view para) {
  if (chars(para) > 250) return false;
  std::string l = lower(para);
  for (const char* p : {"sign up for",
                        "sign up to",
                        "subscribe to our",
                        "subscribe to the",
                        "our newsletter",
                        "daily newsletter",
                        "weekly newsletter",
                        "click here",
                        "tell us what you think",
                        "follow us on",
                        "download the app",
                        "download our app",
                        "get the app",
                        "all rights reserved",
                        "this slideshow requires javascript",
                        "enable javascript",
                        "delivered to your inbox",
                        "delivered through your letterbox",
                        "get the latest updates",
                        "share this article",
                        "have a tip?",
                        "got a tip?"})
    if (l.find(p) != std::string::npos) return true;
  return false;
}

}  // namespace dyad

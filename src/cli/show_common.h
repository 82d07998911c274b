// show_common.h — loading a stored document for `dyad show` / `dyad events --doc`.
#pragma once

#include <fmt/core.h>

#include "cli/command.h"
#include "store/store.h"

namespace dyad::cli {

// Loads DOC (id, content key, path or file name) or throws CLI::RuntimeError(1) after a message.
inline StoredDoc load_doc_or_exit(const std::string& ref) {
  auto store = open_store(globals().db);
  std::optional<StoredDoc> d = store->load(ref);
  if (!d) {
    fmt::print(stderr, "dyad: no stored document matches \"{}\" in {}\n", ref, globals().db);
    throw CLI::RuntimeError(1);
  }
  return std::move(*d);
}

// Text of a sentence, whitespace runs shown as one space.
inline std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool sp = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (sp && (out.empty() || out.back() == ' ')) continue;
    out += sp ? ' ' : c;
  }
  return out;
}

inline std::string claim_of(const Event& e) {
  std::string s = e.evidential;
  if (!e.claimant.empty()) s += " by " + e.claimant;
  if (!e.credibility.empty()) s += " [" + e.credibility + "]";
  if (!e.modality.empty()) s += " (" + e.modality + ")";
  if (e.negated) s += " NOT";
  return s;
}

}  // namespace dyad::cli

// negation.h — how a negated event is recoded (PETRARCH-2 semantics).
//
// PETRARCH-2 and UD-PETRARCH do not merely flag "did not clash": they subtract the internal
// ontology's NOT (0xFFFF) from the verb's code and look the result up again, so some negated codes
// become other codes ("not make statement" 010 -> 011 decline comment). dyad keeps that outcome as
// a plain table (data/events/negation.tsv: "code <TAB> negated code", '#' comments).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace dyad::events {

class NegationTable {
 public:
  // Throws InputError("where:line", ...) on a malformed line.
  void read(std::string_view text, const std::string& where);
  // The negated event's code, or "" when negation does not recode `code`.
  std::string_view negate(std::string_view code) const;
  size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, std::string> map_;
};

}  // namespace dyad::events

// error.h — errors that name where they happened.
//
// dyad never aborts a batch on bad input: a stage that fails on one document throws InputError
// naming the file and line, the caller records it and goes on with the next document.
#pragma once

#include <stdexcept>
#include <string>

namespace dyad {

class InputError : public std::runtime_error {
 public:
  // `where` is "file" or "file:line"; `what` says what is wrong, for a person.
  InputError(std::string where, const std::string& what)
      : std::runtime_error(where.empty() ? what : where + ": " + what), where_(std::move(where)) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

}  // namespace dyad

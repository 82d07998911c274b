// handlers.h — one function per API route: store + decoded parameters in, JSON out.
//
// No sockets, no HTTP: api.cpp routes a Request here and turns the result (or an ApiError) into a
// Response. Each handler checks its own parameter list (params.h) so a bad or unknown parameter is
// a 400 naming it. Tests call these directly on a store with the examples ingested.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "api/params.h"
#include "store/query.h"
#include "store/store.h"

namespace dyad::api {

// An error meant for the client: HTTP status and a message (which names the parameter at fault).
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  explicit ApiError(const ParamError& e) : std::runtime_error(e.message), status_(400) {}
  int status() const { return status_; }

 private:
  int status_;
};

nlohmann::json summary(Store& store, const ParamList& params);
nlohmann::json documents(Store& store, const ParamList& params);
nlohmann::json document(Store& store, const std::string& id, const ParamList& params);
nlohmann::json events(Store& store, const ParamList& params);
nlohmann::json event(Store& store, const std::string& id, const ParamList& params);
nlohmann::json actors(Store& store, const ParamList& params);
nlohmann::json dyad_series(Store& store, const std::string& source, const std::string& target,
                           const ParamList& params);
nlohmann::json network(Store& store, const ParamList& params);
nlohmann::json claims(Store& store, const ParamList& params);
nlohmann::json search(Store& store, const ParamList& params);

// JSON form of one event row (also used by tests).
nlohmann::json to_json(const EventRow& e);

}  // namespace dyad::api

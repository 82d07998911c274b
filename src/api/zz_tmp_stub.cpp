#include "api/handlers.h"
namespace dyad::api {
#define S(x) nlohmann::json x(Store&, const ParamList&) { throw ApiError(501, "needs h/kb"); }
S(documents) S(events) S(actors) S(network) S(claims) S(search)
nlohmann::json event(Store&, const std::string&, const ParamList&) { throw ApiError(501, "x"); }
nlohmann::json dyad_series(Store&, const std::string&, const std::string&, const ParamList&) { throw ApiError(501, "x"); }
}

// Follow requests (docs.joinmastodon.org/methods/follow_requests): the
// accounts waiting for the viewer, a locked account, to accept them.
#include <boost/json.hpp>

#include "api/routes.h"
#include "service/verbs.h"

namespace piaf::api {

void AddFollowRequestRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  add("GET", "/api/v1/follow_requests", "read:follows", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    return AccountList(C, c, service::ListFollowRequests(C, c.viewer, *page), page->limit);
  });
  for (bool accept : {true, false}) {
    add("POST",
        accept ? "/api/v1/follow_requests/:id/authorize" : "/api/v1/follow_requests/:id/reject",
        "write:follows", true, [&C, accept](Call& c) {
          auto id = core::ParseId(c.args.at(0));
          if (!id) return ErrorResponse(core::NotFound());
          auto r = accept ? service::AuthorizeFollowRequest(C, c.viewer, *id)
                          : service::RejectFollowRequest(C, c.viewer, *id);
          if (!r) return ErrorResponse(r.error());
          return JsonResponse(200, boost::json::serialize(RelationshipJson(*r)));
        });
  }
}

}  // namespace piaf::api

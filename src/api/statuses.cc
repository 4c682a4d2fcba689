// Statuses (docs.joinmastodon.org/methods/statuses): create, get, several
// at once, delete, context, favourite, reblog and who did.
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/verbs.h"

namespace piaf::api {

namespace json = boost::json;
using core::Id;

void AddStatusRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  const auto& S = ctx.settings;
  add("POST", "/api/v1/statuses", "write:statuses", true, [&C, &S](Call& c) {
    service::PostStatusInput in;
    auto status = c.params.Get("status");
    if (!status) return ErrorResponse(core::Unprocessable("Text can't be blank"));
    in.text = *status;
    auto reply = c.params.GetId("in_reply_to_id");
    if (!reply) return ErrorResponse(core::NotFound());
    in.in_reply_to_id = *reply;
    if (auto v = c.params.Get("visibility"); v && !v->empty()) {
      in.visibility = ParseVisibility(*v);
      if (!in.visibility) return ErrorResponse(core::Unprocessable("Visibility is invalid"));
    }
    if (!c.params.GetAll("media_ids").empty()) {
      return ErrorResponse(core::Unprocessable("Media attachments are not supported yet"));
    }
    if (c.params.Has("poll[options]") || c.params.Has("scheduled_at")) {
      return ErrorResponse(
          core::Unprocessable("Polls and scheduled statuses are not supported yet"));
    }
    in.spoiler_text = Param(c, "spoiler_text");
    in.language = Param(c, "language");
    in.idempotency_key = c.request.Header("idempotency-key");
    auto v = service::PostStatus(C, c.viewer, in);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, StatusText(*v, S));
  });
  // Several at once (Mastodon 4.3): those the viewer may see, in the order
  // asked, each once; 20 ids at most.
  add("GET", "/api/v1/statuses", "", false, [&C, &S](Call& c) {
    auto given = c.params.GetAll("id");
    if (given.size() > 20) return ErrorResponse(core::Unprocessable("At most 20 ids"));
    std::vector<Id> ids;
    for (const auto& g : given) {
      auto id = core::ParseId(g);
      if (id && std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
    }
    std::vector<service::StatusView> found;
    for (Id id : ids) {
      if (auto v = service::GetStatus(C, c.viewer, id)) found.push_back(std::move(*v));
    }
    return JsonResponse(200, JsonArray(found, [&](std::string& out, const auto& v) {
                          AppendStatus(out, v, S);
                        }));
  });
  add("GET", "/api/v1/statuses/:id", "", false, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::GetStatus(C, c.viewer, *id);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, StatusText(*v, S));
  });
  add("DELETE", "/api/v1/statuses/:id", "write:statuses", true, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::DeleteStatus(C, c.viewer, *id);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, DeletedStatusText(*v, S));
  });
  add("GET", "/api/v1/statuses/:id/context", "", false, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto t = service::GetContext(C, c.viewer, *id);
    if (!t) return ErrorResponse(t.error());
    auto append = [&](std::string& out, const auto& v) { AppendStatus(out, v, S); };
    return JsonResponse(200, "{\"ancestors\":" + JsonArray(t->ancestors, append) +
                                 ",\"descendants\":" + JsonArray(t->descendants, append) + "}");
  });
  auto status_action = [&add, &C, &S](const char* path, auto verb) {
    add("POST", path, "write:favourites", true, [&C, &S, verb](Call& c) {
      auto id = ArgId(c);
      if (!id) return ErrorResponse(id.error());
      auto v = verb(C, c.viewer, *id);
      if (!v) return ErrorResponse(v.error());
      return JsonResponse(200, StatusText(*v, S));
    });
  };
  status_action("/api/v1/statuses/:id/favourite", service::Favourite);
  status_action("/api/v1/statuses/:id/unfavourite", service::Unfavourite);
  add("POST", "/api/v1/statuses/:id/reblog", "write:statuses", true, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    std::optional<store::Visibility> vis;
    if (auto v = c.params.Get("visibility"); v && !v->empty()) vis = ParseVisibility(*v);
    auto v = service::Reblog(C, c.viewer, *id, vis);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, StatusText(*v, S));
  });
  add("POST", "/api/v1/statuses/:id/unreblog", "write:statuses", true, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::Unreblog(C, c.viewer, *id);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, StatusText(*v, S));
  });
  add("GET", "/api/v1/statuses/:id/reblogged_by", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    auto list = service::RebloggedBy(C, c.viewer, *id, *page);
    if (!list) return ErrorResponse(list.error());
    return AccountList(C, c, *list, page->limit);
  });
  add("GET", "/api/v1/statuses/:id/favourited_by", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    auto list = service::FavouritedBy(C, c.viewer, *id, *page);
    if (!list) return ErrorResponse(list.error());
    return AccountList(C, c, *list, page->limit);
  });
}

}  // namespace piaf::api

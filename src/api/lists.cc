// Lists (docs.joinmastodon.org/methods/lists): the viewer's lists, their
// members, the lists that hold an account, a list's timeline
// (/api/v1/timelines/list/:id). The list stream is streaming.cc's.
#include "service/lists.h"

#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

// The List entity.
json::value ListJson(const store::List& l) {
  return json::object{{"id", core::IdToString(l.id)},
                      {"title", l.title},
                      {"replies_policy", l.replies_policy},
                      {"exclusive", l.exclusive}};
}

Response ListResponse(const core::Result<store::List>& l) {
  if (!l) return ErrorResponse(l.error());
  return JsonResponse(200, json::serialize(ListJson(*l)));
}

Response ListsResponse(const std::vector<store::List>& lists) {
  json::array out;
  for (const auto& l : lists) out.push_back(ListJson(l));
  return JsonResponse(200, json::serialize(out));
}

core::Result<service::ListInput> ParseListInput(const Params& p) {
  service::ListInput in;
  in.title = p.Get("title");
  if (auto policy = p.Get("replies_policy"); policy && !policy->empty()) in.replies_policy = policy;
  auto exclusive = p.GetBool("exclusive");
  if (!exclusive) return exclusive.error();
  in.exclusive = *exclusive;
  return in;
}

// account_ids[]: each an id (else not found, as an unknown account is).
core::Result<std::vector<core::Id>> AccountIds(const Params& p) {
  std::vector<core::Id> ids;
  for (const auto& s : p.GetAll("account_ids")) {
    auto id = core::ParseId(s);
    if (!id) return core::NotFound();
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace

void AddListRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  add("GET", "/api/v1/lists", "read:lists", true,
      [&C](Call& c) { return ListsResponse(service::GetLists(C, c.viewer)); });
  add("POST", "/api/v1/lists", "write:lists", true, [&C](Call& c) {
    auto in = ParseListInput(c.params);
    if (!in) return ErrorResponse(in.error());
    return ListResponse(service::CreateList(C, c.viewer, *in));
  });
  add("GET", "/api/v1/lists/:id", "read:lists", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return ListResponse(service::GetList(C, c.viewer, *id));
  });
  add("PUT", "/api/v1/lists/:id", "write:lists", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto in = ParseListInput(c.params);
    if (!in) return ErrorResponse(in.error());
    return ListResponse(service::UpdateList(C, c.viewer, *id, *in));
  });
  add("DELETE", "/api/v1/lists/:id", "write:lists", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    if (auto done = service::DeleteList(C, c.viewer, *id); !done) return ErrorResponse(done.error());
    return JsonResponse(200, "{}");
  });

  // Members: 40 a page by default, 80 at most, all of them with limit=0 (no
  // Link then), newest member first, paged by their rows.
  add("GET", "/api/v1/lists/:id/accounts", "read:lists", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    bool all = c.params.Get("limit") == std::optional<std::string>("0");
    auto page = all ? core::Result<store::Page>(store::Page{}) : ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    if (all) page->limit = 0;
    auto members = service::ListAccounts(C, c.viewer, *id, *page);
    if (!members) return ErrorResponse(members.error());
    if (all) {
      std::string body = "[";
      for (const auto& [row, account] : members->items) {
        if (body.size() > 1) body += ',';
        AppendAccount(body, account, C.settings);
      }
      return JsonResponse(200, body + "]");
    }
    return AccountList(C, c, *members, page->limit);
  });
  auto members = [&add, &C](const char* method, const char* scope, auto verb) {
    add(method, "/api/v1/lists/:id/accounts", scope, true, [&C, verb](Call& c) {
      auto id = ArgId(c);
      if (!id) return ErrorResponse(id.error());
      auto accounts = AccountIds(c.params);
      if (!accounts) return ErrorResponse(accounts.error());
      if (auto done = verb(C, c.viewer, *id, *accounts); !done) return ErrorResponse(done.error());
      return JsonResponse(200, "{}");
    });
  };
  members("POST", "write:lists", service::AddListAccounts);
  members("DELETE", "write:lists", service::RemoveListAccounts);

  // A list's timeline: its owner's only (service/lists.h).
  add("GET", "/api/v1/timelines/list/:id", "read:lists", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    auto list = service::ReadListTimeline(C, c.viewer, *id, *page);
    if (!list) return ErrorResponse(list.error());
    return StatusList(C, c, std::move(*list));
  });
  add("GET", "/api/v1/accounts/:id/lists", "read:lists", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto lists = service::ListsWithAccount(C, c.viewer, *id);
    if (!lists) return ErrorResponse(lists.error());
    return ListsResponse(*lists);
  });
}

}  // namespace piaf::api

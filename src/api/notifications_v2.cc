// Grouped notifications (docs.joinmastodon.org/methods/grouped_notifications,
// Mastodon 4.3), the notification policy (v2 and the v1 shape) and
// notification requests (methods/notifications#requests).
#include <algorithm>

#include "api/entities.h"
#include "api/routes.h"
#include "service/notification_groups.h"
#include "service/notification_policy.h"

namespace piaf::api {
namespace {

void AppendGroup(std::string& out, const service::NotificationGroupView& g) {
  out += "{\"group_key\":";
  AppendJsonString(out, g.group_key);
  out += ",\"notifications_count\":" + std::to_string(g.notifications_count);
  out += ",\"type\":";
  AppendJsonString(out, g.type);
  out += ",\"most_recent_notification_id\":";
  AppendJsonString(out, core::IdToString(g.most_recent_id));
  out += ",\"page_min_id\":";
  AppendJsonString(out, core::IdToString(g.page_min_id));
  out += ",\"page_max_id\":";
  AppendJsonString(out, core::IdToString(g.page_max_id));
  out += ",\"latest_page_notification_at\":";
  AppendJsonString(out, core::FormatTime(core::IdToMs(g.most_recent_id)));
  out += ",\"sample_account_ids\":[";
  for (std::size_t i = 0; i < g.sample_accounts.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, core::IdToString(g.sample_accounts[i].account().id));
  }
  out += ']';
  if (g.status) {
    out += ",\"status_id\":";
    AppendJsonString(out, core::IdToString(g.status->status().id));
  }
  out += '}';
}

// GroupedNotificationsResults: the groups' accounts and statuses once each.
std::string Results(const std::vector<service::NotificationGroupView>& groups,
                    const service::Settings& s) {
  std::string accounts = "[", statuses = "[", list = "[";
  std::vector<core::Id> seen_accounts, seen_statuses;
  for (const auto& g : groups) {
    if (list.size() > 1) list += ',';
    AppendGroup(list, g);
    for (const auto& a : g.sample_accounts) {
      if (std::find(seen_accounts.begin(), seen_accounts.end(), a.account().id) !=
          seen_accounts.end()) {
        continue;
      }
      seen_accounts.push_back(a.account().id);
      if (accounts.size() > 1) accounts += ',';
      AppendAccount(accounts, a, s);
    }
    if (g.status && std::find(seen_statuses.begin(), seen_statuses.end(), g.status->status().id) ==
                        seen_statuses.end()) {
      seen_statuses.push_back(g.status->status().id);
      if (statuses.size() > 1) statuses += ',';
      AppendStatus(statuses, *g.status, s);
    }
  }
  return "{\"accounts\":" + accounts + "],\"statuses\":" + statuses +
         "],\"notification_groups\":" + list + "]}";
}

core::Result<service::GroupedInput> GroupedInputOf(const Call& c, int default_limit,
                                                   int max_limit) {
  service::GroupedInput in;
  auto page = ParsePage(c.params, default_limit, max_limit);
  if (!page) return page.error();
  in.page = *page;
  in.types = c.params.GetAll("types");
  in.exclude_types = c.params.GetAll("exclude_types");
  if (c.params.Has("grouped_types")) in.grouped_types = c.params.GetAll("grouped_types");
  auto account = c.params.GetId("account_id");
  if (!account) return account.error();
  in.account_id = *account;
  return in;
}

std::string PolicySummary(const service::PolicyView& p) {
  return "{\"pending_requests_count\":" + std::to_string(p.pending_requests) +
         ",\"pending_notifications_count\":" + std::to_string(p.pending_notifications) + "}";
}

std::string PolicyV2(const service::PolicyView& v) {
  const auto& p = v.policy;
  std::string out = "{";
  auto field = [&](const char* name, const std::string& value) {
    out += '"';
    out += name;
    out += "\":";
    AppendJsonString(out, value);
    out += ',';
  };
  field("for_not_following", p.for_not_following);
  field("for_not_followers", p.for_not_followers);
  field("for_new_accounts", p.for_new_accounts);
  field("for_private_mentions", p.for_private_mentions);
  field("for_limited_accounts", p.for_limited_accounts);
  return out + "\"summary\":" + PolicySummary(v) + "}";
}

// The v1 shape: booleans, true for anything but accept.
std::string PolicyV1(const service::PolicyView& v) {
  const auto& p = v.policy;
  auto b = [](const std::string& s) { return s == "accept" ? "false" : "true"; };
  return std::string("{\"filter_not_following\":") + b(p.for_not_following) +
         ",\"filter_not_followers\":" + b(p.for_not_followers) +
         ",\"filter_new_accounts\":" + b(p.for_new_accounts) +
         ",\"filter_private_mentions\":" + b(p.for_private_mentions) +
         ",\"summary\":" + PolicySummary(v) + "}";
}

std::string RequestText(const service::NotificationRequestView& v, const service::Settings& s) {
  std::string out = "{\"id\":";
  AppendJsonString(out, core::IdToString(v.request.id));
  out += ",\"created_at\":";
  AppendJsonString(out, core::FormatTime(core::IdToMs(v.request.id)));
  out += ",\"updated_at\":";
  AppendJsonString(out,
                   core::FormatTime(core::IdToMs(std::max(v.request.id, v.request.updated_id))));
  out += ",\"account\":";
  AppendAccount(out, v.account, s);
  out += ",\"notifications_count\":";
  AppendJsonString(out, std::to_string(v.request.notifications_count));
  out += ",\"last_status\":";
  if (v.last_status) {
    AppendStatus(out, *v.last_status, s);
  } else {
    out += "null";
  }
  return out + "}";
}

}  // namespace

void AddNotificationV2Routes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  // ----------------------------------------------------------- grouped
  add("GET", "/api/v2/notifications", "read:notifications", true, [&C](Call& c) {
    auto in = GroupedInputOf(c, 40, 80);
    if (!in) return ErrorResponse(in.error());
    auto groups = service::ListNotificationGroups(C, c.viewer, *in);
    Response r = JsonResponse(200, Results(groups, C.settings));
    if (!groups.empty()) {
      core::Id oldest = groups.front().page_min_id, newest = groups.front().page_max_id;
      for (const auto& g : groups) {
        oldest = std::min(oldest, g.page_min_id);
        newest = std::max(newest, g.page_max_id);
      }
      AddLink(r, C.settings, c.request, c.params, oldest, newest);
    }
    return r;
  });
  add("GET", "/api/v2/notifications/unread_count", "read:notifications", true, [&C](Call& c) {
    auto in = GroupedInputOf(c, 100, 1000);
    if (!in) return ErrorResponse(in.error());
    int count = service::UnreadGroupCount(C, c.viewer, *in);
    return JsonResponse(200, "{\"count\":" + std::to_string(count) + "}");
  });
  add("GET", "/api/v2/notifications/:group_key", "read:notifications", true, [&C](Call& c) {
    auto g = service::GetNotificationGroup(C, c.viewer, c.args[0]);
    if (!g) return ErrorResponse(g.error());
    return JsonResponse(200, Results({*g}, C.settings));
  });
  add("POST", "/api/v2/notifications/:group_key/dismiss", "write:notifications", true,
      [&C](Call& c) {
        service::DismissNotificationGroup(C, c.viewer, c.args[0]);
        return JsonResponse(200, "{}");
      });
  add("GET", "/api/v2/notifications/:group_key/accounts", "read:notifications", true,
      [&C](Call& c) {
        auto accounts = service::NotificationGroupAccounts(C, c.viewer, c.args[0]);
        if (!accounts) return ErrorResponse(accounts.error());
        std::string out = "[";
        for (const auto& a : *accounts) {
          if (out.size() > 1) out += ',';
          AppendAccount(out, a, C.settings);
        }
        return JsonResponse(200, out + "]");
      });

  // ------------------------------------------------------------ policy
  add("GET", "/api/v2/notifications/policy", "read:notifications", true, [&C](Call& c) {
    return JsonResponse(200, PolicyV2(service::GetNotificationPolicy(C, c.viewer)));
  });
  add("PATCH", "/api/v2/notifications/policy", "write:notifications", true, [&C](Call& c) {
    service::PolicyInput in{c.params.Get("for_not_following"), c.params.Get("for_not_followers"),
                            c.params.Get("for_new_accounts"), c.params.Get("for_private_mentions"),
                            c.params.Get("for_limited_accounts")};
    auto v = service::UpdateNotificationPolicy(C, c.viewer, in);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, PolicyV2(*v));
  });
  add("GET", "/api/v1/notifications/policy", "read:notifications", true, [&C](Call& c) {
    return JsonResponse(200, PolicyV1(service::GetNotificationPolicy(C, c.viewer)));
  });
  add("PUT", "/api/v1/notifications/policy", "write:notifications", true, [&C](Call& c) {
    service::PolicyInput in;
    std::optional<std::string>* fields[] = {&in.for_not_following, &in.for_not_followers,
                                            &in.for_new_accounts, &in.for_private_mentions};
    const char* names[] = {"filter_not_following", "filter_not_followers", "filter_new_accounts",
                           "filter_private_mentions"};
    for (int i = 0; i < 4; ++i) {
      auto b = c.params.GetBool(names[i]);
      if (!b) return ErrorResponse(b.error());
      if (*b) *fields[i] = **b ? "filter" : "accept";
    }
    auto v = service::UpdateNotificationPolicy(C, c.viewer, in);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, PolicyV1(*v));
  });

  // ---------------------------------------------------------- requests
  add("GET", "/api/v1/notifications/requests", "read:notifications", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    auto list = service::ListNotificationRequests(C, c.viewer, *page);
    std::string out = "[";
    for (const auto& v : list) {
      if (out.size() > 1) out += ',';
      out += RequestText(v, C.settings);
    }
    Response r = JsonResponse(200, out + "]");
    if (!list.empty()) {
      AddLink(r, C.settings, c.request, c.params, list.back().request.id, list.front().request.id);
    }
    return r;
  });
  add("GET", "/api/v1/notifications/requests/merged", "read:notifications", true,
      [](Call&) { return JsonResponse(200, "{\"merged\":true}"); });
  add("GET", "/api/v1/notifications/requests/:id", "read:notifications", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::GetNotificationRequest(C, c.viewer, *id);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, RequestText(*v, C.settings));
  });
  for (bool accept : {true, false}) {
    add("POST",
        accept ? "/api/v1/notifications/requests/:id/accept"
               : "/api/v1/notifications/requests/:id/dismiss",
        "write:notifications", true, [&C, accept](Call& c) {
          auto id = ArgId(c);
          if (!id) return ErrorResponse(id.error());
          auto done = service::CloseNotificationRequest(C, c.viewer, *id, accept);
          if (!done) return ErrorResponse(done.error());
          return JsonResponse(200, "{}");
        });
    // Several at once (id[]): those that are not the viewer's are let be.
    add("POST",
        accept ? "/api/v1/notifications/requests/accept" : "/api/v1/notifications/requests/dismiss",
        "write:notifications", true, [&C, accept](Call& c) {
          for (const auto& s : c.params.GetAll("id")) {
            if (auto id = core::ParseId(s)) {
              (void)service::CloseNotificationRequest(C, c.viewer, *id, accept);
            }
          }
          return JsonResponse(200, "{}");
        });
  }
}

}  // namespace piaf::api

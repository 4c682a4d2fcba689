#include "service/notification_groups.h"

#include <algorithm>
#include <map>

#include "service/filters.h"

namespace piaf::service {
namespace {

constexpr std::int64_t kSpanMs = 12LL * 3600 * 1000;
constexpr std::size_t kSampleAccounts = 8;
constexpr int kBatch = 80, kRounds = 10;

bool Listed(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The notification as the v1 list shows it (or nothing), `filter`ed.
std::optional<NotificationView> Shown(Context& ctx, const Viewer& viewer,
                                      const store::Notification& n, const GroupedInput& in) {
  if (!in.types.empty() && !Listed(in.types, n.type)) return std::nullopt;
  if (Listed(in.exclude_types, n.type)) return std::nullopt;
  if (in.account_id && n.from_account_id != *in.account_id) return std::nullopt;
  auto v = ViewNotification(ctx, viewer, n);
  if (v && v->status && !ApplyFilters(ctx, viewer, FilterContext::kNotifications, *v->status)) {
    return std::nullopt;
  }
  return v;
}

struct Building {
  NotificationGroupView group;
  std::vector<Id> sampled;
};

void Absorb(Building& b, NotificationView&& v) {
  const auto& n = v.notification;
  auto& g = b.group;
  if (g.notifications_count == 0) {
    g.type = n.type;
    g.page_min_id = g.page_max_id = g.most_recent_id = n.id;
  }
  ++g.notifications_count;
  g.page_min_id = std::min(g.page_min_id, n.id);
  g.page_max_id = std::max(g.page_max_id, n.id);
  g.most_recent_id = g.page_max_id;
  if (!g.status && v.status) g.status = std::move(v.status);
  b.sampled.push_back(n.id);
  // Newest first: a newer notification's account goes in front.
  auto& s = g.sample_accounts;
  auto same = [&](const AccountView& a) { return a.account().id == v.from.account().id; };
  auto it = std::find_if(s.begin(), s.end(), same);
  bool newest = n.id == g.most_recent_id;
  if (it != s.end()) {
    if (newest) {
      AccountView a = *it;
      s.erase(it);
      s.insert(s.begin(), std::move(a));
    }
    return;
  }
  if (newest) {
    s.insert(s.begin(), v.from);
  } else {
    s.push_back(v.from);
  }
  if (s.size() > kSampleAccounts) s.pop_back();
}

// The notifications of the group with this key, newest first (the newest
// 2,000 looked at).
std::vector<NotificationView> Members(Context& ctx, const Viewer& viewer, const std::string& key) {
  std::vector<NotificationView> out;
  if (!viewer.account_id) return out;
  GroupedInput in;
  store::Page page;
  page.limit = 200;
  for (int round = 0; round < 10; ++round) {
    auto batch = ctx.store.ListNotifications(*viewer.account_id, page);
    for (const auto& n : batch) {
      if (GroupKey(n, in.grouped_types) != key) continue;
      if (auto v = Shown(ctx, viewer, n, in)) out.push_back(std::move(*v));
    }
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.max_id = batch.back().id;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& DefaultGroupedTypes() {
  static const std::vector<std::string> kTypes{"favourite", "follow", "reblog"};
  return kTypes;
}

std::string GroupKey(const store::Notification& n, const std::vector<std::string>& grouped_types) {
  bool on_status = n.type == "favourite" || n.type == "reblog";
  bool groupable = (on_status && n.status_id) || n.type == "follow";
  if (!groupable || !Listed(grouped_types, n.type)) return "ungrouped-" + std::to_string(n.id);
  std::string key = n.type;
  if (on_status) key += "-" + std::to_string(*n.status_id);
  std::int64_t hours = core::IdToMs(n.id) / kSpanMs * 12;
  return key + "-" + std::to_string(hours);
}

std::vector<NotificationGroupView> ListNotificationGroups(Context& ctx, const Viewer& viewer,
                                                          const GroupedInput& in) {
  std::vector<NotificationGroupView> out;
  if (!viewer.account_id || in.page.limit <= 0) return out;
  std::vector<Building> groups;
  std::map<std::string, std::size_t> at;
  bool ascending = in.page.min_id.has_value();  // the groups just above min_id
  store::Page page = in.page;
  page.limit = kBatch;
  bool full = false;
  for (int round = 0; round < kRounds && !full; ++round) {
    auto batch = ctx.store.ListNotifications(*viewer.account_id, page);
    if (ascending) std::reverse(batch.begin(), batch.end());  // oldest first
    for (const auto& n : batch) {
      std::string key = GroupKey(n, in.grouped_types);
      auto it = at.find(key);
      if (it == at.end() && static_cast<int>(groups.size()) >= in.page.limit) {
        full = true;  // the next group begins: the page ends here
        break;
      }
      auto v = Shown(ctx, viewer, n, in);
      if (!v) continue;
      if (it == at.end()) {
        it = at.emplace(key, groups.size()).first;
        groups.push_back({});
        groups.back().group.group_key = key;
      }
      Absorb(groups[it->second], std::move(*v));
    }
    if (full || static_cast<int>(batch.size()) < page.limit) break;
    if (ascending) {
      page.min_id = batch.back().id;
    } else {
      page.max_id = batch.back().id;
    }
  }
  for (auto& b : groups) out.push_back(std::move(b.group));
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.most_recent_id > b.most_recent_id; });
  return out;
}

Result<NotificationGroupView> GetNotificationGroup(Context& ctx, const Viewer& viewer,
                                                   const std::string& key) {
  auto members = Members(ctx, viewer, key);
  if (members.empty()) return core::NotFound();
  Building b;
  b.group.group_key = key;
  for (auto& v : members) Absorb(b, std::move(v));
  return std::move(b.group);
}

Result<std::vector<AccountView>> NotificationGroupAccounts(Context& ctx, const Viewer& viewer,
                                                           const std::string& key) {
  auto members = Members(ctx, viewer, key);
  if (members.empty()) return core::NotFound();
  std::vector<AccountView> out;
  for (auto& v : members) {
    Id id = v.from.account().id;
    if (std::none_of(out.begin(), out.end(),
                     [&](const AccountView& a) { return a.account().id == id; })) {
      out.push_back(std::move(v.from));
    }
  }
  return out;
}

void DismissNotificationGroup(Context& ctx, const Viewer& viewer, const std::string& key) {
  if (!viewer.account_id) return;
  for (const auto& v : Members(ctx, viewer, key)) {
    ctx.store.DeleteNotification(*viewer.account_id, v.notification.id);
  }
}

int UnreadGroupCount(Context& ctx, const Viewer& viewer, const GroupedInput& input) {
  if (!viewer.account_id) return 0;
  GroupedInput in = input;
  in.page = store::Page{};
  auto markers = ctx.store.GetMarkers(*viewer.account_id, {"notifications"});
  if (!markers.empty()) in.page.since_id = markers[0].last_read_id;
  in.page.limit = input.page.limit;
  return static_cast<int>(ListNotificationGroups(ctx, viewer, in).size());
}

}  // namespace piaf::service

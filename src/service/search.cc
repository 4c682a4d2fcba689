// Search: accounts, hashtags, statuses (src/search parses the query; the
// store's full-text index finds candidates; the one visibility check decides).
#include <algorithm>

#include "search/query.h"
#include "service/verbs.h"
#include "text/char_class.h"

namespace piaf::service {
namespace {

std::vector<StatusView> SearchStatuses(Context& ctx, const Viewer& viewer, const SearchInput& in) {
  std::vector<StatusView> out;
  search::Query q = search::ParseQuery(in.q);
  if (q.words.empty() && q.tags.empty() && !q.from) return out;
  store::StatusSearch s;
  s.match = search::MatchExpression(q.words);
  s.tags = q.tags;
  s.account_id = in.account_id;
  if (q.from) {
    auto author = ctx.store.GetAccountByUsername(*q.from);
    if (!author || (s.account_id && *s.account_id != author->id)) return out;
    s.account_id = author->id;
  }
  s.max_id = in.max_id;
  s.min_id = in.min_id;
  // Candidates in batches, newest first (oldest first with min_id), until
  // offset + limit visible ones; a few batches at most.
  std::size_t wanted = static_cast<std::size_t>(in.offset + in.limit);
  s.limit = std::max<int>(40, static_cast<int>(wanted) * 2);
  for (int batch = 0; batch < 5 && out.size() < wanted; ++batch) {
    auto ids = ctx.store.SearchStatusIds(s);  // newest first
    for (Id id : ids) {
      auto v = ViewStatusById(ctx, viewer, id);
      if (v && !HiddenByMute(ctx, viewer, *v)) out.push_back(std::move(*v));
    }
    if (static_cast<int>(ids.size()) < s.limit) break;
    if (in.min_id) {
      s.min_id = ids.front();
    } else {
      s.max_id = ids.back();
    }
  }
  // With min_id the page is the oldest after it (still shown newest first).
  std::sort(out.begin(), out.end(), [&](const StatusView& a, const StatusView& b) {
    return in.min_id ? a.status().id < b.status().id : a.status().id > b.status().id;
  });
  std::size_t from = std::min<std::size_t>(in.offset, out.size());
  std::size_t to = std::min(out.size(), wanted);
  std::vector<StatusView> page(std::make_move_iterator(out.begin() + from),
                               std::make_move_iterator(out.begin() + to));
  if (in.min_id) std::reverse(page.begin(), page.end());
  return page;
}

}  // namespace

SearchResults Search(Context& ctx, const Viewer& viewer, const SearchInput& in) {
  SearchResults r;
  bool all = in.type.empty();
  if (all || in.type == "accounts") {
    for (auto& a : SearchAccounts(ctx, in.q, in.offset + in.limit)) {
      if (in.following && !Follows(ctx, viewer, a.account().id)) continue;
      if (BlockRelated(ctx, viewer, a.account().id)) continue;
      r.accounts.push_back(std::move(a));
    }
    r.accounts.erase(r.accounts.begin(),
                     r.accounts.begin() + std::min<std::size_t>(in.offset, r.accounts.size()));
  }
  if (all || in.type == "hashtags") {
    std::string_view q = in.q;
    while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
    while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
    if (!q.empty() && q.front() == '#') q.remove_prefix(1);
    if (!q.empty() && q.find(' ') == std::string_view::npos) {
      r.hashtags = ctx.store.SearchTags(text::LowerCase(q), in.offset + in.limit);
      r.hashtags.erase(r.hashtags.begin(),
                       r.hashtags.begin() + std::min<std::size_t>(in.offset, r.hashtags.size()));
    }
  }
  if (all || in.type == "statuses") r.statuses = SearchStatuses(ctx, viewer, in);
  return r;
}

}  // namespace piaf::service

// Followed hashtags (service/followed_tags.h).
#include "service/followed_tags.h"

#include <algorithm>
#include <functional>

#include "core/utf8.h"
#include "text/char_class.h"
#include "text/extract.h"

namespace piaf::service {
namespace {

const Relations& Mine(Context& ctx, const Viewer& viewer) {
  auto& slot = viewer.memo->relations;
  if (!slot) slot = ctx.snapshots.RelationsOf(*viewer.account_id);
  return *slot;
}

}  // namespace

std::optional<std::string> TagNameOf(std::string_view name) {
  if (!name.empty() && name[0] == '#') name.remove_prefix(1);
  if (name.empty() || name.size() > 400) return std::nullopt;
  auto text = core::DecodeUtf8(name);
  if (!text) return std::nullopt;
  auto found = text::ExtractHashtags(U"#" + *text);
  if (found.size() != 1 || found[0].tag != name) return std::nullopt;
  return text::LowerCase(name);
}

Result<TagView> FollowTag(Context& ctx, const Viewer& viewer, std::string_view name) {
  if (!viewer.account_id) return core::Forbidden();
  auto tag = TagNameOf(name);
  if (!tag) return core::NotFound();
  ctx.store.PutFollowedTag(ctx.ids.Next(), *viewer.account_id, *tag);
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return TagView{*tag, true};
}

Result<TagView> UnfollowTag(Context& ctx, const Viewer& viewer, std::string_view name) {
  if (!viewer.account_id) return core::Forbidden();
  auto tag = TagNameOf(name);
  if (!tag) return core::NotFound();
  ctx.store.DeleteFollowedTag(*viewer.account_id, *tag);
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return TagView{*tag, false};
}

std::vector<std::pair<Id, std::string>> FollowedTags(Context& ctx, const Viewer& viewer,
                                                     const store::Page& page) {
  if (!viewer.account_id) return {};
  return ctx.store.ListFollowedTags(*viewer.account_id, page);
}

const std::vector<std::string>& FollowedTagNames(Context& ctx, const Viewer& viewer) {
  static const std::vector<std::string> kNone;
  return viewer.account_id ? Mine(ctx, viewer).followed_tags : kNone;
}

bool FollowsTag(Context& ctx, const Viewer& viewer, const std::string& tag) {
  if (!viewer.account_id) return false;
  const auto& tags = Mine(ctx, viewer).followed_tags;
  return std::binary_search(tags.begin(), tags.end(), tag);
}

bool AnyoneFollowsTag(Context& ctx, const std::string& tag) { return ctx.store.TagFollowed(tag); }

bool HasFollowedTag(Context& ctx, const Viewer& viewer, const store::Status& status) {
  if (!viewer.account_id || status.tags.empty() || status.reblog_of_id ||
      status.visibility != store::Visibility::kPublic) {
    return false;
  }
  const auto& tags = Mine(ctx, viewer).followed_tags;
  if (tags.empty()) return false;
  return std::any_of(status.tags.begin(), status.tags.end(), [&](const std::string& t) {
    return std::binary_search(tags.begin(), tags.end(), t);
  });
}

Id TagWindowKey(const std::string& tag) {
  // The high bit set: a negative id, which no account has.
  return static_cast<Id>(std::hash<std::string>{}(tag) | (std::uint64_t{1} << 63));
}

void PushTagWindows(Context& ctx, const store::Status& status) {
  if (status.visibility != store::Visibility::kPublic || status.reblog_of_id) return;
  for (const auto& tag : status.tags) ctx.timelines.PushAuthorWindow(TagWindowKey(tag), status.id);
}

std::vector<Id> TagWindow(Context& ctx, const std::string& tag, const timeline::Slice& slice) {
  Id key = TagWindowKey(tag);
  if (auto window = ctx.timelines.GetAuthorWindow(key, slice)) return std::move(*window);
  auto version = ctx.timelines.WindowVersion(key);  // before the store is read
  auto ids = ctx.store.ListTagStatusIds(tag, static_cast<int>(ctx.timelines.WindowCapacity()));
  ctx.timelines.LoadAuthorWindow(key, ids, version);
  return timeline::SliceOf(ids, slice);
}

}  // namespace piaf::service

// Lists: the verbs behind /api/v1/lists (service/lists.h).
#include "service/lists.h"

#include <algorithm>

#include "core/utf8.h"

namespace piaf::service {
namespace {

constexpr std::size_t kMaxTitleCharacters = 256;

const Relations& Mine(Context& ctx, const Viewer& viewer) {
  auto& slot = viewer.memo->relations;
  if (!slot) slot = ctx.snapshots.RelationsOf(*viewer.account_id);
  return *slot;
}

bool KnownPolicy(const std::string& p) { return p == "followed" || p == "list" || p == "none"; }

// Applies `in` to `list`; unprocessable as Mastodon's validations answer.
core::Status Apply(store::List& list, const ListInput& in) {
  if (in.title) list.title = *in.title;
  if (in.replies_policy) list.replies_policy = *in.replies_policy;
  if (in.exclusive) list.exclusive = *in.exclusive;
  auto blank = std::all_of(list.title.begin(), list.title.end(),
                           [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (blank) return core::Unprocessable("Title can't be blank");
  auto text = core::DecodeUtf8(list.title);
  if (!text) return core::Unprocessable("Title is invalid");
  if (text->size() > kMaxTitleCharacters) {
    return core::Unprocessable("Title is too long (maximum is 256 characters)");
  }
  if (!KnownPolicy(list.replies_policy)) {
    return core::Unprocessable("Replies policy is not included in the list");
  }
  return core::Ok();
}

// The list's row, if the viewer owns it.
std::optional<store::List> OwnList(Context& ctx, const Viewer& viewer, Id id) {
  if (const ListMembers* l = FindOwnList(ctx, viewer, id)) return l->list;
  return std::nullopt;
}

}  // namespace

const ListMembers* FindOwnList(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return nullptr;
  return Mine(ctx, viewer).FindList(id);
}

Result<store::List> CreateList(Context& ctx, const Viewer& viewer, const ListInput& in) {
  if (!viewer.account_id) return core::Forbidden();
  store::List list;
  list.id = ctx.ids.Next();
  list.account_id = *viewer.account_id;
  if (!in.title) return core::Unprocessable("Title can't be blank");
  if (auto ok = Apply(list, in); !ok) return ok.error();
  ctx.store.PutList(list);
  ForgetRelations(ctx, viewer, {list.account_id});
  return list;
}

std::vector<store::List> GetLists(Context& ctx, const Viewer& viewer) {
  std::vector<store::List> out;
  if (!viewer.account_id) return out;
  for (const auto& l : Mine(ctx, viewer).lists) out.push_back(l.list);
  return out;
}

Result<store::List> GetList(Context& ctx, const Viewer& viewer, Id id) {
  auto list = OwnList(ctx, viewer, id);
  if (!list) return core::NotFound();
  return *list;
}

Result<store::List> UpdateList(Context& ctx, const Viewer& viewer, Id id, const ListInput& in) {
  auto list = OwnList(ctx, viewer, id);
  if (!list) return core::NotFound();
  if (auto ok = Apply(*list, in); !ok) return ok.error();
  if (!ctx.store.UpdateList(*list)) return core::NotFound();  // deleted meanwhile
  ForgetRelations(ctx, viewer, {list->account_id});
  return *list;
}

core::Status DeleteList(Context& ctx, const Viewer& viewer, Id id) {
  if (!OwnList(ctx, viewer, id) || !ctx.store.DeleteList(*viewer.account_id, id)) {
    return core::NotFound();
  }
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return core::Ok();
}

Result<AccountPage> ListAccounts(Context& ctx, const Viewer& viewer, Id id,
                                 const store::Page& page) {
  if (!OwnList(ctx, viewer, id)) return core::NotFound();
  store::Page p = page;
  if (p.limit <= 0) p.limit = 1 << 30;  // limit=0: every member
  return AccountRows(ctx, ctx.store.ListListAccounts(id, p));
}

core::Status AddListAccounts(Context& ctx, const Viewer& viewer, Id id,
                             const std::vector<Id>& accounts) {
  if (!OwnList(ctx, viewer, id)) return core::NotFound();
  std::vector<std::pair<Id, Id>> rows;
  for (Id a : accounts) {
    auto account = ctx.snapshots.Account(a);
    if (!account || account->account.suspended) return core::NotFound();
    rows.emplace_back(ctx.ids.Next(), a);
  }
  switch (ctx.store.PutListAccounts(id, rows)) {
    case store::Store::ListAddResult::kNotFollowed:
      return core::Unprocessable("Account must be following");
    case store::Store::ListAddResult::kAlreadyMember:
      return core::Unprocessable("Account has already been taken");
    case store::Store::ListAddResult::kAdded:
      break;
  }
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return core::Ok();
}

core::Status RemoveListAccounts(Context& ctx, const Viewer& viewer, Id id,
                                const std::vector<Id>& accounts) {
  if (!OwnList(ctx, viewer, id)) return core::NotFound();
  ctx.store.DeleteListAccounts(id, accounts);
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return core::Ok();
}

Result<std::vector<store::List>> ListsWithAccount(Context& ctx, const Viewer& viewer, Id account) {
  auto a = ctx.snapshots.Account(account);
  if (!a || a->account.suspended) return core::NotFound();
  std::vector<store::List> out;
  if (!viewer.account_id) return out;
  for (const auto& l : Mine(ctx, viewer).lists) {
    if (l.Has(account)) out.push_back(l.list);
  }
  return out;
}

bool InList(Context& ctx, const Viewer& viewer, const ListMembers& list,
            const store::Status& status) {
  if (!list.Has(status.account_id)) return false;
  // A direct message never enters a list, even one addressed to its owner.
  if (status.visibility == store::Visibility::kDirect) return false;
  // Replies to someone else than their author: Mastodon's FeedManager
  // (filter_from_list, then filter_from_home's rule for replies). A reply
  // to the owner always shows; `followed`: replies to whomever the owner
  // follows; `list`: to the list's members; `none`: to no one else.
  if (status.in_reply_to_account_id && *status.in_reply_to_account_id != status.account_id) {
    Id to = *status.in_reply_to_account_id;
    if (to == list.list.account_id) return true;
    if (list.list.replies_policy == "followed") return Follows(ctx, viewer, to);
    if (list.list.replies_policy == "list") return list.Has(to);
    return false;
  }
  return true;
}

}  // namespace piaf::service

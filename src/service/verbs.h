// The use cases, one function per verb. Each takes the Context and the
// Viewer, checks what the viewer may do, and returns views (or an Error whose
// code api/ maps to an HTTP status). Side effects (timeline fan-out,
// notifications) happen after the store has committed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/views.h"

namespace piaf::service {

// A poll as a new or edited status asks for it (service/polls.h checks it).
struct PollInput {
  std::vector<std::string> options;
  std::int64_t expires_in = 0;  // seconds
  bool multiple = false;
  bool hide_totals = false;
};

struct PostStatusInput {
  std::string text;
  std::optional<Id> in_reply_to_id;
  std::optional<store::Visibility> visibility;
  std::string spoiler_text;
  std::string language;
  std::string idempotency_key;
  std::vector<Id> media_ids;  // up to four of the author's unattached uploads
  std::optional<PollInput> poll;
};

// -- statuses
// The text of a new or edited status checked (UTF-8, not blank unless the
// status has media, the length limit, the spoiler) and what follows from it
// written into `st`: text, spoiler_text, content, mentions (of accounts that
// exist), tags.
core::Status ComposeStatusText(Context& ctx, const std::string& text,
                               const std::string& spoiler_text, store::Status& st,
                               bool has_media = false);
// Stores and streams a notification of `account` (none to oneself).
// Returns whether it reached the account's list: a mention (`mention`: its
// status) that the account's notification policy filters waits in a request,
// one it drops is not kept.
bool Notify(Context& ctx, Id account, Id from, const char* type, std::optional<Id> status,
            const store::Status* mention = nullptr);
Result<StatusView> PostStatus(Context& ctx, const Viewer& viewer, const PostStatusInput& input);
Result<StatusView> GetStatus(Context& ctx, const Viewer& viewer, Id id);
Result<DeletedStatus> DeleteStatus(Context& ctx, const Viewer& viewer, Id id);
struct ThreadView {
  std::vector<StatusView> ancestors, descendants;
};
Result<ThreadView> GetContext(Context& ctx, const Viewer& viewer, Id id);
Result<StatusView> Favourite(Context& ctx, const Viewer& viewer, Id id);
Result<StatusView> Unfavourite(Context& ctx, const Viewer& viewer, Id id);
Result<StatusView> Reblog(Context& ctx, const Viewer& viewer, Id id,
                          std::optional<store::Visibility> visibility);
Result<StatusView> Unreblog(Context& ctx, const Viewer& viewer, Id id);
// (row id, account) pages.
struct AccountPage {
  std::vector<std::pair<Id, AccountView>> items;
};
// The (row id, account) rows of a store list as an AccountPage, suspended
// accounts left out.
AccountPage AccountRows(Context& ctx, const std::vector<std::pair<Id, Id>>& rows);
Result<AccountPage> RebloggedBy(Context& ctx, const Viewer& viewer, Id id, const store::Page& page);
// The viewer's favourites: (favourite row id, status) pairs.
std::vector<std::pair<Id, StatusView>> Favourites(Context& ctx, const Viewer& viewer,
                                                  const store::Page& page);
Result<AccountPage> FavouritedBy(Context& ctx, const Viewer& viewer, Id id,
                                 const store::Page& page);

// -- timelines
// Fills the author windows from the store, before the server answers (a
// million accounts and ten million statuses: a few seconds): a cold home
// timeline is then rebuilt from memory.
void LoadAuthorWindows(Context& ctx);
std::vector<StatusView> ReadHomeTimeline(Context& ctx, const Viewer& viewer,
                                         const store::Page& page);
std::vector<StatusView> ReadPublicTimeline(Context& ctx, const Viewer& viewer,
                                           const store::Page& page);
std::vector<StatusView> ReadTagTimeline(Context& ctx, const Viewer& viewer, std::string_view tag,
                                        const store::Page& page);
// What an account's statuses may leave out (GET /api/v1/accounts/:id/statuses,
// a profile's "Posts" tab): replies to others (a reply to its own status, a
// thread, stays, as in Mastodon) and reblogs.
struct AccountStatusesFilter {
  bool exclude_replies = false;
  bool exclude_reblogs = false;
  bool only_media = false;  // statuses with media attachments (not reblogs)
};
Result<std::vector<StatusView>> ReadAccountStatuses(Context& ctx, const Viewer& viewer, Id account,
                                                    const store::Page& page,
                                                    const AccountStatusesFilter& filter = {});

// -- accounts
Result<AccountView> GetAccount(Context& ctx, Id id);
Result<AccountView> LookupAccount(Context& ctx, std::string_view acct);
std::vector<AccountView> SearchAccounts(Context& ctx, std::string_view query, int limit);

// /api/v2/search: accounts, hashtags and statuses (full text, with "#tag"
// and "from:username"), each only as the viewer may see it.
struct SearchInput {
  std::string q;
  std::string type;  // accounts, hashtags, statuses; empty: all three
  int limit = 20;
  int offset = 0;
  std::optional<Id> max_id, min_id, account_id;
  bool following = false;  // accounts the viewer follows only
};
struct SearchResults {
  std::vector<AccountView> accounts;
  std::vector<StatusView> statuses;
  std::vector<std::string> hashtags;
};
SearchResults Search(Context& ctx, const Viewer& viewer, const SearchInput& input);
// `locked`: follows of the account become requests it approves; unlocking
// accepts those waiting.
Result<AccountView> UpdateProfile(Context& ctx, const Viewer& viewer,
                                  std::optional<std::string> display_name,
                                  std::optional<std::string> note,
                                  std::optional<bool> locked = std::nullopt);
Result<RelationshipView> Follow(Context& ctx, const Viewer& viewer, Id target);
Result<RelationshipView> Unfollow(Context& ctx, const Viewer& viewer, Id target);
RelationshipView Relationship(Context& ctx, const Viewer& viewer, Id target);
Result<RelationshipView> Block(Context& ctx, const Viewer& viewer, Id target);
Result<RelationshipView> Unblock(Context& ctx, const Viewer& viewer, Id target);
Result<RelationshipView> Mute(Context& ctx, const Viewer& viewer, Id target);
Result<RelationshipView> Unmute(Context& ctx, const Viewer& viewer, Id target);
AccountPage Blocks(Context& ctx, const Viewer& viewer, const store::Page& page);
AccountPage Mutes(Context& ctx, const Viewer& viewer, const store::Page& page);
Result<AccountPage> Followers(Context& ctx, Id account, const store::Page& page);
Result<AccountPage> Following(Context& ctx, Id account, const store::Page& page);
// Another process (the admin CLI) may have changed the store: when it did,
// forget what was kept and end the open streams of accounts now suspended.
// Called by every request, and every second by the server (a stream needs no
// request to be cut). Returns whether the store had changed.
bool NoteExternalChanges(Context& ctx);

// -- follow requests (to the viewer, a locked account)
// The accounts waiting, newest request first: (request row id, account).
AccountPage ListFollowRequests(Context& ctx, const Viewer& viewer, const store::Page& page);
// Accepts `requester`'s request: it follows the viewer from now on. 404
// when there is no such request.
Result<RelationshipView> AuthorizeFollowRequest(Context& ctx, const Viewer& viewer, Id requester);
Result<RelationshipView> RejectFollowRequest(Context& ctx, const Viewer& viewer, Id requester);
void AcceptAllFollowRequests(Context& ctx, const Viewer& viewer);
std::int64_t CountFollowRequests(Context& ctx, const Viewer& viewer);

// -- notifications
std::vector<NotificationView> ListNotifications(Context& ctx, const Viewer& viewer,
                                                const store::Page& page,
                                                const std::vector<std::string>& types,
                                                const std::vector<std::string>& exclude_types);
Result<NotificationView> GetNotification(Context& ctx, const Viewer& viewer, Id id);
void DismissNotification(Context& ctx, const Viewer& viewer, Id id);
void ClearNotifications(Context& ctx, const Viewer& viewer);

}  // namespace piaf::service

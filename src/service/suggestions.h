// Who the viewer might follow, and whom it already knows among an account's
// followers (Mastodon's GET /api/v2/suggestions and
// /api/v1/accounts/familiar_followers), both from the follows alone.
#pragma once

#include <vector>

#include "service/views.h"

namespace piaf::service {

struct FamiliarFollowers {
  Id id = 0;                          // the account asked about
  std::vector<AccountView> accounts;  // those the viewer follows that follow it
};

// For each of `ids` (each once, in the order given; unknown and suspended
// accounts left out, 100 ids at most): the accounts the viewer follows that
// follow it, by id. The viewer has an account.
std::vector<FamiliarFollowers> FamiliarFollowersOf(Context& ctx, const Viewer& viewer,
                                                   const std::vector<Id>& ids);

// Friends of friends: accounts followed by those the viewer follows, most
// followed among them first (then oldest account first), at most `limit`.
// Never the viewer, an account it follows, blocks or is blocked by, mutes or
// is muted by, nor a suspended one. Past kSuggestionSources accounts
// followed, only that many of them are looked at (a request must stay
// cheap).
inline constexpr std::size_t kSuggestionSources = 1000;
std::vector<AccountView> SuggestAccounts(Context& ctx, const Viewer& viewer, int limit);

}  // namespace piaf::service

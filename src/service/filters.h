// Filters (Mastodon's /api/v2/filters and the v1 /api/v1/filters): an
// account's keywords and statuses it does not want to see, each filter for
// some contexts (home, notifications, public, thread, account), until it
// expires, with an action: `warn` (the status carries `filtered`, a client
// shows it collapsed) or `hide` (the status leaves the listing).
//
// The home timeline is the hot path: ApplyFilters costs one look in a
// per-account cache when the viewer has no filter (the common case); with
// filters, keywords are matched against each status's lower-cased plain text
// (its spoiler and text as written), kept in a bounded cache and read from
// the store for a page's misses in one read transaction.
//
// Matching follows Mastodon's CustomFilterKeyword#to_regex: case-insensitive
// (Unicode lower case; accents are not folded: "café" is not "cafe"); a
// whole-word keyword matches only between word boundaries, where the
// keyword starts or ends with a word character (letters, marks, digits,
// underscore).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

enum class FilterContext { kHome, kNotifications, kPublic, kThread, kAccount };
// "home"... ; nullopt for a name Mastodon does not know.
std::optional<FilterContext> ParseFilterContext(std::string_view name);

// -- matching (pure)
// The text a keyword is matched against: lower-cased.
std::string FoldForFilter(std::string_view text);
// Where `keyword` (folded) occurs in `folded`, as (offset, length), the
// first occurrence that respects word boundaries when `whole_word`.
std::optional<std::pair<std::size_t, std::size_t>> FindKeyword(std::string_view folded,
                                                               std::string_view keyword,
                                                               bool whole_word);

// -- the cache (one per server; Context::filters)
struct CompiledFilter {
  std::shared_ptr<const store::Filter> filter;
  std::vector<std::string> folded_keywords;  // beside filter->keywords
  unsigned contexts = 0;                     // bits of FilterContext
};
struct AccountFilters {
  std::vector<CompiledFilter> filters;
};
struct StatusPlainText {
  std::string text, folded;
};
class FilterCache {
 public:
  // nullptr: the account has no filter.
  std::shared_ptr<const AccountFilters> Get(store::Store& store, Id account);
  void Forget(Id account);
  // The statuses' plain texts (those not kept read together).
  std::vector<std::shared_ptr<const StatusPlainText>> Texts(store::Store& store,
                                                            const std::vector<Id>& ids);
  void ForgetText(Id status);

 private:
  std::mutex mu_;
  std::uint64_t forgets_ = 0;  // Forget calls: a load that raced with one is not kept
  std::unordered_map<Id, std::shared_ptr<const AccountFilters>> accounts_;
  std::unordered_map<Id, std::shared_ptr<const StatusPlainText>> texts_;
};

// Sets `filtered` on each status the viewer's filters for `where` match,
// and removes those a `hide` filter matches. Expired filters match nothing.
void ApplyFilters(Context& ctx, const Viewer& viewer, FilterContext where,
                  std::vector<StatusView>& statuses);
// One status (a notification's): false when a hide filter removes it.
bool ApplyFilters(Context& ctx, const Viewer& viewer, FilterContext where, StatusView& status);

// A status about to go to one subscriber's stream (as the listings do, per
// viewer): kShared when its filters leave it alone (nearly always: one look
// in the cache), kHidden when a `hide` filter for `where` matches it, kOwn
// when `own` (the view for all, with `filtered` set) must be rendered for it.
enum class StreamFilter { kShared, kHidden, kOwn };
StreamFilter FilterForStream(Context& ctx, const Viewer& viewer, FilterContext where,
                             const std::shared_ptr<const StatusSnapshot>& snap, StatusView& own);

// -- the verbs (the viewer's own filters; not found for another's)
struct KeywordInput {
  std::optional<Id> id;  // an existing keyword of the filter (update or destroy)
  std::string keyword;
  std::optional<bool> whole_word;
  bool destroy = false;
};
struct FilterInput {
  std::optional<std::string> title;
  std::optional<std::vector<std::string>> context;
  std::optional<std::string> action;
  // Seconds from now; 0 (or an empty parameter): never. Absent: unchanged.
  std::optional<std::int64_t> expires_in;
  std::vector<KeywordInput> keywords;
};
std::vector<store::Filter> ListFilters(Context& ctx, const Viewer& viewer);
Result<store::Filter> GetFilter(Context& ctx, const Viewer& viewer, Id id);
Result<store::Filter> CreateFilter(Context& ctx, const Viewer& viewer, const FilterInput& input);
Result<store::Filter> UpdateFilter(Context& ctx, const Viewer& viewer, Id id,
                                   const FilterInput& input);
core::Status DeleteFilter(Context& ctx, const Viewer& viewer, Id id);
// Keywords and statuses: with the filter they belong to.
Result<store::FilterKeyword> AddFilterKeyword(Context& ctx, const Viewer& viewer, Id filter,
                                              const KeywordInput& input);
Result<std::pair<store::Filter, store::FilterKeyword>> GetFilterKeyword(Context& ctx,
                                                                        const Viewer& viewer,
                                                                        Id id);
Result<store::FilterKeyword> UpdateFilterKeyword(Context& ctx, const Viewer& viewer, Id id,
                                                 const KeywordInput& input);
core::Status DeleteFilterKeyword(Context& ctx, const Viewer& viewer, Id id);
Result<store::FilterStatus> AddFilterStatus(Context& ctx, const Viewer& viewer, Id filter,
                                            Id status);
Result<store::FilterStatus> GetFilterStatus(Context& ctx, const Viewer& viewer, Id id);
core::Status DeleteFilterStatus(Context& ctx, const Viewer& viewer, Id id);

// The v1 API: one keyword a filter, the keyword's id its id.
struct FilterV1Input {
  std::optional<std::string> phrase;
  std::optional<std::vector<std::string>> context;
  std::optional<bool> irreversible, whole_word;
  std::optional<std::int64_t> expires_in;
};
Result<std::pair<store::Filter, store::FilterKeyword>> CreateFilterV1(Context& ctx,
                                                                      const Viewer& viewer,
                                                                      const FilterV1Input& input);
Result<std::pair<store::Filter, store::FilterKeyword>> UpdateFilterV1(Context& ctx,
                                                                      const Viewer& viewer, Id id,
                                                                      const FilterV1Input& input);
core::Status DeleteFilterV1(Context& ctx, const Viewer& viewer, Id id);

}  // namespace piaf::service

#include "service/filters.h"

#include <algorithm>

#include "core/utf8.h"
#include "text/char_class.h"

namespace piaf::service {
namespace {

constexpr std::string_view kContextNames[] = {"home", "notifications", "public", "thread",
                                              "account"};
// Plain texts kept at most (about 300 bytes each); past it the cache starts
// over.
constexpr std::size_t kMaxTexts = 200000;
constexpr std::size_t kMaxAccounts = 1000000;

unsigned Bit(FilterContext c) { return 1u << static_cast<unsigned>(c); }

// The code point ending right before `at` and the one starting at `at`
// (0 at either end of the text): what word boundaries look at.
char32_t Before(std::string_view s, std::size_t at) {
  if (at == 0) return 0;
  std::size_t start = at - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  auto cps = core::DecodeUtf8(s.substr(start, at - start));
  return cps && !cps->empty() ? (*cps)[0] : 0;
}
char32_t After(std::string_view s, std::size_t at) {
  if (at >= s.size()) return 0;
  std::size_t end = at + 1;
  while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
  auto cps = core::DecodeUtf8(s.substr(at, end - at));
  return cps && !cps->empty() ? (*cps)[0] : 0;
}
// Ruby's [[:word:]]: letters, marks, digits, connector punctuation.
bool IsWord(char32_t c) { return c != 0 && (c == U'_' || text::IsHashtagAlnum(c)); }

bool Expired(const store::Filter& f, std::int64_t now_ms) {
  return f.expires_at_ms && *f.expires_at_ms <= now_ms;
}

std::shared_ptr<const AccountFilters> Compile(std::vector<store::Filter> filters) {
  if (filters.empty()) return nullptr;
  auto out = std::make_shared<AccountFilters>();
  for (auto& f : filters) {
    CompiledFilter c;
    for (const auto& k : f.keywords) c.folded_keywords.push_back(FoldForFilter(k.keyword));
    for (const auto& name : f.context) {
      if (auto where = ParseFilterContext(name)) c.contexts |= Bit(*where);
    }
    c.filter = std::make_shared<const store::Filter>(std::move(f));
    out->filters.push_back(std::move(c));
  }
  return out;
}

std::shared_ptr<const AccountFilters> FiltersOf(Context& ctx, Id account) {
  if (ctx.filters) return ctx.filters->Get(ctx.store, account);
  return Compile(ctx.store.ListFilters(account));
}

void Changed(Context& ctx, Id account) {
  if (ctx.filters) ctx.filters->Forget(account);
}

// The status whose text is matched: a reblog's original.
const StatusView& Proper(const StatusView& v) { return v.reblog ? *v.reblog : v; }

// The viewer's filters for `where` that match `v` (its text `plain`).
std::vector<FilterResultView> Match(const AccountFilters& filters, unsigned where,
                                    std::int64_t now_ms, const StatusView& v,
                                    const StatusPlainText* plain, bool& hide) {
  std::vector<FilterResultView> out;
  Id id = v.status().id;
  std::optional<Id> original = v.status().reblog_of_id;
  for (const auto& c : filters.filters) {
    if (!(c.contexts & where) || Expired(*c.filter, now_ms)) continue;
    FilterResultView r;
    if (plain) {
      for (std::size_t i = 0; i < c.folded_keywords.size(); ++i) {
        auto at =
            FindKeyword(plain->folded, c.folded_keywords[i], c.filter->keywords[i].whole_word);
        if (!at) continue;
        // The text as written where folding kept its length, else as folded.
        const std::string& from =
            plain->text.size() == plain->folded.size() ? plain->text : plain->folded;
        r.keyword_matches.push_back(from.substr(at->first, at->second));
        break;  // Mastodon's union of the keywords: the first match
      }
    }
    for (const auto& s : c.filter->statuses) {
      if (s.status_id == id || (original && s.status_id == *original)) {
        r.status_matches.push_back(s.status_id);
      }
    }
    if (r.keyword_matches.empty() && r.status_matches.empty()) continue;
    if (c.filter->action == "hide") hide = true;
    r.filter = c.filter;
    out.push_back(std::move(r));
  }
  return out;
}

bool AnyKeywords(const AccountFilters& filters, unsigned where, std::int64_t now_ms) {
  for (const auto& c : filters.filters) {
    if ((c.contexts & where) && !Expired(*c.filter, now_ms) && !c.folded_keywords.empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<FilterContext> ParseFilterContext(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kContextNames); ++i) {
    if (kContextNames[i] == name) return static_cast<FilterContext>(i);
  }
  return std::nullopt;
}

std::string FoldForFilter(std::string_view text) { return text::LowerCase(text); }

std::optional<std::pair<std::size_t, std::size_t>> FindKeyword(std::string_view folded,
                                                               std::string_view keyword,
                                                               bool whole_word) {
  if (keyword.empty()) return std::nullopt;
  // \b only where the keyword itself starts (ends) with a word character.
  bool start_boundary = whole_word && IsWord(After(keyword, 0));
  bool end_boundary = whole_word && IsWord(Before(keyword, keyword.size()));
  for (std::size_t at = folded.find(keyword); at != std::string_view::npos;
       at = folded.find(keyword, at + 1)) {
    if (start_boundary && IsWord(Before(folded, at))) continue;
    if (end_boundary && IsWord(After(folded, at + keyword.size()))) continue;
    return std::pair{at, keyword.size()};
  }
  return std::nullopt;
}

std::shared_ptr<const AccountFilters> FilterCache::Get(store::Store& store, Id account) {
  std::uint64_t before;
  {
    std::lock_guard lock(mu_);
    if (auto it = accounts_.find(account); it != accounts_.end()) return it->second;
    before = forgets_;
  }
  auto loaded = Compile(store.ListFilters(account));
  std::lock_guard lock(mu_);
  // A change that raced with this load (a Forget meanwhile) may not be in
  // what was read: kept only when nothing was forgotten since.
  if (forgets_ == before) {
    if (accounts_.size() >= kMaxAccounts) accounts_.clear();
    accounts_.emplace(account, loaded);
  }
  return loaded;
}

void FilterCache::Forget(Id account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
  ++forgets_;
}

std::vector<std::shared_ptr<const StatusPlainText>> FilterCache::Texts(store::Store& store,
                                                                       const std::vector<Id>& ids) {
  std::vector<std::shared_ptr<const StatusPlainText>> out(ids.size());
  std::vector<Id> missing;
  {
    std::lock_guard lock(mu_);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (auto it = texts_.find(ids[i]); it != texts_.end()) {
        out[i] = it->second;
      } else {
        missing.push_back(ids[i]);
      }
    }
  }
  if (missing.empty()) return out;
  auto read = store.StatusPlainTexts(missing);
  std::lock_guard lock(mu_);
  if (texts_.size() + read.size() > kMaxTexts) texts_.clear();
  for (auto& [id, text] : read) {
    auto plain = std::make_shared<StatusPlainText>();
    plain->folded = FoldForFilter(text);
    plain->text = std::move(text);
    texts_[id] = plain;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == id) out[i] = plain;
    }
  }
  return out;
}

void FilterCache::ForgetText(Id status) {
  std::lock_guard lock(mu_);
  texts_.erase(status);
}

void ApplyFilters(Context& ctx, const Viewer& viewer, FilterContext where,
                  std::vector<StatusView>& statuses) {
  if (!viewer.account_id || statuses.empty()) return;
  auto filters = FiltersOf(ctx, *viewer.account_id);
  if (!filters) return;  // nearly every viewer: one look in the cache
  std::int64_t now = ctx.clock.NowMs();
  unsigned bit = Bit(where);
  std::vector<std::shared_ptr<const StatusPlainText>> texts;
  if (AnyKeywords(*filters, bit, now)) {
    std::vector<Id> ids;
    ids.reserve(statuses.size());
    for (const auto& v : statuses) ids.push_back(Proper(v).status().id);
    if (ctx.filters) {
      texts = ctx.filters->Texts(ctx.store, ids);
    } else {
      texts.resize(ids.size());
      for (auto& [id, text] : ctx.store.StatusPlainTexts(ids)) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
          if (ids[i] != id) continue;
          auto plain = std::make_shared<StatusPlainText>();
          plain->folded = FoldForFilter(text);
          plain->text = text;
          texts[i] = plain;
        }
      }
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    bool hide = false;
    auto matches =
        Match(*filters, bit, now, statuses[i], texts.empty() ? nullptr : texts[i].get(), hide);
    if (hide) continue;
    if (!matches.empty()) {
      if (statuses[i].reblog) statuses[i].reblog->filtered = matches;
      statuses[i].filtered = std::move(matches);
    }
    if (kept != i) statuses[kept] = std::move(statuses[i]);
    ++kept;
  }
  statuses.resize(kept, StatusView{});
}

bool ApplyFilters(Context& ctx, const Viewer& viewer, FilterContext where, StatusView& status) {
  std::vector<StatusView> one{std::move(status)};
  ApplyFilters(ctx, viewer, where, one);
  if (one.empty()) return false;
  status = std::move(one[0]);
  return true;
}

StreamFilter FilterForStream(Context& ctx, const Viewer& viewer, FilterContext where,
                             const std::shared_ptr<const StatusSnapshot>& snap, StatusView& own) {
  if (!viewer.account_id || !FiltersOf(ctx, *viewer.account_id)) return StreamFilter::kShared;
  auto view = ViewStatusForAll(ctx, snap);
  if (!view) return StreamFilter::kShared;
  std::vector<StatusView> one{std::move(*view)};
  ApplyFilters(ctx, viewer, where, one);
  if (one.empty()) return StreamFilter::kHidden;
  if (one[0].filtered.empty()) return StreamFilter::kShared;
  own = std::move(one[0]);
  return StreamFilter::kOwn;
}

// ------------------------------------------------------------------ verbs

namespace {

Result<store::Filter> Own(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::NotFound();
  for (auto& f : ctx.store.ListFilters(*viewer.account_id)) {
    if (f.id == id) return f;
  }
  return core::NotFound();
}

core::Status CheckContext(const std::vector<std::string>& context) {
  if (context.empty()) return core::Unprocessable("Context can't be blank");
  for (const auto& c : context) {
    if (!ParseFilterContext(c)) {
      return core::Unprocessable("Context none or invalid context supplied");
    }
  }
  return core::Ok();
}

std::vector<std::string> Unique(std::vector<std::string> v) {
  std::vector<std::string> out;
  for (auto& s : v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

// Applies the input's fields to `f`; its keywords are written by the caller.
core::Status Fill(Context& ctx, store::Filter& f, const FilterInput& in) {
  if (in.title) f.title = *in.title;
  if (f.title.empty()) return core::Unprocessable("Title can't be blank");
  if (f.title.size() > 256) return core::Unprocessable("Title is too long");
  if (in.context) f.context = Unique(*in.context);
  if (auto ok = CheckContext(f.context); !ok) return ok;
  if (in.action) {
    if (*in.action != "warn" && *in.action != "hide") {
      return core::Error{core::ErrorCode::kUnprocessable,
                         "'" + *in.action + "' is not a valid filter_action", ""};
    }
    f.action = *in.action;
  }
  if (in.expires_in) {
    if (*in.expires_in <= 0) {
      f.expires_at_ms.reset();
    } else {
      f.expires_at_ms = ctx.clock.NowMs() + *in.expires_in * 1000;
    }
  }
  return core::Ok();
}

core::Status CheckKeyword(const std::string& keyword) {
  if (keyword.empty()) return core::Unprocessable("Keyword can't be blank");
  if (keyword.size() > 512) return core::Unprocessable("Keyword is too long");
  return core::Ok();
}

}  // namespace

std::vector<store::Filter> ListFilters(Context& ctx, const Viewer& viewer) {
  if (!viewer.account_id) return {};
  return ctx.store.ListFilters(*viewer.account_id);
}

Result<store::Filter> GetFilter(Context& ctx, const Viewer& viewer, Id id) {
  return Own(ctx, viewer, id);
}

Result<store::Filter> CreateFilter(Context& ctx, const Viewer& viewer, const FilterInput& input) {
  if (!viewer.account_id) return core::Forbidden();
  store::Filter f;
  f.id = ctx.ids.Next();
  f.account_id = *viewer.account_id;
  if (auto ok = Fill(ctx, f, input); !ok) return ok.error();
  std::vector<store::FilterKeyword> keywords;
  for (const auto& k : input.keywords) {
    if (k.destroy) continue;
    if (auto ok = CheckKeyword(k.keyword); !ok) return ok.error();
    keywords.push_back({ctx.ids.Next(), f.id, k.keyword, k.whole_word.value_or(true)});
  }
  ctx.store.PutFilter(f);
  for (const auto& k : keywords) ctx.store.PutFilterKeyword(k);
  Changed(ctx, f.account_id);
  return Own(ctx, viewer, f.id);
}

Result<store::Filter> UpdateFilter(Context& ctx, const Viewer& viewer, Id id,
                                   const FilterInput& input) {
  auto f = Own(ctx, viewer, id);
  if (!f) return f.error();
  if (auto ok = Fill(ctx, *f, input); !ok) return ok.error();
  // Every keyword change checked before anything is written.
  std::vector<store::FilterKeyword> put;
  std::vector<Id> destroy;
  for (const auto& k : input.keywords) {
    if (k.id) {
      auto it = std::find_if(f->keywords.begin(), f->keywords.end(),
                             [&](const store::FilterKeyword& e) { return e.id == *k.id; });
      if (it == f->keywords.end()) return core::NotFound();
      if (k.destroy) {
        destroy.push_back(it->id);
        continue;
      }
      store::FilterKeyword changed = *it;
      if (!k.keyword.empty()) changed.keyword = k.keyword;
      if (k.whole_word) changed.whole_word = *k.whole_word;
      put.push_back(changed);
    } else if (!k.destroy) {
      if (auto ok = CheckKeyword(k.keyword); !ok) return ok.error();
      put.push_back({ctx.ids.Next(), f->id, k.keyword, k.whole_word.value_or(true)});
    }
  }
  ctx.store.PutFilter(*f);
  for (const auto& k : put) ctx.store.PutFilterKeyword(k);
  for (Id k : destroy) ctx.store.DeleteFilterKeyword(k);
  Changed(ctx, f->account_id);
  return Own(ctx, viewer, id);
}

core::Status DeleteFilter(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id || !ctx.store.DeleteFilter(*viewer.account_id, id)) {
    return core::NotFound();
  }
  Changed(ctx, *viewer.account_id);
  return core::Ok();
}

Result<store::FilterKeyword> AddFilterKeyword(Context& ctx, const Viewer& viewer, Id filter,
                                              const KeywordInput& input) {
  auto f = Own(ctx, viewer, filter);
  if (!f) return f.error();
  if (auto ok = CheckKeyword(input.keyword); !ok) return ok.error();
  store::FilterKeyword k{ctx.ids.Next(), f->id, input.keyword, input.whole_word.value_or(true)};
  ctx.store.PutFilterKeyword(k);
  Changed(ctx, f->account_id);
  return k;
}

Result<std::pair<store::Filter, store::FilterKeyword>> GetFilterKeyword(Context& ctx,
                                                                        const Viewer& viewer,
                                                                        Id id) {
  if (!viewer.account_id) return core::NotFound();
  for (auto& f : ctx.store.ListFilters(*viewer.account_id)) {
    for (auto& k : f.keywords) {
      if (k.id == id) return std::pair{f, k};
    }
  }
  return core::NotFound();
}

Result<store::FilterKeyword> UpdateFilterKeyword(Context& ctx, const Viewer& viewer, Id id,
                                                 const KeywordInput& input) {
  auto found = GetFilterKeyword(ctx, viewer, id);
  if (!found) return found.error();
  store::FilterKeyword k = found->second;
  if (!input.keyword.empty()) k.keyword = input.keyword;
  if (input.whole_word) k.whole_word = *input.whole_word;
  ctx.store.PutFilterKeyword(k);
  Changed(ctx, *viewer.account_id);
  return k;
}

core::Status DeleteFilterKeyword(Context& ctx, const Viewer& viewer, Id id) {
  auto found = GetFilterKeyword(ctx, viewer, id);
  if (!found) return found.error();
  ctx.store.DeleteFilterKeyword(id);
  Changed(ctx, *viewer.account_id);
  return core::Ok();
}

Result<store::FilterStatus> AddFilterStatus(Context& ctx, const Viewer& viewer, Id filter,
                                            Id status) {
  auto f = Own(ctx, viewer, filter);
  if (!f) return f.error();
  if (!ViewStatusById(ctx, viewer, status)) return core::NotFound();
  store::FilterStatus t{ctx.ids.Next(), f->id, status};
  if (!ctx.store.PutFilterStatus(t)) {
    return core::Unprocessable("Status has already been taken");
  }
  Changed(ctx, f->account_id);
  return t;
}

Result<store::FilterStatus> GetFilterStatus(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::NotFound();
  for (auto& f : ctx.store.ListFilters(*viewer.account_id)) {
    for (auto& t : f.statuses) {
      if (t.id == id) return t;
    }
  }
  return core::NotFound();
}

core::Status DeleteFilterStatus(Context& ctx, const Viewer& viewer, Id id) {
  auto found = GetFilterStatus(ctx, viewer, id);
  if (!found) return found.error();
  ctx.store.DeleteFilterStatus(id);
  Changed(ctx, *viewer.account_id);
  return core::Ok();
}

Result<std::pair<store::Filter, store::FilterKeyword>> CreateFilterV1(Context& ctx,
                                                                      const Viewer& viewer,
                                                                      const FilterV1Input& in) {
  FilterInput v2;
  v2.title = in.phrase.value_or("");
  v2.context = in.context.value_or(std::vector<std::string>{});
  v2.action = in.irreversible.value_or(false) ? "hide" : "warn";
  v2.expires_in = in.expires_in;
  v2.keywords.push_back(
      {std::nullopt, in.phrase.value_or(""), in.whole_word.value_or(true), false});
  auto f = CreateFilter(ctx, viewer, v2);
  if (!f) return f.error();
  return std::pair{*f, f->keywords.at(0)};
}

Result<std::pair<store::Filter, store::FilterKeyword>> UpdateFilterV1(Context& ctx,
                                                                      const Viewer& viewer, Id id,
                                                                      const FilterV1Input& in) {
  auto found = GetFilterKeyword(ctx, viewer, id);
  if (!found) return found.error();
  // Mastodon: a filter of several keywords is not changed through v1.
  if (found->first.keywords.size() > 1) {
    return core::Error{core::ErrorCode::kUnprocessable,
                       "You can't use this method on filters with multiple keywords", ""};
  }
  FilterInput v2;
  if (in.phrase) v2.title = *in.phrase;
  v2.context = in.context;
  if (in.irreversible) v2.action = *in.irreversible ? "hide" : "warn";
  v2.expires_in = in.expires_in;
  v2.keywords.push_back({id, in.phrase.value_or(""), in.whole_word, false});
  auto f = UpdateFilter(ctx, viewer, found->first.id, v2);
  if (!f) return f.error();
  return std::pair{*f, f->keywords.at(0)};
}

core::Status DeleteFilterV1(Context& ctx, const Viewer& viewer, Id id) {
  auto found = GetFilterKeyword(ctx, viewer, id);
  if (!found) return found.error();
  if (found->first.keywords.size() <= 1) return DeleteFilter(ctx, viewer, found->first.id);
  return DeleteFilterKeyword(ctx, viewer, id);
}

}  // namespace piaf::service

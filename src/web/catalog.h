// The server's own strings (its pages: the authorize page, the pages read
// without JavaScript), from web/src/i18n/server.{en,fr}.json, the same
// catalogs as the app's. A value is a string, or {"one": ..., "other": ...}
// chosen by the count; "{name}" placeholders are replaced.
//
// Thread-safety: immutable after construction.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace piaf::web {

class Catalog {
 public:
  // `en` and `fr` are the catalogs' JSON texts; throws on malformed ones.
  Catalog(std::string_view en, std::string_view fr);
  // The string for `key` in `lang` ("en" or "fr"; English when the key or
  // the language is missing; the key itself when English lacks it too).
  std::string T(std::string_view lang, std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& args = {}) const;
  // The plural form for `count` ("one" or "other", by the language's rule),
  // with "{count}" replaced by the count.
  std::string Plural(std::string_view lang, std::string_view key, long long count) const;

 private:
  struct Entry {
    std::string one, other;  // `other` alone for a plain string
  };
  const Entry* Find(std::string_view lang, std::string_view key) const;
  std::map<std::string, Entry, std::less<>> en_, fr_;
};

// The interface language of a request: `lang` when it is "en" or "fr", else
// the first of those in Accept-Language (by q value), else English.
std::string PickLanguage(std::string_view lang_param, std::string_view accept_language);

}  // namespace piaf::web

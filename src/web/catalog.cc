#include "web/catalog.h"

#include <boost/json.hpp>
#include <cstdlib>

namespace piaf::web {

namespace json = boost::json;

namespace {

// Replaces each "{name}" of `text` by its argument, in one pass: what an
// argument brings (a display name with braces) is not looked at again.
std::string Fill(std::string_view text,
                 const std::vector<std::pair<std::string, std::string>>& args) {
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '{') {
      for (const auto& [name, value] : args) {
        if (text.substr(i + 1, name.size()) == name && i + 1 + name.size() < text.size() &&
            text[i + 1 + name.size()] == '}') {
          out += value;
          i += name.size() + 2;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace

Catalog::Catalog(std::string_view en, std::string_view fr) {
  for (auto [text, into] : {std::pair{en, &en_}, std::pair{fr, &fr_}}) {
    json::value parsed = json::parse(text);
    for (const auto& [key, value] : parsed.as_object()) {
      Entry e;
      if (value.is_string()) {
        e.other = json::value_to<std::string>(value);
      } else {
        const auto& o = value.as_object();
        e.one = json::value_to<std::string>(o.at("one"));
        e.other = json::value_to<std::string>(o.at("other"));
      }
      into->emplace(std::string(key), std::move(e));
    }
  }
}

const Catalog::Entry* Catalog::Find(std::string_view lang, std::string_view key) const {
  const auto& first = lang == "fr" ? fr_ : en_;
  if (auto it = first.find(key); it != first.end()) return &it->second;
  if (auto it = en_.find(key); it != en_.end()) return &it->second;
  return nullptr;
}

std::string Catalog::T(std::string_view lang, std::string_view key,
                       const std::vector<std::pair<std::string, std::string>>& args) const {
  const Entry* e = Find(lang, key);
  return e ? Fill(e->other, args) : std::string(key);
}

std::string Catalog::Plural(std::string_view lang, std::string_view key, long long count) const {
  const Entry* e = Find(lang, key);
  if (!e) return std::string(key);
  // CLDR: French "one" is 0 and 1, English "one" is 1 only.
  bool one = lang == "fr" ? (count == 0 || count == 1) : count == 1;
  const std::string& form = one && !e->one.empty() ? e->one : e->other;
  return Fill(form, {{"count", std::to_string(count)}});
}

std::string PickLanguage(std::string_view lang_param, std::string_view accept_language) {
  if (lang_param == "en" || lang_param == "fr") return std::string(lang_param);
  std::string best = "en";
  double best_q = -1;
  while (!accept_language.empty()) {
    auto comma = accept_language.find(',');
    std::string_view item = accept_language.substr(0, comma);
    accept_language.remove_prefix(comma == std::string_view::npos ? accept_language.size()
                                                                  : comma + 1);
    double q = 1;
    if (auto semi = item.find(';'); semi != std::string_view::npos) {
      auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) q = std::atof(std::string(item.substr(qpos + 2)).c_str());
      item = item.substr(0, semi);
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view primary = item.substr(0, item.find('-'));
    if ((primary == "fr" || primary == "FR" || primary == "en" || primary == "EN") && q > best_q) {
      best = primary == "fr" || primary == "FR" ? "fr" : "en";
      best_q = q;
    }
  }
  return best;
}

}  // namespace piaf::web

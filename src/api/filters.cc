// Filters (docs.joinmastodon.org/methods/filters): /api/v2/filters with
// their keywords and statuses, and the v1 endpoints (one keyword a filter)
// Mastodon still serves. The matching is service/filters'.
#include "service/filters.h"

#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {

namespace json = boost::json;

namespace {

void AppendContext(std::string& out, const std::vector<std::string>& context) {
  out += '[';
  for (std::size_t i = 0; i < context.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, context[i]);
  }
  out += ']';
}

void AppendExpiry(std::string& out, const std::optional<std::int64_t>& ms) {
  if (ms) {
    AppendJsonString(out, core::FormatTime(*ms));
  } else {
    out += "null";
  }
}

void AppendKeyword(std::string& out, const store::FilterKeyword& k) {
  out += "{\"id\":";
  AppendJsonString(out, core::IdToString(k.id));
  out += ",\"keyword\":";
  AppendJsonString(out, k.keyword);
  out += k.whole_word ? ",\"whole_word\":true}" : ",\"whole_word\":false}";
}

void AppendFilterStatus(std::string& out, const store::FilterStatus& t) {
  out += "{\"id\":";
  AppendJsonString(out, core::IdToString(t.id));
  out += ",\"status_id\":";
  AppendJsonString(out, core::IdToString(t.status_id));
  out += '}';
}

template <class T, class F>
std::string Array(const std::vector<T>& items, F append) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append(out, items[i]);
  }
  return out + "]";
}

// expires_in: seconds; empty means never (0 for the service). Absent:
// nullopt. Not a number: 422.
core::Result<std::optional<std::int64_t>> ExpiresIn(const Params& p) {
  auto v = p.Get("expires_in");
  if (!v) return std::optional<std::int64_t>();
  if (v->empty() || *v == "null") return std::optional<std::int64_t>(0);
  try {
    std::size_t used = 0;
    double seconds = std::stod(*v, &used);
    if (used != v->size() || seconds < 0 || seconds > 1e10) throw std::invalid_argument("");
    return std::optional<std::int64_t>(static_cast<std::int64_t>(seconds));
  } catch (...) {
    return core::Unprocessable("Expires in is not a number");
  }
}

core::Result<std::optional<bool>> Bool(const Params& p, const std::string& name) {
  return p.GetBool(name);
}

std::optional<bool> LooseBool(const std::string& v) {
  if (v == "true" || v == "1" || v == "True" || v == "on") return true;
  if (v == "false" || v == "0" || v == "False" || v == "off") return false;
  return std::nullopt;
}

// keywords_attributes as clients send them: a JSON array of objects (read
// from the body, which Params flattens), an indexed form
// (keywords_attributes[0][keyword]) or Rails' form arrays
// (keywords_attributes[][keyword], the n-th of each field together).
std::vector<service::KeywordInput> KeywordsAttributes(const Call& c) {
  std::vector<service::KeywordInput> out;
  auto one = [&](auto get) {
    service::KeywordInput k;
    k.keyword = get("keyword").value_or("");
    if (auto id = get("id")) k.id = core::ParseId(*id);
    if (auto w = get("whole_word")) k.whole_word = LooseBool(*w);
    if (auto d = get("_destroy")) k.destroy = LooseBool(*d).value_or(false);
    return k;
  };
  if (c.request.Header("content-type").starts_with("application/json")) {
    boost::system::error_code ec;
    json::value body = json::parse(c.request.body, ec);
    const json::object* o = ec ? nullptr : body.if_object();
    const json::value* list = o ? o->if_contains("keywords_attributes") : nullptr;
    auto from_object = [&](const json::object& item) {
      return one([&](const char* field) -> std::optional<std::string> {
        const json::value* v = item.if_contains(field);
        if (!v || v->is_null()) return std::nullopt;
        if (v->is_string()) return std::string(v->get_string());
        return json::serialize(*v);
      });
    };
    if (list && list->is_array()) {
      for (const auto& item : list->get_array()) {
        if (item.is_object()) out.push_back(from_object(item.get_object()));
      }
      return out;
    }
    if (list && list->is_object()) {  // {"0": {...}, "1": {...}}
      for (const auto& [key, item] : list->get_object()) {
        if (item.is_object()) out.push_back(from_object(item.get_object()));
      }
      return out;
    }
  }
  for (int i = 0; i < 100; ++i) {
    std::string prefix = "keywords_attributes[" + std::to_string(i) + "]";
    if (!c.params.Has(prefix + "[keyword]") && !c.params.Has(prefix + "[id]")) break;
    out.push_back(one([&](const char* f) { return c.params.Get(prefix + "[" + f + "]"); }));
  }
  if (!out.empty()) return out;
  auto keywords = c.params.GetAll("keywords_attributes[][keyword]");
  auto ids = c.params.GetAll("keywords_attributes[][id]");
  auto whole = c.params.GetAll("keywords_attributes[][whole_word]");
  auto destroy = c.params.GetAll("keywords_attributes[][_destroy]");
  std::size_t n = std::max(keywords.size(), ids.size());
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(one([&](const std::string& f) -> std::optional<std::string> {
      const auto& list = f == "keyword"      ? keywords
                         : f == "id"         ? ids
                         : f == "whole_word" ? whole
                                             : destroy;
      if (i < list.size()) return list[i];
      return std::nullopt;
    }));
  }
  return out;
}

core::Result<service::FilterInput> FilterInputOf(const Call& c) {
  service::FilterInput in;
  in.title = c.params.Get("title");
  if (c.params.Has("context")) in.context = c.params.GetAll("context");
  in.action = c.params.Get("filter_action");
  auto expires = ExpiresIn(c.params);
  if (!expires) return expires.error();
  in.expires_in = *expires;
  in.keywords = KeywordsAttributes(c);
  return in;
}

core::Result<service::KeywordInput> KeywordInputOf(const Call& c) {
  service::KeywordInput k;
  k.keyword = c.params.Get("keyword").value_or("");
  auto whole = Bool(c.params, "whole_word");
  if (!whole) return whole.error();
  k.whole_word = *whole;
  return k;
}

core::Result<service::FilterV1Input> FilterV1InputOf(const Call& c) {
  service::FilterV1Input in;
  in.phrase = c.params.Get("phrase");
  if (c.params.Has("context")) in.context = c.params.GetAll("context");
  auto irreversible = Bool(c.params, "irreversible");
  if (!irreversible) return irreversible.error();
  in.irreversible = *irreversible;
  auto whole = Bool(c.params, "whole_word");
  if (!whole) return whole.error();
  in.whole_word = *whole;
  auto expires = ExpiresIn(c.params);
  if (!expires) return expires.error();
  in.expires_in = *expires;
  return in;
}

Response FilterResponse(const core::Result<store::Filter>& f) {
  if (!f) return ErrorResponse(f.error());
  std::string out;
  AppendFilter(out, *f, true);
  return JsonResponse(200, std::move(out));
}

Response V1Response(const core::Result<std::pair<store::Filter, store::FilterKeyword>>& r) {
  if (!r) return ErrorResponse(r.error());
  std::string out;
  AppendFilterV1(out, r->first, r->second);
  return JsonResponse(200, std::move(out));
}

// One entity (or the error), written by `append`.
template <class T, class Append>
Response One(const core::Result<T>& r, Append append) {
  if (!r) return ErrorResponse(r.error());
  std::string out;
  append(out, *r);
  return JsonResponse(200, std::move(out));
}

Response Empty(const core::Status& s) {
  if (!s) return ErrorResponse(s.error());
  return JsonResponse(200, "{}");
}

}  // namespace

void AppendFilter(std::string& out, const store::Filter& f, bool rules) {
  out += "{\"id\":";
  AppendJsonString(out, core::IdToString(f.id));
  out += ",\"title\":";
  AppendJsonString(out, f.title);
  out += ",\"context\":";
  AppendContext(out, f.context);
  out += ",\"expires_at\":";
  AppendExpiry(out, f.expires_at_ms);
  out += ",\"filter_action\":";
  AppendJsonString(out, f.action);
  if (rules) {
    out += ",\"keywords\":" + Array(f.keywords, AppendKeyword);
    out += ",\"statuses\":" + Array(f.statuses, AppendFilterStatus);
  }
  out += '}';
}

void AppendFilterV1(std::string& out, const store::Filter& f, const store::FilterKeyword& k) {
  out += "{\"id\":";
  AppendJsonString(out, core::IdToString(k.id));
  out += ",\"phrase\":";
  AppendJsonString(out, k.keyword);
  out += ",\"context\":";
  AppendContext(out, f.context);
  out += k.whole_word ? ",\"whole_word\":true" : ",\"whole_word\":false";
  out += ",\"expires_at\":";
  AppendExpiry(out, f.expires_at_ms);
  out += f.action == "hide" ? ",\"irreversible\":true}" : ",\"irreversible\":false}";
}

void AppendFilterResults(std::string& out, const std::vector<service::FilterResultView>& results) {
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    if (i) out += ',';
    out += "{\"filter\":";
    AppendFilter(out, *r.filter, false);
    out += ",\"keyword_matches\":";
    if (r.keyword_matches.empty()) {
      out += "null";
    } else {
      out += Array(r.keyword_matches,
                   [](std::string& o, const std::string& k) { AppendJsonString(o, k); });
    }
    out += ",\"status_matches\":";
    if (r.status_matches.empty()) {
      out += "null";
    } else {
      out += Array(r.status_matches,
                   [](std::string& o, core::Id id) { AppendJsonString(o, core::IdToString(id)); });
    }
    out += '}';
  }
}

void AddFilterRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  // ------------------------------------------------------------------ v2
  add("GET", "/api/v2/filters", "read:filters", true, [&C](Call& c) {
    return JsonResponse(
        200, Array(service::ListFilters(C, c.viewer),
                   [](std::string& o, const store::Filter& f) { AppendFilter(o, f, true); }));
  });
  add("POST", "/api/v2/filters", "write:filters", true, [&C](Call& c) {
    auto in = FilterInputOf(c);
    if (!in) return ErrorResponse(in.error());
    if (!in->context) in->context = std::vector<std::string>{};
    return FilterResponse(service::CreateFilter(C, c.viewer, *in));
  });
  add("GET", "/api/v2/filters/:id", "read:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return FilterResponse(service::GetFilter(C, c.viewer, *id));
  });
  add("PUT", "/api/v2/filters/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto in = FilterInputOf(c);
    if (!in) return ErrorResponse(in.error());
    return FilterResponse(service::UpdateFilter(C, c.viewer, *id, *in));
  });
  add("DELETE", "/api/v2/filters/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return Empty(service::DeleteFilter(C, c.viewer, *id));
  });

  add("GET", "/api/v2/filters/:id/keywords", "read:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto f = service::GetFilter(C, c.viewer, *id);
    if (!f) return ErrorResponse(f.error());
    return JsonResponse(200, Array(f->keywords, AppendKeyword));
  });
  add("POST", "/api/v2/filters/:id/keywords", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto in = KeywordInputOf(c);
    if (!in) return ErrorResponse(in.error());
    return One(service::AddFilterKeyword(C, c.viewer, *id, *in), AppendKeyword);
  });
  add("GET", "/api/v2/filters/keywords/:id", "read:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return One(service::GetFilterKeyword(C, c.viewer, *id),
               [](std::string& o, const auto& found) { AppendKeyword(o, found.second); });
  });
  add("PUT", "/api/v2/filters/keywords/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto in = KeywordInputOf(c);
    if (!in) return ErrorResponse(in.error());
    return One(service::UpdateFilterKeyword(C, c.viewer, *id, *in), AppendKeyword);
  });
  add("DELETE", "/api/v2/filters/keywords/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return Empty(service::DeleteFilterKeyword(C, c.viewer, *id));
  });

  add("GET", "/api/v2/filters/:id/statuses", "read:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto f = service::GetFilter(C, c.viewer, *id);
    if (!f) return ErrorResponse(f.error());
    return JsonResponse(200, Array(f->statuses, AppendFilterStatus));
  });
  add("POST", "/api/v2/filters/:id/statuses", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto status = c.params.GetId("status_id");
    if (!status) return ErrorResponse(status.error());
    if (!*status) return ErrorResponse(core::NotFound());
    return One(service::AddFilterStatus(C, c.viewer, *id, **status), AppendFilterStatus);
  });
  add("GET", "/api/v2/filters/statuses/:id", "read:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return One(service::GetFilterStatus(C, c.viewer, *id), AppendFilterStatus);
  });
  add("DELETE", "/api/v2/filters/statuses/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return Empty(service::DeleteFilterStatus(C, c.viewer, *id));
  });

  // ------------------------------------------------------------------ v1
  add("GET", "/api/v1/filters", "read:filters", true, [&C](Call& c) {
    std::string out = "[";
    for (const auto& f : service::ListFilters(C, c.viewer)) {
      for (const auto& k : f.keywords) {
        if (out.size() > 1) out += ',';
        AppendFilterV1(out, f, k);
      }
    }
    return JsonResponse(200, out + "]");
  });
  add("POST", "/api/v1/filters", "write:filters", true, [&C](Call& c) {
    auto in = FilterV1InputOf(c);
    if (!in) return ErrorResponse(in.error());
    return V1Response(service::CreateFilterV1(C, c.viewer, *in));
  });
  add("GET", "/api/v1/filters/:id", "read:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return V1Response(service::GetFilterKeyword(C, c.viewer, *id));
  });
  add("PUT", "/api/v1/filters/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto in = FilterV1InputOf(c);
    if (!in) return ErrorResponse(in.error());
    return V1Response(service::UpdateFilterV1(C, c.viewer, *id, *in));
  });
  add("DELETE", "/api/v1/filters/:id", "write:filters", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    return Empty(service::DeleteFilterV1(C, c.viewer, *id));
  });
}

}  // namespace piaf::api

// Polls (docs.joinmastodon.org/methods/polls) and editing a status
// (methods/statuses#edit, #history, #source): service/polls.h and
// service/status_edits.h.
#include "service/polls.h"

#include <boost/json.hpp>
#include <charconv>

#include "api/entities.h"
#include "api/routes.h"
#include "service/status_edits.h"

namespace piaf::api {

core::Result<std::optional<service::PollInput>> ParsePoll(const Params& p) {
  auto options = p.GetAll("poll[options]");
  if (options.empty()) {
    if (p.Has("poll[expires_in]")) {
      return core::Unprocessable("Poll options must have more than one item");
    }
    return std::optional<service::PollInput>();
  }
  service::PollInput in;
  in.options = std::move(options);
  auto expires = p.Get("poll[expires_in]");
  if (!expires || expires->empty()) {
    return core::Unprocessable("Poll expires at can't be blank");
  }
  // An integer number of seconds (a JSON number may come as "300.0").
  std::string_view text = *expires;
  if (auto dot = text.find('.'); dot != std::string_view::npos) text = text.substr(0, dot);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), in.expires_in);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return core::Unprocessable("Poll expires at is invalid");
  }
  auto multiple = p.GetBool("poll[multiple]");
  auto hide = p.GetBool("poll[hide_totals]");
  if (!multiple || !hide) return core::Unprocessable("Poll is invalid");
  in.multiple = multiple->value_or(false);
  in.hide_totals = hide->value_or(false);
  return std::optional<service::PollInput>(std::move(in));
}

void AddPollRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  add("GET", "/api/v1/polls/:id", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::GetPoll(C, c.viewer, *id);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, PollText(*v));
  });
  add("POST", "/api/v1/polls/:id/votes", "write:statuses", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::VoteInPoll(C, c.viewer, *id, c.params.GetAll("choices"));
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, PollText(*v));
  });

  // -- editing
  add("PUT", "/api/v1/statuses/:id", "write:statuses", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    service::EditStatusInput in;
    auto status = c.params.Get("status");
    if (!status) return ErrorResponse(core::Unprocessable("Text can't be blank"));
    in.text = *status;
    in.spoiler_text = c.params.Get("spoiler_text").value_or("");
    if (auto language = c.params.Get("language"); language && !language->empty()) {
      in.language = *language;
    }
    for (const auto& m : c.params.GetAll("media_ids")) {
      auto mid = core::ParseId(m);
      if (!mid) return ErrorResponse(core::Unprocessable("Media attachments cannot be changed by an edit yet"));
      in.media_ids.push_back(*mid);
    }
    auto poll = ParsePoll(c.params);
    if (!poll) return ErrorResponse(poll.error());
    in.poll = std::move(*poll);
    auto v = service::EditStatus(C, c.viewer, *id, in);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, StatusText(*v, C.settings));
  });
  add("GET", "/api/v1/statuses/:id/history", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto h = service::GetStatusHistory(C, c.viewer, *id);
    if (!h) return ErrorResponse(h.error());
    std::string body = "[";
    for (const auto& e : h->edits) {
      if (body.size() > 1) body += ',';
      AppendStatusEdit(body, e, h->view, C.settings);
    }
    body += ']';
    return JsonResponse(200, std::move(body));
  });
  add("GET", "/api/v1/statuses/:id/source", "read:statuses", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto s = service::GetStatusSource(C, c.viewer, *id);
    if (!s) return ErrorResponse(s.error());
    return JsonResponse(200, json::serialize(json::object{{"id", core::IdToString(s->id)},
                                                          {"text", s->text},
                                                          {"spoiler_text", s->spoiler_text}}));
  });
}

}  // namespace piaf::api

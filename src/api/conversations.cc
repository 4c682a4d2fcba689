// Direct conversations (docs.joinmastodon.org/methods/conversations): the
// viewer's, newest activity first, paged by their last status's id; read;
// removed for the viewer only. Their `conversation` stream events are
// rendered here (service/conversations.cc sends them).
#include "service/conversations.h"

#include "api/entities.h"
#include "api/routes.h"
#include "service/streaming.h"

namespace piaf::api {
namespace {

std::string ConversationText(const service::ConversationView& v, const service::Settings& s) {
  std::string out = "{\"id\":";
  AppendJsonString(out, core::IdToString(v.conversation.id));
  out += v.conversation.unread ? ",\"unread\":true" : ",\"unread\":false";
  out += ",\"accounts\":[";
  for (std::size_t i = 0; i < v.accounts.size(); ++i) {
    if (i) out += ',';
    AppendAccount(out, v.accounts[i], s);
  }
  out += "],\"last_status\":";
  if (v.last_status) {
    AppendStatus(out, *v.last_status, s);
  } else {
    out += "null";
  }
  out += '}';
  return out;
}

}  // namespace

void AddConversationRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  if (C.streaming) {
    C.streaming->render_conversation = [&C](const service::ConversationView& v) {
      return ConversationText(v, C.settings);
    };
  }
  add("GET", "/api/v1/conversations", "read:statuses", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    auto list = service::ListConversations(C, c.viewer, *page);
    std::string body = "[";
    for (const auto& v : list) {
      if (body.size() > 1) body += ',';
      body += ConversationText(v, C.settings);
    }
    body += ']';
    Response r = JsonResponse(200, std::move(body));
    if (!list.empty()) {
      AddLink(r, C.settings, c.request, c.params, list.back().conversation.last_status_id,
              list.front().conversation.last_status_id);
    }
    return r;
  });
  add("POST", "/api/v1/conversations/:id/read", "write:conversations", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto v = service::MarkConversationRead(C, c.viewer, *id);
    if (!v) return ErrorResponse(v.error());
    return JsonResponse(200, ConversationText(*v, C.settings));
  });
  add("DELETE", "/api/v1/conversations/:id", "write:conversations", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto done = service::RemoveConversation(C, c.viewer, *id);
    if (!done) return ErrorResponse(done.error());
    return JsonResponse(200, "{}");
  });
}

}  // namespace piaf::api

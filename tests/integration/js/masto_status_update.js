// Follows the user stream and a hashtag stream with npm's masto (WebSocket),
// printing one JSON line per event: {"stream", "event", "id", "content",
// "edited_at"} (the last two of a status payload: `update`, `status.update`).
// node masto_status_update.js BASE_URL TOKEN TAG
import { createRestAPIClient, createStreamingAPIClient } from "masto";

const [base, accessToken, tag] = process.argv.slice(2);
const rest = createRestAPIClient({ url: base, accessToken });
const instance = await rest.v2.instance.fetch();
const streaming = createStreamingAPIClient({
  streamingApiUrl: instance.configuration.urls.streaming,
  accessToken,
});

async function follow(name, subscription) {
  for await (const e of subscription) {
    const status = typeof e.payload === "object" && e.payload ? e.payload : null;
    const line = { stream: name, event: e.event, id: status ? status.id : e.payload };
    if (status) Object.assign(line, { content: status.content, edited_at: status.editedAt });
    process.stdout.write(JSON.stringify(line) + "\n");
  }
}

await Promise.all([
  follow("user", streaming.user.subscribe()),
  follow("hashtag", streaming.hashtag.subscribe({ tag })),
]);

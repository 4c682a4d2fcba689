// Follows the user stream and a hashtag stream with npm's masto (WebSocket),
// printing one JSON line per event: {"stream", "event", "id"}.
// node masto_stream.js BASE_URL TOKEN TAG
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
    const id = e.event === "delete" ? e.payload : e.payload.id;
    process.stdout.write(JSON.stringify({ stream: name, event: e.event, id }) + "\n");
  }
}

await Promise.all([
  follow("user", streaming.user.subscribe()),
  follow("hashtag", streaming.hashtag.subscribe({ tag })),
]);

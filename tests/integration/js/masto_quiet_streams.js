// Subscribes with npm's masto, over one WebSocket, to `direct` (a stream
// Piaf accepts but does not publish to yet) and `list` (one of the viewer's
// lists, empty: nothing comes) and then to `public`,
// printing one JSON line per event: {"stream", "event", "id"}. A
// subscription that throws prints {"stream", "error"} and ends the script.
// node masto_quiet_streams.js BASE_URL TOKEN LIST_ID
import { createRestAPIClient, createStreamingAPIClient } from "masto";

const [base, accessToken, list] = process.argv.slice(2);
const rest = createRestAPIClient({ url: base, accessToken });
const instance = await rest.v2.instance.fetch();
const streaming = createStreamingAPIClient({
  streamingApiUrl: instance.configuration.urls.streaming,
  accessToken,
});

async function follow(name, subscription) {
  try {
    for await (const e of subscription) {
      const id = e.event === "delete" ? e.payload : e.payload?.id;
      process.stdout.write(JSON.stringify({ stream: name, event: e.event, id }) + "\n");
    }
  } catch (error) {
    process.stdout.write(JSON.stringify({ stream: name, error: String(error) }) + "\n");
    process.exit(1);
  }
}

await Promise.all([
  follow("direct", streaming.direct.subscribe()),
  follow("list", streaming.list.subscribe({ list })),
  follow("public", streaming.public.subscribe()),
]);

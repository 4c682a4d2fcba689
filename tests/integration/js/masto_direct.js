// Subscribes with npm's masto to the `direct` stream over a WebSocket (and
// to `public`, which must live on beside it), printing one JSON line per
// event: {"stream", "event", "id", "last_status_id", "unread", "accounts"}.
// node masto_direct.js BASE_URL TOKEN
import { createRestAPIClient, createStreamingAPIClient } from "masto";

const [base, accessToken] = process.argv.slice(2);
const rest = createRestAPIClient({ url: base, accessToken });
const instance = await rest.v2.instance.fetch();
const streaming = createStreamingAPIClient({
  streamingApiUrl: instance.configuration.urls.streaming,
  accessToken,
});

async function follow(name, subscription) {
  try {
    for await (const e of subscription) {
      const p = e.payload;
      process.stdout.write(
        JSON.stringify({
          stream: name,
          event: e.event,
          id: e.event === "delete" ? p : p?.id,
          last_status_id: p?.lastStatus?.id ?? p?.last_status?.id,
          unread: p?.unread,
          accounts: (p?.accounts ?? []).map((a) => a.acct),
        }) + "\n",
      );
    }
  } catch (error) {
    process.stdout.write(JSON.stringify({ stream: name, error: String(error) }) + "\n");
    process.exit(1);
  }
}

await Promise.all([
  follow("direct", streaming.direct.subscribe()),
  follow("public", streaming.public.subscribe()),
]);

// Follows a list stream with npm's masto (WebSocket), printing one JSON line
// per event: {"stream", "event", "id", "account", "visibility"}.
// node masto_list_stream.js BASE_URL TOKEN LIST_ID
import { createRestAPIClient, createStreamingAPIClient } from "masto";

const [base, accessToken, list] = process.argv.slice(2);
const rest = createRestAPIClient({ url: base, accessToken });
const instance = await rest.v2.instance.fetch();
const streaming = createStreamingAPIClient({
  streamingApiUrl: instance.configuration.urls.streaming,
  accessToken,
});

for await (const e of streaming.list.subscribe({ list })) {
  const status = e.event === "delete" ? null : e.payload;
  process.stdout.write(
    JSON.stringify({
      stream: e.stream,
      event: e.event,
      id: status ? status.id : e.payload,
      account: status?.account?.acct,
      visibility: status?.visibility,
    }) + "\n",
  );
}

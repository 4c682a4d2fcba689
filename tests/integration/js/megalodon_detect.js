// What npm's megalodon (10) takes the server for: its detector() reads
// /.well-known/nodeinfo and the NodeInfo document it links to. Prints
// {"sns": ...} or {"error": ...} (and exits 1).
// node megalodon_detect.js BASE_URL
import { detector } from "megalodon";

const [base] = process.argv.slice(2);
try {
  process.stdout.write(JSON.stringify({ sns: await detector(base) }) + "\n");
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error) }) + "\n");
  process.exit(1);
}

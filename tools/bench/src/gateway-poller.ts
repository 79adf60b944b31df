/**
 * The bench's dashboards (forked by pollGateway): POLL_CLIENTS loops, each fetching POLL_PATHS one after
 * another every POLL_INTERVAL_MS. On "stop" it answers the number of requests made and exits.
 */
const url = process.env.POLL_URL!;
const paths = (process.env.POLL_PATHS ?? '').split(' ').filter(Boolean);
const intervalMs = Number(process.env.POLL_INTERVAL_MS ?? 1000);
const headers = { Authorization: `Bearer ${process.env.POLL_TOKEN}` };
let running = true;
let requests = 0;

async function dashboard(offsetMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, offsetMs));
  while (running) {
    const started = Date.now();
    for (const path of paths) {
      const res = await fetch(`${url}${path}`, { headers });
      await res.arrayBuffer();
      requests++;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
  }
}

const clients = Number(process.env.POLL_CLIENTS ?? 20);
// spread over one interval, as independent browsers would be
const loops = Array.from({ length: clients }, (_, i) => dashboard((i * intervalMs) / clients));
process.on('message', async () => {
  running = false;
  await Promise.all(loops);
  process.send!({ requests }, () => process.exit(0));
});

/**
 * One server replica for bench/live-latency.bench.ts, in a process of its own (as replicas run): starts
 * buildApp from the environment, tells the parent its URL over IPC, stops when told to.
 */
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';

const app = buildApp(parseConfig(process.env));
const running = await app.start();
process.send?.({ url: running.url });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await app.stop();
  process.exit(0);
});

// The raw yardsticks (bench/raw-board.ts) as a process of their own; prints their URLs as one JSON line.
import { startRawServers } from './raw-board.js';

const raw = await startRawServers(process.env.DATABASE_URL!);
process.stdout.write(`${JSON.stringify({ boardUrl: raw.boardUrl, bareUrl: raw.bareUrl })}\n`);
process.on('SIGTERM', () => void raw.stop().then(() => process.exit(0)));

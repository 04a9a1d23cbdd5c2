/**
 * Load from outside the process: `wrk` POSTing one GraphQL body with the demo API key at concurrency 10,
 * the sides of a comparison taking turns round by round, so a neighbour's load on a shared machine falls
 * on both alike. Node CPU per request is the serving process's CPU time (read from /proc by its pid)
 * over the requests wrk completed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cpuMs } from './processes.js';

const run = promisify(execFile);

export interface Side {
  name: string;
  /** The full URL wrk posts to. */
  url: string;
  body: string;
  headers: Record<string, string>;
  /** The process that answers, whose CPU time is counted. */
  pid: number;
}

export interface SideFigures {
  'req/s': number;
  'p50 ms': number;
  'cpu ms/req': number;
}

export const CONCURRENCY = 10;

/** Runs `rounds` rounds of `seconds` each per side, interleaved; answers the median figures per side. */
export async function compareOverHttp(sides: Side[], rounds: number, seconds: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'posy-bench-'));
  const scripts = await Promise.all(
    sides.map(async (side, i) => {
      const file = path.join(dir, `side-${i}.lua`);
      const headers = Object.entries({ 'content-type': 'application/json', ...side.headers })
        .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
        .join('\n');
      await writeFile(file, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(side.body)}\n${headers}\n`);
      return file;
    }),
  );
  const samples = sides.map(() => [] as SideFigures[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, side] of sides.entries()) {
      const cpu = cpuMs(side.pid);
      const { stdout } = await run('wrk', [
        '-t2',
        `-c${CONCURRENCY}`,
        `-d${seconds}s`,
        '--latency',
        '-s',
        scripts[i]!,
        side.url,
      ]);
      samples[i]!.push(parseWrk(stdout, cpuMs(side.pid) - cpu));
    }
  }
  return Object.fromEntries(sides.map((side, i) => [side.name, median(samples[i]!)])) as Record<
    string,
    SideFigures
  >;
}

function parseWrk(output: string, cpuMs: number): SideFigures {
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (!requests || errors) throw new Error(`wrk failed or got errors:\n${output}`);
  const p50 = /50%\s+([\d.]+)(us|ms|s)\b/.exec(output);
  const unit = { us: 0.001, ms: 1, s: 1000 }[p50?.[2] as 'us' | 'ms' | 's'];
  return {
    'req/s': Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]),
    'p50 ms': Number(p50?.[1]) * unit,
    'cpu ms/req': cpuMs / requests,
  };
}

function median(samples: SideFigures[]): SideFigures {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    'req/s': mid(samples.map((s) => s['req/s'])),
    'p50 ms': mid(samples.map((s) => s['p50 ms'])),
    'cpu ms/req': mid(samples.map((s) => s['cpu ms/req'])),
  };
}

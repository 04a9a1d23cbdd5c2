/**
 * A CPU profile of this process while a load runs (the inspector's sampling profiler, as `node --cpu-prof`
 * takes it, but only around the load, not the seeding), summed by package: where a request's node CPU goes.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Profiles `load`; writes the .cpuprofile to `file` and answers self time by package, most first, and by
 * function (the `top` busiest: name, package and line).
 */
export async function profileByPackage(load: () => Promise<unknown>, file: string, top = 15) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await load();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  await writeFile(file, JSON.stringify(profile));
  return { byPackage: sumByPackage(profile), byFunction: sumByFunction(profile).slice(0, top) };
}

function sumByFunction(profile: Profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const micros = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    const where = `${functionName || '(anonymous)'} ${packageOf({ functionName, url })}${url ? `:${(lineNumber ?? 0) + 1}` : ''}`;
    const delta = profile.timeDeltas[i] ?? 0;
    micros.set(where, (micros.get(where) ?? 0) + delta);
    busy += delta;
  });
  return [...micros]
    .sort((a, b) => b[1] - a[1])
    .map(([where, us]) => ({
      function: where,
      ms: Math.round(us / 1000),
      share: `${((us / busy) * 100).toFixed(1)} %`,
    }));
}

function sumByPackage(profile: Profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // A builtin (JSON.stringify, Array.prototype.map, …) has no script: its time is its caller's package's.
  const withScript = (id: number): ProfileNode => {
    let node = nodes.get(id)!;
    while (!node.callFrame.url && !node.callFrame.functionName.startsWith('(') && parents.has(node.id))
      node = nodes.get(parents.get(node.id)!)!;
    return node;
  };
  const micros = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const where = packageOf(withScript(id).callFrame);
    const delta = profile.timeDeltas[i] ?? 0;
    micros.set(where, (micros.get(where) ?? 0) + delta);
    if (where !== '(idle)') busy += delta;
  });
  return [...micros]
    .filter(([where]) => where !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .map(([where, us]) => ({
      package: where,
      ms: Math.round(us / 1000),
      share: `${((us / busy) * 100).toFixed(1)} %`,
    }));
}

function packageOf({ functionName, url }: ProfileNode['callFrame']) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inModules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return 'node (core)';
  if (url.includes('/prisma/generated/')) return '@posy/prisma (generated client)';
  if (url.includes('/server/src/')) return '@posy/server';
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

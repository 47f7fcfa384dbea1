/**
 * `npm run bench:profile -- <file.cpuprofile> [count]`: the functions that
 * took the most CPU themselves (self time) in a V8 profile written by
 * `npm run bench -- --cpu-prof`, and the functions of the API's own bundle
 * with the most time inclusive of what they call, as shares of the busy
 * (non-idle) time, so that hot paths stand out without opening DevTools.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: npm run bench:profile -- <file.cpuprofile> [count]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const keyOf = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
const IDLE = new Set(['(idle)', '(program)', '(root)']);
const selfMicros = new Map<string, number>();
const ownInclusiveMicros = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const delta = profile.timeDeltas[i] ?? 0;
  if (!node || IDLE.has(node.callFrame.functionName)) return;
  busy += delta;
  selfMicros.set(keyOf(node), (selfMicros.get(keyOf(node)) ?? 0) + delta);
  // Every function of the API's bundle on the stack, once per sample.
  const seen = new Set<string>();
  for (let at: ProfileNode | undefined = node; at; at = byId.get(parentOf.get(at.id) ?? -1)) {
    if (!at.callFrame.url.includes('dist/api/main.js')) continue;
    const key = keyOf(at);
    if (seen.has(key)) continue;
    seen.add(key);
    ownInclusiveMicros.set(key, (ownInclusiveMicros.get(key) ?? 0) + delta);
  }
});
const count = Number(countArg ?? 30);
const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${(busy / 1e6).toFixed(2)} s busy (not idle) in ${file}`);
print('self time', selfMicros);
print("inclusive time of the API's own functions", ownInclusiveMicros);

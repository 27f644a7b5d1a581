import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `tsx bench/profile.ts [file.cpuprofile | dir]`: where the server's CPU went, from the V8
 * profile that `npm run bench -- --profile` writes (/tmp/staircase-bench-profile/<db>/).
 * Self time grouped by package (node_modules/<name>), by our own file (src/…), and by V8's
 * own buckets (GC, idle, program), then the top functions.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  const own = url.match(/\/work\/[^/]+\/((?:src|bench)\/.*)$/) ?? url.match(/((?:src|bench)\/.*)$/);
  if (own) return own[1] as string;
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  return url;
}

function largestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

const file = largestProfile(process.argv[2] ?? '/tmp/staircase-bench-profile/postgres');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});

const buckets = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') {
    idle += ms;
    continue;
  }
  total += ms;
  const bucket = bucketOf(url, functionName);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
  const fn = `${functionName || '(anonymous)'} ${bucket}:${lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + ms);
}

const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${v.toFixed(0).padStart(7)} ms  ${k}`)
    .join('\n');

console.log(
  `${file}\nbusy ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms\n\nby package / file (self time):`,
);
console.log(top(buckets, 25));
console.log('\ntop functions (self time):');
console.log(top(functions, 30));

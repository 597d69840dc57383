import type { CpuProfile } from './inspector';

/** Where a sample's time went, by area (a package, Node's own code, Parley's, the engine) and by function. */
export interface ProfileSummary {
  sampledMs: number;
  byArea: { area: string; selfMs: number; share: number }[];
  topFunctions: { name: string; where: string; selfMs: number; share: number }[];
}

/** The area a call frame's script belongs to: the npm package, node:internal, Parley, or the engine. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node (internal)';
  return 'parley';
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Self time per function and per area from a V8 CPU profile: each sample's time delta is charged to
 * the node it landed in (the function on top of the stack).
 */
export function summarizeProfile(profile: CpuProfile, top = 30): ProfileSummary {
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((node, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(node, (self.get(node) ?? 0) + ms);
    total += ms;
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
    const where = url === '' ? area : `${file}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, selfMs: 0 };
    entry.selfMs += ms;
    functions.set(key, entry);
  }
  const share = (ms: number) => (total === 0 ? 0 : round((ms / total) * 100));
  return {
    sampledMs: Math.round(total),
    byArea: [...areas]
      .map(([area, ms]) => ({ area, selfMs: Math.round(ms), share: share(ms) }))
      .sort((a, b) => b.selfMs - a.selfMs),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, selfMs: Math.round(f.selfMs), share: share(f.selfMs) })),
  };
}

/** The summary as the text file beside the profile. */
export function profileText(title: string, summary: ProfileSummary): string {
  const lines = [
    title,
    `${summary.sampledMs} ms sampled (idle included)`,
    '',
    'Self time by area:',
    ...summary.byArea.map(
      (a) => `  ${String(a.share).padStart(5)} %  ${String(a.selfMs).padStart(6)} ms  ${a.area}`,
    ),
    '',
    'Functions with the most self time:',
    ...summary.topFunctions.map(
      (f) =>
        `  ${String(f.share).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.name}  (${f.where})`,
    ),
    '',
  ];
  return lines.join('\n');
}

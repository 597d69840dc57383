/** What one `npm run bench` found, as bench/run.ts records it (each scenario its median run). */
export interface BenchResults {
  at: string;
  commit: string;
  runsPerScenario: number;
  machine: { cpus: number; model?: string; memGiB: number };
  engine: 'postgres' | 'pglite';
  /** Per scenario, the medians of each of its runs (bench/run.ts). */
  runs?: Record<string, number[]>;
  /** Scenarios not measured in this run, kept from the run they were measured in (carry-over.ts). */
  carriedOver?: Partial<Record<string, { at: string; commit: string }>>;
  coldStart?: { newDataFolderMs: number; existingDataFolderMs: number };
  idleSockets?: {
    sockets: number;
    parleyBytesPerSocket: { retainedBytes: number };
    bareWsBytesPerSocket: { retainedBytes: number };
    ratio: number;
  };
  storeAndAck?: {
    statementsPerSend?: { note: number; text: number };
    s1: {
      requestsPerSec: number;
      p99Ms: number;
      atHalfLoad: { requestsPerSec: number; p99Ms: number };
      cpuPerRequest?: CpuPerOperation | null;
    };
    s6: {
      requestsPerSec: number;
      lossVsS1: number;
      statementsPerTextWithItsJob?: number;
      cpuPerRequest?: CpuPerOperation | null;
    };
    pgbenchTps: number | null;
    pgbenchCpuPerTransaction?: CpuPerOperation | null;
    pgbenchAtS1HalfLoadRate?: { ratePerSec: number; p50Ms?: number; p99Ms?: number } | null;
    ratioToPgbench: number | null;
    floor?: {
      roundTrips: number;
      requestsPerSec: number;
      ratioToPgbench: number | null;
      parleyShare: number;
      cpuPerRequest: CpuPerOperation | null;
    } | null;
  };
  oneToOne?: {
    pairs: number;
    parley: S2Ceiling;
    ejabberd: (S2Ceiling & { version: string }) | { skipped: string };
    ratio: number | null;
  };
  fanout?: {
    sockets: number;
    parleyDeliveriesPerSec: number;
    bareWsDeliveriesPerSec: number;
    ratio: number;
    latencyMs: { p99: number };
  };
  storeAndAckProfile?: { summary: string; byArea: { area: string; share: number }[] };
  dashboard?:
    | { skipped: string }
    | {
        conversations: number;
        messages: number;
        agentWorstP95Ms: number;
        supervisorWorstP95Ms: number;
        agent: Record<string, { p95Ms: number }>;
        targetP95Ms: number;
      };
  scaleOut?:
    | { skipped: string }
    | {
        oneProcessRequestsPerSec: number;
        twoProcesses: { total: number };
        ratio: number;
        fanoutAcrossProcesses: { parleyDeliveriesPerSec: number };
        fanoutRatio: number;
        deliveryLatency: { addedP50Ms: number };
      };
}

/** CPU milliseconds per request (or transaction) by group of processes (bench/lib/cpu.ts perOperation). */
export interface CpuPerOperation {
  machineMs: number;
  serverMs?: number;
  postgresMs?: number;
  redisMs?: number;
  loadGeneratorMs?: number;
  pgbenchMs?: number;
  otherMs: number;
  coresBusy: number;
  coresStolen?: number;
}

/** One offered rate of S2 (bench/one-to-one.ts), as far as the summary reads it. */
interface S2Step {
  offeredPerSec: number;
  delivered: number;
  lost: number;
  p50Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  sustained: boolean;
}
interface S2Ceiling {
  ceilingPerSec: number;
  rates: S2Step[];
}

type Row = [scenario: string, parley: string, reference: string, ratio: string, target: string];

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const x = (value: number | null | undefined) => (value == null ? '—' : `${value.toFixed(2)}×`);
const notRun: (name: string, target: string) => Row = (name, target) => [name, 'not run', '—', '—', target];

function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const sa = r.storeAndAck;
  out.push(
    sa
      ? [
          'S1 store-and-ack (16 connections)',
          `${n(sa.s1.requestsPerSec)} req/s, p99 ${sa.s1.p99Ms} ms; at half load p99 ${sa.s1.atHalfLoad.p99Ms} ms` +
            (sa.statementsPerSend ? `; ${sa.statementsPerSend.note} statements per note` : ''),
          sa.pgbenchTps
            ? `pgbench ${n(sa.pgbenchTps)} tps` + pgbenchAtHalfLoad(sa.pgbenchAtS1HalfLoadRate)
            : 'pgbench (PostgreSQL runs only)',
          x(sa.ratioToPgbench),
          '≥ 0.20× (stretch 0.30×); p99 ≤ 25 ms at half load',
        ]
      : notRun('S1 store-and-ack', '≥ 0.20× pgbench'),
  );
  if (sa?.floor)
    out.push([
      `S1's floor: a bare HTTP server doing only a note's ${sa.floor.roundTrips} round trips`,
      `${n(sa.floor.requestsPerSec)} req/s; Parley reaches ${Math.round(sa.floor.parleyShare * 100)} % of it`,
      sa.pgbenchTps ? `pgbench ${n(sa.pgbenchTps)} tps` : '—',
      x(sa.floor.ratioToPgbench),
      'what this machine allows (no target)',
    ]);
  out.push(...s2Rows(r.oneToOne));
  const f = r.fanout;
  out.push(
    f
      ? [
          `S3 fan-out to ${n(f.sockets)} sockets`,
          `${n(f.parleyDeliveriesPerSec)} deliveries/s, p99 ${f.latencyMs.p99} ms`,
          `bare ws ${n(f.bareWsDeliveriesPerSec)}/s`,
          x(f.ratio),
          '≥ 0.5×, p99 ≤ 50 ms',
        ]
      : notRun('S3 fan-out', '≥ 0.5× bare ws'),
  );
  const so = r.scaleOut;
  if (!so) out.push(notRun('S4 two processes', '≥ 0.9× one process'));
  else if ('skipped' in so)
    out.push(['S4 two processes', `skipped: ${so.skipped}`, '—', '—', '≥ 0.9× one process']);
  else {
    out.push([
      'S4 two processes, S1 notes',
      `${n(so.twoProcesses.total)} req/s (added delivery p50 ${so.deliveryLatency.addedP50Ms} ms)`,
      `one process ${n(so.oneProcessRequestsPerSec)} req/s`,
      x(so.ratio),
      '≥ 0.9×',
    ]);
    out.push([
      'S4 two processes, S3 fan-out',
      `${n(so.fanoutAcrossProcesses.parleyDeliveriesPerSec)} deliveries/s`,
      f ? `one process ${n(f.parleyDeliveriesPerSec)}/s` : 'one process',
      x(so.fanoutRatio),
      '≥ 0.9×',
    ]);
  }
  const s = r.idleSockets;
  out.push(
    s
      ? [
          `S5 idle sockets (${n(s.sockets)})`,
          `${n(s.parleyBytesPerSocket.retainedBytes)} B/socket retained`,
          `bare ws ${n(s.bareWsBytesPerSocket.retainedBytes)} B`,
          x(s.ratio),
          '≤ 2×, ≤ 20 KiB',
        ]
      : notRun('S5 idle sockets', '≤ 2× bare ws'),
  );
  out.push(
    sa
      ? [
          'S6 S1 with an SMS job',
          `${n(sa.s6.requestsPerSec)} req/s` +
            (sa.statementsPerSend ? `; ${sa.statementsPerSend.text} statements per text` : '') +
            (sa.s6.statementsPerTextWithItsJob
              ? `, ${sa.s6.statementsPerTextWithItsJob} with its SMS job and delivery callbacks`
              : ''),
          `S1 ${n(sa.s1.requestsPerSec)} req/s`,
          `${Math.round(sa.s6.lossVsS1 * 100)} % lost`,
          '≤ 10 % lost',
        ]
      : notRun('S6 outbox', '≤ 10 % lost'),
  );
  const c = r.coldStart;
  out.push(
    c
      ? [
          'Cold start, embedded (new / existing folder)',
          `${(c.newDataFolderMs / 1000).toFixed(2)} s / ${(c.existingDataFolderMs / 1000).toFixed(2)} s`,
          '—',
          '—',
          '< 5 s / < 2 s',
        ]
      : notRun('Cold start', '< 5 s / < 2 s'),
  );
  const d = r.dashboard;
  if (!d) out.push(notRun('Message Center dashboard', 'p95 < 20 ms'));
  else if ('skipped' in d)
    out.push(['Message Center dashboard', `skipped: ${d.skipped}`, '—', '—', 'p95 < 20 ms']);
  else
    out.push([
      `Message Center dashboard (${n(d.conversations)} conversations, ${n(d.messages)} messages)`,
      `worst p95 of the five filters and the counts: agent ${d.agentWorstP95Ms} ms, supervisor ${d.supervisorWorstP95Ms} ms` +
        ` (agent's Open ${d.agent.open?.p95Ms} ms, counts ${d.agent.counts?.p95Ms} ms)`,
      '—',
      '—',
      `p95 < ${d.targetP95Ms} ms`,
    ]);
  return out;
}

function pgbenchAtHalfLoad(at: NonNullable<BenchResults['storeAndAck']>['pgbenchAtS1HalfLoadRate']): string {
  if (!at?.p99Ms) return '';
  return `; at S1's half-load rate (${n(at.ratePerSec)}/s) p50 ${at.p50Ms} ms, p99 ${at.p99Ms} ms`;
}

const ms = (value: number | undefined) => (value == null ? '—' : value.toFixed(3));

/**
 * Where the machine's CPU goes per request in S1, S6 and the floor and per pgbench transaction, and what
 * S1's target leaves for a note: 0.20× of pgbench's rate is five of its transactions' machine CPU.
 */
function cpuSection(sa: BenchResults['storeAndAck']): string[] {
  if (!sa?.s1.cpuPerRequest) return [];
  const lines: [string, CpuPerOperation | null | undefined][] = [
    ['S1, a note', sa.s1.cpuPerRequest],
    ['S6, a text (its SMS job and callbacks as far as they ran meanwhile)', sa.s6.cpuPerRequest],
    [`S1's floor (${sa.floor?.roundTrips ?? '?'} round trips, nothing else)`, sa.floor?.cpuPerRequest],
    ['pgbench, one insert (its client in the server column)', sa.pgbenchCpuPerTransaction],
  ];
  const table = lines
    .filter(([, cpu]) => cpu)
    .map(([name, cpu]) => {
      const c = cpu as CpuPerOperation;
      return `| ${name} | ${ms(c.machineMs)} | ${ms(c.serverMs ?? c.pgbenchMs)} | ${ms(c.postgresMs)} | ${ms(c.redisMs)} | ${ms(c.loadGeneratorMs)} | ${ms(c.otherMs)} | ${c.coresBusy} | ${c.coresStolen ?? '—'} |`;
    });
  return [
    '## Where the CPU goes (milliseconds per request, all processes, read from /proc)',
    '',
    'Cores stolen: the time the hypervisor ran other guests while this machine was ready to run; where it is',
    'high, every figure of that load is low.',
    '',
    '| load | machine | server | PostgreSQL | Redis | load generator | rest | cores busy | cores stolen |',
    '|---|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    ...bounds(sa),
  ];
}

/**
 * What the figures above allow at best, against the budgets of S1's and S6's targets: a note costs at
 * least PostgreSQL's and Redis's time on it plus what the floor's bare server and load generator spend
 * on the same round trips; a text at least PostgreSQL's time on it.
 */
function bounds(sa: NonNullable<BenchResults['storeAndAck']>): string[] {
  const note = sa.s1.cpuPerRequest;
  const pgbench = sa.pgbenchCpuPerTransaction;
  const floor = sa.floor?.cpuPerRequest;
  const out: string[] = [];
  if (note && pgbench && floor) {
    const least =
      (note.postgresMs ?? 0) + (note.redisMs ?? 0) + (floor.serverMs ?? 0) + (floor.loadGeneratorMs ?? 0);
    out.push(
      `S1's target, 0.20× of pgbench, leaves a note ${ms(pgbench.machineMs / 0.2)} ms of machine CPU (five pgbench` +
        ` transactions). A note costs at least PostgreSQL's time on its statements (${ms(note.postgresMs)} ms), Redis's` +
        ` (${ms(note.redisMs)} ms) and what a bare server and the load generator spend on its round trips` +
        ` (${ms(floor.serverMs)} + ${ms(floor.loadGeneratorMs)} ms, the floor's): ${ms(least)} ms, so these statements` +
        ` allow at most ${x(pgbench.machineMs / least)} on this machine.`,
      '',
    );
  }
  const text = sa.s6.cpuPerRequest;
  if (note && text?.postgresMs) {
    const leastLost = Math.max(0, 1 - note.machineMs / text.postgresMs);
    out.push(
      `S6's target, at most 10 % lost, leaves a text ${ms(note.machineMs / 0.9)} ms of machine CPU; PostgreSQL alone` +
        ` spends ${ms(text.postgresMs)} ms on a text, its SMS job and callbacks, so at least` +
        ` ${Math.round(leastLost * 100)} % is lost whatever the server does.`,
      '',
    );
  }
  return out;
}

/** Where S1's server time went, from the profile taken after the measured runs. */
function profileLine(p: BenchResults['storeAndAckProfile']): string[] {
  if (!p) return [];
  const areas = p.byArea
    .slice(0, 5)
    .map((a) => `${a.area} ${a.share} %`)
    .join(', ');
  return [`Where S1's server CPU goes (self time, \`${p.summary}\`): ${areas}.`, ''];
}

/** p50 / p99 / p99.9 at each of S2's fixed rates, and what was lost where a rate was not sustained. */
function s2Latencies(steps: S2Step[]): string {
  return steps
    .map((s) => {
      const at = `${s.offeredPerSec / 1000}k`;
      if (s.delivered === 0) return `${at}: fell behind, none delivered`;
      const figures = `${at}: ${s.p50Ms} / ${s.p99Ms} / ${s.p999Ms} ms`;
      return s.sustained ? figures : `${figures} (not sustained, ${n(s.lost)} lost)`;
    })
    .join('; ');
}

function s2Rows(o: BenchResults['oneToOne']): Row[] {
  if (!o) return [notRun('S2 one-to-one', '≥ 1.2× ejabberd; p99 ≤ 10 ms at 3k msg/s')];
  const e = o.ejabberd;
  return [
    [
      `S2 one-to-one, ${o.pairs} pairs: ceiling`,
      `${n(o.parley.ceilingPerSec)} msg/s`,
      'skipped' in e ? `ejabberd skipped: ${e.skipped}` : `ejabberd ${e.version} ${n(e.ceilingPerSec)} msg/s`,
      x(o.ratio),
      '≥ 1.2× ejabberd',
    ],
    [
      'S2 p50 / p99 / p99.9 at 1k, 2k, 3k msg/s',
      s2Latencies(o.parley.rates),
      'skipped' in e ? '—' : `ejabberd ${s2Latencies(e.rates)}`,
      '—',
      'p99 ≤ 10 ms at 3k msg/s',
    ],
  ];
}

const SCENARIO_NAMES: Record<string, string> = {
  coldStart: 'cold start',
  idleSockets: 'S5',
  storeAndAck: 'S1 and S6',
  storeAndAckProfile: 'the S1 profile',
  oneToOne: 'S2',
  fanout: 'S3',
  scaleOut: 'S4',
  dashboard: 'the dashboard',
};

/** Which figures an earlier run measured, and when (a run of some scenarios keeps the others'). */
function carriedOverLine(r: BenchResults): string[] {
  const entries = Object.entries(r.carriedOver ?? {});
  if (entries.length === 0) return [];
  const parts = entries.map(
    ([key, from]) =>
      `${SCENARIO_NAMES[key] ?? key} (${from?.at.slice(0, 16).replace('T', ' ')} UTC at \`${from?.commit.slice(0, 10)}\`)`,
  );
  return [`Not measured in this run, kept from the run that measured them: ${parts.join(', ')}.`];
}

/** A table cell: one line (an error message may hold several), no column separators, at most 300 characters. */
function cell(text: string): string {
  const line = text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** bench/results/SUMMARY.md: each scenario's median figure beside its reference and target. */
export function summaryMarkdown(r: BenchResults): string {
  const table = rows(r).map((cells) => `| ${cells.map(cell).join(' | ')} |`);
  return [
    '# Benchmark summary',
    '',
    `Measured ${r.at.slice(0, 10)} at commit \`${r.commit.slice(0, 10)}\` on ${r.machine.cpus} cores` +
      ` (${r.machine.model ?? 'unknown CPU'}), ${r.machine.memGiB} GiB, ${r.engine === 'postgres' ? 'PostgreSQL + Redis' : 'embedded PGlite'}.`,
    `Each scenario ran ${r.runsPerScenario} times; the table shows the median run. References ran in the same run on the same machine.`,
    ...carriedOverLine(r),
    '',
    '| scenario | Parley | reference | ratio | target (DESIGN.md §6) |',
    '|---|---|---|---|---|',
    ...table,
    '',
    ...profileLine(r.storeAndAckProfile),
    ...cpuSection(r.storeAndAck),
    'Raw figures: `latest.json` beside this file.',
    '',
  ].join('\n');
}

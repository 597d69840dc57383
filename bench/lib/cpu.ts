import { readdirSync, readFileSync } from 'node:fs';
import { round } from './stats';

// Linux reports process and machine CPU time in clock ticks of 1/100 s (USER_HZ on every architecture).
const MS_PER_TICK = 10;

/** One process as /proc/<pid>/stat describes it: its command name and CPU time (user + system). */
export interface ProcessCpu {
  comm: string;
  cpuMs: number;
}

/** Parses a /proc/<pid>/stat line; the command name may hold spaces and parentheses, so it ends at the last ')'. */
export function parseProcessStat(line: string): ProcessCpu | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // After the name: state, ppid, … utime (14th field of the line) and stime (15th).
  const fields = line.slice(close + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { comm: line.slice(open + 1, close), cpuMs: (utime + stime) * MS_PER_TICK };
}

/**
 * The machine's CPU time (all cores) from /proc/stat's first line: busy (user, nice, system, irq, softirq;
 * guest time is already in user) and stolen (the hypervisor ran another guest while this one was ready).
 */
export function parseMachineTimes(procStat: string): { busyMs: number; stolenMs: number } {
  const first = procStat.split('\n', 1)[0] ?? '';
  const [label, ...ticks] = first.trim().split(/\s+/);
  if (label !== 'cpu') throw new Error('/proc/stat: no cpu line');
  const [user, nice, system, , , irq, softirq, steal] = ticks.map((t) => Number(t) || 0);
  return {
    busyMs: ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) * MS_PER_TICK,
    stolenMs: (steal ?? 0) * MS_PER_TICK,
  };
}

/** Which group a process's CPU time is counted in, or null for the rest of the machine. */
export type Grouping = (pid: number, comm: string) => string | null;

/** The CPU time each group spent between two snapshots, the machine's busy time, and what no group took. */
export interface CpuSpent {
  wallMs: number;
  machineBusyMs: number;
  /** Time the hypervisor gave to other guests while this machine's cores were ready: a noisy host. */
  machineStolenMs: number;
  byGroup: Record<string, number>;
  otherMs: number;
}

/**
 * Sums CPU time per group over a window. A process counts from its first snapshot (or from its start, when
 * it was born inside the window) to its last; one that exits between two snapshots loses at most the
 * polling interval of its time, so the window is polled while it runs.
 */
export function spentBetween(
  first: Map<number, ProcessCpu>,
  seen: Map<number, ProcessCpu>,
  grouping: Grouping,
): Record<string, number> {
  const byGroup: Record<string, number> = {};
  for (const [pid, last] of seen) {
    const group = grouping(pid, last.comm);
    if (!group) continue;
    const spent = last.cpuMs - (first.get(pid)?.cpuMs ?? 0);
    byGroup[group] = (byGroup[group] ?? 0) + spent;
  }
  return byGroup;
}

function snapshot(): Map<number, ProcessCpu> {
  const processes = new Map<number, ProcessCpu>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parsed = parseProcessStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (parsed) processes.set(Number(name), parsed);
    } catch {
      // The process exited between the listing and the read.
    }
  }
  return processes;
}

const machineTimes = () => parseMachineTimes(readFileSync('/proc/stat', 'utf8'));

/**
 * Runs `work` and reports the CPU time each group of processes spent meanwhile (Linux only: null
 * elsewhere), polling /proc every `pollMs` so that processes which exit inside the window (pgbench and
 * its backends) still count.
 */
export async function cpuDuring<T>(
  grouping: Grouping,
  work: () => Promise<T>,
  pollMs = 500,
): Promise<{ result: T; cpu: CpuSpent | null }> {
  let first: Map<number, ProcessCpu>;
  let before: ReturnType<typeof machineTimes>;
  try {
    first = snapshot();
    before = machineTimes();
  } catch {
    return { result: await work(), cpu: null };
  }
  const seen = new Map(first);
  const poll = () => {
    for (const [pid, cpu] of snapshot()) seen.set(pid, cpu);
  };
  const started = performance.now();
  const timer = setInterval(poll, pollMs);
  try {
    const result = await work();
    poll();
    const wallMs = performance.now() - started;
    const after = machineTimes();
    const busyMs = after.busyMs - before.busyMs;
    const byGroup = spentBetween(first, seen, grouping);
    const grouped = Object.values(byGroup).reduce((sum, ms) => sum + ms, 0);
    return {
      result,
      cpu: {
        wallMs,
        machineBusyMs: busyMs,
        machineStolenMs: after.stolenMs - before.stolenMs,
        byGroup,
        otherMs: Math.max(0, busyMs - grouped),
      },
    };
  } finally {
    clearInterval(timer);
  }
}

/** CPU milliseconds per operation of each group and of the whole machine, and how many cores were busy or stolen. */
export function perOperation(cpu: CpuSpent, operations: number) {
  const per = (ms: number) => round(ms / Math.max(1, operations), 3);
  return {
    machineMs: per(cpu.machineBusyMs),
    ...Object.fromEntries(Object.entries(cpu.byGroup).map(([group, ms]) => [`${group}Ms`, per(ms)])),
    otherMs: per(cpu.otherMs),
    coresBusy: round(cpu.machineBusyMs / cpu.wallMs),
    coresStolen: round(cpu.machineStolenMs / cpu.wallMs),
  };
}

import { describe, expect, it } from 'vitest';
import { parseMachineTimes, parseProcessStat, perOperation, spentBetween } from './cpu';

const stat = (pid: number, comm: string, utime: number, stime: number) =>
  `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 100 1000 10`;

describe('parseProcessStat', () => {
  it('reads the command name and user + system time in ms (ticks of 1/100 s)', () => {
    expect(parseProcessStat(stat(42, 'postgres', 120, 30))).toEqual({ comm: 'postgres', cpuMs: 1500 });
  });

  it('keeps a command name with spaces and parentheses whole', () => {
    expect(parseProcessStat(stat(7, 'node (worker) x', 1, 2))).toEqual({
      comm: 'node (worker) x',
      cpuMs: 30,
    });
  });

  it('answers null for a line it cannot read', () => {
    expect(parseProcessStat('garbage')).toBeNull();
    expect(parseProcessStat('1 (short) S 1')).toBeNull();
  });
});

describe('parseMachineTimes', () => {
  it('counts user, nice, system, irq and softirq as busy, steal as stolen, and neither idle nor iowait', () => {
    const procStat = 'cpu  100 5 50 9000 300 1 2 3 0 0\ncpu0 50 2 25 4500 150 0 1 1 0 0\n';
    expect(parseMachineTimes(procStat)).toEqual({ busyMs: (100 + 5 + 50 + 1 + 2) * 10, stolenMs: 30 });
  });

  it('refuses a file without the cpu line', () => {
    expect(() => parseMachineTimes('intr 1 2 3')).toThrow('/proc/stat');
  });
});

describe('spentBetween', () => {
  const grouping = (pid: number, comm: string) =>
    pid === 10 ? 'server' : comm === 'postgres' ? 'postgres' : null;

  it('sums each group from the first snapshot to the last one seen, and a process born meanwhile from 0', () => {
    const first = new Map([
      [10, { comm: 'node', cpuMs: 1000 }],
      [20, { comm: 'postgres', cpuMs: 500 }],
      [30, { comm: 'bash', cpuMs: 70 }],
    ]);
    const seen = new Map([
      [10, { comm: 'node', cpuMs: 1800 }],
      [20, { comm: 'postgres', cpuMs: 650 }],
      [21, { comm: 'postgres', cpuMs: 90 }],
      [30, { comm: 'bash', cpuMs: 400 }],
    ]);
    expect(spentBetween(first, seen, grouping)).toEqual({ server: 800, postgres: 240 });
  });
});

describe('perOperation', () => {
  it('divides each group by the operations and tells how many cores were busy and stolen', () => {
    const cpu = {
      wallMs: 8000,
      machineBusyMs: 12_000,
      machineStolenMs: 800,
      byGroup: { server: 6000, postgres: 4000 },
      otherMs: 2000,
    };
    expect(perOperation(cpu, 8000)).toEqual({
      machineMs: 1.5,
      serverMs: 0.75,
      postgresMs: 0.5,
      otherMs: 0.25,
      coresBusy: 1.5,
      coresStolen: 0.1,
    });
  });
});

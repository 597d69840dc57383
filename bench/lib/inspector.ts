import WebSocket from 'ws';

/** What `process.memoryUsage()` answers, in bytes. */
export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A session on the inspector of a process started with `--inspect=127.0.0.1:<port>`. */
async function inspectorSession(inspectPort: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectPort}`);
  const ws = new WebSocket(url, { maxPayload: 2 ** 30 });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  return {
    call: (method: string, params: Record<string, unknown> = {}) =>
      new Promise<unknown>((resolve) => {
        const id = ++next;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/**
 * The memory of a process started with `--inspect=127.0.0.1:<port>`, read after two full garbage
 * collections through the inspector protocol. Neither process needs code for it, and collected garbage
 * and heap headroom no longer blur a per-socket figure.
 */
export async function memoryAfterGc(inspectPort: number): Promise<Memory> {
  const session = await inspectorSession(inspectPort);
  try {
    await session.call('HeapProfiler.collectGarbage');
    await session.call('HeapProfiler.collectGarbage');
    const answer = (await session.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    return JSON.parse(answer.result.value) as Memory;
  } finally {
    session.close();
  }
}

/** A V8 CPU profile (the .cpuprofile format Chromium's DevTools and speedscope open as a flame graph). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The CPU profile of the process while `work` runs (sampled every 500 µs). */
export async function cpuProfileDuring(
  inspectPort: number,
  work: () => Promise<unknown>,
): Promise<CpuProfile> {
  const session = await inspectorSession(inspectPort);
  try {
    await session.call('Profiler.enable');
    await session.call('Profiler.setSamplingInterval', { interval: 500 });
    await session.call('Profiler.start');
    await work();
    const { profile } = (await session.call('Profiler.stop')) as { profile: CpuProfile };
    return profile;
  } finally {
    session.close();
  }
}

/** Bytes per item between two readings: retained JavaScript and native buffers, and resident set. */
export function perItem(before: Memory, after: Memory, n: number) {
  const retained = (m: Memory) => m.heapUsed + m.external;
  return {
    retainedBytes: Math.round((retained(after) - retained(before)) / n),
    rssBytes: Math.round((after.rss - before.rss) / n),
  };
}

import WebSocket from 'ws';

/**
 * Opens n WebSocket clients to url with the given headers, a few at a time. With `untilReady`, each
 * counts as open once the server's first frame (Parley's `ready`) has arrived.
 */
export async function openSockets(
  url: string,
  n: number,
  headers: Record<string, string>,
  options: { untilReady?: boolean } = {},
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const batch = 50;
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, () => {
        const ws = new WebSocket(url, { headers, perMessageDeflate: false });
        return new Promise<WebSocket>((resolve, reject) => {
          ws.once(options.untilReady ? 'message' : 'open', () => resolve(ws));
          ws.once('error', reject);
        });
      }),
    );
    sockets.push(...opened);
  }
  return sockets;
}

export function closeAll(sockets: WebSocket[]): void {
  for (const s of sockets) s.terminate();
}

import { WebSocketServer } from 'ws';

// Reference server for S3/S5: a bare `ws` broadcast server. POST-free protocol: a client sending "b:<n>"
// makes the server broadcast n frames to every connected client; "m" answers the process RSS.
const port = Number(process.argv[2] ?? 18090);
const wss = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  req.socket.setNoDelay(true);
  ws.on('message', (raw) => {
    const text = raw.toString();
    if (text === 'm') {
      ws.send(JSON.stringify({ type: 'memory', rss: process.memoryUsage().rss }));
      return;
    }
    if (text.startsWith('b:')) {
      const n = Number(text.slice(2));
      for (let i = 0; i < n; i++) {
        const frame = JSON.stringify({ type: 'pong', data: { at: new Date().toISOString(), i } });
        for (const client of wss.clients) client.send(frame);
      }
    }
  });
});
wss.on('listening', () => process.stdout.write('listening\n'));

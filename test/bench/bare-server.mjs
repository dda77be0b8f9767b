/**
 * The bench's baseline: a bare socket.io server in its own process, as the Sidang server is.
 * Clients join one room with an acked `subscribe` (as Sidang's do); `POST /emit` with an
 * envelope broadcasts it to the room and answers 204 — so, as for Sidang, a measurement runs
 * from an HTTP request to each client holding the event.
 *
 *   node test/bench/bare-server.mjs     → prints `listening <port>` once ready
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/emit') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    io.to('committee').emit('event', JSON.parse(Buffer.concat(chunks).toString('utf8')));
    response.writeHead(204).end();
  });
});
const io = new Server(http, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (_request, ack) => {
    void socket.join('committee');
    ack({ ok: true, seq: 0 });
  });
});
http.listen(0, '127.0.0.1', () => {
  console.log(`listening ${http.address().port}`);
});
process.on('SIGTERM', () => {
  io.close(() => process.exit(0));
});

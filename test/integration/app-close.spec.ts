import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { TestApp } from './support/harness.js';

/**
 * A suite's app closes as the process does on SIGTERM: a request still in flight on a keep-alive
 * connection (a live client's catch-up the test did not wait for) is answered and its connection
 * closed, so closing does not wait for the server's keep-alive timeout (65 s, past a hook's 60 s).
 */
describe('closing a test app with a request in flight', () => {
  it('should answer the request with Connection: close and finish closing', async () => {
    const app = await TestApp.start();
    const socket = connect(Number(new URL(app.url).port), '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'not-a-password' });
    // The server says it holds the request (100 Continue) before the app starts closing.
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: keep-alive\r\n\r\n`,
    );
    while (!received.includes('100 Continue')) await once(socket, 'data');
    const closing = app.close();
    socket.write(body);
    while (!/\r\n\r\nHTTP\/1\.1 \d{3}[\s\S]*\r\n\r\n/.test(received)) await once(socket, 'data');
    const answer = received.slice(received.indexOf('\r\n\r\n') + 4);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(answer.toLowerCase()).toContain('connection: close');
    await closing;
    socket.destroy();
  });
});

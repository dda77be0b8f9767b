import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder on 127.0.0.1 in front of a server (a database), which a test can cut off and
 * restore: `pause` closes every connection through it and refuses new ones — to the app, the
 * database stopped answering — and `resume` accepts again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();

  /** The proxy's own port (fixed at the first listen, kept across pause and resume). */
  port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy for the server of `url` (`postgres://…@host:port/db`). */
  static async forUrl(url: string): Promise<TcpProxy> {
    const parsed = new URL(url);
    const proxy = new TcpProxy({ host: parsed.hostname, port: Number(parsed.port || 5432) });
    proxy.port = await proxy.listen(0);
    return proxy;
  }

  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async pause(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async resume(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  close(): Promise<void> {
    return this.pause();
  }

  private listen(port: number): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.open.add(client);
      this.open.add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }
}

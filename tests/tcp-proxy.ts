import net from 'node:net';

/**
 * A TCP relay between a client and a backend that a test can unplug: `cut()` drops every
 * connection and refuses new ones (the network is gone), `swallowResponses()` delivers requests
 * but loses the answers (the connection dies after the server got them), and `retarget()`
 * follows a backend restarted on another port, so the client keeps one URL throughout.
 */
export class TcpProxy {
  private cutOff = false;
  private swallow = false;
  private readonly open = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    private target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.relay(client));
  }

  static async start(targetUrl: string): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TcpProxy(server, hostPort(targetUrl));
  }

  get url(): string {
    const address = this.server.address() as net.AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  retarget(targetUrl: string): void {
    this.target = hostPort(targetUrl);
  }

  cut(): void {
    this.cutOff = true;
    for (const s of this.open) s.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  swallowResponses(on: boolean): void {
    this.swallow = on;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket): void {
    if (this.cutOff) return void client.destroy();
    const upstream = net.connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!this.swallow) client.write(chunk);
    });
  }
}

function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

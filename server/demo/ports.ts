import net from 'node:net';

/** A port the demo needs is taken: says which one and the variable that moves it. */
export class PortInUse extends Error {
  constructor(
    readonly port: number,
    readonly variable: 'PORT' | 'EMULATOR_PORT',
    what: string,
  ) {
    super(
      `Port ${port} is already in use, so the ${what} cannot listen on it. ` +
        `Stop whatever uses it (another demo or server?), or pick another port: ${variable}=${port + 1} npm run demo`,
    );
  }
}

export function isAddressInUse(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
}

/**
 * Checks that `port` can be listened on right now by binding it and letting it go; port 0 asks the
 * OS for a free one. Answers the port; rejects with EADDRINUSE when it is taken.
 */
export function probePort(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

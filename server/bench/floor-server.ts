import crypto from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { listTicketsStatement } from '../services/tickets-list';

/**
 * The floor for the ticket list: a bare Fastify + pg handler sending the very statement the
 * product sends for an agent's open tickets (services/tickets-list.ts: session, access and page in
 * one prepared statement), with none of the product's layers around it (request validation, session
 * and permission checks in JS, row mapping, response schema). The product's figures next to these
 * show what those layers cost on this machine, right now.
 */
const { name, text } = listTicketsStatement(['open'], false, false);

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const app = Fastify();
  app.get('/floor/tickets', async (req) => {
    const q = req.query as { numberId: string; limit: string };
    const token = req.headers.authorization?.slice('Bearer '.length) ?? '';
    const tokenHash = crypto.createHash('sha256').update(token).digest('base64url');
    const limit = Number(q.limit);
    const found = await pool.query({ name, text, values: [tokenHash, q.numberId, limit + 1] });
    return { items: found.rows.slice(0, limit), nextCursor: null };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url, pid: process.pid })}\n`);
  process.once('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error('bench floor server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

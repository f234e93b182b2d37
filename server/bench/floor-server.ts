import Fastify from 'fastify';
import pg from 'pg';

/**
 * The floor for the ticket list: a bare Fastify + pg handler sending the same SQL as the product's
 * list of an agent's open tickets (services/tickets.ts), as one prepared statement, with no
 * session, access check, ORM or response schema. The product's figures next to these show what
 * the layers above the query cost on this machine, right now.
 */
const LIST_SQL = `
  select t.*, c.id as contact_id, c.name, c.profile_name, c.wa_id, c.phone,
    (select count(*)::int from (select 1 from messages m
      where m.ticket_id = t.id and m.direction = 'in'
        and (m.created_at, m.id) > (
          coalesce((select rm.up_to_at from read_markers rm where rm.user_id = $1 and rm.ticket_id = t.id), '-infinity'::timestamptz),
          coalesce((select rm.up_to from read_markers rm where rm.user_id = $1 and rm.ticket_id = t.id), '00000000-0000-0000-0000-000000000000'::uuid))
      limit 100) u) as unread
  from tickets t join contacts c on c.id = t.contact_id
  where t.number_id = $2 and t.state = 'open' and t.assignee_id = $1
  order by t.last_message_at desc, t.id desc
  limit $3`;

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const app = Fastify();
  app.get('/floor/tickets', async (req) => {
    const q = req.query as { userId: string; numberId: string; limit: string };
    const limit = Number(q.limit);
    const found = await pool.query({ name: 'floor_list', text: LIST_SQL, values: [q.userId, q.numberId, limit + 1] });
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

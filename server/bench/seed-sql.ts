import { agentIndex, type SeedPlan } from './plan';

/**
 * Set-based SQL that generates contacts, tickets, messages and read markers from ticket numbers
 * (see plan.ts). Everything is derived from g with hash functions, never random(), so separate
 * statements agree: a message's ticket id is the id its ticket got in another statement.
 */

export interface SeedIds {
  orgId: string;
  numberIds: string[];
  queueIds: string[];
  agentIds: string[];
  /** Seeding time in epoch ms: the newest ticket's last message is just before it. */
  nowMs: number;
}

const DAY_MS = 86_400_000;
const SPAN_MS = 90 * DAY_MS;

/** A uniform integer in 0..m-1 derived from g and a seed. */
const r = (g: string, seed: number, m: number) => `((hashint8extended(${g}, ${seed}) & 2147483647) % ${m})`;

/**
 * A UUID version 7 whose time is `msExpr` and whose other bits come from a 64-bit hash of a unique
 * bigint key (cheaper than md5 of a text key, for ten million rows).
 */
const uuid7 = (msExpr: string, keyExpr: string, seed: number) =>
  `(lpad(to_hex(${msExpr}), 12, '0') || '7' || overlay(lpad(to_hex(hashint8extended(${keyExpr}, ${seed})), 16, '0') placing '8' from 4 for 0) || lpad(to_hex((${keyExpr}) & 255), 2, '0'))::uuid`;
const TICKET_ID = 21;
const CONTACT_ID = 22;
const MESSAGE_ID = 23;
/** Message j of ticket g as one bigint (a ticket has at most 60 messages). */
const messageKey = (g: string, j: string) => `((${g}) * 64 + (${j}))`;

const ts = (msExpr: string) => `to_timestamp((${msExpr})::float8 / 1000)`;

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `array[${items.map(literal).join(',')}]`;
const uuidArray = (ids: readonly string[]) => `'{${ids.join(',')}}'::uuid[]`;

const customerTexts = textArray([
  'Olá, bom dia!',
  'Quero saber o status do meu pedido, por favor.',
  'Vocês entregam em Campinas?',
  'Obrigado!',
  'Qual o prazo de entrega para o CEP 04567-000? Preciso receber até sexta-feira sem falta.',
  'Pode me mandar o boleto de novo? O outro venceu.',
  'Boa tarde, o produto chegou com defeito e gostaria de trocar.',
  'Ok',
  'Ainda não recebi o código de rastreio, pode verificar?',
  'Tem desconto à vista no pix?',
]);
const agentTexts = textArray([
  'Olá! Sou do atendimento, como posso ajudar?',
  'Claro, vou verificar para você. Um momento, por favor.',
  'Seu pedido foi enviado ontem e deve chegar em até 3 dias úteis.',
  'Enviei o boleto atualizado no seu e-mail cadastrado.',
  'Entregamos sim! O frete para Campinas é grátis acima de R$ 199.',
  'Posso ajudar em algo mais?',
  'Abrimos a troca: você receberá uma etiqueta de postagem por e-mail em até 24 horas.',
  'O código de rastreio é BR123456789BR.',
  'No pix o desconto é de 5%.',
  'Obrigado pelo contato, tenha um ótimo dia!',
]);
const firstNames = textArray(['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Felipe', 'Gabriela', 'Heitor', 'Isabela', 'João', 'Larissa', 'Marcos', 'Natália', 'Otávio', 'Paula', 'Rafael', 'Sofia', 'Thiago', 'Vitória', 'Yago']);
const lastNames = textArray(['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa']);
const cities = textArray(['São Paulo', 'Campinas', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Salvador', 'Recife']);
export const benchTags = ['Venda', 'Dúvida', 'Suporte'];

/** The text of message j of ticket g (outbound = written by the agent). */
const messageText = (g: string, j: string, out: string) =>
  `(case when ${out} then (${agentTexts})[1 + ((${g} + ${j} * 7) % 10)] else (${customerTexts})[1 + ((${g} * 3 + ${j} * 7) % 10)] end)`;

/**
 * A materialised CTE `t` with one row per ticket number produced by `source` (a FROM item with a
 * bigint column g): every fact the statements below need.
 */
function ticketFacts(plan: SeedPlan, ids: SeedIds, source: string): string {
  const N = plan.numbers;
  const C = plan.contactsPerNumber;
  const start = ids.nowMs - SPAN_MS - 4 * 3_600_000;
  const t0 = (g: string) => `(${start}::bigint + (${g}) * ${SPAN_MS}::bigint / ${plan.tickets} + ${r(g, 2, 600_000)})`;
  const agentsOfNumbers = Array.from({ length: N * plan.agentsPerNumber }, (_, i) => ids.agentIds[agentIndex(plan, Math.floor(i / plan.agentsPerNumber), i % plan.agentsPerNumber)]!);
  return `
  a as (
    select g, (g % ${N})::int as n, (g / ${N})::int as k, ((g / ${N}) % ${C})::int as c, ${t0('g')} as t0,
           case when ${r('g', 6, 50)} = 0 then 60 else 4 + ${r('g', 7, 11)} end as m,
           (20 + ${r('g', 8, 160)})::bigint * 1000 as gap,
           case when g / ${N} < ${plan.activeFrom} then 'closed'
                when ${r('g', 3, 100)} < 15 then 'waiting'
                when ${r('g', 3, 100)} < 65 then 'open'
                else 'closed' end as state,
           ${r('g', 4, 100)} as kr, ${r('g', 5, plan.agentsPerNumber)} as slot
    from ${source}
  ),
  b as (
    select a.*, case when state <> 'closed' then null when kr < 80 then 'attended' when kr < 92 then 'abandoned' else 'lost' end as close_reason
    from a
  ),
  t as materialized (
    select g, n, k, c, t0, m, gap, state, close_reason,
           (state = 'open' or close_reason in ('attended', 'abandoned')) as assigned,
           case when state = 'open' or close_reason in ('attended', 'abandoned')
                then (${uuidArray(agentsOfNumbers)})[n * ${plan.agentsPerNumber} + slot + 1] end as assignee,
           ${uuid7('t0', 'g', TICKET_ID)} as id,
           (${uuidArray(ids.numberIds)})[n + 1] as number_id,
           (${uuidArray(ids.queueIds)})[n + 1] as queue_id,
           n + c::bigint * ${N} as first_g,
           ${uuid7(t0(`n + c::bigint * ${N}`), `n + c::bigint * ${N}`, CONTACT_ID)} as contact_id,
           t0 + (m - 1) * gap as last_at,
           (state = 'open' or close_reason in ('attended', 'abandoned')) and (m - 1) % 2 = 1 as last_out,
           t0 + (case when state = 'open' or close_reason in ('attended', 'abandoned') then (m - 1) - (m - 1) % 2 else m - 1 end) * gap as last_cust_at,
           ${t0(`n + c::bigint * ${N}`)} as contact_t0
    from b
  )`;
}

/** Contacts whose first ticket number is in [lo, hi) (first tickets are g < numbers × contactsPerNumber). */
export function contactsSql(plan: SeedPlan, ids: SeedIds, lo: number, hi: number): string {
  const N = plan.numbers;
  const C = plan.contactsPerNumber;
  // Facts of each contact's latest ticket: its second one when there is one.
  const source = `(select case when f + ${C * N} < ${plan.tickets} then f + ${C * N} else f end as g from generate_series(${lo}::bigint, ${hi - 1}::bigint) f) s`;
  return `with ${ticketFacts(plan, ids, source)}
  insert into contacts (id, org_id, number_id, wa_id, phone, name, profile_name, email, city, document,
                        last_interaction_at, last_customer_message_at, window_expires_at, created_at)
  select contact_id, '${ids.orgId}', number_id, wa, '+' || wa,
         case when c % 10 < 7 then (${firstNames})[1 + c % 20] || ' ' || (${lastNames})[1 + (c / 20) % 20] end,
         (${firstNames})[1 + c % 20],
         case when c % 5 = 0 then lower((${firstNames})[1 + c % 20]) || c || '@example.com' end,
         case when c % 3 = 0 then (${cities})[1 + c % 8] end,
         null,
         ${ts('last_at')}, ${ts('last_cust_at')}, ${ts(`last_cust_at + ${DAY_MS}`)}, ${ts('contact_t0')}
  from (select t.*, '55' || (11 + n % 80) || '9' || lpad(c::text, 8, '0') as wa from t) x
  order by first_g`;
}

/** Tickets g in [lo, hi). */
export function ticketsSql(plan: SeedPlan, ids: SeedIds, lo: number, hi: number): string {
  return `with ${ticketFacts(plan, ids, `generate_series(${lo}::bigint, ${hi - 1}::bigint) g`)}
  insert into tickets (id, org_id, number_id, contact_id, queue_id, assignee_id, state, close_reason, closed_by, tags,
                       created_at, assigned_at, first_response_at, closed_at, last_message_at, last_message_author,
                       last_message_preview, window_expires_at)
  select id, '${ids.orgId}', number_id, contact_id, queue_id, assignee, state, close_reason,
         case when close_reason = 'attended' then assignee end,
         case when close_reason = 'attended' then array[(${textArray(benchTags)})[1 + g % 3]] else '{}'::text[] end,
         ${ts('t0')},
         case when assigned then ${ts('t0 + gap / 2')} end,
         case when assigned then ${ts('t0 + gap')} end,
         case when state = 'closed' then ${ts('last_at + 1200000')} end,
         ${ts('last_at')},
         case when last_out then 'agent' else 'customer' end,
         left(${messageText('g', '(m - 1)', 'last_out')}, 120),
         ${ts(`last_cust_at + ${DAY_MS}`)}
  from t
  order by g`;
}

/** Every message of tickets g in [lo, hi), written in time order like a live system would. */
export function messagesSql(plan: SeedPlan, ids: SeedIds, lo: number, hi: number): string {
  return `with ${ticketFacts(plan, ids, `generate_series(${lo}::bigint, ${hi - 1}::bigint) g`)}
  insert into messages (id, ticket_id, number_id, contact_id, direction, author, author_id, type, text, wamid, status,
                        wa_timestamp, created_at)
  select ${uuid7('at', messageKey('g', 'j'), MESSAGE_ID)}, id, number_id, contact_id,
         case when out then 'out' else 'in' end,
         case when out then 'agent' else 'customer' end,
         case when out then assignee end,
         'text', ${messageText('g', 'j', 'out')},
         'wamid.HBgM' || lpad(g::text, 12, '0') || lpad(j::text, 3, '0'),
         case when out then 'read' else 'received' end,
         ${ts('at - at % 1000')}, ${ts('at')}
  from t cross join lateral (select j, t.t0 + j * t.gap as at, t.assigned and j % 2 = 1 as out from generate_series(0, t.m - 1) j) x
  order by at`;
}

/** The assignee's read marker on open tickets g in [lo, hi): mostly at the last message, sometimes two behind. */
export function readMarkersSql(plan: SeedPlan, ids: SeedIds, lo: number, hi: number): string {
  return `with ${ticketFacts(plan, ids, `generate_series(${lo}::bigint, ${hi - 1}::bigint) g`)}
  insert into read_markers (user_id, ticket_id, up_to, up_to_at, updated_at)
  select assignee, id, ${uuid7('t0 + mj * gap', messageKey('g', 'mj'), MESSAGE_ID)}, ${ts('t0 + mj * gap')}, ${ts('t0 + mj * gap + 5000')}
  from (select t.*, case when ${r('g', 10, 10)} < 7 then m - 1 else m - 3 end as mj from t where state = 'open') x`;
}

/** Rows whose derived reference has no target: all zero unless the generator is wrong. */
export const integritySql = `select
  (select count(*) from tickets t where not exists (select 1 from contacts c where c.id = t.contact_id))::int as tickets_without_contact,
  (select count(*) from tickets t where t.assignee_id is not null and not exists (select 1 from users u where u.id = t.assignee_id))::int as tickets_without_assignee,
  (select count(*) from tickets t where t.state = 'open' and t.assignee_id is null)::int as open_tickets_unassigned,
  (select count(*) from messages m where not exists (select 1 from tickets t where t.id = m.ticket_id))::int as messages_without_ticket,
  (select count(*) from read_markers r where not exists (select 1 from messages m where m.id = r.up_to and m.ticket_id = r.ticket_id))::int as markers_without_message`;

/** Ticket numbers [lo, hi) in chunks of at most `size`. */
export function chunks(lo: number, hi: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let at = lo; at < hi; at += size) out.push([at, Math.min(hi, at + size)]);
  return out;
}

import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => tz('created_at').notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('America/Sao_Paulo'),
  createdAt: created(),
});

export const profiles = pgTable('profiles', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  /** Set for the profiles every organisation starts with (admin, supervisor, agent). */
  key: text('key'),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  permissions: text('permissions').array().notNull(),
  createdAt: created(),
}, (t) => [uniqueIndex('profiles_org_name').on(t.orgId, sql`lower(${t.name})`)]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  profileId: uuid('profile_id').notNull().references(() => profiles.id),
  status: text('status', { enum: ['online', 'paused', 'invisible'] }).notNull().default('invisible'),
  statusChangedAt: tz('status_changed_at').notNull().defaultNow(),
  /** Last time routing gave this agent a ticket: "longest idle" first. */
  lastAssignedAt: tz('last_assigned_at'),
  /** When the agent's last live socket (on any node) went away; null while connected or never. */
  disconnectedAt: tz('disconnected_at'),
  active: boolean('active').notNull().default(true),
  createdAt: created(),
}, (t) => [uniqueIndex('users_email').on(sql`lower(${t.email})`)]);

export const agentStatusHistory = pgTable('agent_status_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  status: text('status', { enum: ['online', 'paused', 'invisible'] }).notNull(),
  at: tz('at').notNull(),
}, (t) => [index('agent_status_history_user').on(t.userId, t.at)]);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull(),
  createdAt: created(),
  expiresAt: tz('expires_at').notNull(),
  lastUsedAt: tz('last_used_at').notNull(),
  revokedAt: tz('revoked_at'),
}, (t) => [uniqueIndex('sessions_token').on(t.tokenHash), index('sessions_user').on(t.userId)]);

export const numbers = pgTable('numbers', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  wabaId: text('waba_id').notNull(),
  phoneNumberId: text('phone_number_id').notNull(),
  displayPhone: text('display_phone').notNull(),
  identification: text('identification').notNull(),
  ownerId: uuid('owner_id').references(() => users.id),
  quality: text('quality', { enum: ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] }).notNull().default('UNKNOWN'),
  /** From Graph: throughput.level (STANDARD = 80 messages/s, HIGH = 1,000), messaging tier, status. */
  throughputLevel: text('throughput_level').notNull().default('STANDARD'),
  messagingTier: text('messaging_tier'),
  waStatus: text('wa_status'),
  verifiedName: text('verified_name'),
  detailsRefreshedAt: tz('details_refreshed_at'),
  maxTicketsPerAgent: integer('max_tickets_per_agent').notNull().default(5),
  inactivityMinutes: integer('inactivity_minutes').notNull().default(60),
  createdAt: created(),
}, (t) => [uniqueIndex('numbers_phone_number_id').on(t.phoneNumberId)]);

export const numberAgents = pgTable('number_agents', {
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: created(),
}, (t) => [primaryKey({ columns: [t.numberId, t.userId] }), index('number_agents_user').on(t.userId)]);

export const groups = pgTable('groups', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  type: text('type', { enum: ['team', 'branch', 'sector'] }).notNull(),
  /** 1 = a group of numbers; n = a group of groups whose highest child has level n - 1. */
  level: integer('level').notNull(),
  createdAt: created(),
});

export const groupNumbers = pgTable('group_numbers', {
  groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.groupId, t.numberId] }), index('group_numbers_number').on(t.numberId)]);

export const groupChildren = pgTable('group_children', {
  groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  childId: uuid('child_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.groupId, t.childId] }), index('group_children_child').on(t.childId)]);

export const groupManagers = pgTable('group_managers', {
  groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id),
}, (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_managers_user').on(t.userId)]);

export const queues = pgTable('queues', {
  id: uuid('id').primaryKey(),
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  position: integer('position').notNull().default(0),
}, (t) => [index('queues_number').on(t.numberId)]);

export const queueAgents = pgTable('queue_agents', {
  queueId: uuid('queue_id').notNull().references(() => queues.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id),
}, (t) => [primaryKey({ columns: [t.queueId, t.userId] }), index('queue_agents_user').on(t.userId)]);

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey(),
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
}, (t) => [uniqueIndex('tags_number_name').on(t.numberId, sql`lower(${t.name})`)]);

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
  waId: text('wa_id').notNull(),
  phone: text('phone').notNull(),
  name: text('name'),
  profileName: text('profile_name'),
  email: text('email'),
  city: text('city'),
  document: text('document'),
  lastInteractionAt: tz('last_interaction_at'),
  lastCustomerMessageAt: tz('last_customer_message_at'),
  windowExpiresAt: tz('window_expires_at'),
  createdAt: created(),
}, (t) => [
  uniqueIndex('contacts_number_wa').on(t.numberId, t.waId),
  index('contacts_number_interaction').on(t.numberId, t.lastInteractionAt),
]);

export const tickets = pgTable('tickets', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull().references(() => contacts.id),
  queueId: uuid('queue_id').notNull().references(() => queues.id),
  assigneeId: uuid('assignee_id').references(() => users.id),
  state: text('state', { enum: ['waiting', 'open', 'closed'] }).notNull(),
  closeReason: text('close_reason', { enum: ['attended', 'abandoned', 'lost', 'inactive'] }),
  closedBy: uuid('closed_by').references(() => users.id),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  createdAt: tz('created_at').notNull(),
  assignedAt: tz('assigned_at'),
  firstResponseAt: tz('first_response_at'),
  closedAt: tz('closed_at'),
  lastMessageAt: tz('last_message_at').notNull(),
  lastMessageAuthor: text('last_message_author', { enum: ['customer', 'agent', 'bot', 'system'] }),
  lastMessagePreview: text('last_message_preview'),
  windowExpiresAt: tz('window_expires_at'),
}, (t) => [
  index('tickets_list').on(t.numberId, t.state, t.lastMessageAt.desc(), t.id.desc()),
  // An agent's own tickets of one number and state, in list order (the desk's list of their open tickets).
  index('tickets_agent_list').on(t.numberId, t.state, t.assigneeId, t.lastMessageAt.desc(), t.id.desc()),
  index('tickets_assignee').on(t.assigneeId, t.state, t.lastMessageAt.desc(), t.id.desc()),
  index('tickets_contact').on(t.contactId, t.createdAt),
  // One waiting-or-open ticket per contact: an inbound message joins it instead of opening another.
  uniqueIndex('tickets_one_active_per_contact').on(t.contactId).where(sql`state <> 'closed'`),
]);

export const ticketEvents = pgTable('ticket_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['created', 'assigned', 'transferred', 'closed', 'reopened'] }).notNull(),
  actorId: uuid('actor_id').references(() => users.id),
  fromUserId: uuid('from_user_id'),
  toUserId: uuid('to_user_id'),
  fromQueueId: uuid('from_queue_id'),
  toQueueId: uuid('to_queue_id'),
  closeReason: text('close_reason'),
  at: tz('at').notNull(),
}, (t) => [index('ticket_events_ticket').on(t.ticketId, t.at)]);

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey(),
  ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  numberId: uuid('number_id').notNull(),
  contactId: uuid('contact_id').notNull(),
  direction: text('direction', { enum: ['in', 'out'] }).notNull(),
  author: text('author', { enum: ['customer', 'agent', 'bot', 'system'] }).notNull(),
  authorId: uuid('author_id'),
  type: text('type').notNull(),
  text: text('text'),
  media: jsonb('media').$type<{ id: string; mimeType: string | null; filename: string | null }>(),
  content: jsonb('content').$type<Record<string, unknown>>(),
  replyToId: uuid('reply_to_id'),
  wamid: text('wamid'),
  status: text('status').notNull(),
  error: jsonb('error').$type<{ code: number; title: string; reason: string }>(),
  clientId: text('client_id'),
  /** Where an outbound message came from: desk, api, campaign, out_of_hours, bot. */
  origin: text('origin'),
  /** Send job state for outbound messages (the row is the job: queued → sending → sent). */
  sendAttempts: integer('send_attempts').notNull().default(0),
  nextAttemptAt: tz('next_attempt_at'),
  sendingAt: tz('sending_at'),
  statusAt: tz('status_at'),
  waTimestamp: tz('wa_timestamp'),
  /** Server receive time: messages are ordered by (created_at, id). */
  createdAt: tz('created_at').notNull(),
}, (t) => [
  index('messages_ticket_order').on(t.ticketId, t.createdAt.desc(), t.id.desc()),
  uniqueIndex('messages_wamid').on(t.numberId, t.wamid).where(sql`wamid is not null`),
  uniqueIndex('messages_client_id').on(t.authorId, t.clientId).where(sql`client_id is not null`),
  index('messages_send_queue').on(t.nextAttemptAt).where(sql`status in ('queued', 'sending')`),
]);

/** Raw webhook deliveries, stored before answering 200 so a crash loses nothing; processed in batches. */
export const webhookInbox = pgTable('webhook_inbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  receivedAt: tz('received_at').notNull(),
  body: text('body').notNull(),
  attempts: integer('attempts').notNull().default(0),
  processedAt: tz('processed_at'),
  error: text('error'),
}, (t) => [index('webhook_inbox_pending').on(t.id).where(sql`processed_at is null`)]);

/** Per-WABA credentials of the organisation (the access token is never logged nor returned by the API). */
export const wabaCredentials = pgTable('waba_credentials', {
  wabaId: text('waba_id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  accessToken: text('access_token').notNull(),
  updatedAt: tz('updated_at').notNull(),
});

/** Message templates of each WABA, cached from Graph and kept current by status webhooks. */
export const templates = pgTable('templates', {
  id: uuid('id').primaryKey(),
  wabaId: text('waba_id').notNull(),
  metaId: text('meta_id'),
  name: text('name').notNull(),
  language: text('language').notNull(),
  category: text('category').notNull(),
  status: text('status').notNull(),
  parameterFormat: text('parameter_format').notNull().default('POSITIONAL'),
  components: jsonb('components').$type<unknown[]>().notNull(),
  updatedAt: tz('updated_at').notNull(),
}, (t) => [uniqueIndex('templates_waba_name_lang').on(t.wabaId, t.name, t.language)]);

/** Media files: inbound ones are downloaded by a job (status pending → ready), outbound ones uploaded by agents. */
export const media = pgTable('media', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  numberId: uuid('number_id').notNull(),
  direction: text('direction', { enum: ['in', 'out'] }).notNull(),
  waMediaId: text('wa_media_id'),
  status: text('status', { enum: ['pending', 'ready', 'failed'] }).notNull(),
  mimeType: text('mime_type'),
  filename: text('filename'),
  size: bigint('size', { mode: 'number' }),
  sha256: text('sha256'),
  storageKey: text('storage_key'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: tz('next_attempt_at'),
  error: text('error'),
  createdAt: tz('created_at').notNull(),
}, (t) => [index('media_pending').on(t.nextAttemptAt).where(sql`status = 'pending'`)]);

export const notes = pgTable('notes', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  numberId: uuid('number_id').notNull().references(() => numbers.id, { onDelete: 'cascade' }),
  ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').notNull().references(() => users.id),
  text: text('text').notNull(),
  createdAt: tz('created_at').notNull(),
  updatedAt: tz('updated_at').notNull(),
}, (t) => [index('notes_ticket').on(t.ticketId), index('notes_contact').on(t.contactId)]);

export const quickReplyCategories = pgTable('quick_reply_categories', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  authorId: uuid('author_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  updatedAt: tz('updated_at').notNull(),
});

export const quickReplies = pgTable('quick_replies', {
  id: uuid('id').primaryKey(),
  categoryId: uuid('category_id').notNull().references(() => quickReplyCategories.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  text: text('text').notNull(),
  position: integer('position').notNull().default(0),
});

export const readMarkers = pgTable('read_markers', {
  userId: uuid('user_id').notNull().references(() => users.id),
  ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  upTo: uuid('up_to').notNull(),
  upToAt: tz('up_to_at').notNull(),
  updatedAt: tz('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.ticketId] })]);

/** Answers of mutating requests, so a repeat with the same clientId gets the same answer. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  userId: uuid('user_id').notNull(),
  clientId: text('client_id').notNull(),
  route: text('route').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code'),
  response: jsonb('response'),
  createdAt: created(),
}, (t) => [primaryKey({ columns: [t.userId, t.clientId] }), index('idempotency_keys_created').on(t.createdAt)]);

/**
 * The change feed. `seq` comes from `changes_seq` under a transaction-scoped advisory lock taken
 * just before commit, so sequences become visible in commit order (see services/unit-of-work.ts).
 */
export const changes = pgTable('changes', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  orgId: uuid('org_id').notNull(),
  numberId: uuid('number_id'),
  ticketId: uuid('ticket_id'),
  /** For ticket-scoped rows: the assignee after the change, and before it (to tell them it left). */
  assigneeId: uuid('assignee_id'),
  prevAssigneeId: uuid('prev_assignee_id'),
  /** Set for rows meant for one user only (access changes, read markers, own status). */
  userId: uuid('user_id'),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
  data: jsonb('data'),
  at: tz('at').notNull(),
}, (t) => [index('changes_org_seq').on(t.orgId, t.seq)]);

/** Live sockets per node, so routing knows who is connected anywhere. */
export const nodes = pgTable('nodes', {
  id: text('id').primaryKey(),
  heartbeatAt: tz('heartbeat_at').notNull(),
});
export const presence = pgTable('presence', {
  nodeId: text('node_id').notNull(),
  userId: uuid('user_id').notNull(),
  sockets: integer('sockets').notNull(),
}, (t) => [primaryKey({ columns: [t.nodeId, t.userId] }), index('presence_user').on(t.userId)]);

/** One row: changes up to `prunedThrough` were deleted by retention; older cursors must resync. */
export const feedState = pgTable('feed_state', {
  id: integer('id').primaryKey(),
  prunedThrough: bigint('pruned_through', { mode: 'number' }).notNull(),
});

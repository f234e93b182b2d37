import type { Migration } from './migration';

/**
 * The cache's tables. Each cached kind keeps the server's JSON (`data`) plus the columns its
 * queries filter and sort on. Times used for ordering are ISO text (tickets, compared as the
 * server's strings) or epoch milliseconds (messages, notes).
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE session (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        org_id TEXT NOT NULL,
        base_url TEXT NOT NULL,
        cursor INTEGER
      );

      -- activity_seq: last_message_at in ms * 1024 + a free slot, moved when the ticket gets a new
      -- message; messages.seq: created_at likewise. Their FTS indexes (002) are keyed by them, so a
      -- search reads newest first and stops at its limit instead of sorting every match.
      CREATE TABLE tickets (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        activity_seq INTEGER NOT NULL UNIQUE,
        number_id TEXT NOT NULL,
        state TEXT NOT NULL,
        last_message_at TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        phone_digits TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      -- state and phone_digits ride along so list filters and phone search read only the index.
      CREATE INDEX tickets_by_activity ON tickets (last_message_at DESC, id DESC, state, phone_digits);
      CREATE INDEX tickets_by_number ON tickets (number_id, last_message_at DESC, id DESC, state, phone_digits);
      CREATE INDEX tickets_by_contact ON tickets (contact_id);

      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        ticket_id TEXT NOT NULL,
        number_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX messages_by_ticket ON messages (ticket_id, created_at, id);
      CREATE INDEX messages_by_number ON messages (number_id);

      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        ticket_id TEXT,
        contact_id TEXT,
        number_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX notes_by_ticket ON notes (ticket_id, created_at, id);
      CREATE INDEX notes_by_contact ON notes (contact_id, created_at, id);
      CREATE INDEX notes_by_number ON notes (number_id);

      CREATE TABLE contacts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        number_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX contacts_by_number ON contacts (number_id);

      CREATE TABLE quick_reply_categories (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE TABLE read_markers (ticket_id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE TABLE agent_statuses (user_id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE TABLE numbers (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL);

      CREATE TABLE tombstones (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) WITHOUT ROWID;
      CREATE INDEX tombstones_by_version ON tombstones (version);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        ord INTEGER NOT NULL,
        lane TEXT NOT NULL,
        status TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX outbox_by_order ON outbox (ord);

      CREATE TABLE optimistic (
        outbox_id TEXT PRIMARY KEY,
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ticket_id TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX optimistic_by_order ON optimistic (ord);
      CREATE INDEX optimistic_by_ticket ON optimistic (ticket_id, ord);
    `);
  },
};

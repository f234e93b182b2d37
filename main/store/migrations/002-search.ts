import type { Migration } from './migration';

/**
 * Full-text search (FTS5) with the fields of shared/sync/search-text.ts:
 * - `ticket_fts`, keyed by `tickets.activity_seq`: the ticket's contact name and phone, its last
 *   message preview, and the cached contact record's name and profile name;
 * - `message_fts`, keyed by `messages.seq`: the text (or caption) and the media file name.
 * Contentless (the text lives in `data`), with prefix indexes of 2 and 3 characters so a prefix
 * query is read lazily, newest first. Triggers keep both in step with every write; rows already
 * cached are indexed here.
 */
const OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', content = '', contentless_delete = 1`;

const text = (expr: string) => `coalesce(${expr}, '')`;
const contactNames = (c: string) => `${text(`json_extract(${c}.data, '$.name')`)} || ' ' || ${text(`json_extract(${c}.data, '$.profileName')`)}`;
const ticketValues = (t: string) => `${t}.activity_seq,
  ${text(`json_extract(${t}.data, '$.contact.name')`)}, ${text(`json_extract(${t}.data, '$.contact.phone')`)},
  ${text(`json_extract(${t}.data, '$.lastMessagePreview')`)},
  ${text(`(SELECT ${contactNames('c')} FROM contacts c WHERE c.id = ${t}.contact_id)`)}`;
const messageValues = (m: string) => `${m}.seq,
  ${text(`json_extract(${m}.data, '$.text')`)} || ' ' || ${text(`json_extract(${m}.data, '$.media.filename')`)}`;

const TICKET_COLUMNS = 'rowid, name, phone, preview, contact';
const reindexTicketsOf = (contactId: string) => `
  DELETE FROM ticket_fts WHERE rowid IN (SELECT activity_seq FROM tickets WHERE contact_id = ${contactId});
  INSERT INTO ticket_fts (${TICKET_COLUMNS}) SELECT ${ticketValues('t')} FROM tickets t WHERE t.contact_id = ${contactId};`;

export const search: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE ticket_fts USING fts5(name, phone, preview, contact, ${OPTIONS});
      INSERT INTO ticket_fts (${TICKET_COLUMNS}) SELECT ${ticketValues('t')} FROM tickets t;
      CREATE TRIGGER ticket_fts_insert AFTER INSERT ON tickets BEGIN
        INSERT INTO ticket_fts (${TICKET_COLUMNS}) SELECT ${ticketValues('t')} FROM tickets t WHERE t.seq = new.seq;
      END;
      CREATE TRIGGER ticket_fts_delete AFTER DELETE ON tickets BEGIN
        DELETE FROM ticket_fts WHERE rowid = old.activity_seq;
      END;
      CREATE TRIGGER ticket_fts_update AFTER UPDATE OF data, activity_seq, contact_id ON tickets BEGIN
        DELETE FROM ticket_fts WHERE rowid = old.activity_seq;
        INSERT INTO ticket_fts (${TICKET_COLUMNS}) SELECT ${ticketValues('t')} FROM tickets t WHERE t.seq = new.seq;
      END;
      CREATE TRIGGER ticket_fts_contact_insert AFTER INSERT ON contacts BEGIN ${reindexTicketsOf('new.id')} END;
      CREATE TRIGGER ticket_fts_contact_delete AFTER DELETE ON contacts BEGIN ${reindexTicketsOf('old.id')} END;
      CREATE TRIGGER ticket_fts_contact_update AFTER UPDATE OF data ON contacts
      WHEN ${contactNames('old')} IS NOT ${contactNames('new')} BEGIN ${reindexTicketsOf('new.id')} END;

      CREATE VIRTUAL TABLE message_fts USING fts5(body, ${OPTIONS});
      INSERT INTO message_fts (rowid, body) SELECT ${messageValues('m')} FROM messages m;
      CREATE TRIGGER message_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_fts (rowid, body) VALUES (${messageValues('new')});
      END;
      CREATE TRIGGER message_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_fts WHERE rowid = old.seq;
      END;
      CREATE TRIGGER message_fts_update AFTER UPDATE OF data, seq ON messages
      WHEN (${messageValues('old')}) IS NOT (${messageValues('new')}) BEGIN
        DELETE FROM message_fts WHERE rowid = old.seq;
        INSERT INTO message_fts (rowid, body) VALUES (${messageValues('new')});
      END;
    `);
  },
};

import type { Contact, Ticket } from '../api/tickets';
import type { Message } from '../api/messages';

/**
 * The one matching rule of offline search, shared by every store so they answer alike
 * (the SQLite store gets the same result from FTS5 with `unicode61 remove_diacritics 2`):
 * the query is cut into words (letters and digits); every word must begin a word of one document,
 * ignoring case and accents. A query of digits and phone punctuation (at least 4 digits) also
 * matches anywhere in a phone number's digits.
 */

/** Lower case, accents dropped, split on anything that is not a letter or a digit. */
export function searchWords(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The digits to look for in phone numbers, or null when the query is not a phone number. */
export function phoneDigitsQuery(text: string): string | null {
  if (!/^[\d\s+()./-]+$/.test(text.trim())) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 4 ? digits : null;
}

export const digitsOf = (phone: string): string => phone.replace(/\D/g, '');

/** Every query word begins some word of the document. */
export function wordsMatch(queryWords: readonly string[], documentWords: readonly string[]): boolean {
  return queryWords.length > 0 && queryWords.every((q) => documentWords.some((d) => d.startsWith(q)));
}

/**
 * What a ticket is found by: its contact's name and phone, the preview of its last message, and
 * the name and profile name of its contact record when that is cached.
 */
export const ticketSearchText = (t: Ticket, contact: Contact | null): string[] => [
  t.contact.name ?? '', t.contact.phone, t.lastMessagePreview ?? '', contact?.name ?? '', contact?.profileName ?? '',
];
/** What a message is found by: its text (the caption of media) and the media's file name. */
export const messageSearchText = (m: Message): string[] => [m.text ?? '', m.media?.filename ?? ''];

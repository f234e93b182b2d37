import { describe, expect, it } from 'vitest';
import { inactivityCloseReason, isInactive, isWindowOpen, previewOf, WINDOW_MS, windowExpiry } from './tickets';

describe('the 24-hour customer-service window', () => {
  const sent = new Date('2026-03-02T12:00:00Z');

  it('closes 24 hours after the customer\'s message', () => {
    expect(WINDOW_MS).toBe(24 * 3600_000);
    expect(windowExpiry(sent).toISOString()).toBe('2026-03-03T12:00:00.000Z');
  });

  it('is open strictly before the expiry and closed from it on', () => {
    const expiry = windowExpiry(sent);
    expect(isWindowOpen(expiry, new Date(expiry.getTime() - 1))).toBe(true);
    expect(isWindowOpen(expiry, expiry)).toBe(false);
    expect(isWindowOpen(expiry, new Date(expiry.getTime() + 3600_000))).toBe(false);
  });

  it('is closed when the customer never wrote', () => {
    expect(isWindowOpen(null, sent)).toBe(false);
  });
});

describe('inactivityCloseReason', () => {
  it('is lost when the customer gave up before assignment', () => {
    expect(inactivityCloseReason('waiting', 'customer')).toBe('lost');
    expect(inactivityCloseReason('waiting', 'bot')).toBe('lost');
  });

  it('is abandoned when the customer or bot spoke last after assignment', () => {
    expect(inactivityCloseReason('open', 'customer')).toBe('abandoned');
    expect(inactivityCloseReason('open', 'bot')).toBe('abandoned');
    expect(inactivityCloseReason('open', 'system')).toBe('abandoned');
  });

  it('is inactive when the agent spoke last', () => {
    expect(inactivityCloseReason('open', 'agent')).toBe('inactive');
  });
});

describe('isInactive', () => {
  const last = new Date('2026-03-02T12:00:00Z');
  it('expires exactly when the number\'s timeout has passed', () => {
    expect(isInactive(last, 30, new Date('2026-03-02T12:29:59Z'))).toBe(false);
    expect(isInactive(last, 30, new Date('2026-03-02T12:30:00Z'))).toBe(true);
    expect(isInactive(last, 30, new Date('2026-03-02T13:00:00Z'))).toBe(true);
  });
});

describe('previewOf', () => {
  it('shows short texts whole and cuts long ones to 120 characters', () => {
    expect(previewOf('text', 'Olá')).toBe('Olá');
    const long = 'x'.repeat(200);
    const preview = previewOf('text', long);
    expect(preview).toHaveLength(120);
    expect(preview.endsWith('…')).toBe(true);
  });

  it('names the type of a message without text', () => {
    expect(previewOf('image', null)).toBe('[image]');
  });
});

import { describe, expect, it } from 'vitest';
import { nextDeliveryStatus } from './delivery';

describe('nextDeliveryStatus', () => {
  it('moves forward through sent, delivered and read', () => {
    expect(nextDeliveryStatus('sending', 'sent')).toBe('sent');
    expect(nextDeliveryStatus('sent', 'delivered')).toBe('delivered');
    expect(nextDeliveryStatus('delivered', 'read')).toBe('read');
    expect(nextDeliveryStatus('sent', 'read')).toBe('read');
  });
  it('never moves back: a late delivered or sent after read changes nothing', () => {
    expect(nextDeliveryStatus('read', 'delivered')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'sent')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'delivered')).toBeNull();
  });
  it('lets failed replace a message not yet read, and keeps failed final', () => {
    expect(nextDeliveryStatus('sent', 'failed')).toBe('failed');
    expect(nextDeliveryStatus('queued', 'failed')).toBe('failed');
    expect(nextDeliveryStatus('read', 'failed')).toBeNull();
    expect(nextDeliveryStatus('failed', 'read')).toBeNull();
  });
});

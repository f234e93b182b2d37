import type { DeliveryStatus } from '../../shared/api/messages';

const rank: Record<DeliveryStatus, number> = { received: 0, queued: 1, sending: 2, sent: 3, delivered: 4, read: 5, failed: 6 };

/**
 * Delivery states only move forward: a late `delivered` never overwrites `read`, and `failed`
 * replaces anything short of `read` (Meta may fail a message after `sent`). Answers the status to
 * keep, or null when the incoming one changes nothing.
 */
export function nextDeliveryStatus(current: DeliveryStatus, incoming: 'sent' | 'delivered' | 'read' | 'failed'): DeliveryStatus | null {
  if (current === 'failed' || current === 'read') return null;
  return rank[incoming] > rank[current] ? incoming : null;
}

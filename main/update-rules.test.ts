import { describe, expect, it } from 'vitest';
import { ASK_AGAIN_AFTER_MS, CHECK_EVERY_MS, UpdatePlan, updateFeedUrl } from './update-rules';

describe('the update feed', () => {
  it("is the backend's /updates/ folder", () => {
    expect(updateFeedUrl('https://desk.example.com')).toEqual({ ok: true, url: 'https://desk.example.com/updates/' });
    expect(updateFeedUrl('https://example.com/desk/')).toEqual({ ok: true, url: 'https://example.com/desk/updates/' });
    expect(updateFeedUrl('https://desk.example.com/?x=1#y')).toEqual({ ok: true, url: 'https://desk.example.com/updates/' });
  });

  it('is refused over plain http, except for a backend on this machine', () => {
    expect(updateFeedUrl('http://desk.example.com')).toMatchObject({ ok: false, reason: expect.stringMatching(/only fetched over https/) });
    expect(updateFeedUrl('http://192.168.0.10:3100')).toMatchObject({ ok: false });
    expect(updateFeedUrl('http://127.0.0.1:3100')).toEqual({ ok: true, url: 'http://127.0.0.1:3100/updates/' });
    expect(updateFeedUrl('http://localhost:3100')).toEqual({ ok: true, url: 'http://localhost:3100/updates/' });
    expect(updateFeedUrl('ftp://desk.example.com').ok).toBe(false);
    expect(updateFeedUrl('desk').ok).toBe(false);
  });
});

describe('when to check', () => {
  const T = 1_000_000;
  it('right after sign-in, then every few hours, not in between', () => {
    const plan = new UpdatePlan();
    expect(plan.due(T)).toBe(false);
    expect(plan.signedIn('https://a/updates/', T)).toBe(true);
    plan.checked(T);
    expect(plan.due(T + CHECK_EVERY_MS - 1)).toBe(false);
    expect(plan.signedIn('https://a/updates/', T + 60_000)).toBe(false);
    expect(plan.due(T + CHECK_EVERY_MS)).toBe(true);
  });

  it('at once after signing in to another backend; never while signed out', () => {
    const plan = new UpdatePlan();
    plan.signedIn('https://a/updates/', T);
    plan.checked(T);
    expect(plan.signedIn('https://b/updates/', T + 1)).toBe(true);
    plan.signedOut();
    expect(plan.due(T + 10 * CHECK_EVERY_MS)).toBe(false);
    expect(plan.feedUrl).toBeNull();
  });
});

describe('when to ask for a restart', () => {
  it('once per downloaded version, again only after a while, and at once for a newer one', () => {
    const plan = new UpdatePlan();
    expect(plan.downloaded('0.2.0', 0)).toBe(true);
    plan.askedAt('0.2.0', 0);
    expect(plan.readyVersion).toBe('0.2.0');
    expect(plan.downloaded('0.2.0', ASK_AGAIN_AFTER_MS - 1)).toBe(false);
    expect(plan.downloaded('0.2.0', ASK_AGAIN_AFTER_MS)).toBe(true);
    expect(plan.downloaded('0.3.0', 10)).toBe(true);
    expect(plan.readyVersion).toBe('0.3.0');
  });
});

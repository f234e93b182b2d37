import { describe, expect, it } from 'vitest';
import { normalizeBaseUrl } from './desk-service';
import { readSavedSession, readSavedState } from './saved';
import { inView } from './views';

describe('the desk lists', () => {
  const me = 'u-me';
  it('queue: waiting and nobody has it', () => {
    expect(inView({ state: 'waiting', assigneeId: null }, 'queue', me)).toBe(true);
    expect(inView({ state: 'waiting', assigneeId: me }, 'queue', me)).toBe(false);
    expect(inView({ state: 'open', assigneeId: null }, 'queue', me)).toBe(false);
  });
  it('mine: open or waiting, assigned to the signed-in user', () => {
    expect(inView({ state: 'open', assigneeId: me }, 'mine', me)).toBe(true);
    expect(inView({ state: 'waiting', assigneeId: me }, 'mine', me)).toBe(true);
    expect(inView({ state: 'open', assigneeId: 'someone-else' }, 'mine', me)).toBe(false);
    expect(inView({ state: 'closed', assigneeId: me }, 'mine', me)).toBe(false);
    expect(inView({ state: 'open', assigneeId: me }, 'mine', null)).toBe(false);
  });
  it('closed: every closed ticket', () => {
    expect(inView({ state: 'closed', assigneeId: 'someone-else' }, 'closed', me)).toBe(true);
    expect(inView({ state: 'open', assigneeId: me }, 'closed', me)).toBe(false);
  });
});

describe('server addresses', () => {
  it('accepts what people type and keeps one form', () => {
    expect(normalizeBaseUrl(' https://desk.example.com/ ')).toBe('https://desk.example.com');
    expect(normalizeBaseUrl('127.0.0.1:3100')).toBe('http://127.0.0.1:3100');
    expect(normalizeBaseUrl('http://host/desk//')).toBe('http://host/desk');
  });
  it('refuses what is not an http(s) address', () => {
    expect(normalizeBaseUrl('ftp://files.example')).toBeNull();
    expect(normalizeBaseUrl('http://')).toBeNull();
    expect(normalizeBaseUrl('')).toBeNull();
  });
});

describe('what the host kept', () => {
  it('keeps the valid settings fields and defaults the others', () => {
    const s = readSavedState({ settings: { language: 'es', theme: 'neon', baseUrl: 'http://x' }, me: { nope: true } });
    expect(s.settings).toEqual({ language: 'es', theme: 'system', baseUrl: 'http://x', lastNumberId: null, doNotDisturb: false });
    expect(s.me).toBeNull();
    expect(readSavedState('garbage').settings.language).toBe('pt-BR');
  });
  it('drops a session without a token', () => {
    expect(readSavedSession({ userId: 'u', userName: 'n', baseUrl: 'http://x' })).toBeNull();
    expect(readSavedSession({ token: 't', userId: 'u', userName: 'n', baseUrl: 'http://x' })).toMatchObject({ token: 't' });
  });
});

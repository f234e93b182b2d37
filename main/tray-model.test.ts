import { describe, expect, it } from 'vitest';
import { trayModel, type TrayFacts } from './tray-model';

const agent: TrayFacts = { language: 'en', connection: 'online', signedIn: true, agentStatus: 'online', unread: 3, updateReady: null };

describe('the tray', () => {
  it('shows status, connection and unread count in the tooltip and the count as title', () => {
    const m = trayModel(agent);
    expect(m.tooltip).toBe('Go Personal Desk: Online · Connected · 3 unread messages');
    expect(m.title).toBe('3');
  });

  it('offers open, the three statuses with the current one checked, and quit', () => {
    const m = trayModel({ ...agent, agentStatus: 'paused' });
    expect(m.items.map((i) => i.kind)).toEqual(['open', 'separator', 'heading', 'status', 'status', 'status', 'separator', 'quit']);
    expect(m.items.filter((i) => i.kind === 'status')).toEqual([
      { kind: 'status', status: 'online', label: 'Online', checked: false },
      { kind: 'status', status: 'paused', label: 'Paused', checked: true },
      { kind: 'status', status: 'invisible', label: 'Invisible', checked: false },
    ]);
  });

  it('has no status choice and no count when signed out', () => {
    const m = trayModel({ ...agent, signedIn: false, connection: 'signed-out', agentStatus: null, unread: 0 });
    expect(m.items.map((i) => i.kind)).toEqual(['open', 'separator', 'quit']);
    expect(m.tooltip).toBe('Go Personal Desk: Signed out');
    expect(m.title).toBe('');
  });

  it('says when the connection is down and caps the badge', () => {
    const m = trayModel({ ...agent, connection: 'offline', unread: 250 });
    expect(m.tooltip).toContain('Offline, retrying');
    expect(m.tooltip).toContain('250 unread messages');
    expect(m.title).toBe('99+');
    expect(trayModel({ ...agent, unread: 1 }).tooltip).toContain('1 unread message');
    expect(trayModel({ ...agent, unread: 0 }).tooltip).not.toContain('unread');
  });

  it('offers a restart when an update is ready', () => {
    const m = trayModel({ ...agent, updateReady: '0.2.0' });
    expect(m.items).toContainEqual({ kind: 'update', label: 'Restart to install version 0.2.0' });
  });

  it('speaks the app language', () => {
    const m = trayModel({ ...agent, language: 'pt-BR', agentStatus: 'invisible' });
    expect(m.tooltip).toBe('Go Personal Desk: Invisível · Conectado · 3 mensagens não lidas');
    expect(m.items[0]).toEqual({ kind: 'open', label: 'Abrir o Go Personal Desk' });
    expect(trayModel({ ...agent, language: 'es' }).items.at(-1)).toEqual({ kind: 'quit', label: 'Salir' });
  });
});

import { agentStatusSchema, type AgentStatus } from '../shared/api/common';
import type { Language } from '../shared/desktop-api';
import type { ConnectionState } from '../shared/sync/engine';
import { textsFor } from './texts';

/** What the tray shows, from the app's state. */
export interface TrayFacts {
  language: Language;
  connection: ConnectionState;
  /** A user's cache is there (signed in, possibly offline or needing to sign in again). */
  signedIn: boolean;
  agentStatus: AgentStatus | null;
  unread: number;
  /** The version of an update downloaded and waiting for a restart. */
  updateReady: string | null;
}

export type TrayItem =
  | { kind: 'open'; label: string }
  | { kind: 'heading'; label: string }
  | { kind: 'status'; status: AgentStatus; label: string; checked: boolean }
  | { kind: 'update'; label: string }
  | { kind: 'quit'; label: string }
  | { kind: 'separator' };

export interface TrayModel {
  tooltip: string;
  /** Next to the icon (macOS menu bar): the unread count, or nothing. */
  title: string;
  items: TrayItem[];
}

export function unreadBadge(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

export function trayModel(f: TrayFacts): TrayModel {
  const t = textsFor(f.language);
  const parts: string[] = [];
  if (f.signedIn) {
    if (f.agentStatus) parts.push(t.status[f.agentStatus]);
    parts.push(t.connection[f.connection]);
    if (f.unread > 0) parts.push(t.unread(f.unread));
  } else {
    parts.push(t.connection['signed-out']);
  }
  const items: TrayItem[] = [{ kind: 'open', label: t.open }];
  if (f.signedIn) {
    items.push({ kind: 'separator' }, { kind: 'heading', label: t.statusHeading });
    for (const status of agentStatusSchema.options) items.push({ kind: 'status', status, label: t.status[status], checked: f.agentStatus === status });
  }
  if (f.updateReady) items.push({ kind: 'separator' }, { kind: 'update', label: t.restartToUpdate(f.updateReady) });
  items.push({ kind: 'separator' }, { kind: 'quit', label: t.quit });
  return { tooltip: `${t.appName}: ${parts.join(' · ')}`, title: f.signedIn ? unreadBadge(f.unread) : '', items };
}

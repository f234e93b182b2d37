import { Notification } from 'electron';
import type { Log } from '../log';
import type { ShownNotification } from './policy';

/**
 * Shows the policy's notifications as OS notifications. One per key: a newer one closes the one
 * it replaces. References are kept until closed (a collected Notification loses its click).
 */
export class OsNotifier {
  private readonly shown = new Map<string, Notification>();
  private warned = false;

  constructor(
    private readonly o: { icon: string; log: Log; onClick: (target: ShownNotification['target']) => void },
  ) {}

  show(n: ShownNotification): void {
    if (!Notification.isSupported()) {
      if (!this.warned) this.o.log.warn('notifications: this system does not support OS notifications; the tray shows the unread count');
      this.warned = true;
      return;
    }
    this.shown.get(n.key)?.close();
    const notification = new Notification({ title: n.title, body: n.body, icon: this.o.icon, silent: false });
    const forget = () => {
      if (this.shown.get(n.key) === notification) this.shown.delete(n.key);
    };
    notification.on('click', () => {
      forget();
      this.o.onClick(n.target);
    });
    notification.on('close', forget);
    this.shown.set(n.key, notification);
    notification.show();
  }

  closeAll(): void {
    for (const n of this.shown.values()) n.close();
    this.shown.clear();
  }
}

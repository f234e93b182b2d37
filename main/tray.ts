import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { AgentStatus } from '../shared/api/common';
import type { TrayItem, TrayModel } from './tray-model';

export interface AppTrayActions {
  open: () => void;
  setStatus: (status: AgentStatus) => void;
  restartToUpdate: () => void;
  quit: () => void;
}

function menuItem(item: TrayItem, a: AppTrayActions): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'open':
      return { label: item.label, click: a.open };
    case 'heading':
      return { label: item.label, enabled: false };
    case 'status':
      return { label: item.label, type: 'radio', checked: item.checked, click: () => a.setStatus(item.status) };
    case 'update':
      return { label: item.label, click: a.restartToUpdate };
    case 'quit':
      return { label: item.label, click: a.quit };
    case 'separator':
      return { type: 'separator' };
  }
}

/** The tray icon: rebuilt only when its model changes. */
export class AppTray {
  private readonly tray: Tray;
  private last = '';

  constructor(iconFile: string, private readonly actions: AppTrayActions) {
    const size = process.platform === 'linux' ? 22 : 16;
    this.tray = new Tray(nativeImage.createFromPath(iconFile).resize({ width: size, height: size }));
    this.tray.on('click', actions.open);
  }

  update(model: TrayModel): void {
    const key = JSON.stringify(model);
    if (key === this.last) return;
    this.last = key;
    this.tray.setToolTip(model.tooltip);
    if (process.platform === 'darwin') this.tray.setTitle(model.title);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((i) => menuItem(i, this.actions))));
  }

  destroy(): void {
    this.tray.destroy();
  }
}

/* global process */
// Runs the main-process bundle named by STAND_IN_BUNDLE under the stand-in Electron, and answers
// the test's requests over the fork channel: invoke an IPC call (as our window, or as a foreign
// sender), fire an app event, click the last notification, or report what the stand-in recorded.
import { pathToFileURL } from 'node:url';

await import(pathToFileURL(process.env.STAND_IN_BUNDLE).href);
const s = globalThis.__standIn;

const senders = {
  app: () => ({ sender: s.proxy('new BrowserWindow.webContents'), senderFrame: { parent: null, url: process.env.STAND_IN_RENDERER_URL } }),
  iframe: () => ({ sender: s.proxy('new BrowserWindow.webContents'), senderFrame: { parent: {}, url: process.env.STAND_IN_RENDERER_URL } }),
  foreign: () => ({ sender: {}, senderFrame: { parent: null, url: 'https://evil.example/' } }),
};

async function answer(msg) {
  switch (msg.kind) {
    case 'invoke': {
      const handler = s.ipc.get(msg.channel);
      if (!handler) return { missing: msg.channel };
      return handler(senders[msg.sender](), msg.input);
    }
    case 'app-event': {
      for (const fn of s.appListeners.get(msg.event) ?? []) fn({ preventDefault: () => undefined }, ...(msg.args ?? []));
      return true;
    }
    case 'click-notification': {
      const last = s.notificationListeners.filter((l) => l.event === 'click').at(-1);
      last?.fn();
      return Boolean(last);
    }
    case 'peek':
      return { channels: [...s.ipc.keys()], windows: s.windows, notifications: s.notifications, tooltips: s.tooltips, sent: s.sent, opened: s.opened, calls: [...new Set(s.calls)] };
    default:
      return { error: `unknown request ${msg.kind}` };
  }
}

process.on('message', (msg) => {
  answer(msg).then(
    (result) => process.send({ id: msg.id, result }),
    (err) => process.send({ id: msg.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
process.send({ ready: true });

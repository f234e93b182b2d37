import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageSchema } from '../../shared/desktop-api';
import { MemoryStore } from '../../shared/sync/memory-store';
import { Root } from '../src/app/Root';
import { fillStore, generateDeskData } from './bench-data';
import { createBenchDesktop } from './bench-desktop';
import { installProbe } from './probe';

/**
 * The desk bench page: the real app (Root, shell, DeskPage, theme, translations) over an in-page
 * desktop API holding `?tickets=` tickets (default 20,000) and one conversation of `?messages=`
 * messages (default 5,000), signed in as an agent. Open it at `#/service/desk`.
 */
const scriptAt = performance.now();
performance.mark('deskbench:seed-start');
const params = new URLSearchParams(window.location.search);
const count = (name: string, fallback: number) => {
  const n = Number(params.get(name) ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const language = languageSchema.catch('pt-BR').parse(params.get('lang') ?? 'pt-BR');

const size = { tickets: count('tickets', 20_000), messages: count('messages', 5_000) };
const data = generateDeskData(size, Date.now());
const store = new MemoryStore();
fillStore(store, data);
const seedMs = performance.now() - scriptAt;
performance.mark('deskbench:seed-end');

const desktop = createBenchDesktop(store, language);
const longTicket = data.tickets[0]!;
installProbe({
  scriptAt, seedMs, ...size,
  lastMessageId: data.big.messages[data.big.messages.length - 1]!.id,
  longTicketName: longTicket.contact.name ?? longTicket.contact.phone,
  shownMessages: desktop.shownMessages,
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<StrictMode><Root api={desktop.api} /></StrictMode>);

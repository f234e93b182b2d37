import type { AgentStatus } from '../shared/api/common';
import type { Language } from '../shared/desktop-api';
import type { ConnectionState } from '../shared/sync/engine';

/**
 * What the main process writes for people (tray, OS notifications, the update prompt) in the
 * app's three languages. The renderer has its own i18next catalogue; these few lines live here
 * because the main process shows them without a page.
 */
export interface MainTexts {
  appName: string;
  open: string;
  quit: string;
  statusHeading: string;
  status: Record<AgentStatus, string>;
  connection: Record<ConnectionState, string>;
  unread: (n: number) => string;
  restartToUpdate: (version: string) => string;
  newTicket: (contact: string) => string;
  openToReply: string;
  messagesFrom: (n: number, contact: string) => string;
  messagesFromCustomers: (messages: number, customers: number) => string;
  latest: (contact: string, preview: string) => string;
  media: Record<'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'contacts' | 'other', string>;
  updateReadyTitle: string;
  updateReadyBody: (version: string) => string;
  restartNow: string;
  later: string;
}

const en: MainTexts = {
  appName: 'Go Personal Desk',
  open: 'Open Go Personal Desk',
  quit: 'Quit',
  statusHeading: 'My status',
  status: { online: 'Online', paused: 'Paused', invisible: 'Invisible' },
  connection: { connecting: 'Connecting…', online: 'Connected', offline: 'Offline, retrying', 'needs-sign-in': 'Sign in again', 'signed-out': 'Signed out' },
  unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  restartToUpdate: (v) => `Restart to install version ${v}`,
  newTicket: (c) => `New ticket: ${c}`,
  openToReply: 'Open it to reply.',
  messagesFrom: (n, c) => `${n} new messages from ${c}`,
  messagesFromCustomers: (m, c) => `${m} new messages from ${c} customers`,
  latest: (c, p) => `Latest: ${c}: ${p}`,
  media: { image: 'Photo', audio: 'Voice message', video: 'Video', document: 'Document', sticker: 'Sticker', location: 'Location', contacts: 'Contact card', other: 'New message' },
  updateReadyTitle: 'Update ready',
  updateReadyBody: (v) => `Version ${v} of Go Personal Desk is ready. Restart now to install it, or later from the tray menu. Messages you have not sent yet are kept.`,
  restartNow: 'Restart now',
  later: 'Later',
};

const ptBR: MainTexts = {
  appName: 'Go Personal Desk',
  open: 'Abrir o Go Personal Desk',
  quit: 'Sair',
  statusHeading: 'Meu status',
  status: { online: 'Online', paused: 'Pausado', invisible: 'Invisível' },
  connection: { connecting: 'Conectando…', online: 'Conectado', offline: 'Sem conexão, tentando de novo', 'needs-sign-in': 'Entre novamente', 'signed-out': 'Desconectado' },
  unread: (n) => (n === 1 ? '1 mensagem não lida' : `${n} mensagens não lidas`),
  restartToUpdate: (v) => `Reiniciar para instalar a versão ${v}`,
  newTicket: (c) => `Novo atendimento: ${c}`,
  openToReply: 'Abra para responder.',
  messagesFrom: (n, c) => `${n} novas mensagens de ${c}`,
  messagesFromCustomers: (m, c) => `${m} novas mensagens de ${c} clientes`,
  latest: (c, p) => `Última: ${c}: ${p}`,
  media: { image: 'Foto', audio: 'Mensagem de voz', video: 'Vídeo', document: 'Documento', sticker: 'Figurinha', location: 'Localização', contacts: 'Contato', other: 'Nova mensagem' },
  updateReadyTitle: 'Atualização pronta',
  updateReadyBody: (v) => `A versão ${v} do Go Personal Desk está pronta. Reinicie agora para instalar, ou depois pelo menu da bandeja. As mensagens ainda não enviadas são mantidas.`,
  restartNow: 'Reiniciar agora',
  later: 'Depois',
};

const es: MainTexts = {
  appName: 'Go Personal Desk',
  open: 'Abrir Go Personal Desk',
  quit: 'Salir',
  statusHeading: 'Mi estado',
  status: { online: 'En línea', paused: 'En pausa', invisible: 'Invisible' },
  connection: { connecting: 'Conectando…', online: 'Conectado', offline: 'Sin conexión, reintentando', 'needs-sign-in': 'Inicia sesión de nuevo', 'signed-out': 'Sesión cerrada' },
  unread: (n) => (n === 1 ? '1 mensaje sin leer' : `${n} mensajes sin leer`),
  restartToUpdate: (v) => `Reiniciar para instalar la versión ${v}`,
  newTicket: (c) => `Nueva atención: ${c}`,
  openToReply: 'Ábrela para responder.',
  messagesFrom: (n, c) => `${n} mensajes nuevos de ${c}`,
  messagesFromCustomers: (m, c) => `${m} mensajes nuevos de ${c} clientes`,
  latest: (c, p) => `Último: ${c}: ${p}`,
  media: { image: 'Foto', audio: 'Mensaje de voz', video: 'Video', document: 'Documento', sticker: 'Sticker', location: 'Ubicación', contacts: 'Contacto', other: 'Mensaje nuevo' },
  updateReadyTitle: 'Actualización lista',
  updateReadyBody: (v) => `La versión ${v} de Go Personal Desk está lista. Reinicia ahora para instalarla, o más tarde desde el menú de la bandeja. Los mensajes aún no enviados se conservan.`,
  restartNow: 'Reiniciar ahora',
  later: 'Más tarde',
};

const catalogue: Record<Language, MainTexts> = { 'pt-BR': ptBR, en, es };

export function textsFor(language: Language): MainTexts {
  return catalogue[language];
}

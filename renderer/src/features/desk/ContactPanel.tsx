import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Contact, Ticket } from '../../../../shared/api/tickets';
import type { NoteView, TicketView } from '../../../../shared/sync/queries';
import { useDesktop } from '../../desktop/context';
import { errorCode } from './errors';
import { dateTime, formatPhone } from './format';
import { useDesk } from './hooks';
import { useLiveReload } from './live';
import { LocalStatus } from './DeliveryStatus';
import { useDeskStore } from './store';

type Remote<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; code: string };

/** Loads something from the server, again whenever `key` changes or on retry. */
function useRemote<T>(key: string, load: () => Promise<T>): [Remote<T>, () => void] {
  const [s, setS] = useState<Remote<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // `load` is rebuilt every render; `key` says when it means something else.
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    setS({ state: 'loading' });
    loader.current().then(
      (value) => live && setS({ state: 'ready', value }),
      (err: unknown) => live && setS({ state: 'error', code: errorCode(err) }),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  return [s, () => setRound((r) => r + 1)];
}

/** The right pane (ATD-2): the customer's details, notes on the contact, and earlier tickets. */
export function ContactPanel({ ticket }: { ticket: TicketView }) {
  const api = useDesktop();
  const { t } = useDesk();
  const contactId = ticket.contact.id;
  const [contact, retryContact] = useRemote<Contact>(contactId, () => api.getContact({ contactId }));
  return (
    <Box component="aside" id="desk-contact-panel" aria-label={t('contact.panel')} sx={{ height: '100%', overflowY: 'auto', p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Details ticket={ticket} contact={contact} onRetry={retryContact} />
      <Divider />
      <ContactNotes contactId={contactId} />
      <Divider />
      <History contactId={contactId} currentId={ticket.id} />
    </Box>
  );
}

function Details({ ticket, contact, onRetry }: { ticket: TicketView; contact: Remote<Contact>; onRetry(): void }) {
  const { t } = useDesk();
  const c = contact.state === 'ready' ? contact.value : null;
  const name = c?.name ?? c?.profileName ?? ticket.contact.name;
  const field = (label: string, value: string | null | undefined) => (
    <Box>
      <Typography component="dt" variant="caption" color="text.secondary">{label}</Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>{value || t('contact.notInformed')}</Typography>
    </Box>
  );
  return (
    <Box component="section" aria-labelledby="desk-contact-title">
      <Typography id="desk-contact-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>{t('contact.title')}</Typography>
      <Box component="dl" sx={{ display: 'flex', flexDirection: 'column', gap: 1, m: 0, mt: 1 }}>
        {field(t('contact.name'), name)}
        {field(t('contact.phone'), formatPhone(c?.phone ?? ticket.contact.phone))}
        {c && field(t('contact.email'), c.email)}
        {c && field(t('contact.city'), c.city)}
        {c && field(t('contact.document'), c.document)}
      </Box>
      {contact.state === 'loading' && <CircularProgress size={20} aria-label={t('contact.loading')} sx={{ mt: 1 }} />}
      {contact.state === 'error' && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">{t(contact.code === 'offline' ? 'contact.offline' : 'contact.error')}</Typography>
          <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>
        </Box>
      )}
    </Box>
  );
}

function ContactNotes({ contactId }: { contactId: string }) {
  const api = useDesktop();
  const { t, locale, timeZone } = useDesk();
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [text, setText] = useState('');
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    setNotes(await api.listNotes({ contactId }));
  }, [api, contactId]);
  useEffect(() => {
    setNotes([]);
    load().catch(() => undefined);
  }, [load]);
  // Notes on a contact carry no ticket: any note or outbox change may be one of them.
  useLiveReload(api, { changes: (cs) => cs.some((c) => c.entity === 'note' || c.entity === 'outbox'), outbox: (e) => e.item.lane === `contact:${contactId}` }, load);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    try {
      await api.addNote({ target: { contactId }, text: value });
      setText('');
      setFailed(false);
      await load();
    } catch {
      setFailed(true);
    }
  };
  return (
    <Box component="section" aria-labelledby="desk-contact-notes">
      <Typography id="desk-contact-notes" variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>{t('contact.notes')}</Typography>
      <Typography variant="caption" color="text.secondary">{t('contact.notesHint')}</Typography>
      {notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('contact.noNotes')}</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1, display: 'flex', flexDirection: 'column', gap: 1 }}>
          {notes.map((n) => (
            <Box component="li" key={n.local?.outboxId ?? n.id} sx={{ p: 1, borderRadius: 1, border: 1, borderStyle: 'dashed', borderColor: 'warning.main' }}>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{n.text}</Typography>
              <Typography variant="caption" color="text.secondary">{n.authorName} · {dateTime(n.createdAt, timeZone, locale)}</Typography>
              {n.local && <LocalStatus local={n.local} />}
            </Box>
          ))}
        </Box>
      )}
      <Box component="form" onSubmit={(e) => void add(e)} sx={{ display: 'flex', flexDirection: 'column', gap: 1, mt: 1 }}>
        <TextField
          size="small"
          multiline
          minRows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          label={t('contact.newNote')}
          error={failed}
          helperText={failed ? t('contact.noteFailed') : undefined}
          slotProps={{ htmlInput: { maxLength: 10000 } }}
        />
        <Button type="submit" variant="outlined" size="small" disabled={!text.trim()} sx={{ alignSelf: 'flex-end' }}>{t('contact.addNote')}</Button>
      </Box>
    </Box>
  );
}

function History({ contactId, currentId }: { contactId: string; currentId: string }) {
  const api = useDesktop();
  const { t, locale, timeZone } = useDesk();
  const select = useDeskStore((s) => s.selectTicket);
  const [tickets, retry] = useRemote<Ticket[]>(contactId, () => api.contactTickets({ contactId }));
  let body: ReactNode;
  if (tickets.state === 'loading') body = <CircularProgress size={20} aria-label={t('contact.loadingHistory')} />;
  else if (tickets.state === 'error') {
    body = (
      <Box>
        <Typography variant="body2" color="text.secondary">{t(tickets.code === 'offline' ? 'contact.historyOffline' : 'contact.historyError')}</Typography>
        <Button size="small" onClick={retry}>{t('common.retry')}</Button>
      </Box>
    );
  } else {
    const earlier = tickets.value.filter((x) => x.id !== currentId);
    body = earlier.length === 0 ? (
      <Typography variant="body2" color="text.secondary">{t('contact.noHistory')}</Typography>
    ) : (
      <List dense disablePadding aria-label={t('contact.history')}>
        {earlier.map((x) => (
          <ListItem key={x.id} disablePadding>
          <ListItemButton onClick={() => select(x.id)} sx={{ px: 1, borderRadius: 1 }}>
            <ListItemText
              primary={dateTime(x.createdAt, timeZone, locale)}
              secondary={
                <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
                  <Chip component="span" size="small" label={x.state === 'closed' && x.closeReason ? t(`closeReason.${x.closeReason}`) : t(`state.${x.state}`)} />
                  {x.tags.map((tag) => <Chip component="span" key={tag} size="small" variant="outlined" label={tag} />)}
                </Box>
              }
            />
          </ListItemButton>
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <Box component="section" aria-labelledby="desk-contact-history">
      <Typography id="desk-contact-history" variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>{t('contact.history')}</Typography>
      {body}
    </Box>
  );
}

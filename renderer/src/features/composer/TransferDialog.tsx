import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferTargets } from '../../../../shared/desktop-api';
import type { TicketView } from '../../../../shared/sync/queries';
import { useAppStore } from '../../app/app-store';
import { useDesktop } from '../../desktop/context';
import { describeError } from './errors';

type Agent = TransferTargets['agents'][number];

export interface ActionDialogProps {
  ticket: TicketView;
  open: boolean;
  onClose(): void;
  /** The action was accepted (queued in the outbox): confirm it with this sentence. */
  onDone(text: string): void;
}

/**
 * Transfer to another agent of the number (with whether routing would reach them now) or to a
 * queue. The list needs the server; offline it falls back to the number's queues from the cache.
 */
export function TransferDialog({ ticket, open, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const id = useId();
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setTargets(null);
    setLoadError(null);
    setChoice('');
    setError(null);
    desktop.transferTargets({ numberId: ticket.numberId }).then(
      (found) => live && setTargets(found),
      (err: unknown) => {
        if (!live) return;
        const cached = useAppStore.getState().desktop?.me?.numbers.find((n) => n.id === ticket.numberId)?.queues ?? [];
        setLoadError(describeError(t, err));
        setTargets({ agents: [], queues: cached });
      },
    );
    return () => {
      live = false;
    };
  }, [open, desktop, ticket.numberId, t]);

  const agents = (targets?.agents ?? []).filter((a) => a.id !== ticket.assigneeId);
  const queues = (targets?.queues ?? []).filter((q) => !(ticket.state === 'waiting' && q.id === ticket.queueId));

  const statusText = (a: Agent): string => (a.online ? t('agentStatus.online') : a.status === 'paused' ? t('agentStatus.paused') : t('agentStatus.offline'));

  async function submit() {
    const [kind, targetId] = choice.split(':') as ['user' | 'queue', string];
    if (!targetId || busy) return;
    const name = kind === 'user' ? agents.find((a) => a.id === targetId)?.name : queues.find((q) => q.id === targetId)?.name;
    setBusy(true);
    setError(null);
    try {
      await desktop.transferTicket({ ticketId: ticket.id, to: kind === 'user' ? { userId: targetId } : { queueId: targetId } });
      onDone(t('transfer.done', { name: name ?? '' }));
      onClose();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby={`${id}-title`}>
      <DialogTitle id={`${id}-title`}>{t('transfer.title')}</DialogTitle>
      <DialogContent>
        {loadError && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {t('transfer.loadFailed', { reason: loadError })}
          </Alert>
        )}
        {targets === null ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', p: 2 }}>
            <CircularProgress aria-label={t('loading')} />
          </Box>
        ) : (
          <RadioGroup aria-label={t('transfer.to')} name={`${id}-target`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
              {t('transfer.agents')}
            </Typography>
            {agents.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                {t('transfer.noAgents')}
              </Typography>
            )}
            {agents.map((a) => (
              <Box key={a.id} sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
                <FormControlLabel
                  value={`user:${a.id}`}
                  label={a.name}
                  control={<Radio slotProps={{ input: { 'aria-describedby': `${id}-status-${a.id}` } }} />}
                />
                <Typography id={`${id}-status-${a.id}`} variant="caption" color={a.online ? 'success.main' : 'text.secondary'}>
                  {statusText(a)}
                </Typography>
              </Box>
            ))}
            <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
              {t('transfer.queues')}
            </Typography>
            {queues.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                {t('transfer.noQueues')}
              </Typography>
            )}
            {queues.map((q) => (
              <FormControlLabel key={q.id} value={`queue:${q.id}`} label={q.name} control={<Radio />} />
            ))}
          </RadioGroup>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" disabled={!choice || busy} loading={busy} onClick={() => void submit()}>
          {t('transfer.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import AccessTime from '@mui/icons-material/AccessTime';
import Done from '@mui/icons-material/Done';
import DoneAll from '@mui/icons-material/DoneAll';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined';
import { useState, type ReactNode } from 'react';
import type { LocalState, MessageView } from '../../../../shared/sync/queries';
import { useDesktop } from '../../desktop/context';
import { useDesk } from './hooks';

/**
 * Where an outgoing message is: still on this computer (waiting, sending, not sent: with retry
 * and discard), or with WhatsApp (sent ✓, delivered ✓✓, read ✓✓ in blue, failed with its reason).
 */
export function DeliveryStatus({ message }: { message: MessageView }) {
  if (message.local) return <LocalStatus local={message.local} />;
  return <ServerStatus message={message} />;
}

function ServerStatus({ message }: { message: MessageView }) {
  const { t } = useDesk();
  const label = t(`delivery.${message.status}`);
  const icon = { fontSize: 16 } as const;
  switch (message.status) {
    case 'queued':
    case 'sending':
      return <Tick label={label}><AccessTime sx={icon} /></Tick>;
    case 'sent':
      return <Tick label={label}><Done sx={icon} /></Tick>;
    case 'delivered':
      return <Tick label={label}><DoneAll sx={icon} /></Tick>;
    case 'read':
      return <Tick label={label}><DoneAll sx={{ ...icon, color: 'info.main' }} /></Tick>;
    case 'failed':
      return (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'error.main' }} role="status">
          <ErrorOutline sx={icon} />
          <Typography variant="caption">{message.error?.reason ? t('delivery.failedReason', { reason: message.error.reason }) : label}</Typography>
        </Box>
      );
    default:
      return null;
  }
}

/** An icon with its meaning as the accessible name (and a tooltip on hover). */
function Tick({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box component="span" role="img" aria-label={label} title={label} sx={{ display: 'inline-flex', color: 'text.secondary' }}>
      {children}
    </Box>
  );
}

/** An item still on this computer: waiting or sending, or not sent with its reason, retry and discard. */
export function LocalStatus({ local }: { local: LocalState }) {
  const api = useDesktop();
  const { t } = useDesk();
  const [busy, setBusy] = useState(false);
  const act = (fn: () => Promise<boolean>) => {
    setBusy(true);
    void fn().catch(() => false).finally(() => setBusy(false));
  };
  if (local.status !== 'failed') {
    const label = t(local.status === 'sending' ? 'delivery.localSending' : 'delivery.localPending');
    return <Tick label={label}>{local.status === 'sending' ? <CloudUploadOutlined sx={{ fontSize: 16 }} /> : <AccessTime sx={{ fontSize: 16 }} />}</Tick>;
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 0.5, color: 'error.main' }}>
      <ErrorOutline sx={{ fontSize: 16 }} />
      <Typography variant="caption" role="status">{t('delivery.localFailed', { reason: local.error?.message ?? t('delivery.unknownReason') })}</Typography>
      <Button size="small" disabled={busy} onClick={() => act(() => api.retryItem({ id: local.outboxId }))}>{t('delivery.retry')}</Button>
      <Button size="small" color="inherit" disabled={busy} onClick={() => act(() => api.discardItem({ id: local.outboxId }))}>{t('delivery.discard')}</Button>
    </Box>
  );
}

import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import NoteAddOutlined from '@mui/icons-material/NoteAddOutlined';
import Replay from '@mui/icons-material/Replay';
import SwapHoriz from '@mui/icons-material/SwapHoriz';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../../shared/sync/queries';
import { useDesktop } from '../../desktop/context';
import { CloseDialog } from './CloseDialog';
import { describeError } from './errors';
import { NoteDialog } from './NoteDialog';
import { ToolButton } from './ToolButton';
import { TransferDialog } from './TransferDialog';
import { useFeedback } from './useFeedback';

type DialogName = 'transfer' | 'close' | 'note';

/**
 * The ticket's toolbar: transfer, close with tags, reopen, add a note. Each action goes through
 * the outbox (works offline); a button is disabled where its action does not apply.
 */
export function TicketActions({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const feedback = useFeedback();
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [reopening, setReopening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const closed = ticket.state === 'closed';

  async function reopen() {
    setReopening(true);
    try {
      await desktop.reopenTicket({ ticketId: ticket.id });
      feedback.done(t('reopen.done'), { queued: true });
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setReopening(false);
    }
  }

  const dialogProps = {
    ticket,
    onClose: () => setDialog(null),
    onDone: (text: string) => feedback.done(text, { queued: true }),
  };

  return (
    <>
      <Box role="toolbar" aria-label={t('actions.label')} sx={{ display: 'flex', gap: 0.5 }}>
        <ToolButton label={t('actions.transfer')} disabled={closed} onClick={() => setDialog('transfer')}>
          <SwapHoriz />
        </ToolButton>
        <ToolButton label={t('actions.close')} disabled={closed} onClick={() => setDialog('close')}>
          <CheckCircleOutlined />
        </ToolButton>
        <ToolButton label={t('actions.reopen')} disabled={!closed || reopening} onClick={() => void reopen()}>
          <Replay />
        </ToolButton>
        <ToolButton label={t('actions.note')} onClick={() => setDialog('note')}>
          <NoteAddOutlined />
        </ToolButton>
      </Box>
      <TransferDialog open={dialog === 'transfer'} {...dialogProps} />
      <CloseDialog open={dialog === 'close'} {...dialogProps} />
      <NoteDialog open={dialog === 'note'} {...dialogProps} />
      {feedback.snackbar}
      <Snackbar open={error !== null} autoHideDuration={8000} onClose={() => setError(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity="error" variant="filled" onClose={() => setError(null)}>
          {error}
        </Alert>
      </Snackbar>
    </>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesktop } from '../../desktop/context';
import { describeError } from './errors';
import type { ActionDialogProps } from './TransferDialog';

const MAX_NOTE = 10000;

/** A private note on the ticket: kept with it, never sent to the customer. Works offline. */
export function NoteDialog({ ticket, open, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setText('');
    setError(null);
  }, [open]);

  async function submit() {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await desktop.addNote({ target: { ticketId: ticket.id }, text: text.trim() });
      onDone(t('note.done'));
      onClose();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={`${id}-title`}>
      <DialogTitle id={`${id}-title`}>{t('note.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1.5 }}>{t('note.text')}</DialogContentText>
        <TextField
          autoFocus
          multiline
          minRows={3}
          maxRows={12}
          fullWidth
          label={t('note.field')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { maxLength: MAX_NOTE } }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" disabled={!text.trim() || busy} loading={busy} onClick={() => void submit()}>
          {t('note.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

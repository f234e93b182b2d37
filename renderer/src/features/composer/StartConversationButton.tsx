import AddComment from '@mui/icons-material/AddCommentOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesktop } from '../../desktop/context';
import { describeError } from './errors';
import { internationalPhone } from './phone';
import { TemplateFields } from './TemplateFields';
import { useFeedback } from './useFeedback';
import { useTemplateForm } from './useTemplateForm';

export interface StartConversationButtonProps {
  numberId: string;
  /** The ticket the active message went on (new, or the customer's open one). */
  onStarted?(ticketId: string): void;
}

/** Starts (or resumes) a conversation with any customer through an active message (template). */
export function StartConversationButton({ numberId, onStarted }: StartConversationButtonProps) {
  const { t } = useTranslation('composer');
  const [open, setOpen] = useState(false);
  const feedback = useFeedback();
  return (
    <>
      <Button startIcon={<AddComment />} onClick={() => setOpen(true)}>
        {t('start.button')}
      </Button>
      {open && (
        <StartConversationDialog
          numberId={numberId}
          onClose={() => setOpen(false)}
          onStarted={(ticketId) => {
            setOpen(false);
            feedback.done(t('start.done'));
            onStarted?.(ticketId);
          }}
        />
      )}
      {feedback.snackbar}
    </>
  );
}

function StartConversationDialog({ numberId, onClose, onStarted }: { numberId: string; onClose(): void; onStarted(ticketId: string): void }) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const id = useId();
  const form = useTemplateForm(numberId);
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const to = internationalPhone(phone);
  const phoneError = phoneTouched && to === null;

  async function submit() {
    setPhoneTouched(true);
    const request = form.request;
    if (!to || !request || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { ticketId } = await desktop.startConversation({ numberId, to, ...request });
      onStarted(ticketId);
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
      <DialogTitle id={`${id}-title`}>{t('start.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('start.text')}</DialogContentText>
        <Stack spacing={1.5}>
          <TextField
            autoFocus
            size="small"
            required
            label={t('start.phone')}
            value={phone}
            type="tel"
            autoComplete="tel"
            error={phoneError}
            helperText={phoneError ? t('start.phoneInvalid') : t('start.phoneHint')}
            onChange={(e) => setPhone(e.target.value)}
            onBlur={() => setPhoneTouched(phone.trim() !== '')}
            slotProps={{ htmlInput: { maxLength: 25 } }}
          />
          <TemplateFields form={form} disabled={busy} />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button type="submit" variant="contained" disabled={busy || !form.request} loading={busy}>
          {t('start.send')}
        </Button>
      </DialogActions>
      </form>
    </Dialog>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesktop } from '../../desktop/context';
import { describeError } from './errors';
import type { ActionDialogProps } from './TransferDialog';

/** The API's limits on closing tags. */
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 60;

/**
 * Close the ticket with any number of tags: the number's tags as checkboxes, plus a field
 * to type one (Enter adds it). The tag list needs the server; typing works offline.
 */
export function CloseDialog({ ticket, open, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const id = useId();
  const [known, setKnown] = useState<string[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [typed, setTyped] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The desk hands a new ticket object on every change: depend on the tags' content, not the array.
  const currentTags = ticket.tags.join('\n');
  useEffect(() => {
    if (!open) return;
    let live = true;
    setKnown(null);
    setLoadError(null);
    setTyped([]);
    setSelected(currentTags ? currentTags.split('\n') : []);
    setDraft('');
    setDraftError(null);
    setError(null);
    desktop.tags({ numberId: ticket.numberId }).then(
      (found) => live && setKnown(found),
      (err: unknown) => {
        if (!live) return;
        setKnown([]);
        setLoadError(describeError(t, err));
      },
    );
    return () => {
      live = false;
    };
  }, [open, desktop, ticket.numberId, currentTags, t]);

  const options = [...new Set([...(known ?? []), ...ticket.tags, ...typed])];
  const full = selected.length >= MAX_TAGS;

  const toggle = (tag: string, on: boolean) => setSelected((s) => (on ? [...s, tag] : s.filter((x) => x !== tag)));

  function addTyped() {
    const name = draft.trim();
    if (!name) return;
    if (name.length > MAX_TAG_LENGTH) return setDraftError(t('close.tagTooLong', { max: MAX_TAG_LENGTH }));
    if (full) return setDraftError(t('close.tooManyTags', { max: MAX_TAGS }));
    // The backend matches tags ignoring case: reuse the listed spelling.
    const tag = options.find((o) => o.toLowerCase() === name.toLowerCase()) ?? name;
    if (!options.includes(tag)) setTyped((list) => [...list, tag]);
    if (!selected.includes(tag)) toggle(tag, true);
    setDraft('');
    setDraftError(null);
  }

  async function submit() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await desktop.closeTicket({ ticketId: ticket.id, tags: selected });
      onDone(selected.length ? t('close.doneWithTags', { tags: selected.join(', ') }) : t('close.done'));
      onClose();
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby={`${id}-title`}>
      <DialogTitle id={`${id}-title`}>{t('close.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{t('close.text')}</DialogContentText>
        {loadError && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {t('close.loadFailed', { reason: loadError })}
          </Alert>
        )}
        {known === null ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', p: 2 }}>
            <CircularProgress aria-label={t('loading')} />
          </Box>
        ) : (
          <FormGroup role="group" aria-label={t('close.tags')}>
            {options.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                {t('close.noTags')}
              </Typography>
            )}
            {options.map((tag) => (
              <FormControlLabel
                key={tag}
                label={tag}
                control={
                  <Checkbox
                    checked={selected.includes(tag)}
                    disabled={full && !selected.includes(tag)}
                    onChange={(e) => toggle(tag, e.target.checked)}
                  />
                }
              />
            ))}
          </FormGroup>
        )}
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 1 }}>
          <TextField
            size="small"
            fullWidth
            label={t('close.newTag')}
            value={draft}
            error={draftError !== null}
            helperText={draftError ?? t('close.newTagHint')}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addTyped();
              }
            }}
          />
          <Button onClick={addTyped} disabled={!draft.trim()} sx={{ mt: 0.25, flexShrink: 0 }}>
            {t('close.addTag')}
          </Button>
        </Box>
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" disabled={busy} loading={busy} onClick={() => void submit()}>
          {t('close.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../../shared/sync/queries';
import { useDesktop } from '../../desktop/context';
import { describeError } from './errors';
import { TemplateFields } from './TemplateFields';
import { useTemplateForm } from './useTemplateForm';

/**
 * The composer once the customer's 24-hour window has closed: WhatsApp then takes only an
 * approved template (active message), so that is all it offers. Sending needs the connection.
 */
export function TemplateComposer({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation('composer');
  const desktop = useDesktop();
  const form = useTemplateForm(ticket.numberId);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function send() {
    const request = form.request;
    if (!request || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      await desktop.sendTemplate({ ticketId: ticket.id, ...request });
      form.clearValues();
      setOutcome({ ok: true, text: t('template.sent', { name: request.template }) });
    } catch (err) {
      setOutcome({ ok: false, text: describeError(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box
      component="form"
      aria-label={t('template.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, p: 1.5, maxHeight: '60vh', overflow: 'auto' }}
    >
      <Alert severity="warning">
        <AlertTitle>{t('window.closedTitle')}</AlertTitle>
        {t('window.closedText')}
      </Alert>
      <TemplateFields form={form} disabled={busy} />
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} onClose={() => setOutcome(null)}>
          {outcome.text}
        </Alert>
      )}
      <Box>
        <Button type="submit" variant="contained" disabled={!form.request || busy} loading={busy}>
          {t('template.send')}
        </Button>
      </Box>
    </Box>
  );
}

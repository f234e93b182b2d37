import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/app-store';

export interface Feedback {
  /** Confirms an action; adds that it goes out later when the app is offline (outbox actions). */
  done(text: string, opts?: { queued?: boolean }): void;
  snackbar: ReactElement;
}

/** One snackbar for a group of actions, saying what happened. */
export function useFeedback(): Feedback {
  const { t } = useTranslation('composer');
  const offline = useAppStore((s) => s.desktop?.engine.state === 'offline');
  const [message, setMessage] = useState<{ text: string; key: number } | null>(null);
  return {
    done: (text, opts) => setMessage({ text: opts?.queued && offline ? `${text} ${t('feedback.queuedOffline')}` : text, key: Date.now() }),
    snackbar: (
      <Snackbar
        key={message?.key}
        open={message !== null}
        autoHideDuration={5000}
        onClose={(_e, reason) => reason !== 'clickaway' && setMessage(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setMessage(null)} sx={{ width: '100%' }}>
          {message?.text}
        </Alert>
      </Snackbar>
    ),
  };
}

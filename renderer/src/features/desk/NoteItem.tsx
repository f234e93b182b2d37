import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { memo } from 'react';
import type { NoteView } from '../../../../shared/sync/queries';
import { LocalStatus } from './DeliveryStatus';
import { timeOfDay } from './format';
import { useDesk } from './hooks';

/**
 * A private note among the messages: full width, striped amber, with a lock and "Private note",
 * so nobody takes it for something the customer saw (it is never sent).
 */
export const NoteItem = memo(function NoteItem({ note }: { note: NoteView }) {
  const { t, locale, timeZone } = useDesk();
  const time = timeOfDay(note.createdAt, timeZone, locale);
  return (
    <Box role="listitem" aria-label={t('note.label', { author: note.authorName, time })} data-note-id={note.id} sx={{ px: 2, py: 0.5 }}>
      <Box
        sx={{
          mx: 'auto', maxWidth: 640, px: 1.5, py: 1, borderRadius: 1, border: 1, borderStyle: 'dashed', borderColor: 'warning.main',
          color: (theme) => (theme.palette.mode === 'dark' ? '#fff3d6' : '#4a3b00'),
          background: (theme) => theme.palette.mode === 'dark'
            ? 'repeating-linear-gradient(135deg, #3d3420, #3d3420 10px, #463b24 10px, #463b24 20px)'
            : 'repeating-linear-gradient(135deg, #fff8e1, #fff8e1 10px, #fff3cd 10px, #fff3cd 20px)',
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mb: 0.5 }}>
          <LockOutlined sx={{ fontSize: 16 }} />
          <Typography variant="caption" sx={{ fontWeight: 700, textTransform: 'uppercase', letterSpacing: 0.5 }}>{t('note.privateNote')}</Typography>
          <Typography variant="caption" sx={{ ml: 'auto' }}>{t('note.byAt', { author: note.authorName, time })}</Typography>
        </Box>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.text}</Typography>
        {note.local && <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 0.5 }}><LocalStatus local={note.local} /></Box>}
      </Box>
    </Box>
  );
});

import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickReplyMatch } from './quick-replies';
import type { QuickReplySearch } from './useQuickReplySearch';

export const optionId = (listId: string, index: number): string => `${listId}-option-${index}`;

/**
 * The quick-reply matches above the composer. Focus stays in the text box, which points at the
 * highlighted option (aria-activedescendant); a click picks without taking focus away.
 */
export function QuickReplyList({ id, search, onPick }: { id: string; search: QuickReplySearch; onPick(reply: QuickReplyMatch): void }) {
  const { t } = useTranslation('composer');
  const { matches, active, query } = search;
  useEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    document.getElementById(optionId(id, active))?.scrollIntoView?.({ block: 'nearest' });
  }, [id, active]);
  return (
    <Paper elevation={6} sx={{ position: 'absolute', bottom: '100%', left: 0, right: 0, mb: 1, maxHeight: 320, overflow: 'auto', zIndex: 'modal' }}>
      {matches === null && (
        <Typography role="status" sx={{ p: 2 }} color="text.secondary">
          {t('quickReplies.loading')}
        </Typography>
      )}
      {matches !== null && matches.length === 0 && (
        <Typography role="status" sx={{ p: 2 }} color="text.secondary">
          {query.trim() ? t('quickReplies.noMatch', { query: query.trim() }) : t('quickReplies.none')}
        </Typography>
      )}
      <List id={id} role="listbox" aria-label={t('quickReplies.label')} dense disablePadding hidden={!matches?.length}>
        {matches?.map((reply, i) => (
          <ListItemButton
            key={reply.id}
            id={optionId(id, i)}
            role="option"
            aria-selected={i === active}
            selected={i === active}
            tabIndex={-1}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(reply)}
          >
            <ListItemText
              primary={reply.title}
              secondary={`${reply.category} · ${reply.text}`}
              slotProps={{ secondary: { noWrap: true } }}
            />
          </ListItemButton>
        ))}
      </List>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', px: 2, py: 0.5 }}>
        {t('quickReplies.hint')}
      </Typography>
    </Paper>
  );
}

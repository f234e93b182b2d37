import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { TemplatePreview as Preview } from './template-fill';

/** The active message as the customer will see it, updated as the variables are typed. */
export function TemplatePreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation('composer');
  return (
    <Box component="section" aria-label={t('template.preview')} sx={{ bgcolor: 'action.hover', borderRadius: 2, p: 1.5 }}>
      <Typography variant="overline" color="text.secondary" component="div">
        {t('template.preview')}
      </Typography>
      <Box sx={{ bgcolor: 'background.paper', borderRadius: 1.5, p: 1.5, boxShadow: 1, maxWidth: 420 }}>
        {preview.headerMedia && (
          <Typography variant="caption" color="text.secondary" component="div">
            {t('template.mediaHeader', { format: preview.headerMedia.toLowerCase() })}
          </Typography>
        )}
        {preview.header && (
          <Typography variant="subtitle2" component="div" data-part="header">
            {preview.header}
          </Typography>
        )}
        <Typography variant="body2" component="div" data-part="body" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {preview.body}
        </Typography>
        {preview.footer && (
          <Typography variant="caption" color="text.secondary" component="div" data-part="footer">
            {preview.footer}
          </Typography>
        )}
        {preview.buttons.length > 0 && (
          <Box component="ul" aria-label={t('template.buttons')} sx={{ listStyle: 'none', m: 0, mt: 1, p: 0, display: 'grid', gap: 0.5 }}>
            {preview.buttons.map((b, i) => (
              <Box component="li" key={i} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 1, py: 0.5, textAlign: 'center' }}>
                <Typography variant="body2" color="primary">
                  {b.text}
                </Typography>
                {b.url && (
                  <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                    {b.url}
                  </Typography>
                )}
              </Box>
            ))}
          </Box>
        )}
      </Box>
    </Box>
  );
}

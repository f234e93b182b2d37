import Close from '@mui/icons-material/Close';
import InsertDriveFileOutlined from '@mui/icons-material/InsertDriveFileOutlined';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { mimeTypeOf, takesCaption } from './send-attachment';
import { ToolButton } from './ToolButton';

export function formatBytes(bytes: number, language: string): string {
  const [unit, value] = bytes >= 1024 * 1024 ? (['megabyte', bytes / 1024 / 1024] as const) : (['kilobyte', Math.max(1, bytes / 1024)] as const);
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * The file waiting to go with the next send: its name and size, a note when it cannot carry a
 * caption, and while it uploads a progress bar (the upload reports no percentage).
 */
export function AttachmentBar({ file, uploading, onRemove }: { file: File; uploading: boolean; onRemove(): void }) {
  const { t, i18n } = useTranslation('composer');
  const size = formatBytes(file.size, i18n.language);
  return (
    <Box role="group" aria-label={t('attachment.label')} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 1, py: 0.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <InsertDriveFileOutlined fontSize="small" color="action" />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body2" noWrap>
            {file.name} <Typography component="span" variant="caption" color="text.secondary">({size})</Typography>
          </Typography>
          {!takesCaption(mimeTypeOf(file)) && (
            <Typography variant="caption" color="text.secondary">
              {t('attachment.noCaption')}
            </Typography>
          )}
        </Box>
        <ToolButton label={t('attachment.remove')} size="small" disabled={uploading} onClick={onRemove}>
          <Close fontSize="small" />
        </ToolButton>
      </Box>
      {uploading && (
        <Box role="status" sx={{ pt: 0.5 }}>
          <Typography variant="caption">{t('attachment.uploading', { name: file.name })}</Typography>
          <LinearProgress aria-label={t('attachment.uploading', { name: file.name })} />
        </Box>
      )}
    </Box>
  );
}

import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineStatus } from '../../../shared/sync/engine';
import { useAppStore } from '../app/app-store';

type Look = { key: string; count?: number; color: 'success' | 'warning' | 'error' | 'default'; icon: ReactElement };

/** What the chip says for an engine status (pure, for tests). */
export function connectionLook(s: EngineStatus): Look {
  switch (s.state) {
    case 'online':
      return s.failed > 0
        ? { key: 'connection.onlineFailed', count: s.failed, color: 'warning', icon: <ErrorOutline /> }
        : { key: 'connection.online', color: 'success', icon: <CloudDoneOutlined /> };
    case 'connecting':
      return { key: 'connection.reconnecting', color: 'warning', icon: <SyncOutlined /> };
    case 'offline':
      return s.pending > 0
        ? { key: 'connection.offlinePending', count: s.pending, color: 'error', icon: <CloudOffOutlined /> }
        : { key: 'connection.offline', color: 'error', icon: <CloudOffOutlined /> };
    default:
      return { key: 'connection.signedOut', color: 'default', icon: <CloudOffOutlined /> };
  }
}

/** Online / reconnecting / offline with the count of actions waiting to be sent (G5). */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.desktop?.engine);
  if (!status) return null;
  const look = connectionLook(status);
  const label = t(look.key, { count: look.count ?? 0 });
  const detail = status.state !== 'online' && status.lastError ? t('connection.lastError', { reason: status.lastError }) : label;
  return (
    <Tooltip title={detail}>
      <Chip role="status" aria-live="polite" aria-label={t('connection.label', { state: label })} icon={look.icon} label={label} color={look.color} variant="outlined" size="small" />
    </Tooltip>
  );
}

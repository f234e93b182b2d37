import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agentStatusSchema, type AgentStatus } from '../../../shared/api/common';
import { useAppStore } from '../app/app-store';
import { useDesktop } from '../desktop/context';
import { ErrorNotice } from './ErrorNotice';
import { messageOf } from './error-text';

export const statusColors: Record<AgentStatus, string> = { online: 'success.main', paused: 'warning.main', invisible: 'text.disabled' };

function Dot({ status }: { status: AgentStatus }) {
  return <Box component="span" aria-hidden sx={{ display: 'inline-block', width: 10, height: 10, borderRadius: '50%', bgcolor: statusColors[status], mr: 1, flexShrink: 0 }} />;
}

/** Online (receives tickets), paused, or invisible. Works offline: the change waits in the outbox. */
export function StatusSwitch() {
  const { t } = useTranslation();
  const api = useDesktop();
  const status = useAppStore((s) => s.desktop?.me?.user.status ?? null);
  const [error, setError] = useState<string | null>(null);
  const change = (next: AgentStatus) => {
    api.setStatus({ status: next }).catch((err: unknown) => setError(t('header.statusFailed', { reason: messageOf(err) })));
  };
  return (
    <>
      <TextField
        select
        size="small"
        label={t('header.status')}
        value={status ?? ''}
        disabled={status === null}
        onChange={(e) => change(e.target.value as AgentStatus)}
        sx={{ minWidth: 150 }}
        slotProps={{ select: { renderValue: (v) => <Box sx={{ display: 'flex', alignItems: 'center' }}><Dot status={v as AgentStatus} />{t(`status.${v as AgentStatus}`)}</Box> } }}
      >
        {agentStatusSchema.options.map((s) => (
          <MenuItem key={s} value={s}>
            <Dot status={s} />
            {t(`status.${s}`)}
          </MenuItem>
        ))}
      </TextField>
      <ErrorNotice message={error} onClose={() => setError(null)} />
    </>
  );
}

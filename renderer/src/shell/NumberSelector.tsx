import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { NumberInfo } from '../../../shared/api/auth';
import { useAppStore } from '../app/app-store';
import { useDesktop } from '../desktop/context';

// One empty list for every render: a new [] from a store selector would re-render without end.
const noNumbers: readonly NumberInfo[] = [];

/** The number the scoped pages act on (G1): only the user's numbers; the choice is remembered. */
export function NumberSelector() {
  const { t } = useTranslation();
  const api = useDesktop();
  const numbers = useAppStore((s) => s.desktop?.me?.numbers ?? noNumbers);
  const numberId = useAppStore((s) => s.numberId);
  const setNumberId = useAppStore((s) => s.setNumberId);
  const choose = (id: string) => {
    setNumberId(id);
    api.setSettings({ lastNumberId: id }).catch((err: unknown) => console.warn('Could not remember the number', err));
  };
  return (
    <TextField
      select
      size="small"
      label={t('header.number')}
      value={numberId && numbers.some((n) => n.id === numberId) ? numberId : ''}
      onChange={(e) => choose(e.target.value)}
      disabled={numbers.length === 0}
      helperText={numbers.length === 0 ? t('header.noNumbers') : undefined}
      sx={{ minWidth: 220, maxWidth: 320 }}
      slotProps={{ select: { renderValue: (id) => numbers.find((n) => n.id === id)?.identification ?? '' } }}
    >
      {numbers.map((n) => (
        <MenuItem key={n.id} value={n.id}>
          {t('header.numberOption', { name: n.identification, phone: n.displayPhone })}
        </MenuItem>
      ))}
    </TextField>
  );
}

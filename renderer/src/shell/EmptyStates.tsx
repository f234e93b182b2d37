import ConstructionOutlined from '@mui/icons-material/ConstructionOutlined';
import SearchOffOutlined from '@mui/icons-material/SearchOffOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission } from '../../../shared/permissions';

function EmptyState({ icon, title, text, action }: { icon: ReactNode; title: string; text: string; action?: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', height: '100%', p: 4 }}>
      <Box sx={{ textAlign: 'center', maxWidth: 420, color: 'text.secondary' }}>
        <Box sx={{ fontSize: 56, lineHeight: 1 }} aria-hidden>{icon}</Box>
        <Typography variant="h5" component="h1" sx={{ color: 'text.primary', mt: 1 }}>{title}</Typography>
        <Typography sx={{ mt: 1 }}>{text}</Typography>
        {action && <Box sx={{ mt: 3 }}>{action}</Box>}
      </Box>
    </Box>
  );
}

/** A page of the menu that is not built yet. */
export function ComingSoon({ page }: { page: Permission }) {
  const { t } = useTranslation();
  return <EmptyState icon={<ConstructionOutlined fontSize="inherit" />} title={t(`nav.pages.${page}`)} text={t('comingSoon.text')} />;
}

/** A path that names no page, or one this profile does not have. */
export function NoPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<SearchOffOutlined fontSize="inherit" />}
      title={t('noPage.title')}
      text={t('noPage.text')}
      action={<Button component={Link} to="/" variant="outlined">{t('noPage.start')}</Button>}
    />
  );
}

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';

/** Asked before signing out while actions are still unsent: signing out drops them. */
export function SignOutDialog({ pending, onCancel, onConfirm }: { pending: number | null; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={pending !== null} onClose={onCancel} aria-labelledby="sign-out-title" aria-describedby="sign-out-text">
      <DialogTitle id="sign-out-title">{t('signOut.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="sign-out-text">{t('signOut.text', { count: pending ?? 0 })}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>{t('signOut.keep')}</Button>
        <Button onClick={onConfirm} color="error">{t('signOut.discard')}</Button>
      </DialogActions>
    </Dialog>
  );
}

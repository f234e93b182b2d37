import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

/** A failure the user should know about, shown briefly at the bottom. */
export function ErrorNotice({ message, onClose }: { message: string | null; onClose: () => void }) {
  return (
    <Snackbar open={message !== null} autoHideDuration={8000} onClose={onClose} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
      <Alert severity="error" onClose={onClose} variant="filled">{message}</Alert>
    </Snackbar>
  );
}

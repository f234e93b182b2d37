import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import ContactPhoneOutlined from '@mui/icons-material/ContactPhoneOutlined';
import PlaceOutlined from '@mui/icons-material/PlaceOutlined';
import type { Message } from '../../../../shared/api/messages';
import { useDesktop } from '../../desktop/context';
import { buttonTextOf, choiceOf, locationOf, mapLink, originalTypeOf, sharedContactsOf, templateNameOf } from './content';
import { formatPhone } from './format';
import { useDesk } from './hooks';
import { MediaContent } from './media';

const pre = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** What a message says, by type (SPEC ATD-2: every type the backend stores). */
export function MessageBody({ message }: { message: Message }) {
  const { t } = useDesk();
  switch (message.type) {
    case 'text':
      return <Typography variant="body2" sx={pre}>{message.text}</Typography>;
    case 'image':
    case 'video':
    case 'sticker':
    case 'audio':
    case 'document':
      return (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          <MediaContent message={message} />
          {message.text && <Typography variant="body2" sx={pre}>{message.text}</Typography>}
        </Box>
      );
    case 'location':
      return <LocationBody message={message} />;
    case 'contacts':
      return <ContactsBody message={message} />;
    case 'interactive': {
      const choice = choiceOf(message);
      if (!choice) return <Typography variant="body2" sx={pre}>{message.text}</Typography>;
      return (
        <Box>
          <Typography variant="caption" color="text.secondary">{t('message.chose')}</Typography>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>{choice.title}</Typography>
          {choice.description && <Typography variant="body2" color="text.secondary">{choice.description}</Typography>}
        </Box>
      );
    }
    case 'button':
      return (
        <Box>
          <Typography variant="caption" color="text.secondary">{t('message.pressed')}</Typography>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>{buttonTextOf(message)}</Typography>
        </Box>
      );
    case 'reaction':
      return <Typography variant="body2">{message.text ? t('message.reacted', { emoji: message.text }) : t('message.reactionRemoved')}</Typography>;
    case 'template': {
      const name = templateNameOf(message);
      return (
        <Box>
          <Typography variant="caption" color="text.secondary">{name ? t('message.templateNamed', { name }) : t('message.template')}</Typography>
          <Typography variant="body2" sx={pre}>{message.text}</Typography>
        </Box>
      );
    }
    case 'unsupported': {
      const kind = originalTypeOf(message);
      return <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>{kind ? t('message.unsupportedKind', { kind }) : t('message.unsupported')}</Typography>;
    }
    case 'system':
      return <Typography variant="body2" sx={pre}>{message.text ?? t('message.type.system')}</Typography>;
  }
}

function LocationBody({ message }: { message: Message }) {
  const api = useDesktop();
  const { t } = useDesk();
  const l = locationOf(message) ?? {};
  const link = mapLink(l);
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
      <PlaceOutlined color="action" />
      <Box>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>{l.name ?? t('message.type.location')}</Typography>
        {l.address && <Typography variant="body2">{l.address}</Typography>}
        {link && (
          <Button size="small" sx={{ px: 0 }} onClick={() => void api.openExternal({ url: link }).catch(() => undefined)}>
            {t('message.openMap')}
          </Button>
        )}
      </Box>
    </Box>
  );
}

function ContactsBody({ message }: { message: Message }) {
  const { t } = useDesk();
  const cards = sharedContactsOf(message);
  if (cards.length === 0) return <Typography variant="body2" color="text.secondary">{t('message.type.contacts')}</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {cards.map((c, i) => {
        const name = c.name?.formatted_name ?? [c.name?.first_name, c.name?.last_name].filter(Boolean).join(' ');
        return (
          <Box key={i} sx={{ display: 'flex', gap: 1, p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            <ContactPhoneOutlined color="action" />
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{name || t('message.contactNoName')}</Typography>
              {c.org?.company && <Typography variant="body2" color="text.secondary">{c.org.company}</Typography>}
              {(c.phones ?? []).map((p, j) => p.phone && <Typography key={`p${j}`} variant="body2">{formatPhone(p.phone)}</Typography>)}
              {(c.emails ?? []).map((e, j) => e.email && <Typography key={`e${j}`} variant="body2">{e.email}</Typography>)}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

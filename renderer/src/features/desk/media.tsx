import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import DescriptionOutlined from '@mui/icons-material/DescriptionOutlined';
import { createContext, useContext, useEffect, useState } from 'react';
import type { DesktopApi } from '../../../../shared/desktop-api';
import type { Message } from '../../../../shared/api/messages';
import { useDesktop } from '../../desktop/context';
import { errorCode } from './errors';
import { useDesk } from './hooks';

/** Signed media links expire after a few minutes: reuse one for less than that. */
const URL_TTL_MS = 60_000;

type Entry = { at: number; url: Promise<string> };

/** Media links of the open conversation, so rows scrolled out and back in do not ask again. */
export class MediaUrls {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly api: DesktopApi) {}

  get(mediaId: string): Promise<string> {
    const now = Date.now();
    const hit = this.entries.get(mediaId);
    if (hit && now - hit.at < URL_TTL_MS) return hit.url;
    const url = this.api.mediaUrl({ mediaId }).then((r) => r.url);
    this.entries.set(mediaId, { at: now, url });
    url.catch(() => this.entries.delete(mediaId));
    return url;
  }
}

export const MediaUrlsContext = createContext<MediaUrls | null>(null);

type UrlState = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'error'; code: string };

function useMediaUrl(mediaId: string): UrlState {
  const api = useDesktop();
  const cache = useContext(MediaUrlsContext);
  const [s, setS] = useState<UrlState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setS({ state: 'loading' });
    (cache ?? new MediaUrls(api)).get(mediaId).then(
      (url) => live && setS({ state: 'ready', url }),
      (err: unknown) => live && setS({ state: 'error', code: errorCode(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, cache, mediaId]);
  return s;
}

/** An image, sticker, audio, video or document, loaded through a short-lived link. */
export function MediaContent({ message }: { message: Message }) {
  const { t } = useDesk();
  const media = message.media;
  if (!media) return <Typography variant="body2" color="text.secondary">{t('message.mediaMissing')}</Typography>;
  return <LoadedMedia message={message} mediaId={media.id} filename={media.filename} />;
}

function LoadedMedia({ message, mediaId, filename }: { message: Message; mediaId: string; filename: string | null }) {
  const { t } = useDesk();
  const s = useMediaUrl(mediaId);
  const caption = message.text ?? undefined;
  const name = filename ?? t(`message.type.${message.type}`);
  if (s.state === 'loading') return <Box sx={{ width: 200, height: message.type === 'audio' || message.type === 'document' ? 40 : 120, bgcolor: 'action.hover', borderRadius: 1 }} aria-busy="true" aria-label={t('message.mediaLoading')} />;
  if (s.state === 'error') {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
        {t(s.code === 'offline' ? 'message.mediaOffline' : 'message.mediaUnavailable', { name })}
      </Typography>
    );
  }
  const url = s.url;
  switch (message.type) {
    case 'image':
      return (
        <Link href={url} target="_blank" rel="noopener noreferrer" aria-label={t('message.openImage')}>
          <Box component="img" src={url} alt={caption ?? t('message.type.image')} loading="lazy" sx={{ display: 'block', maxWidth: 280, maxHeight: 280, borderRadius: 1, objectFit: 'contain' }} />
        </Link>
      );
    case 'sticker':
      return <Box component="img" src={url} alt={t('message.type.sticker')} loading="lazy" sx={{ display: 'block', width: 128, height: 128, objectFit: 'contain' }} />;
    case 'audio':
      return <Box component="audio" controls preload="metadata" src={url} aria-label={t('message.type.audio')} sx={{ width: 260, maxWidth: '100%' }} />;
    case 'video':
      return <Box component="video" controls preload="metadata" src={url} aria-label={t('message.type.video')} sx={{ display: 'block', maxWidth: 320, maxHeight: 280, borderRadius: 1 }} />;
    default:
      return (
        <Link href={url} target="_blank" rel="noopener noreferrer" download={filename ?? true} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          <DescriptionOutlined fontSize="small" />
          {t('message.openDocument', { name })}
        </Link>
      );
  }
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/app-store';
import { durationParts } from './format';

/** The organisation's time zone when /me has not been read yet (SPEC G4 default). */
const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** What most desk components need: translations, the language, the org's time zone, who I am. */
export function useDesk() {
  const { t, i18n } = useTranslation('desk');
  const timeZone = useAppStore((s) => s.desktop?.me?.organization.timeZone ?? DEFAULT_TIME_ZONE);
  const userId = useAppStore((s) => s.desktop?.session?.userId ?? s.desktop?.me?.user.id ?? null);
  return { t, locale: i18n.language || 'pt-BR', timeZone, userId };
}

/** A span as the desk writes it ("5 min", "2 h 10 min"). */
export function useFormatDuration(): (ms: number) => string {
  const { t } = useTranslation('desk');
  return useCallback((ms: number) => {
    const p = durationParts(ms);
    return p.kind === 'lessThanMinute' ? t('duration.lessThanMinute') : t(`duration.${p.kind}`, p);
  }, [t]);
}

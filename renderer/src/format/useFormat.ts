import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../app/app-store';
import { dayKey, formatDateTime, formatDay, formatTime, validTimeZone } from './time';

/** Date and time formatting in the organisation's time zone and the UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const zone = useAppStore((s) => s.desktop?.me?.organization.timeZone);
  const locale = i18n.language || 'pt-BR';
  return useMemo(() => {
    const timeZone = validTimeZone(zone);
    return {
      locale,
      timeZone,
      dateTime: (when: Date | string | number) => formatDateTime(when, locale, timeZone),
      time: (when: Date | string | number) => formatTime(when, locale, timeZone),
      day: (when: Date | string | number) => formatDay(when, locale, timeZone),
      dayKey: (when: Date | string | number) => dayKey(when, timeZone),
    };
  }, [locale, zone]);
}

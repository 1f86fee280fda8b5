import { format, type PortalStrings } from '../i18n/strings.js';

/** How long since `fromIso`, for the queue: "45 s", "3 min", "1 h 05 min". */
export function waitingTime(t: PortalStrings, fromIso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return format(t.time.seconds, { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format(t.time.minutes, { m: minutes });
  return format(t.time.hours, { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** A time of day ("14:05") in the portal's language, or the date too when it is not today. */
export function timeOf(iso: string, language: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(language, sameDay ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date and time ("12 Mar 2025, 14:05") in the portal's language. */
export function dateTimeOf(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

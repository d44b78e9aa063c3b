// The one place a date becomes text: medium dates, short times, in the given locale or the
// browser's. A missing date is the empty string; callers that want a dash say so.
export function formatDate(iso: string | null | undefined, locale?: string): string {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : '';
}

export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  return iso
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
    : '';
}

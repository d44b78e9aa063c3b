// How an email appears to someone other than its owner: on an advocate's dashboard, on a CRM
// card, in a data export's hint. Pure formatting.

/** `bob@example.org` -> `b***@example.org`: enough for the person to recognise whom they invited. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

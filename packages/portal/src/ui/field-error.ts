/**
 * The field a hub validation message is about, and the message without the field's path.
 * The hub names the field first (`body.email: must match format "email"`); the rest of the
 * message may mention other words ("mobile: not a phone number"), so the earliest field wins.
 */
export function fieldError<F extends string>(message: string, fields: readonly F[]): { field: F; text: string } | null {
  let found: { field: F; at: number } | null = null;
  for (const field of fields) {
    const match = new RegExp(`(^|[^A-Za-z])${field}(?![A-Za-z])`).exec(message);
    if (match && (!found || match.index < found.at)) found = { field, at: match.index };
  }
  if (!found) return null;
  const text = message.replace(new RegExp(`^[\\w./]*\\b${found.field}\\s*:\\s*`), '').trim();
  return { field: found.field, text: text || message };
}

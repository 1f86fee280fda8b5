import type { CodedError } from '../api/http.js';
import type { PortalStrings } from './strings.js';

/**
 * The text for an error from the hub: the translation of a code the portal knows, else the hub's
 * own (English) message. Codes whose message carries details (validation_failed, weak_password)
 * are not translated, so the details stay.
 */
export function errorText(t: PortalStrings, error: CodedError): string {
  const known: Readonly<Record<string, string>> = t.errors;
  return Object.prototype.hasOwnProperty.call(known, error.code) ? known[error.code]! : error.message;
}

import type { VisitorProfileFields } from './visitors-repository.js';

/** The profile fields staff may edit. */
export type EditableProfile = Pick<VisitorProfileFields, 'firstName' | 'lastName' | 'email' | 'birthDate' | 'phone' | 'mobile'>;

export interface ProfileProblem {
  field: keyof EditableProfile;
  message: string;
}

// The "email" format of ajv-formats, which the hub's other e-mail fields are checked with.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE_CHARACTERS = /^[0-9 +().-]+$/;
const PHONE_DIGITS = { min: 6, max: 20 };
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Today's date (YYYY-MM-DD) in a time zone: a birth date is "in the future" by the account's calendar. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function birthDateProblem(value: string, today: string): string | null {
  const match = DATE.exec(value);
  if (!match) return 'must be a date written YYYY-MM-DD, such as 1985-04-23';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `${value} is not a date in the calendar`;
  }
  // Both are YYYY-MM-DD, so they compare as strings.
  if (value < EARLIEST_BIRTH_DATE) return `cannot be before ${EARLIEST_BIRTH_DATE}`;
  if (value > today) return 'cannot be in the future';
  return null;
}

function phoneProblem(value: string): string | null {
  if (!PHONE_CHARACTERS.test(value)) return 'may contain only digits, spaces and + ( ) . -';
  const digits = value.replace(/\D/g, '').length;
  if (digits < PHONE_DIGITS.min || digits > PHONE_DIGITS.max) {
    return `must have ${PHONE_DIGITS.min} to ${PHONE_DIGITS.max} digits (it has ${digits})`;
  }
  return null;
}

/**
 * Checks and tidies what staff typed into a visitor's profile. Text is trimmed, and an empty field
 * clears it like null does (forms send "" for an emptied input). Lengths are bounded by the
 * request schema already; this checks what a schema cannot say clearly.
 */
export function checkProfileEdit(
  input: { [K in keyof EditableProfile]?: string | null },
  today: string,
): { fields: EditableProfile; problems: ProfileProblem[] } {
  const fields: EditableProfile = {};
  const problems: ProfileProblem[] = [];
  for (const field of ['firstName', 'lastName', 'email', 'birthDate', 'phone', 'mobile'] as const) {
    const raw = input[field];
    if (raw === undefined) continue;
    const value = raw === null ? null : raw.trim() || null;
    let problem: string | null = null;
    if (value !== null) {
      if (field === 'email' && !EMAIL.test(value)) problem = 'must be an e-mail address such as name@example.com';
      if (field === 'birthDate') problem = birthDateProblem(value, today);
      if (field === 'phone' || field === 'mobile') problem = phoneProblem(value);
    }
    if (problem) problems.push({ field, message: problem });
    else fields[field] = value;
  }
  return { fields, problems };
}

import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../errors/catalogue.js';
import { Email, Language, Name } from '../http/common-schemas.js';
import type { IssuedLink } from '../auth/password-link-service.js';
import { PLANS, type AccountRow, type UserRow } from '../storage/schema.js';

/** Options an account can have; `sdk` allows web chat channels driven by the SDK. */
export const ACCOUNT_OPTIONS = ['sdk'] as const;

export const NewAccountInput = Type.Object(
  {
    name: Name,
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' })),
    plan: Type.Enum(PLANS),
    seatCount: Type.Integer({ minimum: 1, maximum: 100_000 }),
    options: Type.Array(Type.Enum(ACCOUNT_OPTIONS), { default: [] }),
    timezone: Type.String({ minLength: 1 }),
    languages: Type.Array(Language, { default: ['en'] }),
    administrator: Type.Object({ firstName: Name, lastName: Name, email: Email, language: Language }),
  },
  { additionalProperties: false },
);
export type NewAccountInput = Static<typeof NewAccountInput>;

export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'account';
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface AccountProblem {
  /** Dotted path of the field, such as `seatCount` or `administrator.email`. */
  field: string;
  message: string;
}

/** Plain words for the fields checked by a regular expression. */
function patternHint(field: string): string {
  if (/(^|\.)(language|languages(\.\d+)?)$/.test(field)) return 'must be a language tag such as en, fr or nl-BE';
  if (field === 'slug') return 'must be lower-case letters, digits and dashes, such as acme-europe';
  return 'must not be blank';
}

/** The input with defaults filled in, without changing the caller's object. */
function withDefaults(raw: unknown): unknown {
  return Value.Default(NewAccountInput, Value.Clone(raw));
}

/** Problems with the input (before defaults), one per field; empty when it is valid. */
export function newAccountProblems(raw: unknown): AccountProblem[] {
  const input = withDefaults(raw);
  const problems = [...Value.Errors(NewAccountInput, input)]
    // Unknown keys are reported once, on their parent, with the key named.
    .filter((e) => e.keyword !== 'boolean')
    .map((e): AccountProblem => {
      const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '';
      if (e.keyword === 'additionalProperties') {
        const keys = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
        return { field: where || 'account', message: `unknown field(s) ${keys.join(', ')}` };
      }
      if (e.keyword === 'pattern') return { field: where, message: patternHint(where) };
      if (e.keyword === 'enum') {
        const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
        return { field: where, message: `must be one of ${allowed.join(', ')}` };
      }
      return { field: where || 'account', message: e.message };
    });
  const zone = (input as { timezone?: unknown } | null)?.timezone;
  if (typeof zone === 'string' && zone && !isTimeZone(zone)) {
    problems.push({ field: 'timezone', message: `"${zone}" is not an IANA time zone such as Europe/Brussels` });
  }
  return problems;
}

/**
 * Creates an account with its first administrator and mails them a one-time link to choose their
 * password. Used by the operator's command line; the link is returned so it can be printed too.
 */
export async function createAccount(
  app: FastifyInstance,
  raw: unknown,
): Promise<{ account: AccountRow; administrator: UserRow; link: IssuedLink }> {
  const problems = newAccountProblems(raw);
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('\n'), problems);
  }
  const input = withDefaults(raw) as NewAccountInput;
  const account = await app.accounts.create({
    name: input.name.trim(),
    slug: input.slug ?? slugOf(input.name),
    plan: input.plan,
    seatCount: input.seatCount,
    options: [...new Set(input.options)],
    timezone: input.timezone,
    languages: input.languages,
  });
  // All or nothing: an account whose administrator never got a link cannot be used, and would
  // block a second attempt under the same short name.
  try {
    const administrator = await app.users.create(account.id, {
      firstName: input.administrator.firstName.trim(),
      lastName: input.administrator.lastName.trim(),
      email: input.administrator.email,
      role: 'administrator',
      nativeLanguage: input.administrator.language,
    });
    let link: IssuedLink;
    try {
      link = await app.passwordLinks.issue(administrator, 'invite');
    } catch (error) {
      throw new Error(
        `could not e-mail the administrator their set-password link (${(error as Error).message}), so the account was not created: check the mail settings (INTERACT_SMTP_URL) and try again`,
        { cause: error },
      );
    }
    return { account, administrator, link };
  } catch (error) {
    await app.accounts.delete(account.id);
    throw error;
  }
}

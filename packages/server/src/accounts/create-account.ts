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

/** Problems with the input, one line each, naming the field; empty when it is valid. */
export function newAccountProblems(input: unknown): string[] {
  const problems = [...Value.Errors(NewAccountInput, input)].map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'account';
    return `${where}: ${e.message}`;
  });
  const zone = (input as { timezone?: unknown }).timezone;
  if (typeof zone === 'string' && zone && !isTimeZone(zone)) problems.push(`timezone: "${zone}" is not an IANA time zone`);
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
  const problems = newAccountProblems(Value.Default(NewAccountInput, raw));
  if (problems.length > 0) throw new AppError('validation_failed', problems.join('\n'));
  const input = Value.Default(NewAccountInput, raw) as NewAccountInput;
  const account = await app.accounts.create({
    name: input.name.trim(),
    slug: input.slug ?? slugOf(input.name),
    plan: input.plan,
    seatCount: input.seatCount,
    options: [...new Set(input.options)],
    timezone: input.timezone,
    languages: input.languages,
  });
  const administrator = await app.users.create(account.id, {
    firstName: input.administrator.firstName.trim(),
    lastName: input.administrator.lastName.trim(),
    email: input.administrator.email,
    role: 'administrator',
    nativeLanguage: input.administrator.language,
  });
  const link = await app.passwordLinks.issue(administrator, 'invite');
  return { account, administrator, link };
}

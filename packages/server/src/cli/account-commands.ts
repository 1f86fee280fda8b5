import { Command, Option } from 'commander';
import { createAccount, newAccountProblems, slugOf } from '../accounts/create-account.js';
import { AppError } from '../errors/catalogue.js';
import { PLANS } from '../storage/schema.js';
import { configFrom, withHubOptions, type HubFlags } from './hub-options.js';
import { withHub } from './with-hub.js';

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The flag that fills each field of the account input, so problems are told in the operator's words. */
const FLAG_OF: Record<string, string> = {
  name: '--name',
  slug: '--slug',
  plan: '--plan',
  seatCount: '--seats',
  options: '--options',
  timezone: '--timezone',
  languages: '--languages',
  'administrator.firstName': '--admin-first-name',
  'administrator.lastName': '--admin-last-name',
  'administrator.email': '--admin-email',
  'administrator.language': '--admin-language',
};

function flagOf(field: string): string {
  // List items are reported as `languages.1`: name the flag, not the index.
  const base = field.replace(/\.\d+$/, '');
  return FLAG_OF[field] ?? FLAG_OF[base] ?? field;
}

function explain(error: unknown, slug?: string): never {
  if (error instanceof AppError) {
    if (error.code === 'slug_taken') {
      throw new Error(`An account with the short name "${slug}" already exists: choose another one with --slug.`);
    }
    throw new Error(error.message);
  }
  throw error;
}

export function accountCommand(): Command {
  const account = new Command('account').description('create, list and deactivate accounts (the hub’s tenants)');

  withHubOptions(
    account
      .command('create')
      .description('create an account and its first administrator, who gets a one-time link to set a password')
      .requiredOption('--name <name>', 'the account’s display name')
      .addOption(new Option('--plan <plan>', 'plan').choices(PLANS).default('hub'))
      .requiredOption('--seats <count>', 'how many staff users may be active')
      .option('--slug <slug>', 'short unique name (default: from the name)')
      .option('--options <list>', 'comma-separated options, e.g. "sdk"', list, [])
      .option('--timezone <zone>', 'IANA time zone for office hours', 'UTC')
      .option('--languages <list>', 'comma-separated languages the account serves', list, ['en'])
      .requiredOption('--admin-first-name <name>', 'first administrator’s first name')
      .requiredOption('--admin-last-name <name>', 'first administrator’s last name')
      .requiredOption('--admin-email <email>', 'first administrator’s e-mail address')
      .option('--admin-language <lang>', 'first administrator’s native language', 'en'),
  ).action(async (flags: HubFlags & Record<string, string | string[]>) => {
    const seats = String(flags.seats).trim();
    if (!/^\d+$/.test(seats)) throw new Error(`--seats: must be a whole number, got "${seats}"`);
    const input = {
      name: flags.name,
      ...(flags.slug ? { slug: flags.slug } : {}),
      plan: flags.plan,
      seatCount: Number(seats),
      options: flags.options,
      timezone: flags.timezone,
      languages: flags.languages,
      administrator: {
        firstName: flags.adminFirstName,
        lastName: flags.adminLastName,
        email: flags.adminEmail,
        language: flags.adminLanguage,
      },
    };
    // Checked before the data folder is touched, and told flag by flag.
    const problems = newAccountProblems(input);
    if (problems.length > 0) {
      throw new Error(`cannot create the account:\n${problems.map((p) => `  ${flagOf(p.field)}: ${p.message}`).join('\n')}`);
    }
    const config = configFrom(flags);
    const slug = typeof input.slug === 'string' ? input.slug : slugOf(String(input.name));
    const result = await withHub(config, (hub) => createAccount(hub, input)).catch((error: unknown) =>
      explain(error, slug),
    );
    console.log(`Created account "${result.account.name}" (${result.account.slug}, plan ${result.account.plan}, ${result.account.seatCount} seats).`);
    console.log(`Administrator: ${result.administrator.firstName} ${result.administrator.lastName} <${result.administrator.email}>`);
    console.log(`One-time link to set the password (also e-mailed; valid until ${result.link.expiresAt.toISOString()}):`);
    console.log(`  ${result.link.url}`);
  });

  withHubOptions(account.command('list').description('list every account with its plan and seat usage')).action(
    async (flags: HubFlags) => {
      const rows = await withHub(configFrom(flags), (hub) => hub.accounts.list());
      if (rows.length === 0) {
        console.log('No accounts yet: create one with "interact-hub account create --help".');
        return;
      }
      console.table(
        rows.map((a) => ({
          slug: a.slug,
          name: a.name,
          plan: a.plan,
          seats: `${a.activeUsers}/${a.seatCount}`,
          options: a.options.join(',') || '-',
          timezone: a.timezone,
          active: a.active ? 'yes' : 'no',
        })),
      );
    },
  );

  for (const [name, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    withHubOptions(
      account
        .command(`${name} <slug>`)
        .description(
          active ? 'let a deactivated account’s staff sign in again' : 'stop an account: its staff can no longer sign in, open sessions end',
        ),
    ).action(async (slug: string, flags: HubFlags) => {
      await withHub(configFrom(flags), async (hub) => {
        const found = await hub.accounts.findBySlug(slug);
        if (!found) throw new Error(`no account "${slug}" (see "interact-hub account list")`);
        await hub.accounts.setActive(found.id, active);
      });
      console.log(`Account "${slug}" ${active ? 'activated' : 'deactivated'}.`);
    });
  }

  return account;
}

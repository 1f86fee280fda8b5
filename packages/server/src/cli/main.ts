import { Command } from 'commander';
import { databaseFile, migrateDatabase, openDatabase } from '../storage/database.js';
import { startHub } from '../server.js';
import { accountCommand } from './account-commands.js';
import { ensureDemoAccount } from '../demo/demo-account.js';
import { configFrom, withHubOptions, type HubFlags } from './hub-options.js';

function listenOptions(command: Command): Command {
  return withHubOptions(command)
    .option('--host <host>', 'interface to listen on (env INTERACT_HOST, default 127.0.0.1)')
    .option('-p, --port <port>', 'port to listen on (env INTERACT_PORT, default 8080)')
    .option('--public-url <url>', 'address people use to reach the hub (env INTERACT_PUBLIC_URL)');
}

export function program(): Command {
  const cli = new Command('interact-hub')
    .description('The #Interact hub: website chat for your visitors, a portal for your staff.')
    .showHelpAfterError()
    .configureHelp({ showGlobalOptions: true });

  listenOptions(cli.command('start').description('apply migrations and start the hub')).action(async (flags: HubFlags) => {
    await startHub(configFrom(flags));
  });

  listenOptions(
    cli.command('demo').description('start the hub with a demo account (creates it on first run) and print its sign-in'),
  ).action(async (flags: HubFlags) => {
    const hub = await startHub(configFrom(flags), { demo: true });
    const demo = await ensureDemoAccount(hub);
    const lines = [
      '',
      '  #Interact hub is running',
      `  Example site with the chat:  ${demo.siteUrl}`,
      `  Portal:    ${demo.portalUrl}`,
      `  Sign in:   ${demo.email}`,
      `  Password:  ${demo.password}`,
      `  Channel key (for the snippet and examples/vite-app):  ${demo.channelKey}`,
      `  API docs:  ${hub.config.publicUrl}/api/docs`,
      `  Data:      ${hub.config.dataDir}`,
      '  Stop with Ctrl+C.',
      '',
    ];
    console.log(lines.join('\n'));
  });

  withHubOptions(cli.command('migrate').description('apply pending database migrations and exit')).action(
    async (flags: HubFlags) => {
      const config = configFrom(flags);
      const database = openDatabase(databaseFile(config.dataDir));
      try {
        migrateDatabase(database);
      } finally {
        database.close();
      }
      console.log(`Database ${databaseFile(config.dataDir)} is up to date.`);
    },
  );

  cli.addCommand(accountCommand());
  return cli;
}

export async function main(argv: string[]): Promise<void> {
  await program().parseAsync(argv);
}

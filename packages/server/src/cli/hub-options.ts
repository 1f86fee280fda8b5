import type { Command } from 'commander';
import { configFileInDataDir, loadConfig, type Config, type ConfigInput } from '../config/config.js';

export interface HubFlags {
  config?: string;
  dataDir?: string;
  host?: string;
  port?: string;
  publicUrl?: string;
}

/** Flags shared by every command that opens the hub's data; they win over the environment. */
export function withHubOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'JSON config file (default: interact.config.json in the data folder, if any)')
    .option('-d, --data-dir <dir>', 'data folder: database, secrets, mail outbox (env INTERACT_DATA_DIR, default ./data)');
}

export function configFrom(flags: HubFlags, extra: ConfigInput = {}): Config {
  const overrides: ConfigInput = { ...extra };
  if (flags.dataDir) overrides.dataDir = flags.dataDir;
  if (flags.host) overrides.host = flags.host;
  if (flags.port !== undefined) {
    if (!/^\d+$/.test(flags.port)) throw new Error(`--port must be a whole number, got "${flags.port}"`);
    overrides.port = Number(flags.port);
  }
  if (flags.publicUrl) overrides.publicUrl = flags.publicUrl;
  const first = loadConfig({ overrides, ...(flags.config ? { file: flags.config } : {}) });
  if (flags.config || process.env.INTERACT_CONFIG) return first;
  const inDataDir = configFileInDataDir(first.dataDir);
  return inDataDir ? loadConfig({ overrides, file: inDataDir }) : first;
}

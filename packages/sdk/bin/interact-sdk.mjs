#!/usr/bin/env node
// npx @interact/sdk snippet --hub https://chat.example.com --channel wc_… [--csp] [--locale fr] [--position bottom-left]
// Prints the copy-paste HTML for a site, with the Subresource Integrity hash of the bundle the hub serves.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateSnippet } from '../dist/snippet/snippet.js';

const HELP = `Usage: interact-sdk snippet --hub <url> --channel <key> [options]

Prints the HTML to paste into a site's pages to add the #Interact chat.

Options:
  --hub <url>          the hub's address, e.g. https://chat.example.com
  --channel <key>      the channel's public key (portal: Channels)
  --csp                no inline script: configure by data-* attributes (for strict Content-Security-Policy)
  --locale <tag>       force a language (default: the page's)
  --position <corner>  bottom-right (default) or bottom-left
  --no-integrity       do not ask the hub for the bundle's integrity hash
  -h, --help           show this help`;

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      hub: { type: 'string' },
      channel: { type: 'string' },
      csp: { type: 'boolean', default: false },
      locale: { type: 'string' },
      position: { type: 'string' },
      'no-integrity': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals[0] !== 'snippet') {
    console.log(HELP);
    return values.help ? 0 : 1;
  }
  if (!values.hub || !values.channel) throw new Error('--hub and --channel are required (see --help)');
  const hubUrl = new URL(values.hub).origin;
  let scriptUrl;
  let integrity;
  if (!values['no-integrity']) {
    const response = await fetch(`${hubUrl}/sdk/manifest.json`);
    if (!response.ok) throw new Error(`the hub answered ${response.status} for /sdk/manifest.json`);
    const manifest = await response.json();
    scriptUrl = new URL(manifest.path, hubUrl).toString();
    // Hash what is actually served, not what the manifest claims.
    const bundle = await fetch(scriptUrl);
    if (!bundle.ok) throw new Error(`the hub answered ${bundle.status} for ${scriptUrl}`);
    integrity = `sha384-${createHash('sha384').update(Buffer.from(await bundle.arrayBuffer())).digest('base64')}`;
  }
  process.stdout.write(
    generateSnippet({
      hubUrl,
      channelKey: values.channel,
      variant: values.csp ? 'csp' : 'stub',
      ...(scriptUrl ? { scriptUrl } : {}),
      ...(integrity ? { integrity } : {}),
      ...(values.locale ? { locale: values.locale } : {}),
      ...(values.position ? { position: values.position } : {}),
    }),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`interact-sdk: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The built script-tag bundle (widget + SDK) with what the snippet needs to pin it. */
export interface WidgetBundle {
  version: string;
  code: Buffer;
  /** Subresource Integrity value: "sha384-…". */
  integrity: string;
}

/**
 * Reads `@interact/widget`'s built bundle. Returns null when it has not been built, so the hub still
 * starts (the API and portal work) and the bundle routes explain what is missing.
 */
export function loadWidgetBundle(): WidgetBundle | null {
  try {
    const require = createRequire(import.meta.url);
    const packageFile = require.resolve('@interact/widget/package.json');
    const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
    const code = readFileSync(path.join(path.dirname(packageFile), 'dist', 'interact.js'));
    return { version, code, integrity: `sha384-${createHash('sha384').update(code).digest('base64')}` };
  } catch {
    return null;
  }
}

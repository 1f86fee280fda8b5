// A rollup plugin that finishes the portal's dist/: the page stylesheet as a hashed asset and
// index.html pointing at the hashed entry and stylesheet. The hub serves dist/ at /portal/ under
// a CSP of script-src 'self' and style-src 'self', so the page has no inline script or style.
import { readFileSync, rmSync } from 'node:fs';

const escape = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * @param {{ css: string, base: string, title: string, outDir: string }} options
 *   css: the page stylesheet's path; base: where dist/ is served (with a trailing slash).
 */
export function portalHtml({ css, base, title, outDir }) {
  let cssRef;
  return {
    name: 'portal-html',
    buildStart() {
      // Old hashed files would pile up in dist/ and be served for ever.
      rmSync(outDir, { recursive: true, force: true });
      this.addWatchFile(css);
      cssRef = this.emitFile({ type: 'asset', name: 'portal.css', source: readFileSync(css) });
    },
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (!entry) this.error('portal-html: no entry chunk');
      const stylesheet = this.getFileName(cssRef);
      const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <meta name="referrer" content="same-origin" />
    <title>${escape(title)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${escape(base + stylesheet)}" />
    <script type="module" src="${escape(base + entry.fileName)}"></script>
  </head>
  <body>
    <portal-app></portal-app>
    <noscript>${escape(title)} needs JavaScript.</noscript>
  </body>
</html>
`;
      this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
    },
  };
}

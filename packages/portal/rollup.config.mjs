// The portal's build: one ES module bundle of the app, Lit and the SDK's staff client, plus the
// page stylesheet and index.html, all in dist/ (served by the hub at /portal/). rollup-plugin-esbuild
// strips types and minifies (TypeScript 7 has no JS API, so @rollup/plugin-typescript cannot be
// used); `tsc -b` before it only type-checks.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { portalHtml } from './scripts/portal-html.mjs';

export default {
  input: 'src/main.ts',
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: 'assets/portal-[hash].js',
    chunkFileNames: 'assets/[name]-[hash].js',
    assetFileNames: 'assets/[name]-[hash][extname]',
  },
  plugins: [
    // `browser` picks browser builds; Lit's dev mode is behind the "development" condition, not set here.
    nodeResolve({ browser: true }),
    esbuild({
      target: 'es2022',
      minify: true,
      // Lit decorators: legacy kind, no define-semantics fields (read from tsconfig.json).
      tsconfig: 'tsconfig.json',
      legalComments: 'none',
    }),
    portalHtml({ css: 'src/page.css', base: '/portal/', title: '#Interact', outDir: 'dist' }),
  ],
};

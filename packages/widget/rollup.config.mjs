// The script-tag bundle: widget + Lit + the SDK client in one minified IIFE, dist/interact.js.
// rollup-plugin-esbuild strips types and minifies (TypeScript 7 has no JS API, so
// @rollup/plugin-typescript cannot be used); the ESM build with .d.ts files comes from `tsc -b`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/bundle.ts',
  output: {
    file: 'dist/interact.js',
    format: 'iife',
    sourcemap: true,
  },
  plugins: [
    // `browser` picks browser builds; Lit's dev mode is behind the "development" condition, not set here.
    nodeResolve({ browser: true }),
    esbuild({
      // Private class fields and the rest of ES2022 are in every browser the widget supports.
      target: 'es2022',
      minify: true,
      // Lit decorators: legacy kind, no define-semantics fields (read from tsconfig.json too).
      tsconfig: 'tsconfig.json',
      legalComments: 'none',
    }),
  ],
};

// Bundles the process entry points (web, worker) with esbuild after `remix build`; packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: { web: 'app/bin/web.ts', worker: 'app/bin/worker.ts', migrate: 'app/bin/migrate.ts' },
  outdir: 'build/server',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

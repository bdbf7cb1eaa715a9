// Bundles the process entry points (web, worker, migrate) with esbuild after `remix build`. Our own code (the
// ~/, #db/ and #emails/ aliases from tsconfig) is bundled; npm packages stay external.
import { build } from 'esbuild';

const ownCode = /^(~\/|#db\/|#emails\/|\.{1,2}\/|\/)/;
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      ownCode.test(args.path) || args.kind === 'entry-point' ? undefined : { external: true },
    );
  },
};

await build({
  entryPoints: { web: 'app/bin/web.ts', worker: 'app/bin/worker.ts', migrate: 'app/bin/migrate.ts' },
  outdir: 'build/server',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  plugins: [externalPackages],
  sourcemap: true,
  jsx: 'automatic',
  logLevel: 'warning',
});

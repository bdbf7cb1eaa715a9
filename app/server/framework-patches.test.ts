import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AgnosticRouteObject } from '@remix-run/router';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const REACT_DOM_SERVER = path.join(
  path.dirname(require.resolve('react-dom/package.json')),
  'cjs/react-dom-server.node.production.min.js',
);
/** Resolves a file inside a package, including those its "exports" do not list. */
const resolveFile = (file: string) =>
  file.startsWith('react-dom/') ? REACT_DOM_SERVER : require.resolve(file);

/**
 * patches/ (applied by patch-package on install) take per-request work out of the server render; see each
 * patch's comment. These checks fail if an install skipped them or an upgrade made them stale.
 */
describe('framework patches', () => {
  it.each([
    ['@remix-run/router/dist/router.cjs.js', 'Patched (patches/@remix-run+router)'],
    ['react-router-dom/server.js', 'Patched (patches/react-router-dom)'],
    ['@remix-run/react/dist/server.js', 'Patched (patches/@remix-run+react)'],
    ['react-dom/cjs/react-dom-server.node.production.min.js', 'Patched (patches/react-dom)'],
  ])('%s is patched', (file, marker) => {
    expect(readFileSync(resolveFile(file), 'utf8')).toContain(marker);
  });

  // Not a speed patch: postgres.js 3.4.9 crashes the process when PostgreSQL restarts under a busy pool (the soak
  // found it; upstream porsager/postgres#1154, #1208). Both builds of the driver carry the guard.
  it.each(['cjs/src/connection.js', 'src/connection.js'])('postgres %s is patched', (file) => {
    const root = path.resolve(path.dirname(require.resolve('postgres')), '../..');
    expect(readFileSync(path.join(root, file), 'utf8')).toContain('Acquit patch (porsager/postgres#1154');
  });

  it('the patched production renderer writes the same HTML, in a few large writes', async () => {
    const server = require(REACT_DOM_SERVER) as typeof import('react-dom/server');
    const rows = Array.from({ length: 200 }, (_, i) =>
      createElement('li', { key: i, className: `row "${i}" <é>` }, `ligne ${i} — 1 234,50 €`),
    );
    const tree = createElement('ul', { className: 'list' }, rows);
    const writes: Buffer[] = [];
    const html = await new Promise<string>((resolve, reject) => {
      const { pipe } = server.renderToPipeableStream(tree, {
        onAllReady() {
          pipe(
            new Writable({
              write(chunk: Buffer, _encoding, callback) {
                writes.push(chunk);
                callback();
              },
              final(callback) {
                resolve(Buffer.concat(writes).toString('utf8'));
                callback();
              },
            }),
          );
        },
        onError: reject,
      });
    });
    expect(html).toBe(renderToString(tree));
    expect(html).toContain('class="row &quot;7&quot; &lt;é&gt;"');
    expect(writes.length).toBeLessThan(5);
  });

  it("the router's first-segment index matches every pathname as trying all branches does", async () => {
    // The app's own route table, nested as Remix nests it.
    type Manifest = Record<
      string,
      { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
    >;
    const build = (await import(path.resolve('build/index.js'))) as { routes: Manifest };
    const nest = (parentId?: string): AgnosticRouteObject[] =>
      Object.values(build.routes)
        .filter((r) => r.parentId === parentId)
        .map(({ id, path: p, index, caseSensitive }) => {
          if (index) return { id, path: p, index: true, caseSensitive };
          const children = nest(id);
          return { id, path: p, caseSensitive, ...(children.length ? { children } : {}) };
        });
    const tree = nest(undefined);
    expect(JSON.stringify(tree).match(/"id"/g)!.length).toBeGreaterThan(50);
    // The server build (patched, CommonJS) against the browser build of the same version (unpatched).
    const patched = require('@remix-run/router') as typeof import('@remix-run/router');
    // (dist/router.js is the whole package's ESM build; its own .d.ts declares only the router part.)
    const reference = (await import('@remix-run/router/dist/router.js')) as unknown as typeof patched;
    const words = [
      ...new Set(
        Object.values(build.routes).flatMap((r) =>
          (r.path ?? '').split('/').filter((w) => w && !w.startsWith(':')),
        ),
      ),
    ];
    const segment = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).map((w) => w.toUpperCase()),
      fc.constantFrom('', 'x', 'ı', '\u212Aadmin', 'adm%69n', 'a.b', 'é', '..', '-'),
      // (Malformed percent-encoding never gets this far: the server answers it 400, see http.server.ts.)
      fc.string({ maxLength: 12 }).filter((w) => !/[/%]/.test(w)),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), // a link token
    );
    const pathname = fc
      .tuple(fc.array(segment, { maxLength: 5 }), fc.constantFrom('/', '//', '/'), fc.boolean())
      .map(([segments, lead, trailing]) => lead + segments.join('/') + (trailing ? '/' : ''));
    const summary = (matches: ReturnType<typeof reference.matchRoutes>) =>
      matches?.map((m) => [m.route.id, m.pathname, m.params]) ?? null;
    fc.assert(
      fc.property(pathname, (p) => {
        expect(summary(patched.matchRoutes(tree, p))).toEqual(summary(reference.matchRoutes(tree, p)));
      }),
      { numRuns: 3000 },
    );
    for (const p of ['/i/abc', '/admin/invoices/1', '/ADMIN', '/status', '/', '/s/x/pdf', '/nowhere']) {
      expect(summary(patched.matchRoutes(tree, p))).toEqual(summary(reference.matchRoutes(tree, p)));
    }
  });
});

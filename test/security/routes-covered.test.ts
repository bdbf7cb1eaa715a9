import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ENDPOINTS, EXCLUDED } from './endpoints';

const routeFiles = readdirSync('app/routes').filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

describe('the security table covers every route', () => {
  test('each route file has an entry (or a stated reason to have none)', () => {
    const covered = new Set([...ENDPOINTS.map((e) => e.route), ...Object.keys(EXCLUDED)]);
    expect(routeFiles.filter((f) => !covered.has(f))).toEqual([]);
  });

  test('every entry names a route file that exists', () => {
    const missing = [...ENDPOINTS.map((e) => e.route), ...Object.keys(EXCLUDED)].filter(
      (f) => !routeFiles.includes(f),
    );
    expect(missing).toEqual([]);
  });

  test('each route that exports an action has a POST entry, each loader a GET entry', async () => {
    const { readFile } = await import('node:fs/promises');
    const gaps: string[] = [];
    for (const file of routeFiles) {
      if (EXCLUDED[file]) continue;
      const source = await readFile(`app/routes/${file}`, 'utf8');
      for (const [fn, method] of [
        ['action', 'POST'],
        ['loader', 'GET'],
      ] as const) {
        const exported = new RegExp(`export (async )?(function|const) ${fn}\\b`).test(source);
        if (exported && !ENDPOINTS.some((e) => e.route === file && e.method === method))
          gaps.push(`${method} ${file}`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: 'Acquit — status' }];

/** A fixed page for uptime checks: it renders without touching the database (and is the bench's baseline). */
export default function Status() {
  return (
    <main className="mx-auto max-w-lg px-6 py-16">
      <h1 className="text-xl font-semibold text-slate-900">Acquit</h1>
      <p className="mt-2 text-slate-700">The web server is running.</p>
    </main>
  );
}

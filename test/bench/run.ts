/**
 * `npm run bench`: the production build on real Postgres with the demo data, loaded with autocannon. Prints one
 * line per figure with its budget, then the tally. Exits 0 either way: it measures, it does not gate.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../setup/ports';
import { formatFigure, tally, type Figure } from './budget';
import { pageAssetSizes } from './assets';
import { load } from './load';
import { startBenchApp, startProcess } from './setup';
import { benchReports } from './reports';
import { benchSweep } from './sweep';
import { createOpenInvoices, ledgerCheck, postStorm, stormEvents, waitForApplied } from './webhooks';
import postgres from 'postgres';

async function main() {
  const log = (line: string) => console.error(`[bench] ${line}`);
  const app = await startBenchApp(log, [], { worker: true });
  const { cluster, appUrl } = app;
  const children: ChildProcess[] = [];
  const link = { url: app.debtorUrl };
  try {
    const debtorHtml = await (await fetch(link.url)).text();
    if (!debtorHtml.includes('<table')) throw new Error('the debtor page did not render');
    const htmlFile = path.join(tmpdir(), `acquit-bench-${process.pid}.html`);
    writeFileSync(htmlFile, debtorHtml);
    const barePort = await freePort();
    children.push(
      await startProcess(
        process.execPath,
        ['--import', 'tsx', 'test/bench/bare-server.ts', htmlFile, String(barePort)],
        process.env,
        /ready/,
      ),
    );

    log('loading: debtor page, minimal route, bare node:http (32 connections, 8 s each)');
    const debtor = await load(link.url);
    const minimal = await load(`${appUrl}/status`);
    const bare = await load(`http://127.0.0.1:${barePort}/`);
    const assets = await pageAssetSizes(appUrl, debtorHtml);

    log('webhook storm: 2,000 payments, 30% duplicates, shuffled, 32 at a time');
    const sql = postgres(cluster.url, { max: 2, onnotice: () => {} });
    const plans = await createOpenInvoices(sql, 2000);
    const storm = stormEvents(plans);
    const ingest = await postStorm(`${appUrl}/webhooks/stripe`, storm.events);
    // The webhook stores each event and answers; the worker applies them. The ledger is checked once it is done.
    const drainSeconds = await waitForApplied(sql);
    const ledger = await ledgerCheck(sql, plans);
    await sql.end();
    const mismatches =
      Math.abs(ledger.payments - plans.length) +
      (plans.length - ledger.paid) +
      Math.abs(ledger.paid_events - plans.length) +
      Math.abs(ledger.receipts - plans.length) +
      (ledger.succeeded_sum === ledger.expected_sum ? 0 : 1);

    log('dunning sweep: 10,000 and 100,000 open invoices, in scratch databases');
    const sweep = await benchSweep(cluster.adminUrl, log);

    log('reports: aging report and dashboard over 100,000 and 1,000,000 invoices, in scratch databases');
    const reports = await benchReports(cluster.adminUrl, log);

    const figures: Figure[] = [
      { name: 'debtor page requests/s', value: debtor.rps, unit: 'req/s' },
      { name: 'debtor page p99', value: debtor.p99, unit: 'ms', budget: { op: '<=', value: 100 } },
      { name: 'minimal route requests/s', value: minimal.rps, unit: 'req/s' },
      { name: 'minimal route p99', value: minimal.p99, unit: 'ms' },
      { name: 'bare node:http requests/s', value: bare.rps, unit: 'req/s' },
      { name: 'bare node:http p99', value: bare.p99, unit: 'ms' },
      {
        name: 'debtor page / minimal route',
        value: Math.round((debtor.rps / minimal.rps) * 1000) / 10,
        unit: '%',
        budget: { op: '>=', value: 60 },
      },
      {
        name: 'debtor page / bare node:http',
        value: Math.round((debtor.rps / bare.rps) * 1000) / 10,
        unit: '%',
      },
      {
        name: 'debtor page errors and non-2xx',
        value: debtor.errors + debtor.non2xx,
        unit: 'responses',
        budget: { op: '<=', value: 0 },
      },
      {
        name: 'debtor page JavaScript',
        value: Math.round(assets.jsGzip / 102.4) / 10,
        unit: 'KB gzip',
        budget: { op: '<=', value: 100 },
      },
      {
        name: 'debtor page CSS',
        value: Math.round(assets.cssGzip / 102.4) / 10,
        unit: 'KB gzip',
        budget: { op: '<=', value: 15 },
      },
      {
        name: 'webhook ingestion',
        value: ingest.eventsPerSecond,
        unit: 'events/s',
        budget: { op: '>=', value: 500 },
      },
      {
        name: 'webhook storm applied by the worker',
        value: Math.round(storm.unique / (ingest.seconds + drainSeconds)),
        unit: 'unique events/s (storm start to last applied)',
      },
      {
        name: `webhook storm (${storm.events.length} events, ${storm.unique} unique) failed deliveries`,
        value: ingest.failures,
        unit: 'events',
        budget: { op: '<=', value: 0 },
      },
      {
        name: 'webhook storm ledger mismatches',
        value: mismatches,
        unit: 'differences',
        budget: { op: '<=', value: 0 },
      },
      ...sweep.figures,
      ...reports.figures,
    ];
    for (const f of figures) console.log(formatFigure(f));
    const { within, over } = tally(figures);
    console.log(`${within} within budget, ${over} over`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

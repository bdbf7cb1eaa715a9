import { describe, expect, it } from 'vitest';
import { isConnectionLoss, retryWhileDatabaseDown } from './connection-loss.server';

const lost = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), {
  code: 'CONNECTION_CLOSED',
});
const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
  code: '57P01',
});

describe('isConnectionLoss', () => {
  it('knows the driver’s and the server’s ways of saying the connection went away, wrapped or not', () => {
    expect(isConnectionLoss(lost)).toBe(true);
    expect(isConnectionLoss(shutdown)).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('starting up'), { code: '57P03' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('bad conn'), { code: '08006' }))).toBe(true);
    expect(isConnectionLoss(new Error('Failed query: select 1', { cause: lost }))).toBe(true);
  });

  it('does not mistake a bad query or a constraint for an outage', () => {
    expect(isConnectionLoss(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
    expect(isConnectionLoss(new Error('plain'))).toBe(false);
    expect(isConnectionLoss('CONNECTION_CLOSED')).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});

describe('retryWhileDatabaseDown', () => {
  it('runs again after a lost connection (thrown or reported) until it works', async () => {
    let calls = 0;
    const outcome = await retryWhileDatabaseDown(
      async () => {
        calls++;
        if (calls === 1) throw lost;
        return calls === 2 ? 500 : 200;
      },
      (status) => status === 500,
    );
    expect(outcome).toEqual({ result: 200, retries: 2 });
  });

  it('gives up with an outage once the wait is over, and never retries other errors', async () => {
    const outcome = await retryWhileDatabaseDown(
      () => Promise.reject(shutdown),
      () => false,
      { waitMs: 250 },
    );
    expect(outcome).toMatchObject({ outage: true });
    let calls = 0;
    const other = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(
      retryWhileDatabaseDown(
        () => (calls++, Promise.reject(other)),
        () => false,
      ),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });

  it('stops waiting when the client has gone', async () => {
    const outcome = await retryWhileDatabaseDown(
      () => Promise.reject(lost),
      () => false,
      { gaveUp: () => true },
    );
    expect(outcome).toEqual({ outage: true, retries: 0 });
  });
});

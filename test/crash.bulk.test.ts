import http from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/client.js';
import type { DatabaseTarget } from '../src/db/target.js';
import { MERCHANT_KEY, testDatabase } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { spawnService } from './support/service.js';

const ORDERS = 1000;
const ITEMS_PER_ORDER = 3;

/**
 * A probe that answers whether a write transaction is open in the database right now, having
 * written something: SQLite refuses a second writer (BEGIN IMMEDIATE is busy), PostgreSQL shows
 * a session holding a transaction id.
 */
async function writeTransactionProbe(target: DatabaseTarget) {
  if (target.provider === 'sqlite') {
    const db = new Database(target.url.slice('file:'.length), { timeout: 0 });
    return {
      open: async () => {
        try {
          db.exec('BEGIN IMMEDIATE');
          db.exec('ROLLBACK');
          return false;
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
          throw error;
        }
      },
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return {
    open: async () => {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
      );
      return rows[0]!.n > 0;
    },
    close: () => client.end(),
  };
}

function putOrders(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'PUT',
        path: '/api/orders',
        headers: { Authorization: MERCHANT_KEY, 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

describe('Crash safety of a bulk upsert', () => {
  it('When the process is SIGKILLed mid-transaction, then after a restart the batch is all there or not at all', async () => {
    const database = await testDatabase();
    const service = await spawnService({ DATABASE_URL: database.target.url });
    const orders = Array.from({ length: ORDERS }, (_, i) =>
      buildOrder({
        line_items: Array.from({ length: ITEMS_PER_ORDER }, (_, j) => ({
          product_id: i * 10 + j,
          quantity: 1,
          price: '9.99',
        })),
      }),
    );
    const body = JSON.stringify({ orders });
    const probe = await writeTransactionProbe(database.target);

    const push = putOrders(service.port, body).then(
      (status) => `answered ${status}`,
      (error: { code?: string }) => error.code,
    );
    let caughtOpen = false;
    const deadline = Date.now() + 60_000;
    try {
      while (!caughtOpen && Date.now() < deadline) {
        caughtOpen = await probe.open();
        if (!caughtOpen) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      service.child.kill('SIGKILL');
    } finally {
      await probe.close();
    }
    const killed = await service.exited;
    const client = await push;

    const restarted = await spawnService({ DATABASE_URL: database.target.url });
    const base = `http://127.0.0.1:${restarted.port}`;
    const count = await request(base).get('/api/orders?count=true').set('Authorization', MERCHANT_KEY);
    const db = await openDb(database.target);
    let lineItems: number;
    try {
      lineItems = await db.read.lineItem.count();
    } finally {
      await db.close();
    }
    const again = await putOrders(restarted.port, body);

    expect(caughtOpen).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    expect(client).toMatch(/^(ECONNRESET|answered 200)$/);
    expect([0, ORDERS]).toContain(count.body.count);
    expect(lineItems).toBe(count.body.count * ITEMS_PER_ORDER);
    expect(again).toBe(200);
  }, 120_000);
});

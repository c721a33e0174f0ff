import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../runtime/data/pin-hash.ts';
import { MemoryLogger } from '../../runtime/logger.ts';
import { openDatabase, redactUrl } from '../../runtime/store/database.ts';
import {
  decodePinHash,
  encodePinHash,
  encodePinHashAsync,
  verifyPinHash,
} from '../../runtime/store/pin-hash-text.ts';
import { getTenant, upsertTenant } from '../../runtime/store/queries/tenants-users.ts';
import { backoffMs, isConnectionError } from '../../runtime/store/retry.ts';
import { StoreError } from '../../runtime/store/store-error.ts';
import { pgliteSnapshot } from './db-fixture.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('retry policy', () => {
  it('doubles the wait up to the ceiling', () => {
    const policy = { attempts: 10, initialMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(policy, n))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('retries lost connections, not wrong statements, also when drizzle wraps them', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const killed = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
    expect(isConnectionError(refused)).toBe(true);
    expect(isConnectionError(killed)).toBe(true);
    expect(
      isConnectionError(
        new Error('Failed query: begin', { cause: new Error('Connection terminated unexpectedly') }),
      ),
    ).toBe(true);
    expect(isConnectionError(syntax)).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
  });
});

describe('database URLs in logs', () => {
  it('hides the password and leaves socket URLs readable', () => {
    expect(redactUrl('postgres://app:s3cret@db.internal:5432/callflow')).toBe(
      'postgres://app:***@db.internal:5432/callflow',
    );
    expect(redactUrl('postgres://postgres@/callflow_test?host=/var/run/postgresql')).toBe(
      'postgres://postgres@/callflow_test?host=/var/run/postgresql',
    );
  });
});

describe('PIN hash text', () => {
  it('keeps the cost with the hash and verifies only the right PIN', async () => {
    const text = encodePinHash('1111', CHEAP);
    expect(text).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(text).not.toContain('1111');
    expect(await verifyPinHash('1111', text)).toBe(true);
    expect(await verifyPinHash('1112', text)).toBe(false);
  });

  it('hashes off the event loop for imports, to the same format', async () => {
    const text = await encodePinHashAsync('1111', CHEAP);
    expect(decodePinHash(text)?.cost).toEqual(CHEAP);
    expect(text).not.toBe(await encodePinHashAsync('1111', CHEAP)); // a fresh salt each time
    expect(await verifyPinHash('1111', text)).toBe(true);
    expect(await verifyPinHash('0000', text)).toBe(false);
  });

  it('reads the runtime helper’s salt and hash back unchanged', () => {
    const { salt, hash } = hashPin('4321', CHEAP);
    expect(decodePinHash(['scrypt', 1024, 8, 1, salt, hash].join('$'))).toEqual({
      stored: { salt, hash },
      cost: CHEAP,
    });
  });

  it('refuses a hash it cannot read instead of throwing', async () => {
    expect(decodePinHash('1111')).toBeNull();
    expect(decodePinHash('scrypt$x$8$1$a$b')).toBeNull();
    expect(await verifyPinHash('1111', 'plain 1111')).toBe(false);
  });
});

describe('openDatabase', () => {
  it('retries an unreachable PostgreSQL with backoff, reports each attempt, then fails with a StoreError', async () => {
    const logger = new MemoryLogger();
    const url = `postgres://app:hidden@127.0.0.1:${await closedPort()}/callflow`;
    const error = await openDatabase({ url, logger, retry: { attempts: 3, initialMs: 10, maxMs: 20 } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('unavailable');
    expect(error.messageRu).toContain('Нет связи с базой данных');
    const retries = logger.lines.map((l) => JSON.parse(l)).filter((l) => l.message.includes('retrying'));
    expect(retries.map((l) => l.delayMs)).toEqual([10, 20]);
    expect(logger.lines.join('\n')).not.toContain('hidden');
  });

  it('keeps an embedded database in its data directory across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callflow-store-'));
    try {
      const dataDir = join(dir, 'nested', 'pglite');
      // From the migrated snapshot: initdb into a directory costs ~10 s here.
      const first = await openDatabase({
        dataDir,
        loadDataDir: await pgliteSnapshot(),
        logger: new MemoryLogger(),
      });
      expect(first.kind).toBe('pglite');
      await upsertTenant(first.db, { id: 'abc-internet', name: 'ABC Internet' });
      await first.close();
      const second = await openDatabase({ dataDir, logger: new MemoryLogger() });
      expect((await getTenant(second.db, 'abc-internet'))?.name).toBe('ABC Internet');
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The backup file: its body packs any records with typed arrays and back; it is compressed,
// and encrypted with a passphrase (AES-256-GCM, PBKDF2-SHA-256 600,000 iterations); a wrong
// passphrase, a flipped byte, a newer version or bytes that are no backup at all each get
// their own answer, never garbage. An older schema is upgraded on the way in.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  BackupProblem, BACKUP_VERSION, CURRENT_SCHEMA, packBody, PBKDF2_ITERATIONS, readBackup, readBackupHeader, unpackBody, upgradeStores, writeBackup, type BackupBody,
} from '../../src/storage/backup';
import { encodeCustomers } from '../../src/domain/columns';
import { unpackShard } from '../../src/storage/packing';
import type { StoredShard } from '../../src/storage/schema';

const typedArray = fc.oneof(
  fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 20 }).map((a) => new Int32Array(a)),
  fc.array(fc.double(), { maxLength: 20 }).map((a) => new Float64Array(a)),
  fc.array(fc.nat(255), { maxLength: 21 }).map((a) => new Uint8Array(a)),
  fc.array(fc.nat(65535), { maxLength: 7 }).map((a) => new Uint16Array(a)),
  fc.array(fc.nat(), { maxLength: 9 }).map((a) => new Uint32Array(a)),
  fc.array(fc.float({ noNaN: true }), { maxLength: 9 }).map((a) => new Float32Array(a)),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), typedArray, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 4 })),
})).v;
const body = fc.record({
  schema: fc.constant(CURRENT_SCHEMA),
  info: fc.record({ name: fc.string() }),
  stores: fc.dictionary(fc.constantFrom('shards', 'batches', 'meta', 'history', 'alerts'), fc.array(fc.dictionary(fc.string({ maxLength: 5 }), value, { maxKeys: 5 }), { maxLength: 4 })),
}) as fc.Arbitrary<BackupBody>;

async function problemOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (err) {
    if (err instanceof BackupProblem) return err.code;
    throw err;
  }
}

describe('backup body', () => {
  test('any records with typed arrays pack and unpack to the same records', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(unpackBody(packBody(b))).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  test('a backup file round-trips, compressed, and its header is readable on its own', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const file = await writeBackup(b, { id: 'w1', name: 'Book', customers: 1, events: 2 });
        const { header, body: back } = await readBackup(file);
        expect(back).toEqual(b);
        expect(header).toMatchObject({ format: 'custos-backup', version: BACKUP_VERSION, encryption: null, workspace: { name: 'Book' } });
      }),
      { numRuns: 100 },
    );
  });

  test('arbitrary bytes are refused as not a backup or damaged, never read as one', async () => {
    const real = new Uint8Array(await (await writeBackup({ schema: CURRENT_SCHEMA, info: { name: 'x' }, stores: { meta: [{ key: 'a', value: new Int32Array([1, 2]) }] } }, { id: 'w', name: 'x', customers: 0, events: 0 })).arrayBuffer());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          // A real file with bytes changed or cut.
          fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean()).map(([at, x, cut]) => {
            const bytes = real.slice(0, cut ? at : real.length);
            if (!cut) bytes[at] ^= x;
            return bytes;
          }),
        ),
        async (bytes) => {
          const code = await problemOf(readBackup(new Blob([bytes])));
          // A changed byte of the JSON header can leave a readable file (its name, say); the records are still whole.
          expect(['not_backup', 'damaged', 'newer_version', 'ok']).toContain(code);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('encrypted backup', () => {
  const b: BackupBody = { schema: CURRENT_SCHEMA, info: { name: '华东' }, stores: { meta: [{ key: 'k', value: '机密' }], shards: [{ no: 0, x: new Float64Array([1.5]) }] } };

  test('AES-256-GCM under PBKDF2-SHA-256 with 600,000 iterations and a random salt; the right passphrase opens it', async () => {
    const file = await writeBackup(b, { id: 'w', name: '华东', customers: 1, events: 0 }, 'correct horse battery');
    const { header } = await readBackupHeader(file);
    expect(header.encryption).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, cipher: 'AES-256-GCM' });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    // Nothing of the records shows in the file.
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(new TextDecoder().decode(bytes)).not.toContain('机密');
    // Nor does the book: its name, id and counts are sealed with the records.
    expect(header.workspace).toBeUndefined();
    expect(new TextDecoder().decode(bytes)).not.toContain('华东');
    const opened = await readBackup(file, 'correct horse battery');
    expect(opened.workspace).toEqual({ id: 'w', name: '华东', customers: 1, events: 0 });
    const { workspace: _sealed, ...records } = opened.body;
    expect(records).toEqual(b);
    // Another backup of the same records has another salt and IV.
    const again = await readBackupHeader(await writeBackup(b, { id: 'w', name: '华东', customers: 1, events: 0 }, 'correct horse battery'));
    expect(again.header.encryption!.salt).not.toBe(header.encryption!.salt);
    expect(again.header.encryption!.iv).not.toBe(header.encryption!.iv);
  });

  test('no passphrase, a wrong one, a flipped byte, a changed header: each its own message', async () => {
    const file = await writeBackup(b, { id: 'w', name: '华东', customers: 1, events: 0 }, 'correct horse battery');
    expect(await problemOf(readBackup(file))).toBe('passphrase_needed');
    expect(await problemOf(readBackup(file, 'Correct horse battery'))).toBe('wrong_passphrase');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const flipped = bytes.slice();
    flipped[flipped.length - 20] ^= 1;
    expect(await problemOf(readBackup(new Blob([flipped]), 'correct horse battery'))).toBe('damaged');
    // The header is authenticated too: a renamed workspace in it breaks the seal.
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf('"customers":1');
    const renamed = bytes.slice();
    renamed[at + '"customers":'.length] = '7'.charCodeAt(0);
    expect(await problemOf(readBackup(new Blob([renamed]), 'correct horse battery'))).toBe('damaged');
  });
});

describe('versions', () => {
  test('a file from a newer version, or with a newer schema, is refused with the version', async () => {
    const file = await writeBackup({ schema: CURRENT_SCHEMA, info: {}, stores: {} }, { id: 'w', name: 'n', customers: 0, events: 0 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf(`"version":${BACKUP_VERSION}`) + '"version":'.length;
    bytes[at] = '9'.charCodeAt(0);
    const err = await readBackup(new Blob([bytes])).catch((e) => e);
    expect(err).toBeInstanceOf(BackupProblem);
    expect([err.code, err.params]).toEqual(['newer_version', { version: 9 }]);
    expect(() => upgradeStores({ schema: CURRENT_SCHEMA + 1, info: {}, stores: {} })).toThrow(BackupProblem);
  });

  test('a backup of schema 1 (customers as JSON text) comes in as the current schema', () => {
    const customers = [{ id: 'C1', name: '甲', industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, currency: 'CNY', paymentTermsDays: null, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: 'b', updatedAt: 5 }];
    const stores = upgradeStores({ schema: 1, info: {}, stores: { shards: [{ no: 3, customersJson: JSON.stringify(customers), events: {} }], meta: [{ key: 'k', value: 1 }] } });
    const shard = unpackShard(stores.shards[0] as StoredShard);
    expect(shard.no).toBe(3);
    expect(shard.customers).toEqual(encodeCustomers(customers as never));
    expect(stores.meta).toEqual([{ key: 'k', value: 1 }]);
  });

  test('a backup of schema 5 (before actions and reviews) comes in with its records as written and no responses', () => {
    const alert = { id: 'a1', customerId: 'C1', ruleId: 'score-high', raised: 1, updated: 2, status: 'open', note: '', score: 80, firings: 1 };
    const meta = [{ key: 'model', value: { format: 2 } }, { key: 'shardCount', value: 64 }];
    const stores = upgradeStores({ schema: 5, info: {}, stores: { alerts: [alert], meta, history: [] } });
    expect(stores.alerts).toEqual([alert]);
    expect(stores.meta).toEqual(meta);
    expect(stores.actions ?? []).toEqual([]);
    expect(stores.reviews ?? []).toEqual([]);
    // A current backup keeps them; a store this build does not know is dropped.
    const action = { id: 'x', customerId: 'C1', status: 'open' };
    const now = upgradeStores({ schema: CURRENT_SCHEMA, info: {}, stores: { actions: [action], reviews: [{ id: 'r', customerId: 'C1' }], unknown: [{ a: 1 }] } });
    expect(now).toEqual({ actions: [action], reviews: [{ id: 'r', customerId: 'C1' }] });
  });
});

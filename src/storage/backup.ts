// The backup file (DESIGN §6): every record of a workspace in one file with a format version,
// compressed, and if the user gives a passphrase encrypted with AES-256-GCM under a key drawn
// from it by PBKDF2-SHA-256 (600,000 iterations, random salt).
//
//   "CUSTOSBK" · u32 header length · header (JSON) · payload
//
// The header says what the file is (format version, workspace name, date, how it is
// encrypted) and is readable without the passphrase; it is also the AES-GCM additional data,
// so that changing it breaks the file. The payload is gzip(body), encrypted or not; the body
// is u32 manifest length · manifest (JSON with typed arrays as references) · the arrays' bytes.

import { WORKSPACE_SCHEMA } from './schema';
import type { WorkspaceDB } from './databases';

export const BACKUP_VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
const MAGIC = 'CUSTOSBK';
const ARRAY_REF = '$custos:array';

export interface BackupHeader {
  format: 'custos-backup';
  version: number;
  createdAt: number;
  /**
   * The workspace's name and id at the time of the backup (the id lets a merge know its
   * source), with its counts. Absent from an encrypted backup's header: there it is inside
   * the ciphertext (`BackupBody.workspace`), so that the file says nothing of the book.
   */
  workspace?: BackupWorkspace;
  compression: 'gzip';
  encryption: null | { kdf: 'PBKDF2-SHA-256'; iterations: number; salt: string; cipher: 'AES-256-GCM'; iv: string; check: string };
}

export interface BackupWorkspace {
  id: string;
  name: string;
  customers: number;
  events: number;
}

/** What a workspace holds: its schema version and every record of every store. */
export interface BackupBody {
  schema: number;
  /** The workspace as the header names it, kept here when the header may not (an encrypted backup). */
  workspace?: BackupWorkspace;
  info: Record<string, unknown>;
  stores: Record<string, unknown[]>;
}

export type BackupProblemCode = 'not_backup' | 'newer_version' | 'passphrase_needed' | 'wrong_passphrase' | 'damaged';

export class BackupProblem extends Error {
  constructor(readonly code: BackupProblemCode, readonly params: Record<string, number | string> = {}) {
    super(code);
  }
}

const utf8 = new TextEncoder();
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

const ARRAY_TYPES = { Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;
type ArrayName = keyof typeof ARRAY_TYPES;

/** The body as bytes: the manifest, then each typed array's bytes (8-byte aligned). */
export function packBody(body: BackupBody): Uint8Array {
  const arrays: ArrayBufferView[] = [];
  let offset = 0;
  const manifest = JSON.stringify(body, (_key, value) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name as ArrayName;
      if (!(name in ARRAY_TYPES)) throw new Error(`cannot back up a ${name}`);
      const ref = { [ARRAY_REF]: name, at: offset, length: (value as Uint8Array).length };
      arrays.push(value);
      offset += Math.ceil(value.byteLength / 8) * 8;
      return ref;
    }
    return value;
  });
  const head = utf8.encode(manifest);
  const start = Math.ceil((4 + head.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += Math.ceil(a.byteLength / 8) * 8;
  }
  return out;
}

export function unpackBody(bytes: Uint8Array): BackupBody {
  if (bytes.length < 4) throw new BackupProblem('damaged');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + length > bytes.length) throw new BackupProblem('damaged');
  const start = Math.ceil((4 + length) / 8) * 8;
  let body: BackupBody;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + length)), (_key, value) => {
      if (value && typeof value === 'object' && ARRAY_REF in value) {
        const type = ARRAY_TYPES[value[ARRAY_REF] as ArrayName];
        const { at, length: n } = value as { at: number; length: number };
        if (!type || !Number.isInteger(at) || !Number.isInteger(n) || at < 0 || n < 0) throw new BackupProblem('damaged');
        const from = start + at;
        const to = from + n * type.BYTES_PER_ELEMENT;
        if (to > bytes.length) throw new BackupProblem('damaged');
        // A copy, so that every array has a buffer of its own (as IndexedDB gives them back).
        return new type(bytes.slice(from, to).buffer);
      }
      return value;
    });
  } catch (err) {
    if (err instanceof BackupProblem) throw err;
    throw new BackupProblem('damaged');
  }
  if (!body || typeof body.schema !== 'number' || !body.stores || typeof body.stores !== 'object' || !body.info) throw new BackupProblem('damaged');
  return body;
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The AES key and a check value (to tell a wrong passphrase from a damaged file) from a passphrase. */
async function keyFrom(passphrase: string, salt: Uint8Array, iterations: number): Promise<{ key: CryptoKey; check: string }> {
  const base = await crypto.subtle.importKey('raw', utf8.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, 512));
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const check = b64(new Uint8Array(await crypto.subtle.digest('SHA-256', bits.slice(32))).slice(0, 16));
  return { key, check };
}

function frame(header: BackupHeader): Uint8Array {
  const json = utf8.encode(JSON.stringify(header));
  const out = new Uint8Array(MAGIC.length + 4 + json.length);
  out.set(utf8.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  return out;
}

/** The backup file of `body`; encrypted when a passphrase is given. */
export async function writeBackup(body: BackupBody, workspace: BackupWorkspace, passphrase?: string, iterations = PBKDF2_ITERATIONS): Promise<Blob> {
  if (!passphrase) {
    const packed = await through(packBody(body), new CompressionStream('gzip'));
    const header: BackupHeader = { format: 'custos-backup', version: BACKUP_VERSION, createdAt: Date.now(), workspace, compression: 'gzip', encryption: null };
    return new Blob([frame(header) as BlobPart, packed as BlobPart], { type: 'application/octet-stream' });
  }
  // Encrypted: the header says only what it takes to decrypt; the book's name, id and counts are sealed with the records.
  const packed = await through(packBody({ ...body, workspace }), new CompressionStream('gzip'));
  const header: BackupHeader = { format: 'custos-backup', version: BACKUP_VERSION, createdAt: Date.now(), compression: 'gzip', encryption: null };
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const { key, check } = await keyFrom(passphrase, salt, iterations);
  header.encryption = { kdf: 'PBKDF2-SHA-256', iterations, salt: b64(salt), cipher: 'AES-256-GCM', iv: b64(iv), check };
  const head = frame(header);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: head as BufferSource }, key, packed as BufferSource));
  return new Blob([head as BlobPart, sealed as BlobPart], { type: 'application/octet-stream' });
}

/** The header of a backup file, and where its payload starts; 'not_backup' or 'newer_version' otherwise. */
export async function readBackupHeader(file: Blob): Promise<{ header: BackupHeader; headBytes: Uint8Array }> {
  const start = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  if (start.length < 12 || new TextDecoder().decode(start.subarray(0, 8)) !== MAGIC) throw new BackupProblem('not_backup');
  const length = new DataView(start.buffer).getUint32(8, true);
  if (length > 1 << 20 || 12 + length > file.size) throw new BackupProblem('damaged');
  const headBytes = new Uint8Array(await file.slice(0, 12 + length).arrayBuffer());
  let header: BackupHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headBytes.subarray(12)));
  } catch {
    throw new BackupProblem('damaged');
  }
  if (header?.format !== 'custos-backup' || typeof header.version !== 'number') throw new BackupProblem('not_backup');
  if (header.version > BACKUP_VERSION) throw new BackupProblem('newer_version', { version: header.version });
  return { header, headBytes };
}

/** The body of a backup file and the workspace it is of; the passphrase is needed when it is encrypted. */
export async function readBackup(file: Blob, passphrase?: string): Promise<{ header: BackupHeader; body: BackupBody; workspace: BackupWorkspace }> {
  const { header, headBytes } = await readBackupHeader(file);
  let payload = new Uint8Array(await file.slice(headBytes.length).arrayBuffer());
  const enc = header.encryption;
  if (enc) {
    if (!passphrase) throw new BackupProblem('passphrase_needed');
    if (!Number.isInteger(enc.iterations) || enc.iterations < 100_000 || enc.iterations > 10_000_000) throw new BackupProblem('damaged');
    let salt: Uint8Array, iv: Uint8Array;
    try {
      (salt = unb64(enc.salt)), (iv = unb64(enc.iv));
    } catch {
      throw new BackupProblem('damaged');
    }
    const { key, check } = await keyFrom(passphrase, salt, enc.iterations);
    if (check !== enc.check) throw new BackupProblem('wrong_passphrase');
    try {
      payload = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: headBytes as BufferSource }, key, payload as BufferSource));
    } catch {
      throw new BackupProblem('damaged');
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await through(payload, new DecompressionStream('gzip'));
  } catch {
    throw new BackupProblem('damaged');
  }
  const body = unpackBody(bytes);
  const workspace = header.workspace ?? body.workspace;
  const named = workspace && typeof workspace.id === 'string' && typeof workspace.name === 'string' && Number.isFinite(workspace.customers) && Number.isFinite(workspace.events);
  if (!named) throw new BackupProblem('damaged');
  return { header, body, workspace };
}

// ——— A workspace's records in and out ———


/** Stores that are derived (recomputed on open) and left out of backups. */
const DERIVED = new Set(['facts']);

export const CURRENT_SCHEMA = WORKSPACE_SCHEMA[WORKSPACE_SCHEMA.length - 1].version;

/** Every record of every store of a workspace, read in one transaction (a consistent copy). */
export async function dumpWorkspace(db: WorkspaceDB): Promise<Pick<BackupBody, 'schema' | 'stores'>> {
  const tables = db.tables.filter((t) => !DERIVED.has(t.name));
  const stores: Record<string, unknown[]> = {};
  await db.transaction('r', tables, async () => {
    for (const t of tables) stores[t.name] = await t.toArray();
  });
  return { schema: CURRENT_SCHEMA, stores };
}

/**
 * The stores of a backup as the current schema holds them: a backup from an older schema is
 * upgraded by the same record upgrades as a database; one from a newer schema is refused.
 */
export function upgradeStores(body: BackupBody): Record<string, unknown[]> {
  if (!Number.isInteger(body.schema) || body.schema < 1) throw new BackupProblem('damaged');
  if (body.schema > CURRENT_SCHEMA) throw new BackupProblem('newer_version', { version: body.schema });
  const current = WORKSPACE_SCHEMA[WORKSPACE_SCHEMA.length - 1].stores;
  const stores: Record<string, unknown[]> = {};
  for (const [name, records] of Object.entries(body.stores)) {
    if (!(name in current) || DERIVED.has(name)) continue;
    if (!Array.isArray(records) || !records.every((r) => r && typeof r === 'object')) throw new BackupProblem('damaged');
    stores[name] = records;
  }
  for (const v of WORKSPACE_SCHEMA) {
    if (v.version <= body.schema || !v.upgrade) continue;
    const { store, record } = v.upgrade;
    stores[store] = (stores[store] ?? []).map((r) => record(r as never));
  }
  return stores;
}

/** Writes the stores into an empty workspace database, all in one transaction. */
export async function loadStores(db: WorkspaceDB, stores: Record<string, unknown[]>): Promise<void> {
  const tables = db.tables.filter((t) => !DERIVED.has(t.name));
  await db.transaction('rw', tables, async () => {
    for (const t of tables) {
      await t.clear();
      const records = stores[t.name];
      if (records?.length) await t.bulkPut(records);
    }
  });
}

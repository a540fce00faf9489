// The encoding of an imported file: byte-order marks, valid UTF-8 however the 64 kB sample cuts
// it, and GB18030 against Big5 by the characters they decode to.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bomLength, detectEncoding } from '../../src/domain/import/encoding';

const bytes = (...b: number[]) => new Uint8Array(b);
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(__dirname, '../fixtures/import', name)));

describe('byte-order marks', () => {
  test('each mark is its encoding’s, counted only for that encoding, and two of its three bytes are no mark', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
    expect(detectEncoding(bytes(0xff, 0xfe, 0x41, 0x00))).toBe('utf-16le');
    expect(detectEncoding(bytes(0xfe, 0xff, 0x00, 0x41))).toBe('utf-16be');
    expect(bomLength(bytes(0xef, 0xbb, 0xbf, 0x41), 'utf-8')).toBe(3);
    expect(bomLength(bytes(0xff, 0xfe, 0x41), 'utf-16le')).toBe(2);
    expect(bomLength(bytes(0xfe, 0xff, 0x41), 'utf-16be')).toBe(2);
    expect(bomLength(bytes(0xef, 0xbb, 0xbf), 'gb18030')).toBe(0);
    expect(bomLength(bytes(0xff, 0xfe), 'utf-16be')).toBe(0);
    expect(bomLength(bytes(0xfe, 0xff), 'utf-16le')).toBe(0);
    for (const partial of [bytes(0xef, 0xbb, 0x41), bytes(0xef, 0x41, 0xbf), bytes(0x41, 0xbb, 0xbf)]) expect(bomLength(partial, 'utf-8')).toBe(0);
    expect(bomLength(bytes(0xff, 0x41), 'utf-16le')).toBe(0);
    expect(bomLength(bytes(0x41, 0xfe), 'utf-16le')).toBe(0);
    expect(bomLength(bytes(0xfe, 0x41), 'utf-16be')).toBe(0);
    expect(bomLength(bytes(0x41, 0xff), 'utf-16be')).toBe(0);
    // Half a mark is not a mark: these bytes are GB18030 text.
    const gbk = fixture('customers-gbk.csv');
    for (const lead of [[0xfe, 0x41], [0xff, 0x41], [0xef, 0xbb, 0x41]]) expect(detectEncoding(new Uint8Array([...lead, ...gbk]))).toBe('gb18030');
  });
});

describe('UTF-8 and the sample', () => {
  const head = new TextEncoder().encode('客户编号,客户名称\r\n');
  /** `size` bytes of UTF-8 text: a header, then rows of three-byte characters, ASCII-free after the header. */
  function utf8Of(size: number, offset: number): Uint8Array {
    const out = new Uint8Array(size);
    out.set(head);
    const ch = new TextEncoder().encode('华');
    for (let i = head.length + offset; i + 3 <= size; i += 3) out.set(ch, i);
    for (let i = 0; i < offset; i++) out[head.length + i] = 0x41;
    return out.subarray(0, size - ((size - head.length - offset) % 3));
  }
  test('valid UTF-8 is UTF-8 wherever the 64 kB sample cuts a character (after its first, second or third byte)', () => {
    for (const offset of [0, 1, 2]) {
      const file = utf8Of(200_000, offset);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(file)).toContain('华');
      expect(detectEncoding(file), `offset ${offset}`).toBe('utf-8');
    }
  });
  test('a file of exactly one sample and a short one are read whole', () => {
    expect(detectEncoding(utf8Of(64 * 1024 + 2, 0))).toBe('utf-8');
    expect(detectEncoding(new TextEncoder().encode('华东'))).toBe('utf-8');
    // Invalid UTF-8 inside the sample is not UTF-8.
    expect(detectEncoding(bytes(0x41, 0xc3, 0x28, 0x41))).not.toBe('utf-8');
  });
});

describe('GB18030 against Big5', () => {
  test('big files in either are told apart, and a tie is GB18030', () => {
    const gbk = fixture('customers-gbk.csv'), big5 = fixture('customers-big5.csv');
    const repeat = (b: Uint8Array, n: number) => {
      const out = new Uint8Array(b.length * n);
      for (let i = 0; i < n; i++) out.set(b, i * b.length);
      return out;
    };
    expect(detectEncoding(repeat(gbk, Math.ceil(100_000 / gbk.length)))).toBe('gb18030');
    expect(detectEncoding(repeat(big5, Math.ceil(100_000 / big5.length)))).toBe('big5');
    // Bytes that decode to nothing common in either: the tie goes to GB18030 (Excel's default).
    expect(detectEncoding(bytes(0x41, 0x80, 0x41))).toBe('gb18030');
  });
});

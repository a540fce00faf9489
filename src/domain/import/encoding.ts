// The text encoding of an imported file (DESIGN §6): a byte-order mark decides (UTF-8,
// UTF-16 LE/BE); else valid UTF-8 is UTF-8; else GB18030 (Excel's default for Chinese on
// simplified-Chinese Windows, a superset of GBK) or Big5 (traditional), whichever decodes
// the sample into more of the characters Chinese business files are made of.

export const ENCODINGS = ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The bytes of a byte-order mark at the start, per encoding. */
export function bomLength(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
  return 0;
}

// Common characters of Chinese text and of customer, order and invoice files, in both
// scripts; GB18030 read as Big5 (or the reverse) yields rare characters instead.
const COMMON = new Set(
  ('的一是不了人我在有他这這中大来來上国國个個到说說们們为為子和你地出道也时時年得就那要下以生会會自着去之过過家学學对對可里裡后後小么麼心多天而能好都然没沒日于起还還发發成事只作当當想看文无無开開手十用主行方又如前所本见見经經头頭面公同三已老从從动動两兩长長知民样樣现現分将將外但身些与與高意进進把法此实實回二理美点點月明其种種声聲全工己话話儿兒者向情部正名定女问問力机機给給等几幾很业業最间間新什打便位因重被走电電四第门門相次东東政海口使教西再平真听聽世气氣信北少关關并內内加化由却代军軍产產入先山五太水万萬市眼体體别別处處总總才场場师師书書比住员員九笑性通目华華报報立马馬命张張活难難神数數件安表原车車白应應路期叫死常提感金何更反合放做系计計或司利受光王果亲親界及今京务務制解各任至清物台象记記边邊共风風战戰干接它许許八特觉覺望直服毛林题題建南度统統色字请請交爱愛让讓认認算论論百吃义義科怎元社术術结結六功指思非流每青管夫连連远遠资資队隊跟带帶花快条條院变變联聯言权權往展该該领領传傳近留红紅治决決周保达達办辦运運武半候七必城父强強步完革深区區即求品士转轉量空甚众眾技轻輕程告江语語英基客户戶额額款称稱编編号號订訂单單票付投诉訴满滿意售销銷货貨省县縣路街厂廠限责責任司有限公股份科技贸貿易')
    .split(''),
);

/** Characters decoded per sample: enough to decide, little enough to be instant. */
const SAMPLE = 64 * 1024;

function score(text: string): number {
  let s = 0;
  for (const ch of text) {
    if (COMMON.has(ch)) s += 2;
    else if (ch === '\ufffd') s -= 20;
    else if (ch >= '\u3400' && ch <= '\u9fff') s -= 1;
  }
  return s;
}

/** The encoding of a file from its first bytes. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  for (const marked of ['utf-8', 'utf-16le', 'utf-16be'] as const) if (bomLength(bytes, marked)) return marked;
  // A sample cut inside a character would fail UTF-8: drop a trailing partial sequence (a lead
  // byte and at most three continuation bytes after it).
  let end = Math.min(bytes.length, SAMPLE);
  if (end < bytes.length) {
    let k = end;
    while (k > end - 3 && k > 0 && (bytes[k - 1] & 0xc0) === 0x80) k--;
    if (k > 0 && bytes[k - 1] >= 0xc0) end = k - 1;
  }
  const sample = bytes.subarray(0, end);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    // Not UTF-8: one of the Chinese legacy encodings.
  }
  const gb = score(new TextDecoder('gb18030').decode(sample));
  const big5 = score(new TextDecoder('big5').decode(sample));
  return big5 > gb ? 'big5' : 'gb18030';
}

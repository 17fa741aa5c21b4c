/**
 * ExcelJS's streaming reader parses a worksheet at once only if the workbook's relations, styles and
 * shared strings came before it in the zip; otherwise it spools the sheet to a temporary file. Excel
 * writes shared strings after the sheets, so a student roster would land on disk. Rewriting the zip's
 * entry order in memory (entries are copied byte for byte, nothing is inflated) keeps it off the disk,
 * and styles first also lets date cells be recognised as dates.
 */

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;

/** Unpacked size beyond which an upload is treated as a zip bomb rather than a roster. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

export class ZipError extends Error {}

interface Entry {
  name: string;
  central: Buffer;
  local: Buffer;
  unpacked: number;
}

const FIRST = ['_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

function rank(name: string): number {
  const i = FIRST.indexOf(name);
  if (i >= 0) return i;
  return /^xl\/worksheets\/sheet\d+\.xml$/.test(name) ? FIRST.length + 1 : FIRST.length;
}

function sheetNumber(name: string): number {
  return Number(/sheet(\d+)\.xml$/.exec(name)?.[1] ?? 0);
}

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL_SIG;
}

export function reorderXlsx(buf: Buffer): Buffer {
  const entries = readEntries(buf);
  if (entries.reduce((n, e) => n + e.unpacked, 0) > MAX_UNPACKED_BYTES) throw new ZipError('unpacks too large');
  if (!entries.some((e) => e.name === 'xl/sharedStrings.xml')) entries.push(emptySharedStrings());
  return writeZip(entries.sort((a, b) => rank(a.name) - rank(b.name) || sheetNumber(a.name) - sheetNumber(b.name)));
}

export function zipEntryNames(buf: Buffer): string[] {
  return readEntries(buf).map((e) => e.name);
}

/** The same entries in the order `compare` gives their names (tests use it to mimic other writers). */
export function reorderZip(buf: Buffer, compare: (a: string, b: string) => number): Buffer {
  return writeZip(readEntries(buf).sort((a, b) => compare(a.name, b.name)));
}

function writeZip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const central = Buffer.from(e.central);
    central.writeUInt32LE(offset, 42);
    centrals.push(central);
    locals.push(e.local);
    offset += e.local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(centralSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, eocd]);
}

function readEntries(buf: Buffer): Entry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let pos = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || pos === 0xffffffff) throw new ZipError('zip64 is not expected in a roster');
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (pos + 46 > buf.length || buf.readUInt32LE(pos) !== CENTRAL_SIG) throw new ZipError('bad central directory');
    const flags = buf.readUInt16LE(pos + 8);
    const packed = buf.readUInt32LE(pos + 20);
    const unpacked = buf.readUInt32LE(pos + 24);
    const nameLen = buf.readUInt16LE(pos + 28);
    const centralLen = 46 + nameLen + buf.readUInt16LE(pos + 30) + buf.readUInt16LE(pos + 32);
    const localAt = buf.readUInt32LE(pos + 42);
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLen);
    if (localAt + 30 > buf.length || buf.readUInt32LE(localAt) !== LOCAL_SIG) throw new ZipError('bad local header');
    let end = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28) + packed;
    if (flags & 0x08) end += end + 4 <= buf.length && buf.readUInt32LE(end) === DESCRIPTOR_SIG ? 16 : 12;
    if (end > buf.length) throw new ZipError('entry runs past the end');
    entries.push({ name, central: buf.subarray(pos, pos + centralLen), local: buf.subarray(localAt, end), unpacked });
    pos += centralLen;
  }
  return entries;
}

/** Shared strings are what ExcelJS waits for; a workbook of numbers only has none, so supply them. */
function emptySharedStrings(): Entry {
  const name = Buffer.from('xl/sharedStrings.xml');
  const data = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  );
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL_SIG, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL_SIG, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  return {
    name: name.toString(),
    central: Buffer.concat([central, name]),
    local: Buffer.concat([local, name, data]),
    unpacked: data.length,
  };
}

let CRC_TABLE: Uint32Array | undefined;
function crc32(data: Buffer): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

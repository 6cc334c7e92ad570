// A tiny writer of OpenStreetMap PBF files (https://wiki.openstreetmap.org/wiki/PBF_Format)
// for the tests: a header block, then data blocks of dense nodes (with tags) and ways, each
// zlib-compressed as real extracts are. It writes what the tests need (crafted extracts with
// many nodes in few bytes, a few tagged POIs) and nothing more.
import { deflateSync } from 'node:zlib';

/** Protocol Buffers: a varint. */
function varint(n) {
  let v = BigInt(n);
  const out = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
const zigzag = (n) => {
  const v = BigInt(n);
  return v >= 0n ? v << 1n : (-v << 1n) - 1n;
};
const key = (field, wire) => varint((field << 3) | wire);
const fVarint = (field, n) => Buffer.concat([key(field, 0), varint(n)]);
const fBytes = (field, buf) => {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
  return Buffer.concat([key(field, 2), varint(b.length), b]);
};
/** A packed repeated field of (already zigzagged when signed) integers. */
function fPacked(field, values) {
  const parts = [];
  for (const v of values) parts.push(varint(v));
  return fBytes(field, Buffer.concat(parts));
}
/** Deltas of a list of integers, zigzagged (sint64). */
function deltaZig(values) {
  let prev = 0n;
  return values.map((v) => {
    const b = BigInt(v);
    const d = b - prev;
    prev = b;
    return zigzag(d);
  });
}

/** One fileblock: the BlobHeader's length, the header, the blob (zlib unless raw). */
function fileBlock(type, payload, { raw = false } = {}) {
  const blob = raw
    ? fBytes(1, payload)
    : Buffer.concat([fVarint(2, payload.length), fBytes(3, deflateSync(payload, { level: 9 }))]);
  const header = Buffer.concat([fBytes(1, type), fVarint(3, blob.length)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  return Buffer.concat([len, header, blob]);
}

function headerBlock() {
  return Buffer.concat([fBytes(4, 'OsmSchema-V0.6'), fBytes(4, 'DenseNodes'), fBytes(16, 'wenyun-test')]);
}

/** A string table: index 0 is the empty string, by convention. */
class Strings {
  constructor() {
    this.list = [''];
    this.index = new Map([['', 0]]);
  }
  id(s) {
    if (!this.index.has(s)) {
      this.index.set(s, this.list.length);
      this.list.push(s);
    }
    return this.index.get(s);
  }
  encode() {
    return fBytes(1, Buffer.concat(this.list.map((s) => fBytes(1, s))));
  }
}

/**
 * A data block. nodes: [{id, lon, lat, tags?}], ways: [{id, refs, tags?}].
 * Coordinates use the default granularity (100 nanodegrees).
 */
function dataBlock({ nodes = [], ways = [] }) {
  const st = new Strings();
  const groups = [];
  if (nodes.length) {
    const kv = [];
    for (const n of nodes) {
      for (const [k, v] of Object.entries(n.tags || {})) kv.push(st.id(k), st.id(v));
      kv.push(0);
    }
    const hasTags = nodes.some((n) => n.tags && Object.keys(n.tags).length);
    const dense = Buffer.concat([
      fPacked(1, deltaZig(nodes.map((n) => n.id))),
      fPacked(8, deltaZig(nodes.map((n) => Math.round(n.lat * 1e7)))),
      fPacked(9, deltaZig(nodes.map((n) => Math.round(n.lon * 1e7)))),
      hasTags ? fPacked(10, kv) : Buffer.alloc(0),
    ]);
    groups.push(fBytes(2, fBytes(2, dense)));
  }
  if (ways.length) {
    const ws = ways.map((w) => {
      const tags = Object.entries(w.tags || {});
      return fBytes(3, Buffer.concat([
        fVarint(1, w.id),
        fPacked(2, tags.map(([k]) => st.id(k))),
        fPacked(3, tags.map(([, v]) => st.id(v))),
        fPacked(8, deltaZig(w.refs)),
      ]));
    });
    groups.push(fBytes(2, Buffer.concat(ws)));
  }
  return Buffer.concat([st.encode(), ...groups]);
}

/**
 * An .osm.pbf file: {nodes, ways, nodesPerBlock}. Nodes are written in blocks of
 * nodesPerBlock (default 8000, as osmium does), then the ways in one block.
 */
export function osmPbf({ nodes = [], ways = [], nodesPerBlock = 8000 } = {}) {
  const parts = [fileBlock('OSMHeader', headerBlock())];
  for (let i = 0; i < nodes.length; i += nodesPerBlock)
    parts.push(fileBlock('OSMData', dataBlock({ nodes: nodes.slice(i, i + nodesPerBlock) })));
  if (ways.length) parts.push(fileBlock('OSMData', dataBlock({ ways })));
  return Buffer.concat(parts);
}

/**
 * A crafted extract of count untagged nodes (all at one place, ids 1..count) plus the given
 * tagged POI nodes, written as few, huge, highly compressible blocks: a few kilobytes on the
 * wire that decompress to tens of megabytes. Built block by block without materialising the
 * node objects.
 */
export function manyNodesPbf(count, { pois = [], nodesPerBlock = 1 << 20 } = {}) {
  const parts = [fileBlock('OSMHeader', headerBlock())];
  const one = varint(2n); // an id delta of +1, zigzagged
  const zero = varint(0n);
  for (let start = 1; start <= count; start += nodesPerBlock) {
    const n = Math.min(nodesPerBlock, count - start + 1);
    const ids = Buffer.concat([varint(zigzag(start)), Buffer.alloc(n - 1, one)]);
    const lat = Buffer.concat([varint(zigzag(265800000)), Buffer.alloc(n - 1, zero)]);
    const lon = Buffer.concat([varint(zigzag(1017000000)), Buffer.alloc(n - 1, zero)]);
    const dense = Buffer.concat([fBytes(1, ids), fBytes(8, lat), fBytes(9, lon)]);
    const block = Buffer.concat([new Strings().encode(), fBytes(2, fBytes(2, dense))]);
    parts.push(fileBlock('OSMData', block));
  }
  if (pois.length) parts.push(fileBlock('OSMData', dataBlock({ nodes: pois })));
  return Buffer.concat(parts);
}

/**
 * A decompression bomb: blocks of one long string each (bytesPerBlock of 'a'), holding no
 * element at all, then the given POI nodes and ways. Tiny on the wire, large once inflated.
 */
export function paddedPbf(blocks, bytesPerBlock, { nodes = [], ways = [] } = {}) {
  const parts = [fileBlock('OSMHeader', headerBlock())];
  const pad = fBytes(1, fBytes(1, Buffer.alloc(bytesPerBlock, 'a')));
  const block = fileBlock('OSMData', pad);
  for (let i = 0; i < blocks; i++) parts.push(block);
  if (nodes.length) parts.push(fileBlock('OSMData', dataBlock({ nodes })));
  if (ways.length) parts.push(fileBlock('OSMData', dataBlock({ ways })));
  return Buffer.concat(parts);
}

/** A way whose key is string 100,000,000 of a string table of two: a malformed extract. */
export function badIndexPbf() {
  const st = fBytes(1, Buffer.concat([fBytes(1, ''), fBytes(1, 'highway')]));
  const way = fBytes(3, Buffer.concat([fVarint(1, 5), fBytes(2, varint(100000000)), fBytes(3, varint(1)),
                                       fBytes(8, Buffer.concat([varint(2), varint(2)]))]));
  return Buffer.concat([fileBlock('OSMHeader', headerBlock()),
                        fileBlock('OSMData', Buffer.concat([st, fBytes(2, way)]))]);
}

// `wenyun lottery` on the command line (the contract: verify exits 0 when the file's results
// follow from its inputs, 1 otherwise; draw runs the same draw offline), checked against an
// independent verifier written from docs/lottery.md alone (verify.mjs): random lotteries drawn
// by wenyun verify there byte for byte, and files changed in one byte are refused by both.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from './verify.mjs';

const BIN = process.env.WY_BIN;
const HERE = new URL('.', import.meta.url).pathname;
const EXAMPLE_VALUE = createHash('sha256').update('wenyun lottery example').digest('hex');

const run = (...args) => {
  const r = spawnSync(BIN, ['lottery', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let seed = 7;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

/** A random inputs object: applicants ranking up to N of the items, classes 0-2, some per
 * choice, some with a limit of their own below M. */
function randomInputs(na, ni, N, M) {
  const items = Array.from({ length: ni }, (_, i) => ({ id: `c${i}`, name: `课程 ${i} "x"\\`, places: rnd(4) }));
  const applicants = Array.from({ length: na }, (_, a) => {
    const n = 1 + rnd(Math.min(N, ni));
    const choices = [];
    while (choices.length < n) {
      const c = `c${rnd(ni)}`;
      if (!choices.includes(c)) choices.push(c);
    }
    const priority = rnd(4) === 0 ? choices.map(() => rnd(3)) : rnd(3);
    const entry = { id: `p-${a}-${rnd(100000)}`, choices, priority };
    if (rnd(4) === 0) entry.max_places = 1 + rnd(M); // holds places already: a lower limit
    return entry;
  });
  return {
    algorithm: 'wenyun-lottery/1',
    title: 'random',
    rules: { max_choices: N, max_places: M, priority_rule: '0 first' },
    beacon: { source: 'drand/quicknet', round: 1 + rnd(1000000) },
    items,
    applicants,
  };
}

describe('wenyun lottery', () => {
  let dir;
  before(() => {
    assert.ok(BIN, 'WY_BIN is the wenyun binary');
    dir = mkdtempSync(join(tmpdir(), 'wy-lottery-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the example of docs/lottery.md: the same draw, verified by both verifiers', () => {
    const example = join(HERE, 'example.draw.json');
    const v = run('verify', example);
    assert.equal(v.code, 0, v.out + v.err);
    assert.match(v.out, /verified/);
    assert.equal(verify(readFileSync(example)), null);
    const out = join(dir, 'example.json');
    const d = run('draw', '--input', join(HERE, 'example-inputs.json'), '--out', out, '--beacon-value', EXAMPLE_VALUE);
    assert.equal(d.code, 0, d.err);
    assert.ok(readFileSync(out).equals(readFileSync(example)), 'the algorithm still draws the example as documented');
    // commit prints the commitment, and --out writes the very bytes it hashes
    const canon = join(dir, 'canon.json');
    const c = run('commit', '--input', join(HERE, 'example-inputs.json'), '--out', canon);
    assert.equal(c.code, 0, c.err);
    const hex = createHash('sha256').update(readFileSync(canon)).digest('hex');
    assert.equal(c.out.trim(), hex);
    assert.equal(JSON.parse(readFileSync(example, 'utf8')).commitment, hex);
  });

  it('draws random lotteries that the independent verifier recomputes byte for byte', () => {
    for (let t = 0; t < 25; t++) {
      const N = 1 + rnd(4);
      const inputs = randomInputs(1 + rnd(60), 1 + rnd(8), N, 1 + rnd(N));
      const inp = join(dir, `in${t}.json`);
      const out = join(dir, `draw${t}.json`);
      writeFileSync(inp, JSON.stringify(inputs, null, 2));
      const value = createHash('sha256').update(`v${t}`).digest('hex');
      const d = run('draw', '--input', inp, '--out', out, '--beacon-value', value.toUpperCase());
      assert.equal(d.code, 0, d.err);
      const bytes = readFileSync(out);
      assert.equal(verify(bytes), null, `lottery ${t}`);
      assert.equal(run('verify', out).code, 0);
      // the draw again from the whole draw file: the same bytes
      const again = join(dir, `again${t}.json`);
      assert.equal(run('draw', '--input', out, '--out', again).code, 0);
      assert.ok(readFileSync(again).equals(bytes));
    }
  });

  it('refuses a file changed in one byte, anywhere, and says why', () => {
    const good = readFileSync(join(HERE, 'example.draw.json'));
    const text = good.toString('latin1');
    // several positions in each part of the file, and the last byte
    const at = (s, extra = 0) => text.indexOf(s) + extra;
    const positions = [
      0, at('"title"', 10), at('"max_places"', 13), at('"priority_rule"', 20), at('"round"', 8),
      at('"places"', 9), at('"choices"', 13), at('"priority":[', 12), at('"commitment"', 20),
      at('"beacon_value"', 30), at('"seed"', 12), at('"ticket"', 40), at('"rank"', 7),
      at('"assigned"', 14), at('"admitted"', 14), at('"waiting"', 13), good.length - 2, good.length - 1,
    ];
    for (let i = 0; i < 40; i++) positions.push(Math.floor((i * good.length) / 40));
    for (const p of positions) {
      const bad = Buffer.from(good);
      bad[p] = bad[p] === 0x31 ? 0x32 : 0x31; // '1' or '2'
      const f = join(dir, 'bad.json');
      writeFileSync(f, bad);
      const v = run('verify', f);
      assert.equal(v.code, 1, `byte ${p}: ${v.out}`);
      assert.match(v.out, /refused: .+/, `byte ${p}`);
      assert.notEqual(verify(bad), null, `byte ${p}: the independent verifier refuses it too`);
    }
    // what the messages say for a few changes
    const change = (from, to) => {
      const f = join(dir, 'changed.json');
      writeFileSync(f, text.replace(from, to), 'latin1');
      return run('verify', f).out;
    };
    assert.match(change('"rank":5', '"rank":4'), /applicants\[0\] \(A4QX\)\.rank: the file has 4, the recomputed draw has 5/);
    assert.match(change('"places":2', '"places":3'), /commitment: .*the inputs are not the ones committed to/);
    assert.match(change('"waiting":["K7M2","E2JC"]', '"waiting":["E2JC","K7M2"]'), /items\[0\] \(pzh-c01\)\.waiting\[0\]/);
    assert.match(change('}\n', '} '), /not in its canonical form: byte \d+ is 0x20/);
  });

  it('answers usage errors with 2 and says what is missing', () => {
    assert.equal(run().code, 2);
    assert.equal(run('frobnicate').code, 2);
    assert.equal(run('draw', '--input', 'x').code, 2); // no --out
    assert.equal(run('verify').code, 2);
    assert.equal(run('verify', join(dir, 'missing.json')).code, 1);
    assert.equal(run('--help').code, 0);
    // an inputs object without a beacon value cannot be drawn
    const d = run('draw', '--input', join(HERE, 'example-inputs.json'), '--out', join(dir, 'nv.json'));
    assert.equal(d.code, 1);
    assert.match(d.err, /--beacon-value/);
    assert.ok(!existsSync(join(dir, 'nv.json')));
    // refused inputs name the applicant
    const bad = JSON.parse(readFileSync(join(HERE, 'example-inputs.json'), 'utf8'));
    bad.applicants[0].choices = ['pzh-c02', 'pzh-c02'];
    writeFileSync(join(dir, 'dup.json'), JSON.stringify(bad));
    const c = run('commit', '--input', join(dir, 'dup.json'));
    assert.equal(c.code, 1);
    assert.match(c.err, /applicant K7M2 ranks item pzh-c02 twice/);
  });

  it('prints a receipt and the round of a drand beacon', () => {
    const r = run('receipt', join(HERE, 'example.draw.json'), 'E2JC');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /rank\s+6 of 6/);
    assert.match(r.out, /place\s+pzh-c03/);
    assert.match(r.out, /waiting\s+pzh-c01 .*: number 2 of 2/);
    assert.equal(run('receipt', join(HERE, 'example.draw.json'), 'NOBODY').code, 1);
    const q = run('round', '--source', 'drand/quicknet', '--at', '2026-04-20T08:00:00+08:00');
    assert.equal(q.code, 0, q.err);
    assert.equal(q.out.split('\n')[0], '27946612');
    assert.match(q.out, /api\.drand\.sh\/52db9ba7.*\/public\/27946612/);
    assert.equal(run('round', '--source', 'nist/2.0/chain/2').code, 1);
  });
});

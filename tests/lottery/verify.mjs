#!/usr/bin/env node
// An independent verifier of wenyun's lottery draw files, written from docs/lottery.md alone
// (it shares no code with src/core/lottery.c): it recomputes the commitment, the seed, every
// ticket and rank, the assignment (deferred acceptance, round by round) and the waiting lists,
// serialises the result canonically and compares it with the file byte for byte.
//
//   node tests/lottery/verify.mjs FILE      exit 0 when the file verifies, 1 otherwise
//
// Only node's own modules: anyone can run it beside `wenyun lottery verify`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const sha256 = (data) => createHash('sha256').update(data).digest();
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); // ids are ASCII: code units are bytes

/** The canonical draw file (a string) of a parsed draw file's inputs and beacon value. */
export function recompute(doc) {
  const i = doc.inputs;
  if (i.algorithm !== 'wenyun-lottery/1') throw new Error(`unknown algorithm ${i.algorithm}`);
  // 1. the canonical inputs: members in the documented order, items and applicants by id
  const classes = (a) => a.choices.map((_, k) => (Array.isArray(a.priority) ? a.priority[k] : (a.priority ?? 0)));
  const inputs = {
    algorithm: i.algorithm,
    title: i.title ?? '',
    rules: { max_choices: i.rules.max_choices, max_places: i.rules.max_places, priority_rule: i.rules.priority_rule ?? '' },
    beacon: { source: i.beacon.source, round: i.beacon.round },
    items: i.items.map((x) => ({ id: x.id, name: x.name ?? '', places: x.places })).sort(byId),
    applicants: i.applicants.map((a) => {
      const c = classes(a);
      const o = { id: a.id, choices: [...a.choices], priority: c.every((v) => v === c[0]) ? c[0] : c };
      if ((a.max_places ?? i.rules.max_places) !== i.rules.max_places) o.max_places = a.max_places;
      return o;
    }).sort(byId),
  };
  const commitment = sha256(JSON.stringify(inputs)).toString('hex');
  // 2. the seed
  const value = doc.beacon_value.toLowerCase();
  const seed = sha256(`${commitment}\n${inputs.beacon.source}\n${inputs.beacon.round}\n${value}\n`);
  // 3. tickets and ranks
  const apps = inputs.applicants.map((a) => ({
    ...a,
    cls: classes(a),
    ticket: sha256(Buffer.concat([seed, Buffer.from(a.id, 'latin1')])).toString('hex'),
  }));
  [...apps].sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : byId(a, b)))
    .forEach((a, r) => { a.rank = r + 1; });
  // 4. deferred acceptance, all applicants proposing at once in each round
  const M = inputs.rules.max_places;
  const items = new Map(inputs.items.map((x) => [x.id, { ...x, held: [] }]));
  const key = (a, k) => [a.cls[k], a.rank];
  const better = (p, q) => p[0] - q[0] || p[1] - q[1];
  for (const a of apps) { a.next = 0; a.got = new Set(); a.limit = a.max_places ?? M; }
  for (;;) {
    let proposals = 0;
    for (const a of apps) {
      while (a.got.size < a.limit && a.next < a.choices.length) {
        const k = a.next++;
        const x = items.get(a.choices[k]);
        x.held.push({ a, k });
        a.got.add(x.id);
        proposals++;
      }
    }
    if (!proposals) break;
    for (const x of items.values()) {
      x.held.sort((p, q) => better(key(p.a, p.k), key(q.a, q.k)));
      for (const { a } of x.held.splice(x.places)) a.got.delete(x.id);
    }
  }
  // 5. the lists, in each item's order
  const ranked = new Map(inputs.items.map((x) => [x.id, []]));
  for (const a of apps) a.choices.forEach((c, k) => ranked.get(c).push({ a, k }));
  const out = {
    inputs,
    commitment,
    beacon_value: value,
    seed: seed.toString('hex'),
    applicants: apps.map((a) => ({
      id: a.id, ticket: a.ticket, rank: a.rank, assigned: a.choices.filter((c) => a.got.has(c)),
    })),
    items: inputs.items.map((x) => {
      const list = ranked.get(x.id).sort((p, q) => better(key(p.a, p.k), key(q.a, q.k)));
      return {
        id: x.id,
        admitted: list.filter(({ a }) => a.got.has(x.id)).map(({ a }) => a.id),
        waiting: list.filter(({ a }) => !a.got.has(x.id)).map(({ a }) => a.id),
      };
    }),
  };
  return `${JSON.stringify(out)}\n`;
}

/** null when the bytes verify, else what is wrong. */
export function verify(bytes) {
  let doc;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return `not JSON: ${e.message}`;
  }
  let canon;
  try {
    canon = Buffer.from(recompute(doc));
  } catch (e) {
    return `cannot recompute: ${e.message}`;
  }
  if (canon.equals(bytes)) return null;
  let at = 0;
  while (at < canon.length && at < bytes.length && canon[at] === bytes[at]) at++;
  return `differs from the recomputed draw at byte ${at}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node verify.mjs FILE');
    process.exit(2);
  }
  const why = verify(readFileSync(file));
  console.log(why ? `${file}: refused: ${why}` : `${file}: verified`);
  process.exit(why ? 1 : 0);
}

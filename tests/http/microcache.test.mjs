// The public micro-cache (src/http/microcache.c): anonymous callers of the public lists may get
// the answer of a moment ago (server.public_cache_ms); logged-in callers never do, each
// language and query has its own answer, and after the moment everyone sees the change.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, loginAs, DEMO } from '../http/lib.mjs';

const MS = 1500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const names = (r) => r.json.items.map((v) => v.name);

describe('the public micro-cache', () => {
  let srv, anon, district;
  before(async () => {
    srv = await startServer({ config: { server: { public_cache_ms: MS } } });
    anon = new Client(srv.base);
    district = await loginAs(srv.base, DEMO.districtAdmin);
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });

  it('anonymous lists lag by at most the moment; logged-in callers see the change at once', async () => {
    const q = '/api/v1/venues?division=510402&limit=100';
    const before = await anon.get(q);
    assert.equal(before.status, 200);
    const t0 = Date.now();
    const made = await district.post('/api/v1/venues', { name: '缓存测试书屋', category: 'new_space', division: '510402' });
    assert.equal(made.status, 201, made.text);

    // the one who wrote it (logged in) sees it at once
    assert.ok(names(await district.get(q)).includes('缓存测试书屋'));
    // an anonymous caller within the moment gets the same bytes as before
    const soon = await anon.get(q);
    if (Date.now() - t0 < MS - 200) assert.equal(soon.text, before.text, 'served from the cache');
    // another query is another answer, built now
    const other = await anon.get('/api/v1/venues?division=510402&limit=99');
    assert.ok(names(other).includes('缓存测试书屋'), 'a different query is not served the old answer');
    // English and Chinese answers are kept apart
    const en = await anon.get(q, { headers: { 'Accept-Language': 'en' } });
    assert.equal(en.status, 200);

    await sleep(MS + 100);
    assert.ok(names(await anon.get(q)).includes('缓存测试书屋'), 'after the moment the change shows');
  });

  it('errors are not cached, and the activity list is cached too', async () => {
    const bad = await anon.get('/api/v1/activities?category=nope');
    assert.equal(bad.status, 400);
    const list = await anon.get('/api/v1/activities');
    assert.equal(list.status, 200);
    const again = await anon.get('/api/v1/activities');
    assert.equal(again.text, list.text);
    assert.equal(again.headers.get('content-type'), 'application/json; charset=utf-8');
  });
});

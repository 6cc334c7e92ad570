// Activity posters: staff who manage an activity upload a JPEG, PNG or WebP image (the API's
// PUT with the raw image, or the activity page's multipart form), everyone sees it once the
// activity is published, and it is served with its type, an ETag (304 on If-None-Match) and
// a cache lifetime. Other types, a Content-Type that does not match the bytes and images over
// [activity] poster_max_bytes are refused with nothing changed; citizens and staff of another
// district may not change it; a draft's poster is not served to anonymous callers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { startServer, cleanup, Client, DEMO, loginAs, assertError, freshPhone } from './lib.mjs';

const DAY = 24 * 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const MAX = 64 * 1024; // [activity] poster_max_bytes in this test

/** CRC-32 of a buffer, as PNG chunks carry it. */
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A valid w x h RGB PNG, each pixel coloured from its position, or random (which deflate cannot shrink). */
function png(w, h, noise = false) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  const rnd = noise ? randomBytes(w * 3 * h) : null;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w * 3; x++) raw[y * (w * 3 + 1) + 1 + x] = noise ? rnd[y * w * 3 + x] : (x * 7 + y * 13) & 0xff;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// a 1x1 baseline JPEG (white)
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

describe('activity posters', () => {
  let srv, anon, vm, rv1, rv2, cz, other, city;
  let pub, draft; // activity ids: a published one, a draft

  async function create(title) {
    const now = Date.now();
    const r = await vm.post('/api/v1/activities', {
      title,
      category: 'exhibition',
      division: '510402001',
      description: '大渡口街道文化站书画展。',
      sessions: [{ starts_at: iso(now + 3 * DAY), ends_at: iso(now + 3 * DAY + 7200000), capacity: 20 }],
    });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }

  async function publish(id) {
    assert.equal((await vm.post(`/api/v1/activities/${id}/submit`)).status, 200);
    for (const rv of [rv1, rv2]) {
      const q = await rv.get('/api/v1/reviews?status=pending');
      const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === id);
      assert.ok(item, q.text);
      const d = await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
      assert.equal(d.status, 200, d.text);
    }
  }

  /** PUT the raw image through the API as client c. */
  function put(c, id, body, type) {
    return c.request('PUT', `/api/v1/activities/${id}/poster`, { body, headers: { 'Content-Type': type } });
  }

  /** GET the image with its bytes (the client's text() would garble them). */
  async function getImage(id, headers = {}) {
    const r = await fetch(`${srv.base}/activities/${id}/poster`, { headers });
    return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
  }

  before(async () => {
    srv = await startServer({
      config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 }, activity: { poster_max_bytes: MAX } },
    });
    anon = new Client(srv.base);
    [vm, rv1, rv2, cz, city] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
      loginAs(srv.base, DEMO.cityAdmin),
    ]);
    // a venue manager of another district (西区 510403)
    const phone = freshPhone();
    const a = await city.post('/api/v1/accounts', { phone, password: 'Poster2026west', name: '西区站长', division: '510403' });
    assert.equal(a.status, 201, a.text);
    const g = await city.post(`/api/v1/accounts/${a.json.id}/roles`, { role: 'venue_manager', division: '510403' });
    assert.equal(g.status, 201, g.text);
    other = new Client(srv.base);
    await other.login(phone, 'Poster2026west');
    pub = await create('书画展（海报）');
    await publish(pub);
    draft = await create('草稿活动（海报）');
  });
  after(async () => {
    await srv?.stop();
    cleanup(srv?.dir);
  });

  it('an activity without a poster has poster_url null and no image', async () => {
    const r = await anon.get(`/api/v1/activities/${pub}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.poster_url, null);
    assert.equal((await getImage(pub)).status, 404);
  });

  it('its manager uploads a PNG: served back byte for byte with its type, ETag and cache lifetime', async () => {
    const img = png(4, 3);
    const r = await put(vm, pub, img, 'image/png');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.content_type, 'image/png');
    assert.equal(r.json.bytes, img.length);
    assert.match(r.json.etag, /^[0-9a-f]{32}$/);
    const d = await anon.get(`/api/v1/activities/${pub}`);
    assert.equal(d.json.poster_url, r.json.url);
    assert.match(d.json.poster_url, new RegExp(`^/activities/${pub}/poster\\?v=[0-9a-f]{12}$`));
    const g = await getImage(pub);
    assert.equal(g.status, 200);
    assert.equal(g.headers.get('content-type'), 'image/png');
    assert.ok(g.bytes.equals(img), 'the same bytes');
    assert.equal(g.headers.get('etag'), `"${r.json.etag}"`);
    assert.equal(g.headers.get('cache-control'), 'public, max-age=300');
    // revalidation
    const n = await getImage(pub, { 'If-None-Match': g.headers.get('etag') });
    assert.equal(n.status, 304);
    assert.equal(n.bytes.length, 0);
    assert.equal((await getImage(pub, { 'If-None-Match': '"0000"' })).status, 200);
    // the address follows the image too
    const u = await fetch(srv.base + d.json.poster_url);
    assert.ok(Buffer.from(await u.arrayBuffer()).equals(img));
  });

  it('a JPEG replaces it: a new ETag, the new type, and the set is audited', async () => {
    const before = (await getImage(pub)).headers.get('etag');
    const r = await put(vm, pub, JPEG, 'image/jpeg');
    assert.equal(r.status, 200, r.text);
    const g = await getImage(pub);
    assert.equal(g.headers.get('content-type'), 'image/jpeg');
    assert.ok(g.bytes.equals(JPEG));
    assert.notEqual(g.headers.get('etag'), before);
    assert.equal((await getImage(pub, { 'If-None-Match': before })).status, 200, 'the old ETag no longer matches');
    const a = await city.get(`/api/v1/audit?object_type=activity&object_id=${pub}`);
    assert.equal(a.status, 200, a.text);
    const sets = a.json.items.filter((e) => e.action === 'poster.set');
    assert.equal(sets.length, 2, a.text);
  });

  it('refuses a text file, a mismatched Content-Type and an empty body (415/400), leaving the poster as it was', async () => {
    assertError(await put(vm, pub, Buffer.from('hello, not an image'), 'text/plain'), 415, 'unsupported_type');
    assertError(await put(vm, pub, Buffer.from('hello, not an image'), 'image/png'), 415, 'not_an_image');
    assertError(await put(vm, pub, png(2, 2), 'image/jpeg'), 415, 'type_mismatch');
    assertError(await put(vm, pub, JPEG, 'image/gif'), 415, 'unsupported_type');
    assertError(await put(vm, pub, Buffer.alloc(0), 'image/png'), 400, 'empty_poster');
    const g = await getImage(pub);
    assert.ok(g.bytes.equals(JPEG), 'unchanged');
  });

  it('refuses an image over poster_max_bytes with 413 and the limit in words', async () => {
    const big = png(160, 160, true);
    assert.ok(big.length > MAX, `the test image is ${big.length} bytes`);
    const r = await vm.request('PUT', `/api/v1/activities/${pub}/poster`, {
      body: big, headers: { 'Content-Type': 'image/png', 'Accept-Language': 'en' },
    });
    assertError(r, 413, 'poster_too_large');
    assert.equal(r.json.error.message, 'A poster may be at most 64 KiB.');
    const zh = await vm.request('PUT', `/api/v1/activities/${pub}/poster`, {
      body: big, headers: { 'Content-Type': 'image/png', 'Accept-Language': 'zh-CN' },
    });
    assert.equal(zh.status, 413);
    assert.equal(zh.json.error.message, '海报图片最大 64 KiB。');
    assert.ok((await getImage(pub)).bytes.equals(JPEG), 'unchanged');
  });

  it('a citizen, anonymous callers and staff of another district may not change it', async () => {
    assertError(await put(anon, pub, png(2, 2), 'image/png'), 401);
    assertError(await put(cz, pub, png(2, 2), 'image/png'), 403, 'forbidden');
    assertError(await put(other, pub, png(2, 2), 'image/png'), 403, 'forbidden');
    // who may comes before what: a stranger is told no, not what the image lacks
    assertError(await put(other, pub, Buffer.from('text'), 'text/plain'), 403, 'forbidden');
    assertError(await other.delete(`/api/v1/activities/${pub}/poster`), 403, 'forbidden');
    assertError(await cz.delete(`/api/v1/activities/${pub}/poster`), 403, 'forbidden');
    assertError(await put(other, draft, png(2, 2), 'image/png'), 404, 'not_found');
    assertError(await put(vm, 999999, png(2, 2), 'image/png'), 404, 'not_found');
    assert.ok((await getImage(pub)).bytes.equals(JPEG), 'unchanged');
  });

  it("a draft's poster is shown to its staff and reviewers, not to anyone else", async () => {
    const img = png(3, 3);
    assert.equal((await put(vm, draft, img, 'image/png')).status, 200);
    assert.equal((await getImage(draft)).status, 404, 'anonymous');
    const asVm = await vm.request('GET', `/activities/${draft}/poster`);
    assert.equal(asVm.status, 200);
    assert.equal(asVm.headers.get('cache-control'), 'private, no-cache');
    assert.equal((await rv1.request('GET', `/activities/${draft}/poster`)).status, 200);
    assert.equal((await cz.request('GET', `/activities/${draft}/poster`)).status, 404);
    assert.equal((await other.request('GET', `/activities/${draft}/poster`)).status, 404);
  });

  it('delete removes it (audited); a second delete is 404 no_poster', async () => {
    const r = await vm.delete(`/api/v1/activities/${draft}/poster`);
    assert.equal(r.status, 200, r.text);
    assert.equal((await vm.request('GET', `/activities/${draft}/poster`)).status, 404);
    assert.equal((await vm.get(`/api/v1/activities/${draft}`)).json.poster_url, null);
    assertError(await vm.delete(`/api/v1/activities/${draft}/poster`), 404, 'no_poster');
    const a = await city.get(`/api/v1/audit?object_type=activity&object_id=${draft}`);
    assert.ok(a.json.items.some((e) => e.action === 'poster.delete'), a.text);
  });

  it('the page shows the poster; its staff upload and remove it through the forms', async () => {
    // anonymous: the image, no forms
    let p = await anon.get(`/activities/${pub}`);
    assert.equal(p.status, 200);
    assert.match(p.text, new RegExp(`<img id="poster" src="/activities/${pub}/poster\\?v=[0-9a-f]{12}" alt="书画展（海报）" loading="lazy"`));
    assert.doesNotMatch(p.text, /poster-form/);
    // the venue manager in a browser: a cookie session and the CSRF token
    const b = new Client(srv.base, { useCookie: true });
    await b.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    p = await b.get(`/activities/${pub}`);
    assert.match(p.text, /id="poster-form"/);
    assert.match(p.text, /enctype="multipart\/form-data"/);
    assert.match(p.text, /id="poster-remove"/);
    const csrf = b.jar.get('wy_csrf');
    assert.ok(csrf);
    const img = png(5, 5);
    const form = () => {
      const f = new FormData();
      f.append('_csrf', csrf);
      f.append('poster', new Blob([img], { type: 'image/png' }), 'poster.png');
      return f;
    };
    // without the token: refused
    const f0 = new FormData();
    f0.append('poster', new Blob([img], { type: 'image/png' }), 'poster.png');
    assert.equal((await b.request('POST', `/activities/${pub}/poster`, { body: f0 })).status, 403);
    const up = await b.request('POST', `/activities/${pub}/poster`, { body: form() });
    assert.equal(up.status, 303, up.text);
    assert.equal(up.headers.get('location'), `/activities/${pub}?msg=poster_saved`);
    assert.ok((await getImage(pub)).bytes.equals(img), 'the uploaded bytes are served');
    p = await b.get(up.headers.get('location'));
    assert.match(p.text, /class="flash"/);
    // a text file through the form: 415, a page that says why
    const ft = new FormData();
    ft.append('_csrf', csrf);
    ft.append('poster', new Blob(['plain text'], { type: 'text/plain' }), 'notes.txt');
    const bad = await b.request('POST', `/activities/${pub}/poster`, { body: ft });
    assert.equal(bad.status, 415);
    assert.match(bad.headers.get('content-type'), /text\/html/);
    // no file chosen: 400
    const fe = new FormData();
    fe.append('_csrf', csrf);
    assert.equal((await b.request('POST', `/activities/${pub}/poster`, { body: fe })).status, 400);
    // a citizen's form post is refused
    const c = new Client(srv.base, { useCookie: true });
    await c.login(DEMO.citizen.phone, DEMO.citizen.password);
    await c.get(`/activities/${pub}`);
    const fc = new FormData();
    fc.append('_csrf', c.jar.get('wy_csrf'));
    fc.append('poster', new Blob([png(2, 2)], { type: 'image/png' }), 'x.png');
    assert.equal((await c.request('POST', `/activities/${pub}/poster`, { body: fc })).status, 403);
    assert.ok((await getImage(pub)).bytes.equals(img), 'unchanged');
    // remove
    const rm = await b.request('POST', `/activities/${pub}/poster/delete`, {
      body: new URLSearchParams({ _csrf: csrf }),
    });
    assert.equal(rm.status, 303, rm.text);
    assert.equal((await getImage(pub)).status, 404);
    p = await anon.get(`/activities/${pub}`);
    assert.doesNotMatch(p.text, /<img id="poster"/);
  });
});

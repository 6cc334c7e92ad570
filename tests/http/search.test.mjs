// Search of activities (GET /api/v1/activities and the /activities page): free text in
// Chinese and Latin of 1, 2 and 3+ characters (trigram index or the short-query scan), % and
// _ taken literally, the other filters with it, the distance filter around real places of
// 攀枝花 (the demo venues), and cursor pagination without duplicates or gaps in every order.
// Then the iCalendar feeds of a venue, of a category and the private feed of one's bookings,
// read back by Debian's python3-icalendar.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, DEMO, Client, assertError } from './lib.mjs';

const PARSE = `
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for ev in cal.walk('VEVENT'):
    out.append({'uid': str(ev.get('uid')), 'summary': str(ev.get('summary')),
                'description': str(ev.get('description') or ''),
                'location': str(ev.get('location') or ''),
                'status': str(ev.get('status') or ''),
                'start': ev.decoded('dtstart').isoformat(), 'end': ev.decoded('dtend').isoformat()})
print(json.dumps({'name': str(cal.get('x-wr-calname')), 'events': out}, ensure_ascii=False))
`;

function parseIcs(text) {
  const p = spawnSync('/usr/bin/python3', ['-c', PARSE], { input: text, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  return JSON.parse(p.stdout);
}

/** Metres between two WGS84 points on a sphere: an independent check, good to 0.5%. */
function haversine([lon1, lat1], [lon2, lat2]) {
  const r = 6371008.8;
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

const day = (d, h = 9) => `2027-05-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+08:00`;
// the demo publishes activities too (src/demo.c): the assertions are about this test's own
const mine = new Set();
const ids = (r) => r.json.items.map((a) => a.id).filter((id) => mine.has(id));

describe('activity search and calendar feeds', () => {
  let srv, staff, citizen, anon;
  let lib, centre, museum; // demo venues: [id, [lon, lat]]
  const A = {}; // name -> activity

  async function create(name, body) {
    const r = await staff.post('/api/v1/activities', {
      category: 'performance',
      division: '510402001',
      description: '',
      ...body,
      sessions: body.sessions || [{ starts_at: day(10), ends_at: day(10, 11), capacity: 20 }],
    });
    assert.equal(r.status, 201, r.text);
    A[name] = r.json;
    mine.add(r.json.id);
    return r.json;
  }

  /** Submit every draft made so far and approve it at both review levels. */
  async function publishAll(names) {
    for (const n of names) assert.equal((await staff.post(`/api/v1/activities/${A[n].id}/submit`)).status, 200);
    const want = new Set(names.map((n) => A[n].id));
    for (const rv of [DEMO.districtReviewer, DEMO.cityReviewer]) {
      const c = await loginAs(srv.base, rv);
      const items = (await c.get('/api/v1/reviews?status=pending&limit=100')).json.items
        .filter((i) => i.content_type === 'activity' && want.has(i.content_id));
      for (const i of items) {
        const r = await c.post(`/api/v1/reviews/${i.id}/decision`, { decision: 'approve' });
        assert.equal(r.status, 200, r.text);
      }
    }
    for (const n of names) assert.equal((await anon.get(`/api/v1/activities/${A[n].id}`)).json.status, 'published');
  }

  /** Every page of a search, following next_cursor; asserts no duplicates. */
  async function allPages(query, limit) {
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 50; i++) {
      const r = await anon.get(`/api/v1/activities?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= limit);
      seen.push(...r.json.items);
      cursor = r.json.next_cursor;
      if (!cursor) break;
    }
    const got = seen.map((a) => a.id);
    assert.equal(new Set(got).size, got.length, `duplicates across pages: ${got}`);
    return seen;
  }

  before(async () => {
    srv = await startServer();
    // the district's admin: the venues (in 510402) are within what they may publish for
    staff = await loginAs(srv.base, DEMO.districtAdmin);
    citizen = await loginAs(srv.base, DEMO.citizen);
    anon = new Client(srv.base);
    const venue = async (name) => {
      const v = (await anon.get(`/api/v1/venues?q=${encodeURIComponent(name)}`)).json.items.find((x) => x.name === name);
      assert.ok(v, name);
      return [v.id, [v.lon, v.lat]];
    };
    lib = await venue('攀枝花市图书馆');
    centre = await venue('攀枝花市文化馆');
    museum = await venue('中国三线建设博物馆');
    await create('jingju', { title: '京剧名段欣赏会', venue_id: lib[0], description: '国粹经典' });
    await create('chuanju', {
      title: '川剧变脸专场', venue_id: centre[0], description: '含京剧选段',
      sessions: [{ starts_at: day(3), ends_at: day(3, 11), capacity: 50 }],
    });
    await create('shufa', {
      title: '少儿书法培训班', category: 'training', description: '学习毛笔字', lon: 101.95, lat: 26.80,
      sessions: [{ starts_at: day(20), ends_at: day(20, 11), capacity: 30 }],
    });
    await create('latin', {
      title: 'Calligraphy Workshop', category: 'lecture', venue_id: museum[0], description: 'Learn BRUSH writing',
      sessions: [{ starts_at: day(12), ends_at: day(12, 11), capacity: 30 }],
    });
    await create('percent', { title: '特价100%_演出', description: 'a_b 50%' });
    await create('full', {
      title: '书法精品展', category: 'exhibition', venue_id: lib[0],
      sessions: [{ starts_at: day(15), ends_at: day(15, 11), capacity: 1 }],
    });
    await create('draft', { title: '京剧草稿（未发布）', venue_id: lib[0] });
    const many = [];
    for (let i = 0; i < 11; i++) {
      const n = `garden${i}`;
      many.push(n);
      await create(n, {
        title: i % 3 ? `园林音乐会 第${i}场` : `夜游 第${i}场`,
        description: i % 3 ? '' : '园林音乐会之后',
        venue_id: [lib, centre, museum][i % 3][0],
        sessions: [{ starts_at: day(1 + (i % 4)), ends_at: day(1 + (i % 4), 11), capacity: 10 }],
      });
    }
    await publishAll(['jingju', 'chuanju', 'shufa', 'latin', 'percent', 'full', ...many]);
    // the one seat of "full" taken
    const b = await citizen.post(`/api/v1/sessions/${A.full.sessions[0].id}/bookings`, {});
    assert.equal(b.status, 201, b.text);
  });
  after(async () => {
    await srv?.stop();
  });

  const search = async (qs) => {
    const r = await anon.get(`/api/v1/activities?${qs}`);
    assert.equal(r.status, 200, r.text);
    return r;
  };
  const q = (text, more = '') => search(`q=${encodeURIComponent(text)}${more}`);

  it('finds Chinese text of 1, 2 and 3+ characters, title matches first', async () => {
    // 2 characters (the scan): the title match first, the description match after
    assert.deepEqual(ids(await q('京剧')), [A.jingju.id, A.chuanju.id]);
    // 1 character: both titles hold it; then the soonest session (川剧 on the 3rd) first
    assert.deepEqual(ids(await q('剧')), [A.chuanju.id, A.jingju.id]);
    // 3+ characters (the trigram index): title, description, venue name
    assert.deepEqual(ids(await q('京剧名段')), [A.jingju.id]);
    assert.deepEqual(ids(await q('含京剧选段')), [A.chuanju.id]);
    assert.deepEqual(ids(await q('毛笔字')), [A.shufa.id]);
    assert.deepEqual(ids(await q('书法')).sort(), [A.shufa.id, A.full.id].sort());
    const atLibrary = ids(await q('攀枝花市图书馆', '&limit=100'));
    assert.ok(atLibrary.includes(A.jingju.id) && atLibrary.includes(A.full.id), 'the venue name is searched');
    assert.ok(!atLibrary.includes(A.chuanju.id));
    // drafts are never found
    assert.ok(!ids(await q('草稿')).includes(A.draft.id));
    assert.deepEqual(ids(await q('不存在的活动')), []);
  });

  it('finds Latin text in any case, and takes % and _ literally', async () => {
    for (const t of ['calligraphy', 'CALLIGRAPHY', 'brush', 'Brush Wr', 'cA', 'W']) {
      assert.ok(ids(await q(t)).includes(A.latin.id), t);
    }
    assert.deepEqual(ids(await q('ca')), [A.latin.id]);
    assert.deepEqual(ids(await q('%')), [A.percent.id]);
    assert.deepEqual(ids(await q('_')), [A.percent.id]);
    assert.deepEqual(ids(await q('0%_')), [A.percent.id]);
    assert.deepEqual(ids(await q('a_b')), [A.percent.id]);
    assert.deepEqual(ids(await q('a%b')), []);
    assert.deepEqual(ids(await q('1_0')), []);
    assert.deepEqual(ids(await q('"京剧')), []);
    assertError(await anon.get(`/api/v1/activities?q=${'长'.repeat(101)}`), 400, 'bad_query');
  });

  it('combines text with division, category, free seats and the time window', async () => {
    assert.deepEqual(ids(await q('书法', '&category=exhibition')), [A.full.id]);
    assert.deepEqual(ids(await q('书法', '&free=1')), [A.shufa.id]);
    assert.deepEqual(ids(await q('京剧', '&division=510402')), [A.jingju.id, A.chuanju.id]);
    assert.deepEqual(ids(await q('京剧', '&division=510403')), []);
    const from = encodeURIComponent(day(5, 0));
    const to = encodeURIComponent(day(11, 0));
    assert.deepEqual(ids(await q('剧', `&from=${from}&to=${to}`)), [A.jingju.id]);
    assert.deepEqual(ids(await q('书法', `&from=${from}&to=${to}`)), []);
    assertError(await anon.get('/api/v1/activities?category=nope'), 400, 'bad_category');
    assertError(await anon.get('/api/v1/activities?from=yesterday'), 400, 'bad_time');
    assertError(await anon.get(`/api/v1/activities?from=${to}&to=${from}`), 400, 'bad_time');
  });

  it('filters by distance from a point, the activity\'s place or its venue\'s', async () => {
    // 1 km around the city library: the library and the culture centre (~0.7 km), not the
    // 三线 museum (~1.3 km) nor the training up north (~30 km)
    const near = `near=${lib[1][0]},${lib[1][1]}`;
    const r = await search(`${near}&radius=1000&limit=100`);
    const got = ids(r);
    for (const n of ['jingju', 'chuanju', 'full']) assert.ok(got.includes(A[n].id), n);
    for (const n of ['latin', 'shufa', 'percent']) assert.ok(!got.includes(A[n].id), `${n} ${JSON.stringify(r.json.items.map((a) => [a.title, a.distance_m]))}`);
    const place = { [lib[0]]: lib[1], [centre[0]]: centre[1], [museum[0]]: museum[1] };
    for (const a of r.json.items) {
      const want = haversine(lib[1], place[a.venue_id]);
      assert.ok(Math.abs(a.distance_m - want) <= 0.005 * want + 1, `${a.title}: ${a.distance_m} vs ${want}`);
      assert.ok(a.distance_m <= 1000);
    }
    // the default radius (5 km) reaches the museum; 50 km reaches the training (own place)
    assert.ok(ids(await search(`${near}&limit=100`)).includes(A.latin.id));
    assert.ok(!ids(await search(`${near}&limit=100`)).includes(A.shufa.id));
    assert.ok(ids(await search(`${near}&radius=50000&limit=100`)).includes(A.shufa.id));
    // nearest first, with text too
    const s = await search(`${near}&radius=5000&sort=distance&q=${encodeURIComponent('园林音乐会')}&limit=100`);
    const d = s.json.items.map((a) => a.distance_m);
    assert.deepEqual(d, [...d].sort((x, y) => x - y));
    assert.equal(s.json.items.length, 11);
    assert.equal(s.json.items[0].venue_id, lib[0]);
    // bad input: clear 400s
    assertError(await anon.get('/api/v1/activities?near=abc'), 400, 'bad_near');
    assertError(await anon.get('/api/v1/activities?near=101.7'), 400, 'bad_near');
    assertError(await anon.get('/api/v1/activities?near=200,26.5'), 400, 'bad_near');
    assertError(await anon.get('/api/v1/activities?near=101.7,95'), 400, 'bad_near');
    assertError(await anon.get(`/api/v1/activities?${near}&radius=0`), 400, 'bad_radius');
    assertError(await anon.get(`/api/v1/activities?${near}&radius=50001`), 400, 'bad_radius');
    assertError(await anon.get(`/api/v1/activities?${near}&radius=far`), 400, 'bad_radius');
    assertError(await anon.get('/api/v1/activities?radius=100'), 400, 'bad_radius');
    assertError(await anon.get('/api/v1/activities?sort=distance'), 400, 'bad_sort');
    assertError(await anon.get('/api/v1/activities?sort=price'), 400, 'bad_sort');
  });

  it('pages through every order without duplicates or gaps', async () => {
    const near = `near=${lib[1][0]},${lib[1][1]}&radius=5000`;
    const text = `q=${encodeURIComponent('园林音乐会')}`;
    const close = `near=${lib[1][0]},${lib[1][1]}&radius=1000`; // drops the museum's
    for (const query of ['division=5104', text, `${text}&${near}`, `${near}&sort=distance`,
      `${text}&${near}&sort=distance`, 'category=performance&free=1', close, `${text}&${close}`,
      'sort=soonest', 'division=510402&sort=soonest']) {
      const whole = (await search(`${query}&limit=100`)).json.items.map((a) => a.id);
      for (const limit of [1, 3, 4]) {
        const paged = (await allPages(query, limit)).map((a) => a.id);
        assert.deepEqual(paged, whole, `${query} by ${limit}`);
      }
    }
    // title matches come first in the text order
    const ranked = (await search(`${text}&limit=100`)).json.items;
    assert.equal(ranked.length, 11);
    const firstMiss = ranked.findIndex((a) => !a.title.includes('园林音乐会'));
    assert.ok(firstMiss > 0 && ranked.slice(firstMiss).every((a) => !a.title.includes('园林音乐会')));
    // soonest first: the coming sessions in time order
    const soon = (await search('sort=soonest&limit=100')).json.items;
    const starts = soon.map((a) => Math.min(...a.sessions.map((s) => Date.parse(s.starts_at)).filter((t) => t >= Date.now() - 60000)));
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i - 1] <= starts[i], `soonest order at ${i}: ${soon.map((a) => a.title).join(', ')}`);
    assertError(await anon.get('/api/v1/activities?sort=bogus'), 400, 'bad_sort');
    // a cursor of another order, or a broken one, is refused
    assertError(await anon.get('/api/v1/activities?cursor=abc'), 400, 'bad_cursor');
    assertError(await anon.get(`/api/v1/activities?${text}&cursor=12`), 400, 'bad_cursor');
  });

  it('the page searches too, keeps the filters on its next page and offers feeds', async () => {
    const r = await anon.get(`/activities?q=${encodeURIComponent('京剧')}`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('京剧名段欣赏会') && r.text.includes('川剧变脸专场'));
    assert.ok(!r.text.includes('夜游'));
    const p = await anon.get(`/activities?q=${encodeURIComponent('园林音乐会')}&near=${lib[1][0]},${lib[1][1]}&sort=distance&limit=2`);
    assert.equal(p.status, 200);
    assert.match(p.text, /id="next-page" href="\/activities\?cursor=d[0-9.]+&amp;q=%E5%9B%AD/);
    assert.match(p.text, /class="distance"/);
    const cat = await anon.get('/activities?category=lecture');
    assert.match(cat.text, /href="\/calendar\/category\/lecture\.ics"/);
    // the division feed follows the division chosen; without one, the city of what is published
    const div = await anon.get('/activities?division=510402');
    assert.match(div.text, /id="subscribe"><a href="\/calendar\/510402\.ics"/);
    const all = await anon.get('/activities');
    assert.match(all.text, /id="subscribe"><a href="\/calendar\/5104\.ics"/);
    const ven = await anon.get(`/venues/${lib[0]}`);
    assert.match(ven.text, new RegExp(`href="/calendar/venue/${lib[0]}\\.ics"`));
    assert.equal((await anon.get('/activities?near=x')).status, 400);
  });

  it('a venue feed and a category feed carry their published activities', async () => {
    const r = await fetch(`${srv.base}/calendar/venue/${lib[0]}.ics`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const etag = r.headers.get('etag');
    assert.ok(etag);
    const cal = parseIcs(await r.text());
    assert.match(cal.name, /攀枝花市图书馆/);
    const uids = cal.events.map((e) => e.uid);
    assert.ok(uids.includes(`session-${A.jingju.sessions[0].id}@wenyun`));
    assert.ok(uids.includes(`session-${A.full.sessions[0].id}@wenyun`));
    assert.ok(!uids.includes(`session-${A.chuanju.sessions[0].id}@wenyun`));
    assert.ok(!uids.includes(`session-${A.draft.sessions[0].id}@wenyun`), 'no drafts');
    const ev = cal.events.find((e) => e.uid === `session-${A.jingju.sessions[0].id}@wenyun`);
    assert.equal(ev.summary, '京剧名段欣赏会');
    assert.equal(ev.status, 'CONFIRMED');
    assert.equal(new Date(ev.start).toISOString(), '2027-05-10T01:00:00.000Z');
    // unchanged: 304 for the same ETag
    const again = await fetch(`${srv.base}/calendar/venue/${lib[0]}.ics`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);

    const c = await fetch(`${srv.base}/calendar/category/lecture.ics`);
    assert.equal(c.status, 200);
    const lec = parseIcs(await c.text());
    // the demo's lectures are there too; of this test's activities, only the lecture
    const lecUids = lec.events.map((e) => e.uid);
    const own = Object.values(A).flatMap((a) => a.sessions.map((s) => `session-${s.id}@wenyun`));
    assert.deepEqual(lecUids.filter((u) => own.includes(u)), [`session-${A.latin.sessions[0].id}@wenyun`]);
    assert.equal((await fetch(`${srv.base}/calendar/category/nope.ics`)).status, 404);
    assert.equal((await fetch(`${srv.base}/calendar/venue/999999.ics`)).status, 404);
    assert.equal((await fetch(`${srv.base}/calendar/venue/abc.ics`)).status, 404);
  });

  it('the private feed of one\'s bookings needs its token and ends at a reset', async () => {
    assertError(await anon.get('/api/v1/me/calendar'), 401);
    const me = await loginAs(srv.base, DEMO.citizen);
    const b = await me.post(`/api/v1/sessions/${A.jingju.sessions[0].id}/bookings`, {});
    assert.equal(b.status, 201, b.text);
    // a GET only says whether an address exists; it never makes one
    const none = await me.get('/api/v1/me/calendar');
    assert.equal(none.status, 200, none.text);
    assert.equal(none.json.exists, false);
    assert.equal(none.json.path, null);
    assert.equal((await me.get('/api/v1/me/calendar')).json.exists, false, 'still none after a GET');
    const made = await me.post('/api/v1/me/calendar', {});
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.exists, true);
    assert.match(made.json.path, /^\/calendar\/me\/[A-Za-z0-9_-]{43}\.ics$/);
    assert.ok(made.json.url.endsWith(made.json.path));
    // shown once: only its hash is kept
    const again = await me.get('/api/v1/me/calendar');
    assert.equal(again.status, 200);
    assert.equal(again.json.path, null);
    assert.equal(again.json.exists, true);
    assert.equal(again.json.created, false);
    // a second POST does not replace it (the reset does)
    assertError(await me.post('/api/v1/me/calendar', {}), 409, 'exists');

    const r = await fetch(srv.base + made.json.path);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await r.text();
    const cal = parseIcs(text);
    const ev = cal.events.find((e) => e.uid === `booking-${b.json.id}@wenyun`);
    assert.ok(ev, text);
    assert.equal(ev.summary, '京剧名段欣赏会');
    assert.equal(ev.status, 'CONFIRMED');
    assert.match(ev.location, /攀枝花市图书馆/);
    assert.ok(cal.events.some((e) => e.summary === '书法精品展'), 'the earlier booking too');
    assert.ok(!text.includes(b.json.code), 'no check-in code in the feed');

    // another account's feed is its own
    const other = await loginAs(srv.base, DEMO.districtAdmin);
    const theirs = await other.post('/api/v1/me/calendar', {});
    assert.equal(theirs.status, 201);
    assert.equal(parseIcs(await (await fetch(srv.base + theirs.json.path)).text()).events.length, 0);

    // unknown tokens
    assert.equal((await fetch(`${srv.base}/calendar/me/${'x'.repeat(43)}.ics`)).status, 404);
    assert.equal((await fetch(`${srv.base}/calendar/me/short.ics`)).status, 404);

    // a reset: the old address stops working, the new one works
    const reset = await me.post('/api/v1/me/calendar/reset', {});
    assert.equal(reset.status, 200, reset.text);
    assert.notEqual(reset.json.path, made.json.path);
    assert.equal((await fetch(srv.base + made.json.path)).status, 404);
    assert.equal((await fetch(srv.base + reset.json.path)).status, 200);
    assert.equal((await fetch(srv.base + theirs.json.path)).status, 200, 'another account is untouched');
    // the request log shows the route, not the secret address
    assert.ok(srv.logs().includes('/calendar/me/{token}.ics'), 'requests are logged');
    assert.ok(!srv.logs().includes(reset.json.path), 'no feed token in the log');

    // my bookings page offers a new address, and its form makes one and shows it once
    const web = await loginAs(srv.base, DEMO.citizen, { useCookie: true });
    const page = await web.get('/me/bookings');
    assert.match(page.text, /id="my-calendar"/);
    assert.match(page.text, /action="\/me\/calendar"/);
    const csrf = await web.csrfToken();
    const made2 = await web.request('POST', '/me/calendar', {
      body: new URLSearchParams({ _csrf: csrf }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(made2.status, 200, made2.text);
    const shown = made2.text.match(/id="calendar-url">[^<]*(\/calendar\/me\/[A-Za-z0-9_-]{43}\.ics)</);
    assert.ok(shown, made2.text);
    assert.equal((await fetch(srv.base + shown[1])).status, 200);
    assert.equal((await fetch(srv.base + reset.json.path)).status, 404, 'the form replaced the address');
  });
});

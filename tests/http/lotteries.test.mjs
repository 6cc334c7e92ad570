// The store of draws through the API and the pages (src/mod/lotteries/, docs/lottery.md), with
// a course term as the owner: staff open the term's lottery, commit it once the window has
// closed (a drand round not out yet), and draw it with the round's value once it is out; the
// published inputs hash to the commitment, the published draw file verifies with `wenyun
// lottery verify`, each applicant finds their receipt on "my courses", and who may do what.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, runCli, tempDir, cleanup } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const PASSWORD = 'Lottery2026pw';
const VALUE = 'fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('lotteries', () => {
  let srv, admin, district, rv1, rv2, citizen, anon, term, lottery, dir;
  const applicants = [];

  async function publish(body) {
    const r = await district.post('/api/v1/courses', {
      term_id: term, title: '古琴', category: 'music_instruments', division: '510402', places: 1, enrolment: 'lottery',
      schedule: [{ weekday: 6, starts: '09:00', ends: '11:00' }], ...body,
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await district.post(`/api/v1/courses/${id}/submit`)).status, 200);
    const q = await rv1.get('/api/v1/reviews?status=pending&limit=200');
    const item = q.json.items.find((x) => x.content_type === 'course' && x.content_id === id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');
    return id;
  }

  before(async () => {
    dir = tempDir();
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, rv1, rv2, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    const day = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    const t = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2027年春季公益培训 摇号', enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + DAY),
      classes_from: day(Date.now() + 7 * DAY), classes_until: day(Date.now() + 60 * DAY), max_courses: 1, max_choices: 2,
    });
    assert.equal(t.status, 201, t.text);
    term = t.json.id;
    const a = await publish({ title: '古琴', places: 1 });
    const b = await publish({ title: '琵琶', places: 2 });
    for (let i = 0; i < 4; i++) {
      const phone = freshPhone();
      assert.equal((await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '学员', role: 'citizen', division: '510402001' })).status, 201);
      const c = new Client(srv.base);
      await c.login(phone, PASSWORD);
      const r = await c.put(`/api/v1/course-terms/${term}/application`, { choices: [a, b] });
      assert.equal(r.status, 200, r.text);
      applicants.push(c);
    }
  });
  after(async () => {
    await srv?.stop();
    cleanup(dir);
  });

  it('the demo has a past draw anyone can verify: drand quicknet round 1000, with its real value', async () => {
    const list = await anon.get('/api/v1/lotteries?division=5104&limit=100');
    assert.equal(list.status, 200, list.text);
    const demo = list.json.items.find((x) => x.title === '攀枝花市文化馆2023年秋季公益培训班');
    assert.ok(demo, list.text);
    assert.equal(demo.status, 'drawn');
    assert.equal(demo.beacon.source, 'drand/quicknet');
    assert.equal(demo.beacon.round, 1000);
    assert.equal(demo.beacon.value, 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd');
    assert.equal(demo.beacon.check_url, 'https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/1000');
    assert.ok(Date.parse(demo.committed_at) < Date.parse(demo.beacon.due_at), 'committed before the round was out');
    assert.ok(Date.parse(demo.drawn_at) >= Date.parse(demo.beacon.due_at));
    const f = await anon.get(demo.draw_url);
    assert.equal(f.status, 200);
    const file = join(dir, 'demo-draw.json');
    writeFileSync(file, f.text);
    const v = runCli(['lottery', 'verify', file]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /verified/);
    const page = await anon.get(demo.page_url);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('data-outcome="verified"'));
    assert.ok(page.text.includes('/public/1000'));
    assert.ok(page.text.includes(`/api/v1/lotteries/${demo.id}/draw.json`));
    assert.ok(!page.text.includes('/static/lottery.js'), 'a drawn lottery\'s page polls nothing');
    assert.ok(page.text.includes('href="/lotteries"'), 'the page links to the list');
    // the list of lotteries, newest first, each with its stage, by area, paged
    let l = await anon.get('/lotteries');
    assert.equal(l.status, 200);
    assert.match(l.text, /<h1>摇号公示<\/h1>/);
    const item = l.text.match(new RegExp(`<li><a href="/lotteries/${demo.id}"><strong>([^<]*)</strong></a> <span class="badge approved">([^<]*)</span>`));
    assert.ok(item, l.text.slice(0, 2000));
    assert.equal(item[1], '攀枝花市文化馆2023年秋季公益培训班');
    assert.equal(item[2], '已摇号');
    const ids = [...l.text.matchAll(/<li><a href="\/lotteries\/(\d+)">/g)].map((m) => Number(m[1]));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    assert.deepEqual(ids, list.json.items.map((x) => x.id).slice(0, ids.length), 'the same lotteries as the API');
    l = await anon.get('/lotteries?division=510499');
    assert.equal(l.status, 200);
    assert.match(l.text, /暂无摇号。/);
    l = await anon.get('/lotteries?limit=1');
    assert.match(l.text, /id="next-page"/);
    assert.equal((await anon.get('/lotteries?limit=0')).status, 400);
  });

  it('staff open a term\'s lottery; it is public from then on, nothing published yet', async () => {
    assertError(await citizen.post(`/api/v1/course-terms/${term}/lottery`), 403, 'forbidden');
    const r = await district.post(`/api/v1/course-terms/${term}/lottery`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'open');
    lottery = r.json.id;
    assert.equal((await district.post(`/api/v1/course-terms/${term}/lottery`)).json.id, lottery); // one per term
    const g = await anon.get(`/api/v1/lotteries/${lottery}`);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.status, 'open');
    assert.equal(g.json.owner_type, 'course_term');
    assert.equal(g.json.owner_id, term);
    assert.equal(g.json.commitment, null);
    assert.equal(g.json.beacon, null);
    assertError(await anon.get(`/api/v1/lotteries/${lottery}/inputs.json`), 404, 'not_committed');
    assertError(await anon.get(`/api/v1/lotteries/${lottery}/draw.json`), 404, 'not_drawn');
    assertError(await anon.get('/api/v1/lotteries/999999'), 404, 'not_found');
  });

  it('is committed by staff of its area once the window has closed, to a round not out yet', async () => {
    assertError(await anon.post(`/api/v1/lotteries/${lottery}/commit`, {}), 401);
    assertError(await citizen.post(`/api/v1/lotteries/${lottery}/commit`, {}), 403, 'forbidden');
    assertError(await district.post(`/api/v1/lotteries/${lottery}/commit`, {}), 409, 'window_open');
    assert.equal((await district.patch(`/api/v1/course-terms/${term}`, { enrol_closes_at: iso(Date.now() - 1000) })).status, 200);
    assertError(await district.post(`/api/v1/lotteries/${lottery}/commit`, { beacon_source: 'nist/2.0/chain/2' }), 422, 'beacon_not_timed');
    assertError(await district.post(`/api/v1/lotteries/${lottery}/commit`, { draw_at: 'tomorrow' }), 400, 'bad_time');
    const before = Date.now();
    const r = await district.post(`/api/v1/lotteries/${lottery}/commit`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'committed');
    assert.match(r.json.commitment, /^[0-9a-f]{64}$/);
    assert.equal(r.json.beacon.source, 'drand/quicknet');
    assert.ok(Date.parse(r.json.beacon.due_at) > before, r.text);
    assert.equal(r.json.beacon.check_url, `https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/${r.json.beacon.round}`);
    assert.equal(r.json.beacon.check_field, 'randomness');
    // the published inputs are the bytes the commitment hashes
    const inputs = await anon.get(`/api/v1/lotteries/${lottery}/inputs.json`);
    assert.equal(inputs.status, 200);
    assert.equal(createHash('sha256').update(inputs.text, 'utf8').digest('hex'), r.json.commitment);
    assert.equal(inputs.json.beacon.round, r.json.beacon.round);
    assert.equal(inputs.json.applicants.length, 4);
    assert.equal(inputs.json.rules.max_places, 1);
    // once
    assertError(await district.post(`/api/v1/lotteries/${lottery}/commit`, {}), 409, 'bad_state');
    // not before the round is out
    assertError(await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE }), 409, 'too_early');
    await sleep(Math.max(0, Date.parse(r.json.beacon.due_at) - Date.now() + 300));
  });

  it('is drawn by staff with the round\'s value; the draw file verifies', async () => {
    assertError(await citizen.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE }), 403, 'forbidden');
    assertError(await district.post(`/api/v1/lotteries/${lottery}/draw`, {}), 400);
    assertError(await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: 'xyz' }), 422, 'bad_beacon_value');
    const r = await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'drawn');
    assert.equal(r.json.beacon.value, VALUE);
    assert.match(r.json.seed, /^[0-9a-f]{64}$/);
    const f = await anon.get(`/api/v1/lotteries/${lottery}/draw.json`);
    assert.equal(f.status, 200);
    assert.ok(f.text.endsWith('}\n'));
    assert.equal(f.json.commitment, r.json.commitment);
    const file = join(dir, 'draw.json');
    writeFileSync(file, f.text);
    const v = runCli(['lottery', 'verify', file]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /verified/);
    // three places for four applicants
    assert.equal(f.json.applicants.filter((a) => a.assigned.length).length, 3);
    // the same value again answers the same draw; another is refused
    const again = await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE });
    assert.equal(again.status, 200);
    assert.equal(again.json.seed, r.json.seed);
    assert.equal((await anon.get(`/api/v1/lotteries/${lottery}/draw.json`)).text, f.text);
    assertError(await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: '00112233445566778899aabbccddeeff' }), 409, 'bad_state');
    // listed
    const list = await anon.get('/api/v1/lotteries?division=510402');
    assert.equal(list.status, 200);
    const item = list.json.items.find((x) => x.id === lottery);
    assert.equal(item.status, 'drawn');
    assert.equal(item.commitment, r.json.commitment);
    assert.ok('next_cursor' in list.json);
  });

  it('each applicant finds their receipt on my courses and on the lottery\'s page', async () => {
    const f = (await anon.get(`/api/v1/lotteries/${lottery}/draw.json`)).json;
    let placed = 0;
    for (const c of applicants) {
      const m = await c.get('/api/v1/me/courses');
      assert.equal(m.status, 200, m.text);
      const app = m.json.applications.find((x) => x.term_id === term);
      const line = f.applicants.find((a) => a.id === app.pseudonym);
      assert.equal(app.lottery.lottery_id, lottery);
      assert.equal(app.lottery.ticket, line.ticket);
      assert.equal(app.lottery.rank, line.rank);
      assert.equal(app.lottery.result, line.assigned.length ? 'placed' : 'not_placed');
      if (line.assigned.length) {
        placed++;
        const e = m.json.items ?? m.json.enrolments;
        assert.ok(JSON.stringify(e).includes('"source":"lottery"'), m.text);
      }
      const page = await c.get('/me/courses');
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(line.ticket), 'the receipt on my courses');
    }
    assert.equal(placed, 3);
    const page = await anon.get(`/lotteries/${lottery}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(f.commitment));
    assert.ok(page.text.includes('wenyun lottery verify'));
    assert.ok(page.text.includes(f.applicants[0].ticket));
    const one = await anon.get(`/lotteries/${lottery}?q=${f.applicants[1].id}`);
    assert.ok(one.text.includes(f.applicants[1].ticket));
    assert.ok(!one.text.includes(f.applicants[0].ticket));
  });

  it('a correction of the results is a new record: proposed, applied by someone else, published beside the unchanged draw', async () => {
    const before = (await anon.get(`/api/v1/lotteries/${lottery}/draw.json`)).text;
    const f = JSON.parse(before);
    const placedLine = f.applicants.find((a) => a.assigned.length);
    const owner = await (async () => {
      for (const c of applicants) {
        const m = (await c.get('/api/v1/me/courses')).json;
        if (m.applications.find((x) => x.term_id === term).pseudonym === placedLine.id) return c;
      }
    })();
    const reason = '复核发现该申请人以两个账号重复报名，取消其摇号结果。';
    // refused: a citizen; a bad action; an applicant not in the draw; no reason
    assertError(await citizen.post(`/api/v1/lotteries/${lottery}/corrections`, { action: 'annul', applicant: placedLine.id, reason }), 403);
    assertError(await district.post(`/api/v1/lotteries/${lottery}/corrections`, { action: 'edit', applicant: placedLine.id, reason }), 400, 'bad_action');
    assertError(await district.post(`/api/v1/lotteries/${lottery}/corrections`, { action: 'annul', applicant: 'nobody', reason }), 422, 'unknown_applicant');
    assertError(await district.post(`/api/v1/lotteries/${lottery}/corrections`, { action: 'annul', applicant: placedLine.id, reason: '短' }), 400, 'bad_reason');
    const p = await district.post(`/api/v1/lotteries/${lottery}/corrections`, { action: 'annul', applicant: placedLine.id, reason });
    assert.equal(p.status, 201, p.text);
    assert.equal(p.json.status, 'proposed');
    // not public until applied; its proposer may not apply it
    assert.deepEqual((await anon.get(`/api/v1/lotteries/${lottery}/corrections`)).json.items, []);
    assert.equal((await district.get(`/api/v1/lotteries/${lottery}/corrections`)).json.items.length, 1);
    assertError(await district.post(`/api/v1/lottery-corrections/${p.json.id}/apply`), 403, 'own_correction');
    const a = await admin.post(`/api/v1/lottery-corrections/${p.json.id}/apply`);
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.status, 'applied');
    assertError(await admin.post(`/api/v1/lottery-corrections/${p.json.id}/cancel`), 409, 'bad_state');
    // published, with its reason; the draw file is what it was and still verifies
    const pub = await anon.get(`/api/v1/lotteries/${lottery}/corrections`);
    assert.equal(pub.json.items.length, 1);
    assert.equal(pub.json.items[0].applicant, placedLine.id);
    assert.equal(pub.json.items[0].reason, reason);
    assert.ok(!('proposed_by' in pub.json.items[0]), 'who acted is for staff');
    assert.equal((await anon.get(`/api/v1/lotteries/${lottery}/draw.json`)).text, before);
    const page = await anon.get(`/lotteries/${lottery}`);
    assert.ok(page.text.includes('id="corrections"'));
    assert.ok(page.text.includes(reason));
    // the annulled applicant's place is gone and they are told why
    const m = (await owner.get('/api/v1/me/courses')).json;
    assert.ok(!JSON.stringify(m.items ?? m.enrolments).includes('"status":"offered"'), JSON.stringify(m));
    const inbox = await owner.get('/api/v1/me/notifications');
    const note = inbox.json.items.find((n) => n.kind === 'course.annulled');
    assert.ok(note, inbox.text);
    assert.equal(note.reason, reason);
    // the staff's page form: an erratum proposed and cancelled, never published
    const form = await district.get(`/lotteries/${lottery}`);
    assert.ok(form.text.includes(`action="/lotteries/${lottery}/corrections"`));
    const e = await district.post(`/api/v1/lotteries/${lottery}/corrections`, { action: 'erratum', reason: '公示中的开课日期有误。' });
    assert.equal((await district.post(`/api/v1/lottery-corrections/${e.json.id}/cancel`)).json.status, 'cancelled');
    assert.equal((await anon.get(`/api/v1/lotteries/${lottery}/corrections`)).json.items.length, 1);
  });
});

// A draw happens once (issue 12): the server is killed with SIGKILL while it draws a term's
// lottery of tens of thousands of applicants, and restarted on the same database. The lottery
// is then either still committed with nothing of it applied (no place, receipt or waiting
// list) or fully drawn; drawing it (again) with the same beacon value publishes a draw file
// byte for byte the one `wenyun lottery draw --input` makes offline from the published inputs,
// and the places in the database are the file's. The applicants are written straight into the
// database (one statement each for the accounts, the applications and their choices).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, DEMO, loginAs, runCli, cleanup } from './lib.mjs';

const PG = !!process.env.WY_TEST_PG_HOST;
const APPLICANTS = PG ? 20000 : 40000; // PostgreSQL writes the waiting lists row by row: slower
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const VALUE = 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sql(db, query) {
  const r = PG
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${PG ? 'psql' : 'sqlite3'} failed on ${query}:\n${r.stderr}`);
  return r.stdout.trim();
}

describe('lottery: SIGKILL during a draw', () => {
  let srv, dir, db, district, term, lottery, courses;

  async function publish(title, places) {
    const rv1 = await loginAs(srv.base, DEMO.districtReviewer);
    const rv2 = await loginAs(srv.base, DEMO.cityReviewer);
    const r = await district.post('/api/v1/courses', {
      term_id: term, title, category: 'music_instruments', division: '510402', places, enrolment: 'lottery',
      schedule: [{ weekday: 6, starts: '09:00', ends: '11:00' }],
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

  /** What the draw has written for the term's courses: places, receipts, waiting lists. */
  function applied() {
    const ids = courses.join(',');
    return {
      places: +sql(db, `SELECT count(*) FROM course_enrolments WHERE course_id IN (${ids}) AND source = 'lottery'`),
      waiting: +sql(db, `SELECT count(*) FROM course_waiting WHERE course_id IN (${ids})`),
      receipts: +sql(db, `SELECT count(*) FROM course_lottery_receipts r JOIN course_applications p ON p.id = r.application_id WHERE p.term_id = ${term}`),
    };
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    ({ dir, db } = srv);
    district = await loginAs(srv.base, DEMO.districtAdmin);
    const day = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    const t = await district.post('/api/v1/course-terms', {
      division: '510402', name: '2027年春季公益培训 大摇号', enrol_opens_at: iso(Date.now() - HOUR), enrol_closes_at: iso(Date.now() + DAY),
      classes_from: day(Date.now() + 7 * DAY), classes_until: day(Date.now() + 60 * DAY), max_courses: 2, max_choices: 3,
    });
    assert.equal(t.status, 201, t.text);
    term = t.json.id;
    courses = [await publish('古琴', 60), await publish('琵琶', 80), await publish('书法', 100)];
    const [a, b, c] = courses;
    sql(db, `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${APPLICANTS})
             INSERT INTO users (phone, name, password_hash, division, status, created_at, updated_at)
             SELECT '1770' || (1000000 + i), '学员', '!', '510402001', 'active', 0, 0 FROM s`);
    sql(db, `INSERT INTO course_applications (term_id, user_id, pseudonym, tier, status, created_at, updated_at)
             SELECT ${term}, id, 'P' || id, CASE WHEN id % 7 = 0 THEN 1 ELSE 0 END, 'active', 0, 0
             FROM users WHERE phone LIKE '1770%'`);
    sql(db, `INSERT INTO course_choices (application_id, rank, course_id)
             SELECT p.id, r.k, CASE (p.id + r.k) % 3 WHEN 0 THEN ${a} WHEN 1 THEN ${b} ELSE ${c} END
             FROM course_applications p, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) r
             WHERE p.term_id = ${term} AND (r.k < 3 OR p.id % 2 = 0)`);
    assert.equal((await district.patch(`/api/v1/course-terms/${term}`, { enrol_closes_at: iso(Date.now() - 1000) })).status, 200);
    const o = await district.post(`/api/v1/course-terms/${term}/lottery`);
    assert.equal(o.status, 200, o.text);
    lottery = o.json.id;
    const cm = await district.post(`/api/v1/lotteries/${lottery}/commit`, {});
    assert.equal(cm.status, 200, cm.text);
    assert.equal((await district.get(`/api/v1/lotteries/${lottery}/inputs.json`)).json.applicants.length, APPLICANTS);
    await sleep(Math.max(0, Date.parse(cm.json.beacon.due_at) - Date.now() + 300));
  });
  after(async () => {
    await srv?.stop();
    cleanup(dir);
  });

  it('a restart leaves it committed with nothing applied, or drawn; the draw then publishes the offline draw', async (t) => {
    assert.deepEqual(applied(), { places: 0, waiting: 0, receipts: 0 });
    let answered = false;
    const started = Date.now();
    const draw = district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE })
      .then((r) => { answered = r.status; }, () => {});
    await sleep(PG ? 250 : 120);
    srv.kill();
    const e = await srv.exited;
    await draw;
    assert.equal(e.signal, 'SIGKILL');
    t.diagnostic(`killed ${Date.now() - started} ms after the draw was sent; ${answered ? `it had answered ${answered}` : 'it had not answered'}`);

    srv = await startServer({ dir, db, demo: false, config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    district = await loginAs(srv.base, DEMO.districtAdmin);
    const anon = srv.client();
    const g = await anon.get(`/api/v1/lotteries/${lottery}`);
    assert.equal(g.status, 200, g.text);
    assert.ok(['committed', 'drawn'].includes(g.json.status), g.text);
    if (g.json.status === 'committed') {
      assert.deepEqual(applied(), { places: 0, waiting: 0, receipts: 0 }, 'nothing of an unfinished draw is kept');
      assert.equal(g.json.seed, null);
    } else {
      assert.equal(g.json.beacon.value, VALUE);
    }

    const t0 = Date.now();
    const r = await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'drawn');
    t.diagnostic(`after the restart the lottery was ${g.json.status}; the draw took ${Date.now() - t0} ms`);
    const file = await anon.get(`/api/v1/lotteries/${lottery}/draw.json`);
    assert.equal(file.status, 200);
    const inputs = await anon.get(`/api/v1/lotteries/${lottery}/inputs.json`);
    const inFile = join(dir, 'inputs.json'), outFile = join(dir, 'offline.json');
    writeFileSync(inFile, inputs.text);
    const off = runCli(['lottery', 'draw', '--input', inFile, '--beacon-value', VALUE, '--out', outFile]);
    assert.equal(off.code, 0, off.stdout + off.stderr);
    assert.ok(readFileSync(outFile).equals(Buffer.from(file.text, 'utf8')), 'the published draw file is the offline draw, byte for byte');

    // the database holds the file's results, once
    const doc = JSON.parse(file.text);
    const admitted = doc.items.reduce((n, x) => n + x.admitted.length, 0);
    const waiting = doc.items.reduce((n, x) => n + x.waiting.length, 0);
    assert.ok(admitted > 0 && waiting > 0);
    assert.deepEqual(applied(), { places: admitted, waiting, receipts: APPLICANTS });
    // the page verifies the file once, then answers from what it kept; a file over 1 MiB is
    // verified on a thread of its own, and the views meanwhile say so instead of waiting
    const large = Buffer.byteLength(file.text) > (1 << 20);
    let page = await anon.get(`/lotteries/${lottery}`);
    assert.equal(page.status, 200);
    if (large) {
      assert.ok(page.text.includes('data-outcome="pending"'), 'the first view of a large file does not wait for its verification');
      assert.ok(page.text.includes('/static/lottery.js'), 'a pending page loads itself again');
    }
    const until = Date.now() + 120000;
    while (!page.text.includes('data-outcome="verified"') && Date.now() < until) {
      assert.ok(page.text.includes('data-outcome="pending"'), 'pending, or verified');
      await sleep(200);
      page = await anon.get(`/lotteries/${lottery}`);
    }
    assert.ok(page.text.includes('data-outcome="verified"'));
    const views = [];
    for (let i = 0; i < 3; i++) {
      const t1 = Date.now();
      page = await anon.get(`/lotteries/${lottery}?q=${doc.applicants[i].id}`);
      views.push(Date.now() - t1);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes('data-outcome="verified"'));
      assert.ok(page.text.includes(doc.applicants[i].ticket));
      assert.ok(!page.text.includes('/static/lottery.js'), 'a verified drawn page polls nothing');
    }
    t.diagnostic(`the draw file: ${Buffer.byteLength(file.text)} B; the page once verified: ${views.join(', ')} ms`);
    // drawing again answers the same draw and changes nothing
    const again = await district.post(`/api/v1/lotteries/${lottery}/draw`, { beacon_value: VALUE });
    assert.equal(again.status, 200);
    assert.equal(again.json.seed, r.json.seed);
    assert.deepEqual(applied(), { places: admitted, waiting, receipts: APPLICANTS });
  });
});

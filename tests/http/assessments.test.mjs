// Assessments against standards through the API (src/mod/assessments, docs/assessments.md):
// a standard imported from a table with a dry run and its per-row report; an assessment of
// 攀枝花市文化馆 from the self-assessment to the grade, with figures drawn from wenyun's own
// records (the venue's area and weekly hours on its record, the sessions held there) and a
// file as evidence, scored by the city's reviewer and published by the city's admin, the grade
// then on the venue's record; an assessor who submitted refused; the demo's grading; and a
// call for recommendations with an application, a site visit and its award.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup } from './lib.mjs';

const table = `文化馆评估标准（测试）,,,,,,
章节,序号,评估项目,分值,佐证材料,数据来源,满分标准
一、设施与开放,,,,,,
,1.1,馆舍建筑面积,30,产权证明,venue.area_m2,4000
,1.2,每周开放时间,20,公示照片,venue.weekly_hours,56
二、服务,,,,,,
,2.1,年举办活动场次,20,活动台账,activities.sessions,100
,2.2,公益培训,30,培训记录,,
等级,,一级,85,,,
等级,,二级,60,,,
等级,,三级,40,,,
`;

describe('assessments: standards, grading, calls', () => {
  let srv, city, district, cityReviewer, districtReviewer, anon;

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [city, district, cityReviewer, districtReviewer] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.districtReviewer),
    ]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const upload = (who, query, body, type = 'text/csv') =>
    who.request('POST', `/api/v1/standards/import?${query}`, { body, headers: { 'Content-Type': type } });
  const venueNamed = async (name) => {
    const r = await anon.get(`/api/v1/venues?division=5104&q=${encodeURIComponent(name)}`);
    assert.equal(r.status, 200, r.text);
    const v = r.json.items.find((x) => x.name === name);
    assert.ok(v, r.text);
    return v;
  };
  let standard;

  it('imports a standard: a dry run reports each row, a bad row writes nothing, a version once', async () => {
    const q = `name=${encodeURIComponent('文化馆评估标准（测试）')}&version=2026&division=5104`;
    const dry = await upload(city, `${q}&dry_run=1`, table);
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.json.dry_run, true);
    assert.equal(dry.json.standard_id, null);
    assert.equal(dry.json.items_read, 4);
    assert.equal(dry.json.total, 100);
    assert.deepEqual(dry.json.rows.map((r) => r.kind), ['blank', 'header', 'section', 'item', 'item', 'section', 'item', 'item', 'grade', 'grade', 'grade']);
    assert.deepEqual(dry.json.grades.map((g) => [g.grade, g.min_total]), [['1', 85], ['2', 60], ['3', 40]]);
    const list0 = await anon.get('/api/v1/standards');
    assert.ok(!list0.json.items.some((s) => s.version === '2026' && s.name === '文化馆评估标准（测试）'));
    const bad = await upload(city, q, '评估项目,分值,数据来源,满分标准\n面积,30,no.such.source,1\n');
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.code, 'bad_rows');
    assert.equal(bad.json.rows[1].kind, 'refused');
    assert.equal(bad.json.rows[1].detail, 'no.such.source');
    assertError(await upload(district, q, table), 403, 'forbidden');
    const made = await upload(city, q, table);
    assert.equal(made.status, 201, made.text);
    standard = made.json.standard_id;
    const again = await upload(city, q, table);
    assert.equal(again.status, 409, again.text);
    assert.equal(again.json.error.code, 'standard_exists');
    const s = await anon.get(`/api/v1/standards/${standard}`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.items.length, 4);
    assert.equal(s.json.items[0].source, 'venue.area_m2');
    const sources = await anon.get('/api/v1/assessment-sources');
    for (const n of ['venue.area_m2', 'venue.weekly_hours', 'activities.sessions', 'activities.attendance', 'volunteers.hours'])
      assert.ok(sources.json.items.some((x) => x.name === n), `${n} in ${sources.text}`);
  });

  it('takes an assessment from the self-assessment to the grade on the venue, with evidence from the records', async () => {
    const centre = await venueNamed('攀枝花市文化馆');
    const full = await anon.get(`/api/v1/venues/${centre.id}`);
    const created = await district.post('/api/v1/assessments', { standard_id: standard, venue_id: centre.id, year: 2026 });
    assert.equal(created.status, 201, created.text);
    const a = created.json;
    assert.equal(a.status, 'draft');
    const item = (n) => a.items.find((i) => i.number === n);
    // drawn from the venue's record: its area and its hours a week
    assert.equal(item('1.1').drawn, full.json.area_m2);
    assert.equal(item('1.1').self_score, 30);
    assert.ok(item('1.2').drawn > 0, JSON.stringify(item('1.2')));
    assert.equal(typeof item('2.1').drawn, 'number');
    assert.equal(item('2.2').drawn, null);
    // a draft is the staff's: the public does not see it
    assert.equal((await anon.get(`/api/v1/assessments/${a.id}`)).status, 404);
    assertError(await district.post(`/api/v1/assessments/${a.id}/submit`), 422, 'unscored_items');
    assertError(await district.post(`/api/v1/assessments/${a.id}/self`, { items: [{ item_id: item('2.2').item_id, score: 31 }] }), 400, 'bad_score');
    const self = await district.post(`/api/v1/assessments/${a.id}/self`, { items: [{ item_id: item('2.2').item_id, score: 27.5, note: '全年 24 期培训班' }] });
    assert.equal(self.status, 200, self.text);
    const file = await district.request('POST', `/api/v1/assessments/${a.id}/evidence?item=${item('2.2').item_id}&name=${encodeURIComponent('培训台账.txt')}`, {
      body: '2026 年公益培训 24 期，学员 960 人次', headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    assert.equal(file.status, 201, file.text);
    const sub = await district.post(`/api/v1/assessments/${a.id}/submit`);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.json.status, 'submitted');
    // the venue's own district may not assess it; the city's reviewer scores every item
    const marks = (scores) => ({ items: a.items.map((i, k) => ({ item_id: i.item_id, score: scores[k], comment: '已核实' })) });
    assertError(await districtReviewer.post(`/api/v1/assessments/${a.id}/review`, marks([30, 20, 10, 25])), 403, 'not_assessor');
    assertError(await district.post(`/api/v1/assessments/${a.id}/review`, marks([30, 20, 10, 25])), 403, 'own_submission');
    const rev = await cityReviewer.post(`/api/v1/assessments/${a.id}/review`, marks([30, 20, 10, 25]));
    assert.equal(rev.status, 200, rev.text);
    assert.equal(rev.json.status, 'reviewed');
    assert.equal(rev.json.items[3].evidence_files.length, 1);
    assertError(await district.post(`/api/v1/assessments/${a.id}/publish`), 403, 'own_submission');
    assertError(await districtReviewer.post(`/api/v1/assessments/${a.id}/publish`), 403, 'forbidden');
    const pub = await city.post(`/api/v1/assessments/${a.id}/publish`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.status, 'published');
    assert.equal(pub.json.review_total, 85);
    assert.equal(pub.json.grade, '1');
    // the grade with its year on the venue's record, for anyone
    const after = await anon.get(`/api/v1/venues/${centre.id}`);
    assert.equal(after.json.grade, '1');
    assert.equal(after.json.grade_year, 2026);
    const seen = await anon.get(`/api/v1/assessments/${a.id}`);
    assert.equal(seen.status, 200, seen.text);
    assert.equal(seen.json.items[0].scores[0].score, 30);
    // the inboxes: the city's reviewer was told of the submission, the district of the
    // scores and of the result (in Chinese, with the venue's name); not the district's reviewer
    const inbox = async (who) => (await who.get('/api/v1/me/notifications?limit=100')).json.items
      .filter((n) => n.subject?.type === 'assessment' && n.subject.id === a.id);
    const told = await inbox(cityReviewer);
    assert.deepEqual(told.map((n) => n.kind), ['assessments.submitted'], JSON.stringify(told));
    assert.equal(told[0].text, '有待评分的自评：攀枝花市文化馆。');
    assert.equal(told[0].href, `/admin/assessments/${a.id}`);
    assert.deepEqual((await inbox(district)).map((n) => n.kind).sort(), ['assessments.published', 'assessments.scored']);
    assert.equal((await inbox(districtReviewer)).length, 0);
    // the public page of published grades lists it, filtered by division and year
    const page = await anon.get('/grades?division=510402&year=2026');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, new RegExp(`<tr data-assessment="${a.id}">.*攀枝花市文化馆.*class="grade">[^<]+</td>`, 's'));
    assert.doesNotMatch((await anon.get('/grades?division=510402&year=2025')).text, new RegExp(`data-assessment="${a.id}"`));
    assert.doesNotMatch((await anon.get('/grades?division=510403&year=2026')).text, new RegExp(`data-assessment="${a.id}"`));
  });

  it('assesses a unit of the tasks module instead of a venue, its name on /grades', async () => {
    const units = await anon.get('/api/v1/units?division=510402&limit=200');
    assert.equal(units.status, 200, units.text);
    const unit = units.json.items[0];
    assert.ok(unit, units.text);
    const centre = await venueNamed('攀枝花市文化馆');
    const count = async () => (await city.get('/api/v1/assessments?division=510402&year=2027')).json.items.length;
    const n0 = await count();
    assertError(await district.post('/api/v1/assessments', { standard_id: standard, venue_id: centre.id, unit_id: unit.id, year: 2027 }), 400, 'bad_subject');
    assertError(await district.post('/api/v1/assessments', { standard_id: standard, year: 2027 }), 400, 'bad_subject');
    assertError(await district.post('/api/v1/assessments', { standard_id: standard, unit_id: unit.id + 100000, year: 2027 }), 400, 'unknown_unit');
    assert.equal(await count(), n0);
    const created = await district.post('/api/v1/assessments', { standard_id: standard, unit_id: unit.id, year: 2027 });
    assert.equal(created.status, 201, created.text);
    const a = created.json;
    assert.equal(a.subject, 'unit');
    assert.equal(a.unit_id, unit.id);
    assert.equal(a.unit, unit.name);
    assert.equal(a.subject_name, unit.name);
    assert.equal(a.venue_id, null);
    assert.equal(a.venue, null);
    // no venue's records for a unit: nothing drawn, every item scored by hand
    assert.ok(a.items.every((i) => i.drawn === null), created.text);
    assertError(await district.post('/api/v1/assessments', { standard_id: standard, unit_id: unit.id, year: 2027 }), 409, 'assessment_exists');
    const self = await district.post(`/api/v1/assessments/${a.id}/self`, { items: a.items.map((i) => ({ item_id: i.item_id, score: 10 })) });
    assert.equal(self.status, 200, self.text);
    assert.equal((await district.post(`/api/v1/assessments/${a.id}/submit`)).status, 200);
    const marks = { items: a.items.map((i) => ({ item_id: i.item_id, score: 15, comment: '已核实' })) };
    assert.equal((await cityReviewer.post(`/api/v1/assessments/${a.id}/review`, marks)).status, 200);
    const pub = await city.post(`/api/v1/assessments/${a.id}/publish`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.review_total, 60);
    assert.equal(pub.json.grade, '2');
    const page = await anon.get('/grades?division=510402&year=2027');
    assert.equal(page.status, 200, page.text);
    const row = page.text.match(new RegExp(`<tr data-assessment="${a.id}">(.*?)</tr>`, 's'));
    assert.ok(row, page.text);
    assert.ok(row[1].includes(unit.name), row[1]);
    assert.doesNotMatch(row[1], /href="\/venues\//);
  });

  it('gives a village culture hall stars by the band table, shown on /grades', async () => {
    const v = await district.post('/api/v1/venues', { name: '炳草岗社区文化礼堂', category: 'village_centre', division: '510402' });
    assert.equal(v.status, 201, v.text);
    const created = await district.post('/api/v1/assessments', { standard_id: standard, venue_id: v.json.id, year: 2028 });
    assert.equal(created.status, 201, created.text);
    const a = created.json;
    assert.equal(a.stars, null); // a draft carries none
    await district.post(`/api/v1/assessments/${a.id}/self`, { items: a.items.map((i) => ({ item_id: i.item_id, score: i.max_points })) });
    assert.equal((await district.post(`/api/v1/assessments/${a.id}/submit`)).status, 200);
    // 25 + 15 + 15 + 20 = 75 of 100: the 70% band, three stars
    const scores = [25, 15, 15, 20];
    const marks = { items: a.items.map((i, k) => ({ item_id: i.item_id, score: scores[k] })) };
    assert.equal((await cityReviewer.post(`/api/v1/assessments/${a.id}/review`, marks)).status, 200);
    const pub = await city.post(`/api/v1/assessments/${a.id}/publish`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.review_total, 75);
    assert.equal(pub.json.stars, 3);
    const page = await anon.get('/grades?division=510402&year=2028');
    assert.match(page.text, /id="star-bands"/);
    assert.match(page.text, new RegExp(`<tr data-assessment="${a.id}">.*?data-stars="3">★★★☆☆</td>`, 's'));
    // a cultural centre of the same list carries none
    const others = await anon.get('/api/v1/assessments?division=5104&year=2026');
    assert.ok(others.json.items.every((x) => x.stars === null), others.text);
  });

  it('pages /grades and shows an empty state', async () => {
    const all = await anon.get('/grades?division=5104&per_page=200');
    const ids = [...all.text.matchAll(/<tr data-assessment="(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(ids.length >= 3, all.text);
    assert.doesNotMatch(all.text, /id="next-page"/);
    const seen = [];
    let url = '/grades?division=5104&per_page=2';
    for (let k = 0; url && k < 20; k++) {
      const p = await anon.get(url);
      assert.equal(p.status, 200, p.text);
      const got = [...p.text.matchAll(/<tr data-assessment="(\d+)"/g)].map((m) => Number(m[1]));
      assert.ok(got.length <= 2);
      seen.push(...got);
      const next = p.text.match(/id="next-page"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*id="next-page"/);
      url = next ? (next[1] || next[2]).replaceAll('&amp;', '&') : null;
      if (url) assert.match(url, /division=5104/);
    }
    assert.deepEqual(seen, ids);
    const none = await anon.get('/grades?division=5104&year=2099');
    assert.equal(none.status, 200);
    assert.match(none.text, /class="empty"/);
    assert.doesNotMatch(none.text, /data-assessment=/);
  });

  it('refuses an assessor who submitted the assessment', async () => {
    const west = await venueNamed('西区文化馆');
    const created = await city.post('/api/v1/assessments', { standard_id: standard, venue_id: west.id, year: 2026 });
    assert.equal(created.status, 201, created.text);
    const a = created.json;
    const hand = a.items.find((i) => !i.source);
    assert.equal((await city.post(`/api/v1/assessments/${a.id}/self`, { items: [{ item_id: hand.item_id, score: 20 }] })).status, 200);
    assert.equal((await city.post(`/api/v1/assessments/${a.id}/submit`)).status, 200);
    const marks = { items: a.items.map((i) => ({ item_id: i.item_id, score: 1 })) };
    assertError(await city.post(`/api/v1/assessments/${a.id}/review`, marks), 403, 'own_submission');
    const r = await city.get(`/api/v1/assessments/${a.id}`);
    assert.equal(r.json.status, 'submitted');
    assert.ok(r.json.items.every((i) => i.scores.length === 0), r.text);
  });

  it('shows the demo grading of the cultural centres', async () => {
    const list = await anon.get('/api/v1/assessments?division=5104&year=2026');
    assert.equal(list.status, 200, list.text);
    const demo = list.json.items.filter((x) => x.standard === '文化馆评估定级标准（示例）');
    // anyone sees the published one; the two waiting for publication are the staff's
    assert.equal(demo.length, 1, list.text);
    assert.equal(demo[0].status, 'published');
    const staff = await city.get('/api/v1/assessments?division=5104&year=2026');
    assert.equal(staff.json.items.filter((x) => x.standard === '文化馆评估定级标准（示例）').length, 3);
  });

  it('runs a call for recommendations: applications, a visit, the award', async () => {
    const deadline = new Date(Date.now() + 86400000).toISOString();
    const c = await city.post('/api/v1/assessment-calls', { division: '5104', title: '2026 年度最美新型公共文化空间', year: 2026, quota: 10, deadline });
    assert.equal(c.status, 201, c.text);
    const centre = await venueNamed('攀枝花市文化馆');
    const app = await district.post(`/api/v1/assessment-calls/${c.json.id}/applications`, { venue_id: centre.id, statement: '城市书房与文化馆融合' });
    assert.equal(app.status, 201, app.text);
    assert.equal(app.json.items[0].kind, 'applied');
    assertError(await district.post(`/api/v1/assessment-calls/${c.json.id}/applications`, { venue_id: centre.id }), 409, 'already_applied');
    const appId = app.json.items[0].id;
    assertError(await city.post(`/api/v1/assessment-calls/${c.json.id}/announce`, { awarded: [appId] }), 422, 'visit_required');
    const v = await city.post(`/api/v1/call-applications/${appId}/visit`, { visit_on: '2026-12-20', visitors: '张专家、李专家' });
    assert.equal(v.status, 200, v.text);
    const ann = await city.post(`/api/v1/assessment-calls/${c.json.id}/announce`, { awarded: [appId] });
    assert.equal(ann.status, 200, ann.text);
    assert.equal(ann.json.status, 'announced');
    assert.equal(ann.json.items[0].status, 'awarded');
    const awarded = (await district.get('/api/v1/me/notifications?limit=100')).json.items
      .filter((n) => n.subject?.type === 'call_application' && n.subject.id === appId);
    assert.deepEqual(awarded.map((n) => n.kind), ['assessments.awarded']);
    assert.equal(awarded[0].text, '已获评选：2026 年度最美新型公共文化空间 · 攀枝花市文化馆。');
    assertError(await district.post(`/api/v1/assessment-calls/${c.json.id}/applications`, { venue_id: (await venueNamed('西区文化馆')).id }), 403, 'forbidden');
  });
});

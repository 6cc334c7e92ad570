// Public feedback through the API and the pages (src/mod/feedback, docs/feedback.md): a survey
// filled by several people (accounts and anonymous devices) and its results by division and
// by venue, as CSV with a byte-order mark and as XLSX; a complaint routed to the closest staff,
// answered and published anonymised; an overdue one escalated once to the level above by the
// job feedback-overdue (`wenyun jobs --once`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, runCli, freshPhone } from './lib.mjs';

const PG = !!process.env.WY_TEST_PG_HOST;
/** Run SQL on the test database with the backend's own client; the output's text. */
function sql(db, query) {
  const r = PG
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, query], { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${PG ? 'psql' : 'sqlite3'} failed on ${query}:\n${r.stderr}`);
  return r.stdout.trim();
}
const HOUR = 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('feedback: surveys and complaints', () => {
  let srv, admin, district, vm, citizen, anon;
  const people = [];

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, vm, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    await anon.get('/feedback'); // the CSRF cookie
    // three more people: two of 东区's 大渡口街道, one of 西区
    for (const division of ['510402001', '510402001', '510403']) {
      const phone = freshPhone();
      const r = await admin.post('/api/v1/accounts', { phone, password: 'Secure2026pw', name: '调研对象', role: 'citizen', division });
      assert.equal(r.status, 201, r.text);
      people.push(await loginAs(srv.base, { phone, password: 'Secure2026pw' }));
    }
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  let survey, venue;
  it('creates a survey (staff only) and shows it to anyone', async () => {
    const venues = await anon.get('/api/v1/venues?division=510402&limit=5');
    assert.equal(venues.status, 200, venues.text);
    venue = venues.json.items[0].id;
    const body = {
      kind: 'satisfaction', title: '东区文化馆服务满意度调查', division: '510402', target_kind: 'venue', target_id: venue,
      anonymous: true, opens_at: iso(Date.now() - HOUR), closes_at: iso(Date.now() + 24 * HOUR),
      questions: [
        { kind: 'single', text: '您多久来一次？', options: ['每周', '每月', '很少'] },
        { kind: 'multiple', text: '您参加过哪些活动？', options: ['演出', '讲座', '培训'] },
        { kind: 'rating', text: '总体满意度' },
        { kind: 'text', text: '意见建议', required: false },
      ],
    };
    assertError(await citizen.post('/api/v1/feedback/surveys', body), 403, 'forbidden');
    assertError(await district.post('/api/v1/feedback/surveys', { ...body, questions: [{ kind: 'scale', text: 'x' }] }), 400, 'bad_questions');
    const r = await district.post('/api/v1/feedback/surveys', body);
    assert.equal(r.status, 201, r.text);
    survey = r.json.id;
    assert.equal(r.json.venue_id, venue);
    assert.equal(r.json.questions.length, 4);
    const got = await anon.get(`/api/v1/feedback/surveys/${survey}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.json.questions[0].options, ['每周', '每月', '很少']);
    const list = await anon.get('/api/v1/feedback/surveys?open=1&division=510402');
    assert.ok(list.json.items.some((s) => s.id === survey && s.open));
  });

  it('takes one answer per account or device, several people, and bad answers change nothing', async () => {
    const respond = (who, answers, extra = {}, opts = {}) => who.request('POST', `/api/v1/feedback/surveys/${survey}/responses`, { json: { answers, ...extra }, ...opts });
    const a = (choice, choices, rating, text) => [
      { question: 0, choice }, { question: 1, choices }, { question: 2, rating }, ...(text ? [{ question: 3, text }] : []),
    ];
    assertError(await respond(citizen, [{ question: 0, choice: 9 }]), 400, 'bad_answers');
    assertError(await respond(citizen, [{ question: 0, choice: 0 }]), 400, 'missing_answer');
    assert.equal((await respond(citizen, a(0, [0, 1], 5, '希望周末开放，电话13812345678'))).status, 201);
    assertError(await respond(citizen, a(0, [0], 5)), 409, 'already_answered');
    assert.equal((await respond(people[0], a(1, [1], 4))).status, 201);
    assert.equal((await respond(people[1], a(0, [2], 3))).status, 201);
    assert.equal((await respond(people[2], a(2, [0, 2], 2))).status, 201);
    // anonymous: one per device
    assertError(await respond(anon, a(1, [0], 4), { device: 'x' }, { csrf: true }), 400, 'bad_device');
    assert.equal((await respond(anon, a(1, [0], 4), { device: 'phone-0000000000000001' }, { csrf: true })).status, 201);
    assertError(await respond(anon, a(1, [0], 4), { device: 'phone-0000000000000001' }, { csrf: true }), 409, 'already_answered');
    assert.equal((await respond(anon, a(2, [1], 1), { device: 'phone-0000000000000002', division: '510403' }, { csrf: true })).status, 201);
  });

  it('gives staff the results by question, division and venue, free text masked', async () => {
    assertError(await citizen.get(`/api/v1/feedback/surveys/${survey}/results`), 403, 'forbidden');
    const all = await district.get(`/api/v1/feedback/surveys/${survey}/results`);
    assert.equal(all.status, 200, all.text);
    assert.equal(all.json.responses, 6);
    const g = all.json.groups[0];
    assert.equal(g.key, 'all');
    assert.equal(g.responses, 6);
    assert.deepEqual(g.questions[0].options.map((o) => o.count), [2, 2, 2]);
    assert.equal(g.questions[0].options[0].percent, 33.3);
    assert.equal(g.questions[2].average, 3.17); // (5+4+3+2+4+1)/6
    assert.deepEqual(g.questions[3].texts, ['希望周末开放，电话138******78']);
    const byDiv = await district.get(`/api/v1/feedback/surveys/${survey}/results?by=division`);
    const keys = Object.fromEntries(byDiv.json.groups.map((x) => [x.key, x.responses]));
    // the respondents' divisions: 3 accounts of 大渡口街道, one of 西区, an anonymous one that said
    // 西区, and one that said nothing
    assert.equal(keys['510402001'], 3);
    assert.equal(keys['510403'], 2);
    assert.equal(keys[''], 1);
    const byVenue = await district.get(`/api/v1/feedback/surveys/${survey}/results?by=venue`);
    assert.equal(byVenue.json.groups.length, 1);
    assert.equal(byVenue.json.groups[0].key, String(venue));
    assert.ok(byVenue.json.groups[0].name);
    assertError(await district.get(`/api/v1/feedback/surveys/${survey}/results?by=street`), 400, 'bad_group');
    // CSV for Excel: a byte-order mark, the header, a line per option
    const csv = await district.get(`/api/v1/feedback/surveys/${survey}/results?format=csv&by=division`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    const raw = Buffer.from(await (await fetch(`${srv.base}/api/v1/feedback/surveys/${survey}/results?format=csv`, {
      headers: { Authorization: `Bearer ${district.token}` },
    })).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    assert.match(csv.text, /分组 Group,名称 Name/);
    assert.match(csv.text, /510403,.*,3,总体满意度,rating,1,1,50\.0,1\.50/);
    const x = await district.request('GET', `/api/v1/feedback/surveys/${survey}/results?format=xlsx`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assert.ok(x.text.startsWith('PK'), 'a zip file');
  });

  let complaint;
  it('edits a survey until someone answers it, closes it early and reopens it (its staff only)', async () => {
    const made = await district.post('/api/v1/feedback/surveys', {
      kind: 'demand', title: '东区夜间文化活动需求', division: '510402', anonymous: true,
      opens_at: iso(Date.now() - HOUR), closes_at: iso(Date.now() + 24 * HOUR),
      questions: [{ kind: 'single', text: '您希望晚上几点结束？', options: ['20:00', '21:00'] }],
    });
    assert.equal(made.status, 201, made.text);
    const id = made.json.id;
    // another district's staff and citizens are refused; bad questions change nothing
    const west = await admin.post('/api/v1/feedback/surveys', {
      kind: 'demand', title: '西区问卷', division: '510403', opens_at: iso(Date.now() - HOUR), closes_at: iso(Date.now() + HOUR),
      questions: [{ kind: 'text', text: '建议' }],
    });
    assert.equal(west.status, 201, west.text);
    assertError(await district.patch(`/api/v1/feedback/surveys/${west.json.id}`, { title: '改' }), 403);
    assertError(await citizen.patch(`/api/v1/feedback/surveys/${id}`, { title: '改' }), 403);
    assertError(await district.patch(`/api/v1/feedback/surveys/${id}`, {}), 400, 'nothing_to_change');
    assertError(await district.patch(`/api/v1/feedback/surveys/${id}`, { questions: [{ kind: 'single', text: '只有一个选项', options: ['是'] }] }), 400, 'bad_questions');
    assert.equal((await anon.get(`/api/v1/feedback/surveys/${id}`)).json.questions[0].options.length, 2);
    const edited = await district.patch(`/api/v1/feedback/surveys/${id}`, {
      title: '东区夜间文化活动需求调查', questions: [{ kind: 'single', text: '您希望晚上几点结束？', options: ['20:00', '21:00', '22:00'] }, { kind: 'rating', text: '现有夜间活动评分' }],
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.title, '东区夜间文化活动需求调查');
    assert.equal(edited.json.questions.length, 2);
    // an answer: no more edits
    const answer = await anon.post(`/api/v1/feedback/surveys/${id}/responses`, { device: 'http-night-device-000001', answers: [{ question: 0, choice: 2 }, { question: 1, rating: 4 }] });
    assert.equal(answer.status, 201, answer.text);
    assertError(await district.patch(`/api/v1/feedback/surveys/${id}`, { title: '再改' }), 409, 'has_responses');
    assert.equal((await anon.get(`/api/v1/feedback/surveys/${id}`)).json.title, '东区夜间文化活动需求调查');
    // closed early: no more answers; closed twice refused; reopened only until a time to come
    assertError(await district.post(`/api/v1/feedback/surveys/${id}/reopen`, { closes_at: iso(Date.now() + HOUR) }), 409, 'not_closed');
    const closed = await district.post(`/api/v1/feedback/surveys/${id}/close`, {});
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.open, false);
    assertError(await district.post(`/api/v1/feedback/surveys/${id}/close`, {}), 409, 'not_open');
    assertError(await anon.post(`/api/v1/feedback/surveys/${id}/responses`, { device: 'http-night-device-000002', answers: [{ question: 0, choice: 0 }, { question: 1, rating: 2 }] }), 409, 'not_open');
    assertError(await district.post(`/api/v1/feedback/surveys/${id}/reopen`, { closes_at: iso(Date.now() - HOUR) }), 400, 'bad_window');
    const reopened = await district.post(`/api/v1/feedback/surveys/${id}/reopen`, { closes_at: iso(Date.now() + 2 * HOUR) });
    assert.equal(reopened.status, 200, reopened.text);
    assert.equal(reopened.json.open, true);
    const again = await anon.post(`/api/v1/feedback/surveys/${id}/responses`, { device: 'http-night-device-000002', answers: [{ question: 0, choice: 0 }, { question: 1, rating: 2 }] });
    assert.equal(again.status, 201, again.text);
    const audit = sql(srv.db, `SELECT action FROM audit_log WHERE object_type = 'survey' AND object_id = '${id}' ORDER BY id`);
    assert.deepEqual(audit.split('\n'), ['survey.create', 'survey.edit', 'survey.close', 'survey.reopen']);
    // the staff's page: the results drawn, the form to close it, no edit form
    const page = await district.get(`/admin/feedback/surveys/${id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('id="q0-chart"') && page.text.includes('id="close-form"') && !page.text.includes('id="edit-form"'));
    assert.equal((await citizen.get(`/admin/feedback/surveys/${id}`)).status, 403);
  });

  it('routes a complaint to the closest staff, answers it and publishes it anonymised', async () => {
    const r = await anon.request('POST', '/api/v1/feedback/complaints', {
      json: { kind: 'complaint', text: '文化站活动室周六没有开门', division: '510402001', contact: '13811112222' }, csrf: true,
    });
    assert.equal(r.status, 201, r.text);
    complaint = r.json.id;
    assert.ok(Date.parse(r.json.due_at) > Date.now() + 15 * 24 * HOUR);
    assertError(await anon.request('POST', '/api/v1/feedback/complaints', { json: { kind: 'praise', text: 'x', division: '510402001' }, csrf: true }), 400, 'bad_kind');
    // the town's venue manager is told; the district is not (yet)
    const inbox = async (who) => (await who.get('/api/v1/me/notifications?limit=100')).json.items.filter((n) => n.subject?.type === 'complaint' && n.subject.id === complaint);
    assert.equal((await inbox(vm)).length, 1);
    assert.equal((await inbox(district)).length, 0);
    const staff = await vm.get('/api/v1/feedback/complaints/staff?status=pending');
    const mine = staff.json.items.find((c) => c.id === complaint);
    assert.equal(mine.contact, '138****2222');
    assert.equal(mine.overdue, false);
    assertError(await citizen.get('/api/v1/feedback/complaints/staff'), 403, 'forbidden');
    // not public before it is answered
    let pub = await anon.get('/api/v1/feedback/complaints?division=510402001');
    assert.ok(!pub.json.items.some((c) => c.id === complaint));
    assertError(await citizen.post(`/api/v1/feedback/complaints/${complaint}/answer`, { answer: 'x' }), 403, 'forbidden');
    const ans = await vm.post(`/api/v1/feedback/complaints/${complaint}/answer`, { answer: '已要求文化站周六按时开放。' });
    assert.equal(ans.status, 200, ans.text);
    assertError(await vm.post(`/api/v1/feedback/complaints/${complaint}/answer`, { answer: 'again' }), 409, 'already_answered');
    pub = await anon.get('/api/v1/feedback/complaints?division=510402001');
    const shown = pub.json.items.find((c) => c.id === complaint);
    assert.equal(shown.text, '文化站活动室周六没有开门');
    assert.equal(shown.answer, '已要求文化站周六按时开放。');
    assert.ok(!('contact' in shown) && !JSON.stringify(shown).includes('13811112222'));
    const page = await anon.get('/feedback');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('已要求文化站周六按时开放。'));
    assert.ok(!page.text.includes('13811112222'));
  });

  it('escalates an overdue complaint once to the level above (the job feedback-overdue)', async () => {
    const r = await citizen.post('/api/v1/feedback/complaints', { kind: 'suggestion', text: '希望增加夜间培训班', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal(runCli(['jobs', '--once', '--db', srv.db]).code, 0);
    const inbox = async (who) => (await who.get('/api/v1/me/notifications?limit=100')).json.items.filter((n) => n.subject?.type === 'complaint' && n.subject.id === id && n.kind === 'feedback.complaint_overdue');
    assert.equal((await inbox(district)).length, 0, 'not before its deadline');
    sql(srv.db, `UPDATE complaints SET due_at = ${Date.now() - 1000} WHERE id = ${id}`);
    assert.equal(runCli(['jobs', '--once', '--db', srv.db]).code, 0);
    assert.equal(runCli(['jobs', '--once', '--db', srv.db]).code, 0);
    assert.equal((await inbox(district)).length, 1, 'the district admin is told once');
    assert.equal((await inbox(vm)).length, 0, 'not the level that should have answered');
    const staff = await district.get('/api/v1/feedback/complaints/staff?division=510402&status=pending');
    const c = staff.json.items.find((x) => x.id === id);
    assert.equal(c.overdue, true);
    assert.equal(c.escalated, true);
  });

  it('lists its four indicators in the catalogue, computed by the module', async () => {
    for (const code of ['feedback.complaints_received', 'feedback.answered_in_time', 'feedback.response_days', 'feedback.satisfaction']) {
      const r = await anon.get(`/api/v1/indicators/${code}`);
      assert.equal(r.status, 200, `${code}: ${r.text}`);
      assert.equal(r.json.code, code);
      assert.equal(r.json.source, 'computed', r.text);
    }
  });

  it('gives staff a page to answer complaints: masked contact, refusals beside the complaint', async () => {
    const postForm = async (c, path, fields) => c.request('POST', path, { body: new URLSearchParams({ ...fields, _csrf: await c.csrfToken() }) });
    const filed = await citizen.post('/api/v1/feedback/complaints', { kind: 'complaint', text: '图书室周日下午闭馆太早', division: '510402001', contact: '13822223333' });
    assert.equal(filed.status, 201, filed.text);
    const id = filed.json.id;
    assert.equal((await citizen.get('/admin/feedback')).status, 403);
    let page = await district.get('/admin/feedback?division=510402');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`id="complaint-${id}"`), 'the pending complaint is listed');
    assert.ok(page.text.includes('138****3333'), 'the contact masked');
    assert.ok(!page.text.includes('13822223333'), 'never the whole contact');
    assert.ok(page.text.includes(`action="/admin/feedback/complaints/${id}/answer"`));
    // an empty answer comes back with the refusal beside the complaint, nothing written
    let r = await postForm(district, `/admin/feedback/complaints/${id}/answer`, { answer: '', public_text: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /role="alert"/);
    assert.equal((await anon.get('/api/v1/feedback/complaints?division=510402001')).json.items.some((c) => c.id === id), false);
    r = await postForm(district, `/admin/feedback/complaints/${id}/answer`, { answer: '已调整为周日 18:00 闭馆。', public_text: '' });
    assert.equal(r.status, 303, r.text);
    assert.match(r.headers.get('location'), /msg=answered/);
    const pub = (await anon.get('/api/v1/feedback/complaints?division=510402001')).json.items.find((c) => c.id === id);
    assert.equal(pub.answer, '已调整为周日 18:00 闭馆。');
    r = await postForm(district, `/admin/feedback/complaints/${id}/answer`, { answer: '再答一次', public_text: '' });
    assert.equal(r.status, 409, 'answered once');
    page = await district.get('/admin/feedback?status=answered&division=510402');
    assert.ok(page.text.includes('已调整为周日 18:00 闭馆。'));
    // nobody answers what they filed
    const own = await district.post('/api/v1/feedback/complaints', { kind: 'suggestion', text: '建议延长开放时间', division: '510402001' });
    assert.equal(own.status, 201, own.text);
    r = await postForm(district, `/admin/feedback/complaints/${own.json.id}/answer`, { answer: '自己答复', public_text: '' });
    assert.equal(r.status, 403);
    assert.match(r.text, /role="alert"/);
  });

  it('writes a survey on the staff page: a preview writes nothing, publishing makes it', async () => {
    const postForm = async (c, path, fields) => c.request('POST', path, { body: new URLSearchParams({ ...fields, _csrf: await c.csrfToken() }) });
    const count = () => Number(sql(srv.db, 'SELECT count(*) FROM surveys'));
    assert.equal((await citizen.get('/admin/feedback/surveys/new')).status, 403);
    const form = await district.get('/admin/feedback/surveys/new');
    assert.equal(form.status, 200);
    assert.ok(form.text.includes('id="survey-form"') && form.text.includes('name="questions"'));
    assert.ok((await district.get('/admin/feedback/surveys')).text.includes('href="/admin/feedback/surveys/new"'));
    const fields = {
      kind: 'demand', title: '东区周末活动需求调查', intro: '请花一分钟告诉我们', division: '510402', target_kind: '', target_id: '',
      opens_at: '2026-01-01T08:00', closes_at: '2099-12-31T18:00',
      questions: 'single: 您最想参加哪类活动？ | 演出 | 讲座 | 展览\n\nrating?: 对现有活动的满意度',
    };
    const before = count();
    // the preview: the questions as respondents see them, the fields kept, nothing written
    let r = await postForm(district, '/admin/feedback/surveys/new', { ...fields, step: 'preview' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.text.includes('id="preview"') && r.text.includes('<li>讲座</li>'), r.text);
    assert.ok(r.text.includes('value="东区周末活动需求调查"'), 'the title kept');
    assert.equal(count(), before);
    // a line without a colon, a window that ends before it opens: refused, nothing written
    r = await postForm(district, '/admin/feedback/surveys/new', { ...fields, questions: '随便写点什么', step: 'publish' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-questions"/);
    assert.ok(r.text.includes('随便写点什么'), 'the lines kept');
    r = await postForm(district, '/admin/feedback/surveys/new', { ...fields, questions: 'single: 只有一个选项 | 是', step: 'preview' });
    assert.equal(r.status, 400);
    r = await postForm(district, '/admin/feedback/surveys/new', { ...fields, closes_at: '2025-12-31T08:00', step: 'publish' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-closes_at"/);
    // above the caller: refused
    r = await postForm(vm, '/admin/feedback/surveys/new', { ...fields, step: 'publish' });
    assert.equal(r.status, 403);
    assert.equal(count(), before);
    // published: the survey as the lines said, audited
    r = await postForm(district, '/admin/feedback/surveys/new', { ...fields, step: 'publish' });
    assert.equal(r.status, 303, r.text);
    const id = Number(r.headers.get('location').match(/\/admin\/feedback\/surveys\/(\d+)\?msg=created/)[1]);
    const made = (await anon.get(`/api/v1/feedback/surveys/${id}`)).json;
    assert.equal(made.title, '东区周末活动需求调查');
    assert.deepEqual(made.questions.map((q) => [q.kind, q.text, (q.options || []).length, q.required]),
      [['single', '您最想参加哪类活动？', 3, true], ['rating', '对现有活动的满意度', 0, false]]);
    assert.equal(Date.parse(made.opens_at), Date.parse('2026-01-01T00:00:00Z'), 'China time');
    assert.equal(sql(srv.db, `SELECT action FROM audit_log WHERE object_type = 'survey' AND object_id = '${id}'`), 'survey.create');
    assert.equal(count(), before + 1);
  });
});

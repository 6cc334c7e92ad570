// Culture volunteering through the API (src/mod/volunteers/, docs/volunteers.md): the demo's
// organisation and team of 东区, a coordinator who writes teams in their subtree and nowhere
// else, a citizen's registration (a minor refused without a guardian's consent, once per
// account), and the staff's list of a subtree with names and phones masked, by pages.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, cleanup } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402

/** 'YYYY-MM-DD' of today in China, years back. */
const yearsAgo = (years) => {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

describe('volunteers', () => {
  let srv, admin, coord, citizen, anon, rv1, rv2;

  async function newCitizen() {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const c = await loginAs(srv.base, { phone, password: PASSWORD });
    c.phone = phone;
    return c;
  }

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, coord, citizen, rv1, rv2] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, DEMO.citizen),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
    anon = new Client(srv.base);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('anyone lists the demo\'s organisation and its team', async () => {
    const r = await anon.get('/api/v1/volunteer-organisations?division=510402');
    assert.equal(r.status, 200, r.text);
    const org = r.json.items.find((o) => o.name === '东区文化志愿者协会');
    const team = r.json.items.find((o) => o.name === '大渡口街道文化志愿服务队');
    assert.ok(org && team, r.text);
    assert.equal(org.kind, 'organisation');
    assert.equal(org.parent_id, null);
    assert.equal(team.kind, 'team');
    assert.equal(team.parent_id, org.id);
    const one = await anon.get(`/api/v1/volunteer-organisations/${team.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.division, '510402001');
    assertError(await anon.get('/api/v1/volunteer-organisations/999999'), 404, 'not_found');
  });

  it('a coordinator writes teams in their subtree only; a citizen none', async () => {
    const org = await coord.post('/api/v1/volunteer-organisations', { division: '510402', name: '东区青年文化志愿者' });
    assert.equal(org.status, 201, org.text);
    const team = await coord.post('/api/v1/volunteer-organisations', { division: '510402001', parent_id: org.json.id, name: '青年服务队', description: '周末服务' });
    assert.equal(team.status, 201, team.text);
    assert.equal(team.json.kind, 'team');
    assertError(await coord.post('/api/v1/volunteer-organisations', { division: '510402001', parent_id: team.json.id, name: '小分队' }), 400, 'bad_parent');
    assertError(await coord.post('/api/v1/volunteer-organisations', { division: '510403', name: '西区志愿者' }), 403, 'forbidden');
    assertError(await citizen.post('/api/v1/volunteer-organisations', { division: '510402001', name: '我的队' }), 403, 'forbidden');
    assertError(await anon.post('/api/v1/volunteer-organisations', { division: '510402001', name: '我的队' }), 401);
  });

  it('a minor registers only with a guardian\'s consent; once an account', async () => {
    const kid = await newCitizen();
    assertError(await kid.get('/api/v1/me/volunteer'), 404, 'not_registered');
    const body = { real_name: '钱小雨', birth_date: yearsAgo(15), skills: ['library', 'children'], availability: '寒暑假', areas: ['510402001'] };
    const no = await kid.post('/api/v1/volunteers', body);
    assertError(no, 400, 'guardian_consent_required');
    assert.equal(no.json.error.field, 'guardian_name');
    assertError(await kid.post('/api/v1/volunteers', { ...body, guardian_name: '钱大明', guardian_phone: '123', guardian_consent_date: yearsAgo(0) }), 400, 'bad_guardian');
    const ok = await kid.post('/api/v1/volunteers', { ...body, guardian_name: '钱大明', guardian_phone: '13700000199', guardian_consent_date: yearsAgo(0) });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.minor, true);
    assert.deepEqual(ok.json.skills, ['library', 'children']);
    assert.deepEqual(ok.json.areas, ['510402001']);
    assert.deepEqual(ok.json.guardian, { name: '钱大明', phone: '13700000199', consent_date: yearsAgo(0) });
    assert.match(ok.json.phone, /\*/);
    const me = await kid.get('/api/v1/me/volunteer');
    assert.equal(me.status, 200);
    assert.equal(me.json.id, ok.json.id);
    assertError(await kid.post('/api/v1/volunteers', { ...body, birth_date: '1990-01-01' }), 409, 'already_registered');
    // the checks of the profile
    const other = await newCitizen();
    assertError(await other.post('/api/v1/volunteers', { ...body, birth_date: '1990-01-01', skills: ['juggling'] }), 400, 'bad_skill');
    assertError(await other.post('/api/v1/volunteers', { ...body, birth_date: '1990-01-01', areas: [] }), 400, 'bad_areas');
    assertError(await other.post('/api/v1/volunteers', { ...body, birth_date: '1990-01-01', areas: '510402001' }), 400, 'bad_field');
    assertError(await other.post('/api/v1/volunteers', { ...body, birth_date: '1990-02-30' }), 400, 'bad_birth_date');
    assertError(await anon.post('/api/v1/volunteers', body), 401);
  });

  it('a volunteer changes their profile through the API and the page; a refused form keeps what was entered', async () => {
    const v = await newCitizen();
    await v.csrfToken();
    v.postForm = (path, fields) => v.request('POST', path, {
      body: new URLSearchParams({ _csrf: v.jar.get('wy_csrf'), ...fields }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const body = { real_name: '孙志远', birth_date: '1985-06-07', skills: ['guide'], availability: '周末', areas: ['510402001'] };
    assertError(await v.put('/api/v1/me/volunteer', body), 404, 'not_registered');
    // registered from the page: the form, then the profile
    const blank = await v.get('/me/volunteering/profile');
    assert.equal(blank.status, 200);
    assert.ok(blank.text.includes('name="real_name"') && blank.text.includes('name="area1"'), 'the registration form');
    const bad = await v.postForm('/me/volunteering/profile', { real_name: '孙', birth_date: '1985-06-07', skill_guide: '1', area1: '510402001' });
    assert.equal(bad.status, 400, bad.text);
    assert.ok(bad.text.includes('id="error-real_name"'), 'the refusal beside its field');
    assert.ok(bad.text.includes('value="1985-06-07"'), 'what was entered is kept');
    assertError(await v.get('/api/v1/me/volunteer'), 404, 'not_registered');
    const reg = await v.postForm('/me/volunteering/profile', { real_name: '孙志远', birth_date: '1985-06-07', skill_guide: '1', skill_photography: '1', availability: '周末', area1: '510402001' });
    assert.equal(reg.status, 303, reg.text);
    const me = await v.get('/api/v1/me/volunteer');
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.json.skills, ['guide', 'photography']);
    // changed through the API: skills, areas (the first is where staff find them)
    const put = await v.put('/api/v1/me/volunteer', { ...body, skills: ['library'], areas: ['510402002', '510402'], availability: '工作日晚上' });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json.skills, ['library']);
    assert.deepEqual(put.json.areas, ['510402002', '510402']);
    assert.equal(put.json.division, '510402002');
    assertError(await v.put('/api/v1/me/volunteer', { ...body, skills: ['juggling'] }), 400, 'bad_skill');
    assert.deepEqual((await v.get('/api/v1/me/volunteer')).json.skills, ['library']);
    // the page shows the profile to change, the boxes ticked
    const page = await v.get('/me/volunteering/profile');
    assert.ok(/name="skill_library" value="1" checked/.test(page.text), 'the skill ticked');
    assert.ok(page.text.includes('value="510402002" selected'), 'the first area chosen');
    assertError(await anon.put('/api/v1/me/volunteer', body), 401);
  });

  it('staff list the volunteers of their subtree, masked, by pages', async () => {
    const first = await coord.get('/api/v1/volunteers?limit=2');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.items.length, 2);
    assert.ok(first.json.next_cursor, first.text);
    const rest = await coord.get(`/api/v1/volunteers?limit=100&cursor=${first.json.next_cursor}`);
    assert.equal(rest.status, 200, rest.text);
    const all = [...first.json.items, ...rest.json.items];
    assert.equal(new Set(all.map((v) => v.id)).size, all.length);
    for (const v of all) {
      assert.match(v.phone, /\*/);
      assert.match(v.name, /\*/);
      assert.equal(v.birth_date, undefined);
      assert.equal(v.guardian, undefined);
      assert.equal(typeof v.age, 'number');
    }
    // the demo's minor (赵子涵) with a consent recorded, and the one registered above
    assert.ok(all.filter((v) => v.minor && v.guardian_consent).length >= 2, JSON.stringify(all));
    const photo = await coord.get('/api/v1/volunteers?skill=photography');
    assert.deepEqual(photo.json.items.map((v) => v.name), ['刘*远']);
    assertError(await coord.get('/api/v1/volunteers?skill=juggling'), 400, 'bad_skill');
    assertError(await coord.get('/api/v1/volunteers?division=510403'), 403, 'forbidden');
    assertError(await citizen.get('/api/v1/volunteers'), 403, 'forbidden');
    assertError(await anon.get('/api/v1/volunteers'), 401);
    const city = await admin.get('/api/v1/volunteers?division=5104&limit=100');
    assert.equal(city.status, 200);
    assert.equal(city.json.items.length, all.length);
  });

  it('a project is published through the review chain, then public', async () => {
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402001');
    const team = orgs.json.items.find((o) => o.name === '大渡口街道文化志愿服务队');
    assertError(await citizen.post('/api/v1/volunteer-projects', { org_id: team.id, title: '周末图书整理' }), 403, 'forbidden');
    assertError(await coord.post('/api/v1/volunteer-projects', { org_id: 999999, title: '周末图书整理' }), 400, 'unknown_org');
    const p = await coord.post('/api/v1/volunteer-projects', { org_id: team.id, title: '周末图书整理', description: '协助整理图书、引导读者借阅。' });
    assert.equal(p.status, 201, p.text);
    assert.equal(p.json.status, 'draft');
    assert.equal(p.json.division, '510402001');
    assertError(await anon.get(`/api/v1/volunteer-projects/${p.json.id}`), 404, 'not_found');
    const sub = await coord.post(`/api/v1/volunteer-projects/${p.json.id}/submit`);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.json.status, 'pending');
    assertError(await coord.post(`/api/v1/volunteer-projects/${p.json.id}/submit`), 409, 'bad_state');
    for (const rv of [rv1, rv2]) {
      const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
      const item = q.json.items.find((x) => x.content_type === 'volunteer_project' && x.content_id === p.json.id);
      assert.ok(item, q.text);
      const d = await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
      assert.equal(d.status, 200, d.text);
    }
    const one = await anon.get(`/api/v1/volunteer-projects/${p.json.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.status, 'published');
    const list = await anon.get('/api/v1/volunteer-projects?division=510402');
    assert.ok(list.json.items.some((x) => x.id === p.json.id), list.text);
  });

  it('a volunteer puts, replaces and removes a photo only they and their coordinators see', async () => {
    const vol = await newCitizen();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
    const put = (c, body, type, name = 'me.png') => c.request('PUT', `/api/v1/me/volunteer/photo?name=${encodeURIComponent(name)}`, { body, headers: { 'Content-Type': type } });
    // no profile, no photo
    assertError(await put(vol, png, 'image/png'), 404, 'not_registered');
    const reg = await vol.post('/api/v1/volunteers', { real_name: '孙照片', birth_date: '1990-05-06', skills: ['guide'], availability: '周末', areas: ['510402001'] });
    assert.equal(reg.status, 201, reg.text);
    const id = reg.json.id;
    // the checks: a type that is no image, bytes that are not what the type says, nothing
    assertError(await put(vol, Buffer.from('hello'), 'text/plain', 'a.txt'), 400, 'bad_content_type');
    assertError(await put(vol, Buffer.from('GIF89a....'), 'image/png'), 400, 'bad_content_type');
    assertError(await put(vol, Buffer.alloc(0), 'image/png'), 400, 'empty_file');
    assertError(await put(vol, png, 'image/png', 'a/b.png'), 400, 'bad_filename');
    let me = await vol.get('/api/v1/me/volunteer');
    assert.equal(me.json.photo, null, me.text);
    assertError(await vol.get('/api/v1/me/volunteer/photo'), 404, 'no_photo');
    // put, then replace: one photo, the last
    let r = await put(vol, png, 'image/png');
    assert.equal(r.status, 200, r.text);
    r = await put(vol, jpeg, 'image/jpeg', 'me.jpg');
    assert.equal(r.status, 200, r.text);
    me = await vol.get('/api/v1/me/volunteer');
    assert.equal(me.json.photo, '/api/v1/me/volunteer/photo');
    r = await vol.get('/api/v1/me/volunteer/photo');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/jpeg');
    assert.match(r.headers.get('cache-control') || '', /no-store/);
    // the coordinator of 东区 sees it (in the list too), and the read is recorded
    r = await coord.get(`/api/v1/volunteers/${id}/photo`);
    assert.equal(r.status, 200, r.text);
    const list = await coord.get('/api/v1/volunteers?division=510402&limit=100');
    assert.equal(list.json.items.find((v) => v.id === id).photo, `/api/v1/volunteers/${id}/photo`);
    const log = await admin.get(`/api/v1/audit?object_type=volunteer&object_id=${id}`);
    assert.equal(log.status, 200, log.text);
    assert.ok(log.json.items.some((e) => e.action === 'personal.read' && e.reason === 'photo'), log.text);
    assert.ok(log.json.items.some((e) => e.action === 'volunteer.photo'), log.text);
    // nobody else: another citizen, staff of another district, anonymous
    const other = await newCitizen();
    assertError(await other.get(`/api/v1/volunteers/${id}/photo`), 404, 'not_found');
    const westPhone = freshPhone();
    const grant = await admin.post('/api/v1/accounts', { phone: westPhone, password: PASSWORD, name: '西区协调员', role: 'volunteer_coordinator', division: '510403' });
    assert.equal(grant.status, 201, grant.text);
    const westCoord = await loginAs(srv.base, { phone: westPhone, password: PASSWORD });
    assertError(await westCoord.get(`/api/v1/volunteers/${id}/photo`), 404, 'not_found');
    assertError(await anon.get(`/api/v1/volunteers/${id}/photo`), 401);
    // the pages: the volunteer's profile shows it with its forms; the roster shows it
    await vol.csrfToken();
    let page = await vol.get('/me/volunteering/profile');
    assert.match(page.text, /<img class="volunteer-photo" src="\/api\/v1\/me\/volunteer\/photo"/);
    assert.match(page.text, /id="photo-remove"/);
    const form = (bytes, type, name) => {
      const f = new FormData();
      f.append('_csrf', vol.jar.get('wy_csrf'));
      f.append('photo', new Blob([bytes], { type }), name);
      return f;
    };
    r = await vol.request('POST', '/me/volunteering/profile/photo', { body: form(Buffer.from('not an image'), 'text/plain', 'a.txt') });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="error-photo"/);
    assert.match(r.text, /aria-invalid="true"/);
    r = await vol.request('POST', '/me/volunteering/profile/photo', { body: form(png, 'image/png', 'me.png') });
    assert.equal(r.status, 303, r.text.slice(0, 200));
    assert.equal((await vol.get('/api/v1/me/volunteer/photo')).headers.get('content-type'), 'image/png');
    // the coordinators' list of volunteers: the photo beside the masked name, filters, refusals
    page = await coord.get('/admin/volunteering/volunteers?division=510402&skill=guide');
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, new RegExp(`<tr id="volunteer-${id}"><td><img class="volunteer-photo"[^>]*src="/api/v1/volunteers/${id}/photo"`));
    assert.ok(page.text.includes('孙*片'), 'the name masked');
    assert.ok(!page.text.includes('孙照片'), 'never the whole name');
    assert.ok(!page.text.includes(vol.phone), 'never the whole phone');
    page = await coord.get('/admin/volunteering/volunteers?division=510402&skill=elderly');
    assert.ok(!page.text.includes(`id="volunteer-${id}"`), 'narrowed by skill');
    assert.equal((await coord.get('/admin/volunteering/volunteers?skill=juggling')).status, 400);
    assert.equal((await westCoord.get('/admin/volunteering/volunteers?division=510402')).status, 403);
    page = await westCoord.get('/admin/volunteering/volunteers');
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes(`id="volunteer-${id}"`), 'another district\'s coordinator lists their own');
    assert.equal((await other.get('/admin/volunteering/volunteers')).status, 403);
    // removed: gone for everyone
    r = await vol.delete('/api/v1/me/volunteer/photo');
    assert.equal(r.status, 200, r.text);
    assertError(await vol.delete('/api/v1/me/volunteer/photo'), 404, 'no_photo');
    assertError(await coord.get(`/api/v1/volunteers/${id}/photo`), 404, 'no_photo');
  });
});

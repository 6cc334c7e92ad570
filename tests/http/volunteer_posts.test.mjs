// Posts at venues, pairings of teams with venues and projects' accident insurance through the API
// and the pages (src/mod/volunteers/posts.h, docs/volunteers.md "Posts, pairings and
// insurance"): the demo's post, pairing and insurance in 东区; a coordinator's post with offers
// accepted and declined (never by the one who offered), names masked for the public, one live
// offer, a closed post refusing offers; pairings created and ended; the policy number kept from
// the public; and the pages with their refusals beside the fields.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, freshPhone, cleanup } from './lib.mjs';

const PASSWORD = 'Volunteer2026pw';
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' }; // volunteer_coordinator 510402

describe('volunteer posts, pairings and insurance', () => {
  let srv, admin, coord, citizen, anon, venue, project, team;

  async function newVolunteer(name = '陈志愿') {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '志愿者', role: 'citizen', division: '510402001' });
    assert.equal(r.status, 201, r.text);
    const c = await loginAs(srv.base, { phone, password: PASSWORD });
    const v = await c.post('/api/v1/volunteers', { real_name: name, birth_date: '1988-06-01', skills: ['guide'], availability: '周末', areas: ['510402001'] });
    assert.equal(v.status, 201, v.text);
    return c;
  }

  async function newPost(extra = {}) {
    const r = await coord.post('/api/v1/volunteer-posts', { venue_id: venue, title: '图书管理员', skills: ['library'], wanted: 2, schedule: '每周六上午', ...extra });
    assert.equal(r.status, 201, r.text);
    return r.json;
  }


  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1, register_per_minute: 1000000 } } });
    [admin, coord, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, COORDINATOR),
      loginAs(srv.base, DEMO.citizen),
    ]);
    anon = new Client(srv.base);
    const posts = await anon.get('/api/v1/volunteer-posts?division=510402');
    assert.equal(posts.status, 200, posts.text);
    const demo = posts.json.items.find((p) => p.title === '讲解员');
    assert.ok(demo, 'the demo post');
    venue = demo.venue_id;
    const r = await anon.get('/api/v1/volunteer-projects?division=510402001');
    project = r.json.items.find((p) => p.title === '大渡口街道文化站周末图书整理与阅读推广').id;
    const orgs = await anon.get('/api/v1/volunteer-organisations?division=510402&limit=100');
    team = orgs.json.items.find((o) => o.name === '大渡口街道文化志愿服务队').id;
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('the demo: a post, the team paired with its venue, the project insured', async () => {
    const pairings = await anon.get(`/api/v1/volunteer-pairings?venue_id=${venue}`);
    assert.equal(pairings.status, 200);
    assert.ok(pairings.json.items.some((p) => p.org_id === team && p.ends_on === null));
    const ins = await anon.get(`/api/v1/volunteer-projects/${project}/insurance`);
    assert.equal(ins.status, 200, ins.text);
    assert.equal(ins.json.policy_no, undefined, 'the public never sees the policy number');
    const mine = await coord.get(`/api/v1/volunteer-projects/${project}/insurance`);
    assert.equal(mine.json.policy_no, 'PZH2026VOL000123');
    const page = await anon.get(`/volunteering/projects/${project}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('id="insurance"'));
    assert.ok(page.text.includes(ins.json.insurer));
    assert.ok(!page.text.includes('PZH2026VOL000123'));
    const list = await anon.get('/volunteering/posts');
    assert.equal(list.status, 200);
    assert.match(list.text, /讲解员/);
    assert.match((await anon.get('/volunteering')).text, /href="\/volunteering\/posts"/);
  });

  it('a post: who writes it, its checks, offers decided by another coordinator', async () => {
    assertError(await citizen.post('/api/v1/volunteer-posts', { venue_id: venue, title: 'x', wanted: 1 }), 403, 'forbidden');
    assertError(await coord.post('/api/v1/volunteer-posts', { venue_id: venue, title: '', wanted: 1 }), 400, 'bad_title');
    assertError(await coord.post('/api/v1/volunteer-posts', { venue_id: venue, title: 'x', wanted: 101 }), 400, 'bad_wanted');
    assertError(await coord.post('/api/v1/volunteer-posts', { venue_id: venue, title: 'x', wanted: 1, skills: ['juggling'] }), 400, 'bad_skill');
    assertError(await coord.post('/api/v1/volunteer-posts', { venue_id: 999999, title: 'x', wanted: 1 }), 400, 'unknown_venue');
    const post = await newPost();
    assertError(await citizen.post(`/api/v1/volunteer-posts/${post.id}/applications`, {}), 404, 'not_registered');
    const v = await newVolunteer('王小明');
    const offer = await v.post(`/api/v1/volunteer-posts/${post.id}/applications`, { note: '周六有空' });
    assert.equal(offer.status, 201, offer.text);
    assert.equal(offer.json.status, 'pending');
    assertError(await v.post(`/api/v1/volunteer-posts/${post.id}/applications`, {}), 409, 'duplicate');
    assertError(await v.post(`/api/v1/volunteer-post-applications/${offer.json.id}/decision`, { accept: true }), 403, 'forbidden');
    assertError(await citizen.get(`/api/v1/volunteer-posts/${post.id}/applications`), 403, 'forbidden');
    const apps = await coord.get(`/api/v1/volunteer-posts/${post.id}/applications`);
    assert.equal(apps.status, 200);
    assert.equal(apps.json.items[0].name, '王小明');
    assert.equal(apps.json.items[0].note, '周六有空');
    const ok = await coord.post(`/api/v1/volunteer-post-applications/${offer.json.id}/decision`, { accept: true });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.status, 'accepted');
    assertError(await coord.post(`/api/v1/volunteer-post-applications/${offer.json.id}/decision`, { accept: false }), 409, 'not_pending');
    // the public sees the name masked; the coordinator whole
    const pub = await anon.get(`/api/v1/volunteer-posts/${post.id}`);
    assert.equal(pub.json.accepted, 1);
    assert.equal(pub.json.accepted_volunteers[0].name, '王*明');
    assert.equal(pub.json.accepted_volunteers[0].phone, undefined);
    const full = await coord.get(`/api/v1/volunteer-posts/${post.id}`);
    assert.equal(full.json.accepted_volunteers[0].name, '王小明');
    const inbox = await v.get('/api/v1/me/notifications');
    assert.ok(inbox.json.items.some((n) => n.kind === 'volunteer.post_accepted'), inbox.text);
    // a pending offer withdrawn by its volunteer only, then made again
    const w = await newVolunteer();
    const o2 = await w.post(`/api/v1/volunteer-posts/${post.id}/applications`, {});
    assertError(await v.delete(`/api/v1/volunteer-post-applications/${o2.json.id}`), 404, 'not_found');
    assert.equal((await w.delete(`/api/v1/volunteer-post-applications/${o2.json.id}`)).status, 200);
    assert.equal((await w.post(`/api/v1/volunteer-posts/${post.id}/applications`, {})).status, 201);
    // closing declines what is pending; a closed post takes no offers and leaves the public list
    const closed = await coord.post(`/api/v1/volunteer-posts/${post.id}/close`, {});
    assert.equal(closed.json.status, 'closed');
    assertError(await coord.post(`/api/v1/volunteer-posts/${post.id}/close`, {}), 409, 'closed');
    const late = await newVolunteer();
    assertError(await late.post(`/api/v1/volunteer-posts/${post.id}/applications`, {}), 409, 'closed');
    const open = await anon.get(`/api/v1/volunteer-posts?venue_id=${venue}`);
    assert.ok(!open.json.items.some((p) => p.id === post.id));
    const all = await coord.get(`/api/v1/volunteer-posts?venue_id=${venue}&division=510402&all=1`);
    assert.ok(all.json.items.some((p) => p.id === post.id));
  });

  it('nobody decides their own offer', async () => {
    const post = await newPost({ title: '引导员' });
    const r = await coord.post('/api/v1/volunteers', { real_name: '李协调', birth_date: '1980-01-01', skills: ['usher'], availability: '周末', areas: ['510402001'] });
    assert.ok(r.status === 201 || r.status === 409, r.text);
    const offer = await coord.post(`/api/v1/volunteer-posts/${post.id}/applications`, {});
    assert.equal(offer.status, 201, offer.text);
    assertError(await coord.post(`/api/v1/volunteer-post-applications/${offer.json.id}/decision`, { accept: true }), 403, 'own_application');
    assert.equal((await admin.post(`/api/v1/volunteer-post-applications/${offer.json.id}/decision`, { accept: false })).status, 200);
  });

  it('pairings and insurance', async () => {
    assertError(await citizen.post('/api/v1/volunteer-pairings', { org_id: team, venue_id: venue, starts_on: '2026-03-01' }), 403, 'forbidden');
    assertError(await coord.post('/api/v1/volunteer-pairings', { org_id: team, venue_id: venue, starts_on: '2026-02-30' }), 400, 'bad_date');
    assertError(await anon.get('/api/v1/volunteer-pairings'), 400, 'bad_field');
    const p = await coord.post('/api/v1/volunteer-pairings', { org_id: team, venue_id: venue, starts_on: '2026-03-01', note: '结对共建' });
    assert.equal(p.status, 201, p.text);
    assertError(await coord.post(`/api/v1/volunteer-pairings/${p.json.id}/end`, { ends_on: '2026-01-01' }), 400, 'bad_date');
    const e = await coord.post(`/api/v1/volunteer-pairings/${p.json.id}/end`, { ends_on: '2026-09-30' });
    assert.equal(e.json.ends_on, '2026-09-30');
    assertError(await coord.post(`/api/v1/volunteer-pairings/${p.json.id}/end`, { ends_on: '2026-10-30' }), 409, 'ended');
    const byTeam = await anon.get(`/api/v1/volunteer-pairings?org_id=${team}`);
    assert.ok(byTeam.json.items.some((x) => x.id === p.json.id));
    assertError(await citizen.put(`/api/v1/volunteer-projects/${project}/insurance`, { insurer: 'x', policy_no: 'y', cover_from: '2026-01-01', cover_to: '2026-12-31' }), 403, 'forbidden');
    assertError(await coord.put(`/api/v1/volunteer-projects/${project}/insurance`, { insurer: 'x', policy_no: 'y', cover_from: '2026-01-01', cover_to: '2025-12-31' }), 400, 'bad_date');
  });

  it('the pages: offer, decide, refusals beside their fields', async () => {
    const post = await newPost({ title: '阅读推广员' });
    const v = await newVolunteer('赵读书');
    const page = await v.get(`/volunteering/posts/${post.id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`action="/volunteering/posts/${post.id}/offer"`));
    const long = await v.postForm(`/volunteering/posts/${post.id}/offer`, { note: '长'.repeat(201) });
    assert.equal(long.status, 400, long.text);
    assert.ok(long.text.includes('id="error-note"'));
    const sent = await v.postForm(`/volunteering/posts/${post.id}/offer`, { note: '可以' });
    assert.equal(sent.status, 303, sent.text);
    const again = await v.postForm(`/volunteering/posts/${post.id}/offer`, {});
    assert.equal(again.status, 409);
    const adminPage = await coord.get('/admin/volunteering/posts');
    assert.equal(adminPage.status, 200);
    assert.match(adminPage.text, /赵读书/);
    const bad = await coord.postForm('/admin/volunteering/posts', { venue_id: String(venue), title: '', wanted: '3' });
    assert.equal(bad.status, 400);
    assert.ok(bad.text.includes('id="error-title"'));
    const apps = await coord.get(`/api/v1/volunteer-posts/${post.id}/applications`);
    const decided = await coord.postForm(`/admin/volunteering/post-applications/${apps.json.items[0].id}/decide`, { accept: '1' });
    assert.equal(decided.status, 303, decided.text);
    const ins = await coord.postForm(`/admin/volunteering/projects/${project}/insurance`, { insurer: '测试保险', policy_no: 'P-1', cover_from: '2026-05-01', cover_to: '2026-04-01' });
    assert.equal(ins.status, 400);
    assert.ok(ins.text.includes('id="error-cover_to"'));
    const pairing = await coord.post('/api/v1/volunteer-pairings', { org_id: team, venue_id: venue, starts_on: '2026-03-01' });
    const early = await coord.postForm(`/admin/volunteering/pairings/${pairing.json.id}/end`, { ends_on: '2026-01-01' });
    assert.equal(early.status, 400);
    assert.ok(early.text.includes('role="alert"'), 'the refusal of a form without fields stands at the top');
    const ended = await coord.postForm(`/admin/volunteering/pairings/${pairing.json.id}/end`, { ends_on: '2026-04-01' });
    assert.equal(ended.status, 303, ended.text);
    assert.equal((await citizen.get('/admin/volunteering/posts')).status, 403);
  });
});

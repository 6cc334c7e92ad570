// Changes to a published activity go through review: the organiser's edit of the description,
// audience or links becomes a pending revision (202) submitted to the review chain as
// "activity_revision"; the public keeps seeing the published version; the organiser (and the
// reviewers) see the revision; approval at the last level applies it, a rejection discards it;
// one revision waits at a time; every step is audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup, Client, DEMO, loginAs, assertError } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('revisions of published activities', () => {
  let srv, anon, vm, rv1, rv2, admin, citizen;

  const pendingItem = async (rv, type, id) => {
    const q = await rv.get('/api/v1/reviews?status=pending&limit=200');
    assert.equal(q.status, 200, q.text);
    return q.json.items.find((x) => x.content_type === type && x.content_id === id);
  };

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    anon = new Client(srv.base);
    [vm, rv1, rv2, admin, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.citizen),
    ]);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('an edit waits for review, is applied on final approval and discarded on rejection', async () => {
    const now = Date.now();
    const c = await vm.post('/api/v1/activities', {
      title: '社区合唱公开课', category: 'lecture', division: '510402001', description: '原来的介绍',
      sessions: [{ starts_at: iso(now + 3 * DAY), ends_at: iso(now + 3 * DAY + HOUR), capacity: 20 }],
    });
    assert.equal(c.status, 201, c.text);
    const id = c.json.id;
    assert.equal((await vm.post(`/api/v1/activities/${id}/submit`)).status, 200);
    let item = await pendingItem(rv1, 'activity', id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).json.status, 'published');

    // the organiser proposes new text and a live link: 202, nothing public changes
    const r = await vm.patch(`/api/v1/activities/${id}`, { description: '新的介绍', live_url: 'https://live.example.org/9' });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.status, 'published');
    assert.equal(r.json.description, '原来的介绍');
    assert.equal(r.json.live_url, null);
    const rev = r.json.pending_revision;
    assert.equal(rev.status, 'pending');
    assert.deepEqual(rev.changes, { description: '新的介绍', live_url: 'https://live.example.org/9' });
    let pub = await anon.get(`/api/v1/activities/${id}`);
    assert.equal(pub.json.description, '原来的介绍');
    assert.equal(pub.json.live_url, null);
    assert.ok(!('pending_revision' in pub.json), 'the public does not see the revision');
    assert.ok(!('pending_revision' in (await citizen.get(`/api/v1/activities/${id}`)).json));
    const page = await anon.get(`/activities/${id}`);
    assert.ok(!page.text.includes('新的介绍') && !page.text.includes('live.example.org/9'), 'nor does the page');
    // the organiser sees it, in the API and on the page
    const mine = await vm.get(`/api/v1/activities/${id}`);
    assert.equal(mine.json.pending_revision.id, rev.id);
    assert.equal(mine.json.pending_revision.changes.description, '新的介绍');
    const staff = new Client(srv.base, { useCookie: true });
    await staff.login(DEMO.venueManager.phone, DEMO.venueManager.password);
    const sp = await staff.get(`/activities/${id}`);
    assert.match(sp.text, /id="pending-revision"/);
    assert.ok(sp.text.includes('新的介绍'));
    // one revision at a time; the rest of a published activity stays locked
    assertError(await vm.patch(`/api/v1/activities/${id}`, { audience: '所有人' }), 409, 'revision_pending');
    assertError(await vm.patch(`/api/v1/activities/${id}`, { title: '换个名字' }), 409, 'published_locked');

    // the chain: the district reviewer, then the city's; only the last approval applies it
    item = await pendingItem(rv1, 'activity_revision', rev.id);
    assert.ok(item, 'the revision is in the review queue');
    assert.equal(item.id, rev.review_id);
    assert.equal(item.title, '社区合唱公开课');
    // the reviewer's queue page links to the proposed changes, shown on the activity's page
    const rweb = new Client(srv.base, { useCookie: true });
    await rweb.login(DEMO.districtReviewer.phone, DEMO.districtReviewer.password);
    const q = await rweb.get('/admin/reviews');
    assert.ok(q.text.includes(`href="/admin/activity-revisions/${rev.id}"`), 'a link to the revision');
    const go = await rweb.get(`/admin/activity-revisions/${rev.id}`);
    assert.equal(go.status, 303);
    assert.equal(go.headers.get('location'), `/activities/${id}#pending-revision`);
    const rp = await rweb.get(`/activities/${id}`);
    assert.match(rp.text, /id="pending-revision"/);
    assert.ok(rp.text.includes('live.example.org/9'));
    assert.equal((await citizen.get(`/admin/activity-revisions/${rev.id}`)).status, 403);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await anon.get(`/api/v1/activities/${id}`)).json.description, '原来的介绍', 'not yet');
    const d = await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    pub = await anon.get(`/api/v1/activities/${id}`);
    assert.equal(pub.json.description, '新的介绍');
    assert.equal(pub.json.live_url, 'https://live.example.org/9');
    assert.equal(pub.json.status, 'published');
    assert.equal((await vm.get(`/api/v1/activities/${id}`)).json.pending_revision, null);

    // another edit, rejected: discarded, the published version stays
    const r2 = await vm.patch(`/api/v1/activities/${id}`, { live_url: 'https://elsewhere.example.org/x' });
    assert.equal(r2.status, 202, r2.text);
    const no = await rv1.post(`/api/v1/reviews/${r2.json.pending_revision.review_id}/decision`, { decision: 'reject', reason: '直播地址不是官方平台' });
    assert.equal(no.status, 200, no.text);
    pub = await anon.get(`/api/v1/activities/${id}`);
    assert.equal(pub.json.live_url, 'https://live.example.org/9');
    assert.equal((await vm.get(`/api/v1/activities/${id}`)).json.pending_revision, null);
    // and a new edit may be proposed after it
    assert.equal((await vm.patch(`/api/v1/activities/${id}`, { audience: '合唱爱好者' })).status, 202);

    // the audit trail
    const au = await admin.get(`/api/v1/audit?object_type=activity&object_id=${id}`);
    const acts = au.json.items.map((e) => e.action);
    assert.equal(acts.filter((a) => a === 'activity.revise').length, 3, au.text);
    assert.ok(acts.includes('activity.revision_apply'));
    assert.ok(acts.includes('activity.revision_discard'));
    assert.ok(!acts.includes('activity.update'), 'a published activity is never changed directly');
  });
});

// Changes to a published exchange activity or an approved plan entry go through review
// (src/mod/exchange/exchange_revision.h, docs/exchange.md): the staff's PATCH becomes a pending
// revision (202) while the public keeps seeing the published version; one in review is refused
// (409 not_editable); its proposer never decides it (403 own_submission); approval by another
// reviewer of its division applies it, a rejection or a withdrawal discards it; every step is
// audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, assertError, cleanup, freshPhone, newExchangePartner, approveAll as approveAllOf } from './lib.mjs';

const PASSWORD = 'Secure2026pw';

describe('exchange: changes of published records through review', () => {
  let srv, admin, district, rv1, rv2, anon, both;

  const queue = async (c) => (await c.get('/api/v1/reviews?status=pending&limit=200')).json.items;
  const itemOf = async (c, type, id) => (await queue(c)).find((x) => x.content_type === type && x.content_id === id);
  const approveAll = (type, id) => approveAllOf([rv1, rv2], type, id);

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    [admin, district, rv1, rv2] = await Promise.all([
      loginAs(srv.base, DEMO.cityAdmin),
      loginAs(srv.base, DEMO.districtAdmin),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
    ]);
    anon = new Client(srv.base);
    // an admin of 东区 who also reviews for the city: proposes, and may not decide their own
    const phone = freshPhone();
    const acc = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: '兼职审核员', role: 'reviewer', division: '5104' });
    assert.equal(acc.status, 201, acc.text);
    const g = await admin.post(`/api/v1/accounts/${acc.json.id}/roles`, { role: 'district_admin', division: '510402' });
    assert.ok(g.status === 200 || g.status === 201, g.text);
    both = await loginAs(srv.base, { phone, password: PASSWORD });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  const newPartner = (name) => newExchangePartner(admin, name, '葡萄牙');

  it('proposes a change of a published activity, refuses its proposer, applies it on approval and discards it on rejection or withdrawal', async () => {
    const p1 = await newPartner('里斯本');
    const p2 = await newPartner('波尔图');
    const c = await district.post('/api/v1/exchange/activities', {
      division: '510402', title: '葡萄牙巡演', kind: 'tour', scope: 'international', starts_on: '2026-05-01', ends_on: '2026-05-10',
      partners: [p1], summary: '原来的介绍',
      stops: [{ place: '剧院', city: '里斯本', country: '葡萄牙', starts_on: '2026-05-02', ends_on: '2026-05-03', shows: 2, audience: 600 }],
    });
    assert.equal(c.status, 201, c.text);
    const id = c.json.id;
    assert.equal((await district.post(`/api/v1/exchange/activities/${id}/submit`)).status, 200);
    // in review: refused, unchanged
    assertError(await both.patch(`/api/v1/exchange/activities/${id}`, { title: '送审中修改' }), 409, 'not_editable');
    await approveAll('exchange_activity', id);
    assert.equal((await anon.get(`/api/v1/exchange/activities/${id}`)).json.status, 'published');

    // bad input is refused whole and proposes nothing
    assertError(await both.patch(`/api/v1/exchange/activities/${id}`, { ends_on: '2026-04-01' }), 400, 'bad_dates');
    assert.equal((await both.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision, null);
    assertError(await admin.patch('/api/v1/exchange/activities/999999', { title: 'x' }), 404);

    // the proposal: 202 with the revision, the public version unchanged
    const r = await both.patch(`/api/v1/exchange/activities/${id}`, {
      title: '葡萄牙两城巡演', summary: '新的介绍', partners: [p1, p2],
      stops: [
        { place: '剧院', city: '里斯本', country: '葡萄牙', starts_on: '2026-05-02', ends_on: '2026-05-03', shows: 2, audience: 600 },
        { place: '音乐厅', city: '波尔图', country: '葡萄牙', starts_on: '2026-05-05', ends_on: '2026-05-06', shows: 1, audience: 400 },
      ],
    });
    assert.equal(r.status, 202, r.text);
    const rev = r.json.pending_revision;
    assert.equal(rev.status, 'pending');
    assert.equal(rev.changes.title, '葡萄牙两城巡演');
    assert.deepEqual(rev.changes.partners, [p1, p2]);
    assert.equal(rev.changes.stops.length, 2);
    let pub = await anon.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(pub.json.title, '葡萄牙巡演');
    assert.equal(pub.json.summary, '原来的介绍');
    assert.equal(pub.json.stops.length, 1);
    // the public does not know of it; staff and reviewers do
    assert.equal((await anon.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision, null);
    assert.equal((await rv1.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision.id, rev.id);
    // one at a time
    assertError(await district.patch(`/api/v1/exchange/activities/${id}`, { title: '再改' }), 409, 'revision_pending');

    // its proposer never decides it, whatever roles they hold
    const own = await itemOf(both, 'exchange_activity_revision', rev.id);
    assert.ok(own, 'the revision is in the review queue');
    assert.equal(own.id, rev.review_id);
    assertError(await both.post(`/api/v1/reviews/${own.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
    assert.equal((await anon.get(`/api/v1/exchange/activities/${id}`)).json.title, '葡萄牙巡演');
    // the district's reviewer, then the city's: applied at the last approval
    await approveAll('exchange_activity_revision', rev.id);
    pub = await anon.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(pub.json.status, 'published');
    assert.equal(pub.json.title, '葡萄牙两城巡演');
    assert.equal(pub.json.summary, '新的介绍');
    assert.deepEqual(pub.json.partners.map((x) => x.id).sort(), [p1, p2].sort());
    assert.deepEqual(pub.json.stops.map((s) => [s.seq, s.city]), [[1, '里斯本'], [2, '波尔图']]);
    assert.equal((await district.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision, null);

    // rejected: discarded, the published version stays
    const r2 = await district.patch(`/api/v1/exchange/activities/${id}`, { summary_en: 'A tour of Portugal' });
    assert.equal(r2.status, 202, r2.text);
    const it2 = await itemOf(rv1, 'exchange_activity_revision', r2.json.pending_revision.id);
    const no = await rv1.post(`/api/v1/reviews/${it2.id}/decision`, { decision: 'reject', reason: '英文摘要有误' });
    assert.equal(no.status, 200, no.text);
    pub = await anon.get(`/api/v1/exchange/activities/${id}`);
    assert.equal(pub.json.summary_en, '');
    assert.equal((await district.get(`/api/v1/exchange/activities/${id}/revision`)).json.pending_revision, null);

    // withdrawn by staff: discarded, gone from the queue
    const r3 = await district.patch(`/api/v1/exchange/activities/${id}`, { title: '撤回的修改' });
    assert.equal(r3.status, 202, r3.text);
    assertError(await anon.delete(`/api/v1/exchange/activities/${id}/revision`), 401);
    assertError(await rv1.delete(`/api/v1/exchange/activities/${id}/revision`), 403);
    const w = await district.delete(`/api/v1/exchange/activities/${id}/revision`);
    assert.equal(w.status, 200, w.text);
    assert.equal(w.json.id, r3.json.pending_revision.id);
    assert.ok(!(await itemOf(rv1, 'exchange_activity_revision', r3.json.pending_revision.id)));
    assertError(await district.delete(`/api/v1/exchange/activities/${id}/revision`), 404, 'no_revision');
    assert.equal((await anon.get(`/api/v1/exchange/activities/${id}`)).json.title, '葡萄牙两城巡演');

    // the audit trail
    const au = await admin.get(`/api/v1/audit?object_type=exchange_activity&object_id=${id}`);
    const acts = au.json.items.map((e) => e.action);
    assert.equal(acts.filter((a) => a === 'exchange_activity.revise').length, 3, au.text);
    assert.equal(acts.filter((a) => a === 'exchange_activity.revision_apply').length, 1);
    assert.equal(acts.filter((a) => a === 'exchange_activity.revision_discard').length, 2);
    assert.ok(!acts.includes('exchange_activity.update'), 'a published activity is never changed directly');
  });

  it('changes an approved plan entry through review', async () => {
    const pl = await district.post('/api/v1/exchange/plans', {
      division: '510402', unit: '东区文化馆', title: '里斯本文化周', kind: 'culture_week',
      starts_on: '2027-10-01', ends_on: '2027-10-07', partners: [],
    });
    assert.equal(pl.status, 201, pl.text);
    const id = pl.json.id;
    assert.equal((await district.post(`/api/v1/exchange/plans/${id}/submit`)).status, 200);
    assertError(await district.patch(`/api/v1/exchange/plans/${id}`, { title: '待审改' }), 409, 'not_editable');
    await approveAll('exchange_plan', id);
    assert.equal((await anon.get(`/api/v1/exchange/plans/${id}`)).json.status, 'published');

    assertError(await both.patch(`/api/v1/exchange/plans/${id}`, { kind: 'party' }), 400, 'bad_kind');
    const r = await both.patch(`/api/v1/exchange/plans/${id}`, { title: '里斯本文化月', ends_on: '2027-10-30' });
    assert.equal(r.status, 202, r.text);
    assert.deepEqual(r.json.pending_revision.changes, { title: '里斯本文化月', ends_on: '2027-10-30' });
    assert.equal((await anon.get(`/api/v1/exchange/plans/${id}`)).json.title, '里斯本文化周');
    const own = await itemOf(both, 'exchange_plan_revision', r.json.pending_revision.id);
    assertError(await both.post(`/api/v1/reviews/${own.id}/decision`, { decision: 'approve' }), 403, 'own_submission');
    await approveAll('exchange_plan_revision', r.json.pending_revision.id);
    const got = await anon.get(`/api/v1/exchange/plans/${id}`);
    assert.equal(got.json.title, '里斯本文化月');
    assert.equal(got.json.ends_on, '2027-10-30');
    assert.equal(got.json.status, 'published');

    // rejected, then withdrawn: the plan stays as approved
    const r2 = await district.patch(`/api/v1/exchange/plans/${id}`, { note: '改期' });
    assert.equal(r2.status, 202, r2.text);
    const it2 = await itemOf(rv1, 'exchange_plan_revision', r2.json.pending_revision.id);
    assert.equal((await rv1.post(`/api/v1/reviews/${it2.id}/decision`, { decision: 'reject', reason: '无需改期' })).status, 200);
    const r3 = await district.patch(`/api/v1/exchange/plans/${id}`, { unit: '东区图书馆' });
    assert.equal(r3.status, 202, r3.text);
    assert.equal((await district.delete(`/api/v1/exchange/plans/${id}/revision`)).status, 200);
    const still = await anon.get(`/api/v1/exchange/plans/${id}`);
    assert.equal(still.json.unit, '东区文化馆');
    assert.equal(still.json.note, '');
    assert.equal((await district.get(`/api/v1/exchange/plans/${id}/revision`)).json.pending_revision, null);
  });
});

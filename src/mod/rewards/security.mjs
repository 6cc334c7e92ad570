// The security fixtures of the rewards module's routes (积分超市): one line per route of its
// table (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A
// route without a line fails http.security_routes. world() makes an organisation of the world's
// town with two reward items (by the city admin), registers the city admin, owner and owner2 as
// volunteers and awards them points, and makes the redemptions that the cancel and collect
// lines use up.
const ONLY_OWNER = 'another person\'s redemption: its owner only';

const item = (w, c) => ({
  org_id: w.rewardsOrg, title: c.t('reward.title'), description: c.t('reward.description'),
  kind: 'book', cost: 5, stock: 100, place: c.t('reward.place'),
});

export const fixtures = ({ OWN_AREA }) => ({
  'GET /api/v1/me/points': { perm: 'logged_in' },
  'POST /api/v1/me/points/gifts': { perm: 'logged_in', json: (w) => ({ to_phone: w.acct.owner.phone, amount: 1 }) },
  'POST /api/v1/points/awards': { perm: 'volunteers_manage', json: (w, c) => ({ org_id: w.rewardsOrg, amount: 1, reason: c.t('points_award.reason'), user_ids: [w.ownerId] }) },
  'POST /api/v1/points/entries/{id}/reverse': { perm: 'volunteers_manage', p: { id: 'pointsEntry' }, phase: 2, json: (w, c) => ({ reason: c.t('points_reverse.reason') }) },
  'GET /api/v1/points/reconcile': { perm: 'audit_read', own: 'the whole points book, for auditors: no record of a division' },
  'GET /api/v1/rewards': { perm: 'public' },
  'POST /api/v1/rewards': { perm: 'volunteers_manage', json: item },
  'GET /api/v1/rewards/{id}': { perm: 'public', p: { id: 'rewardItem' } },
  'POST /api/v1/rewards/{id}/redemptions': { perm: 'logged_in', p: { id: 'rewardItem' } },
  'GET /api/v1/me/redemptions': { perm: 'logged_in' },
  'POST /api/v1/redemptions/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerRedemption' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /api/v1/redemptions/collect': { perm: 'volunteers_manage', phase: 2, json: (w) => ({ code: w.collectCode }) },
  'GET /rewards': { perm: 'public' },
  'POST /rewards/{id}/redeem': { perm: 'logged_in', p: { id: 'rewardItem2' }, form: () => ({}) },
  'GET /me/points': { perm: 'logged_in' },
  'POST /me/points/gift': { perm: 'logged_in', form: (w) => ({ to_phone: w.acct.owner.phone, amount: '1' }) },
  'GET /me/redemptions': { perm: 'logged_in' },
  'POST /me/redemptions/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerRedemption2' }, phase: 2, form: () => ({}), access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /admin/rewards': { perm: 'volunteers_manage', own: OWN_AREA },
  'POST /admin/rewards/items': { perm: 'volunteers_manage', form: (w, c) => ({ ...item(w, c), org_id: String(w.rewardsOrg), cost: '5', stock: '100' }) },
  'POST /admin/rewards/collect': { perm: 'volunteers_manage', phase: 2, form: (w) => ({ code: w.collectCode2 }) },
  // the rated session, where the owners (volunteers) were checked in: the first allowed caller
  // awards them, the next ones are answered 409 already_awarded
  'POST /admin/rewards/awards': { perm: 'volunteers_manage', form: (w, c) => ({ org_id: String(w.rewardsOrg), session_id: String(w.ratedSession), amount: '1', reason: c.t('points_award.reason') }) },
});

const profile = (div) => ({ real_name: '李志愿', birth_date: '1990-01-01', skills: ['guide'], areas: [div] });

export async function world(w, { WORLD_DIV, ok, admin }) {
  const t = w.t;
  w.rewardsOrg = ok(await admin.post('/api/v1/volunteer-organisations', { division: WORLD_DIV, name: t('rewards_org.name'), description: '' }), 'rewards organisation', 201).id;
  const newItem = async () => ok(await admin.post('/api/v1/rewards', { org_id: w.rewardsOrg, title: t('reward.title'), description: t('reward.description'), kind: 'ticket', cost: 5, stock: 100, place: t('reward.place') }), 'reward item', 201).id;
  w.rewardItem = await newItem();
  w.rewardItem2 = await newItem();
  const admin2 = w.callers.cityAdmin;
  const adminId = ok(await admin2.get('/api/v1/me'), 'me', 200).id;
  // registered here, or already by another module's world (409 already_registered)
  for (const c of [admin2, w.owner, w.owner2]) {
    const r = await c.post('/api/v1/volunteers', profile(WORLD_DIV));
    if (r.status !== 409) ok(r, 'volunteer', 201);
  }
  ok(await admin.post('/api/v1/points/awards', { org_id: w.rewardsOrg, amount: 200, reason: t('points_award.reason'), user_ids: [adminId, w.ownerId, w.owner2Id] }), 'award', 201);
  const redeem = async (c, id) => ok(await c.post(`/api/v1/rewards/${id}/redemptions`), 'redemption', 201);
  w.ownerRedemption = (await redeem(w.owner, w.rewardItem)).id;
  w.ownerRedemption2 = (await redeem(w.owner, w.rewardItem2)).id;
  w.collectCode = (await redeem(w.owner2, w.rewardItem)).code;
  w.collectCode2 = (await redeem(w.owner2, w.rewardItem2)).code;
  // an award entry of owner2's that a reversal may take back whole (none of it spent)
  ok(await admin.post('/api/v1/points/awards', { org_id: w.rewardsOrg, amount: 5, reason: t('points_award.reason'), user_ids: [w.owner2Id] }), 'award', 201);
  w.pointsEntry = ok(await w.owner2.get('/api/v1/me/points'), 'points', 200).items.find((e) => e.kind === 'award' && e.amount === 5).id;
}

export const notOnPages = {
  'points_award.reason': 'the reason of an award is in the award row and the audit log, not on a page',
  'points_reverse.reason': 'the reason of a reversal is in the audit log, not on a page',
};

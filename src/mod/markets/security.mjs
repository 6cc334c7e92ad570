// The security fixtures of the markets module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. world() makes the markets and applications the
// lines name, in 大渡口街道 like the rest of the world: markets open for applications, one
// waiting for its decision, one decided with its stalls and map, a draft; and applications of
// the world's citizens in each state a route needs.
const HOUR = 3600 * 1000;

/** A plan of two rows of four; water and power at A1 and B1, A1 near the entrance. */
const plan = (t) =>
  ['A', 'B'].flatMap((row) =>
    [1, 2, 3, 4].map((p) => ({
      number: `${row}${p}`, row, position: p, power: p === 1, water: p === 1,
      near_entrance: row === 'A' && p === 1, zone: t('market.zone'),
    })));

/** The body of a market of the world's town, taking applications for the next 50 minutes. */
function marketBody(t, div, iso) {
  const now = Date.now();
  return {
    title: t('market.title'), description: t('market.description'), division: div,
    address: t('market.address'), lon: 101.7262, lat: 26.5785,
    starts_at: iso(now + HOUR), ends_at: iso(now + 4 * HOUR),
    apply_opens_at: iso(now - HOUR), apply_closes_at: iso(now + 50 * 60000), confirm_by: iso(now + HOUR),
    fee_fen: 5000, deposit_fen: 10000, min_reviews: 1,
    categories: [{ category: 'books', quota: 3 }, { category: 'food', quota: 1 }],
    stalls: plan(t),
  };
}

const isoOf = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** An application's body. */
const applyBody = (t) => ({
  stall_name: t('market.stall_name'), category: 'books', products: t('market.products'),
  contact_name: t('market.contact_name'), licence_no: t('market.licence_no'),
});

/** The same as the organiser's form of /admin/markets/new (local times, yuan). */
function marketForm(t, div) {
  const local = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
  const now = Date.now();
  return {
    title: t('market.title'), description: t('market.description'), division: div, address: t('market.address'),
    lon: '101.7262', lat: '26.5785', starts_at: local(now + 48 * HOUR), ends_at: local(now + 52 * HOUR),
    apply_opens_at: local(now - HOUR), apply_closes_at: local(now + 24 * HOUR), confirm_by: local(now + 36 * HOUR),
    fee: '50', deposit: '200', min_reviews: '1', pass_mark: '0', quota_books: '2', quota_food: '1',
    rule_apart: '1', rule_food: '1', rule_access: '1', rows: '2', per_row: '4', water_power: 'A02,B03', power_only: '',
  };
}

const POINTS = { quality: 8, culture: 7, display: 6, fit: 5 };

export async function world(w, { WORLD_DIV, login, ok, iso, approveAll, vm, png, reviewers }) {
  const t = w.t;
  const rv = reviewers[0]; // 东区's reviewer: the panel of the world's markets
  const make = async () => ok(await vm.post('/api/v1/markets', marketBody(t, WORLD_DIV, iso)), 'market', 201).id;
  const publish = async (id) => {
    ok(await vm.post(`/api/v1/markets/${id}/submit`), 'submit market', 200);
    await approveAll('market', id);
  };
  const apply = async (c, market) => ok(await c.post(`/api/v1/markets/${market}/applications`, applyBody(t)), 'apply', 201).id;
  const submit = async (c, id) => ok(await c.post(`/api/v1/market-applications/${id}/submit`), 'submit application', 200);
  const score = async (id, q = 8) => ok(await rv.post(`/api/v1/market-applications/${id}/scores`, { points: { ...POINTS, quality: q } }), 'score', 201);
  const close = async (id) => ok(await vm.send('PATCH', `/api/v1/markets/${id}`, { json: { apply_closes_at: isoOf(Date.now()) } }), 'close applications', 200);
  w.marketOwner3 = await login(w.base, w.acct.absent1, 'absent1');
  w.marketOwner4 = await login(w.base, w.acct.absent2, 'absent2');
  const [owner, owner2, o3, o4] = [w.owner, w.owner2, w.marketOwner3, w.marketOwner4];

  for (const key of ['marketOpen', 'marketOpen2', 'marketToDecide', 'marketDecided']) {
    w[key] = await make();
    await publish(w[key]);
  }
  w.marketDraft = await make();

  // open for applications: the owner's, with a photo; another to withdraw; one to score
  w.marketApp = await apply(owner, w.marketOpen);
  w.marketFile = ok(await owner.send('POST', `/api/v1/market-applications/${w.marketApp}/files?kind=photo&name=photo.png`, { raw: { body: png(), type: 'image/png' } }), 'photo', 201).id;
  await submit(owner, w.marketApp);
  w.marketAppWithdraw = await apply(owner2, w.marketOpen);
  await submit(owner2, w.marketAppWithdraw);
  w.marketAppScorePage = await apply(o3, w.marketOpen);
  await submit(o3, w.marketAppScorePage);
  // the owner's draft, to attach to and submit; owner2's, to withdraw through the page
  w.marketDraftApp = await apply(owner, w.marketOpen2);
  w.marketAppWithdrawPage = await apply(owner2, w.marketOpen2);
  await submit(owner2, w.marketAppWithdrawPage);

  // scored, closed, waiting for the decision
  for (const c of [o3, o4]) {
    const id = await apply(c, w.marketToDecide);
    await submit(c, id);
    await score(id, c === o3 ? 9 : 6);
  }
  await close(w.marketToDecide);

  // scored, closed, two applications tied for the one place of books: its tie lottery
  w.marketTied = ok(await vm.post('/api/v1/markets', { ...marketBody(t, WORLD_DIV, iso), categories: [{ category: 'books', quota: 1 }] }), 'market', 201).id;
  await publish(w.marketTied);
  for (const c of [o3, o4]) {
    const id = await apply(c, w.marketTied);
    await submit(c, id);
    await score(id, 8);
  }
  await close(w.marketTied);

  // decided: the owner accepted (to confirm), owner2 confirmed (a stall, the check-in), the
  // third accepted (the page's confirm and stall); stalls proposed, the map published
  const decided = [];
  for (const c of [owner, owner2, o3]) {
    const id = await apply(c, w.marketDecided);
    await submit(c, id);
    await score(id, 10 - decided.length);
    decided.push(id);
  }
  [w.marketAppConfirm, w.marketAppStall, w.marketAppConfirmPage] = decided;
  await close(w.marketDecided);
  ok(await vm.post(`/api/v1/markets/${w.marketDecided}/decision`), 'decide', 200);
  ok(await owner2.post(`/api/v1/market-applications/${w.marketAppStall}/confirm`), 'confirm', 200);
  const a = ok(await vm.post(`/api/v1/markets/${w.marketDecided}/assignment`), 'assign', 200);
  const taken = new Set(a.holders.map((h) => h.stall));
  const free = plan(t).map((s) => s.number).filter((n) => !taken.has(n));
  [w.marketFreeStall, w.marketFreeStall2] = free;
  ok(await vm.post(`/api/v1/markets/${w.marketDecided}/map`, { published: true }), 'publish map', 200);
}

export const fixtures = ({ WORLD_DIV, png, OWN_AREA, ONLY_OWNER, A_FORM }) => {
  const SEEN_BY = { perms: ['markets_manage', 'markets_review'], owner: 'owner', why: 'an application: its applicant, the market\'s organisers and its panel' };
  const iso = isoOf;
  return {
    'GET /api/v1/markets': { perm: 'public' },
    'POST /api/v1/markets': { perm: 'markets_manage', json: (w, c) => marketBody(c.t, WORLD_DIV, iso) },
    'GET /api/v1/markets/{id}': { perm: 'public', p: { id: 'marketOpen' } },
    'PATCH /api/v1/markets/{id}': { perm: 'markets_manage', p: { id: 'marketOpen' }, json: () => ({ rules: { apart: true, food: true, access: true } }) },
    'POST /api/v1/markets/{id}/submit': { perm: 'markets_manage', p: { id: 'marketDraft' }, phase: 2 },
    'PUT /api/v1/markets/{id}/stalls': { perm: 'markets_manage', p: { id: 'marketDraft' }, json: (w, c) => ({ stalls: plan(c.t) }) },
    'POST /api/v1/markets/{id}/applications': { perm: 'logged_in', p: { id: 'marketOpen' }, json: (w, c) => applyBody(c.t) },
    'GET /api/v1/me/market-applications': { perm: 'logged_in' },
    'GET /api/v1/market-applications/{id}': { perm: 'logged_in', p: { id: 'marketApp' }, access: SEEN_BY },
    'POST /api/v1/market-applications/{id}/files': {
      perm: 'logged_in', p: { id: 'marketDraftApp' }, query: '?kind=photo&name=photo.png',
      raw: () => ({ body: png(), type: 'image/png' }), access: { owner: 'owner', why: ONLY_OWNER },
    },
    'GET /api/v1/market-files/{id}': { perm: 'logged_in', p: { id: 'marketFile' }, access: SEEN_BY },
    'POST /api/v1/market-applications/{id}/submit': { perm: 'logged_in', p: { id: 'marketDraftApp' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
    'POST /api/v1/market-applications/{id}/withdraw': { perm: 'logged_in', p: { id: 'marketAppWithdraw' }, phase: 2, access: { owner: 'owner2', why: ONLY_OWNER } },
    'POST /api/v1/market-applications/{id}/confirm': { perm: 'logged_in', p: { id: 'marketAppConfirm' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
    'GET /api/v1/markets/{id}/panel': { perm: 'markets_review', p: { id: 'marketOpen' } },
    'POST /api/v1/market-applications/{id}/scores': { perm: 'markets_review', p: { id: 'marketApp' }, phase: 2, json: (w, c) => ({ points: POINTS, comment: c.t('market.comment') }) },
    'GET /api/v1/markets/{id}/applications': { perm: 'markets_manage', p: { id: 'marketOpen' } },
    'GET /api/v1/markets/{id}/ranking': { perm: 'markets_manage', p: { id: 'marketToDecide' } },
    'POST /api/v1/markets/{id}/decision': { perm: 'markets_manage', p: { id: 'marketToDecide' }, phase: 2 },
    'POST /api/v1/markets/{id}/tie-lottery': { perm: 'markets_manage', p: { id: 'marketTied' } },
    'GET /api/v1/markets/{id}/assignment': { perm: 'markets_manage', p: { id: 'marketDecided' } },
    'POST /api/v1/markets/{id}/assignment': { perm: 'markets_manage', p: { id: 'marketDecided' } },
    'PUT /api/v1/market-applications/{id}/stall': { perm: 'markets_manage', p: { id: 'marketAppStall' }, json: (w) => ({ stall: w.marketFreeStall }) },
    'POST /api/v1/markets/{id}/map': { perm: 'markets_manage', p: { id: 'marketDecided' }, json: () => ({ published: true }) },
    'GET /api/v1/markets/{id}/stall-holders': { perm: 'public', p: { id: 'marketDecided' } },
    'POST /api/v1/market-applications/{id}/checkin': { perm: 'markets_manage', p: { id: 'marketAppStall' }, phase: 2 },
    'GET /markets': { perm: 'public' },
    'GET /markets/{id}': { perm: 'public', p: { id: 'marketDecided' } },
    'GET /markets/{id}/apply': { perm: 'logged_in', p: { id: 'marketOpen' } },
    'POST /markets/{id}/apply': { perm: 'logged_in', p: { id: 'marketOpen2' }, form: (w, c) => ({ stall_name: c.t('market.stall_name'), category: 'books', products: c.t('market.products') }) },
    'GET /me/market-applications': { perm: 'logged_in' },
    'POST /market-applications/{id}/confirm': { perm: 'logged_in', p: { id: 'marketAppConfirmPage' }, phase: 2, access: { owner: 'marketOwner3', why: ONLY_OWNER } },
    'POST /market-applications/{id}/withdraw': { perm: 'logged_in', p: { id: 'marketAppWithdrawPage' }, phase: 2, access: { owner: 'owner2', why: ONLY_OWNER } },
    'GET /admin/markets': { perm: 'markets_manage', own: OWN_AREA },
    'GET /admin/markets/new': { perm: 'markets_manage', own: A_FORM },
    'POST /admin/markets': { perm: 'markets_manage', form: (w, c) => marketForm(c.t, WORLD_DIV) },
    'GET /admin/markets/{id}': { perm: 'markets_manage', p: { id: 'marketDecided' } },
    'POST /admin/markets/{id}': { perm: 'markets_manage', p: { id: 'marketDecided' }, form: () => ({ action: 'publish' }) },
    'POST /admin/market-applications/{id}': {
      perm: 'markets_manage', p: { id: 'marketAppConfirmPage' },
      form: (w) => ({ action: 'stall', stall: w.marketFreeStall2, market: String(w.marketDecided) }),
    },
    'GET /admin/market-panel': { perm: 'markets_review', own: OWN_AREA },
    'GET /admin/market-panel/{id}': { perm: 'markets_review', p: { id: 'marketOpen' } },
    'POST /admin/market-applications/{id}/score': {
      perm: 'markets_review', p: { id: 'marketAppScorePage' }, phase: 2,
      form: (w, c) => ({ market: String(w.marketOpen), c_quality: '7', c_culture: '7', c_display: '7', c_fit: '7', comment: c.t('market.comment') }),
    },
  };
};

export const notOnPages = {
  'market.licence_no': 'the licence number is in the API answers to the applicant, the organisers and the panel; the pages link the licence file',
  'market.comment': 'a score\'s comment is in the API answers (score_list); no page shows it',
};

// Every route against every kind of caller (issue 9). The routes and the roles of each
// permission come from the binary (`wenyun routes --json`); the permission each route should
// need is written in its fixture line (security_world.mjs), apart from the route table, so
// loosening a route in src/routes.c shows here twice: the permission differs from the fixture's,
// and callers who should be refused get in. The records come from a world made through the API,
// and the expected answer of each (route, caller) from the fixture's permission:
//
//   - a caller without the permission: 401 when anonymous (a page GET: the login page), 403
//     when logged in — never 2xx;
//   - a caller with the permission but not over the record's division (the admin of another
//     district on a record of 东区), or not among those a record admits (another person's
//     booking): 403 or 404 — never 2xx;
//   - (a HEAD of a GET route is refused the same way);
//   - everyone else: an answer that is not a refusal (not 401/403, no server error), and for
//     every route at least one caller succeeds (2xx or 3xx), so the fixture reaches a real
//     record and a missing check would show as a success.
//
// Where a route answers fewer or more callers than that (a list of one's own area, another
// person's booking, a queue only reviewers read), its fixture line says so and why. A route
// without a fixture line fails ("route X has no security fixture"), and so does a fixture line
// without a route. The calls run in phases, reads first, so writes that use a
// record up (cancel, decide, delete) and those that end a session (logout, password) come last;
// within a route, the callers that must be refused go first, before anyone may change the record.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup } from './lib.mjs';
import { routeTable, ROLES, FIXTURES, FIXTURE_MODULE, WORLD_DIV, WORLD_CONFIG, buildWorld, callRoute, fixtureOf, phaseOf, pathOf, login } from './security_world.mjs';


/** Does a caller with these grants hold permission perm over division div (null: anywhere)? */
function holds(table, grants, perm, div) {
  const roles = table.permissions[perm] || [];
  return grants.some(([role, d]) => roles.includes(role) && (div === null || div.startsWith(d)));
}

/**
 * The class of answer a caller must get: 'login' (401, or for a page GET a redirect to
 * /login), 'forbidden' (403), 'refused' (403 or 404; 401 too when anonymous) or 'allowed'.
 */
function expected(table, route, fx, roleKey) {
  const grants = ROLES[roleKey].grants;
  const anon = roleKey === 'anonymous';
  const perm = fx.perm; // what the route should need, not what the table says it needs
  const div = fx.div ?? WORLD_DIV;
  if (perm !== 'public') {
    if (anon) return 'login';
    if (perm !== 'logged_in' && !holds(table, grants, perm, null)) return 'forbidden';
  }
  if (fx.access) {
    const a = fx.access;
    const reach = (a.roles || []).includes(roleKey) || (a.perms || []).some((p) => holds(table, grants, p, fx.own ? null : div));
    return reach ? 'allowed' : anon && perm !== 'public' ? 'login' : 'refused';
  }
  if (perm !== 'public' && perm !== 'logged_in' && !fx.own && !holds(table, grants, perm, div)) return 'refused';
  return 'allowed';
}

// an anonymous GET of a page that needs a login is sent to the login form
const toLogin = (r) => (r.status === 302 || r.status === 303) && /^\/login\?next=/.test(r.location || '');
const success = (r) => (r.status >= 200 && r.status < 300) || (r.status >= 300 && r.status < 400 && !toLogin(r));

/** Does answer r belong to class want? */
function matches(want, r, route, fx) {
  switch (want) {
    case 'login':
      return r.status === 401 || (route.method === 'GET' && toLogin(r));
    case 'forbidden':
      return r.status === 403;
    case 'refused':
      return r.status === 403 || r.status === 404 || r.status === 401 || toLogin(r) || !!fx.refusal?.(r);
    case 'allowed':
      return r.status !== 401 && r.status !== 403 && !toLogin(r) && (r.status < 500 || r.status === 503);
  }
  throw new Error(`unknown class ${want}`);
}

describe('every route answers every kind of caller as its permission says', () => {
  let srv, table, w;

  before(async () => {
    table = routeTable();
    srv = await startServer({ config: WORLD_CONFIG });
    w = await buildWorld(srv.base, (field) => `安全测试 ${field}`);
  });

  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('every route has a fixture line, and every fixture line a route', () => {
    const keys = new Set(table.routes.map((r) => `${r.method} ${r.pattern}`));
    const missing = [...keys].filter((k) => !FIXTURES[k]).map((k) => `route ${k} has no security fixture (src/mod/<its module>/security.mjs)`);
    const stale = Object.keys(FIXTURES).filter((k) => !keys.has(k)).map((k) => `fixture ${k} (src/mod/${FIXTURE_MODULE[k]}/security.mjs) names no route`);
    const changed = table.routes
      .filter((r) => fixtureOf(r) && fixtureOf(r).perm !== r.permission)
      .map((r) => `route ${r.method} ${r.pattern} needs ${r.permission}, its security fixture says ${fixtureOf(r).perm}`);
    const unknown = Object.entries(FIXTURES).filter(([, fx]) => !(fx.perm in table.permissions)).map(([k, fx]) => `fixture ${k}: no permission ${fx.perm}`);
    assert.deepEqual([...missing, ...stale, ...changed, ...unknown], []);
    // the exceptions to the plain rule say why, and name known callers
    for (const [k, fx] of Object.entries(FIXTURES)) {
      for (const f of ['own', 'noWitness']) if (f in fx) assert.ok(typeof fx[f] === 'string' && fx[f], `${k}: ${f} says why`);
      if (fx.access) {
        assert.ok(typeof fx.access.why === 'string' && fx.access.why, `${k}: access says why`);
        for (const r of fx.access.roles || []) assert.ok(ROLES[r], `${k}: access names ${r}, no such caller`);
      }
    }
  });

  it('the permission of every route decides, and the record\'s division after it', async (t) => {
    const failures = [];
    const routes = table.routes
      .map((route, i) => ({ route, fx: fixtureOf(route), i }))
      .filter((x) => x.fx)
      .sort((a, b) => phaseOf(a.route, a.fx) - phaseOf(b.route, b.fx) || a.i - b.i);
    const counts = { login: 0, forbidden: 0, refused: 0, allowed: 0 };
    for (const { route, fx } of routes) {
      const key = `${route.method} ${route.pattern}`;
      // those to be refused first: nothing has changed the record yet when they try
      const roles = Object.keys(ROLES).sort((a, b) => (expected(table, route, fx, a) === 'allowed') - (expected(table, route, fx, b) === 'allowed'));
      let witnessed = false;
      const answers = [];
      for (const role of roles) {
        const want = expected(table, route, fx, role);
        let caller = w.callers[role];
        if (fx.fresh && role !== 'anonymous') caller = await login(srv.base, w.acct[role], role);
        const r = await callRoute(caller, route, fx, w);
        counts[want]++;
        if (!matches(want, r, route, fx))
          failures.push(`${key} (${fx.perm}) as ${role}: want ${want}, got ${r.status}${r.location ? ` -> ${r.location}` : ''} ${r.text.slice(0, 160).replace(/\s+/g, ' ')}`);
        if (route.method === 'GET' && want !== 'allowed') {
          // HEAD takes the GET route: it must be refused the same way
          const h = await caller.send('HEAD', pathOf(route, fx, w));
          if (!matches(want, h, { ...route, method: 'HEAD' }, fx)) failures.push(`HEAD ${route.pattern} as ${role}: want ${want}, got ${h.status}`);
        }
        if (want === 'allowed' && success(r) && !fx.refusal?.(r)) witnessed = true;
        if (want === 'allowed') answers.push(`${role} ${r.status} ${r.text.slice(0, 120).replace(/\s+/g, ' ')}`);
      }
      if (fx.access?.owner) {
        const r = await callRoute(w[fx.access.owner], route, fx, w);
        if (success(r)) witnessed = true;
        else failures.push(`${key}: its owner (${fx.access.owner}) got ${r.status} ${r.text.slice(0, 160)}`);
      }
      if (!witnessed && !fx.noWitness)
        failures.push(`${key}: no caller succeeded on ${pathOf(route, fx, w)}: the fixture reaches no real record, so a missing check would not show (${answers.join('; ')})`);
    }
    t.diagnostic(`${routes.length} routes x ${Object.keys(ROLES).length} callers: ${JSON.stringify(counts)}`);
    assert.deepEqual(failures, [], `\n${failures.join('\n')}\n`);
  });
});

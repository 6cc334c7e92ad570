// XSS probe (issue 9): markup goes into every text field a caller can write — the world of
// the security test (security_world.mjs) is made with it, and every unsafe route is then called
// with its fixture body by the city admin, the venue manager, the reviewer and a citizen — and
// every GET route of `wenyun routes --json` is crawled as seven callers, with its
// parameters filled from the fixtures, plainly and with the probe in the query string. No HTML
// answer may carry the probe as markup (htmlProblems: a raw <script>alert(1), an element with
// an on...= attribute, an inline script), while the escaped probes must show: every field
// written appears, escaped, on some page. API answers are JSON (application/json, never
// text/html), calendars text/calendar and CSV text/csv, and every answer says nosniff.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cleanup } from './lib.mjs';
// Fields whose text no page shows (each with the reason: NOT_ON_PAGES, every other field written
// must appear, escaped, somewhere in the crawl) and lists to crawl beyond their first view
// (CRAWL_TOO) come from the modules' security.mjs files.
import { routeTable, WORLD_CONFIG, buildWorld, fixtureOf, pathOf, xssText, XSS, writeEverywhere, htmlProblems, NOT_ON_PAGES, CRAWL_TOO } from './security_world.mjs';

// the kinds of caller of the security test, and the two people whose bookings, space requests
// and ratings the staff decided (they are told why)
const CRAWLERS = ['anonymous', 'citizen', 'venueManager', 'reviewer', 'cityAdmin', 'owner', 'owner2'];
// query parameters that pages read and may show back (search boxes, filters, the login's next)
const REFLECTED = ['q', 'next', 'msg', 'division', 'category', 'status', 'week', 'from', 'to', 'near', 'lang', 'kind'];

describe('markup in every text field never reaches a page as markup', () => {
  let srv, table, w, t;
  const problems = [];
  const seen = new Map(); // marker -> pages that show it escaped
  let crawled = 0;
  let escapedPages = 0;

  before(async () => {
    table = routeTable();
    srv = await startServer({ config: WORLD_CONFIG });
    t = xssText();
    w = await buildWorld(srv.base, t);
    await writeEverywhere(w, table);
  });

  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  /** Check one answer; record the markers an HTML page shows. */
  function check(what, route, r) {
    crawled++;
    const type = (r.headers.get('content-type') || '').toLowerCase();
    if (r.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${what}: no X-Content-Type-Options: nosniff`);
    const api = route.flags.includes('api');
    const body = r.text.trimStart();
    if (api && type.startsWith('text/html')) problems.push(`${what}: an API answer served as text/html`);
    if ((body.startsWith('{') || body.startsWith('[')) && !/^application\/([a-z.+-]+\+)?json/.test(type)) {
      try {
        JSON.parse(body);
        problems.push(`${what}: JSON served as ${type}`);
      } catch {
        /* not JSON after all */
      }
    }
    if (/\.ics(\?|$)/.test(what) && r.status === 200 && !type.startsWith('text/calendar')) problems.push(`${what}: a calendar served as ${type}`);
    if (/\.csv(\?|$)/.test(what) && r.status === 200 && !type.startsWith('text/csv')) problems.push(`${what}: CSV served as ${type}`);
    if (!type.startsWith('text/html')) return;
    for (const p of htmlProblems(r.text)) problems.push(`${what}: ${p}`);
    if (r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) escapedPages++;
    for (const [field, marker] of t.markers) {
      if (!r.text.includes(marker)) continue;
      if (!seen.has(field)) seen.set(field, new Set());
      seen.get(field).add(what.replace(/^\S+ /, '').replace(/\?.*/, ''));
    }
  }

  it('every page, as every kind of caller, plainly and with the probe in its query string', async (t2) => {
    const gets = table.routes.filter((r) => r.method === 'GET');
    const missing = gets.filter((r) => !fixtureOf(r)).map((r) => `${r.method} ${r.pattern}`);
    assert.deepEqual(missing, [], 'GET routes without a fixture (tests/http/security_world.mjs)');
    const probe = encodeURIComponent(XSS);
    for (const role of CRAWLERS) {
      const caller = w.callers[role] || w[role];
      for (const path of CRAWL_TOO) check(`${role} ${path}`, { flags: [] }, await caller.get(path));
      for (const route of gets) {
        const path = pathOf(route, fixtureOf(route), w);
        check(`${role} ${path}`, route, await caller.get(path));
        if (route.flags.includes('api') || route.pattern.startsWith('/static/')) continue;
        const reflected = `${path}${path.includes('?') ? '&' : '?'}${REFLECTED.map((k) => `${k}=${probe}`).join('&')}`;
        check(`${role} ${reflected}`, route, await caller.get(reflected));
        if (role !== 'anonymous' && role !== 'cityAdmin') continue;
        for (const k of REFLECTED) {
          // one at a time too: a page that refuses a bad filter shows nothing of the others
          const one = `${path}${path.includes('?') ? '&' : '?'}${k}=${probe}`;
          check(`${role} ${one}`, route, await caller.get(one));
        }
      }
    }
    t2.diagnostic(`${crawled} answers checked; fields shown: ${[...seen.keys()].join(', ')}`);
    assert.deepEqual(problems, [], `\n${problems.slice(0, 60).join('\n')}\n`);
  });

  it('every field written shows somewhere, escaped, so the crawl saw the probes', () => {
    const unseen = [...t.markers.keys()].filter((f) => !seen.has(f) && !NOT_ON_PAGES[f]);
    assert.deepEqual(unseen, [], 'fields written but shown on no page crawled');
    assert.ok(escapedPages > 0, 'some page shows the escaped probe');
  });
});

// The XSS probe in a real browser (issue 9): the same world as tests/http/xss_crawl.test.mjs —
// a marked probe (`<script>alert(1)</script>"'><img src=x onerror=alert(1)>`) in every text
// field, written through every unsafe route — and Chromium opens every page of the route table
// (GET routes that are not API), with ids from the fixtures, as anonymous, a citizen, the venue
// manager and the city admin. A dialog (alert) fails the test at once; after each page loads,
// the DOM must hold no element with an event handler attribute, no inline script and no
// <img src="x">, and the visible text of some pages must show the probe as text: it was
// rendered, escaped, not dropped. The CSP would block an injected script anyway; the DOM check
// is what shows the escaping itself held.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, DESKTOP } from './lib.mjs';
import { routeTable, WORLD_CONFIG, buildWorld, fixtureOf, pathOf, xssText, writeEverywhere } from '../http/security_world.mjs';

const ini = (cfg) => Object.entries(cfg).map(([s, kv]) => `[${s}]\n${Object.entries(kv).map(([k, v]) => `${k} = ${v}\n`).join('')}`).join('');
const h = new Harness('xss', { config: ini({ ...WORLD_CONFIG, server: { public_cache_ms: 0 } }) });
let base, table, w;

before(async () => {
  base = await h.start();
  table = routeTable();
  w = await buildWorld(base, xssText());
  await writeEverywhere(w, table);
});
after(async () => { await h.stop(); });

test('no page runs the probe or carries it as markup, for anyone', async () => {
  const pages = table.routes
    .filter((r) => r.method === 'GET' && !r.flags.includes('api') && !/^\/(static|calendar)\//.test(r.pattern))
    .map((r) => pathOf(r, fixtureOf(r), w));
  assert.ok(pages.length > 25, `pages to open: ${pages}`);
  const dialogs = [];
  const problems = [];
  let shown = 0;
  for (const who of ['anonymous', 'citizen', 'venueManager', 'cityAdmin']) {
    const { context, page } = await h.newPage(DESKTOP);
    if (who !== 'anonymous')
      await context.addCookies([{ name: 'wy_session', value: w.callers[who].token, url: base }]);
    page.on('dialog', async (d) => {
      dialogs.push(`${who} ${page.url()}: ${d.type()} ${d.message()}`);
      await d.dismiss();
    });
    if (who !== 'anonymous') {
      await page.goto(`${base}/account`);
      assert.ok(new URL(page.url()).pathname === '/account', `${who} is logged in by the cookie`);
    }
    for (const path of pages) {
      const r = await page.goto(base + path, { waitUntil: 'load' });
      const dom = await page.evaluate(() => ({
        handlers: [...document.querySelectorAll('*')]
          .flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `<${e.localName} ${a.name}>`)),
        inline: [...document.scripts].filter((s) => !s.src).length,
        imgx: document.querySelectorAll('img[src="x"]').length,
        text: document.body ? document.body.innerText.includes('<script>alert(1)</script>') : false,
      }));
      if (dom.handlers.length) problems.push(`${who} ${path} (${r?.status()}): ${dom.handlers.join(' ')}`);
      if (dom.inline) problems.push(`${who} ${path}: ${dom.inline} inline script(s)`);
      if (dom.imgx) problems.push(`${who} ${path}: <img src="x">`);
      if (dom.text) shown++;
    }
    await context.close();
  }
  const csp = h.problems.filter((p) => /CSP violation|alert/i.test(p));
  assert.deepEqual(dialogs, [], 'a dialog opened: the probe ran');
  assert.deepEqual([...problems, ...csp], []);
  assert.ok(shown > 10, `the probe shows as text on pages (${shown} page views)`);
});

// Browser test of the venue directory, a venue page, the 15-minute circle map and a planner's
// siting job (the form, the job's page reloading itself until the sites show), on a phone and
// on a desktop. The server has the demo data of 攀枝花市 (its venues with their opening
// hours) and, for the circle map, the walking network and POIs of data/osm/monaco.osm.pbf
// ([circle] osm_file).
//
// Run by CTest (cmake/tests.cmake) as `node --test`, with WY_BIN, WY_SOURCE_DIR and
// WY_BUILD_DIR in the environment; drives Debian's Chromium through playwright-core and
// leaves screenshots in $WY_BUILD_DIR/artifacts/e2e/venues-*.png and circles-*.png.
//
// Assertions are on ids, structure, data (the demo venues, the map's classes and colours)
// and numbers, not on translated UI strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Harness, PHONE, DESKTOP, ARTIFACTS, SOURCE_DIR } from './lib.mjs';

const MONACO = path.join(SOURCE_DIR, 'data', 'osm', 'monaco.osm.pbf');

// data/demo/venues_5104.csv, loaded by `wenyun demo`
const CITY_LIBRARY = '攀枝花市图书馆';
const DEMO_VENUES = ['攀枝花市图书馆', '攀枝花市文化馆', '中国三线建设博物馆', '炳草岗城市书房',
                     '西区图书馆', '西区文化馆', '仁和区图书馆', '仁和区乡村舞台', '米易县图书馆',
                     '盐边县文化馆'];
const DEMO_LIBRARIES = ['攀枝花市图书馆', '西区图书馆', '仁和区图书馆', '米易县图书馆'];
// src/demo.c: open Tuesday to Sunday 09:00–17:30, until 21:00 on Friday and Saturday
const DEMO_HOURS = [null, '09:00–17:30', '09:00–17:30', '09:00–17:30', '09:00–21:00',
                    '09:00–21:00', '09:00–17:30'];

const GREEN = 'rgb(31, 122, 77)'; // .map-road-covered, #1f7a4d
const RED = 'rgb(192, 57, 43)'; // .map-road-uncovered, #c0392b

const CITY_ADMIN = { phone: '13900000001', password: 'Demo2026pzh' }; // city_admin 5104: circles_plan

const h = new Harness('venues', { config: `[circle]\nosm_file = ${MONACO}\n` });
let base;
const problems = h.problems; // console errors, page errors, CSP violations, 5xx; checked at the end
const newPage = (viewport) => h.newPage(viewport);
const shot = (page, name, fullPage = true) => h.shot(page, name, fullPage);

// The stylesheet is loaded and the page does not scroll sideways at the viewport's width.
// (With a mobile viewport Chromium widens the layout viewport to the content, so
// window.innerWidth grows with an overflow; the document element's clientWidth does not.)
async function checkShell(page, { allowOverflow = false } = {}) {
  const s = await page.evaluate(() => {
    const top = document.querySelector('header.top');
    return {
      css: [...document.styleSheets].some((x) => x.href && x.href.endsWith('/static/app.css') &&
                                                 x.cssRules.length > 0),
      styled: top && getComputedStyle(top).backgroundImage,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      lang: document.documentElement.lang,
    };
  });
  assert.ok(s.css, 'the stylesheet /static/app.css is loaded');
  assert.match(s.styled ?? '', /gradient/, 'the header is styled by app.css');
  if (!allowOverflow)
    assert.ok(s.overflow <= 0, `no horizontal scrolling (${s.overflow}px too wide) on ${page.url()}`);
  return s;
}

// A map drawn from the data: an <svg> with a visible size, inside figure.map.
async function checkMap(page) {
  const svg = page.locator('figure.map svg');
  assert.equal(await svg.count(), 1, 'one map');
  const box = await svg.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, `the map has a size: ${JSON.stringify(box)}`);
  const vw = page.viewportSize().width;
  assert.ok(box.x >= 0 && box.x + box.width <= vw + 0.5,
            `the map fits the viewport: ${box.x}+${box.width} > ${vw}`);
  return svg;
}

const venueNames = (page) => page.locator('#venue-list > li strong').allTextContents();

before(async () => {
  base = await h.start();
});

after(async () => {
  await h.stop();
});

for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`the venue directory and a venue page on a ${device}`, async (t) => {
    const { context, page } = await newPage(viewport);
    try {
      await t.test('the directory lists the demo venues of 攀枝花 and maps them', async () => {
        const r = await page.goto(`${base}/venues`);
        assert.equal(r.status(), 200);
        assert.match(r.headers()['content-security-policy'] ?? '', /default-src|style-src/);
        const s = await checkShell(page);
        assert.equal(s.lang, 'zh-CN');
        assert.equal(await page.locator('#venue-filters').count(), 1);
        const names = await venueNames(page);
        for (const n of DEMO_VENUES) assert.ok(names.includes(n), `${n} is listed`);
        const svg = await checkMap(page);
        // one marker per venue, each a link to its page; the county outlines behind them
        const markers = svg.locator('a[href^="/venues/"] circle.map-venue');
        assert.equal(await markers.count(), names.length, 'a marker per listed venue');
        assert.ok(await svg.locator('path.map-area').count() >= 5, 'the county outlines');
        assert.match(await page.locator('figure.map').textContent(), /echarts|MIT/);
        await shot(page, `venues-${device}-directory`);
      });

      await t.test('filtering by category library narrows the list', async () => {
        const all = (await venueNames(page)).length;
        const form = page.locator('#venue-filters');
        await form.locator('select[name="category"]').selectOption('library');
        await Promise.all([page.waitForURL(/[?&]category=library/),
                           form.locator('button[type="submit"]').click()]);
        await checkShell(page);
        const names = await venueNames(page);
        assert.deepEqual([...names].sort(), [...DEMO_LIBRARIES].sort(), 'only the libraries');
        assert.ok(names.length < all, `${names.length} < ${all}`);
        assert.equal(await form.locator('select[name="category"]').inputValue(), 'library',
                     'the filter stays selected');
        const svg = await checkMap(page);
        assert.equal(await svg.locator('circle.map-venue').count(), names.length,
                     'the map shows the filtered venues');
        await shot(page, `venues-${device}-libraries`);
      });

      await t.test('a venue page: its name and its opening hours', async () => {
        await Promise.all([page.waitForURL(/\/venues\/\d+$/),
                           page.locator('#venue-list a', { hasText: CITY_LIBRARY }).click()]);
        await checkShell(page);
        assert.equal(await page.locator('#venue-name').textContent(), CITY_LIBRARY);
        assert.match(await page.title(), new RegExp(CITY_LIBRARY));
        const rows = page.locator('#hours tbody tr');
        assert.equal(await rows.count(), 7, 'a row per weekday');
        for (let d = 0; d < 7; d++) {
          const cell = (await rows.nth(d).locator('td').textContent()).trim();
          if (DEMO_HOURS[d]) assert.ok(cell.startsWith(DEMO_HOURS[d]), `day ${d + 1}: ${cell}`);
          else assert.doesNotMatch(cell, /\d\d:\d\d/, `day ${d + 1} is closed: ${cell}`);
        }
        // Friday and Saturday: extended hours (错时延时开放)
        assert.equal(await page.locator('#hours .badge.extended').count(), 2);
        assert.equal(await page.locator('article.venue .badge.open, article.venue .badge.closed').count(), 1,
                     'open now or closed now');
        // the venue highlighted on the map of its city
        const svg = await checkMap(page);
        assert.equal(await svg.locator('circle.map-here').count(), 1);
        assert.equal(await page.locator('a[href$="/edit"]').count(), 0, 'no edit link for a visitor');
        await shot(page, `venues-${device}-venue`);
      });
    } finally {
      await context.close();
    }
  });

  test(`the circle map on a ${device}`, async (t) => {
    const { context, page } = await newPage(viewport);
    try {
      let report;
      await t.test('covered (green) and uncovered streets and the venues', async () => {
        const api = await page.request.get(`${base}/api/v1/circles`);
        assert.equal(api.status(), 200);
        report = await api.json();
        const r = await page.goto(`${base}/circles`);
        assert.equal(r.status(), 200);
        await checkShell(page, { allowOverflow: true }); // checked on its own below
        const svg = await checkMap(page);
        const roads = await svg.evaluate((el) => {
          const pick = (cls) => [...el.querySelectorAll(`path.${cls}`)].map((p) => {
            const box = p.getBBox();
            return { stroke: getComputedStyle(p).stroke, d: (p.getAttribute('d') || '').length,
                     w: box.width, h: box.height };
          });
          return { covered: pick('map-road-covered'), uncovered: pick('map-road-uncovered') };
        });
        assert.ok(roads.covered.length >= 1 && roads.uncovered.length >= 1, 'both kinds of street');
        for (const p of roads.covered) {
          assert.equal(p.stroke, GREEN, 'covered streets are green');
          assert.ok(p.d > 1000 && p.w > 10 && p.h > 10, 'covered streets are drawn');
        }
        for (const p of roads.uncovered) {
          assert.equal(p.stroke, RED, 'uncovered streets are red');
          assert.ok(p.d > 1000 && p.w > 10 && p.h > 10, 'uncovered streets are drawn');
        }
        assert.equal(await svg.locator('circle.map-venue').count(), report.venues.count,
                     'a marker per venue (Monaco\'s POIs)');
        assert.equal(await svg.locator('circle.map-site').count(), 0, 'sites are a planner\'s job');
        assert.equal(await page.locator('#siting-form').count(), 0, 'no siting form for a visitor');
        assert.match(await page.locator('figure.map').textContent(), /OpenStreetMap/);

        const stats = await page.locator('#circle-stats').textContent();
        const c = report.coverage;
        assert.ok(stats.includes(`${c.covered_points} / ${c.points}`), `the covered points in ${stats}`);
        assert.ok(stats.includes(`${(100 * c.share).toFixed(1)}%`), 'the share');

        assert.ok(await page.locator('#histogram tbody tr').count() >= 2, 'the histogram');
        await shot(page, `circles-${device}-count4`);
        // the map alone, clipped from the full page (an element screenshot is misplaced
        // when a phone page is zoomed out to its overflow)
        const clip = await page.locator('figure.map').evaluate((el) => {
          const b = el.getBoundingClientRect();
          return { x: b.x + window.scrollX, y: b.y + window.scrollY, width: b.width, height: b.height };
        });
        await page.screenshot({ path: path.join(ARTIFACTS, `circles-${device}-map.png`), fullPage: true, clip });
      });

      await t.test('the Zhejiang rule from the form changes the verdicts', async () => {
        const form = page.locator('#circle-form');
        await form.locator('select[name="rule"]').selectOption('zj');
        await Promise.all([page.waitForURL(/[?&]rule=zj/), form.locator('button[type="submit"]').click()]);
        await checkShell(page, { allowOverflow: true });
        const api = await page.request.get(`${base}/api/v1/circles?rule=zj`);
        const zj = (await api.json()).coverage;
        assert.notEqual(zj.covered_points, report.coverage.covered_points);
        const stats = await page.locator('#circle-stats').textContent();
        assert.ok(stats.includes(`${zj.covered_points} / ${zj.points}`), `zj in ${stats}`);
        assert.equal(await form.locator('select[name="rule"]').inputValue(), 'zj');
        await checkMap(page);
        await shot(page, `circles-${device}-zj`);
      });

      await t.test('the circle page does not scroll sideways', async () => {
        await page.goto(`${base}/circles`);
        await checkShell(page);
      });
    } finally {
      await context.close();
    }
  });

  test(`a planner's siting job on a ${device}`, async () => {
    const { context, page } = await newPage(viewport);
    try {
      await h.login(page, CITY_ADMIN);
      await page.goto(`${base}/circles`);
      const form = page.locator('#siting-form');
      await form.locator('input[name="k"]').fill('3');
      await Promise.all([page.waitForURL(/\/circles\/siting\/\d+$/), form.locator('button[type="submit"]').click()]);
      const id = /\/circles\/siting\/(\d+)$/.exec(page.url())[1];
      const status = page.locator('#job-status');
      assert.ok(['queued', 'running', 'done'].includes(await status.getAttribute('data-status')));
      // the page reloads itself (<meta refresh>, no script) until the job is done
      await page.waitForSelector('#job-status[data-status="done"]', { timeout: 120000 });
      await checkShell(page, { allowOverflow: true });
      const job = await (await page.request.get(`${base}/api/v1/circles/siting/${id}`)).json();
      assert.equal(job.status, 'done');
      const svg = await checkMap(page);
      assert.equal(await svg.locator('circle.map-site').count(), 3, 'the sites on the map');
      const rows = page.locator('#sites tbody tr');
      assert.equal(await rows.count(), 3, 'three proposed sites');
      for (let i = 0; i < 3; i++) {
        const cells = await rows.nth(i).locator('td').allTextContents();
        const s = job.result.siting.sites[i];
        assert.equal(cells[0], String(i + 1));
        assert.equal(cells[1], `${s.lon.toFixed(5)}, ${s.lat.toFixed(5)}`);
        assert.equal(cells[2], s.gain.toFixed(0));
        assert.equal(cells[3], `${(100 * s.share_after).toFixed(1)}%`);
      }
      await shot(page, `circles-${device}-siting`);
    } finally {
      await context.close();
    }
  });
}

test('no console errors, CSP violations or server errors', () => {
  assert.deepEqual(problems, []);
});

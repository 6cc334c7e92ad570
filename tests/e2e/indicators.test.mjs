// Browser test of the indicators' dashboards (docs/dashboards.md) on the demo data of 攀枝花市:
// the city dashboard with its statuses, the progress chart drawn by ECharts (vendored from npm
// at build time and served by wenyun under its CSP), the districts shaded on the map, the page
// of one indicator with its time series and districts compared, and the drill-down from the
// value to the venues behind it and on to a venue's page; a staff member's dashboard of the
// own district; on a phone and on a desktop.
//
// Run by CTest (cmake/tests.cmake) as `node --test`; leaves screenshots in
// $WY_BUILD_DIR/artifacts/e2e/indicators-*.png. Assertions are on ids, classes and numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const DISTRICT_ADMIN = { phone: '13900000002', password: 'Demo2026dq' }; // district_admin 510402

const h = new Harness('indicators');
let base;

before(async () => {
  base = await h.start();
});

after(async () => {
  await h.stop();
});

// ECharts has drawn the chart #id: the box is shown, with an <svg> of a visible size that
// holds drawn shapes.
async function checkChart(page, id) {
  const box = page.locator(`#${id}-chart .chart-box`);
  await page.waitForSelector(`#${id}-chart .chart-box svg path`, { state: 'attached', timeout: 15000 });
  assert.equal(await box.isVisible(), true, `the chart ${id} is shown`);
  const svg = await box.locator('svg').first().boundingBox();
  assert.ok(svg && svg.width > 150 && svg.height > 150, `the chart ${id} has a size: ${JSON.stringify(svg)}`);
  assert.ok(await box.locator('svg path').count() > 3, `the chart ${id} has shapes`);
}

for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`the city dashboard, an indicator and its drill-down on a ${device}`, async (t) => {
    const { context, page } = await h.newPage(viewport);
    try {
      let year;
      await t.test('the dashboard: statuses, the progress chart and the map', async () => {
        const r = await page.goto(`${base}/indicators`);
        assert.equal(r.status(), 200);
        assert.match(r.headers()['content-security-policy'] ?? '', /script-src 'self'/);
        await checkShell(page);
        year = await page.locator('#ind-picker input[name="period"]').inputValue();
        const api = await (await page.request.get(`${base}/api/v1/indicators?division=5104&period=${year}`)).json();
        const rows = page.locator('#ind-table tbody tr');
        assert.equal(await rows.count(), api.items.length, 'a row per indicator');
        for (const [k, item] of api.items.entries())
          assert.equal(await rows.nth(k).getAttribute('data-status'), item.status, item.code);
        const venues = page.locator('#ind-table tr[data-code="venues.count"]');
        assert.equal((await venues.locator('a.drill').textContent()).trim(), '10');
        await checkChart(page, 'ind-progress');
        assert.ok(await page.locator('#ind-map svg path[class^="map-shade-"]').count() >= 5,
                  'the five districts shaded');
        await page.locator('#ind-progress-chart').scrollIntoViewIfNeeded();
        await h.shot(page, `indicators-${device}-dashboard`);
      });

      await t.test('an indicator: its time series, the districts compared and the map', async () => {
        await Promise.all([page.waitForURL(/\/indicators\/venues\.count\?/),
                           page.locator('#ind-table tr[data-code="venues.count"] td:first-child a').click()]);
        await checkShell(page);
        assert.equal(await page.locator('#ind-series tbody tr').count(), 5);
        await checkChart(page, 'ind-series');
        await checkChart(page, 'ind-districts');
        assert.ok(await page.locator('#ind-map svg path[class^="map-status-"]').count() >= 5);
        await h.shot(page, `indicators-${device}-indicator`);
      });

      await t.test('the drill-down: the venues behind the value, each linking to its page', async () => {
        await Promise.all([page.waitForURL(/\/indicators\/venues\.count\/records\?/),
                           page.locator('#ind-value a.drill').click()]);
        await checkShell(page);
        const links = page.locator('#ind-records tbody tr td:first-child a');
        assert.equal(await links.count(), 10, 'the ten demo venues');
        await h.shot(page, `indicators-${device}-records`);
        const name = (await links.first().textContent()).trim();
        await Promise.all([page.waitForURL(/\/venues\/\d+$/), links.first().click()]);
        assert.equal(await page.locator('#venue-name').textContent(), name);
      });
    } finally {
      await context.close();
    }
  });
}

test('a district admin sees the own district, unpublished indicators included', async () => {
  const { context, page } = await h.newPage(DESKTOP);
  try {
    await h.login(page, DISTRICT_ADMIN);
    await page.goto(`${base}/indicators`);
    assert.equal(await page.locator('#ind-picker select[name="division"]').inputValue(), '510402');
    assert.equal(await page.locator('#ind-table tr[data-code="occupancy.sessions"]').count(), 1);
    await checkChart(page, 'ind-progress');
    await h.shot(page, 'indicators-desktop-district');
  } finally {
    await context.close();
  }
});

test('no console errors, CSP violations or server errors', () => {
  assert.deepEqual(h.problems, []);
});

// The dashboards of the indicators over HTTP (docs/dashboards.md): the city's and a district's
// dashboard against the API's figures (every status shown), what a visitor, a district's staff
// and the city's staff see (published indicators, and the rest within their scope), the page of
// one indicator (time series, districts compared, the map shaded by status), the drill-down to
// the records behind a computed value (paged), the empty states, the published page (信息公开)
// and the chart assets. Assertions are on ids, classes and data attributes, not on wording.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loginAs, DEMO, Client, SOURCE_DIR } from './lib.mjs';

const CITY = '5104';
const EAST = '510402'; // 东区: the demo district admin's scope
const WEST = '510403'; // 西区
const YEAR = String(new Date(Date.now() + 8 * 3600e3).getUTCFullYear()); // China time

// The rows of a dashboard table: data-code and data-status of each <tr>.
function rows(html, table = 'ind-table') {
  const i = html.indexOf(`id="${table}"`);
  assert.ok(i >= 0, `the table #${table} is on the page`);
  const body = html.slice(i, html.indexOf('</table>', i));
  return [...body.matchAll(/<tr data-code="([^"]+)" data-status="([^"]+)"/g)].map((m) => ({
    code: m[1], status: m[2] }));
}

// The number of <tr> of a table's body.
function bodyRows(html, table) {
  const i = html.indexOf(`id="${table}"`);
  assert.ok(i >= 0, `the table #${table} is on the page`);
  const body = html.slice(html.indexOf('<tbody>', i), html.indexOf('</tbody>', i));
  return [...body.matchAll(/<tr[ >]/g)].length;
}

// The JSON a chart embeds (web_chart: the data-chart attribute of the box in #ID-chart).
function chartData(html, id) {
  const m = new RegExp(`<figure class="chart" id="${id}-chart">.*?<div class="chart-box"[^>]* data-chart="([^"]*)"`).exec(html);
  assert.ok(m, `the chart ${id} embeds its data`);
  const text = m[1].replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  return JSON.parse(text);
}

// The Chinese of a msgid in the modules' catalogues (src/mod/*/po/zh_CN.po, po/zh_CN.po: one
// line a string, as scripts/update-po.sh writes them), or undefined.
function zhOf(msgid) {
  const files = [join(SOURCE_DIR, 'po/zh_CN.po'), ...readdirSync(join(SOURCE_DIR, 'src/mod'))
    .map((m) => join(SOURCE_DIR, 'src/mod', m, 'po/zh_CN.po'))];
  const quoted = `msgid ${JSON.stringify(msgid)}\n`;
  for (const f of files) {
    let text;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    const i = text.indexOf(quoted);
    if (i >= 0) return JSON.parse(/^msgstr (".*")$/m.exec(text.slice(i + quoted.length))[1]);
  }
  return undefined;
}

const escapeHtml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  .replaceAll('"', '&quot;').replaceAll("'", '&#39;');

describe('indicators pages', () => {
  let srv, anon, city, district, citizen;
  before(async () => {
    srv = await startServer();
    anon = new Client(srv.base);
    city = await loginAs(srv.base, DEMO.cityAdmin);
    district = await loginAs(srv.base, DEMO.districtAdmin);
    citizen = await loginAs(srv.base, DEMO.citizen);
  });
  after(async () => {
    await srv?.stop();
  });

  it('the city dashboard shows every indicator the API lists, with its status', async () => {
    for (const client of [anon, city]) {
      const api = await client.get(`/api/v1/indicators?division=${CITY}&period=${YEAR}`);
      assert.equal(api.status, 200, api.text);
      const r = await client.get('/indicators'); // the city and this year by default
      assert.equal(r.status, 200, r.text);
      assert.match(r.headers.get('content-type'), /text\/html/);
      const shown = rows(r.text);
      assert.deepEqual(shown.map((x) => x.code), api.json.items.map((x) => x.code),
                       'the same indicators in the same order');
      for (const [k, x] of shown.entries())
        assert.equal(x.status, api.json.items[k].status, `the status of ${x.code}`);
      // every status has its badge in the summary, with its count
      for (const s of ['met', 'on_track', 'behind', 'no_data']) {
        const m = new RegExp(`<li data-status="${s}"><span class="badge ${s}">[^<]+</span> <strong>(\\d+)</strong>`)
          .exec(r.text);
        assert.ok(m, `the summary of ${s}`);
        assert.equal(Number(m[1]), api.json.items.filter((x) => x.status === s).length);
      }
    }
  });

  it('shows the demo targets: values, targets, baselines and a status other than no data', async () => {
    const api = await city.get(`/api/v1/indicators?division=${CITY}&period=${YEAR}`);
    const venues = api.json.items.find((x) => x.code === 'venues.count');
    assert.ok(venues, 'venues.count is on the city dashboard');
    assert.equal(venues.value, 10, 'the ten demo venues');
    assert.equal(venues.target, 14);
    assert.notEqual(venues.status, 'no_data');
    const r = await city.get(`/indicators?division=${CITY}&period=${YEAR}`);
    const row = r.text.slice(r.text.indexOf('<tr data-code="venues.count"'));
    const tr = row.slice(0, row.indexOf('</tr>'));
    assert.match(tr, new RegExp(`data-status="${venues.status}"`));
    // the value links to the records behind it; target and baseline (with its year) follow
    assert.match(tr, new RegExp(`<a class="drill" href="/indicators/venues.count/records\\?division=${CITY}&amp;period=${YEAR}">10</a>`));
    assert.match(tr, /<td class="num">14<\/td>/);
    assert.match(tr, new RegExp(`<td class="num">8 <small>\\(${Number(YEAR) - 1}\\)</small></td>`));
    // a chart of the progress against the targets, with the same numbers as the table
    const spec = chartData(r.text, 'ind-progress');
    assert.equal(spec.kind, 'bar');
    const k = spec.categories.indexOf(venues.name);
    assert.ok(k >= 0, `venues.count in the progress chart: ${spec.categories}`);
    assert.equal(spec.series[0].data[k], Math.round(1000 * 10 / 14) / 10);
    assert.match(r.text, /<script src="\/static\/echarts.min.js" defer><\/script>/);
    // the districts shaded on the map of the city
    assert.match(r.text, /<div id="ind-map"><figure class="map"><svg/);
    assert.ok((r.text.match(/<path class="map-shade-/g) || []).length >= 5, 'the five districts');
  });

  it('a district\'s and a town\'s dashboard map the city\'s districts, their own marked', async () => {
    const city = await anon.get(`/indicators?division=${CITY}&period=${YEAR}`);
    const districts = (city.text.match(/<path class="map-shade-[^"]*"/g) || []).length;
    assert.ok(districts >= 5, 'the city\'s map: its districts');
    assert.ok(!city.text.includes('map-current'), 'the city\'s own page marks none');
    for (const division of [EAST, '510402001']) {
      const r = await anon.get(`/indicators?division=${division}&period=${YEAR}`);
      assert.equal(r.status, 200, r.text);
      assert.match(r.text, /<div id="ind-map"><figure class="map"><svg/, `${division}: a map`);
      const paths = [...r.text.matchAll(/<path class="(map-shade-[^"]*)"[^>]*><title>([^<]*)<\/title>/g)];
      assert.equal(paths.length, districts, `${division}: the city's districts`);
      const own = paths.filter((m) => m[1].split(' ').includes('map-current'));
      assert.deepEqual(own.map((m) => m[2]), ['东区'], `${division}: its district marked`);
      assert.match(r.text, /<li><span class="swatch map-current"><\/span>东区<\/li>/, 'in the legend');
    }
    // an indicator's page of a district: the same map, shaded by the indicator's status
    const ind = await anon.get(`/indicators/venues.count?division=${EAST}&period=${YEAR}`);
    assert.match(ind.text, /<path class="map-status-[a-z_]+ map-current"[^>]*><title>东区<\/title>/);
    assert.equal((ind.text.match(/<path class="map-status-/g) || []).length, districts);
  });

  it('a visitor sees the published indicators; staff see the rest within their scope', async () => {
    const pub = rows((await anon.get(`/indicators?division=${CITY}`)).text).map((x) => x.code);
    assert.ok(pub.length > 0);
    assert.ok(!pub.includes('occupancy.sessions'), 'occupancy is not published');
    assert.deepEqual(rows((await citizen.get(`/indicators?division=${CITY}`)).text).map((x) => x.code), pub,
                     'a citizen sees what a visitor sees');
    const staff = rows((await city.get(`/indicators?division=${CITY}`)).text).map((x) => x.code);
    assert.ok(staff.includes('occupancy.sessions'), 'the city admin sees occupancy');
    for (const c of pub) assert.ok(staff.includes(c));
    // the district admin: the unpublished ones of the own district, not of another
    const own = rows((await district.get(`/indicators?division=${EAST}`)).text).map((x) => x.code);
    assert.ok(own.includes('occupancy.sessions'), 'in scope');
    const other = rows((await district.get(`/indicators?division=${WEST}`)).text).map((x) => x.code);
    assert.ok(!other.includes('occupancy.sessions'), 'out of scope');
    assert.ok(other.length > 0, 'but the published ones');
    // an unpublished indicator's page: 404 for a visitor, shown to staff
    assert.equal((await anon.get(`/indicators/occupancy.sessions?division=${CITY}`)).status, 404);
    assert.equal((await city.get(`/indicators/occupancy.sessions?division=${CITY}`)).status, 200);
    // the district dashboard defaults to the caller's own scope
    const mine = await district.get('/indicators');
    assert.match(mine.text, new RegExp(`<option value="${EAST}" selected>`));
  });

  it('the published page (信息公开) lists only published indicators, for everyone', async () => {
    const a = rows((await anon.get('/indicators/published')).text).map((x) => x.code);
    const c = rows((await city.get('/indicators/published')).text).map((x) => x.code);
    assert.ok(a.length > 0);
    assert.deepEqual(c, a, 'staff see the same published page');
    const api = await city.get(`/api/v1/indicators?division=${CITY}&period=${YEAR}`);
    const published = api.json.items.filter((x) => x.public).map((x) => x.code);
    assert.deepEqual(a, published);
  });

  it('the page of an indicator: its standing, time series, districts compared and map', async () => {
    const r = await anon.get(`/indicators/venues.count?division=${CITY}&period=${YEAR}`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<dd id="ind-status" data-status="(met|on_track|behind)">/);
    assert.equal(bodyRows(r.text, 'ind-series'), 5, 'five years');
    const series = chartData(r.text, 'ind-series');
    assert.equal(series.kind, 'line');
    assert.equal(series.categories.at(-1), YEAR);
    assert.equal(series.series[0].data.at(-1), 10);
    assert.equal(series.target, 14);
    const exp = await anon.get(`/api/v1/indicators.json?division=${CITY}&period=${YEAR}`);
    assert.equal(exp.status, 200, exp.text);
    const districts = exp.json.items.filter((x) => x.code === 'venues.count' && x.division !== CITY);
    assert.ok(districts.length >= 5);
    assert.equal(bodyRows(r.text, 'ind-districts'), districts.length);
    const bars = chartData(r.text, 'ind-districts');
    assert.deepEqual(bars.series[0].data, districts.map((x) => x.value));
    const east = districts.find((x) => x.division === EAST);
    assert.match(r.text, new RegExp(`<path class="map-status-${east.status}"`));
    // a district's page of the same indicator
    const d = await anon.get(`/indicators/venues.count?division=${EAST}&period=${YEAR}`);
    assert.equal(d.status, 200);
    assert.match(d.text, new RegExp(`<dd id="ind-status" data-status="${east.status}">`));
  });

  it('a computed indicator shows its module\'s definition and unit in the reader\'s language', async () => {
    const api = await city.get(`/api/v1/indicators?division=${CITY}&period=${YEAR}`);
    const computed = api.json.items.filter((x) => x.source === 'computed' && x.provided);
    assert.ok(computed.length >= 5, 'the modules compute several indicators');
    const zhDash = await city.get(`/indicators?division=${CITY}&period=${YEAR}`);
    const en = await loginAs(srv.base, DEMO.cityAdmin);
    const enDash = await en.get(`/indicators?division=${CITY}&period=${YEAR}&lang=en`);
    const unitCell = (html, code) => {
      const row = html.slice(html.indexOf(`<tr data-code="${code}"`));
      return row.slice(0, row.indexOf('</tr>')).split('<td>').at(-3); // unit, source, computed at
    };
    for (const item of computed) {
      const def = await city.get(`/api/v1/indicators/${item.code}`);
      const definition = def.json.computed_by;
      assert.ok(definition, `${item.code}: its module's definition`);
      const zh = zhOf(definition);
      assert.ok(zh && /[\u4e00-\u9fff]/.test(zh), `${item.code}: the definition has its Chinese`);
      const page = await city.get(`/indicators/${item.code}?division=${CITY}&period=${YEAR}`);
      const facts = page.text.slice(page.text.indexOf('id="ind-facts"'), page.text.indexOf('</dl>'));
      assert.ok(facts.includes(`<dd>${escapeHtml(zh)}</dd>`), `${item.code}: the Chinese definition`);
      assert.ok(!page.text.includes(escapeHtml(definition)), `${item.code}: not the English one`);
      const enPage = await en.get(`/indicators/${item.code}?division=${CITY}&period=${YEAR}`);
      assert.ok(enPage.text.includes(`<dd>${escapeHtml(definition)}</dd>`), `${item.code}: in English`);
      // the unit: the module's, translated on the dashboard and the page alike
      const unit = unitCell(enDash.text, item.code).replace(/<\/td>$/, '');
      const unitZh = zhOf(unit);
      assert.ok(unitZh, `${item.code}: the unit ${unit} has its Chinese`);
      assert.equal(unitCell(zhDash.text, item.code), `${escapeHtml(unitZh)}</td>`, `${item.code}: unit`);
      assert.ok(facts.includes(`<dd>${escapeHtml(unitZh)}</dd>`), `${item.code}: the unit on its page`);
    }
  });

  it('drills down from the value to the records behind it, paged, each linking to its page', async () => {
    const api = await anon.get(`/api/v1/indicators/venues.count/records?division=${CITY}&period=${YEAR}&limit=500`);
    assert.equal(api.status, 200, api.text);
    assert.equal(api.json.items.length, 10);
    const r = await anon.get(`/indicators/venues.count/records?division=${CITY}&period=${YEAR}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(bodyRows(r.text, 'ind-records'), 10);
    for (const rec of api.json.items)
      assert.ok(r.text.includes(`<tr data-id="${rec.id}"><td><a href="${rec.href}">`), `record ${rec.id}`);
    assert.ok(!r.text.includes('id="next-page"'), 'one page');
    // paged: 4 a page, the next page keeps the division and the period
    const p1 = await anon.get(`/indicators/venues.count/records?division=${CITY}&period=${YEAR}&limit=4`);
    assert.equal(bodyRows(p1.text, 'ind-records'), 4);
    const next = /id="next-page" href="([^"]+)"/.exec(p1.text);
    assert.ok(next, 'a next page');
    const href = next[1].replaceAll('&amp;', '&');
    assert.match(href, new RegExp(`^/indicators/venues.count/records\\?cursor=${api.json.items[3].id}&division=${CITY}&period=${YEAR}$`));
    const p2 = await anon.get(`${href}&limit=4`);
    assert.ok(p2.text.includes(`<tr data-id="${api.json.items[4].id}">`));
    // a district's records are its own venues
    const east = await anon.get(`/indicators/venues.count/records?division=${EAST}&period=${YEAR}`);
    const eastApi = await anon.get(`/api/v1/indicators/venues.count/records?division=${EAST}&period=${YEAR}`);
    assert.equal(bodyRows(east.text, 'ind-records'), eastApi.json.items.length);
    assert.ok(eastApi.json.items.length < 10);
  });

  it('empty states and refusals', async () => {
    // a period before any venue: the drill-down has nothing to list
    const r = await anon.get(`/indicators/venues.count/records?division=${CITY}&period=1990`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<p class="empty">/);
    assert.ok(!r.text.includes('id="ind-records"'));
    // a division with no district to compare: the empty state in place of the chart
    const town = await anon.get(`/indicators/venues.count?division=510402001&period=${YEAR}`);
    if (town.status === 200) assert.match(town.text, /<p class="empty">/);
    // a reported indicator has no records to list
    const rep = await city.get(`/indicators/troupes.grassroots/records?division=${CITY}&period=${YEAR}`);
    assert.equal(rep.status, 422, rep.text);
    assert.equal((await anon.get('/indicators?period=20x6')).status, 400);
    assert.equal((await anon.get('/indicators?division=abc')).status, 400);
    assert.equal((await anon.get(`/indicators/no.such.indicator?division=${CITY}`)).status, 404);
  });

  it('the reported entries with their evidence, for staff within their scope', async () => {
    const c = await city.get(`/indicators/troupes.grassroots?division=${CITY}&period=${YEAR}`);
    assert.equal(c.status, 200, c.text);
    assert.match(c.text, /id="ind-history"/);
    assert.ok(bodyRows(c.text, 'ind-history') >= 1, 'the demo entry');
    const a = await anon.get(`/indicators/troupes.grassroots?division=${CITY}&period=${YEAR}`);
    assert.equal(a.status, 200);
    assert.ok(!a.text.includes('id="ind-history"'), 'not for a visitor');
  });

  it('the admin console sets a target and reports a value with its evidence, within scope', async () => {
    const form = await loginAs(srv.base, DEMO.districtAdmin, { useCookie: true });
    const list = await form.get(`/admin/indicators?division=${EAST}&period=${YEAR}`);
    assert.equal(list.status, 200, list.text.slice(0, 300));
    assert.ok(bodyRows(list.text, 'ind-admin') > 0, 'the indicators of the district');
    assert.match(list.text, /<a[^>]+href="\/admin\/indicators"[^>]*>/, 'the console\'s menu links it');
    const page = await form.get(`/admin/indicators/troupes.grassroots?division=${EAST}&period=${YEAR}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="target-form"/);
    assert.match(page.text, /id="report-form"/);
    const csrf = await form.csrfToken();
    // the target
    const t = await form.request('POST', `/admin/indicators/troupes.grassroots/target?division=${EAST}&period=${YEAR}`, {
      body: new URLSearchParams({ _csrf: csrf, target_period: YEAR, target: '40', baseline_year: String(Number(YEAR) - 1), baseline: '20', note: '区级目标' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(t.status, 303, t.text.slice(0, 300));
    assert.equal(t.headers.get('location'), `/admin/indicators/troupes.grassroots?division=${EAST}&period=${YEAR}&msg=target_saved`);
    const targets = await form.get(`/api/v1/indicators/troupes.grassroots/targets?division=${EAST}`);
    const set = targets.json.items.find((x) => x.period === YEAR);
    assert.equal(set.target, 40);
    assert.equal(set.baseline, 20);
    // a reported value with an evidence file
    const fd = new FormData();
    fd.set('_csrf', csrf);
    fd.set('value', '31');
    fd.set('note', '东区报送');
    fd.set('evidence', new Blob(['31 groups'], { type: 'text/plain' }), 'troupes.txt');
    const r = await form.request('POST', `/admin/indicators/troupes.grassroots/report?division=${EAST}&period=${YEAR}`, { body: fd });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const hist = await form.get(`/api/v1/indicators/troupes.grassroots/history?division=${EAST}&period=${YEAR}`);
    assert.equal(hist.json.items[0].value, 31);
    assert.equal(hist.json.items[0].evidence[0].filename, 'troupes.txt');
    const api = await anon.get(`/api/v1/indicators?division=${EAST}&period=${YEAR}`);
    const tg = api.json.items.find((x) => x.code === 'troupes.grassroots');
    assert.equal(tg.value, 31);
    assert.equal(tg.target, 40);
    // the dashboard shows the entry to staff, with its evidence
    const shown = await form.get(`/indicators/troupes.grassroots?division=${EAST}&period=${YEAR}`);
    assert.match(shown.text, /<a href="\/api\/v1\/indicator-evidence\/\d+">troupes.txt<\/a>/);
    // not a number: 400; another district: 403; a citizen: no console
    const bad = await form.request('POST', `/admin/indicators/troupes.grassroots/target?division=${EAST}&period=${YEAR}`, {
      body: new URLSearchParams({ _csrf: csrf, target: 'many' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(bad.status, 400);
    const other = await form.request('POST', `/admin/indicators/troupes.grassroots/target?division=${WEST}&period=${YEAR}`, {
      body: new URLSearchParams({ _csrf: csrf, target: '5' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(other.status, 403);
    assert.equal((await citizen.get('/admin/indicators')).status, 403);
  });

  it('the navigation, the chart script and ECharts itself', async () => {
    const home = await anon.get('/');
    assert.match(home.text, /<a[^>]+href="\/indicators"/);
    const js = await anon.get('/static/charts.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type'), /javascript/);
    const ec = await anon.get('/static/echarts.min.js');
    assert.equal(ec.status, 200, 'echarts.min.js is vendored at build time (npm ci)');
    assert.match(ec.text.slice(0, 2000), /echarts|Apache/i);
  });
});

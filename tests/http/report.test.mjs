// The annual report (docs/report.md): made from the console and by `wenyun report`; the
// workbook opened by LibreOffice headless, each sheet converted to CSV and its numbers checked
// against GET /api/v1/indicators; the page printed to PDF by Chromium and turned into PNG
// (saved under the build tree: report-print/) for a person to look at; the snapshot recomputed
// before and after a figure changes; the command's errors.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, SOURCE_DIR, DEMO, assertError, cleanup, loginAs, runCli, startServer, tempDir } from './lib.mjs';

const CITY = '5104';
const YEAR = 2026;
const PG = !!process.env.WY_TEST_PG_HOST;
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const CHROMIUM = process.env.WY_CHROMIUM ?? '/usr/bin/chromium';

/** A minimal CSV reader (LibreOffice's output: "," and '"' doubled inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Every sheet of an XLSX file as CSV, by LibreOffice headless: {sheet name: rows}. */
function sheetsOf(xlsx, dir) {
  const out = join(dir, 'csv');
  mkdirSync(out, { recursive: true });
  // tokens: separator ",", quote '"', UTF-8, from line 1, -, language, not all quoted, detect
  // numbers, values not as shown (raw numbers), no formulas, keep spaces, every sheet (-1)
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
    '--outdir', out, xlsx], { encoding: 'utf8', timeout: 180000 });
  assert.equal(r.status, 0, `soffice failed: ${r.stdout}\n${r.stderr}`);
  const base = xlsx.replace(/^.*\//, '').replace(/\.xlsx$/, '');
  const sheets = {};
  for (const f of readdirSync(out))
    if (f.startsWith(`${base}-`) && f.endsWith('.csv'))
      sheets[f.slice(base.length + 1, -4)] = parseCsv(readFileSync(join(out, f), 'utf8'));
  return sheets;
}

async function download(srv, token, path) {
  const res = await fetch(srv.base + path, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

const num = (s) => (s === '' || s === undefined ? null : Number(s));
const close = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)));

describe('the annual report', () => {
  let srv, dir, admin;

  before(async () => {
    dir = tempDir('wenyun-report-');
    srv = await startServer({ dir });
    admin = await loginAs(srv.base, DEMO.cityAdmin);
  });

  after(async () => {
    await srv?.stop();
    cleanup(dir);
  });

  it('is made for the caller\'s division, and its workbook holds the figures the API gives', async (t) => {
    const r = await admin.post('/api/v1/annual-reports', { year: YEAR });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.division, CITY);
    assert.equal(r.json.year, YEAR);
    assert.match(r.json.figures_hash, /^[0-9a-f]{64}$/);
    assert.ok(r.json.figures > 0);
    assert.equal(r.json.files.xlsx, `/api/v1/annual-reports/${r.json.id}/xlsx`);

    const x = await download(srv, admin.token, r.json.files.xlsx);
    assert.equal(x.status, 200);
    assert.match(x.type, /spreadsheetml/);
    assert.equal(x.body.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
    const xlsx = join(dir, `wenyun-report-${CITY}-${YEAR}.xlsx`);
    writeFileSync(xlsx, x.body);

    const h = await download(srv, admin.token, r.json.files.html);
    assert.equal(h.status, 200);
    const html = h.body.toString('utf8');
    assert.match(html, /攀枝花市2026年度公共文化服务指标分析报告/);
    assert.match(html, /<svg/);
    assert.ok(html.includes(r.json.figures_hash), 'the page shows its snapshot');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html), 'self-contained: no script, no outside link');
    // a computed indicator's unit is its module's, Chinese first (src/mod/venues/po/zh_CN.po)
    const po = readFileSync(join(SOURCE_DIR, 'src/mod/venues/po/zh_CN.po'), 'utf8');
    const unitZh = /^msgid "m²\/10k residents"\nmsgstr "(.+)"$/m.exec(po)[1];
    assert.ok(html.includes(`<td>${unitZh} <span class="en">m²/10k residents</span></td>`),
              'the unit of venues.area_per_10k in Chinese, then in English');
    writeFileSync(join(dir, 'report.html'), html);

    if (!have('soffice')) {
      t.skip('LibreOffice (soffice) is not installed: scripts/deps.sh all installs it');
      return;
    }
    const sheets = sheetsOf(xlsx, dir);
    const names = Object.keys(sheets);
    assert.ok(names.includes('概况 Summary'), `sheets: ${names}`);
    assert.ok(names.length >= 3, `one sheet a theme: ${names}`);

    // every (code, division) row of the theme sheets against the API
    const seen = new Map();
    for (const [name, rows] of Object.entries(sheets)) {
      if (name === '概况 Summary') continue;
      assert.equal(rows[0][0], '指标代码', `${name}: the Chinese header first`);
      assert.equal(rows[1][0], 'Code', `${name}: the English header second`);
      for (const row of rows.slice(2)) {
        if (!row[0]) continue;
        seen.set(`${row[0]}@${row[4]}`, { value: num(row[6]), target: num(row[7]), sheet: name });
      }
    }
    const divisions = [CITY, ...(await admin.get(`/api/v1/divisions/${CITY}`)).json.children.map((d) => d.code)];
    assert.ok(divisions.length > 1, 'the districts are compared');
    let compared = 0;
    for (const d of divisions) {
      const api = await admin.get(`/api/v1/indicators?division=${d}&period=${YEAR}`);
      assert.equal(api.status, 200, api.text);
      for (const it of api.json.items) {
        const cell = seen.get(`${it.code}@${d}`);
        assert.ok(cell, `${it.code} of ${d} is in the workbook`);
        assert.ok(close(cell.value, it.value ?? null), `${it.code}@${d}: workbook ${cell.value}, API ${it.value}`);
        assert.ok(close(cell.target, it.target ?? null), `${it.code}@${d}: target ${cell.target}, API ${it.target}`);
        compared++;
      }
    }
    assert.equal(compared, seen.size, 'the workbook holds exactly the API\'s figures');
    assert.equal(compared, r.json.figures);
    assert.ok([...seen.values()].some((c) => c.value !== null), 'some figure has a value');
  });

  it('prints to PDF, saved as PNG under the build tree', async (t) => {
    if (!existsSync(CHROMIUM) || !have('pdftoppm')) {
      t.skip('chromium or pdftoppm (poppler-utils) missing');
      return;
    }
    const r = await admin.post('/api/v1/annual-reports', { division: CITY, year: YEAR });
    const h = await download(srv, admin.token, r.json.files.html);
    const page = join(dir, 'print.html');
    writeFileSync(page, h.body);
    const shots = join(BUILD_DIR, 'report-print');
    mkdirSync(shots, { recursive: true });
    const pdf = join(shots, `report-${PG ? 'pg' : 'sqlite'}.pdf`);
    const c = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'chromium')}`, `--print-to-pdf=${pdf}`, `file://${page}`],
    { encoding: 'utf8', timeout: 120000 });
    assert.ok(existsSync(pdf), `chromium printed nothing: ${c.stderr}`);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const p = spawnSync('pdftoppm', ['-png', '-r', '70', pdf, pdf.replace(/\.pdf$/, '')], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    const pngs = readdirSync(shots).filter((f) => f.startsWith(`report-${PG ? 'pg' : 'sqlite'}`) && f.endsWith('.png'));
    assert.ok(pngs.length >= 2, `pages: ${pngs}`);
    t.diagnostic(`printed report: ${shots}/${pngs[0]}`);
  });

  it('is recomputed against its snapshot: the same figures match, a changed target does not', async () => {
    const r = await admin.post('/api/v1/annual-reports', { division: CITY, year: YEAR });
    assert.equal(r.status, 201, r.text);
    const v1 = await admin.post(`/api/v1/annual-reports/${r.json.id}/verify`);
    assert.equal(v1.status, 200, v1.text);
    assert.equal(v1.json.matches, true, v1.text);
    assert.equal(v1.json.hash, r.json.figures_hash);
    assert.equal(v1.json.nchanged, 0);

    const put = await admin.put('/api/v1/indicators/venues.count/targets', { division: CITY, period: String(YEAR), target: 987 });
    assert.equal(put.status, 200, put.text);
    const v2 = await admin.post(`/api/v1/annual-reports/${r.json.id}/verify`);
    assert.equal(v2.json.matches, false, v2.text);
    assert.notEqual(v2.json.hash, r.json.figures_hash);
    assert.ok(v2.json.nchanged >= 1);
    assert.ok(v2.json.changed.some((c) => c.startsWith(`venues.count@${CITY}:`) && c.includes('987')), v2.text);

    const list = await admin.get(`/api/v1/annual-reports?division=${CITY}`);
    assert.equal(list.status, 200);
    assert.ok(list.json.items.some((i) => i.id === r.json.id));
  });

  it('is refused outside the caller\'s scope', async () => {
    const district = await loginAs(srv.base, DEMO.districtAdmin);
    const own = await district.post('/api/v1/annual-reports', { year: YEAR });
    assert.equal(own.status, 201, own.text);
    assert.equal(own.json.division, '510402');
    assertError(await district.post('/api/v1/annual-reports', { division: CITY, year: YEAR }), 403, 'forbidden');
    const cityReport = (await admin.post('/api/v1/annual-reports', { year: YEAR })).json.id;
    assertError(await district.get(`/api/v1/annual-reports/${cityReport}/xlsx`), 404, 'unknown_report');
    assertError(await admin.post('/api/v1/annual-reports', { year: 1800 }), 400, 'bad_year');
    assertError(await admin.post('/api/v1/annual-reports', { division: '510499', year: YEAR }), 404, 'unknown_division');
    assertError(await admin.post('/api/v1/annual-reports', { division: '9999', year: YEAR }), 403, 'forbidden');
    const citizen = await loginAs(srv.base, DEMO.citizen);
    assertError(await citizen.post('/api/v1/annual-reports', { year: YEAR }), 403, 'forbidden');
  });

  it('is made from the admin console page, which lists it with its files', async () => {
    const web = await loginAs(srv.base, DEMO.cityAdmin, { useCookie: true });
    const csrf = await web.csrfToken();
    const page = await web.get('/admin/reports');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /id="report-form"/);
    assert.match(page.text, /name="division"[^>]*value="5104"/);
    const made = await web.request('POST', '/admin/reports', {
      body: new URLSearchParams({ _csrf: csrf, division: CITY, year: String(YEAR) }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(made.status, 303, made.text);
    assert.equal(made.headers.get('location'), `/admin/reports?division=${CITY}`);
    const list = await web.get(`/admin/reports?division=${CITY}`);
    const links = [...list.text.matchAll(/href="(\/api\/v1\/annual-reports\/\d+\/xlsx)"/g)].map((m) => m[1]);
    assert.ok(links.length >= 1, list.text);
    const x = await fetch(srv.base + links[0], { headers: { Cookie: web.cookieHeader() } });
    assert.equal(x.status, 200);
    assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
    assert.match(x.headers.get('content-disposition'), /^attachment; filename="wenyun-report-/);
    // the page opens in the browser, under a policy of its own: its inline styles, no script
    const html = await fetch(srv.base + links[0].replace(/^\/api\/v1\/annual-reports\/(\d+)\/xlsx$/, '/admin/reports/$1/html'),
      { headers: { Cookie: web.cookieHeader() } });
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-disposition'), /^inline; filename="wenyun-report-5104-\d{4}\.html"$/);
    assert.equal(html.headers.get('content-security-policy'),
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'one policy: the site\'s default is replaced, not added to');
    assert.match(await html.text(), /<style>/);
    const bad = await web.request('POST', '/admin/reports', {
      body: new URLSearchParams({ _csrf: csrf, division: CITY, year: 'soon' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(bad.status, 400, bad.text);
  });

  it('is written by `wenyun report`, which says what it does and refuses bad input clearly', () => {
    const out = join(dir, 'cli-out');
    const r = runCli(['report', '--db', srv.db, '--year', String(YEAR), '--division', CITY, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const xlsx = join(out, `wenyun-report-${CITY}-${YEAR}.xlsx`), html = join(out, `wenyun-report-${CITY}-${YEAR}.html`);
    assert.ok(existsSync(xlsx) && existsSync(html));
    assert.ok(r.stdout.includes(xlsx) && r.stdout.includes(html), r.stdout);
    assert.match(r.stderr, /report: computing the division 5104 攀枝花市/);
    assert.match(r.stderr, /figures of \d+ divisions computed in [\d.]+ ms/);
    const id = r.stdout.match(/report (\d+) sha256 ([0-9a-f]{64})/);
    assert.ok(id, r.stdout);

    const v = runCli(['report', '--db', srv.db, '--verify', id[1]]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /the figures match/);

    const bad = (args, code, re) => {
      const b = runCli(['report', '--db', srv.db, ...args]);
      assert.equal(b.code, code, `${args}: ${b.stderr}`);
      assert.match(b.stderr, re);
    };
    bad(['--year', '20x6', '--division', CITY, '--out', out], 2, /bad year '20x6'/);
    bad(['--year', '1800', '--division', CITY, '--out', out], 2, /bad year/);
    bad(['--year', String(YEAR), '--division', '9999', '--out', out], 1, /No such division/);
    bad(['--year', String(YEAR), '--division', 'abc', '--out', out], 1, /division code/);
    bad(['--year', String(YEAR), '--division', CITY, '--out', html], 1, /not a directory/);
    bad(['--year', String(YEAR), '--division', CITY, '--out', join(dir, 'no', 'such')], 1, /cannot make the output directory/);
    bad(['--year', String(YEAR), '--division', CITY], 2, /--out are required/);
    bad(['--verify', '999999'], 1, /No such report/);
  });
});

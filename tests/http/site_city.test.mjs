// The site's city ([site] city, core/site.h, docs/operating.md): the dashboard /indicators and
// the venue directory take it when no division is named; a value that is not a city's
// division code stops the server at start-up with a clear reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { Client, SOURCE_DIR, cleanup, freshDb, loadDemo, runCli, startServer, tempDir } from './lib.mjs';

const CHANGZHI = '1404'; // 长治市: loaded beside the demo's 攀枝花市 (5104)
const YEAR = String(new Date(Date.now() + 8 * 3600e3).getUTCFullYear()); // China time

describe('the site\'s city', () => {
  let dir, db, srv, anon;
  before(async () => {
    dir = tempDir();
    db = freshDb(dir);
    loadDemo(db);
    const files = ['provinces.csv', 'cities.csv', 'areas.csv'].map((f) => join(SOURCE_DIR, 'data/divisions', f));
    const r = runCli(['import', 'divisions', '--db', db, '--only', CHANGZHI, ...files]);
    assert.equal(r.code, 0, r.stderr);
    srv = await startServer({ dir, db, demo: false, config: { site: { city: '140400' } } });
    anon = new Client(srv.base);
  });
  after(async () => {
    await srv?.stop();
    cleanup(dir);
  });

  it('is the dashboard of /indicators when no division is named', async () => {
    const r = await anon.get('/indicators');
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<h1 id="ind-title">长治市 · /);
    assert.match(r.text, new RegExp(`<select name="division"[^>]*><option value="${CHANGZHI}">长治市</option>`));
    assert.match(r.text, /<option value="140403">潞州区<\/option>/, 'its districts in the picker');
    assert.ok(!r.text.includes('攀枝花市'), 'not the demo\'s city');
    const api = await anon.get(`/api/v1/indicators?division=${CHANGZHI}&period=${YEAR}`);
    assert.equal(api.status, 200, api.text);
    // a division named still wins
    const pzh = await anon.get('/indicators?division=5104');
    assert.match(pzh.text, /<h1 id="ind-title">攀枝花市 · /);
  });

  it('frames the venue directory: its districts in the filter', async () => {
    const r = await anon.get('/venues');
    assert.equal(r.status, 200, r.text);
    const select = r.text.slice(r.text.indexOf('<select name="division"'));
    const options = select.slice(0, select.indexOf('</select>'));
    assert.match(options, /<option value="140403">潞州区<\/option>/);
    assert.ok(!options.includes('510402'), 'not the demo city\'s districts');
  });

  it('refuses at start-up a value that is not a city\'s division code', async () => {
    for (const bad of ['51x4', '510402', '51', '']) {
      const res = await startServer({ dir, db, demo: false, config: `[site]\ncity = ${bad}\n`, startMs: 5000 })
        .then((s) => { s.kill(); return null; }, (e) => e.message);
      assert.ok(res, `site.city = '${bad}' is refused`);
      assert.match(res, /site\.city wants the division code of a city/, res);
    }
  });
});

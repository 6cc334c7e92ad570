// The security fixtures of the indicators module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. The world's reported value and its evidence file
// (indicatorReport, indicatorEvidence) are made in buildWorld.
export const fixtures = ({ WORLD_DIV }) => ({
  'GET /api/v1/indicators': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators.csv': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators.json': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators/{code}': { perm: 'public', p: { code: "'venues.count'" } },
  'GET /api/v1/indicators/{code}/records': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators/{code}/series': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}&from=2025&to=2026` },
  'GET /api/v1/indicators/{code}/targets': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}` },
  'PUT /api/v1/indicators/{code}/targets': { perm: 'indicators_manage', p: { code: "'venues.count'" }, json: () => ({ division: WORLD_DIV, period: '2026', target: 3 }) },
  'POST /api/v1/indicators/{code}/reports': { perm: 'indicators_manage', p: { code: "'troupes.grassroots'" }, json: (w, c) => ({ division: WORLD_DIV, period: '2026', value: 4, note: c.t('indicator.note') }) },
  'GET /api/v1/indicators/{code}/history': { perm: 'indicators_read', p: { code: "'troupes.grassroots'" }, query: `?division=${WORLD_DIV}&period=2026` },
  'POST /api/v1/indicator-reports/{id}/evidence': { perm: 'indicators_manage', p: { id: 'indicatorReport' }, query: '?name=evidence.txt', raw: (w, c) => ({ body: c.t('indicator.evidence'), type: 'text/plain' }) },
  'GET /api/v1/indicator-evidence/{id}': { perm: 'indicators_read', p: { id: 'indicatorEvidence' } },
  // ---- the dashboards (pages_indicators.c) ----
  'GET /indicators': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /indicators/published': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /indicators/{code}': { perm: 'public', p: { code: "'troupes.grassroots'" }, query: `?division=${WORLD_DIV}&period=2026` },
  'GET /indicators/{code}/records': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}&period=2026` },
  'GET /admin/indicators': { perm: 'indicators_manage', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /admin/indicators/{code}': { perm: 'indicators_manage', p: { code: "'troupes.grassroots'" }, query: `?division=${WORLD_DIV}&period=2026` },
  'POST /admin/indicators/{code}/target': { perm: 'indicators_manage', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}&period=2026`, form: (w, c) => ({ target_period: '2026', target: '3', note: c.t('indicator.note') }) },
  'POST /admin/indicators/{code}/report': { perm: 'indicators_manage',
    p: { code: "'troupes.grassroots'" },
    query: `?division=${WORLD_DIV}&period=2026`,
    multipart: (w, c) => {
      const f = new FormData();
      f.append('value', '4');
      f.append('note', c.t('indicator.note'));
      f.append('evidence', new Blob([c.t('indicator.evidence')], { type: 'text/plain' }), 'evidence.txt');
      return f;
    },
  },
  // the annual report (report.c); the world's report (annualReport) is made in buildWorld
  'POST /api/v1/annual-reports': { perm: 'indicators_read', json: () => ({ division: WORLD_DIV, year: 2026 }) },
  'GET /api/v1/annual-reports': { perm: 'indicators_read', query: `?division=${WORLD_DIV}` },
  'GET /api/v1/annual-reports/{id}': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'GET /api/v1/annual-reports/{id}/xlsx': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'POST /api/v1/annual-reports/{id}/verify': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'GET /admin/reports': { perm: 'indicators_read', own: 'lists what is in the caller\'s own area' },
  'POST /admin/reports': { perm: 'indicators_read', form: () => ({ division: WORLD_DIV, year: '2026' }) },
  'GET /admin/reports/{id}/html': { perm: 'indicators_read', p: { id: 'annualReport' } },
});

// The XSS crawl: fields whose text no page shows, each with the reason.
export const notOnPages = {
  'indicator.evidence': 'an evidence file is served as a download (attachment), never as a page',
};

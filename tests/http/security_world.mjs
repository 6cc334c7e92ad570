// What the route security test (security_routes.test.mjs), the XSS crawl (xss_crawl.test.mjs)
// and the browser's XSS pass (tests/e2e/xss.test.mjs) share:
//
// - the route table and the roles of every permission as the binary holds them
//   (`wenyun routes --json`), so a route added later is tested without being copied here;
// - the seven kinds of caller of issue 9, with the grants each holds;
// - a small world of real records in 大渡口街道 (510402001, in 东区), made through the API
//   on a fresh demo database: a venue, a published activity with sessions, a draft, an activity
//   whose session has ended (attendance, no-shows, ratings), bookings and space bookings of
//   another person, pending reviews, a revision, a webhook, grants to revoke...;
// - FIXTURES: one line per route ("METHOD pattern"), saying the permission the route should
//   need, which record fills each path parameter, the body that would be valid, and where the
//   record's access is narrower than the permission. A route without a line fails the security
//   test: a new route is added to this table consciously, with its own line.
//
// Every text a fixture or the world writes goes through t(field): plain Chinese in the
// security test, markup with a unique marker in the XSS tests.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { runCli, DEMO, freshPhone } from './lib.mjs';

/** The settings of the server the world lives on: cheap password hashing (many accounts),
 * room for many bookings a day, codes asked for from one address without limit (every caller
 * is 127.0.0.1). No walking network: loading one takes the sanitizer build longer than a server
 * may take to start, so the circle routes answer 503 (noWitness). */
export const WORLD_CONFIG = {
  auth: { password_memlimit_kib: 8, password_opslimit: 1, code_per_ip_hour: 1000000, register_per_minute: 1000000 },
  booking: { max_people_per_day: 100 },
};

/** Where the world's records are: 大渡口街道 of 东区 (510402). */
export const WORLD_DIV = '510402001';
const PASSWORD = 'Secure2026pw';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** `wenyun routes --json`: {routes: [{method, pattern, permission, flags}], permissions, roles}. */
export function routeTable() {
  const r = runCli(['routes', '--json']);
  assert.equal(r.code, 0, `wenyun routes --json failed: ${r.stderr}`);
  const t = JSON.parse(r.stdout);
  assert.ok(t.routes.length > 20 && t.permissions.publish, 'the route table has routes and permissions');
  return t;
}

/**
 * The callers: the demo accounts of src/demo.c where there is one, else an account the city
 * admin makes in buildWorld(). grants: [role, division] as held.
 */
export const ROLES = {
  anonymous: { grants: [] },
  citizen: { account: DEMO.citizen, grants: [['citizen', '510402001']] },
  venueManager: { account: DEMO.venueManager, grants: [['venue_manager', '510402001']] },
  reviewer: { account: DEMO.districtReviewer, grants: [['reviewer', '510402']] },
  // a district admin of 西区: every permission of an admin, none of them over 东区's records
  otherDistrictAdmin: { make: { role: 'district_admin', division: '510403' }, grants: [['district_admin', '510403']] },
  cityAdmin: { account: DEMO.cityAdmin, grants: [['city_admin', '5104']] },
  auditor: { make: { role: 'auditor', division: '5104' }, grants: [['auditor', '5104']] },
};

/** A caller: a bearer token (or none) and a fixed CSRF pair, so unsafe requests test
 * authorisation, not CSRF. No session cookie: who calls is exactly the token. */
export class Caller {
  constructor(base, token = null, who = 'anonymous') {
    this.base = base;
    this.token = token;
    this.who = who;
    this.csrf = `csrf${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`.padEnd(24, 'x');
  }

  /** send(method, path, {json, form, raw: {body, type}, multipart: FormData}) */
  async send(method, path, { json, form, raw, multipart } = {}) {
    const headers = { Cookie: `wy_csrf=${this.csrf}`, 'Accept-Language': 'zh-CN,zh;q=0.9' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let body;
    if (method !== 'GET' && method !== 'HEAD') {
      headers['X-CSRF-Token'] = this.csrf;
      if (json !== undefined) {
        body = JSON.stringify(json);
        headers['Content-Type'] = 'application/json';
      } else if (form) {
        body = new URLSearchParams({ ...form, _csrf: this.csrf });
      } else if (raw) {
        body = raw.body;
        headers['Content-Type'] = raw.type;
      } else if (multipart) {
        multipart.append('_csrf', this.csrf);
        body = multipart;
      } else if (!path.startsWith('/api/')) {
        body = new URLSearchParams({ _csrf: this.csrf });
      }
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed;
    if ((res.headers.get('content-type') || '').startsWith('application/json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, json: parsed, location: res.headers.get('location') };
  }

  get(path) {
    return this.send('GET', path);
  }
  post(path, json) {
    return this.send('POST', path, { json: json ?? {} });
  }
}

/** Log in through the API; a Caller with the token. */
export async function login(base, { phone, password }, who) {
  const c = new Caller(base, null, who);
  const r = await c.post('/api/v1/auth/login', { phone, password });
  assert.equal(r.status, 200, `login ${who} (${phone}): ${r.status} ${r.text}`);
  c.token = r.json.token;
  c.account = { phone, password };
  return c;
}

/** CRC-32, for the PNG below. */
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A small valid RGB PNG: a poster. */
export function png(w = 4, h = 4) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h, 0x7f);
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A CSV cell, quoted. */
const csvCell = (s) => `"${String(s).replace(/"/g, '""')}"`;

/** "YYYY-MM-DD" in China time of a moment. */
const cstDay = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

/** Local midnight (UTC+8) of the day `days` after today, in ms. */
function midnightIn(days) {
  const d = cstDay(Date.now() + days * DAY);
  return Date.parse(`${d}T00:00:00+08:00`);
}

/** Space bookings at the demo street station: distinct 2-hour slots next week and after. */
let spaceSlot = 0;
function nextSpaceSlot() {
  const k = spaceSlot++;
  const day = midnightIn(8 + Math.floor(k / 6));
  const start = day + (8 + 2 * (k % 6)) * HOUR;
  return { start, end: start + 2 * HOUR };
}

/** The body of a space booking request. */
function spaceBooking(t) {
  const s = nextSpaceSlot();
  return {
    starts_at: iso(s.start),
    ends_at: iso(s.end),
    group_name: t('space_booking.group_name'),
    programme: { title: t('space_booking.title'), description: t('space_booking.description'), performers: 8, audience: 30 },
  };
}

/** The same as the form of /spaces/{id}. */
function spaceBookingForm(t) {
  const s = nextSpaceSlot();
  const hhmm = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(11, 16);
  return {
    date: cstDay(s.start),
    start: hhmm(s.start),
    end: hhmm(s.end),
    group_name: t('space_booking.group_name'),
    title: t('space_booking.title'),
    description: t('space_booking.description'),
    performers: '8',
  };
}

/** A venue's hours: every day 08:00-22:00, closed one day next week. */
function venueHours(t) {
  return {
    weekly: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, opens: '08:00', closes: '22:00' })),
    exceptions: [{ day: cstDay(Date.now() + 10 * DAY), closed: true, note: t('venue.exception_note') }],
  };
}

/** A session of an activity: starts `days` from today at 19:00 China time, 2 hours. */
function session(days, capacity = 200) {
  const start = midnightIn(days) + 19 * HOUR;
  return { starts_at: iso(start), ends_at: iso(start + 2 * HOUR), capacity };
}

/** The body of an activity at the world's venue. */
function activityBody(w, t, sessions) {
  return {
    title: t('activity.title'),
    category: 'performance',
    division: WORLD_DIV,
    venue_id: w.venue,
    description: t('activity.description'),
    organiser: t('activity.organiser'),
    address: t('activity.address'),
    audience: t('activity.audience'),
    live_url: `https://live.example.org/${t('activity.live_url')}`,
    replay_url: `https://live.example.org/${t('activity.replay_url')}`,
    waitlist: true,
    max_companions: 2,
    sessions,
  };
}

function ok(r, what, ...statuses) {
  assert.ok(statuses.includes(r.status), `${what}: ${r.status} ${r.text.slice(0, 400)}`);
  return r.json;
}

/**
 * Make the world on a server loaded with the demo data. t(field) gives the text written into
 * each field. Returns w: the callers by role (w.callers), the other accounts (w.acct; owner and
 * owner2 are citizens whose records nobody else may touch, and w.owner "witnesses" the
 * owner-only routes), and the ids of the records, by the names FIXTURES use.
 */
export async function buildWorld(base, t) {
  const w = { base, t, callers: {}, acct: {} };
  const admin = await login(base, DEMO.cityAdmin, 'cityAdmin');
  const [vm, rv1, rv2] = await Promise.all([
    login(base, DEMO.venueManager, 'venueManager'),
    login(base, DEMO.districtReviewer, 'reviewer'),
    login(base, DEMO.cityReviewer, 'cityReviewer'),
  ]);

  // accounts: the roles the demo lacks, and people whose records are someone else's
  const makeAccount = async (key, role, division) => {
    const phone = freshPhone();
    const r = await admin.post('/api/v1/accounts', { phone, password: PASSWORD, name: t('account.name'), role, division });
    const id = ok(r, `create account ${key}`, 201).id;
    w.acct[key] = { phone, password: PASSWORD, id };
    return id;
  };
  for (const [key, spec] of Object.entries(ROLES))
    if (spec.make) await makeAccount(key, spec.make.role, spec.make.division);
  for (const key of ['owner', 'owner2', 'absent1', 'absent2']) await makeAccount(key, 'citizen', WORLD_DIV);
  w.ownerId = w.acct.owner.id;
  w.owner2Id = w.acct.owner2.id;

  w.callers.anonymous = new Caller(base);
  for (const [key, spec] of Object.entries(ROLES)) {
    if (key === 'anonymous') continue;
    const account = spec.account || w.acct[key];
    w.acct[key] = w.acct[key] || { ...account };
    w.callers[key] = await login(base, account, key);
  }
  const owner = await login(base, w.acct.owner, 'owner');
  const owner2 = await login(base, w.acct.owner2, 'owner2');
  w.owner = owner;
  w.owner2 = owner2;

  // grants to revoke (one through the API, one through the console)
  w.grantApi = ok(await admin.post(`/api/v1/accounts/${w.owner2Id}/roles`, { role: 'teacher', division: WORLD_DIV }), 'grant', 201).id;
  w.grantPage = ok(await admin.post(`/api/v1/accounts/${w.owner2Id}/roles`, { role: 'provider', division: WORLD_DIV }), 'grant', 201).id;

  // a member import, a job of the city admin's (its report is for its maker)
  w.importJob = ok(await admin.send('POST', '/api/v1/accounts/import?dry_run=1', {
    raw: { type: 'text/csv', body: `phone,name,password\n${freshPhone()},${csvCell(t('account.name'))},${PASSWORD}\n` },
  }), 'member import', 202).id;

  // the venue, open every day 08:00-22:00
  w.venue = ok(await admin.post('/api/v1/venues', {
    name: t('venue.name'), category: 'town_station', division: WORLD_DIV, address: t('venue.address'),
    contact: t('venue.contact'), awards: t('venue.awards'), lon: 101.7262, lat: 26.5785,
  }), 'create venue', 201).id;
  ok(await admin.send('PUT', `/api/v1/venues/${w.venue}/hours`, { json: venueHours(t) }), 'hours', 200);

  const venues = ok(await admin.get('/api/v1/venues?q=%E4%B8%89%E7%BA%BF'), 'find the museum', 200).items;
  w.museum = venues[0].id; // 中国三线建设博物馆: timed entry in the demo

  // publish: submit, then each level of the chain (东区's reviewer, then the city's)
  const approveAll = async (type, id) => {
    for (const rv of [rv1, rv2]) {
      const q = ok(await rv.get('/api/v1/reviews?status=pending&limit=200'), 'review queue', 200);
      const item = q.items.find((x) => x.content_type === type && x.content_id === id);
      assert.ok(item, `${type} ${id} waits for review: ${JSON.stringify(q.items)}`);
      ok(await rv.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' }), 'approve', 200);
    }
  };
  const reviewOf = async (type, id) => {
    const q = ok(await rv1.get('/api/v1/reviews?status=pending&limit=200'), 'review queue', 200);
    const item = q.items.find((x) => x.content_type === type && x.content_id === id);
    assert.ok(item, `${type} ${id} waits for review`);
    return item.id;
  };

  const bk = async (c, sid, body = {}) => ok(await c.post(`/api/v1/sessions/${sid}/bookings`, body), `book ${sid}`, 201);

  // first, an activity whose one session ends in a few seconds (the rest of the world is made
  // meanwhile): the owners and the citizen attend (checked in), two others do not (no-shows
  // once the organiser's page has swept); the owners rate it at the end. Booking stays open
  // until the end, so a slow machine still books and checks in in time.
  const ratedEnds = Date.now() + 15000;
  const ra = ok(await vm.post('/api/v1/activities', activityBody(w, t, [
    { starts_at: iso(Date.now() + 5000), ends_at: iso(ratedEnds), booking_closes_at: iso(ratedEnds), capacity: 20 },
  ])), 'rated activity', 201);
  w.ratedActivity = ra.id;
  w.ratedSession = ra.sessions[0].id;
  ok(await vm.post(`/api/v1/activities/${w.ratedActivity}/submit`), 'submit', 200);
  await approveAll('activity', w.ratedActivity);
  const absent1 = await login(base, w.acct.absent1, 'absent1');
  const absent2 = await login(base, w.acct.absent2, 'absent2');
  const codes = [];
  for (const c of [owner, owner2, w.callers.citizen]) codes.push((await bk(c, w.ratedSession)).code);
  w.noShowApi = (await bk(absent1, w.ratedSession)).id;
  w.noShowPage = (await bk(absent2, w.ratedSession)).id;
  for (const code of codes) ok(await vm.post('/api/v1/checkins', { code, session_id: w.ratedSession }), 'check in', 200);
  ok(await vm.send('PUT', `/api/v1/activities/${w.ratedActivity}/poster`, { raw: { body: png(), type: 'image/png' } }), 'poster', 200);
  assert.ok(Date.now() < ratedEnds, 'the rated session was booked and checked in before its end');

  // the activity with sessions to book, change and cancel (S5 starts within the hour, so
  // its codes can be checked in), published; its poster; a pending revision
  const soon = { starts_at: iso(Date.now() + 30 * 60000), ends_at: iso(Date.now() + 3 * HOUR), capacity: 50 };
  const sessions = [session(3), session(4), session(5), session(6), soon];
  const a = ok(await vm.post('/api/v1/activities', activityBody(w, t, sessions)), 'create activity', 201);
  w.activity = a.id;
  const sid = (s) => a.sessions.find((x) => Date.parse(x.starts_at) === Date.parse(s.starts_at)).id;
  [w.session1, w.session2, w.session3, w.session4, w.session5] = sessions.map(sid);
  ok(await vm.post(`/api/v1/activities/${w.activity}/submit`), 'submit', 200);
  await approveAll('activity', w.activity);
  ok(await vm.send('PUT', `/api/v1/activities/${w.activity}/poster`, { raw: { body: png(), type: 'image/png' } }), 'poster', 200);
  const rev = ok(await vm.send('PATCH', `/api/v1/activities/${w.activity}`, { json: { description: t('revision.description'), audience: t('revision.audience') } }), 'revision', 202);
  w.revision = rev.pending_revision.id;

  // a draft, to change and submit
  w.draft = ok(await vm.post('/api/v1/activities', activityBody(w, t, [session(7)])), 'draft', 201).id;

  // another person's bookings (companions named), and two codes to check in
  w.ownerBooking = (await bk(owner, w.session1, { companions: [{ name: t('booking.companion') }] })).id;
  w.ownerBooking2 = (await bk(owner, w.session2)).id;
  await bk(owner, w.session3); // told when it is cancelled, with the reason
  await bk(owner, w.session4);
  w.codeApi = (await bk(owner, w.session5)).code;
  w.codePage = (await bk(owner2, w.session5)).code;

  // notices: a draft, two waiting for review, one published
  const notice = async (c) => ok(await c.post('/api/v1/notices', { division: WORLD_DIV, title: t('notice.title'), body: t('notice.body') }), 'notice', 201).id;
  w.noticeDraft = await notice(vm);
  for (const key of ['reviewApi', 'reviewPage']) {
    const id = await notice(vm);
    ok(await vm.post(`/api/v1/notices/${id}/submit`), 'submit notice', 200);
    w[key] = await reviewOf('notice', id);
  }
  w.noticePublished = await notice(vm);
  ok(await vm.post(`/api/v1/notices/${w.noticePublished}/submit`), 'submit notice', 200);
  await approveAll('notice', w.noticePublished);

  // the demo street station of 大渡口 and another person's requests for it
  const spaces = ok(await admin.get(`/api/v1/spaces?division=${WORLD_DIV}`), 'spaces', 200).items;
  w.space = spaces.find((s) => s.kind === 'street_station').id;
  for (const key of ['spaceBookingApi', 'spaceBookingPage', 'ownerSpaceBooking', 'ownerSpaceBooking2'])
    w[key] = ok(await owner.post(`/api/v1/spaces/${w.space}/bookings`, spaceBooking(t)), 'space booking', 201).id;

  // indicators: a reported value of the town with one evidence file
  w.indicatorReport = ok(await admin.post('/api/v1/indicators/troupes.grassroots/reports', { division: WORLD_DIV, period: '2026', value: 3, note: t('indicator.note') }), 'indicator report', 201).id;
  w.indicatorEvidence = ok(await admin.send('POST', `/api/v1/indicator-reports/${w.indicatorReport}/evidence?name=evidence.txt`, { raw: { body: t('indicator.evidence'), type: 'text/plain' } }), 'indicator evidence', 201).id;

  // the annual report of the town (its workbook and page kept)
  w.annualReport = ok(await admin.post('/api/v1/annual-reports', { division: WORLD_DIV, year: 2026 }), 'annual report', 201).id;

  // a webhook of the district's town
  w.webhook = ok(await admin.post('/api/v1/webhooks', { url: 'https://hub.example.org/wenyun', division: WORLD_DIV }), 'webhook', 201).id;

  // the owner's private calendar address
  const cal = ok(await owner.post('/api/v1/me/calendar'), 'calendar', 201);
  w.calendarToken = /\/calendar\/me\/([^/]+)\.ics$/.exec(cal.path)[1];

  // the rated activity's session is over by now (started above): sweep, then rate
  await sleep(Math.max(0, ratedEnds + 500 - Date.now()));
  ok(await vm.get('/organiser'), 'the organiser page sweeps no-shows', 200);
  const rate = async (c) => ok(await c.post(`/api/v1/activities/${w.ratedActivity}/ratings`, { score: 4, comment: t('rating.comment') }), 'rate', 201).id;
  w.ratingApi = await rate(owner);
  w.ratingPage = await rate(owner2);
  return w;
}

/*
 * FIXTURES: "METHOD pattern" -> how to call the route.
 *
 *   perm     the permission the route should need (docs/api.md): the test expects the answers
 *            of this one, and fails when src/routes.c gives the route another
 *   p        path parameter -> the world's record (a key of w) or a literal in quotes
 *   json     (w, c) => JSON body          c: {t, role, password}
 *   form     (w, c) => form fields (pages; the CSRF field is added)
 *   raw      (w, c) => {body, type}       multipart: (w, c) => FormData
 *   query    appended to the path
 *   div      the division of the record the call acts on (default WORLD_DIV)
 *   own      why the route acts on the caller's own area or on nothing, not on a record of
 *            WORLD_DIV: a holder of the permission anywhere is answered (a list of its subtree)
 *   access   the record is narrower than the route's permission: only these reach it —
 *            {roles: [role keys], perms: [permissions held over div (anywhere, with own)],
 *            owner: world account that may (and, as a witness, does) reach it, why}; everyone
 *            else gets 403/404
 *   refusal  (r) => true when a 2xx answer is a refusal all the same (a per-row import report
 *            that rejects every row)
 *   phase    0 reads (GET), 1 writes (default for other methods), 2 writes that use a record
 *            up (cancel, delete, decide, submit), 3 writes that end the caller's session
 *   fresh    the call is made with a new login of the role (phase 3)
 *   noWitness  why no role gets a success here (else some role must: the fixture is real)
 *
 * own, access and noWitness are the exceptions to the plain rule, each with its reason. Unsafe
 * calls carry a valid body where it is cheap, so a missing check shows as 2xx.
 */
const NO_NETWORK = 'the test server has no walking network: 503 for everyone';
const NO_CODE = 'a code sent by SMS to a number of nobody here: a wrong code for everyone';
const NO_JOBS = 'without a walking network no siting job is ever queued: 404 for everyone who may ask';
const WHOLE_NETWORK = 'a siting job without a division covers the whole network: any holder of circles_plan may queue one';
const OWN_AREA = 'lists what is in the caller\'s own area';
const A_FORM = 'an empty form';
const ONLY_OWNER = 'another person\'s booking or request: its owner only';
const REVIEW_QUEUE = 'the queue is for reviewers and auditors: a venue manager sees the console, not the queue';
export const FIXTURES = {
  'GET /healthz': { perm: 'public' },
  'GET /metrics': { perm: 'public' },
  'GET /api/v1/openapi.json': { perm: 'public' },
  'POST /api/v1/auth/register': { perm: 'public', json: (w, c) => ({ phone: freshPhone(), password: PASSWORD, name: c.t('account.name') }) },
  'POST /api/v1/auth/verify': { perm: 'public', json: () => ({ phone: freshPhone(), code: '000000' }), noWitness: NO_CODE },
  'POST /api/v1/auth/reset/request': { perm: 'public', json: () => ({ phone: freshPhone() }) },
  'POST /api/v1/auth/reset': { perm: 'public', json: () => ({ phone: freshPhone(), code: '000000', password: PASSWORD }), noWitness: NO_CODE },
  'POST /api/v1/auth/login': { perm: 'public', json: (w) => ({ phone: w.acct.owner.phone, password: w.acct.owner.password }) },
  'POST /api/v1/auth/logout': { perm: 'logged_in', phase: 3, fresh: true },
  'GET /api/v1/me': { perm: 'logged_in' },
  'POST /api/v1/me/password': { perm: 'logged_in', phase: 3, fresh: true, json: (w, c) => ({ old_password: c.password, new_password: c.password }) },
  'GET /api/v1/accounts': { perm: 'accounts_read', own: OWN_AREA },
  'POST /api/v1/accounts': { perm: 'accounts_manage', json: (w, c) => ({ phone: freshPhone(), password: PASSWORD, name: c.t('account.name'), division: WORLD_DIV }) },
  // a job: its rows are judged when it runs (rows outside the caller's area are rejected
  // there, each with its reason), so any holder of accounts_manage gets 202
  'POST /api/v1/accounts/import': { perm: 'accounts_manage', own: 'a job over the caller\'s own area: rows outside it are rejected row by row',
    query: '?dry_run=1',
    raw: (w, c) => ({ type: 'text/csv', body: `phone,name,password,role,division\n${freshPhone()},${csvCell(c.t('account.name'))},${PASSWORD},citizen,${WORLD_DIV}\n` }),
  },
  'GET /api/v1/accounts/import/{id}': { perm: 'accounts_manage', p: { id: 'importJob' }, access: { roles: ['cityAdmin'], why: 'an import job: the account that started it' } },
  'GET /api/v1/accounts/{id}': { perm: 'logged_in', p: { id: 'ownerId' }, access: { perms: ['accounts_read'], owner: 'owner', why: 'an account: itself, and holders of accounts_read over it' } },
  'POST /api/v1/accounts/{id}/roles': { perm: 'accounts_manage', p: { id: 'owner2Id' }, json: () => ({ role: 'volunteer_coordinator', division: WORLD_DIV }) },
  'DELETE /api/v1/accounts/{id}/roles/{grant}': { perm: 'accounts_manage', p: { id: 'owner2Id', grant: 'grantApi' }, phase: 2 },
  'GET /api/v1/divisions/{code}': { perm: 'public', p: { code: "'510402'" } },
  'GET /api/v1/reviews': { perm: 'admin_console', own: OWN_AREA, access: { perms: ['review', 'audit_read'], why: REVIEW_QUEUE } },
  'GET /api/v1/reviews/{id}': { perm: 'logged_in', p: { id: 'reviewApi' }, access: { roles: ['venueManager'], perms: ['review', 'audit_read'], why: 'its submitter (the venue manager), reviewers and auditors over it' } },
  'POST /api/v1/reviews/{id}/decision': { perm: 'review', p: { id: 'reviewApi' }, phase: 2, json: (w, c) => ({ decision: 'reject', reason: c.t('review.reason') }) },
  'GET /api/v1/review-chains/{type}': { perm: 'admin_console', p: { type: "'notice'" }, query: `?division=${WORLD_DIV}`, own: 'the chain in force, which any console user may read' },
  'PUT /api/v1/review-chains/{type}': { perm: 'review_config', p: { type: "'notice'" }, json: () => ({ division: WORLD_DIV, levels: 'county,city' }) },
  'GET /api/v1/audit': { perm: 'audit_read', own: OWN_AREA },
  'GET /api/v1/indicators': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators.csv': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators.json': { perm: 'public', query: `?division=${WORLD_DIV}&period=2026` },
  'GET /api/v1/indicators/{code}': { perm: 'public', p: { code: "'venues.count'" } },
  'GET /api/v1/indicators/{code}/records': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}&period=2026`, noWitness: 'no module lists the records behind its value yet (venues.count has no records hook): 422 for everyone' },
  'GET /api/v1/indicators/{code}/series': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}&from=2025&to=2026` },
  'GET /api/v1/indicators/{code}/targets': { perm: 'public', p: { code: "'venues.count'" }, query: `?division=${WORLD_DIV}` },
  'PUT /api/v1/indicators/{code}/targets': { perm: 'indicators_manage', p: { code: "'venues.count'" }, json: () => ({ division: WORLD_DIV, period: '2026', target: 3 }) },
  'POST /api/v1/indicators/{code}/reports': { perm: 'indicators_manage', p: { code: "'troupes.grassroots'" }, json: (w, c) => ({ division: WORLD_DIV, period: '2026', value: 4, note: c.t('indicator.note') }) },
  'GET /api/v1/indicators/{code}/history': { perm: 'indicators_read', p: { code: "'troupes.grassroots'" }, query: `?division=${WORLD_DIV}&period=2026` },
  'POST /api/v1/indicator-reports/{id}/evidence': { perm: 'indicators_manage', p: { id: 'indicatorReport' }, query: '?name=evidence.txt', raw: (w, c) => ({ body: c.t('indicator.evidence'), type: 'text/plain' }) },
  'GET /api/v1/indicator-evidence/{id}': { perm: 'indicators_read', p: { id: 'indicatorEvidence' } },
  // the annual report (mod/indicators/report.c)
  'POST /api/v1/annual-reports': { perm: 'indicators_read', json: () => ({ division: WORLD_DIV, year: 2026 }) },
  'GET /api/v1/annual-reports': { perm: 'indicators_read', query: `?division=${WORLD_DIV}` },
  'GET /api/v1/annual-reports/{id}': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'GET /api/v1/annual-reports/{id}/xlsx': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'POST /api/v1/annual-reports/{id}/verify': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'GET /admin/reports': { perm: 'indicators_read', own: OWN_AREA },
  'POST /admin/reports': { perm: 'indicators_read', form: () => ({ division: WORLD_DIV, year: '2026' }) },
  'GET /admin/reports/{id}/html': { perm: 'indicators_read', p: { id: 'annualReport' } },
  'GET /api/v1/notices': { perm: 'public' },
  'POST /api/v1/notices': { perm: 'publish', json: (w, c) => ({ division: WORLD_DIV, title: c.t('notice.title'), body: c.t('notice.body') }) },
  'GET /api/v1/notices/{id}': { perm: 'public', p: { id: 'noticePublished' } },
  'PATCH /api/v1/notices/{id}': { perm: 'publish', p: { id: 'noticeDraft' }, json: (w, c) => ({ title: c.t('notice.title'), body: c.t('notice.body') }) },
  'POST /api/v1/notices/{id}/submit': { perm: 'publish', p: { id: 'noticeDraft' }, phase: 2 },
  'GET /api/v1/venues': { perm: 'public' },
  'POST /api/v1/venues': { perm: 'venue_manage', json: (w, c) => ({ name: c.t('venue.name'), category: 'new_space', division: WORLD_DIV, address: c.t('venue.address') }) },
  'GET /api/v1/venues.geojson': { perm: 'public' },
  'GET /api/v1/venues.csv': { perm: 'public' },
  'POST /api/v1/venues/import': { perm: 'venue_manage', 
    query: '?dry_run=1&format=csv',
    refusal: (r) => r.status === 200 && r.json?.rejected > 0,
    raw: (w, c) => ({ type: 'text/csv', body: `external_id,name,category,division,address\nsec-${Math.random().toString(36).slice(2)},${csvCell(c.t('venue.name'))},library,${WORLD_DIV},${csvCell(c.t('venue.address'))}\n` }),
  },
  'GET /api/v1/venues/{id}': { perm: 'public', p: { id: 'venue' } },
  'PATCH /api/v1/venues/{id}': { perm: 'venue_manage', p: { id: 'venue' }, json: (w, c) => ({ address: c.t('venue.address'), contact: c.t('venue.contact') }) },
  'PUT /api/v1/venues/{id}/hours': { perm: 'venue_manage', p: { id: 'venue' }, json: (w, c) => venueHours(c.t) },
  'GET /api/v1/venues/{id}/timed-entry': { perm: 'public', p: { id: 'museum' }, div: '510402' },
  'PUT /api/v1/venues/{id}/timed-entry': { perm: 'venue_manage', p: { id: 'venue' }, json: () => ({ slots: [['09:00', '10:30']], capacity: 20, days_ahead: 3, opens_at: '08:00' }) },
  'DELETE /api/v1/venues/{id}/timed-entry': { perm: 'venue_manage', p: { id: 'venue' }, phase: 2 },
  'GET /api/v1/circles': { perm: 'public', noWitness: NO_NETWORK },
  'POST /api/v1/circles/siting': { perm: 'circles_plan', json: () => ({ k: 1 }), own: WHOLE_NETWORK, noWitness: NO_NETWORK },
  'GET /api/v1/circles/siting/{id}': { perm: 'circles_plan', p: { id: "'1'" }, noWitness: NO_JOBS },
  'GET /api/v1/activities': { perm: 'public' },
  'POST /api/v1/activities': { perm: 'publish', json: (w, c) => activityBody(w, c.t, [session(9)]) },
  'GET /api/v1/activities/{id}': { perm: 'public', p: { id: 'activity' } },
  'GET /api/v1/activities/{id}/sessions': { perm: 'public', p: { id: 'activity' } },
  'PATCH /api/v1/activities/{id}': { perm: 'publish', p: { id: 'draft' }, json: (w, c) => ({ title: c.t('activity.title'), description: c.t('activity.description'), organiser: c.t('activity.organiser'), address: c.t('activity.address'), audience: c.t('activity.audience'), live_url: `https://live.example.org/${c.t('activity.live_url')}` }) },
  'POST /api/v1/activities/{id}/submit': { perm: 'publish', p: { id: 'draft' }, phase: 2 },
  'PUT /api/v1/activities/{id}/poster': { perm: 'publish', p: { id: 'activity' }, raw: () => ({ body: png(), type: 'image/png' }) },
  'DELETE /api/v1/activities/{id}/poster': { perm: 'publish', p: { id: 'activity' }, phase: 2 },
  'PATCH /api/v1/sessions/{id}': { perm: 'publish', p: { id: 'session2' }, json: () => ({ capacity: 150 }) },
  'POST /api/v1/sessions/{id}/cancel': { perm: 'publish', p: { id: 'session3' }, phase: 2, json: (w, c) => ({ reason: c.t('session.cancel_reason') }) },
  'POST /api/v1/sessions/{id}/bookings': { perm: 'logged_in', p: { id: 'session1' }, json: (w, c) => ({ companions: [{ name: c.t('booking.companion') }] }) },
  'GET /api/v1/sessions/{id}/bookings': { perm: 'publish', p: { id: 'session1' } },
  'GET /api/v1/me/bookings': { perm: 'logged_in' },
  'DELETE /api/v1/bookings/{id}': { perm: 'logged_in', p: { id: 'ownerBooking' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'POST /api/v1/checkins': { perm: 'publish', json: (w) => ({ code: w.codeApi, session_id: w.session5 }) },
  'GET /api/v1/bookings/{id}/qr.svg': { perm: 'logged_in', p: { id: 'ownerBooking' }, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /calendar/{division}.ics': { perm: 'public', p: { division: "'510402'" } },
  'GET /api/v1/spaces': { perm: 'public' },
  'POST /api/v1/spaces': { perm: 'venue_manage', 
    json: (w, c) => ({ kind: 'street_station', name: c.t('space.name'), division: WORLD_DIV, address: c.t('space.address'), equipment: c.t('space.equipment'), description: c.t('space.description'), opens: '08:00', closes: '22:00', max_minutes: 180, capacity: 50 }),
  },
  'GET /api/v1/spaces/{id}': { perm: 'public', p: { id: 'space' } },
  'PATCH /api/v1/spaces/{id}': { perm: 'venue_manage', p: { id: 'space' }, json: (w, c) => ({ name: c.t('space.name'), address: c.t('space.address'), equipment: c.t('space.equipment'), description: c.t('space.description') }) },
  'GET /api/v1/spaces/{id}/schedule': { perm: 'public', p: { id: 'space' } },
  'POST /api/v1/spaces/{id}/bookings': { perm: 'logged_in', p: { id: 'space' }, json: (w, c) => spaceBooking(c.t) },
  'GET /api/v1/me/space-bookings': { perm: 'logged_in' },
  'DELETE /api/v1/space-bookings/{id}': { perm: 'logged_in', p: { id: 'ownerSpaceBooking' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /api/v1/space-bookings': { perm: 'venue_manage', own: OWN_AREA },
  'POST /api/v1/space-bookings/{id}/decision': { perm: 'venue_manage', p: { id: 'spaceBookingApi' }, phase: 2, json: (w, c) => ({ decision: 'reject', reason: c.t('space_booking.reason') }) },
  'GET /api/v1/sessions/{id}/attendance.csv': { perm: 'publish', p: { id: 'ratedSession' } },
  'POST /api/v1/bookings/{id}/excuse': { perm: 'publish', p: { id: 'noShowApi' }, json: (w, c) => ({ reason: c.t('booking.excuse_reason') }) },
  'POST /api/v1/activities/{id}/ratings': { perm: 'logged_in', p: { id: 'ratedActivity' }, json: (w, c) => ({ score: 5, comment: c.t('rating.comment') }), access: { roles: ['citizen'], why: 'those who attended: the citizen did (buildWorld checked them in)' } },
  'GET /api/v1/activities/{id}/ratings': { perm: 'public', p: { id: 'ratedActivity' } },
  'GET /api/v1/ratings': { perm: 'publish', own: OWN_AREA },
  'POST /api/v1/ratings/{id}/decision': { perm: 'publish', p: { id: 'ratingApi' }, phase: 2, json: () => ({ decision: 'approve' }) },
  'GET /api/v1/me/notifications': { perm: 'logged_in' },
  'POST /api/v1/me/notifications/read': { perm: 'logged_in', json: () => ({ all: true }) },
  'GET /api/v1/webhooks': { perm: 'webhook_manage', own: OWN_AREA },
  'POST /api/v1/webhooks': { perm: 'webhook_manage', json: () => ({ url: 'https://hub.example.org/wenyun', division: WORLD_DIV }) },
  'DELETE /api/v1/webhooks/{id}': { perm: 'webhook_manage', p: { id: 'webhook' }, phase: 2 },
  'GET /calendar/venue/{id}.ics': { perm: 'public', p: { id: 'venue' } },
  'GET /calendar/category/{category}.ics': { perm: 'public', p: { category: "'performance'" } },
  // public: the unguessable token is the key
  'GET /calendar/me/{token}.ics': { perm: 'public', p: { token: 'calendarToken' } },
  'GET /api/v1/me/calendar': { perm: 'logged_in' },
  'POST /api/v1/me/calendar': { perm: 'logged_in' },
  'POST /api/v1/me/calendar/reset': { perm: 'logged_in', phase: 2 },
  // pages
  'GET /': { perm: 'public' },
  'GET /register': { perm: 'public' },
  'POST /register': { perm: 'public', form: (w, c) => ({ phone: freshPhone(), password: PASSWORD, name: c.t('account.name') }) },
  'GET /register/verify': { perm: 'public', query: '?phone=13800000000' },
  'POST /register/verify': { perm: 'public', form: () => ({ phone: freshPhone(), code: '000000' }), noWitness: NO_CODE },
  'GET /reset': { perm: 'public' },
  'POST /reset': { perm: 'public', form: () => ({ phone: freshPhone() }) },
  'POST /reset/confirm': { perm: 'public', form: () => ({ phone: freshPhone(), code: '000000', password: PASSWORD }), noWitness: NO_CODE },
  'GET /login': { perm: 'public' },
  'POST /login': { perm: 'public', form: (w) => ({ phone: w.acct.owner.phone, password: w.acct.owner.password }) },
  'POST /logout': { perm: 'logged_in', phase: 3, fresh: true },
  'GET /account': { perm: 'logged_in' },
  'POST /account/password': { perm: 'logged_in', phase: 3, fresh: true, form: (w, c) => ({ old_password: c.password ?? '', new_password: c.password ?? '' }) },
  'GET /notices/{id}': { perm: 'public', p: { id: 'noticePublished' } },
  'GET /admin': { perm: 'admin_console', own: OWN_AREA },
  'GET /admin/divisions/{code}': { perm: 'admin_console', p: { code: "'510402'" }, own: 'the tree and its population figures are public (GET /api/v1/divisions/{code})' },
  'GET /admin/accounts': { perm: 'accounts_read', own: OWN_AREA },
  'POST /admin/accounts': { perm: 'accounts_manage', form: (w, c) => ({ phone: freshPhone(), name: c.t('account.name'), password: PASSWORD, division: WORLD_DIV }) },
  'GET /admin/accounts/{id}': { perm: 'accounts_read', p: { id: 'ownerId' } },
  'POST /admin/accounts/{id}/roles': { perm: 'accounts_manage', p: { id: 'owner2Id' }, form: () => ({ role: 'volunteer_coordinator', division: '510402' }) },
  'POST /admin/accounts/{id}/roles/{grant}/revoke': { perm: 'accounts_manage', p: { id: 'owner2Id', grant: 'grantPage' }, phase: 2 },
  'GET /admin/reviews': { perm: 'admin_console', own: OWN_AREA, access: { perms: ['review', 'audit_read'], why: REVIEW_QUEUE } },
  'POST /admin/reviews/{id}': { perm: 'review', p: { id: 'reviewPage' }, phase: 2, form: (w, c) => ({ decision: 'reject', reason: c.t('review.reason') }) },
  'GET /admin/activity-revisions/{id}': { perm: 'admin_console', p: { id: 'revision' } },
  'GET /admin/notices/new': { perm: 'publish', own: A_FORM },
  'POST /admin/notices': { perm: 'publish', form: (w, c) => ({ division: WORLD_DIV, title: c.t('notice.title'), body: c.t('notice.body') }) },
  'GET /venues': { perm: 'public' },
  'GET /circles': { perm: 'public', noWitness: NO_NETWORK },
  'POST /circles/siting': { perm: 'circles_plan', form: () => ({ k: '1' }), own: WHOLE_NETWORK, noWitness: NO_NETWORK },
  'GET /circles/siting/{id}': { perm: 'circles_plan', p: { id: "'1'" }, noWitness: NO_JOBS },
  'GET /activities': { perm: 'public' },
  'GET /activities/{id}': { perm: 'public', p: { id: 'activity' } },
  'GET /activities/{id}/poster': { perm: 'public', p: { id: 'activity' } },
  'POST /activities/{id}/poster': { perm: 'publish', 
    p: { id: 'ratedActivity' },
    multipart: () => {
      const f = new FormData();
      f.append('poster', new Blob([png()], { type: 'image/png' }), 'poster.png');
      return f;
    },
  },
  'POST /activities/{id}/poster/delete': { perm: 'publish', p: { id: 'ratedActivity' }, phase: 2 },
  'POST /sessions/{id}/book': { perm: 'logged_in', p: { id: 'session2' }, form: (w, c) => ({ companion1: c.t('booking.companion') }) },
  'GET /me/bookings': { perm: 'logged_in' },
  'GET /me/inbox': { perm: 'logged_in' },
  'POST /me/inbox/read': { perm: 'logged_in' },
  'POST /sessions/{id}/cancel': { perm: 'publish', p: { id: 'session4' }, phase: 2, form: (w, c) => ({ reason: c.t('session.cancel_reason') }) },
  'POST /sessions/{id}/change': { perm: 'publish', p: { id: 'session2' }, form: () => ({ capacity: '160' }) },
  'POST /me/calendar': { perm: 'logged_in' },
  'POST /bookings/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerBooking2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /checkin': { perm: 'publish', own: A_FORM },
  'POST /checkin': { perm: 'publish', form: (w) => ({ code: w.codePage, session_id: String(w.session5) }) },
  'GET /organiser': { perm: 'publish', own: OWN_AREA },
  'GET /organiser/sessions/{id}': { perm: 'publish', p: { id: 'session1' } },
  'POST /organiser/bookings/{id}/excuse': { perm: 'publish', p: { id: 'noShowPage' }, form: (w, c) => ({ reason: c.t('booking.excuse_reason') }) },
  'POST /organiser/ratings/{id}': { perm: 'publish', p: { id: 'ratingPage' }, phase: 2, form: (w, c) => ({ decision: 'reject', reason: c.t('rating.reason') }) },
  'POST /activities/{id}/rate': { perm: 'logged_in', p: { id: 'ratedActivity' }, form: (w, c) => ({ score: '4', comment: c.t('rating.comment') }), access: { roles: ['citizen'], why: 'those who attended: the citizen did (buildWorld checked them in)' } },
  'GET /venues/new': { perm: 'venue_manage', own: A_FORM },
  'POST /venues': { perm: 'venue_manage', form: (w, c) => ({ name: c.t('venue.name'), category: 'new_space', division: WORLD_DIV, address: c.t('venue.address') }) },
  'GET /venues/{id}': { perm: 'public', p: { id: 'venue' } },
  'GET /venues/{id}/edit': { perm: 'venue_manage', p: { id: 'venue' } },
  'POST /venues/{id}': { perm: 'venue_manage', p: { id: 'venue' }, form: (w, c) => ({ name: c.t('venue.name'), address: c.t('venue.address'), awards: c.t('venue.awards') }) },
  'POST /venues/{id}/hours': { perm: 'venue_manage', p: { id: 'venue' }, form: () => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].flatMap((d) => [[`opens${d}`, '08:00'], [`closes${d}`, '22:00']])) },
  'POST /venues/{id}/timed-entry': { perm: 'venue_manage', p: { id: 'venue' }, form: () => ({ enabled: '1', slots: '09:00-10:30', capacity: '20', days_ahead: '3', opens_at: '08:00', max_companions: '0' }) },
  'GET /spaces': { perm: 'public' },
  'GET /spaces/{id}': { perm: 'public', p: { id: 'space' } },
  'POST /spaces/{id}/bookings': { perm: 'logged_in', p: { id: 'space' }, form: (w, c) => spaceBookingForm(c.t) },
  'GET /me/space-bookings': { perm: 'logged_in' },
  'POST /space-bookings/{id}/cancel': { perm: 'logged_in', p: { id: 'ownerSpaceBooking2' }, phase: 2, access: { owner: 'owner', why: ONLY_OWNER } },
  'GET /admin/space-bookings': { perm: 'venue_manage', own: OWN_AREA },
  'POST /admin/space-bookings/{id}': { perm: 'venue_manage', p: { id: 'spaceBookingPage' }, phase: 2, form: () => ({ decision: 'approve' }) },
  'GET /static/{file}': { perm: 'public', p: { file: "'app.css'" } },
};

/** The fixture of a route, or undefined. */
export const fixtureOf = (route) => FIXTURES[`${route.method} ${route.pattern}`];

/** The path of a route with its parameters filled from the world. */
export function pathOf(route, fx, w) {
  const path = route.pattern.replace(/\{([a-z_]+)\}/g, (m, name) => {
    const src = fx.p?.[name];
    assert.ok(src, `${route.method} ${route.pattern}: the fixture names no record for {${name}}`);
    const v = src.startsWith("'") ? src.slice(1, -1) : w[src];
    assert.ok(v !== undefined && v !== null, `${route.method} ${route.pattern}: the world has no ${src}`);
    return encodeURIComponent(String(v));
  });
  return path + (fx.query || '');
}

/** The phase of a fixture (see FIXTURES). */
export const phaseOf = (route, fx) => fx.phase ?? (route.method === 'GET' || route.method === 'HEAD' ? 0 : 1);

/** Call a route as caller with its fixture's body. */
export function callRoute(caller, route, fx, w) {
  const c = { t: w.t, role: caller.who, password: caller.account?.password };
  const opts = {};
  if (fx.json) opts.json = fx.json(w, c);
  else if (fx.form) opts.form = fx.form(w, c);
  else if (fx.raw) opts.raw = fx.raw(w, c);
  else if (fx.multipart) opts.multipart = fx.multipart(w, c);
  else if (route.method !== 'GET' && route.pattern.startsWith('/api/')) opts.json = {};
  return caller.send(route.method, pathOf(route, fx, w), opts);
}

/*
 * The XSS probes: markup written into every text field, each field with its own marker in
 * front (⟦n⟧), so a page that shows it can be told. Names of people (at most 32 characters)
 * get the script tag only; every other field the script tag and an attribute breakout.
 */
export const XSS = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;
const XSS_SHORT = '<script>alert(1)</script>';
const SHORT_FIELDS = new Set(['account.name', 'booking.companion']);

/** A t(field) for buildWorld() that writes the probes; t.markers: field -> marker. */
export function xssText() {
  const markers = new Map();
  const t = (field) => {
    if (!markers.has(field)) markers.set(field, `⟦${markers.size}⟧`);
    return markers.get(field) + (SHORT_FIELDS.has(field) ? XSS_SHORT : XSS);
  };
  t.markers = markers;
  return t;
}

/**
 * Call every unsafe route (but those ending the session) with its fixture, as each of roles,
 * in the phases of the security test: every text field a route takes gets t()'s text
 * wherever some caller may write it. Returns [{key, role, status}].
 */
export async function writeEverywhere(w, table, roles = ['cityAdmin', 'venueManager', 'reviewer', 'citizen']) {
  const routes = table.routes
    .map((route, i) => ({ route, fx: fixtureOf(route), i }))
    .filter((x) => x.fx && x.route.method !== 'GET' && x.route.method !== 'HEAD' && phaseOf(x.route, x.fx) < 3)
    .sort((a, b) => phaseOf(a.route, a.fx) - phaseOf(b.route, b.fx) || a.i - b.i);
  const out = [];
  for (const { route, fx } of routes)
    for (const role of roles) {
      const r = await callRoute(w.callers[role], route, fx, w);
      out.push({ key: `${route.method} ${route.pattern}`, role, status: r.status });
    }
  return out;
}

/**
 * What is wrong with an HTML answer: the probe's script tag raw, any element with an event
 * handler attribute (on...=), any inline script. Tags are read with their quoted attribute
 * values, so an escaped probe inside a value (value="&quot;&gt;&lt;img ... onerror=...") is
 * not mistaken for an attribute. wenyun's pages have neither handlers nor inline scripts (the
 * CSP allows only its own script files), so any of them is markup that got through.
 */
export function htmlProblems(html) {
  const problems = [];
  if (/<script>alert\(1\)/i.test(html)) problems.push('a raw <script>alert(1)');
  const tag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const attr = /([^\s"'>\/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
  for (const m of html.matchAll(tag)) {
    const name = m[1].toLowerCase();
    const attrs = [...m[2].matchAll(attr)].map((a) => a[1].toLowerCase());
    const handler = attrs.find((a) => a.startsWith('on'));
    if (handler) problems.push(`<${name} ${handler}=...> at ${m.index}: ${m[0].slice(0, 120)}`);
    if (name === 'script' && !attrs.includes('src')) problems.push(`an inline <script> at ${m.index}: ${html.slice(m.index, m.index + 120)}`);
  }
  return problems;
}

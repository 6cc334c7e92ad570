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
//   record's access is narrower than the permission. Each module keeps the lines of its routes
//   in src/mod/<module>/security.mjs; they are gathered here. A route without a line fails the
//   security test: a new route is added to its module's file consciously, with its own line.
//
// Every text a fixture or the world writes goes through t(field): plain Chinese in the
// security test, markup with a unique marker in the XSS tests.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { runCli, DEMO, freshPhone } from './lib.mjs';

/** The settings of the server the world lives on: cheap password hashing (many accounts),
 * room for many bookings a day, codes asked for from one address without limit (every caller
 * is 127.0.0.1). No walking network: loading one takes the sanitizer build longer than a server
 * may take to start, so the circle routes answer 503 (noWitness). */
export const WORLD_CONFIG = {
  auth: { password_memlimit_kib: 8, password_opslimit: 1, code_per_ip_hour: 1000000, register_per_minute: 1000000 },
  booking: { max_people_per_day: 100 },
  // every caller checks certificate codes from 127.0.0.1, and the crawls open the page often
  certificates: { verify_per_minute: 0, verify_per_hour: 0 },
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
/** A web address carrying t(field): without spaces, which no address may hold (weburl.h);
 * the XSS probe keeps its markup and its attribute breakout. */
export const urlProbe = (t, field) => `https://live.example.org/${t(field).replaceAll(' ', '')}`;

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
    live_url: urlProbe(t, 'activity.live_url'),
    replay_url: urlProbe(t, 'activity.replay_url'),
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

  // a named circle of the world's town, drawn around the venue
  w.namedCircle = ok(await admin.post('/api/v1/circles/named', {
    name: t('venue.name'), division: WORLD_DIV, kind: 'area',
    geojson: { type: 'Polygon', coordinates: [[[101.72, 26.57], [101.73, 26.57], [101.73, 26.58], [101.72, 26.58], [101.72, 26.57]]] },
  }), 'named circle', 201).id;
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

  // the records of the modules that make their own (security.mjs: export async function
  // world(w, kit)), after everything above
  const kit = { ...KIT, login, ok, iso, sleep, approveAll, admin, vm, reviewers: [rv1, rv2], freshPhone, PASSWORD, WORLD_DIV };
  for (const world of WORLDS) await world(w, kit);
  return w;
}

/*
 * FIXTURES: "METHOD pattern" -> how to call the route.
 *
 *   perm     the permission the route should need (docs/api.md): the test expects the answers
 *            of this one, and fails when the module's route table gives the route another
 *   p        path parameter -> the world's record (a key of w) or a literal in quotes
 *   json     (w, c) => JSON body          c: {t, role, password}
 *   form     (w, c) => form fields (pages; the CSRF field is added)
 *   raw      (w, c) => {body, type}       multipart: (w, c) => FormData
 *   query    appended to the path (or w => the text, for a query that names a record)
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
const NO_CODE = 'a code sent by SMS to a number of nobody here: a wrong code for everyone';
const OWN_AREA = 'lists what is in the caller\'s own area';
const A_FORM = 'an empty form';
const ONLY_OWNER = 'another person\'s booking or request: its owner only';
const REVIEW_QUEUE = 'the queue is for reviewers and auditors: a venue manager sees the console, not the queue';

/** What a module's fixtures may use: fixtures(KIT) in src/mod/<module>/security.mjs. */
const KIT = {
  WORLD_DIV, PASSWORD, freshPhone, csvCell, venueHours, activityBody, session, png, spaceBooking, spaceBookingForm,
  NO_CODE, OWN_AREA, A_FORM, ONLY_OWNER, REVIEW_QUEUE,
};

/*
 * Each module keeps the lines of its own routes in src/mod/<module>/security.mjs:
 *   export const fixtures = (KIT) => ({ 'METHOD pattern': {...}, ... });
 * optionally the records its lines name, made after the rest of the world:
 *   export async function world(w, kit) { w.myRecord = ...; }   (kit: KIT, login, ok, iso,
 *   sleep, approveAll, admin, vm, reviewers, freshPhone, PASSWORD, WORLD_DIV)
 * and, for the XSS crawl, optionally
 *   export const notOnPages = { 'field': 'why no page shows its text', ... };
 *   export const crawlToo = ['/a/page?with=query', ...];   (lists beyond their first view)
 * They are gathered here from every folder of src/mod/, so a new module adds its own file and
 * edits nothing here. FIXTURE_MODULE: "METHOD pattern" -> the module whose file has the line.
 */
const MOD_DIR = new URL('../../src/mod/', import.meta.url);
export const FIXTURES = {};
export const FIXTURE_MODULE = {};
export const NOT_ON_PAGES = {};
export const CRAWL_TOO = [];
const WORLDS = [];
for (const m of readdirSync(MOD_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const file = new URL(`${m}/security.mjs`, MOD_DIR);
  if (!existsSync(file)) continue;
  const mod = await import(file);
  assert.equal(typeof mod.fixtures, 'function', `src/mod/${m}/security.mjs exports no fixtures(KIT)`);
  for (const [k, fx] of Object.entries(mod.fixtures(KIT))) {
    assert.ok(!(k in FIXTURES), `${k}: a line in both src/mod/${FIXTURE_MODULE[k]}/security.mjs and src/mod/${m}/security.mjs`);
    FIXTURES[k] = fx;
    FIXTURE_MODULE[k] = m;
  }
  Object.assign(NOT_ON_PAGES, mod.notOnPages ?? {});
  CRAWL_TOO.push(...(mod.crawlToo ?? []));
  if (mod.world) WORLDS.push(mod.world);
}

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
  return path + ((typeof fx.query === 'function' ? fx.query(w) : fx.query) || '');
}

/** The phase of a fixture (see FIXTURES). */
export const phaseOf = (route, fx) => fx.phase ?? (route.method === 'GET' || route.method === 'HEAD' ? 0 : 1);

/** Call a route as caller with its fixture's body. */
export function callRoute(caller, route, fx, w) {
  const c = { t: w.t, urlProbe, role: caller.who, password: caller.account?.password };
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
 * licence numbers (40) and holidays' names (30) get the script tag only; every other field the script tag and an
 * attribute breakout.
 */
export const XSS = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;
const XSS_SHORT = '<script>alert(1)</script>';
const SHORT_FIELDS = new Set(['account.name', 'booking.companion', 'market.contact_name', 'market.licence_no', 'workday.name']);

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

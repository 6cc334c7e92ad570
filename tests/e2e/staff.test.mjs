// Browser test of timed entry, notifications, space booking and the organiser's pages, on the
// demo data (src/demo.c): a citizen on a phone books a visiting slot at the museum and an
// activity session, reads the confirmation in the inbox, requests a room; the district
// admin on a desktop approves the request and looks at the activities' figures, a session's
// bookings and its attendance CSV.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/staff-NN-*.png. Assertions are on ids, classes,
// URLs, statuses and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

// src/demo.c
const CITIZEN = { phone: '13800000006', password: 'Demo2026cz' };
const CITIZEN_MASKED = '138****0006';
const DISTRICT_ADMIN = { phone: '13900000002', password: 'Demo2026dq' }; // manages 510402
const MUSEUM = '中国三线建设博物馆'; // timed entry: 4 slots a day, 7 days ahead from 20:00
const DEMO_ACTIVITIES = ['周末公益京剧专场', '三线建设口述史讲座', '少儿绘本共读会', '书法入门公益课',
                         '彝族传统刺绣展演'];
const EMBROIDERY = '彝族传统刺绣展演'; // one session, 80 places
const EMBROIDERY_CAPACITY = 80;
const ROOM = '攀枝花市文化馆 多功能排练厅'; // bookable 09:00–21:00, at most 240 minutes
const DEMO_SPACES = [ROOM, '攀枝花市文化馆 小剧场', '大渡口街头文化站', '炳草岗街头文化站'];

// what the citizen reports for the room
const GROUP = '东区银龄合唱队';
const PROGRAMME = '冬季合唱排练';
const FROM = '14:00';
const TO = '16:00';

/** The local date (Asia/Shanghai) days after today, as YYYY-MM-DD. */
function localDay(days) {
  return new Date(Date.now() + 8 * 3600000 + days * 86400000).toISOString().slice(0, 10);
}

const h = new Harness('staff');
let base, citizen, admin;
// what one step leaves for the next
const booked = {}; // the activity booking: { activityId, sessionId, code }
let spaceId;
const spaceDay = localDay(2);

before(async () => {
  base = await h.start();
  citizen = await h.newPage(PHONE);
  await h.login(citizen.page, CITIZEN);
  admin = await h.newPage(DESKTOP);
  await h.login(admin.page, DISTRICT_ADMIN);
});
after(async () => { await h.stop(); });

/** Submit form's button and wait for the redirect to a URL matching url. */
async function submitTo(page, button, url) {
  await Promise.all([page.waitForURL(url), button.click()]);
}

test('a citizen books a timed-entry slot at the museum, or sees when booking opens', async () => {
  const { page } = citizen;
  await page.goto(`${base}/venues?q=${encodeURIComponent('三线')}`);
  await page.locator('#venue-list a', { hasText: MUSEUM }).click();
  await page.waitForURL(/\/venues\/\d+$/);
  await checkShell(page);
  const te = page.locator('#timed-entry');
  assert.equal(await te.count(), 1, 'the museum offers timed entry');
  const slots = te.locator('li.slot');
  const nslots = await slots.count();
  // four slots a day, up to 7 days ahead, on the days the museum opens (Tuesday to Sunday)
  assert.ok(nslots >= 4 * 5, `the coming days' slots are listed: ${nslots}`);
  for (const id of await slots.evaluateAll((ls) => ls.map((l) => l.dataset.session)))
    assert.match(id ?? '', /^\d+$/, 'each slot names its session');
  const days = await te.locator('h3.slot-day').allTextContents();
  assert.ok(days.length >= 5 && days.every((d) => /^\d{4}-\d{2}-\d{2}\b/.test(d)),
            `slots are grouped by day: ${days.join(' | ')}`);
  await h.shot(page, 'staff-01-phone-museum-slots');

  const bookable = te.locator('li.slot:has(form.book)');
  if ((await bookable.count()) === 0) {
    // nothing open yet: the slots say when booking opens (the day's date at 20:00)
    const states = await slots.locator('span.muted').allTextContents();
    assert.ok(states.some((s) => /\d{4}-\d{2}-\d{2} 20:00/.test(s)),
              `a slot tells when its booking opens: ${states.join(' | ')}`);
    return;
  }
  const slot = bookable.first();
  const sid = await slot.getAttribute('data-session');
  const day = (await slot.evaluate((li) => li.closest('ul').previousElementSibling.textContent)).slice(0, 10);
  const from = (await slot.locator('strong').textContent()).slice(0, 5);
  const placesBefore = Number(/\d+/.exec(await slot.locator('span.muted').textContent())?.[0]);
  assert.equal(placesBefore, 50, 'a slot takes 50 people');
  const venueUrl = page.url();
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(from, /^\d{2}:\d{2}$/);
  assert.equal(await slot.locator('form.book').getAttribute('action'), `/sessions/${sid}/book`);
  // a later day than the last one listed is not offered yet: at most 7 days ahead
  assert.ok(days[days.length - 1].slice(0, 10) <= localDay(7), `no slot past 7 days: ${days.at(-1)}`);
  await submitTo(page, slot.locator('form.book button[type="submit"]'), /\/me\/bookings\?msg=booked$/);
  await checkShell(page);

  const card = page.locator('#my-bookings section.booking', { hasText: `${day} ${from}` });
  assert.equal(await card.count(), 1, `the booking of ${day} ${from} is listed`);
  assert.equal(await card.locator('.badge.confirmed').count(), 1, 'confirmed');
  assert.equal(await card.locator('.qr svg').count(), 1, 'with a QR code to show at the door');
  assert.match((await card.locator('p.code').textContent()).trim(), /^[A-Za-z0-9_-]{20}$/);
  await h.shot(page, 'staff-02-phone-museum-booked');

  // back on the venue page, that slot has one place fewer
  await page.goto(venueUrl);
  const after = page.locator(`#timed-entry li.slot[data-session="${sid}"] span.muted`);
  assert.equal(Number(/\d+/.exec(await after.textContent())?.[0]), placesBefore - 1);
});

test('the inbox shows the confirmation of a booking made through an activity page', async () => {
  const { page } = citizen;
  await page.goto(`${base}/activities?q=${encodeURIComponent('刺绣')}`);
  await page.locator('#activity-list a', { hasText: EMBROIDERY }).click();
  await page.waitForURL(/\/activities\/\d+$/);
  booked.activityId = new URL(page.url()).pathname.split('/').pop();
  const sessions = page.locator('#sessions li');
  assert.equal(await sessions.count(), 1, 'the embroidery show has one session');
  const form = sessions.first().locator('form.book');
  booked.sessionId = /^\/sessions\/(\d+)\/book$/.exec(await form.getAttribute('action'))?.[1];
  assert.ok(booked.sessionId, 'the book form names its session');
  await submitTo(page, form.locator('button[type="submit"]'), /\/me\/bookings\?msg=booked$/);
  const card = page.locator('#my-bookings section.booking', {
    has: page.locator(`h2 a[href="/activities/${booked.activityId}"]`),
  });
  assert.equal(await card.locator('.badge.confirmed').count(), 1);
  booked.code = (await card.locator('p.code').textContent()).trim();

  // the inbox, linked from my bookings
  await submitTo(page, page.locator('#inbox-link'), /\/me\/inbox$/);
  await checkShell(page);
  const item = page.locator(`#inbox li:has(a[href="/activities/${booked.activityId}"])`);
  assert.equal(await item.count(), 1, 'one notification about the booked activity');
  assert.equal(await item.getAttribute('class'), 'unread');
  assert.ok((await item.textContent()).includes(EMBROIDERY), 'it names the activity');
  const unread = Number(/\d+/.exec(await page.locator('#inbox-unread').textContent())?.[0]);
  const nunread = await page.locator('#inbox li.unread').count();
  assert.ok(nunread >= 1 && unread === nunread, `the unread count (${unread}) matches the list (${nunread})`);
  await h.shot(page, 'staff-03-phone-inbox');

  // mark all read
  await submitTo(page, page.locator('form[action="/me/inbox/read"] button[type="submit"]'),
                 /\/me\/inbox\?msg=read$/);
  assert.equal(await page.locator('#inbox li.unread').count(), 0);
  assert.equal(await item.getAttribute('class'), 'read');
  assert.match(await page.locator('#inbox-unread').textContent(), /^\D*0\D/);
});

test('a citizen requests a room, the district admin approves it, the week view shows it', async () => {
  const { page } = citizen;
  await page.goto(`${base}/spaces`);
  await checkShell(page);
  const names = await page.locator('#space-list li strong').allTextContents();
  for (const s of DEMO_SPACES) assert.ok(names.includes(s), `${s} is listed: ${names.join(' | ')}`);
  await h.shot(page, 'staff-04-phone-spaces');
  await page.locator('#space-list a', { hasText: ROOM }).click();
  await page.waitForURL(/\/spaces\/\d+$/);
  spaceId = new URL(page.url()).pathname.split('/').pop();
  await checkShell(page);
  assert.equal(await page.locator('#space-name').textContent(), ROOM);
  const form = page.locator('#space-request-form');
  assert.equal(await form.getAttribute('action'), `/spaces/${spaceId}/bookings`);
  assert.equal(await form.locator('input[name="date"]').inputValue(), localDay(1),
               'the form offers tomorrow');
  await form.locator('input[name="date"]').fill(spaceDay);
  await form.locator('input[name="start"]').fill(FROM);
  await form.locator('input[name="end"]').fill(TO);
  await form.locator('input[name="group_name"]').fill(GROUP);
  await form.locator('input[name="title"]').fill(PROGRAMME);
  await form.locator('textarea[name="description"]').fill('《我和我的祖国》《茉莉花》排练');
  await form.locator('input[name="performers"]').fill('24');
  await form.locator('input[name="audience"]').fill('0');
  await h.shot(page, 'staff-05-phone-space-request');
  await submitTo(page, form.locator('button[type="submit"]'), /\/me\/space-bookings\?msg=space_requested$/);
  await checkShell(page);
  const mine = page.locator('#my-space-bookings section.space-booking', { hasText: GROUP });
  assert.equal(await mine.count(), 1, 'the request is listed');
  assert.equal(await mine.locator(`h2 a[href="/spaces/${spaceId}"]`).count(), 1);
  assert.equal(await mine.locator('.badge.pending').count(), 1, 'pending');
  assert.ok((await mine.textContent()).includes(`${spaceDay} ${FROM}–${TO}`), 'at the time asked');
  await h.shot(page, 'staff-06-phone-space-pending');

  // the district admin's queue: the request with its programme report, no conflict
  const a = admin.page;
  await a.goto(`${base}/admin/space-bookings`);
  await checkShell(a);
  const req = a.locator('#space-requests section.space-request', { hasText: GROUP });
  assert.equal(await req.count(), 1, 'the request waits for a decision');
  assert.equal(await req.locator('.badge.pending').count(), 1);
  assert.equal(await req.locator('.conflict').count(), 0, 'it overlaps nothing');
  const facts = await req.locator('dl.facts dd').allTextContents();
  for (const f of [GROUP, CITIZEN.phone, PROGRAMME, '24'])
    assert.ok(facts.includes(f), `the report shows ${f}: ${facts.join(' | ')}`);
  // the demo's pending street-station request waits too
  assert.ok(await a.locator('#space-requests section.space-request', { hasText: '阳光街舞社' }).count(),
            'the demo request is in the queue');
  await h.shot(a, 'staff-07-desktop-space-queue');
  await submitTo(a, req.locator('button[name="decision"][value="approve"]'),
                 /\/admin\/space-bookings\?msg=decided$/);
  assert.equal(await a.locator('#space-requests section.space-request', { hasText: GROUP }).count(), 0,
               'no longer pending');
  await a.goto(`${base}/admin/space-bookings?status=approved`);
  assert.equal(await a.locator('#space-requests section.space-request', { hasText: GROUP })
    .locator('.badge.approved').count(), 1, 'listed as approved');
  await h.shot(a, 'staff-08-desktop-space-approved');

  // the citizen sees it approved
  await page.goto(`${base}/me/space-bookings`);
  assert.equal(await mine.locator('.badge.approved').count(), 1, 'approved');
  await h.shot(page, 'staff-09-phone-space-approved');

  // the space's week view (the week of the day asked) shows it on its day
  await page.goto(`${base}/spaces/${spaceId}?week=${spaceDay}`);
  await checkShell(page);
  const row = page.locator('#schedule table.week-grid tr', { hasText: spaceDay.slice(5) });
  assert.equal(await row.count(), 1, `the week has the row of ${spaceDay}`);
  const slot = row.locator('p.slot', { hasText: GROUP });
  assert.equal(await slot.count(), 1, 'the approved booking is in its day');
  assert.equal((await slot.locator('strong').textContent()), `${FROM}–${TO}`);
  assert.ok((await slot.textContent()).includes(PROGRAMME));
  assert.equal(await page.locator('#schedule p.slot', { hasText: GROUP }).count(), 1, 'and on no other day');
  await page.locator('#schedule').scrollIntoViewIfNeeded();
  await h.shot(page, 'staff-10-phone-space-week');
});

test("the organiser's pages list the activities, a session's bookings and its CSV", async () => {
  assert.ok(booked.sessionId && booked.code, 'an activity session was booked');
  const a = admin.page;
  await a.goto(`${base}/organiser`);
  await checkShell(a);
  const acts = a.locator('#organiser-activities');
  const titles = await acts.locator('h3 a').allTextContents();
  for (const t of DEMO_ACTIVITIES) assert.ok(titles.includes(t), `${t} is listed: ${titles.join(' | ')}`);
  for (const t of DEMO_ACTIVITIES) {
    const h3 = acts.locator('h3', { hasText: t });
    assert.equal(await h3.locator('.badge.published').count(), 1, `${t} is published`);
  }
  // every session has its figures: booked of capacity, waiting list, checked in, no-shows
  const rows = acts.locator('tr[data-session]');
  assert.ok(await rows.count() >= 12, 'the demo sessions are listed'); // 2 + 1 + 4 + 4 + 1
  for (const r of await rows.evaluateAll((trs) => trs.map((tr) => ({
    booked: tr.querySelector('.booked')?.textContent,
    nums: ['.waitlist', '.checked-in', '.no-shows'].map((c) => tr.querySelector(c)?.textContent),
  })))) {
    assert.match(r.booked ?? '', /^\d+ \/ \d+$/);
    for (const n of r.nums) assert.match(n ?? '', /^\d+$/);
  }
  const row = acts.locator(`tr[data-session="${booked.sessionId}"]`);
  assert.equal(await row.count(), 1, 'the booked session is listed');
  assert.equal(await row.locator('.booked').textContent(), `1 / ${EMBROIDERY_CAPACITY}`);
  assert.equal(await row.locator('.waitlist').textContent(), '0');
  assert.equal(await row.locator('.checked-in').textContent(), '0');
  assert.equal(await row.locator('.no-shows').textContent(), '0');
  await h.shot(a, 'staff-11-desktop-organiser');

  // the session's bookings: the citizen's, with the phone masked
  await submitTo(a, row.locator(`a[href="/organiser/sessions/${booked.sessionId}"]`),
                 new RegExp(`/organiser/sessions/${booked.sessionId}$`));
  await checkShell(a);
  const b = a.locator('#session-bookings tr[data-booking]');
  assert.equal(await b.count(), 1, 'one booking');
  assert.equal(await b.locator('td.code').count(), 0, 'staff see no check-in codes');
  assert.equal(await b.locator('.badge.confirmed').count(), 1);
  const text = await b.textContent();
  assert.ok(!text.includes(booked.code), 'the check-in code is not on the staff page');
  assert.ok(text.includes(CITIZEN_MASKED), `the phone is masked: ${text}`);
  assert.ok(!text.includes(CITIZEN.phone), 'the full phone is not shown');
  await h.shot(a, 'staff-12-desktop-session-bookings');

  // the attendance CSV
  const link = a.locator(`a[href="/api/v1/sessions/${booked.sessionId}/attendance.csv"]`);
  assert.equal(await link.count(), 1, 'the page links its attendance CSV');
  const r = await a.context().request.get(`${base}${await link.getAttribute('href')}`);
  assert.equal(r.status(), 200);
  assert.match(r.headers()['content-type'], /^text\/csv\b/);
  const csv = (await r.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
  assert.equal(csv.length, 2, `a header and one booking: ${csv.join(' / ')}`);
  assert.equal(csv[0].split(',')[0], 'booking');
  assert.ok(/^\d+,/.test(csv[1]) && csv[1].includes(CITIZEN_MASKED) &&
            !csv[1].includes(CITIZEN.phone) && !csv[1].includes(booked.code), `the booking's line: ${csv[1]}`);

  // a citizen may not open the organiser's pages or the CSV
  const c = citizen.page;
  assert.equal((await c.goto(`${base}/organiser`)).status(), 403);
  assert.equal((await c.context().request.get(`${base}/api/v1/sessions/${booked.sessionId}/attendance.csv`)).status(), 403);

  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or 5xx answers');
});

// The inbox over HTTP, alike for every kind of notification: what each is about (subject), the
// snapshot taken when it was sent (title, page, time), its sentence in the caller's language
// (from the module that sends the kind), and the activities' own fields beside for theirs; the
// page links each to its page. docs/notifications.md, "The inbox".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO, loginAs, freshPhone, registerUser } from './lib.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('the inbox, for every kind', () => {
  let srv, vm, rv1, rv2, anon, citizen, reader, act, booking;
  const phone = freshPhone();

  before(async () => {
    srv = await startServer({ config: { auth: { password_memlimit_kib: 8, password_opslimit: 1 } } });
    anon = new Client(srv.base);
    [vm, rv1, rv2, citizen] = await Promise.all([
      loginAs(srv.base, DEMO.venueManager),
      loginAs(srv.base, DEMO.districtReviewer),
      loginAs(srv.base, DEMO.cityReviewer),
      loginAs(srv.base, DEMO.citizen),
    ]);
    await registerUser(srv, { phone, password: 'Inbox2026pw', name: '读者' });
    reader = await loginAs(srv.base, { phone, password: 'Inbox2026pw' });
    // a published activity with one session, booked by the reader
    const now = Date.now();
    const r = await vm.post('/api/v1/activities', {
      title: `书法讲座 ${now % 100000}`, category: 'lecture', division: '510402001',
      description: '社区书法讲座。',
      sessions: [{ starts_at: iso(now + 2 * DAY), ends_at: iso(now + 2 * DAY + 2 * HOUR), capacity: 5 }],
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await vm.post(`/api/v1/activities/${r.json.id}/submit`)).status, 200);
    const q = await rv1.get('/api/v1/reviews?status=pending');
    const item = q.json.items.find((x) => x.content_type === 'activity' && x.content_id === r.json.id);
    assert.equal((await rv1.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    assert.equal((await rv2.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    act = (await anon.get(`/api/v1/activities/${r.json.id}`)).json;
    const b = await reader.post(`/api/v1/sessions/${act.sessions[0].id}/bookings`);
    assert.equal(b.status, 201, b.text);
    assert.equal(b.json.status, 'confirmed');
    booking = b.json;
  });

  after(async () => {
    await srv?.stop();
  });

  it('a booking\'s confirmation: its subject, snapshot and sentence, and the activities\' fields', async () => {
    const r = await reader.get('/api/v1/me/notifications');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 1);
    const n = r.json.items[0];
    assert.equal(n.kind, 'booking.confirmed');
    assert.deepEqual(n.subject, { type: 'booking', id: booking.id });
    assert.equal(n.title, act.title);
    assert.equal(n.href, `/activities/${act.id}`);
    assert.equal(Date.parse(n.at), Date.parse(act.sessions[0].starts_at));
    assert.equal(n.text, `您预约的《${act.title}》已确认。`);
    assert.deepEqual(n.params, {});
    assert.equal(n.unread, true);
    // the activities' own fields, as before notifications were generic
    assert.equal(n.booking_id, booking.id);
    assert.equal(n.session_id, act.sessions[0].id);
    assert.deepEqual(n.activity, { id: act.id, title: act.title });
    assert.equal(n.starts_at, n.at);
    // the sentence follows the caller's language
    const en = await reader.get('/api/v1/me/notifications?lang=en');
    assert.equal(en.json.items[0].text, `Your booking for “${act.title}” is confirmed.`);
  });

  it('a space booking\'s decision: its subject and sentence, without the activities\' fields', async () => {
    const r = await citizen.get('/api/v1/me/notifications?limit=100');
    assert.equal(r.status, 200, r.text);
    const n = r.json.items.find((x) => x.kind === 'space_booking.approved'); // the demo's
    assert.ok(n, r.text);
    assert.equal(n.subject.type, 'space_booking');
    assert.equal(n.subject.id, n.params.space_booking_id);
    assert.equal(n.title, n.params.title);
    assert.equal(n.href, '/me/space-bookings');
    assert.equal(Date.parse(n.at), Date.parse(n.params.starts_at));
    assert.match(n.text, /^您申请的《.+》（.+，.+ 开始）已通过。/);
    for (const k of ['booking_id', 'session_id', 'activity', 'starts_at']) assert.ok(!(k in n), k);
  });

  it('the page says each in a sentence, linked to its page', async () => {
    const web = new Client(srv.base, { useCookie: true });
    await web.login(phone, 'Inbox2026pw');
    const p = await web.get('/me/inbox');
    assert.equal(p.status, 200, p.text);
    assert.ok(p.text.includes(`<a href="/activities/${act.id}">您预约的《${act.title}》已确认。</a>`), p.text);
    const c = new Client(srv.base, { useCookie: true });
    await c.login(DEMO.citizen.phone, DEMO.citizen.password);
    const q = await c.get('/me/inbox');
    assert.match(q.text, /<a href="\/me\/space-bookings">您申请的《[^<]+》（[^<]+）已通过。/);
  });
});

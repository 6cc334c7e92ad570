// The iCalendar feed of a division (RFC 5545), read back by an independent implementation:
// Debian's python3-icalendar. And the QR code of a booking, which only its owner may fetch.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startServer, loginAs, DEMO, Client } from './lib.mjs';

const PARSE = `
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for ev in cal.walk('VEVENT'):
    out.append({'uid': str(ev.get('uid')), 'summary': str(ev.get('summary')),
                'description': str(ev.get('description') or ''),
                'start': ev.decoded('dtstart').isoformat(), 'end': ev.decoded('dtend').isoformat()})
print(json.dumps({'name': str(cal.get('x-wr-calname')), 'events': out}, ensure_ascii=False))
`;

describe('calendar and QR', () => {
  let srv, vm, citizen, other, sid;
  const longTitle = '暑期公益艺术培训：书法、国画、剪纸、合唱与民族舞蹈, 免费; 欢迎报名\\参加';
  before(async () => {
    srv = await startServer();
    vm = await loginAs(srv.base, DEMO.venueManager);
    const a = await vm.post('/api/v1/activities', {
      title: longTitle,
      category: 'training',
      division: '510402001',
      description: '第一行\n第二行，含逗号, 与分号;',
      sessions: [{ starts_at: '2027-07-10T09:00:00+08:00', ends_at: '2027-07-10T11:30:00+08:00', capacity: 30 }],
    });
    assert.equal(a.status, 201, a.text);
    sid = a.json.sessions[0].id;
    assert.equal((await vm.post(`/api/v1/activities/${a.json.id}/submit`)).status, 200);
    for (const rv of [DEMO.districtReviewer, DEMO.cityReviewer]) {
      const c = await loginAs(srv.base, rv);
      const item = (await c.get('/api/v1/reviews?status=pending')).json.items.find((i) => i.content_type === 'activity');
      assert.equal((await c.post(`/api/v1/reviews/${item.id}/decision`, { decision: 'approve' })).status, 200);
    }
    citizen = await loginAs(srv.base, DEMO.citizen);
    other = await loginAs(srv.base, DEMO.districtAdmin);
  });
  after(async () => {
    await srv?.stop();
  });

  it('the division feed is valid iCalendar with the activity, read back exactly', async () => {
    const r = await fetch(`${srv.base}/calendar/5104.ics`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/calendar/);
    const text = await r.text();
    assert.ok(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'lines are folded at 75 octets');
    const p = spawnSync('/usr/bin/python3', ['-c', PARSE], { input: text, encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    const cal = JSON.parse(p.stdout);
    const ev = cal.events.find((e) => e.uid === `session-${sid}@wenyun`);
    assert.ok(ev, p.stdout);
    assert.equal(ev.summary, longTitle);
    assert.equal(ev.description, '第一行\n第二行，含逗号, 与分号;');
    assert.equal(new Date(ev.start).toISOString(), '2027-07-10T01:00:00.000Z');
    assert.equal(new Date(ev.end).toISOString(), '2027-07-10T03:30:00.000Z');
    // another subtree's feed does not carry it
    const west = await (await fetch(`${srv.base}/calendar/510403.ics`)).text();
    assert.ok(!west.includes(`session-${sid}@`));
  });

  it('a booking has a QR code that only its owner can fetch', async () => {
    const b = await citizen.post(`/api/v1/sessions/${sid}/bookings`, {});
    assert.equal(b.status, 201, b.text);
    const q = await citizen.get(`/api/v1/bookings/${b.json.id}/qr.svg`);
    assert.equal(q.status, 200);
    assert.match(q.headers.get('content-type'), /image\/svg\+xml/);
    assert.match(q.text, /^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    assert.equal((await other.get(`/api/v1/bookings/${b.json.id}/qr.svg`)).status, 404);
    assert.equal((await new Client(srv.base).get(`/api/v1/bookings/${b.json.id}/qr.svg`)).status, 401);
  });
});

// Webhooks cannot reach the operator's own network: with [notify] allow_private_targets off
// (the default), a webhook whose address is loopback (here 127.0.0.1) is refused when the
// delivery connects, so the receiver never hears of the event and the log says why.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, cleanup, DEMO, loginAs, freshPhone, Client, registerUser } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('webhook targets', () => {
  let srv, receiver;
  const got = [];

  before(async () => {
    receiver = http.createServer((req, res) => {
      got.push(req.url);
      res.writeHead(200);
      res.end('ok');
    });
    await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
    srv = await startServer({
      config: {
        auth: { password_memlimit_kib: 8, password_opslimit: 1 },
        notify: { interval_ms: 100, retry_base_ms: 100000, timeout_ms: 2000 },
      },
    });
  });

  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
    if (receiver) receiver.close();
  });

  it('a webhook to 127.0.0.1 is refused at connect time', async () => {
    const admin = await loginAs(srv.base, DEMO.cityAdmin);
    const url = `http://127.0.0.1:${receiver.address().port}/hook`;
    const w = await admin.post('/api/v1/webhooks', { url, division: '5104' });
    assert.equal(w.status, 201, w.text);
    // an event: someone books a seat of a demo activity with room
    const c = new Client(srv.base);
    const phone = freshPhone();
    await registerUser(srv, { phone, password: 'Hook2026pw', name: '测试' });
    await c.login(phone, 'Hook2026pw');
    const list = await c.get('/api/v1/activities?division=5104&free=1&limit=50');
    assert.equal(list.status, 200, list.text);
    let booked = false;
    for (const a of list.json.items) {
      for (const s of a.sessions || []) {
        const r = await c.post(`/api/v1/sessions/${s.id}/bookings`, {});
        if (r.status === 201) { booked = true; break; }
      }
      if (booked) break;
    }
    assert.ok(booked, 'a demo session took the booking');
    const t0 = Date.now();
    while (!/refused: the address is not public/.test(srv.logs())) {
      if (Date.now() - t0 > 15000) assert.fail(`no refusal in the log:\n${srv.logs()}`);
      await sleep(100);
    }
    await sleep(300);
    assert.deepEqual(got, [], 'the receiver on loopback heard nothing');
  });
});

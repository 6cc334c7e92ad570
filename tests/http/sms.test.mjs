// The http SMS provider against a real gateway on a loopback port: a small server written
// here, as a Chinese SMS gateway works, that checks each request's HMAC-SHA256 signature over
// the sorted parameters (docs/operating.md, "[sms]") before it accepts a message. Registration
// and reset codes reach it with their templates, and a code it delivered proves the number; a
// request signed with another secret is refused by the gateway, a refusal is logged and the
// caller still gets the usual answer; incomplete settings stop the server from starting.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { startServer, cleanup, Client, DEMO, freshPhone, loginAs, runCli, tempDir, freshDb } from './lib.mjs';

const SECRET = 'gateway-secret-2026';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// RFC 3986: encodeURIComponent leaves !'()* as they are; a gateway encodes them too
const pct = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A gateway that checks signatures; `reply` decides what it answers to a good request. */
function gateway() {
  const g = { messages: [], refused: [], nonces: new Set(), reply: () => ({ Code: 'OK', Message: 'OK' }) };
  g.server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const send = (status, obj) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      const params = Object.fromEntries(new URLSearchParams(body));
      const { Signature: sig, ...rest } = params;
      const canonical = Object.keys(rest).sort().map((k) => `${pct(k)}=${pct(rest[k])}`).join('&');
      const want = createHmac('sha256', SECRET).update(`POST\n${canonical}`).digest('base64');
      const age = Math.abs(Date.now() - Date.parse(rest.Timestamp || ''));
      let why = null;
      if (req.method !== 'POST' || req.url !== '/sms/send') why = `${req.method} ${req.url}`;
      else if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] || '')) why = 'content type';
      else if (sig !== want) why = 'SignatureDoesNotMatch';
      else if (!(age < 5 * 60 * 1000)) why = 'stale timestamp';
      else if (g.nonces.has(rest.SignatureNonce)) why = 'nonce used twice';
      else if (rest.SignatureMethod !== 'HMAC-SHA256' || rest.AccessKeyId !== 'wy-key-1') why = 'key or method';
      if (why) {
        g.refused.push(why);
        send(403, { Code: why, Message: 'refused' });
        return;
      }
      g.nonces.add(rest.SignatureNonce);
      g.messages.push(rest);
      send(200, g.reply(rest));
    });
  });
  return g;
}

function smsConfig(port, extra = {}) {
  return {
    sms: {
      provider: 'http',
      url: `http://127.0.0.1:${port}/sms/send`,
      key_id: 'wy-key-1',
      secret: SECRET,
      sign_name: '文云',
      template_register: 'SMS_REG_001',
      template_reset: 'SMS_RESET_002',
      timeout_ms: 3000,
      ...extra,
    },
  };
}

async function messageTo(g, phone, template) {
  for (let i = 0; i < 500; i++) {
    const m = g.messages.filter((x) => x.PhoneNumbers === phone && x.TemplateCode === template).pop();
    if (m) return m;
    await sleep(20);
  }
  throw new Error(`the gateway got no ${template} for ${phone}: ${JSON.stringify(g.messages)} refused ${g.refused}`);
}

describe('the http SMS provider', () => {
  let g, srv, port;
  before(async () => {
    g = gateway();
    await new Promise((r) => g.server.listen(0, '127.0.0.1', r));
    port = g.server.address().port;
    srv = await startServer({ config: smsConfig(port) });
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      cleanup(srv.dir);
    }
    g.server.close();
  });

  it('sends a registration code, signed, with its template; the code proves the number', async () => {
    const phone = freshPhone();
    const c = new Client(srv.base);
    const r = await c.post('/api/v1/auth/register', { phone, password: 'Gateway2026pw', name: '短信' });
    assert.equal(r.status, 202, r.text);
    const m = await messageTo(g, phone, 'SMS_REG_001');
    assert.equal(m.SignName, '文云');
    assert.equal(m.SignatureVersion, '1.0');
    assert.match(m.SignatureNonce, /^[0-9a-f]{32}$/);
    assert.match(m.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const { code } = JSON.parse(m.TemplateParam);
    assert.match(code, /^\d{6}$/);
    // the development provider is not in play: no code in the log
    assert.ok(!/sms\.code/.test(srv.logs()), 'no code is written to the log');
    const v = await c.post('/api/v1/auth/verify', { phone, code });
    assert.equal(v.status, 201, v.text);
    await loginAs(srv.base, { phone, password: 'Gateway2026pw' });
  });

  it('sends a reset code with the reset template', async () => {
    const { phone } = DEMO.districtReviewer;
    const c = new Client(srv.base);
    assert.equal((await c.post('/api/v1/auth/reset/request', { phone })).status, 202);
    const m = await messageTo(g, phone, 'SMS_RESET_002');
    const { code } = JSON.parse(m.TemplateParam);
    const r = await c.post('/api/v1/auth/reset', { phone, code, password: 'Gateway2026new' });
    assert.equal(r.status, 200, r.text);
    await loginAs(srv.base, { phone, password: 'Gateway2026new' });
  });

  it('a refusal by the gateway is logged (number masked); the caller gets the usual answer', async () => {
    g.reply = () => ({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'too many for this number' });
    try {
      const phone = freshPhone();
      const r = await new Client(srv.base).post('/api/v1/auth/register', { phone, password: 'Gateway2026pw', name: '短信' });
      assert.equal(r.status, 202, r.text);
      await messageTo(g, phone, 'SMS_REG_001');
      for (let i = 0; i < 250 && !/not sent: refused: isv\.BUSINESS_LIMIT_CONTROL/.test(srv.logs()); i++) await sleep(20);
      assert.match(srv.logs(), /sms: register code to \d{3}\*{4}\d{4} not sent: refused: isv\.BUSINESS_LIMIT_CONTROL/);
      assert.ok(!srv.logs().includes(`to ${phone}`), 'the number is masked in the log');
    } finally {
      g.reply = () => ({ Code: 'OK', Message: 'OK' });
    }
  });
});

describe('the http SMS provider: a wrong secret, and incomplete settings', () => {
  let g, port;
  before(async () => {
    g = gateway();
    await new Promise((r) => g.server.listen(0, '127.0.0.1', r));
    port = g.server.address().port;
  });
  after(() => g.server.close());

  it('a request signed with another secret is refused by the gateway, and the refusal logged', async () => {
    const srv = await startServer({ config: smsConfig(port, { secret: 'not-the-secret' }) });
    try {
      const phone = freshPhone();
      const r = await new Client(srv.base).post('/api/v1/auth/register', { phone, password: 'Gateway2026pw', name: '短信' });
      assert.equal(r.status, 202, r.text);
      for (let i = 0; i < 250 && !g.refused.length; i++) await sleep(20);
      assert.deepEqual(g.refused, ['SignatureDoesNotMatch']);
      assert.equal(g.messages.length, 0);
      for (let i = 0; i < 250 && !/not sent: HTTP 403/.test(srv.logs()); i++) await sleep(20);
      assert.match(srv.logs(), /sms: register code to .* not sent: HTTP 403/);
    } finally {
      await srv.stop();
      cleanup(srv.dir);
    }
  });

  it('provider = http without its settings: the server does not start, and says what is missing', () => {
    const dir = tempDir();
    try {
      const conf = `${dir}/bad.ini`;
      const db = freshDb(dir);
      runCli(['migrate', '--db', db]);
      writeFileSync(conf, '[sms]\nprovider = http\nurl = http://127.0.0.1:9/\n');
      const r = runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--config', conf], { timeout: 20000 });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /sms\.key_id/);
      const bad = `${dir}/bad2.ini`;
      writeFileSync(bad, '[sms]\nprovider = pigeon\n');
      const r2 = runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--config', bad], { timeout: 20000 });
      assert.notEqual(r2.code, 0);
      assert.match(r2.stderr, /sms\.provider is log or http/);
    } finally {
      cleanup(dir);
    }
  });
});


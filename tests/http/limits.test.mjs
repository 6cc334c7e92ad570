// Operating limits: an idle or slow client is cut off after server.idle_timeout_s (it cannot
// hold a connection, let alone a thread), and one address holds at most
// server.per_ip_connections connections at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import net from 'node:net';
import { startServer } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Open a TCP connection; resolves with {sock, closed: Promise<number ms>, data()}. */
function connect(port) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    let buf = '';
    const sock = net.connect({ host: '127.0.0.1', port });
    const closed = new Promise((r) => sock.on('close', () => r(Date.now() - t0)));
    sock.setEncoding('utf8');
    sock.on('data', (d) => (buf += d));
    sock.on('error', () => {});
    sock.on('connect', () => resolve({ sock, closed, data: () => buf }));
    sock.on('error', reject);
  });
}

/** GET /healthz on a new connection (fetch's pool may hold sockets the server has closed). */
async function healthz(port) {
  const c = await connect(port);
  c.sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  await Promise.race([c.closed, sleep(3000)]);
  return c.data();
}

describe('operating limits', () => {
  let srv;
  before(async () => {
    srv = await startServer({ config: { server: { idle_timeout_s: 1, per_ip_connections: 4 } } });
  });
  after(async () => {
    await srv?.stop();
  });

  it('a client that sends half a request and stalls is disconnected after the idle timeout', async () => {
    const c = await connect(srv.port);
    c.sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // no blank line: the request never ends
    const ms = await Promise.race([c.closed, sleep(5000).then(() => -1)]);
    assert.notEqual(ms, -1, 'the server kept a stalled connection open for 5 s');
    assert.ok(ms >= 900, `closed after ${ms} ms, before the 1 s idle timeout`);
    // the server still answers others
    assert.match(await healthz(srv.port), /^HTTP\/1\.1 200/);
  });

  it('an idle keep-alive connection is closed after the idle timeout', async () => {
    const c = await connect(srv.port);
    c.sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const ms = await Promise.race([c.closed, sleep(5000).then(() => -1)]);
    assert.match(c.data(), /^HTTP\/1\.1 200/);
    assert.notEqual(ms, -1);
  });

  it('one address holds at most per_ip_connections connections', async () => {
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await connect(srv.port));
    const extra = await connect(srv.port); // accepted by the kernel, then closed by the server
    extra.sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const ms = await Promise.race([extra.closed, sleep(3000).then(() => -1)]);
    assert.notEqual(ms, -1, 'a fifth connection from one address was kept');
    assert.equal(extra.data(), '', 'the fifth connection was answered');
    for (const c of held) c.sock.destroy();
    await sleep(100);
    assert.match(await healthz(srv.port), /^HTTP\/1\.1 200/);
  });
});

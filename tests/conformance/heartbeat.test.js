'use strict';
// Conformance: the heartbeat (docs/protocol.md, Transport): the server pings a peer that
// has been silent for 30 s. This test has to stay silent that long; it runs in its own
// file (and server) so that it overlaps with the other files.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers.js');

let srv;
before(async () => { srv = await h.startServer(); });
after(async () => { if (srv) await srv.stop(); });

describe('heartbeat', { timeout: 90000, concurrency: true }, () => {
  it('sends a WebSocket ping to a signed-in peer silent for 30 s, and the connection stays open once answered', async () => {
    // Signed in: a connection that is not is closed 30 s after its upgrade (loginTimeoutMs).
    const c = await h.session(srv.url, 'admin', srv.adminPassword);
    try {
      const hello = h.assertResult(await c.call('hello', { protocol: 1 }));
      assert.equal(hello.heartbeatMs, 30000);
      const lastSent = performance.now();
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no ping within 40 s of silence')), 40000);
        c.ws.once('ping', () => { clearTimeout(timer); resolve(); });
        c.ws.once('close', (code) => { clearTimeout(timer); reject(new Error(`closed (${code}) instead of pinged`)); });
      });
      const silentFor = performance.now() - lastSent;
      assert.ok(silentFor >= 25000, `pinged after ${silentFor} ms of silence, not before about 30 s`);
      // ws answers the ping with a pong by itself; the session is still usable.
      h.assertResult(await c.call('hello', { protocol: 1 }));
      assert.equal(c.closed, null);
    } finally {
      c.close();
    }
  });

  it('closes a connection that has not signed in 30 s after its upgrade, with close code 1008', async () => {
    const c = await h.connect(srv.url);
    const hello = h.assertResult(await c.call('hello', { protocol: 1 }));
    assert.equal(hello.loginTimeoutMs, 30000);
    const opened = performance.now(); // the monotonic clock: a step of the system's clock must not count
    const closed = await c.waitClose(45000);
    assert.equal(closed.code, 1008);
    const after = performance.now() - opened;
    assert.ok(after >= 25000 && after < 40000, `closed after ${after} ms`);
  });
});

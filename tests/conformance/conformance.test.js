'use strict';
// Conformance test of atiended against docs/protocol.md (protocol version 1).
// Written from the document alone. Run: ATIENDED_BIN=/path/to/atiended node --test
// This file needs only `atiended init`; demo.test.js covers what needs demo data.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const h = require('./helpers.js');

const { opId, uniqueWord, assertError, assertResult, INSTANT } = h;

let srv;
let admin; // a logged-in admin session shared by tests that only need one
const clients = [];

before(async () => {
  srv = await h.startServer();
  admin = await login();
});

after(async () => {
  for (const c of clients) c.close();
  if (srv) await srv.stop();
});

async function track(promise) {
  const c = await promise;
  clients.push(c);
  return c;
}
/** A connection that has not said hello yet. */
function fresh() { return track(h.connect(srv.url)); }
/** A connection that said hello but is not logged in. */
async function helloed() {
  const c = await fresh();
  assertResult(await c.call('hello', { protocol: 1 }));
  return c;
}
/** A logged-in connection. */
function login(user = 'admin', password = srv.adminPassword) {
  return track(h.session(srv.url, user, password));
}

async function create(c, params = {}) {
  return assertResult(await c.call('tickets.create', {
    type: 'incident', subject: `Conformance ${uniqueWord()}`, opId: opId(), ...params,
  }));
}
function update(c, ticket, fields, extra = {}) {
  return c.call('tickets.update', { id: ticket.id, baseVersion: ticket.version, opId: opId(), fields, ...extra });
}
async function updateOk(c, ticket, fields, extra) {
  const r = assertResult(await update(c, ticket, fields, extra));
  return r.ticket;
}
async function getTicket(c, id) { return assertResult(await c.call('tickets.get', { id })); }
async function query(c, params) { return assertResult(await c.call('tickets.query', params)); }
function ids(list) { return list.map((t) => t.id).sort((a, b) => a - b); }

function assertInstant(v, what) {
  assert.equal(typeof v, 'string', `${what} is an instant string`);
  assert.match(v, INSTANT, `${what} is ISO 8601 UTC with milliseconds`);
}
function assertNear(instant, expectedMs, toleranceMs, what) {
  assertInstant(instant, what);
  const d = Math.abs(Date.parse(instant) - expectedMs);
  assert.ok(d <= toleranceMs, `${what} ${instant} is within ${toleranceMs} ms of ${new Date(expectedMs).toISOString()}`);
}
function assertNoSecrets(obj, where) {
  const walk = (o, p) => {
    if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        assert.ok(!/pass|hash|salt|secret/i.test(k), `${where} has no secret field, found ${p}.${k}`);
        walk(v, `${p}.${k}`);
      }
    }
  };
  walk(obj, where);
}
function assertAgentShape(a) {
  for (const f of ['id', 'login', 'name', 'email', 'role', 'groupIds', 'active', 'version']) {
    assert.ok(f in a, `agent has ${f}: ${JSON.stringify(a)}`);
  }
  assert.ok(Number.isInteger(a.id) && a.id > 0);
  assert.ok(['agent', 'lead', 'admin'].includes(a.role));
  assert.ok(Array.isArray(a.groupIds));
  assert.equal(typeof a.active, 'boolean');
  assertNoSecrets(a, 'agent');
}

const TICKET_FIELDS = ['id', 'number', 'type', 'subject', 'status', 'impact', 'urgency', 'priority', 'channel',
  'categoryId', 'groupId', 'assigneeId', 'customerId', 'organisationId', 'createdBy', 'createdAt', 'updatedAt',
  'firstResponseAt', 'resolvedAt', 'closedAt', 'reopenCount', 'version', 'kbArticleIds'];

const DEFAULT_MATRIX = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

/**
 * Opens a WebSocket by hand on a raw TCP socket, announces a text frame of `length` bytes,
 * sends `send` bytes of it and collects the frames the server sends until it closes.
 */
function rawSocketOversizedFrame(url, length, send) {
  const net = require('node:net');
  const crypto = require('node:crypto');
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const frames = [];
    let buf = Buffer.alloc(0);
    let upgraded = false;
    const sock = net.connect(Number(u.port), u.hostname, () => {
      sock.write(`GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    const timer = setTimeout(() => { sock.destroy(); resolve(frames); }, 5000);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = buf.subarray(0, end).toString().split('\r\n')[0];
        if (!/ 101 /.test(status)) { clearTimeout(timer); sock.destroy(); reject(new Error(status)); return; }
        buf = buf.subarray(end + 4);
        upgraded = true;
        const header = Buffer.alloc(14);
        header[0] = 0x81; // FIN + text
        header[1] = 0x80 | 127; // masked, 64-bit length
        header.writeBigUInt64BE(BigInt(length), 2);
        crypto.randomBytes(4).copy(header, 10);
        sock.write(header);
        sock.write(Buffer.alloc(send, 0x20));
      }
      while (buf.length >= 2) {
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
        if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
        if (buf.length < off + len) return;
        const payload = buf.subarray(off, off + len);
        const opcode = buf[0] & 0x0f;
        frames.push(opcode === 0x8 && len >= 2 ? { opcode, code: payload.readUInt16BE(0) } : { opcode, text: payload.toString() });
        buf = buf.subarray(off + len);
      }
    });
    sock.on('error', () => {});
    sock.on('close', () => { clearTimeout(timer); resolve(frames); });
  });
}

// ---------------------------------------------------------------------------
describe('transport', { timeout: 30000 }, () => {
  function waitError(c, what) {
    return c.waitFor((m) => m && m.error !== undefined, h.DEFAULT_TIMEOUT_MS, what);
  }

  it('closes a WebSocket on a path other than /ws with close code 1008', async () => {
    const ws = new WebSocket(`${srv.base}/not-the-api`);
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { ws.terminate(); reject(new Error('not closed in 5 s')); }, 5000);
      ws.on('close', (c) => { clearTimeout(timer); resolve(c); });
      ws.on('unexpected-response', (req, res) => {
        clearTimeout(timer);
        reject(new Error(`upgrade refused with HTTP ${res.statusCode} instead of a close with 1008`));
      });
      ws.on('error', () => {});
    });
    assert.equal(code, 1008);
  });

  it('answers a binary frame without a length with parse_error, one of another method with invalid_request, and stays usable', async () => {
    const c = await helloed();
    c.sendRaw(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 'bin', method: 'hello', params: { protocol: 1 } })));
    const res = await waitError(c, 'an answer to a binary frame');
    assertError(res, 'parse_error');
    assert.equal(res.id, null);
    c.sendRaw(h.binaryMessage({ jsonrpc: '2.0', id: 'bin2', method: 'hello', params: { protocol: 1 } }));
    const other = await waitError(c, 'an answer to a binary hello');
    assertError(other, 'invalid_request');
    assert.ok(other.id === null || other.id === 'bin2', `id null or the request's, got ${other.id}`);
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  it('answers a batch with a single invalid_request (id null), not with an array', async () => {
    const c = await helloed();
    c.sendRaw(JSON.stringify([{ jsonrpc: '2.0', id: 'b1', method: 'hello', params: { protocol: 1 } },
      { jsonrpc: '2.0', id: 'b2', method: 'hello', params: { protocol: 1 } }]));
    const res = await c.waitFor((m) => m !== null, 5000, 'an answer to a batch');
    assert.ok(!Array.isArray(res), `batch answered with an array: ${JSON.stringify(res)}`);
    assertError(res, 'invalid_request', { id: null });
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  it('answers a frame that is not JSON with parse_error and id null', async () => {
    const c = await helloed();
    c.sendRaw('{"jsonrpc": "2.0", "id": 1, "method": "hello", ');
    assertError(await waitError(c, 'a parse_error'), 'parse_error', { id: null });
    c.sendRaw('this is not json');
    assertError(await waitError(c, 'a parse_error'), 'parse_error', { id: null });
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  for (const [label, text] of [['a number', '42'], ['a string', '"hello"'], ['null', 'null'], ['true', 'true']]) {
    it(`answers JSON that is not an object (${label}) with invalid_request and id null`, async () => {
      const c = await helloed();
      c.sendRaw(text);
      assertError(await waitError(c, 'an invalid_request'), 'invalid_request', { id: null });
    });
  }

  for (const [label, msg] of [
    ['without "jsonrpc"', { id: 'r1', method: 'hello', params: { protocol: 1 } }],
    ['with "jsonrpc": "1.0"', { jsonrpc: '1.0', id: 'r2', method: 'hello', params: { protocol: 1 } }],
    ['with "jsonrpc": 2 (a number)', { jsonrpc: 2, id: 'r3', method: 'hello', params: { protocol: 1 } }],
    ['with a method that is not a string', { jsonrpc: '2.0', id: 'r4', method: 17, params: {} }],
    ['without a method', { jsonrpc: '2.0', id: 'r5', params: {} }],
    ['with params as an array (by position)', { jsonrpc: '2.0', id: 'r6', method: 'hello', params: [1] }],
    ['with params as a string', { jsonrpc: '2.0', id: 'r7', method: 'hello', params: 'protocol=1' }],
    ['with params null', { jsonrpc: '2.0', id: 'r10', method: 'hello', params: null }],
    ['that is a response (result)', { jsonrpc: '2.0', id: 'r8', result: {} }],
    ['that is a response (error)', { jsonrpc: '2.0', id: 'r9', error: { code: 1, message: 'x' } }],
  ]) {
    it(`answers a request ${label} with invalid_request carrying the request's id`, async () => {
      const c = await helloed();
      c.sendRaw(JSON.stringify(msg));
      const res = await waitError(c, 'an invalid_request');
      assertError(res, 'invalid_request');
      assert.equal(res.id, msg.id, 'the id is the request\'s when the request could be read');
    });
  }

  it('echoes string and number ids and matches concurrent answers by id', async () => {
    const c = await helloed();
    const [a, b, d] = await Promise.all([
      c.call('hello', { protocol: 1 }, { id: 'a string id ✓' }),
      c.call('hello', { protocol: 1 }, { id: 4711 }),
      c.call('hello', { protocol: 1 }, { id: 0.5 }),
    ]);
    assert.equal(a.id, 'a string id ✓');
    assert.equal(b.id, 4711);
    assert.equal(d.id, 0.5);
  });

  it('ignores notifications sent by the client (no answer at all)', async () => {
    const c = await helloed();
    c.sendRaw(JSON.stringify({ jsonrpc: '2.0', method: 'hello', params: { protocol: 1 } }));
    c.sendRaw(JSON.stringify({ jsonrpc: '2.0', method: 'no.such.method', params: {} }));
    // Requests sent after the notifications; the server has read the notifications by then.
    assertResult(await c.call('hello', { protocol: 1 }));
    assertResult(await c.call('hello', { protocol: 1 }));
    assert.deepEqual(c.messages, [], 'nothing but the two responses arrived');
  });

  it('answers a frame of 1 MiB + 1 byte with frame_too_large (id null, data.limit) and keeps the connection', async () => {
    const c = await login();
    const base = JSON.stringify({ jsonrpc: '2.0', id: 'big', method: 'hello', params: { protocol: 1, client: '' } });
    const text = base.replace('"client":""', `"client":"${'x'.repeat(1048576 + 1 - base.length)}"`);
    assert.equal(Buffer.byteLength(text), 1048577);
    c.sendRaw(text);
    const res = await waitError(c, 'a frame_too_large');
    const err = assertError(res, 'frame_too_large', { id: null });
    assert.equal(err.data.limit, 1048576);
    assert.equal(c.closed, null, 'connection still open');
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  it('answers every one of 3,000 pipelined requests exactly once, each a result or busy with data.retryAfterMs', async () => {
    const c = await login();
    const n = 3000;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) =>
      c.call('tickets.query', { limit: 100 }, { id: `p${i}`, timeoutMs: 60000 })));
    const busy = answers.filter((r) => r.error);
    for (const r of busy) {
      const err = assertError(r, 'busy');
      assert.ok(Number.isInteger(err.data.retryAfterMs) && err.data.retryAfterMs > 0, 'busy carries retryAfterMs');
    }
    assert.deepEqual(answers.map((r) => r.id), Array.from({ length: n }, (_, i) => `p${i}`));
    assert.deepEqual(c.messages.filter((m) => m && 'id' in m), [], 'no answer twice and none with an unknown id');
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  it('accepts a frame of exactly 1 MiB', async () => {
    const c = await login();
    const base = JSON.stringify({ jsonrpc: '2.0', id: 'edge', method: 'hello', params: { protocol: 1 } });
    // Pad with JSON whitespace up to exactly 1,048,576 bytes.
    const text = base.slice(0, -1) + ' '.repeat(1048576 - base.length) + '}';
    assert.equal(Buffer.byteLength(text), 1048576);
    const r = assertResult(await c.rawCall(text, 'edge'));
    assert.equal(r.protocol, 1);
  });

  it('sends close code 1009 as soon as a frame over 4 MiB is announced', async () => {
    // A raw socket that announces a 4 MiB + 1 frame and sends only part of it, so that the
    // server's close frame can be read before the TCP connection goes away.
    const frames = await rawSocketOversizedFrame(srv.url, 4 * 1048576 + 1, 65536);
    const close = frames.find((f) => f.opcode === 0x8);
    assert.ok(close, `a close frame, got ${JSON.stringify(frames)}`);
    assert.equal(close.code, 1009);
  });

  it('drops the connection for a frame over 4 MiB sent whole by a WebSocket client (1009, or 1006 while still sending)', async () => {
    // docs/protocol.md: the server sends 1009 and drops the connection; a client still
    // sending may only see the drop.
    const c = await helloed();
    c.sendRaw(`{"jsonrpc":"2.0","id":1,"method":"hello","params":{"client":"${'y'.repeat(4 * 1048576 + 16)}"}}`);
    const closed = await c.waitClose(10000);
    assert.ok([1009, 1006].includes(closed.code), `close code ${closed.code}`);
  });
});

// ---------------------------------------------------------------------------
describe('hello', { timeout: 30000 }, () => {
  it('answers protocol 1 with the server parameters', async () => {
    const c = await fresh();
    const before = Date.now();
    const r = assertResult(await c.call('hello', { protocol: 1, client: 'conformance/1.0' }));
    assert.equal(r.protocol, 1);
    assert.equal(typeof r.server, 'string');
    assert.match(r.server, /^atiended\/\d+\.\d+\.\d+/);
    assertNear(r.serverTime, before, 60000, 'serverTime');
    assert.ok(Number.isInteger(r.revision) && r.revision >= 0, `revision is a revision: ${r.revision}`);
    assert.equal(r.maxFrameBytes, 1048576);
    assert.equal(r.maxPageSize, 500);
    assert.equal(r.heartbeatMs, 30000);
  });

  it('reports the last committed revision, which moves on with every commit', async () => {
    const c = await fresh();
    const before = assertResult(await c.call('hello', { protocol: 1 })).revision;
    assert.equal(before, assertResult(await admin.call('sync.pull', { since: 0, limit: 1 })).serverRevision,
      'the same as sync.pull serverRevision');
    await create(admin);
    const after = assertResult(await c.call('hello', { protocol: 1 })).revision;
    assert.ok(after > before, `revision ${after} moved on from ${before}`);
    assert.equal(after, assertResult(await admin.call('sync.pull', { since: 0, limit: 1 })).serverRevision);
  });

  it('may be repeated and gives the same answer', async () => {
    const c = await fresh();
    const a = assertResult(await c.call('hello', { protocol: 1 }));
    const b = assertResult(await c.call('hello', { protocol: 1, client: 'again/2' }));
    delete a.serverTime;
    delete b.serverTime;
    assert.deepEqual(b, a);
  });

  it('refuses another protocol version with unsupported_protocol listing the supported ones', async () => {
    const c = await fresh();
    for (const protocol of [2, 0, 999]) {
      const err = assertError(await c.call('hello', { protocol }), 'unsupported_protocol');
      assert.ok(Array.isArray(err.data.supported), 'data.supported is a list');
      assert.ok(err.data.supported.includes(1), 'data.supported includes 1');
    }
    // The connection can still negotiate a version it supports.
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  it('answers hello without protocol or with a non-integer protocol with invalid_params', async () => {
    const c = await fresh();
    let err = assertError(await c.call('hello', {}), 'invalid_params');
    assert.equal(err.data.param, 'protocol');
    err = assertError(await c.call('hello', { protocol: '1' }), 'invalid_params');
    assert.equal(err.data.param, 'protocol');
    err = assertError(await c.call('hello'), 'invalid_params');
    assert.equal(err.data.param, 'protocol');
  });

  it('answers any request before hello with hello_required', async () => {
    const c = await fresh();
    const calls = [
      ['auth.login', { user: 'admin', password: srv.adminPassword }],
      ['auth.resume', { token: 'whatever' }],
      ['auth.logout', {}],
      ['tickets.query', {}],
      ['tickets.get', { id: 1 }],
      ['tickets.create', { type: 'incident', subject: 'x', opId: opId() }],
      ['sync.pull', { since: 0 }],
      ['directory.get', undefined],
      ['kb.search', { text: 'x' }],
    ];
    for (const [method, params] of calls) {
      const res = await c.call(method, params);
      assertError(res, 'hello_required');
      assert.equal(res.id, c.nextId - 1);
    }
    // After a failed hello (wrong version) it is still required.
    assertError(await c.call('hello', { protocol: 2 }), 'unsupported_protocol');
    assertError(await c.call('tickets.query', {}), 'hello_required');
  });
});

// ---------------------------------------------------------------------------
describe('auth', { timeout: 30000 }, () => {
  it('auth.login with the right password gives a token, expiresAt 14 days ahead and the agent', async () => {
    const c = await helloed();
    const before = Date.now();
    const r = assertResult(await c.call('auth.login', { user: 'admin', password: srv.adminPassword }));
    assert.equal(typeof r.token, 'string');
    assert.ok(r.token.length >= 16, 'token is long enough to be secret');
    assertNear(r.expiresAt, before + 14 * 24 * 3600 * 1000, 5 * 60 * 1000, 'expiresAt');
    assertAgentShape(r.agent);
    assert.equal(r.agent.login, 'admin');
    assert.equal(r.agent.role, 'admin');
    assert.equal(r.agent.active, true);
    if (!srv.demo) assert.equal(r.agent.name, 'Ada Admin');
    // Logged in: a method that needs a session works now.
    assertResult(await c.call('tickets.query', { limit: 1 }));
  });

  it('answers requests before log-in with unauthenticated', async () => {
    const c = await helloed();
    const calls = [
      ['tickets.query', {}],
      ['tickets.get', { id: 1 }],
      ['tickets.create', { type: 'incident', subject: 'x', opId: opId() }],
      ['tickets.update', { id: 1, baseVersion: 1, opId: opId(), fields: { subject: 'y' } }],
      ['tickets.addArticle', { ticketId: 1, kind: 'note', body: 'x', opId: opId() }],
      ['customers.history', { customerId: 1 }],
      ['customers.create', { name: 'x' }],
      ['kb.search', { text: 'x' }],
      ['kb.get', { id: 1 }],
      ['sync.pull', { since: 0 }],
      ['directory.get', undefined],
      ['auth.logout', {}],
    ];
    for (const [method, params] of calls) {
      assertError(await c.call(method, params), 'unauthenticated');
    }
    // hello is still allowed.
    assertResult(await c.call('hello', { protocol: 1 }));
  });

  it('answers a wrong password and an unknown user alike with invalid_credentials', async () => {
    const c = await helloed();
    const a = assertError(await c.call('auth.login', { user: 'admin', password: 'wrong password' }), 'invalid_credentials');
    const b = assertError(await c.call('auth.login', { user: 'nobody-by-this-name', password: 'wrong password' }), 'invalid_credentials');
    assert.equal(a.message, b.message, 'the two failures are not told apart');
    assert.deepEqual(a.data, b.data);
    // Still not logged in.
    assertError(await c.call('tickets.query', {}), 'unauthenticated');
  });

  it('answers auth.login without user or password with invalid_params', async () => {
    const c = await helloed();
    assertError(await c.call('auth.login', { user: 'admin' }), 'invalid_params');
    assertError(await c.call('auth.login', { password: 'x' }), 'invalid_params');
    assertError(await c.call('auth.login', { user: 5, password: 'x' }), 'invalid_params');
  });

  it('auth.resume with a good token logs in a new connection', async () => {
    const first = await login();
    const c = await helloed();
    const r = assertResult(await c.call('auth.resume', { token: first.token }));
    assertInstant(r.expiresAt, 'expiresAt');
    assertAgentShape(r.agent);
    assert.equal(r.agent.id, first.agent.id);
    assert.equal(r.agent.login, 'admin');
    assertResult(await c.call('tickets.query', { limit: 1 }));
  });

  it('auth.resume with an unknown token answers session_expired', async () => {
    const c = await helloed();
    assertError(await c.call('auth.resume', { token: 'garbage-token-that-was-never-issued' }), 'session_expired');
    assertError(await c.call('auth.resume', { token: '' }), 'session_expired');
    assertError(await c.call('tickets.query', {}), 'unauthenticated');
  });

  it('auth.resume without a token answers invalid_params', async () => {
    const c = await helloed();
    const err = assertError(await c.call('auth.resume', {}), 'invalid_params');
    assert.equal(err.data.param, 'token');
  });

  it('auth.logout ends the session: {} back, the connection is logged out and the token no longer resumes', async () => {
    const c = await login();
    const bystander = await login(); // another session of the same user is not affected
    const r = assertResult(await c.call('auth.logout', {}));
    assert.deepEqual(r, {});
    assertError(await c.call('tickets.query', {}), 'unauthenticated');
    const d = await helloed();
    assertError(await d.call('auth.resume', { token: c.token }), 'session_expired');
    assertResult(await bystander.call('tickets.query', { limit: 1 }));
    // The logged-out connection can log in again.
    assertResult(await c.call('auth.login', { user: 'admin', password: srv.adminPassword }));
    assertResult(await c.call('tickets.query', { limit: 1 }));
  });

  it('a logged-out connection receives no more sync.changed pushes', async () => {
    const c = await login();
    const watcher = await login();
    assertResult(await c.call('auth.logout', {}));
    c.clearQueue();
    const t = await create(admin);
    // The watcher's push is the fence: the server has sent its pushes for that commit.
    await watcher.waitForChange((ch) => ch.entity === 'ticket' && ch.id === t.ticket.id);
    assertResult(await c.call('hello', { protocol: 1 }));
    assert.deepEqual(c.queuedChanges(), [], 'no push after log-out');
  });
});

// ---------------------------------------------------------------------------
describe('tickets.create', { timeout: 30000 }, () => {
  it('returns a new ticket with every documented field: status new, version 1, defaults applied', async () => {
    const before = Date.now();
    const subject = `Printer on floor 3 ${uniqueWord()}`;
    const r = await create(admin, { subject });
    const t = r.ticket;
    for (const f of TICKET_FIELDS) assert.ok(f in t, `ticket has ${f}`);
    assert.ok(Number.isInteger(t.id) && t.id > 0);
    assert.match(t.number, /^INC-\d{6}$/);
    assert.equal(t.type, 'incident');
    assert.equal(t.subject, subject);
    assert.equal(t.status, 'new');
    assert.equal(t.impact, 'medium');
    assert.equal(t.urgency, 'medium');
    assert.equal(t.priority, 'P3');
    assert.equal(t.channel, 'console');
    assert.equal(t.groupId, admin.agent.groupIds[0], 'default group is the caller\'s first group');
    assert.equal(t.assigneeId, null);
    assert.equal(t.customerId, null);
    assert.equal(t.organisationId, null);
    assert.equal(t.categoryId, null);
    assert.equal(t.createdBy, admin.agent.id);
    assertNear(t.createdAt, before, 60000, 'createdAt');
    assertInstant(t.updatedAt, 'updatedAt');
    assert.equal(t.firstResponseAt, null);
    assert.equal(t.resolvedAt, null);
    assert.equal(t.closedAt, null);
    assert.equal(t.reopenCount, 0);
    assert.deepEqual(t.kbArticleIds, [], 'no KB article linked');
    assert.equal(t.version, 1);
    assert.deepEqual(r.articles, [], 'no description, no article');
  });

  it('numbers incidents INC-nnnnnn and service requests REQ-nnnnnn, counted per type', async () => {
    const i1 = (await create(admin, { type: 'incident' })).ticket;
    const r1 = (await create(admin, { type: 'service_request' })).ticket;
    const i2 = (await create(admin, { type: 'incident' })).ticket;
    const r2 = (await create(admin, { type: 'service_request' })).ticket;
    assert.match(i1.number, /^INC-\d{6}$/);
    assert.match(r1.number, /^REQ-\d{6}$/);
    assert.equal(r1.type, 'service_request');
    const n = (s) => Number(s.slice(4));
    assert.equal(n(i2.number), n(i1.number) + 1, 'a service request does not use an incident number');
    assert.equal(n(r2.number), n(r1.number) + 1, 'an incident does not use a service request number');
  });

  it('derives the priority from impact x urgency with the default matrix', async () => {
    const dir = assertResult(await admin.call('directory.get'));
    assert.deepEqual(dir.priorityMatrix, DEFAULT_MATRIX, 'a fresh site has the default matrix');
    for (const impact of ['high', 'medium', 'low']) {
      for (const urgency of ['high', 'medium', 'low']) {
        const t = (await create(admin, { impact, urgency })).ticket;
        assert.equal(t.impact, impact);
        assert.equal(t.urgency, urgency);
        assert.equal(t.priority, DEFAULT_MATRIX[impact][urgency], `${impact} x ${urgency}`);
      }
    }
  });

  it('keeps the channel given', async () => {
    for (const channel of ['email', 'portal', 'phone', 'chat', 'console']) {
      assert.equal((await create(admin, { channel })).ticket.channel, channel);
    }
  });

  it('makes the description the first article (a reply authored by the calling agent)', async () => {
    const description = 'No conecta desde esta mañana.\n\n* paso 1\n* paso 2';
    const r = await create(admin, { description });
    assert.equal(r.articles.length, 1);
    const a = r.articles[0];
    assert.ok(Number.isInteger(a.id) && a.id > 0);
    assert.equal(a.ticketId, r.ticket.id);
    assert.equal(a.kind, 'reply');
    assert.equal(a.body, description);
    assert.equal(a.authorAgentId, admin.agent.id);
    assert.equal(a.authorCustomerId, null);
    assertInstant(a.createdAt, 'article createdAt');
    const g = await getTicket(admin, r.ticket.id);
    assert.deepEqual(g.articles, r.articles);
    assert.deepEqual(g.ticket, r.ticket);
  });

  it('answers an empty or too long subject with validation_failed (field subject); 250 characters are fine', async () => {
    for (const subject of ['', 'x'.repeat(251)]) {
      const err = assertError(await admin.call('tickets.create', { type: 'incident', subject, opId: opId() }), 'validation_failed');
      assert.equal(err.data.field, 'subject');
    }
    const t = (await create(admin, { subject: 's'.repeat(250) })).ticket;
    assert.equal(t.subject.length, 250);
  });

  it('accepts a description of 262,144 characters and refuses 262,145 with validation_failed (field description)', async () => {
    const ok = await create(admin, { description: 'd'.repeat(262144) });
    assert.equal(ok.articles[0].body.length, 262144);
    const err = assertError(await admin.call('tickets.create',
      { type: 'incident', subject: 'x', description: 'd'.repeat(262145), opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'description');
  });

  it('answers an unknown group, category, customer or a non-member assignee with validation_failed naming the field', async () => {
    for (const [field, value] of [['groupId', 987654], ['categoryId', 987654], ['customerId', 987654], ['assigneeId', 987654]]) {
      const res = await admin.call('tickets.create', { type: 'incident', subject: 'x', opId: opId(), [field]: value });
      const err = assertError(res, 'validation_failed');
      assert.equal(err.data.field, field);
    }
  });

  it('answers a missing type or subject, or a wrongly typed parameter, with invalid_params naming it', async () => {
    let err = assertError(await admin.call('tickets.create', { subject: 'x', opId: opId() }), 'invalid_params');
    assert.equal(err.data.param, 'type');
    err = assertError(await admin.call('tickets.create', { type: 'incident', opId: opId() }), 'invalid_params');
    assert.equal(err.data.param, 'subject');
    err = assertError(await admin.call('tickets.create', { type: 'incident', subject: 42, opId: opId() }), 'invalid_params');
    assert.equal(err.data.param, 'subject');
    err = assertError(await admin.call('tickets.create', { type: 'incident', subject: 'x', groupId: 'one', opId: opId() }), 'invalid_params');
    assert.equal(err.data.param, 'groupId');
  });

  it('refuses a type, impact or urgency outside the documented values', async () => {
    for (const extra of [{ type: 'problem' }, { impact: 'huge' }, { urgency: 'yesterday' }, { channel: 'pigeon' }]) {
      const res = await admin.call('tickets.create', { type: 'incident', subject: 'x', opId: opId(), ...extra });
      assert.ok(res.error, `expected an error for ${JSON.stringify(extra)}`);
      // docs: ambiguous whether an unknown enum value is invalid_params or validation_failed.
      assert.ok(['invalid_params', 'validation_failed'].includes(res.error.data.name), JSON.stringify(res.error));
    }
  });

  it('applies an opId once: a replay returns the same ticket and creates nothing new', async () => {
    const word = uniqueWord();
    const params = { type: 'incident', subject: `Replay ${word}`, description: `first ${word}`, opId: opId() };
    const first = assertResult(await admin.call('tickets.create', params));
    const second = assertResult(await admin.call('tickets.create', params));
    assert.deepEqual(second, first);
    // Even from another connection of the same agent (a console resending after a lost connection).
    const other = await login();
    const third = assertResult(await other.call('tickets.create', params));
    assert.equal(third.ticket.id, first.ticket.id);
    const q = await query(admin, { text: word });
    assert.equal(q.total, 1, 'one ticket with that word');
    assert.deepEqual(ids(q.tickets), [first.ticket.id]);
  });

  it('answers an opId reused for another method with validation_failed', async () => {
    const id = opId();
    const t = (await create(admin, { opId: id })).ticket;
    const res = await admin.call('tickets.update', { id: t.id, baseVersion: 1, opId: id, fields: { subject: 'changed' } });
    assertError(res, 'validation_failed');
    assert.equal((await getTicket(admin, t.id)).ticket.version, 1, 'nothing changed');
  });

  it('refuses an opId longer than 64 characters; accepts 64', async () => {
    for (const bad of ['x'.repeat(65)]) {
      const res = await admin.call('tickets.create', { type: 'incident', subject: 'x', opId: bad });
      assert.ok(res.error, `expected an error for opId of length ${bad.length}`);
      // docs: ambiguous whether this is invalid_params or validation_failed.
      assert.ok(['invalid_params', 'validation_failed'].includes(res.error.data.name), JSON.stringify(res.error));
    }
    await create(admin, { opId: 'o'.repeat(64) });
  });

  it('refuses an empty opId (opId is 1-64 characters)', async () => {
    const res = await admin.call('tickets.create', { type: 'incident', subject: 'x', opId: '' });
    assert.ok(res.error, 'expected an error for an empty opId');
    // docs: ambiguous whether this is invalid_params or validation_failed.
    assert.ok(['invalid_params', 'validation_failed'].includes(res.error.data.name), JSON.stringify(res.error));
  });
});

// ---------------------------------------------------------------------------
describe('tickets.update', { timeout: 30000 }, () => {
  const ALLOWED = {
    new: ['assigned', 'in_progress', 'pending_customer', 'pending_third_party', 'resolved'],
    assigned: ['new', 'in_progress', 'pending_customer', 'pending_third_party', 'resolved'],
    in_progress: ['assigned', 'pending_customer', 'pending_third_party', 'resolved'],
    pending_customer: ['in_progress', 'pending_third_party', 'resolved'],
    pending_third_party: ['in_progress', 'pending_customer', 'resolved'],
    resolved: ['in_progress', 'closed'],
    closed: [],
  };
  const STATUSES = Object.keys(ALLOWED);

  /** A fresh ticket brought to `status` along allowed transitions. */
  async function ticketIn(status) {
    let t = (await create(admin)).ticket;
    const path = { new: [], closed: ['resolved', 'closed'] }[status] || [status];
    for (const s of path) t = await updateOk(admin, t, { status: s });
    assert.equal(t.status, status);
    return t;
  }

  it('walks the lifecycle: every change increments version; reopen counts and clears resolvedAt; close sets closedAt', async () => {
    let t = (await create(admin)).ticket;
    const steps = ['in_progress', 'pending_customer', 'pending_third_party', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed'];
    let version = 1;
    for (const status of steps) {
      const prev = t;
      const r = assertResult(await update(admin, t, { status }));
      t = r.ticket;
      version += 1;
      assert.deepEqual(r.conflicts, []);
      assert.equal(t.status, status);
      assert.equal(t.version, version);
      assert.ok(Date.parse(t.updatedAt) >= Date.parse(prev.updatedAt), 'updatedAt moves on');
      if (status === 'in_progress' && prev.status === 'new') assert.equal(t.assigneeId, admin.agent.id, 'the caller becomes the assignee');
      if (status === 'resolved') assertInstant(t.resolvedAt, 'resolvedAt');
      if (status === 'in_progress' && prev.status === 'resolved') {
        assert.equal(t.resolvedAt, null, 'a reopen clears resolvedAt');
        assert.equal(t.reopenCount, prev.reopenCount + 1, 'a reopen counts');
      }
      if (status === 'closed') assertInstant(t.closedAt, 'closedAt');
    }
    assert.equal(t.reopenCount, 1);
    const g = await getTicket(admin, t.id);
    assert.deepEqual(g.ticket, t);
  });

  it('allows exactly the status changes of the lifecycle table; others give invalid_transition with data.from and data.to', async () => {
    for (const from of STATUSES) {
      if (from === 'closed') continue; // closed tickets are read-only: tested separately
      for (const to of STATUSES) {
        if (to === from) continue;
        const t = await ticketIn(from);
        const res = await update(admin, t, { status: to });
        if (ALLOWED[from].includes(to)) {
          const r = assertResult(res);
          assert.equal(r.ticket.status, to, `${from} -> ${to} is allowed`);
          assert.equal(r.ticket.version, t.version + 1);
        } else {
          const err = assertError(res, 'invalid_transition');
          assert.equal(err.data.from, from, `${from} -> ${to}: data.from`);
          assert.equal(err.data.to, to, `${from} -> ${to}: data.to`);
          assert.equal((await getTicket(admin, t.id)).ticket.version, t.version, 'nothing changed');
        }
      }
    }
  });

  it('answers any change of a closed ticket with validation_failed', async () => {
    const t = await ticketIn('closed');
    for (const fields of [{ status: 'in_progress' }, { subject: 'edit after close' }, { impact: 'high' }]) {
      assertError(await update(admin, t, fields), 'validation_failed');
    }
    assert.equal((await getTicket(admin, t.id)).ticket.version, t.version);
  });

  it('adds an event article with data.changes for a status change', async () => {
    const t = (await create(admin)).ticket;
    await updateOk(admin, t, { status: 'in_progress' });
    const g = await getTicket(admin, t.id);
    const events = g.articles.filter((a) => a.kind === 'event');
    assert.equal(events.length, 1);
    const e = events[0];
    assert.equal(e.ticketId, t.id);
    assert.equal(typeof e.body, 'string');
    assert.ok(e.body.length > 0);
    assert.ok(e.data && Array.isArray(e.data.changes), 'event data.changes');
    assert.ok(e.data.changes.some((c) => c.field === 'status' && c.from === 'new' && c.to === 'in_progress'),
      JSON.stringify(e.data.changes));
    assert.ok((e.authorAgentId === null) !== (e.authorCustomerId === null), 'one author is set');
  });

  it('adds an event article for a priority change (impact edited)', async () => {
    const t = (await create(admin, { impact: 'low', urgency: 'low' })).ticket;
    const u = await updateOk(admin, t, { impact: 'high' });
    assert.equal(u.priority, 'P3', 'high x low');
    const g = await getTicket(admin, t.id);
    const changes = g.articles.filter((a) => a.kind === 'event').flatMap((a) => a.data.changes);
    assert.ok(changes.some((c) => c.field === 'priority' && c.from === 'P4' && c.to === 'P3'), JSON.stringify(changes));
  });

  it('setting an assignee on a new ticket makes it assigned; removing it makes it new again', async () => {
    const t = (await create(admin)).ticket;
    const a = await updateOk(admin, t, { assigneeId: admin.agent.id });
    assert.equal(a.status, 'assigned');
    assert.equal(a.assigneeId, admin.agent.id);
    const n = await updateOk(admin, a, { assigneeId: null });
    assert.equal(n.status, 'new');
    assert.equal(n.assigneeId, null);
    // Both changes of assignee are in the conversation as events.
    const changes = (await getTicket(admin, t.id)).articles.filter((x) => x.kind === 'event').flatMap((x) => x.data.changes);
    assert.ok(changes.some((c) => c.field === 'assigneeId' && c.from === null && c.to === admin.agent.id), JSON.stringify(changes));
    assert.ok(changes.some((c) => c.field === 'assigneeId' && c.from === admin.agent.id && c.to === null), JSON.stringify(changes));
  });

  it('answers an assignee who is not an active member of the group with validation_failed (field assigneeId)', async () => {
    const t = (await create(admin)).ticket;
    const err = assertError(await update(admin, t, { assigneeId: 987654 }), 'validation_failed');
    assert.equal(err.data.field, 'assigneeId');
  });

  it('merges edits of different fields made by two connections from the same baseVersion', async () => {
    const other = await login();
    const t = (await create(admin, { impact: 'low', urgency: 'low' })).ticket;
    const subject = `Edited by A ${uniqueWord()}`;
    const a = assertResult(await update(admin, t, { subject }));
    assert.equal(a.ticket.version, 2);
    const b = assertResult(await update(other, t, { impact: 'high' })); // same baseVersion 1
    assert.deepEqual(b.conflicts, []);
    assert.equal(b.ticket.version, 3);
    assert.equal(b.ticket.subject, subject);
    assert.equal(b.ticket.impact, 'high');
    assert.equal(b.ticket.priority, 'P3');
    assert.deepEqual((await getTicket(admin, t.id)).ticket, b.ticket);
  });

  it('never counts an agent\'s own earlier change as a conflict (two connections of one agent, same field)', async () => {
    // Conflicts between two agents need a second agent: see demo.test.js.
    const other = await login(); // the same agent on another connection (a console replaying offline edits)
    const t = (await create(admin)).ticket;
    await updateOk(admin, t, { subject: 'first edit' });
    const r = assertResult(await update(other, t, { subject: 'second edit', urgency: 'high' })); // baseVersion 1 again
    assert.deepEqual(r.conflicts, []);
    assert.equal(r.ticket.subject, 'second edit');
    assert.equal(r.ticket.urgency, 'high');
    assert.equal(r.ticket.version, 3);
  });

  it('answers a baseVersion newer than the ticket with validation_failed', async () => {
    const t = (await create(admin)).ticket;
    assertError(await admin.call('tickets.update',
      { id: t.id, baseVersion: 5, opId: opId(), fields: { subject: 'x' } }), 'validation_failed');
    // docs: "data: field" — baseVersion is not a ticket field, so data.field is not required here.
    assert.equal((await getTicket(admin, t.id)).ticket.version, 1);
  });

  it('answers a field that cannot be changed, or an unknown one, with invalid_params', async () => {
    const t = (await create(admin)).ticket;
    for (const fields of [{ priority: 'P1' }, { number: 'INC-999999' }, { version: 7 }, { colour: 'red' }, { createdBy: 1 }]) {
      assertError(await update(admin, t, fields), 'invalid_params');
    }
    assert.equal((await getTicket(admin, t.id)).ticket.version, 1);
  });

  it('answers a field value of the wrong type with invalid_params, and a bad value with validation_failed', async () => {
    const t = (await create(admin)).ticket;
    assertError(await update(admin, t, { subject: 17 }), 'invalid_params');
    assertError(await update(admin, t, { impact: 3 }), 'invalid_params');
    assertError(await update(admin, t, { groupId: 'Service Desk' }), 'invalid_params');
    let err = assertError(await update(admin, t, { subject: '' }), 'validation_failed');
    assert.equal(err.data.field, 'subject');
    err = assertError(await update(admin, t, { groupId: 987654 }), 'validation_failed');
    assert.equal(err.data.field, 'groupId');
    for (const kbArticleIds of ['1,2', 5, null, [0], [-1], ['1'], [1.5], { id: 1 }]) {
      assertError(await update(admin, t, { kbArticleIds }), 'invalid_params');
    }
    err = assertError(await update(admin, t, { kbArticleIds: [987654] }), 'validation_failed'); // no such KB article
    assert.equal(err.data.field, 'kbArticleIds');
    assert.deepEqual((await getTicket(admin, t.id)).ticket.kbArticleIds, []);
  });

  it('requires opId, id, baseVersion and fields (invalid_params naming the parameter)', async () => {
    const t = (await create(admin)).ticket;
    const full = { id: t.id, baseVersion: 1, opId: opId(), fields: { subject: 'x' } };
    for (const p of ['opId', 'id', 'baseVersion', 'fields']) {
      const params = { ...full };
      delete params[p];
      const err = assertError(await admin.call('tickets.update', params), 'invalid_params');
      assert.equal(err.data.param, p);
    }
    assert.equal((await getTicket(admin, t.id)).ticket.version, 1);
  });

  it('answers an update of a ticket that does not exist with not_found', async () => {
    assertError(await admin.call('tickets.update', { id: 987654, baseVersion: 1, opId: opId(), fields: { subject: 'x' } }), 'not_found');
  });

  it('applies an opId once: a replayed update gives the same result and changes nothing more', async () => {
    const t = (await create(admin)).ticket;
    const params = { id: t.id, baseVersion: 1, opId: opId(), fields: { status: 'in_progress' } };
    const first = assertResult(await admin.call('tickets.update', params));
    const second = assertResult(await admin.call('tickets.update', params));
    assert.deepEqual(second, first);
    const g = await getTicket(admin, t.id);
    assert.equal(g.ticket.version, 2);
    assert.equal(g.articles.filter((a) => a.kind === 'event').length, 1);
  });

  it('answers a replayed opId whose first answer was an error with the same error, even when it would now succeed', async () => {
    const t = (await create(admin)).ticket;
    const params = { id: t.id, baseVersion: 1, opId: opId(), fields: { status: 'closed' } };
    const first = assertError(await admin.call('tickets.update', params), 'invalid_transition');
    const resolved = await updateOk(admin, t, { status: 'resolved' }); // now resolved -> closed is allowed
    const again = await admin.call('tickets.update', params);
    assert.deepEqual(again.error, first);
    assert.equal((await getTicket(admin, t.id)).ticket.status, resolved.status, 'still resolved');
  });
});

// ---------------------------------------------------------------------------
describe('tickets.addArticle', { timeout: 30000 }, () => {
  it('adds a note without setting firstResponseAt; the first reply sets it; later replies keep it', async () => {
    const t = (await create(admin)).ticket;
    const n = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: 'internal *note*', opId: opId() }));
    assert.equal(n.article.kind, 'note');
    assert.equal(n.article.body, 'internal *note*');
    assert.equal(n.article.ticketId, t.id);
    assert.equal(n.article.authorAgentId, admin.agent.id);
    assert.equal(n.article.authorCustomerId, null);
    assertInstant(n.article.createdAt, 'article createdAt');
    assert.equal(n.ticket.firstResponseAt, null, 'a note is not a response');
    assert.equal(n.ticket.version, t.version + 1, 'version moves on');
    assert.ok(Date.parse(n.ticket.updatedAt) >= Date.parse(t.updatedAt));

    const r = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'reply', body: 'Hello, we are on it.', opId: opId() }));
    assert.equal(r.article.kind, 'reply');
    assertInstant(r.ticket.firstResponseAt, 'firstResponseAt');
    assert.equal(r.ticket.version, t.version + 2);

    const r2 = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'reply', body: 'Second reply', opId: opId() }));
    assert.equal(r2.ticket.firstResponseAt, r.ticket.firstResponseAt, 'only the first reply sets it');

    const g = await getTicket(admin, t.id);
    assert.deepEqual(g.articles.map((a) => a.id), [n.article.id, r.article.id, r2.article.id], 'oldest first');
    assert.deepEqual(g.articles[0], n.article);
  });

  it('answers kind "event" with invalid_params: only the server writes events', async () => {
    const t = (await create(admin)).ticket;
    assertError(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'event', body: 'fake event', opId: opId() }), 'invalid_params');
    assert.deepEqual((await getTicket(admin, t.id)).articles, []);
  });

  it('answers an empty body with validation_failed (field body)', async () => {
    const t = (await create(admin)).ticket;
    const err = assertError(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: '', opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'body');
  });

  it('accepts a body of 262,144 characters and refuses 262,145 with validation_failed', async () => {
    const t = (await create(admin)).ticket;
    const ok = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: 'b'.repeat(262144), opId: opId() }));
    assert.equal(ok.article.body.length, 262144);
    const err = assertError(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: 'b'.repeat(262145), opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'body');
  });

  it('answers an article on a closed ticket with validation_failed', async () => {
    let t = (await create(admin)).ticket;
    t = await updateOk(admin, t, { status: 'resolved' });
    t = await updateOk(admin, t, { status: 'closed' });
    assertError(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'reply', body: 'too late', opId: opId() }), 'validation_failed');
  });

  it('answers an article on a missing ticket with not_found', async () => {
    assertError(await admin.call('tickets.addArticle', { ticketId: 987654, kind: 'note', body: 'x', opId: opId() }), 'not_found');
  });

  it('answers missing or wrongly typed parameters with invalid_params', async () => {
    const t = (await create(admin)).ticket;
    assertError(await admin.call('tickets.addArticle', { kind: 'note', body: 'x', opId: opId() }), 'invalid_params');
    assertError(await admin.call('tickets.addArticle', { ticketId: t.id, body: 'x', opId: opId() }), 'invalid_params');
    assertError(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', opId: opId() }), 'invalid_params');
    assertError(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: ['x'], opId: opId() }), 'invalid_params');
  });

  it('applies an opId once: a replayed article is not added twice', async () => {
    const t = (await create(admin)).ticket;
    const params = { ticketId: t.id, kind: 'reply', body: 'only once', opId: opId() };
    const first = assertResult(await admin.call('tickets.addArticle', params));
    const second = assertResult(await admin.call('tickets.addArticle', params));
    assert.deepEqual(second, first);
    const g = await getTicket(admin, t.id);
    assert.equal(g.articles.length, 1);
    assert.equal(g.ticket.version, 2);
  });
});

// ---------------------------------------------------------------------------
describe('ticket cc, mail.message, mail.retry, articles.move', { timeout: 30000 }, () => {
  async function note(c, ticket, body = 'a note') {
    return assertResult(await c.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body, opId: opId() })).article;
  }

  it('gives every ticket a cc list, [] at first; tickets.update sets it lower case and adds an event with the lists', async () => {
    const t = (await create(admin, { description: 'first' })).ticket;
    assert.deepEqual(t.cc, []);
    const r = assertResult(await update(admin, t, { cc: ['Jefa@Example.COM', 'it@example.com'] }));
    assert.deepEqual(r.ticket.cc, ['jefa@example.com', 'it@example.com']);
    assert.equal(r.ticket.version, 2);
    const g = await getTicket(admin, t.id);
    const ev = g.articles.filter((a) => a.kind === 'event').pop();
    assert.deepEqual(ev.data.changes, [{ field: 'cc', from: [], to: ['jefa@example.com', 'it@example.com'] }]);
    // A list that changes nothing changes nothing.
    const same = assertResult(await update(admin, r.ticket, { cc: ['it@example.com', 'jefa@example.com'] }));
    assert.equal(same.ticket.version, 2);
  });

  it('merges cc like kbArticleIds: an edit from an older version builds on the same agent\'s later edits and never conflicts', async () => {
    const t = (await create(admin)).ticket;
    const other = await login(); // the same agent on another console
    const first = await updateOk(other, t, { cc: ['a@example.com', 'b@example.com'] });
    // From version 1, which did not hold that edit: the list it saw is [a, b] (its own change),
    // so leaving a out removes it and c is added.
    const r = assertResult(await update(admin, t, { cc: ['b@example.com', 'c@example.com'] }));
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.ticket.cc, ['b@example.com', 'c@example.com']);
    assert.equal(r.ticket.version, first.version + 1);
  });

  it('refuses a cc that is no list (invalid_params) or holds a bad address or more than 50 (validation_failed, field cc), keeping nothing', async () => {
    const t = (await create(admin)).ticket;
    for (const cc of ['a@example.com', 5, null, [7], { a: 1 }]) {
      assertError(await update(admin, t, { cc }), 'invalid_params');
    }
    for (const cc of [['ok@example.com', 'not an address'], ['@example.com'], ['a@b'], Array.from({ length: 51 }, (_, i) => `p${i}@example.com`)]) {
      const err = assertError(await update(admin, t, { cc }), 'validation_failed');
      assert.equal(err.data.field, 'cc');
    }
    const g = await getTicket(admin, t.id);
    assert.deepEqual(g.ticket.cc, []);
    assert.equal(g.ticket.version, 1);
    const fifty = Array.from({ length: 50 }, (_, i) => `p${i}@example.com`);
    assert.equal(assertResult(await update(admin, t, { cc: fifty })).ticket.cc.length, 50);
  });

  it('mail.message answers not_found for an article that is no mail, and for one that does not exist', async () => {
    const t = (await create(admin, { description: 'typed in by an agent' })).ticket;
    const n = await note(admin, t);
    assert.equal(n.mail, undefined, 'an article that is no mail carries no mail object');
    assertError(await admin.call('mail.message', { articleId: n.id }), 'not_found');
    assertError(await admin.call('mail.message', { articleId: 987654 }), 'not_found');
    assertError(await admin.call('mail.message', {}), 'invalid_params');
  });

  it('mail.retry answers validation_failed (field articleId) for an article that was not sent by mail, not_found for none', async () => {
    const t = (await create(admin)).ticket;
    const n = await note(admin, t);
    const err = assertError(await admin.call('mail.retry', { articleId: n.id, opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'articleId');
    assertError(await admin.call('mail.retry', { articleId: 987654 }), 'not_found');
  });

  it('articles.move moves a note to another ticket: both versions move, both get an articleMoved event, the note keeps its id', async () => {
    const from = (await create(admin, { description: 'the description' })).ticket;
    const to = (await create(admin, { description: 'another' })).ticket;
    const n = await note(admin, from, 'this belongs elsewhere');
    const fromNow = (await getTicket(admin, from.id)).ticket;
    const r = assertResult(await admin.call('articles.move', { articleId: n.id, toTicketId: to.id, opId: opId() }));
    assert.equal(r.article.id, n.id);
    assert.equal(r.article.ticketId, to.id);
    assert.equal(r.article.body, 'this belongs elsewhere');
    assert.equal(r.from.id, from.id);
    assert.equal(r.from.version, fromNow.version + 1);
    assert.equal(r.to.version, to.version + 1);
    const here = await getTicket(admin, from.id);
    const there = await getTicket(admin, to.id);
    assert.ok(!here.articles.some((a) => a.id === n.id));
    assert.ok(there.articles.some((a) => a.id === n.id));
    for (const g of [here, there]) {
      const ev = g.articles.filter((a) => a.kind === 'event').pop();
      assert.equal(ev.data.event, 'articleMoved');
      assert.equal(ev.data.articleId, n.id);
      assert.equal(ev.data.fromTicketId, from.id);
      assert.equal(ev.data.toTicketId, to.id);
      assert.equal(ev.data.toNumber, to.number);
    }
  });

  it('articles.move without toTicketId opens a new ticket in the same group with the old subject', async () => {
    const from = (await create(admin, { description: 'the description' })).ticket;
    const n = await note(admin, from);
    const r = assertResult(await admin.call('articles.move', { articleId: n.id, opId: opId() }));
    assert.notEqual(r.to.id, from.id);
    assert.equal(r.to.groupId, from.groupId);
    assert.equal(r.to.subject, from.subject);
    assert.equal(r.article.ticketId, r.to.id);
  });

  it('articles.move refuses a description or an event (validation_failed, field articleId), a closed target, and needs an opId', async () => {
    const from = (await create(admin, { description: 'the description' })).ticket;
    const g = await getTicket(admin, from.id);
    let err = assertError(await admin.call('articles.move', { articleId: g.articles[0].id, opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'articleId');
    const changed = await updateOk(admin, from, { impact: 'high' });
    const ev = (await getTicket(admin, from.id)).articles.filter((a) => a.kind === 'event').pop();
    err = assertError(await admin.call('articles.move', { articleId: ev.id, opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'articleId');
    const n = await note(admin, changed);
    let closed = (await create(admin)).ticket;
    closed = await updateOk(admin, closed, { status: 'resolved' });
    closed = await updateOk(admin, closed, { status: 'closed' });
    err = assertError(await admin.call('articles.move', { articleId: n.id, toTicketId: closed.id, opId: opId() }), 'validation_failed');
    assert.equal(err.data.field, 'toTicketId');
    assertError(await admin.call('articles.move', { articleId: n.id, toTicketId: 987654, opId: opId() }), 'not_found');
    err = assertError(await admin.call('articles.move', { articleId: n.id }), 'invalid_params');
    assert.equal(err.data.param, 'opId');
    assert.equal((await getTicket(admin, from.id)).articles.filter((a) => a.id === n.id).length, 1, 'nothing moved');
  });
});

// ---------------------------------------------------------------------------
describe('tickets.get', { timeout: 30000 }, () => {
  it('returns the ticket and its articles, oldest first', async () => {
    const r = await create(admin, { description: 'first' });
    let t = r.ticket;
    t = await updateOk(admin, t, { status: 'in_progress' });
    await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: 'third', opId: opId() });
    const g = await getTicket(admin, t.id);
    assert.equal(g.ticket.id, t.id);
    assert.deepEqual(g.articles.map((a) => a.kind), ['reply', 'event', 'note']);
    for (let i = 1; i < g.articles.length; i++) {
      assert.ok(g.articles[i].createdAt >= g.articles[i - 1].createdAt, 'oldest first');
    }
  });

  it('answers a ticket that does not exist with not_found', async () => {
    assertError(await admin.call('tickets.get', { id: 987654 }), 'not_found');
  });

  it('answers a missing or non-numeric id with invalid_params (data.param id)', async () => {
    let err = assertError(await admin.call('tickets.get', {}), 'invalid_params');
    assert.equal(err.data.param, 'id');
    err = assertError(await admin.call('tickets.get', { id: 'abc' }), 'invalid_params');
    assert.equal(err.data.param, 'id');
  });

  it('finds a ticket by its number as agents type it, with the rev of its last change', async () => {
    const t = (await create(admin, { description: 'by number' })).ticket;
    const [prefix, digits] = t.number.split('-');
    const typed = `${prefix.toLowerCase()}-${Number(digits)}`; // "inc-42" for INC-000042
    const byNumber = assertResult(await admin.call('tickets.get', { number: typed }));
    const byId = await getTicket(admin, t.id);
    assert.equal(byNumber.ticket.id, t.id);
    assert.deepEqual(byNumber, byId);
    assert.ok(Number.isInteger(byNumber.rev) && byNumber.rev > 0, 'rev is a revision');
    const updated = await updateOk(admin, byNumber.ticket, { status: 'in_progress' });
    const again = assertResult(await admin.call('tickets.get', { number: updated.number }));
    assert.ok(again.rev > byNumber.rev, 'a change moves rev on');
  });

  it('answers a number that names no ticket, or is no number, with not_found', async () => {
    assertError(await admin.call('tickets.get', { number: 'REQ-987654' }), 'not_found');
    assertError(await admin.call('tickets.get', { number: 'printer' }), 'not_found');
  });
});

// ---------------------------------------------------------------------------
describe('tickets.query', { timeout: 30000 }, () => {
  let word; // in the subject of the three tickets below, and nowhere else
  let t1; let t2; let t3;

  before(async () => {
    word = uniqueWord();
    t1 = (await create(admin, { subject: `Query alpha ${word}`, impact: 'high', urgency: 'high' })).ticket; // P1, new
    t2 = (await create(admin, { subject: `Query beta ${word}` })).ticket; // P3
    t3 = (await create(admin, { subject: `Query gamma ${word}`, impact: 'low', urgency: 'low' })).ticket; // P4
    t2 = await updateOk(admin, t2, { status: 'in_progress' }); // assigned to admin
    t3 = await updateOk(admin, t3, { status: 'resolved' });
  });

  it('finds tickets by a word of the subject, with total and offset', async () => {
    const r = await query(admin, { text: word });
    assert.equal(r.total, 3);
    assert.equal(r.offset, 0);
    assert.deepEqual(ids(r.tickets), ids([t1, t2, t3]));
    for (const t of r.tickets) for (const f of TICKET_FIELDS) assert.ok(f in t, `ticket has ${f}`);
  });

  it('filters by one status or a list of statuses', async () => {
    assert.deepEqual(ids((await query(admin, { text: word, status: 'new' })).tickets), [t1.id]);
    assert.deepEqual(ids((await query(admin, { text: word, status: ['new', 'in_progress'] })).tickets), ids([t1, t2]));
    const r = await query(admin, { text: word, status: ['resolved'] });
    assert.deepEqual(ids(r.tickets), [t3.id]);
    assert.equal(r.total, 1);
  });

  it('filters by one priority or a list of priorities', async () => {
    assert.deepEqual(ids((await query(admin, { text: word, priority: 'P1' })).tickets), [t1.id]);
    assert.deepEqual(ids((await query(admin, { text: word, priority: ['P3', 'P4'] })).tickets), ids([t2, t3]));
    assert.equal((await query(admin, { text: word, priority: 'P2' })).total, 0);
  });

  it('filters by assignee, and assigneeId null finds the unassigned', async () => {
    const all = [t1, t2, t3];
    const unassigned = all.filter((t) => t.assigneeId === null);
    assert.ok(unassigned.length >= 1);
    assert.deepEqual(ids((await query(admin, { text: word, assigneeId: null })).tickets), ids(unassigned));
    assert.deepEqual(ids((await query(admin, { text: word, assigneeId: admin.agent.id })).tickets),
      ids(all.filter((t) => t.assigneeId === admin.agent.id)));
  });

  it('filters by group (one or a list) and by openOnly', async () => {
    const g = t1.groupId;
    assert.equal((await query(admin, { text: word, groupId: g })).total, 3);
    assert.equal((await query(admin, { text: word, groupId: [g, 987654] })).total, 3);
    assert.equal((await query(admin, { text: word, groupId: 987654 })).total, 0);
    assert.deepEqual(ids((await query(admin, { text: word, openOnly: true })).tickets), ids([t1, t2]));
  });

  it('sorts by number ascending and descending', async () => {
    const asc = (await query(admin, { text: word, sort: 'number', order: 'asc' })).tickets.map((t) => t.id);
    const desc = (await query(admin, { text: word, sort: 'number', order: 'desc' })).tickets.map((t) => t.id);
    assert.deepEqual(asc, [t1.id, t2.id, t3.id]);
    assert.deepEqual(desc, [t3.id, t2.id, t1.id]);
  });

  it('sorts by updatedAt descending by default', async () => {
    const r = (await query(admin, { text: word })).tickets;
    for (let i = 1; i < r.length; i++) assert.ok(r[i - 1].updatedAt >= r[i].updatedAt, 'updatedAt descending');
    const asc = (await query(admin, { text: word, order: 'asc' })).tickets;
    for (let i = 1; i < asc.length; i++) assert.ok(asc[i - 1].updatedAt <= asc[i].updatedAt, 'updatedAt ascending');
  });

  it('sorts by createdAt, priority and status, order reversing the sort', async () => {
    for (const sort of ['createdAt', 'priority', 'status']) {
      const asc = (await query(admin, { text: word, sort, order: 'asc' })).tickets;
      const desc = (await query(admin, { text: word, sort, order: 'desc' })).tickets;
      assert.equal(asc.length, 3);
      assert.deepEqual(asc.map((t) => t[sort]), desc.map((t) => t[sort]).reverse(), `${sort}: asc is desc reversed`);
    }
    const byCreated = (await query(admin, { text: word, sort: 'createdAt', order: 'asc' })).tickets;
    for (let i = 1; i < 3; i++) assert.ok(byCreated[i - 1].createdAt <= byCreated[i].createdAt);
    const byPriority = (await query(admin, { text: word, sort: 'priority', order: 'asc' })).tickets.map((t) => t.priority);
    // docs: does not say whether ascending priority means P1 first; either monotonic direction is accepted.
    const sorted = [...byPriority].sort();
    assert.ok(JSON.stringify(byPriority) === JSON.stringify(sorted) || JSON.stringify(byPriority) === JSON.stringify(sorted.reverse()),
      `priority sort is monotonic: ${byPriority}`);
  });

  it('pages with offset and limit, total counting all matches', async () => {
    const r = await query(admin, { text: word, sort: 'number', order: 'asc', offset: 1, limit: 1 });
    assert.equal(r.total, 3);
    assert.equal(r.offset, 1);
    assert.deepEqual(r.tickets.map((t) => t.id), [t2.id]);
    const past = await query(admin, { text: word, offset: 10 });
    assert.deepEqual(past.tickets, []);
    assert.equal(past.total, 3);
  });

  it('accepts limit 1 to 500 and answers other limits with invalid_params (param limit)', async () => {
    assert.equal((await query(admin, { limit: 1 })).tickets.length, 1);
    assertResult(await admin.call('tickets.query', { limit: 500 }));
    for (const limit of [0, 501, -1, 1000]) {
      const err = assertError(await admin.call('tickets.query', { limit }), 'invalid_params');
      assert.equal(err.data.param, 'limit');
    }
    const err = assertError(await admin.call('tickets.query', { limit: '10' }), 'invalid_params');
    assert.equal(err.data.param, 'limit');
  });

  it('returns 50 tickets by default', async () => {
    // Make sure there are more than 50 tickets on the server.
    const have = (await query(admin, { limit: 1 })).total;
    for (let i = have; i < 55; i++) await create(admin);
    const r = await query(admin, {});
    assert.equal(r.tickets.length, 50);
    assert.ok(r.total >= 55);
  });

  it('answers wrongly typed filters with invalid_params naming the parameter', async () => {
    for (const [param, value] of [['status', 5], ['openOnly', 'yes'], ['offset', 'x'], ['text', 12], ['groupId', 'x']]) {
      const err = assertError(await admin.call('tickets.query', { [param]: value }), 'invalid_params');
      assert.equal(err.data.param, param);
    }
  });

  it('finds a ticket by its number', async () => {
    const r = await query(admin, { text: t2.number });
    assert.ok(r.tickets.some((t) => t.id === t2.id), `${t2.number} found`);
  });

  it('finds a ticket by its number written without leading zeros (INC-123 as in the docs)', async () => {
    const short = `${t2.number.slice(0, 4)}${Number(t2.number.slice(4))}`;
    const r = await query(admin, { text: short });
    assert.ok(r.tickets.some((t) => t.id === t2.id), `${short} finds ${t2.number}`);
  });

  it('ignores accents: a word without accents finds it with accents, and the other way round', async () => {
    const base = uniqueWord();
    const accented = `${base.slice(0, 4)}ó${base.slice(4)}ñé`; // e.g. zqbcó...ñé
    const plain = `${base.slice(0, 4)}o${base.slice(4)}ne`;
    const t = (await create(admin, { subject: `Configuración ${accented}` })).ticket;
    assert.deepEqual(ids((await query(admin, { text: plain })).tickets), [t.id]);
    const other = (await create(admin, { subject: `Plain ${plain}x` })).ticket;
    assert.deepEqual(ids((await query(admin, { text: `${accented}x` })).tickets), [other.id]);
  });

  it('searches descriptions and conversations, not only subjects', async () => {
    const inDescription = uniqueWord();
    const inNote = uniqueWord();
    const a = await create(admin, { description: `The screen shows ${inDescription} on start.` });
    const b = (await create(admin)).ticket;
    assertResult(await admin.call('tickets.addArticle', { ticketId: b.id, kind: 'note', body: `Caller mentioned ${inNote}.`, opId: opId() }));
    assert.deepEqual(ids((await query(admin, { text: inDescription })).tickets), [a.ticket.id]);
    assert.deepEqual(ids((await query(admin, { text: inNote })).tickets), [b.id]);
  });

  it('uses the first 16 words of the search text', async () => {
    const words = Array.from({ length: 16 }, () => uniqueWord('w'));
    const t = (await create(admin, { subject: `Sixteen ${words.slice(0, 8).join(' ')}`, description: words.slice(8).join(' ') })).ticket;
    assert.deepEqual(ids((await query(admin, { text: words.join(' ') })).tickets), [t.id]);
    // A 17th word that matches nothing is not used.
    assert.deepEqual(ids((await query(admin, { text: `${words.join(' ')} ${uniqueWord('nomatch')}` })).tickets), [t.id]);
  });

  it('matches the last word as a prefix', async () => {
    const w = uniqueWord();
    const t = (await create(admin, { subject: `Prefix test ${w}` })).ticket;
    assert.deepEqual(ids((await query(admin, { text: w.slice(0, 8) })).tickets), [t.id]);
    assert.deepEqual(ids((await query(admin, { text: `prefix ${w.slice(0, 8)}` })).tickets), [t.id]);
  });

  it('answers search text full of search-engine and SQL syntax without an error', async () => {
    const texts = ['"', '""', '*', 'a*', '-x', 'NOT', 'a OR b AND', 'NEAR(a b)', 'subject:x', '(', ')', '^a',
      "'; DROP TABLE tickets;--", '%', '_', '\\', '\u0000', '😀', '«ñ»', ' ', '', 'x'.repeat(500),
      Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')];
    for (const text of texts) {
      const r = assertResult(await admin.call('tickets.query', { text }));
      assert.ok(Array.isArray(r.tickets), `tickets for ${JSON.stringify(text).slice(0, 40)}`);
    }
  });
});

// ---------------------------------------------------------------------------
describe('sync', { timeout: 30000 }, () => {
  function assertChange(ch) {
    assert.ok(Number.isInteger(ch.rev) && ch.rev > 0, `rev in ${JSON.stringify(ch)}`);
    assert.ok(['ticket', 'article', 'customer', 'organisation', 'agent', 'group', 'category', 'kb'].includes(ch.entity),
      `entity in ${JSON.stringify(ch).slice(0, 200)}`);
    assert.ok(Number.isInteger(ch.id) && ch.id > 0, 'id');
    assert.ok(['upsert', 'hide', 'delete'].includes(ch.op), 'op');
    if (ch.op === 'upsert') {
      assert.ok(ch.data && typeof ch.data === 'object', 'upsert has data');
      assert.equal(ch.data.id, ch.id, 'data is the entity');
    }
  }

  async function pullAll(c, since, limit) {
    const pages = [];
    let rev = since;
    let cursor;
    for (let i = 0; i < 10000; i++) {
      const params = { since: rev, limit };
      if (cursor !== undefined) params.cursor = cursor;
      const r = assertResult(await c.call('sync.pull', params));
      pages.push(r);
      assert.ok(r.revision >= rev, 'revision does not go back');
      rev = r.revision;
      cursor = r.cursor;
      if (cursor !== undefined) {
        assert.equal(typeof cursor, 'string');
        assert.equal(r.more, true, 'a cursor comes with more');
      }
      if (!r.more) break;
    }
    return { pages, revision: rev };
  }

  it('pulls everything from 0 in pages until more is false, in revision order, each entity once, a page ending inside a revision giving a cursor', async () => {
    await create(admin, { description: 'two changes in one revision' });
    const { pages, revision } = await pullAll(admin, 0, 3);
    assert.ok(pages.length > 1, 'several pages');
    let last = 0;
    for (const p of pages) {
      assert.ok(Array.isArray(p.changes));
      assert.ok(p.changes.length <= 3, 'at most limit changes a page');
      assert.equal(typeof p.more, 'boolean');
      assert.ok(Number.isInteger(p.serverRevision));
      assert.ok(p.serverRevision >= p.revision, 'serverRevision is the last committed');
      for (const ch of p.changes) {
        assertChange(ch);
        assert.ok(ch.rev >= last, 'revision order');
        last = ch.rev;
        if (p.cursor === undefined) assert.ok(ch.rev <= p.revision, 'a page without a cursor completes its revisions');
        else assert.ok(ch.rev <= p.revision + 1 || ch.rev <= Number(p.cursor.split(':')[0]), 'a page with a cursor ends inside the revision after "revision"');
      }
    }
    assert.equal(pages.at(-1).more, false);
    const entities = pages.flatMap((p) => p.changes).map((c) => `${c.entity}:${c.id}`);
    assert.equal(new Set(entities).size, entities.length, 'a snapshot holds each entity once, at its last change');
    assert.ok(entities.includes(`agent:${admin.agent.id}`), 'the snapshot includes agents');
    assert.ok(entities.some((e) => e.startsWith('group:')), 'the snapshot includes groups');
    // Nothing new since the revision we hold.
    const again = assertResult(await admin.call('sync.pull', { since: revision }));
    assert.deepEqual(again.changes, []);
    assert.equal(again.more, false);
    assert.ok(again.revision >= revision);
  });

  it('gives, since a revision, the current state of what changed after it', async () => {
    const before = assertResult(await admin.call('sync.pull', { since: 0, limit: 1 })).serverRevision;
    let t = (await create(admin)).ticket;
    t = await updateOk(admin, t, { subject: `Pulled ${uniqueWord()}` });
    const { pages } = await pullAll(admin, before, 500);
    const changes = pages.flatMap((p) => p.changes);
    for (const ch of changes) assert.ok(ch.rev > before, 'only changes after since');
    const mine = changes.filter((c) => c.entity === 'ticket' && c.id === t.id);
    assert.equal(mine.length, 1, 'the ticket once');
    assert.equal(mine[0].op, 'upsert');
    assert.deepEqual(mine[0].data, t, 'its current state');
  });

  it('splits a revision larger than limit over pages: revision stays before it and the cursor goes on inside it', async () => {
    const before = assertResult(await admin.call('sync.pull', { since: 0, limit: 1 })).serverRevision;
    const r = await create(admin, { description: 'ticket and first article commit together' });
    const first = assertResult(await admin.call('sync.pull', { since: before, limit: 1 }));
    assert.equal(first.changes.length, 1);
    const rev = first.changes[0].rev;
    assert.equal(first.more, true);
    assert.equal(typeof first.cursor, 'string', 'the page ended inside its revision');
    assert.ok(first.revision < rev, 'revision is the last one the page completed');
    const second = assertResult(await admin.call('sync.pull', { since: first.revision, cursor: first.cursor, limit: 1 }));
    assert.equal(second.changes.length, 1);
    assert.equal(second.changes[0].rev, rev, 'the rest of the same revision');
    const keys = [...first.changes, ...second.changes].map((c) => `${c.entity}:${c.id}`);
    assert.ok(keys.includes(`ticket:${r.ticket.id}`) && keys.includes(`article:${r.articles[0].id}`), 'both entities of the commit, once each');
    assert.equal(second.revision, rev);
    assertError(await admin.call('sync.pull', { since: 0, cursor: 'not a cursor' }), 'invalid_params');
  });

  it('answers a since beyond the server\'s revision with a revision below it (the sign of a restored backup)', async () => {
    const now = assertResult(await admin.call('sync.pull', { since: 0, limit: 1 })).serverRevision;
    const since = now + 1000000;
    const r = assertResult(await admin.call('sync.pull', { since }));
    assert.ok(r.revision < since, `revision ${r.revision} is below since ${since}`);
    assert.ok(r.serverRevision < since);
  });

  it('answers limits outside 1-2000 with invalid_params, takes 2000, and a wrongly typed since with invalid_params', async () => {
    for (const limit of [0, 2001]) {
      const err = assertError(await admin.call('sync.pull', { since: 0, limit }), 'invalid_params');
      assert.equal(err.data.param, 'limit');
    }
    assertResult(await admin.call('sync.pull', { since: 0, limit: 2000 }));
    const err = assertError(await admin.call('sync.pull', { since: 'zero' }), 'invalid_params');
    assert.equal(err.data.param, 'since');
  });

  it('pushes sync.changed with a created ticket and its first article to another logged-in session', async () => {
    const watcher = await login();
    const pulledRev = assertResult(await watcher.call('sync.pull', { since: 0, limit: 1 })).serverRevision;
    const r = await create(admin, { description: `pushed ${uniqueWord()}` });
    const msg = await watcher.waitForChange((ch) => ch.entity === 'ticket' && ch.id === r.ticket.id);
    assert.equal(msg.jsonrpc, '2.0');
    assert.ok(!('id' in msg), 'a notification has no id');
    const { revision, changes } = msg.params;
    assert.ok(Number.isInteger(revision) && revision > pulledRev);
    for (const ch of changes) {
      assertChange(ch);
      assert.ok(ch.rev <= revision, 'revision is the highest in the batch');
    }
    const tch = changes.find((ch) => ch.entity === 'ticket' && ch.id === r.ticket.id);
    assert.equal(tch.op, 'upsert');
    assert.deepEqual(tch.data, r.ticket);
    const ach = changes.find((ch) => ch.entity === 'article' && ch.id === r.articles[0].id);
    assert.ok(ach, 'the description article is pushed too');
    assert.deepEqual(ach.data, r.articles[0]);
  });

  it('pushes updates and articles with increasing rev', async () => {
    const watcher = await login();
    const t = (await create(admin)).ticket;
    const created = await watcher.waitForChange((ch) => ch.entity === 'ticket' && ch.id === t.id);
    const u = await updateOk(admin, t, { urgency: 'high' });
    const updated = await watcher.waitForChange((ch) => ch.entity === 'ticket' && ch.id === t.id && ch.data && ch.data.version === 2);
    assert.deepEqual(updated.params.changes.find((ch) => ch.entity === 'ticket').data, u);
    const a = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: 'pushed note', opId: opId() }));
    const added = await watcher.waitForChange((ch) => ch.entity === 'article' && ch.id === a.article.id);
    assert.ok(created.params.revision < updated.params.revision);
    assert.ok(updated.params.revision < added.params.revision);
    assert.deepEqual(added.params.changes.find((ch) => ch.entity === 'article' && ch.id === a.article.id).data, a.article);
  });
});

// ---------------------------------------------------------------------------
describe('directory, knowledge base, customers', { timeout: 30000 }, () => {
  it('directory.get lists groups, agents without any password, categories and the priority matrix', async () => {
    const d = assertResult(await admin.call('directory.get'));
    assert.ok(Array.isArray(d.groups) && d.groups.length >= 1);
    assert.ok(Array.isArray(d.agents) && d.agents.length >= 1);
    assert.ok(Array.isArray(d.categories));
    for (const g of d.groups) {
      for (const f of ['id', 'name', 'tier', 'description', 'version']) assert.ok(f in g, `group has ${f}`);
      assert.ok(Number.isInteger(g.tier) && g.tier >= 0 && g.tier <= 4, 'tier 0-4');
    }
    assert.ok(d.groups.some((g) => g.name === 'Service Desk'), 'the admin\'s group "Service Desk"');
    for (const a of d.agents) assertAgentShape(a);
    assertNoSecrets(d, 'directory');
    const me = d.agents.find((a) => a.login === 'admin');
    assert.ok(me);
    assert.deepEqual(me, admin.agent);
    for (const c of d.categories) for (const f of ['id', 'name', 'parentId', 'version']) assert.ok(f in c, `category has ${f}`);
    assert.deepEqual(Object.keys(d.priorityMatrix).sort(), ['high', 'low', 'medium']);
    for (const impact of ['high', 'medium', 'low']) {
      assert.deepEqual(Object.keys(d.priorityMatrix[impact]).sort(), ['high', 'low', 'medium']);
      for (const urgency of ['high', 'medium', 'low']) assert.match(d.priorityMatrix[impact][urgency], /^P[1-4]$/);
    }
  });

  it('kb.get answers a missing article with not_found', async () => {
    assertError(await admin.call('kb.get', { id: 987654 }), 'not_found');
  });

  it('kb.search gives no results for text without letters or digits', async () => {
    for (const text of ['!!! ??? ...', '   ', '«»', '😀']) {
      const r = assertResult(await admin.call('kb.search', { text }));
      assert.deepEqual(r.results, [], `no results for ${JSON.stringify(text)}`);
    }
  });

  it('kb.search requires text and keeps limit within 1-500 (invalid_params)', async () => {
    let err = assertError(await admin.call('kb.search', {}), 'invalid_params');
    assert.equal(err.data.param, 'text');
    err = assertError(await admin.call('kb.search', { text: 'x', limit: 501 }), 'invalid_params');
    assert.equal(err.data.param, 'limit');
    err = assertError(await admin.call('kb.search', { text: 'x', limit: 0 }), 'invalid_params');
    assert.equal(err.data.param, 'limit');
  });

  it('kb.search answers search-engine and SQL syntax without an error', async () => {
    for (const text of ['"', '*', 'NEAR(a b)', 'a OR', "x'); DROP TABLE kb;--", '%_', 'title:x', '-', '😀 «ñ»']) {
      assert.ok(Array.isArray(assertResult(await admin.call('kb.search', { text })).results));
    }
  });

  it('customers.create adds a customer that every session hears of, and a repeated opId adds it once', async () => {
    const other = await login();
    const word = uniqueWord();
    const params = { name: `Caller ${word}`, email: `${word}@conformance.example`, phone: '+34 600 000 000', opId: opId() };
    const seen = other.waitForChange((c) => c.entity === 'customer' && c.data && c.data.name === params.name);
    const r = assertResult(await admin.call('customers.create', params));
    assert.equal(r.customer.name, params.name);
    assert.equal(r.customer.email, params.email);
    assert.equal(r.customer.language, 'en');
    assert.equal(r.customer.version, 1);
    const pushed = await seen;
    assert.ok(pushed);
    const again = assertResult(await admin.call('customers.create', params));
    assert.equal(again.customer.id, r.customer.id);
  });

  it('customers.create refuses another customer\'s e-mail address, naming them (validation_failed)', async () => {
    const word = uniqueWord();
    const first = assertResult(await admin.call('customers.create', { name: 'First', email: `${word}@conformance.example` }));
    const err = assertError(await admin.call('customers.create', { name: 'Second', email: `${word.toUpperCase()}@conformance.example` }), 'validation_failed');
    assert.equal(err.data.field, 'email');
    assert.equal(err.data.customerId, first.customer.id);
    assert.equal(assertError(await admin.call('customers.create', { name: '  ' }), 'validation_failed').data.field, 'name');
    assert.equal(assertError(await admin.call('customers.create', {}), 'invalid_params').data.param, 'name');
  });

  it('customers.history answers a missing customer with not_found', async () => {
    assertError(await admin.call('customers.history', { customerId: 987654 }), 'not_found');
  });

  it('customers.history keeps limit within 1-500 (invalid_params)', async () => {
    const err = assertError(await admin.call('customers.history', { customerId: 1, limit: 501 }), 'invalid_params');
    assert.equal(err.data.param, 'limit');
  });
});

// ---------------------------------------------------------------------------
describe('errors common to all methods', { timeout: 30000 }, () => {
  it('answers an unknown method with method_not_found carrying data.method', async () => {
    for (const method of ['nope', 'tickets.delete', 'Tickets.Get', 'rpc.discover']) {
      const res = await admin.call(method, {});
      const err = assertError(res, 'method_not_found', { id: res.id });
      assert.equal(err.data.method, method);
    }
  });

  it('answers wrongly typed parameters with invalid_params carrying data.param', async () => {
    const cases = [
      ['tickets.get', { id: '12' }, 'id'],
      ['tickets.get', { id: 1.5 }, 'id'],
      ['kb.get', { id: true }, 'id'],
      ['kb.search', { text: 42 }, 'text'],
      ['kb.search', { text: 'x', publicOnly: 'yes' }, 'publicOnly'],
      ['customers.history', { customerId: 'me' }, 'customerId'],
      ['tickets.query', { status: { a: 1 } }, 'status'],
      ['tickets.create', { type: 7, subject: 'x', opId: opId() }, 'type'],
      ['tickets.create', { type: 'incident', subject: 'x', opId: 7 }, 'opId'],
      ['tickets.update', { id: 1, baseVersion: 'one', opId: opId(), fields: {} }, 'baseVersion'],
      ['tickets.update', { id: 1, baseVersion: 1, opId: opId(), fields: 'subject=x' }, 'fields'],
    ];
    for (const [method, params, param] of cases) {
      const err = assertError(await admin.call(method, params), 'invalid_params');
      assert.equal(err.data.param, param, `${method} ${JSON.stringify(params)}`);
    }
  });

  it('gives every error a numeric code, an English message and data.name', async () => {
    const res = await admin.call('tickets.get', { id: 987654 });
    assert.deepEqual(Object.keys(res).sort(), ['error', 'id', 'jsonrpc']);
    assert.deepEqual(Object.keys(res.error).sort(), ['code', 'data', 'message']);
    assert.ok(res.error.message.length > 0);
  });
});

// ---------------------------------------------------------------------------
describe('text round-trips unchanged', { timeout: 30000 }, () => {
  const NASTY = "Robert'); DROP TABLE tickets;-- 😀 «ñ»";
  const BODY = [
    NASTY,
    '50% off_under\\score "double" \'single\' `back` ; -- /* comment */ OR 1=1',
    'UNION SELECT * FROM agents; \' OR \'1\'=\'1',
    'Emoji: 👩‍👩‍👧 🇪🇸 𝄞, combining: é (e + U+0301), CJK: 服务台, RTL: שלום, Ñandú, Ärger, ß',
    '<script>alert(1)</script> &amp; <mark>x</mark>',
    'tab\there, CRLF\r\nand a lone CR\rend',
  ].join('\n');

  it('keeps SQL metacharacters and emoji in subjects and descriptions', async () => {
    const r = await create(admin, { subject: NASTY, description: BODY });
    assert.equal(r.ticket.subject, NASTY);
    assert.equal(r.articles[0].body, BODY);
    const g = await getTicket(admin, r.ticket.id);
    assert.equal(g.ticket.subject, NASTY);
    assert.equal(g.articles[0].body, BODY);
    assert.ok((await query(admin, { limit: 1 })).total > 0, 'the tickets table is still there');
  });

  it('keeps them in articles and in updated subjects', async () => {
    const t = (await create(admin)).ticket;
    const a = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body: BODY, opId: opId() }));
    assert.equal(a.article.body, BODY);
    const u = await updateOk(admin, t, { subject: `${NASTY} (edited)` });
    assert.equal(u.subject, `${NASTY} (edited)`);
    const g = await getTicket(admin, t.id);
    assert.equal(g.ticket.subject, `${NASTY} (edited)`);
    assert.equal(g.articles.find((x) => x.kind === 'note').body, BODY);
  });

  it('finds a ticket when searching with such text', async () => {
    const w = uniqueWord();
    const subject = `${NASTY} ${w}`;
    const t = (await create(admin, { subject })).ticket;
    const r = await query(admin, { text: `${NASTY} ${w}` });
    assert.ok(r.tickets.some((x) => x.id === t.id && x.subject === subject), 'found with its subject unchanged');
  });

  it('keeps a NUL character and other control characters in a body ("any Unicode is fine")', async () => {
    const t = (await create(admin)).ticket;
    const body = 'before\u0000after \u0001\u001f\u007f \u2028\u2029 \uFEFF';
    const a = assertResult(await admin.call('tickets.addArticle', { ticketId: t.id, kind: 'note', body, opId: opId() }));
    assert.equal(a.article.body, body);
    assert.equal((await getTicket(admin, t.id)).articles[0].body, body);
  });
});

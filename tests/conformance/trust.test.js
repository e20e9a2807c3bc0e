'use strict';
// Conformance: sessions that really end, and the limits a client meets (docs/protocol.md:
// auth.logout, auth.ended, sessions.list, sessions.revoke, agents.password.set,
// agents.active.set, auth.local, Limits). Needs several agents, so it runs on
// `atiended demo-data` (password "demo"); failing with the reason when demo-data fails.

const { describe, before } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers.js');

const { assertError, assertResult } = h;

const demo = h.demoDesk();
const demoIt = demo.it;
let srv;
let admin;
let dir;

before(async () => {
  srv = await demo.start({ tickets: 30 });
  if (!srv.demo) return;
  admin = await demo.login('admin');
  dir = assertResult(await admin.call('directory.get'));
});

/** A demo agent (not admin, lead or agent, which other tests sign in as), one per call. */
const used = new Set(['admin', 'lead', 'agent']);
function spareAgent() {
  const a = dir.agents.find((x) => x.role === 'agent' && x.active && !used.has(x.login));
  assert.ok(a, 'demo data has a spare agent');
  used.add(a.login);
  return a;
}

/** A second connection on the same token. */
async function resumed(token) {
  const c = await h.connect(srv.url);
  demo.clients.push(c);
  assertResult(await c.call('hello', { protocol: 1 }));
  assertResult(await c.call('auth.resume', { token }));
  return c;
}

function ended(c) {
  return c.waitFor((m) => m && m.method === 'auth.ended', 5000, 'auth.ended');
}

describe('sessions', { timeout: 60000 }, () => {
  demoIt('auth.logout ends the token on every connection at once: the others hear auth.ended (logged_out) and are closed with 4001', async () => {
    const a = spareAgent();
    const first = await demo.login(a.login);
    const second = await resumed(first.token);
    assertResult(await first.call('auth.logout'));
    const note = await ended(second);
    assert.equal(note.params.reason, 'logged_out');
    assert.equal(typeof note.params.message, 'string');
    const closed = await second.waitClose(5000);
    assert.equal(closed.code, 4001);
    // The connection that logged out stays open, signed out.
    assertError(await first.call('tickets.query'), 'unauthenticated');
    const again = await h.connect(srv.url);
    demo.clients.push(again);
    assertResult(await again.call('hello', { protocol: 1 }));
    const err = assertError(await again.call('auth.resume', { token: first.token }), 'session_expired');
    assert.equal(err.data.reason, 'logged_out');
  });

  demoIt('sessions.list shows the caller\'s live sessions, this one marked current; an agent may not list another\'s', async () => {
    const a = spareAgent();
    const c = await demo.login(a.login);
    const r = assertResult(await c.call('sessions.list'));
    assert.ok(Array.isArray(r.sessions));
    const mine = r.sessions.filter((s) => s.current);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].agentId, c.agent.id);
    for (const s of r.sessions) {
      assert.ok(Number.isInteger(s.id) && s.id > 0);
      assert.equal(s.agentId, c.agent.id, 'only their own');
      assert.match(s.expiresAt, h.INSTANT);
      assert.match(s.lastSeenAt, h.INSTANT);
      assert.equal(typeof s.address, 'string');
      assert.equal(s.token, undefined, 'never the token');
    }
    assertError(await c.call('sessions.list', { agentId: admin.agent.id }), 'forbidden');
    const all = assertResult(await admin.call('sessions.list', { agentId: c.agent.id }));
    assert.ok(all.sessions.some((s) => s.id === mine[0].id));
  });

  demoIt('sessions.revoke (admin) ends a session: its connection hears auth.ended (revoked) and closes', async () => {
    const a = spareAgent();
    const c = await demo.login(a.login);
    const { sessions } = assertResult(await admin.call('sessions.list', { agentId: c.agent.id }));
    const target = sessions[0];
    const r = assertResult(await admin.call('sessions.revoke', { id: target.id }));
    assert.ok(r.endedSessions.includes(target.id));
    const note = await ended(c);
    assert.equal(note.params.reason, 'revoked');
    assert.equal((await c.waitClose(5000)).code, 4001);
    assertError(await admin.call('sessions.revoke', { id: target.id }), 'not_found');
  });

  demoIt('agents.password.set needs 12 characters, and then ends every session of the agent (password_changed)', async () => {
    const a = spareAgent();
    const c = await demo.login(a.login);
    const short = assertError(await admin.call('agents.password.set', { agentId: a.id, password: 'short' }), 'validation_failed');
    assert.equal(short.data.field, 'password');
    const agent = await demo.login('agent');
    assertError(await agent.call('agents.password.set', { agentId: a.id, password: 'a long new password' }), 'forbidden');
    assertResult(await admin.call('agents.password.set', { agentId: a.id, password: 'a long new password' }));
    const note = await ended(c);
    assert.equal(note.params.reason, 'password_changed');
    await c.waitClose(5000);
    const fresh = await h.session(srv.url, a.login, 'a long new password');
    demo.clients.push(fresh);
  });

  demoIt('agents.active.set false ends the agent\'s sessions (disabled); the agent can no longer log in', async () => {
    const a = spareAgent();
    const c = await demo.login(a.login);
    const r = assertResult(await admin.call('agents.active.set', { agentId: a.id, active: false }));
    assert.equal(r.agent.active, false);
    assert.equal((await ended(c)).params.reason, 'disabled');
    const again = await h.connect(srv.url);
    demo.clients.push(again);
    assertResult(await again.call('hello', { protocol: 1 }));
    assertError(await again.call('auth.login', { user: a.login, password: 'demo' }), 'invalid_credentials');
    assertError(await again.call('auth.resume', { token: c.token }), 'session_expired');
    assertError(await admin.call('agents.active.set', { agentId: admin.agent.id, active: false }), 'validation_failed');
    assertResult(await admin.call('agents.active.set', { agentId: a.id, active: true }));
    assertResult(await again.call('auth.login', { user: a.login, password: 'demo' }));
  });

  demoIt('auth.local refuses a token that is not the server\'s own with invalid_credentials', async () => {
    const c = await h.connect(srv.url);
    demo.clients.push(c);
    assertResult(await c.call('hello', { protocol: 1 }));
    assertError(await c.call('auth.local', { token: 'not-the-token' }), 'invalid_credentials');
    assertError(await c.call('sla.calendars.list'), 'unauthenticated');
  });
});

describe('limits', { timeout: 60000 }, () => {
  demoIt('answers a list parameter longer than 100 ids with invalid_params naming it', async () => {
    const err = assertError(await admin.call('tickets.query', { groupId: Array.from({ length: 15000 }, (_, i) => i + 1) }), 'invalid_params');
    assert.equal(err.data.param, 'groupId');
    assertResult(await admin.call('tickets.query', { groupId: Array.from({ length: 100 }, (_, i) => i + 1) }));
  });

  demoIt('answers an id longer than 128 characters with invalid_request and id null', async () => {
    const c = await h.connect(srv.url);
    demo.clients.push(c);
    c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 'i'.repeat(129), method: 'hello', params: { protocol: 1 } }));
    const res = await c.waitFor((m) => m && m.error, 5000, 'an error');
    assertError(res, 'invalid_request', { id: null });
    assertResult(await c.call('hello', { protocol: 1 }, { id: 'i'.repeat(128) }));
  });

  demoIt('closes a connection that sends a frame over maxFrameBytesBeforeLogin before signing in (1009)', async () => {
    const c = await h.connect(srv.url);
    demo.clients.push(c);
    const hello = assertResult(await c.call('hello', { protocol: 1 }));
    assert.equal(hello.maxFrameBytesBeforeLogin, 65536);
    c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'hello', params: { protocol: 1, client: 'z'.repeat(70000) } }));
    const closed = await c.waitClose(5000);
    assert.ok([1009, 1006].includes(closed.code), `close code ${closed.code}`);
  });

  demoIt('hello tells the page budget of sync.pull (maxPageBytes)', async () => {
    const c = await h.connect(srv.url);
    demo.clients.push(c);
    const hello = assertResult(await c.call('hello', { protocol: 1 }));
    assert.equal(hello.maxPageBytes, 1048576);
    assert.ok(Number.isInteger(hello.loginTimeoutMs) && hello.loginTimeoutMs > 0);
  });

  demoIt('hello tells the limits of files on tickets (fileLimits)', async () => {
    const c = await h.connect(srv.url);
    demo.clients.push(c);
    const hello = assertResult(await c.call('hello', { protocol: 1 }));
    assert.deepEqual(hello.fileLimits, { fileBytes: 26214400, filesPerMessage: 20, messageBytes: 104857600 });
  });
});

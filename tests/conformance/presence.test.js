'use strict';
// Conformance: presence (docs/protocol.md: presence.viewing, presence.typing, presence.list,
// the presence.changed notification, and the Limits). Needs several agents in different
// groups, so it runs on `atiended demo-data` (users admin, lead and agent, password "demo";
// agent is only in "Service Desk"); failing with the reason when demo-data fails.
// One test waits for a typing flag to lapse (10 s), so this file has a server of its own.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers.js');

const { opId, uniqueWord, assertError, assertResult } = h;

let srv;
let admin; let agent; // logged-in sessions for set-up
let dir;
const demo = h.demoDesk();
const { login } = demo;
const demoIt = demo.it;

before(async () => {
  srv = await demo.start({ tickets: 30 });
  if (!srv.demo) return;
  admin = await login('admin');
  agent = await login('agent');
  dir = assertResult(await admin.call('directory.get'));
});

/** A ticket in the agent's own group, which the admin sees too. */
async function sharedTicket() {
  return assertResult(await agent.call('tickets.create', {
    type: 'incident', subject: `Presence ${uniqueWord()}`, groupId: agent.agent.groupIds[0], opId: opId(),
  })).ticket;
}
/** A ticket in a group the agent is not in. */
async function hiddenTicket() {
  const g = dir.groups.find((x) => !agent.agent.groupIds.includes(x.id));
  assert.ok(g, 'demo data has a group the agent is not in');
  return assertResult(await admin.call('tickets.create', {
    type: 'incident', subject: `Presence ${uniqueWord()}`, groupId: g.id, opId: opId(),
  })).ticket;
}

function isPresence(ticketId) {
  return (m) => m && m.method === 'presence.changed' && m.params && m.params.ticketId === ticketId;
}
/** Waits for presence.changed of the ticket whose viewers satisfy pred; returns its params. */
async function heard(c, ticketId, pred, what) {
  const m = await c.waitFor((x) => isPresence(ticketId)(x) && pred(x.params.viewers), 5000,
    `presence.changed of ticket ${ticketId}: ${what}`);
  return m.params;
}
const brief = (viewers) => viewers.map((v) => `${v.agentId}${v.typing ? '+typing' : ''}`).join(',');
function exactly(...expected) {
  return (viewers) => brief(viewers) === expected.join(',');
}
function viewing(c, ticketId) { return c.call('presence.viewing', { ticketId }); }
function typing(c, ticketId, on) { return c.call('presence.typing', { ticketId, typing: on }); }

describe('presence', { timeout: 60000 }, () => {
  demoIt('presence.viewing answers the ticket\'s viewers and tells everyone who may see it, the caller included', async () => {
    const watcher = await login('admin');
    const me = await login('agent');
    const t = await sharedTicket();
    const r = assertResult(await viewing(me, t.id));
    assert.equal(r.ticketId, t.id);
    assert.deepEqual(r.viewers, [{ agentId: me.agent.id, name: me.agent.name, typing: false }]);
    for (const c of [watcher, me]) {
      const p = await heard(c, t.id, exactly(`${me.agent.id}`), 'the agent');
      assert.deepEqual(Object.keys(p).sort(), ['ticketId', 'viewers']);
      assert.deepEqual(p.viewers[0], { agentId: me.agent.id, name: me.agent.name, typing: false });
    }
    // The admin opens it too: the whole list, in agentId order, goes to both.
    assertResult(await viewing(watcher, t.id));
    const both = [me.agent.id, watcher.agent.id].sort((a, b) => a - b).map(String);
    await heard(me, t.id, exactly(...both), 'both viewers');
    await heard(watcher, t.id, exactly(...both), 'both viewers');
    // null shows no ticket.
    const none = assertResult(await viewing(watcher, null));
    assert.deepEqual(none, { ticketId: null, viewers: [] });
    await heard(me, t.id, exactly(`${me.agent.id}`), 'the admin left');
    watcher.close();
    me.close();
  });

  demoIt('a connection shows one ticket at a time: opening another leaves the first', async () => {
    const watcher = await login('admin');
    const me = await login('agent');
    const a = await sharedTicket();
    const b = await sharedTicket();
    assertResult(await viewing(me, a.id));
    await heard(watcher, a.id, exactly(`${me.agent.id}`), 'the agent on a');
    assertResult(await viewing(me, b.id));
    await heard(watcher, a.id, exactly(), 'nobody left on a');
    await heard(watcher, b.id, exactly(`${me.agent.id}`), 'the agent on b');
    const list = assertResult(await watcher.call('presence.list'));
    const mine = list.tickets.filter((x) => x.viewers.some((v) => v.agentId === me.agent.id));
    assert.deepEqual(mine.map((x) => x.ticketId), [b.id]);
    watcher.close();
    me.close();
  });

  demoIt('presence.typing shows the agent typing, then not; it also opens the ticket', async () => {
    const watcher = await login('admin');
    const me = await login('agent');
    const t = await sharedTicket();
    const r = assertResult(await typing(me, t.id, true));
    assert.equal(r.ticketId, t.id);
    assert.deepEqual(r.viewers, [{ agentId: me.agent.id, name: me.agent.name, typing: true }]);
    await heard(watcher, t.id, exactly(`${me.agent.id}+typing`), 'the agent typing');
    assertResult(await typing(me, t.id, false));
    await heard(watcher, t.id, exactly(`${me.agent.id}`), 'the agent, not typing');
    // Stopping in a ticket the connection is not typing in changes nothing.
    const other = await sharedTicket();
    const unchanged = assertResult(await typing(me, other.id, false));
    assert.deepEqual(unchanged, { ticketId: other.id, viewers: [] });
    watcher.close();
    me.close();
  });

  demoIt('lists an agent once however many connections they have on a ticket, typing if any of them is', async () => {
    const watcher = await login('admin');
    const desk = await login('agent');
    const laptop = await login('agent');
    const t = await sharedTicket();
    assertResult(await viewing(desk, t.id));
    await heard(watcher, t.id, exactly(`${desk.agent.id}`), 'the agent');
    assertResult(await typing(laptop, t.id, true));
    await heard(watcher, t.id, exactly(`${desk.agent.id}+typing`), 'the agent once, typing');
    // The typing connection closes: the agent is still there, no longer typing.
    laptop.close();
    await heard(watcher, t.id, exactly(`${desk.agent.id}`), 'the agent, not typing');
    desk.close();
    await heard(watcher, t.id, exactly(), 'nobody');
    watcher.close();
  });

  demoIt('auth.logout leaves the ticket the connection showed', async () => {
    const watcher = await login('admin');
    const me = await login('agent');
    const t = await sharedTicket();
    assertResult(await viewing(me, t.id));
    await heard(watcher, t.id, exactly(`${me.agent.id}`), 'the agent');
    assertResult(await me.call('auth.logout'));
    await heard(watcher, t.id, exactly(), 'nobody');
    assertError(await viewing(me, t.id), 'unauthenticated');
    watcher.close();
    me.close();
  });

  demoIt('presence.list gives every ticket the caller may see that someone shows, and only those', async () => {
    const me = await login('agent');
    const other = await login('admin');
    const shared = await sharedTicket();
    const hidden = await hiddenTicket();
    assertResult(await typing(other, shared.id, true));
    const second = await login('admin');
    assertResult(await viewing(second, hidden.id));

    const fresh = await login('agent');
    const mine = assertResult(await fresh.call('presence.list'));
    assert.ok(Array.isArray(mine.tickets));
    const ids = mine.tickets.map((x) => x.ticketId);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'by ticketId');
    assert.ok(!ids.includes(hidden.id), 'not a ticket the agent may not see');
    const s = mine.tickets.find((x) => x.ticketId === shared.id);
    assert.deepEqual(s.viewers, [{ agentId: other.agent.id, name: other.agent.name, typing: true }]);
    for (const x of mine.tickets) assert.ok(x.viewers.length > 0, 'only tickets someone shows');

    const all = assertResult(await (await login('admin')).call('presence.list'));
    assert.ok(all.tickets.some((x) => x.ticketId === hidden.id), 'an admin sees every ticket');
    // The agent heard nothing about the hidden ticket either.
    await viewing(me, shared.id);
    await heard(me, shared.id, (v) => v.some((x) => x.agentId === me.agent.id), 'the agent');
    assert.ok(!me.messages.some(isPresence(hidden.id)), 'no presence.changed of a ticket the agent may not see');
    for (const c of [me, other, second, fresh]) c.close();
  });

  demoIt('refuses a ticket that does not exist (not_found) or that the caller may not see (forbidden), changing nothing', async () => {
    const me = await login('agent');
    const t = await sharedTicket();
    assertResult(await viewing(me, t.id));
    const hidden = await hiddenTicket();
    assertError(await viewing(me, hidden.id), 'forbidden');
    assertError(await typing(me, hidden.id, true), 'forbidden');
    assertError(await viewing(me, 987654321), 'not_found');
    assertError(await typing(me, 987654321, true), 'not_found');
    const list = assertResult(await me.call('presence.list'));
    const where = list.tickets.filter((x) => x.viewers.some((v) => v.agentId === me.agent.id)).map((x) => x.ticketId);
    assert.deepEqual(where, [t.id], 'still showing the ticket it showed');
    me.close();
  });

  demoIt('answers wrongly typed or missing parameters with invalid_params naming them', async () => {
    const me = await login('agent');
    const t = await sharedTicket();
    for (const [method, params, param] of [
      ['presence.viewing', { ticketId: '1' }, 'ticketId'],
      ['presence.viewing', { ticketId: 1.5 }, 'ticketId'],
      ['presence.viewing', { ticketId: -1 }, 'ticketId'],
      ['presence.typing', { typing: true }, 'ticketId'],
      ['presence.typing', { ticketId: t.id }, 'typing'],
      ['presence.typing', { ticketId: t.id, typing: 'yes' }, 'typing'],
    ]) {
      const err = assertError(await me.call(method, params), 'invalid_params');
      assert.equal(err.data.param, param, `${method} ${JSON.stringify(params)}`);
    }
    me.close();
  });

  demoIt('needs a session', async () => {
    const c = await h.connect(srv.url);
    demo.clients.push(c);
    assertResult(await c.call('hello', { protocol: 1 }));
    for (const [method, params] of [['presence.viewing', { ticketId: 1 }], ['presence.typing', { ticketId: 1, typing: true }], ['presence.list', {}]]) {
      assertError(await c.call(method, params), 'unauthenticated');
    }
  });

  demoIt('a typing flag not refreshed for 10 s lapses; a refresh keeps it', { timeout: 30000 }, async () => {
    const watcher = await login('admin');
    const me = await login('agent');
    const t = await sharedTicket();
    assertResult(await typing(me, t.id, true));
    const started = performance.now();
    await heard(watcher, t.id, exactly(`${me.agent.id}+typing`), 'the agent typing');
    await h.sleep(6000);
    assertResult(await typing(me, t.id, true)); // still typing
    const refreshed = performance.now();
    const m = await watcher.waitFor((x) => isPresence(t.id)(x) && brief(x.params.viewers) === `${me.agent.id}`, 15000,
      'the typing flag to lapse');
    const lapsedAfter = performance.now() - refreshed;
    assert.ok(performance.now() - started >= 10000 + 5000, 'not before 10 s after the refresh');
    assert.ok(lapsedAfter >= 9000 && lapsedAfter <= 14000, `lapsed ${lapsedAfter} ms after the last refresh, about 10 s`);
    assert.equal(m.params.viewers[0].typing, false);
    watcher.close();
    me.close();
  });
});

'use strict';
// Conformance of what needs several groups, agents, customers, organisations and KB
// articles: a server filled by `atiended demo-data` (users admin, lead and agent, password
// "demo"; agent is only in "Service Desk"). Written from docs/protocol.md alone.
// When demo-data cannot run, every test here fails with the reason.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers.js');

const { opId, uniqueWord, assertError, assertResult, INSTANT } = h;

let srv;
let admin; let lead; let agent; // logged-in sessions
let dir; // directory.get as admin
let sd; // the group "Service Desk"
const demo = h.demoDesk();
const { login } = demo;
const demoIt = demo.it;

before(async () => {
  srv = await demo.start({ tickets: 300 });
  if (!srv.demo) return;
  admin = await login('admin');
  lead = await login('lead');
  agent = await login('agent');
  dir = assertResult(await admin.call('directory.get'));
  sd = dir.groups.find((g) => g.name === 'Service Desk');
});

function sees(session, ticket) {
  const a = session.agent;
  return a.role === 'admin' || a.groupIds.includes(ticket.groupId) || ticket.assigneeId === a.id;
}
function isOpen(t) { return t.status !== 'resolved' && t.status !== 'closed'; }
function byId(list) { return new Map(list.map((x) => [x.id, x])); }
function sortedIds(list) { return list.map((x) => x.id).sort((a, b) => a - b); }

async function allTickets(c, params = {}) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const r = assertResult(await c.call('tickets.query', { ...params, offset, limit: 500 }));
    out.push(...r.tickets);
    if (r.tickets.length < 500 || out.length >= r.total) return { tickets: out, total: r.total };
  }
}

/** Pulls from `since` until more is false; returns {changes, revision}. */
async function pullAll(c, since = 0) {
  const changes = [];
  let rev = since;
  for (;;) {
    const r = assertResult(await c.call('sync.pull', { since: rev, limit: 500 }));
    changes.push(...r.changes);
    rev = r.revision;
    if (!r.more) return { changes, revision: rev };
  }
}
function entities(changes, entity) {
  return changes.filter((c) => c.entity === entity && c.op === 'upsert').map((c) => c.data);
}

async function create(c, params = {}) {
  return assertResult(await c.call('tickets.create', {
    type: 'incident', subject: `Demo conformance ${uniqueWord()}`, opId: opId(), ...params,
  }));
}
async function updateOk(c, ticket, fields) {
  return assertResult(await c.call('tickets.update', { id: ticket.id, baseVersion: ticket.version, opId: opId(), fields })).ticket;
}

/** A group the `agent` user is not in. */
function otherGroup() {
  const g = dir.groups.find((x) => !agent.agent.groupIds.includes(x.id));
  assert.ok(g, 'demo data has a group the agent is not in');
  return g;
}

/**
 * Creates a ticket the agent never sees: by a user who is a member of a group the agent
 * is not in, in that group; failing that, by the admin directly in such a group.
 */
async function createOutOfAgentsSight(params = {}) {
  for (const s of [admin, lead]) {
    const g = s.agent.groupIds.find((id) => !agent.agent.groupIds.includes(id));
    if (g !== undefined) return create(s, { groupId: g, ...params });
  }
  return create(admin, { groupId: otherGroup().id, ...params });
}

// ---------------------------------------------------------------------------
describe('demo data', { timeout: 60000 }, () => {
  demoIt('has the demo users: agent (role agent, only in Service Desk), lead and admin', async () => {
    assert.ok(sd, 'a group named "Service Desk"');
    assert.equal(agent.agent.role, 'agent');
    assert.deepEqual(agent.agent.groupIds, [sd.id]);
    assert.equal(lead.agent.role, 'lead');
    assert.equal(admin.agent.role, 'admin');
    assert.ok(dir.groups.length > 1, 'several groups');
    assert.ok(dir.agents.length > 3, 'named agents');
  });
});

// ---------------------------------------------------------------------------
describe('who sees what', { timeout: 60000 }, () => {
  demoIt('tickets.query gives an agent and a lead only the tickets of their groups or assigned to them', async () => {
    const everything = await allTickets(admin);
    assert.equal(everything.tickets.length, everything.total);
    assert.ok(everything.tickets.some((t) => !sees(agent, t)), 'demo data has tickets the agent may not see');
    for (const s of [agent, lead]) {
      const mine = await allTickets(s);
      for (const t of mine.tickets) assert.ok(sees(s, t), `${s.agent.login} sees ${t.number} of group ${t.groupId}`);
      const expected = everything.tickets.filter((t) => sees(s, t));
      assert.equal(mine.total, expected.length, `${s.agent.login}: total counts only visible tickets`);
      assert.deepEqual(sortedIds(mine.tickets), sortedIds(expected));
    }
  });

  demoIt('sync.pull from 0 gives an agent only visible tickets and their articles, but every customer, organisation, agent, group, category and KB article', async () => {
    const all = (await pullAll(admin)).changes;
    const mine = (await pullAll(agent)).changes;
    const tickets = entities(mine, 'ticket');
    for (const t of tickets) assert.ok(sees(agent, t), `agent may see ${t.number}`);
    const visible = new Set(tickets.map((t) => t.id));
    const expected = entities(all, 'ticket').filter((t) => sees(agent, t));
    assert.deepEqual(sortedIds(tickets), sortedIds(expected));
    for (const a of entities(mine, 'article')) assert.ok(visible.has(a.ticketId), `article ${a.id} belongs to a visible ticket`);
    for (const entity of ['customer', 'organisation', 'agent', 'group', 'category', 'kb']) {
      const theirs = sortedIds(entities(all, entity));
      if (entity !== 'category') assert.ok(theirs.length > 0, `demo data has ${entity} entities`);
      assert.deepEqual(sortedIds(entities(mine, entity)), theirs, `agent gets every ${entity}`);
    }
  });

  demoIt('answers tickets.get, tickets.update and tickets.addArticle of a ticket in another group with forbidden', async () => {
    const { ticket } = await createOutOfAgentsSight();
    assertError(await agent.call('tickets.get', { id: ticket.id }), 'forbidden');
    assertError(await agent.call('tickets.update', { id: ticket.id, baseVersion: 1, opId: opId(), fields: { subject: 'x' } }), 'forbidden');
    assertError(await agent.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body: 'x', opId: opId() }), 'forbidden');
    assertError(await agent.call('tickets.get', { id: 987654 }), 'not_found'); // a ticket that does not exist
    assert.equal(assertResult(await admin.call('tickets.get', { id: ticket.id })).ticket.version, 1, 'nothing changed');
  });

  demoIt('lets an agent open tickets only in its own groups (forbidden elsewhere)', async () => {
    const err = assertError(await agent.call('tickets.create', { type: 'incident', subject: 'x', groupId: otherGroup().id, opId: opId() }), 'forbidden');
    assert.ok(err);
    const r = await create(agent, { groupId: sd.id });
    assert.equal(r.ticket.groupId, sd.id);
    const d = await create(agent);
    assert.equal(d.ticket.groupId, agent.agent.groupIds[0], 'default group: the caller\'s first group');
  });

  demoIt('does not push tickets of other groups to an agent', async () => {
    const watcher = await login('agent');
    const hidden = await createOutOfAgentsSight({ description: `hidden ${uniqueWord()}` });
    const shown = await create(admin.agent.groupIds.includes(sd.id) ? admin : agent, { groupId: sd.id });
    // Commits are pushed in order: once the later ticket arrived, the earlier one would have.
    await watcher.waitForSeenChange((ch) => ch.entity === 'ticket' && ch.id === shown.ticket.id);
    const leaked = watcher.allChanges.filter((ch) => (ch.entity === 'ticket' && ch.id === hidden.ticket.id) ||
      (ch.entity === 'article' && ch.data && ch.data.ticketId === hidden.ticket.id));
    assert.deepEqual(leaked, []);
  });

  demoIt('pushes op "hide" to an agent when the admin escalates a ticket it could see to a group it is not in', async () => {
    const watcher = await login('agent');
    const { ticket } = await create(agent, { description: 'escalate me' });
    await watcher.waitForSeenChange((ch) => ch.entity === 'ticket' && ch.id === ticket.id && ch.op === 'upsert');
    const moved = await updateOk(admin, ticket, { groupId: otherGroup().id });
    assert.equal(moved.groupId, otherGroup().id);
    const hide = await watcher.waitForSeenChange((ch) => ch.entity === 'ticket' && ch.id === ticket.id && ch.op === 'hide');
    assert.ok(Number.isInteger(hide.rev));
    assertError(await agent.call('tickets.get', { id: ticket.id }), 'forbidden');
    // No upsert of the moved ticket reaches the agent.
    assert.ok(!watcher.allChanges.some((ch) => ch.entity === 'ticket' && ch.id === ticket.id && ch.op === 'upsert' &&
      ch.data.groupId !== sd.id), 'the escalated state is not pushed');
  });

  demoIt('gives op "hide" in sync.pull for a ticket that left the agent\'s sight since the revision it holds', async () => {
    const { ticket } = await create(agent);
    const since = (await pullAll(agent)).revision;
    await updateOk(admin, ticket, { groupId: otherGroup().id });
    const { changes } = await pullAll(agent, since);
    const mine = changes.filter((ch) => ch.entity === 'ticket' && ch.id === ticket.id);
    assert.equal(mine.length, 1, `one change for the ticket: ${JSON.stringify(mine)}`);
    assert.equal(mine[0].op, 'hide');
  });

  demoIt('pushes a ticket escalated into the agent\'s group as upserts, with all its articles', async () => {
    const watcher = await login('agent');
    const r = await createOutOfAgentsSight({ description: `comes into sight ${uniqueWord()}` });
    const creator = [admin, lead].find((s) => s.agent.id === r.ticket.createdBy) || admin;
    assertResult(await creator.call('tickets.addArticle', { ticketId: r.ticket.id, kind: 'note', body: 'a note before', opId: opId() }));
    const t = assertResult(await admin.call('tickets.get', { id: r.ticket.id })).ticket;
    await updateOk(admin, t, { groupId: sd.id });
    const full = assertResult(await admin.call('tickets.get', { id: r.ticket.id }));
    const tch = await watcher.waitForSeenChange((ch) => ch.entity === 'ticket' && ch.id === t.id && ch.op === 'upsert');
    assert.deepEqual(tch.data, full.ticket);
    for (const a of full.articles) {
      const ach = await watcher.waitForSeenChange((ch) => ch.entity === 'article' && ch.id === a.id && ch.op === 'upsert',
        h.DEFAULT_TIMEOUT_MS, `article ${a.id} (${a.kind})`);
      assert.deepEqual(ach.data, a);
    }
    assert.equal(assertResult(await agent.call('tickets.get', { id: t.id })).ticket.groupId, sd.id);
  });

  demoIt('gives a ticket that came into the agent\'s sight since its revision, with all its articles, in sync.pull', async () => {
    const r = await createOutOfAgentsSight({ description: `into sight while away ${uniqueWord()}` });
    assertResult(await admin.call('tickets.addArticle', { ticketId: r.ticket.id, kind: 'note', body: 'noted', opId: opId() }));
    const since = (await pullAll(agent)).revision;
    const t = assertResult(await admin.call('tickets.get', { id: r.ticket.id })).ticket;
    await updateOk(admin, t, { groupId: sd.id });
    const full = assertResult(await admin.call('tickets.get', { id: t.id }));
    const { changes } = await pullAll(agent, since);
    const tch = changes.find((ch) => ch.entity === 'ticket' && ch.id === t.id);
    assert.ok(tch && tch.op === 'upsert', 'the ticket as an upsert');
    assert.deepEqual(tch.data, full.ticket);
    for (const a of full.articles) {
      const ach = changes.find((ch) => ch.entity === 'article' && ch.id === a.id);
      assert.ok(ach && ach.op === 'upsert', `article ${a.id} (${a.kind}) as an upsert`);
      assert.deepEqual(ach.data, a);
    }
  });

  demoIt('refuses a working status without assignee when the caller is not in the ticket\'s group (validation_failed)', async () => {
    const g = otherGroup();
    const member = dir.agents.find((a) => a.active && a.groupIds.includes(g.id));
    const { ticket } = await create(agent);
    // The agent escalates and starts work in one change: it is not in the group the ticket moves to.
    assertError(await agent.call('tickets.update',
      { id: ticket.id, baseVersion: ticket.version, opId: opId(), fields: { groupId: g.id, status: 'in_progress' } }), 'validation_failed');
    assert.equal(assertResult(await agent.call('tickets.get', { id: ticket.id })).ticket.version, 1, 'nothing changed');
    if (member) {
      const done = await updateOk(agent, ticket, { groupId: g.id, status: 'in_progress', assigneeId: member.id });
      assert.equal(done.assigneeId, member.id);
      assert.equal(done.status, 'in_progress');
    }
  });

  demoIt('lets an agent escalate a ticket it sees to any group, after which it is hidden from the agent', async () => {
    const watcher = await login('agent');
    const { ticket } = await create(agent);
    const moved = await updateOk(agent, ticket, { groupId: otherGroup().id });
    assert.equal(moved.groupId, otherGroup().id);
    await watcher.waitForSeenChange((ch) => ch.entity === 'ticket' && ch.id === ticket.id && ch.op === 'hide');
    assertError(await agent.call('tickets.get', { id: ticket.id }), 'forbidden');
  });

  demoIt('drops an assignee who is not a member of the group a ticket moves to', async () => {
    const { ticket } = await create(agent, { assigneeId: agent.agent.id });
    assert.equal(ticket.assigneeId, agent.agent.id);
    assert.equal(ticket.status, 'assigned', 'an assignee on a new ticket makes it assigned');
    const moved = await updateOk(admin, ticket, { groupId: otherGroup().id });
    assert.equal(moved.assigneeId, null);
    assert.equal(moved.status, 'new', 'removing the assignee of an assigned ticket makes it new');
  });

  demoIt('refuses an assignee who is not a member of the ticket\'s group (validation_failed, field assigneeId)', async () => {
    const { ticket } = await createOutOfAgentsSight();
    const err = assertError(await admin.call('tickets.update',
      { id: ticket.id, baseVersion: ticket.version, opId: opId(), fields: { assigneeId: agent.agent.id } }), 'validation_failed');
    assert.equal(err.data.field, 'assigneeId');
    const err2 = assertError(await agent.call('tickets.create',
      { type: 'incident', subject: 'x', opId: opId(), assigneeId: otherMember().id }), 'validation_failed');
    assert.equal(err2.data.field, 'assigneeId');
  });

  demoIt('adds event articles for a change of group, category and customer', async () => {
    const customers = entities((await pullAll(admin)).changes, 'customer');
    assert.ok(customers.length > 0, 'demo data has customers');
    const category = dir.categories[0]; // the demo data may have none: then only group and customer
    let { ticket } = await create(agent);
    ticket = await updateOk(agent, ticket, { customerId: customers[0].id, ...(category ? { categoryId: category.id } : {}) });
    assert.equal(ticket.customerId, customers[0].id);
    if (category) assert.equal(ticket.categoryId, category.id);
    ticket = await updateOk(admin, ticket, { groupId: otherGroup().id });
    const changes = assertResult(await admin.call('tickets.get', { id: ticket.id })).articles
      .filter((a) => a.kind === 'event').flatMap((a) => a.data.changes);
    const expected = [['customerId', customers[0].id], ['groupId', otherGroup().id]];
    if (category) expected.push(['categoryId', category.id]);
    for (const [field, to] of expected) {
      assert.ok(changes.some((c) => c.field === field && c.to === to), `an event for ${field}: ${JSON.stringify(changes)}`);
    }
  });

  demoIt('answers an opId reused by another agent with validation_failed', async () => {
    const id = opId();
    await create(admin, { opId: id });
    const res = await agent.call('tickets.create', { type: 'incident', subject: 'same opId, other agent', opId: id });
    assertError(res, 'validation_failed');
  });
});

/** An active agent who is not a member of Service Desk. */
function otherMember() {
  const a = dir.agents.find((x) => x.active && !x.groupIds.includes(sd.id));
  assert.ok(a, 'demo data has an active agent outside Service Desk');
  return a;
}

// ---------------------------------------------------------------------------
describe('conflicts between two agents', { timeout: 60000 }, () => {
  // "agent" and the admin both see a ticket of Service Desk; the admin writes first.
  async function ticketBoth() { return (await create(agent, { impact: 'low', urgency: 'low' })).ticket; }
  function edit(c, t, fields) { return c.call('tickets.update', { id: t.id, baseVersion: t.version, opId: opId(), fields }); }

  demoIt('merges edits of different fields by two agents from the same baseVersion', async () => {
    const t = await ticketBoth();
    const first = assertResult(await edit(admin, t, { subject: 'Edited by the admin' }));
    assert.equal(first.ticket.version, 2);
    const second = assertResult(await edit(agent, t, { impact: 'high' }));
    assert.deepEqual(second.conflicts, []);
    assert.equal(second.ticket.version, 3);
    assert.equal(second.ticket.subject, 'Edited by the admin');
    assert.equal(second.ticket.impact, 'high');
    assert.equal(second.ticket.priority, 'P3');
  });

  demoIt('answers the second agent\'s edit of the same field with version_conflict (first writer wins, both values reported)', async () => {
    const t = await ticketBoth();
    const theirs = `Theirs ${uniqueWord()}`;
    const mine = `Mine ${uniqueWord()}`;
    const first = assertResult(await edit(admin, t, { subject: theirs }));
    const err = assertError(await edit(agent, t, { subject: mine }), 'version_conflict');
    assert.deepEqual(err.data.conflicts, [{ field: 'subject', yours: mine, theirs, changedInVersion: 2 }]);
    assert.deepEqual(err.data.ticket, first.ticket);
    assert.deepEqual(assertResult(await agent.call('tickets.get', { id: t.id })).ticket, first.ticket, 'nothing changed');
  });

  demoIt('applies the fields without conflict and lists the conflicting ones in the result', async () => {
    const t = await ticketBoth();
    await updateOk(admin, t, { subject: 'first writer' });
    const r = assertResult(await edit(agent, t, { subject: 'second writer', urgency: 'high' }));
    assert.equal(r.ticket.subject, 'first writer');
    assert.equal(r.ticket.urgency, 'high');
    assert.equal(r.ticket.version, 3);
    assert.deepEqual(r.conflicts, [{ field: 'subject', yours: 'second writer', theirs: 'first writer', changedInVersion: 2 }]);
  });

  demoIt('reports a conflict of status, keeping the first writer\'s value', async () => {
    const t = await ticketBoth();
    const first = await updateOk(admin, t, { status: 'pending_customer', assigneeId: agent.agent.id });
    const err = assertError(await edit(agent, t, { status: 'resolved' }), 'version_conflict');
    assert.equal(err.data.conflicts.length, 1);
    assert.equal(err.data.conflicts[0].field, 'status');
    assert.equal(err.data.conflicts[0].yours, 'resolved');
    assert.equal(err.data.conflicts[0].theirs, 'pending_customer');
    assert.equal(assertResult(await agent.call('tickets.get', { id: t.id })).ticket.status, first.status);
  });

  demoIt('does not count the same new value as a conflict', async () => {
    const t = await ticketBoth();
    await updateOk(admin, t, { urgency: 'high' });
    const r = assertResult(await edit(agent, t, { urgency: 'high' }));
    assert.deepEqual(r.conflicts, []);
    assert.equal(r.ticket.urgency, 'high');
  });

  demoIt('compares with the changes made after baseVersion only', async () => {
    const t = await ticketBoth();
    const v2 = await updateOk(admin, t, { subject: 'admin, version 2' });
    const r = assertResult(await edit(agent, v2, { subject: 'agent, based on version 2' }));
    assert.deepEqual(r.conflicts, []);
    assert.equal(r.ticket.subject, 'agent, based on version 2');
  });
});

// ---------------------------------------------------------------------------
describe('customers', { timeout: 60000 }, () => {
  let customers; let organisations; let tickets;

  async function load() {
    const { changes } = await pullAll(admin);
    customers = entities(changes, 'customer');
    organisations = byId(entities(changes, 'organisation'));
    tickets = (await allTickets(admin)).tickets;
  }

  demoIt('customers and organisations have the documented fields', async () => {
    await load();
    for (const c of customers) {
      for (const f of ['id', 'name', 'email', 'phone', 'organisationId', 'language', 'version']) assert.ok(f in c, `customer has ${f}`);
      assert.ok(['es', 'en'].includes(c.language), `language ${c.language}`);
      if (c.organisationId !== null) assert.ok(organisations.has(c.organisationId), 'organisation exists');
    }
    for (const o of organisations.values()) for (const f of ['id', 'name', 'domain', 'version']) assert.ok(f in o, `organisation has ${f}`);
  });

  demoIt('tickets.create with a customer takes the customer\'s organisation; the description is authored by the customer and is no first response', async () => {
    await load(); // fresh: earlier tests add tickets
    const customer = customers.find((c) => c.organisationId !== null);
    const r = await create(agent, { customerId: customer.id, description: 'Escribo desde el portal: ¿podéis ayudarme?' });
    assert.equal(r.ticket.customerId, customer.id);
    assert.equal(r.ticket.organisationId, customer.organisationId);
    assert.equal(r.articles[0].authorCustomerId, customer.id);
    assert.equal(r.articles[0].authorAgentId, null);
    assert.equal(r.ticket.firstResponseAt, null, 'the customer\'s own words are not a response');
    const reply = assertResult(await agent.call('tickets.addArticle', { ticketId: r.ticket.id, kind: 'reply', body: 'Claro.', opId: opId() }));
    assert.match(reply.ticket.firstResponseAt, INSTANT);
  });

  demoIt('tickets.query filters by customerId and organisationId, and text finds customer and organisation names', async () => {
    await load(); // fresh: earlier tests add tickets
    const withTickets = customers.find((c) => c.organisationId !== null && tickets.some((t) => t.customerId === c.id));
    assert.ok(withTickets, 'a customer with an organisation and tickets');
    const byCustomer = await allTickets(admin, { customerId: withTickets.id });
    assert.deepEqual(sortedIds(byCustomer.tickets), sortedIds(tickets.filter((t) => t.customerId === withTickets.id)));
    const byOrg = await allTickets(admin, { organisationId: withTickets.organisationId });
    assert.deepEqual(sortedIds(byOrg.tickets), sortedIds(tickets.filter((t) => t.organisationId === withTickets.organisationId)));
    const some = tickets.find((t) => t.customerId === withTickets.id);
    const byName = await allTickets(admin, { text: withTickets.name });
    assert.ok(byName.tickets.some((t) => t.id === some.id), `"${withTickets.name}" finds the customer's ticket ${some.number}`);
    const orgName = organisations.get(withTickets.organisationId).name;
    const byOrgName = await allTickets(admin, { text: orgName });
    assert.ok(byOrgName.tickets.some((t) => t.id === some.id), `"${orgName}" finds ${some.number}`);
  });

  demoIt('customers.history lists the customer\'s and the organisation\'s tickets from every group, with visible flags', async (t) => {
    await load(); // fresh: earlier tests add tickets
    // A customer whose organisation has other people's tickets, preferably with some the agent cannot open.
    const candidates = customers.filter((c) => c.organisationId !== null &&
      tickets.some((t) => t.customerId === c.id) &&
      tickets.some((t) => t.organisationId === c.organisationId && t.customerId !== c.id));
    assert.ok(candidates.length > 0, 'a customer with tickets whose organisation has other tickets');
    const mixed = (c) => tickets.filter((t) => t.customerId === c.id || t.organisationId === c.organisationId)
      .some((t) => !sees(agent, t));
    const customer = candidates.find(mixed) || candidates[0];
    const r = assertResult(await agent.call('customers.history', { customerId: customer.id, limit: 500 }));
    assert.equal(r.customerId, customer.id);
    assert.equal(r.organisationId, customer.organisationId);
    const own = tickets.filter((t) => t.customerId === customer.id);
    const org = tickets.filter((t) => t.organisationId === customer.organisationId && t.customerId !== customer.id);
    assert.deepEqual(sortedIds(r.tickets), sortedIds(own), 'the customer\'s tickets from every group');
    assert.deepEqual(sortedIds(r.organisationTickets), sortedIds(org), 'other people\'s tickets of the organisation');
    assert.equal(r.openTickets, own.filter(isOpen).length);
    assert.equal(r.organisationOpenTickets, org.filter(isOpen).length);
    const all = byId(tickets);
    for (const list of [r.tickets, r.organisationTickets]) {
      for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].createdAt >= list[i].createdAt, 'newest first');
      for (const s of list) {
        const full = all.get(s.id);
        for (const f of ['id', 'number', 'type', 'subject', 'status', 'priority', 'groupId', 'customerId', 'createdAt', 'resolvedAt']) {
          assert.deepEqual(s[f], full[f], `summary ${f} of ${full.number}`);
        }
        assert.equal(s.visible, sees(agent, full), `visible flag of ${full.number} (group ${full.groupId})`);
        if (!s.visible) assertError(await agent.call('tickets.get', { id: s.id }), 'forbidden');
      }
    }
    if (!mixed(customer)) t.diagnostic('no customer history mixing visible and invisible tickets in this demo data');
  });

  demoIt('customers.history lists at most 50 tickets by default and honours limit', async () => {
    await load(); // fresh: earlier tests add tickets
    const counts = new Map();
    for (const t of tickets) if (t.organisationId !== null) counts.set(t.organisationId, (counts.get(t.organisationId) || 0) + 1);
    const customer = customers.filter((c) => c.organisationId !== null)
      .sort((a, b) => (counts.get(b.organisationId) || 0) - (counts.get(a.organisationId) || 0))[0];
    const def = assertResult(await agent.call('customers.history', { customerId: customer.id }));
    assert.ok(def.tickets.length <= 50 && def.organisationTickets.length <= 50);
    const one = assertResult(await agent.call('customers.history', { customerId: customer.id, limit: 1 }));
    assert.ok(one.tickets.length <= 1 && one.organisationTickets.length <= 1);
    if (def.organisationTickets.length > 0) assert.deepEqual(one.organisationTickets[0], def.organisationTickets[0], 'newest first');
  });

  demoIt('customers.history of a customer without organisation has organisationId null and no organisation tickets', async (t) => {
    await load(); // fresh: earlier tests add tickets
    const loner = customers.find((c) => c.organisationId === null);
    assert.ok(loner, 'the demo data has a customer without an organisation');
    const r = assertResult(await agent.call('customers.history', { customerId: loner.id }));
    assert.equal(r.organisationId, null);
    assert.deepEqual(r.organisationTickets, []);
    assert.equal(r.organisationOpenTickets, 0);
  });
});

// ---------------------------------------------------------------------------
describe('knowledge base', { timeout: 60000 }, () => {
  let articles;
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

  async function load() {
    if (!articles) articles = entities((await pullAll(admin)).changes, 'kb');
    assert.ok(articles.length > 0, 'demo data has KB articles');
    return articles;
  }

  /** A word with an accent that occurs in the body of some article, and that article. */
  async function accentedWord() {
    await load();
    const counts = new Map();
    for (const a of articles) {
      for (const w of a.body.match(/[\p{L}]+/gu) || []) {
        if (w.length >= 6 && fold(w) !== w.toLowerCase()) counts.set(w, (counts.get(w) || 0) + 1);
      }
    }
    assert.ok(counts.size > 0, 'demo KB has words with accents');
    // The least common such word makes the check sharpest.
    const word = [...counts.entries()].sort((a, b) => a[1] - b[1])[0][0];
    const article = articles.find((a) => (a.body.match(/[\p{L}]+/gu) || []).includes(word));
    return { word, article };
  }

  function search(c, params) { return c.call('kb.search', { limit: 500, ...params }).then(assertResult); }

  demoIt('kb.get returns a whole KB article, to agents as well as admins', async () => {
    await load();
    const internal = articles.find((a) => a.audience === 'agent') || articles[0];
    const r = assertResult(await agent.call('kb.get', { id: internal.id }));
    const a = r.article;
    for (const f of ['id', 'title', 'body', 'categoryId', 'audience', 'keywords', 'language', 'authorId', 'createdAt', 'updatedAt', 'version']) {
      assert.ok(f in a, `KB article has ${f}`);
    }
    assert.ok(['agent', 'public'].includes(a.audience));
    assert.ok(Array.isArray(a.keywords));
    assert.match(a.createdAt, INSTANT);
    assert.deepEqual(a, internal, 'the same as in sync.pull');
  });

  demoIt('kb.search finds an accented word written without accents, with <mark> in an HTML-escaped snippet', async () => {
    const { word, article } = await accentedWord();
    const r = await search(agent, { text: fold(word) });
    assert.ok(r.results.some((x) => x.id === article.id), `"${fold(word)}" finds article ${article.id} containing "${word}"`);
    assert.equal(r.offset, 0);
    for (const x of r.results) {
      for (const f of ['id', 'title', 'snippet', 'score', 'audience', 'categoryId', 'language', 'updatedAt']) assert.ok(f in x, `result has ${f}`);
      assert.equal(typeof x.score, 'number');
      assert.ok(!/[<>]/.test(x.snippet.replace(/<\/?mark>/g, '')), `snippet is HTML-escaped: ${x.snippet}`);
    }
    const hit = r.results.find((x) => x.id === article.id);
    assert.match(hit.snippet, /<mark>[^<]+<\/mark>/, 'the matched word is marked');
    for (let i = 1; i < r.results.length; i++) assert.ok(r.results[i - 1].score <= r.results[i].score, 'best (lowest score) first');
  });

  demoIt('kb.search ignores case and matches the last word as a prefix', async () => {
    const { word, article } = await accentedWord();
    const upper = await search(agent, { text: word.toUpperCase() });
    assert.ok(upper.results.some((x) => x.id === article.id), `"${word.toUpperCase()}" finds it`);
    const prefix = fold(word).slice(0, Math.max(4, fold(word).length - 3));
    const p = await search(agent, { text: prefix });
    assert.ok(p.results.some((x) => x.id === article.id), `prefix "${prefix}" finds it`);
  });

  demoIt('kb.search with publicOnly returns only public articles', async (t) => {
    await load();
    const internal = articles.find((a) => a.audience === 'agent' && /[\p{L}]{5,}/u.test(a.title));
    assert.ok(internal, 'the demo KB has an agent-only article');
    const w = fold(internal.title.match(/[\p{L}]{5,}/u)[0]);
    const any = await search(agent, { text: w });
    assert.ok(any.results.some((x) => x.id === internal.id), `"${w}" finds the agent-only article ${internal.id}`);
    const pub = await search(agent, { text: w, publicOnly: true });
    for (const x of pub.results) assert.equal(x.audience, 'public');
    assert.ok(!pub.results.some((x) => x.id === internal.id), 'the agent-only article is left out');
  });

  demoIt('kb.search pages with offset and limit', async () => {
    const { word } = await accentedWord();
    const text = fold(word).slice(0, 3);
    const all = await search(agent, { text });
    if (all.results.length < 2) return;
    const second = assertResult(await agent.call('kb.search', { text, offset: 1, limit: 1 }));
    assert.equal(second.offset, 1);
    assert.deepEqual(second.results.map((x) => x.id), [all.results[1].id]);
    const def = assertResult(await agent.call('kb.search', { text }));
    assert.ok(def.results.length <= 20, 'default limit 20');
  });

  demoIt('kb.search ranks a hit in the title above a hit only in the body', async (t) => {
    await load();
    // A word in one article's title that another article has only in its body.
    for (const a of articles) {
      for (const w of new Set(a.title.match(/[\p{L}]{6,}/gu) || [])) {
        const fw = fold(w);
        const b = articles.find((x) => x.id !== a.id && !fold(x.title).includes(fw) &&
          !x.keywords.some((k) => fold(k).includes(fw)) && fold(x.body).includes(fw));
        if (!b) continue;
        const r = await search(agent, { text: fw });
        const ia = r.results.findIndex((x) => x.id === a.id);
        const ib = r.results.findIndex((x) => x.id === b.id);
        assert.ok(ia >= 0 && ib >= 0, `"${fw}" finds both articles`);
        assert.ok(ia < ib, `"${fw}": the title hit ${a.id} ranks above the body hit ${b.id}`);
        return;
      }
    }
    assert.fail('no word in the demo KB is in one title and only in another body');
  });

  demoIt('kb.get answers a missing article with not_found', async () => {
    assertError(await agent.call('kb.get', { id: 987654 }), 'not_found');
  });
});

// ---------------------------------------------------------------------------
describe('KB articles linked to tickets', { timeout: 60000 }, () => {
  let kb; // KB article ids of the demo data
  async function kbIds() {
    if (!kb) kb = entities((await pullAll(admin)).changes, 'kb').map((a) => a.id);
    assert.ok(kb.length > 51, 'demo data has more than 51 KB articles');
    return kb;
  }
  function link(c, t, kbArticleIds) {
    return c.call('tickets.update', { id: t.id, baseVersion: t.version, opId: opId(), fields: { kbArticleIds } });
  }

  demoIt('tickets.update sets kbArticleIds: in the ticket, in its conversation as an event with the lists, pushed to whoever sees it', async () => {
    const [a, b] = await kbIds();
    const watcher = await login('admin');
    const { ticket } = await create(agent, { groupId: sd.id });
    assert.deepEqual(ticket.kbArticleIds, []);
    const r = assertResult(await link(agent, ticket, [a]));
    assert.deepEqual(r.ticket.kbArticleIds, [a]);
    assert.equal(r.ticket.version, ticket.version + 1);
    assert.deepEqual(r.conflicts, []);
    const pushed = await watcher.waitForSeenChange((ch) => ch.entity === 'ticket' && ch.id === ticket.id && ch.data &&
      ch.data.kbArticleIds.length === 1, 5000, 'the linked ticket pushed');
    assert.deepEqual(pushed.data.kbArticleIds, [a]);
    const got = assertResult(await admin.call('tickets.get', { id: ticket.id }));
    assert.deepEqual(got.ticket.kbArticleIds, [a]);
    const event = got.articles[got.articles.length - 1];
    assert.equal(event.kind, 'event');
    assert.deepEqual(event.data.changes, [{ field: 'kbArticleIds', from: [], to: [a] }]);
    // Another one goes after it, in the order linked; leaving one out unlinks it.
    const two = assertResult(await link(agent, r.ticket, [a, b])).ticket;
    assert.deepEqual(two.kbArticleIds, [a, b]);
    const one = assertResult(await link(agent, two, [b])).ticket;
    assert.deepEqual(one.kbArticleIds, [b]);
    const found = assertResult(await agent.call('tickets.query', { text: ticket.number })).tickets;
    assert.deepEqual(found.map((t) => t.kbArticleIds), [[b]]);
  });

  demoIt('links made by two agents from the same baseVersion are both kept, with no conflict', async () => {
    const [a, b, c] = await kbIds();
    const { ticket } = await create(agent, { groupId: sd.id });
    assertResult(await link(admin, ticket, [a]));
    const second = assertResult(await link(agent, ticket, [b])); // based on the same version
    assert.deepEqual(second.conflicts, []);
    assert.deepEqual(second.ticket.kbArticleIds, [a, b]);
    // An unlink based on an older version leaves alone what it never saw.
    const seen = second.ticket;
    assertResult(await link(admin, seen, [a, b, c]));
    const unlinked = assertResult(await link(agent, seen, [a])).ticket;
    assert.deepEqual(unlinked.kbArticleIds, [a, c]);
  });

  demoIt('an id listed twice counts once, and a list that changes nothing makes no new version', async () => {
    const [a] = await kbIds();
    const { ticket } = await create(agent, { groupId: sd.id });
    const linked = assertResult(await link(agent, ticket, [a, a])).ticket;
    assert.deepEqual(linked.kbArticleIds, [a]);
    const again = assertResult(await link(admin, linked, [a])).ticket;
    assert.equal(again.version, linked.version);
  });

  demoIt('refuses an unknown KB article and more than 50 links with validation_failed naming kbArticleIds', async () => {
    const ids = await kbIds();
    const { ticket } = await create(agent, { groupId: sd.id });
    let err = assertError(await link(agent, ticket, [ids[0], 987654321]), 'validation_failed');
    assert.equal(err.data.field, 'kbArticleIds');
    err = assertError(await link(agent, ticket, ids.slice(0, 51)), 'validation_failed');
    assert.equal(err.data.field, 'kbArticleIds');
    assert.equal(assertResult(await agent.call('tickets.get', { id: ticket.id })).ticket.version, 1, 'nothing changed');
    const fifty = assertResult(await link(agent, ticket, ids.slice(0, 50))).ticket;
    assert.equal(fifty.kbArticleIds.length, 50);
  });
});

// ---------------------------------------------------------------------------
describe('canned responses with demo data', { timeout: 60000 }, () => {
  const network = () => dir.groups.find((g) => g.id !== sd.id && lead.agent.groupIds.includes(g.id));
  const definition = (extra = {}) => ({ title: `Conformance ${uniqueWord()}`, body: 'Hola {{customer.firstName}}, {{ticket.number}}.', ...extra });

  demoIt('canned.list gives the agent active responses in Spanish and English, global or of their groups', async () => {
    const { responses } = assertResult(await agent.call('canned.list'));
    for (const language of ['es', 'en']) {
      assert.ok(responses.filter((r) => r.language === language).length >= 10, `at least ten in ${language}`);
    }
    for (const r of responses) {
      assert.equal(r.active, true);
      assert.ok(r.groupId === null || agent.agent.groupIds.includes(r.groupId), 'global or of one of the agent\'s groups');
    }
    assert.deepEqual(assertResult(await agent.call('canned.list', { manageable: true })).responses, [], 'an agent may change none');
  });

  demoIt('canned.render fills one in for a ticket: no {{placeholder}} left', async () => {
    const { responses } = assertResult(await agent.call('canned.list'));
    const { tickets } = assertResult(await agent.call('tickets.query', { limit: 1 }));
    const r = assertResult(await agent.call('canned.render', { id: responses[0].id, ticketId: tickets[0].id }));
    assert.ok(!r.body.includes('{{'), r.body);
    assert.ok(r.body.length > 0);
  });

  demoIt('a lead changes and deletes the responses of a group they lead; others get forbidden; canned.changed reaches every console', async () => {
    const g = network();
    assert.ok(g, 'the lead leads a second group');
    const watcher = await login('agent');
    // Desk-wide and groups the lead is not in are for admins; agents change nothing.
    assertError(await lead.call('canned.save', { response: definition() }), 'forbidden');
    const foreign = dir.groups.find((x) => !lead.agent.groupIds.includes(x.id));
    if (foreign) assertError(await lead.call('canned.save', { response: definition({ groupId: foreign.id }) }), 'forbidden');
    assertError(await agent.call('canned.save', { response: definition({ groupId: sd.id }) }), 'forbidden');
    // Into their group: saved, listed as manageable, and every console hears canned.changed.
    const saved = assertResult(await lead.call('canned.save', { response: definition({ groupId: g.id }) })).response;
    assert.equal(saved.groupId, g.id);
    assert.equal(saved.version, 1);
    await watcher.waitFor((m) => m && m.method === 'canned.changed', 5000, 'canned.changed after a save');
    const manageable = assertResult(await lead.call('canned.list', { manageable: true })).responses;
    assert.ok(manageable.some((r) => r.id === saved.id));
    assert.ok(manageable.every((r) => r.groupId !== null && lead.agent.groupIds.includes(r.groupId)), 'only the lead\'s groups');
    // A lead may not move it to a group they do not lead, nor an agent delete it.
    if (foreign) assertError(await lead.call('canned.save', { response: { ...definition({ groupId: foreign.id }), id: saved.id } }), 'forbidden');
    assertError(await agent.call('canned.delete', { id: saved.id }), 'forbidden');
    const edited = assertResult(await lead.call('canned.save', { response: { ...definition({ groupId: g.id }), id: saved.id } })).response;
    assert.equal(edited.version, 2);
    // Deleted: the answer names it, the list no longer has it, a second delete is not_found.
    assert.deepEqual(assertResult(await lead.call('canned.delete', { id: saved.id })), { id: saved.id });
    assert.ok(!assertResult(await admin.call('canned.list')).responses.some((r) => r.id === saved.id));
    assertError(await admin.call('canned.delete', { id: saved.id }), 'not_found');
    assertError(await admin.call('canned.delete', {}), 'invalid_params');
  });
});

// ---------------------------------------------------------------------------
describe('directory with demo data', { timeout: 60000 }, () => {
  demoIt('directory.get lists every group, agent and category, never a password', async () => {
    const d = assertResult(await agent.call('directory.get'));
    assert.deepEqual(d, dir, 'every agent gets the same directory');
    const { changes } = await pullAll(admin);
    for (const [key, entity] of [['groups', 'group'], ['agents', 'agent'], ['categories', 'category']]) {
      assert.deepEqual(sortedIds(d[key]), sortedIds(entities(changes, entity)), `${key} as in sync.pull`);
    }
    const text = JSON.stringify(d);
    assert.ok(!/"[^"]*(pass|hash|salt|secret)[^"]*"\s*:/i.test(text), 'no secret field anywhere');
    const ids = new Set(d.categories.map((c) => c.id));
    for (const c of d.categories) assert.ok(c.parentId === null || ids.has(c.parentId), 'parentId is a category or null');
    for (const a of d.agents) for (const g of a.groupIds) assert.ok(d.groups.some((x) => x.id === g), 'groupIds are groups');
  });
});

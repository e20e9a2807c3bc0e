'use strict';
// Conformance of the dashboard and reports (dashboard.subscribe, dashboard.unsubscribe,
// dashboard.changed, reports.get) on a server filled by `atiended demo-data` (users admin,
// lead and agent, password "demo"). Written from docs/protocol.md alone: who may ask, the
// shape of the figures, pushes after a change in scope (never two within 200 ms), the bounds
// of a report. Skipped with the reason when demo-data cannot run.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers.js');

const { opId, assertError, assertResult, INSTANT } = h;

let srv;
let admin; let lead; let agent;
let dir;
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
});

function isRateOrNull(v) { return v === null || (typeof v === 'number' && v >= 0 && v <= 1); }
function isCount(v) { return Number.isInteger(v) && v >= 0; }
function isMsOrNull(v) { return v === null || (typeof v === 'number' && v >= 0); }

/** Checks a period-figures object as the protocol document describes it. */
function assertPeriodFigures(p, where) {
  assert.ok(isCount(p.created), `${where}.created`);
  assert.ok(isCount(p.resolved), `${where}.resolved`);
  for (const clock of ['firstResponse', 'resolution']) {
    const c = p[clock];
    assert.ok(c && isCount(c.met) && isCount(c.breached), `${where}.${clock} counts`);
    assert.ok(isRateOrNull(c.compliance) && isMsOrNull(c.meanMs) && isMsOrNull(c.medianMs), `${where}.${clock} rates`);
    if (c.met + c.breached === 0) {
      assert.equal(c.compliance, null, `${where}.${clock}: nothing measured, compliance null`);
      assert.equal(c.meanMs, null);
      assert.equal(c.medianMs, null);
    } else {
      assert.ok(Math.abs(c.compliance - c.met / (c.met + c.breached)) < 1e-9, `${where}.${clock}.compliance = met / (met + breached)`);
    }
  }
  for (const k of ['firstContactResolution', 'reopened']) {
    assert.ok(isCount(p[k].count) && p[k].count <= p.resolved, `${where}.${k}.count`);
    assert.ok(isRateOrNull(p[k].rate), `${where}.${k}.rate`);
    assert.equal(p[k].rate === null, p.resolved === 0, `${where}.${k}.rate null exactly when nothing was resolved`);
  }
  assert.ok(isCount(p.csat.good) && isCount(p.csat.bad) && p.csat.count === p.csat.good + p.csat.bad, `${where}.csat counts`);
  assert.equal(p.csat.goodShare === null, p.csat.count === 0, `${where}.csat.goodShare null exactly when there are no ratings`);
}

function assertDashboard(f, { period, groupIds }) {
  assert.equal(f.period, period);
  if (groupIds) assert.deepEqual(f.groupIds, groupIds);
  assert.equal(typeof f.timeZone, 'string');
  for (const k of ['asOf', 'from', 'to', 'previousFrom', 'previousTo']) assert.match(f[k], INSTANT, k);
  assert.ok(f.previousTo <= f.from && f.previousFrom < f.previousTo && f.from <= f.to, 'periods in order');
  assertPeriodFigures(f.current, 'current');
  assertPeriodFigures(f.previous, 'previous');
  assert.equal(f.series.unit, period === 'today' ? 'hour' : 'day');
  if (period === '7d') assert.equal(f.series.points.length, 7);
  if (period === '30d') assert.equal(f.series.points.length, 30);
  let created = 0;
  for (const p of f.series.points) {
    assert.match(p.start, INSTANT);
    for (const k of ['created', 'resolved', 'firstResponseMet', 'firstResponseBreached', 'resolutionMet', 'resolutionBreached']) assert.ok(isCount(p[k]), k);
    created += p.created;
  }
  assert.equal(created, f.current.created, 'the series adds up to the period');
  const b = f.backlog;
  assert.ok(isCount(b.total) && isCount(b.unassigned) && b.unassigned <= b.total);
  assert.equal(['P1', 'P2', 'P3', 'P4'].reduce((s, p) => s + b.byPriority[p], 0), b.total);
  assert.equal(['new', 'assigned', 'in_progress', 'pending_customer', 'pending_third_party'].reduce((s, st) => s + b.byStatus[st], 0), b.total);
  assert.equal(b.byPriorityAndStatus.P1.new + b.byPriorityAndStatus.P2.new + b.byPriorityAndStatus.P3.new + b.byPriorityAndStatus.P4.new, b.byStatus.new);
  assert.ok(isCount(f.slaNow.warning) && isCount(f.slaNow.breached));
  assert.ok(Array.isArray(f.atRisk) && f.atRisk.length <= 50 && f.atRiskTotal >= f.atRisk.length);
  assert.equal(f.atRiskTotal, f.slaNow.warning + f.slaNow.breached);
  let seenWarning = false;
  for (const t of f.atRisk) {
    assert.ok(Number.isInteger(t.id) && typeof t.number === 'string' && typeof t.subject === 'string');
    assert.ok(['P1', 'P2', 'P3', 'P4'].includes(t.priority));
    assert.ok(['warning', 'breached'].includes(t.state) && ['firstResponse', 'resolution'].includes(t.clock));
    assert.ok(t.dueAt === null || INSTANT.test(t.dueAt));
    if (t.state === 'warning') seenWarning = true;
    else assert.ok(!seenWarning, 'breached tickets come before those at warning');
  }
  for (const list of [f.categories, f.topCustomers, f.topOrganisations]) {
    assert.ok(Array.isArray(list) && list.length <= 10);
    for (let i = 1; i < list.length; ++i) assert.ok(list[i - 1].created >= list[i].created, 'largest first');
  }
  assert.ok(Array.isArray(f.slowestCategories) && f.slowestCategories.length <= 5);
  for (const a of f.agents) {
    assert.ok(Number.isInteger(a.agentId) && typeof a.name === 'string');
    assert.ok(['available', 'busy', 'away', 'offline'].includes(a.presence));
    assert.ok(isCount(a.openTickets) && isCount(a.resolvedToday));
  }
}

function isPush(m) { return m && m.method === 'dashboard.changed' && !('id' in m); }

function pushes(c) {
  return c.messages.filter(isPush);
}

describe('dashboard.subscribe', { timeout: 60000 }, () => {
  demoIt('refuses agents with forbidden', async () => {
    assertError(await agent.call('dashboard.subscribe', { period: 'today' }), 'forbidden');
  });

  demoIt('gives a lead the figures of the groups they lead, for each period, in the documented shape', async () => {
    const own = [...lead.agent.groupIds].sort((a, b) => a - b);
    for (const period of ['today', '7d', '30d']) {
      const f = assertResult(await lead.call('dashboard.subscribe', { period }));
      assertDashboard(f, { period, groupIds: own });
    }
    const f = assertResult(await lead.call('dashboard.subscribe', {}));
    assert.equal(f.period, 'today', 'today by default');
  });

  demoIt('refuses a lead a group they do not lead, naming it in data.groupIds', async (t) => {
    const other = dir.groups.find((g) => !lead.agent.groupIds.includes(g.id));
    assert.ok(other, 'the demo desk has a group its lead does not lead');
    const e = assertError(await lead.call('dashboard.subscribe', { groupIds: [lead.agent.groupIds[0], other.id] }), 'forbidden');
    assert.deepEqual(e.data.groupIds, [other.id]);
    assertError(await lead.call('reports.get', { from: '2026-01-01', to: '2026-01-08', groupIds: [other.id] }), 'forbidden');
  });

  demoIt('gives an admin the whole desk (groupIds []) or any group; an unknown group is validation_failed', async () => {
    const desk = assertResult(await admin.call('dashboard.subscribe', { period: '30d' }));
    assertDashboard(desk, { period: '30d', groupIds: [] });
    const one = assertResult(await admin.call('dashboard.subscribe', { groupIds: [dir.groups[0].id], period: '7d' }));
    assertDashboard(one, { period: '7d', groupIds: [dir.groups[0].id] });
    assert.ok(one.current.created <= desk.current.created + 1000);
    assertError(await admin.call('dashboard.subscribe', { groupIds: [987654321] }), 'validation_failed');
    assertResult(await admin.call('dashboard.unsubscribe', {}));
  });

  demoIt('answers an unknown period or groupIds that are not ids with invalid_params', async () => {
    const e = assertError(await lead.call('dashboard.subscribe', { period: 'week' }), 'invalid_params');
    assert.equal(e.data.param, 'period');
    assert.equal(assertError(await lead.call('dashboard.subscribe', { groupIds: ['x'] }), 'invalid_params').data.param, 'groupIds');
  });
});

describe('dashboard.changed', { timeout: 60000 }, () => {
  demoIt('follows a change in scope, never twice within 200 ms, and stops after dashboard.unsubscribe', async () => {
    const watcher = await login('lead');
    const group = watcher.agent.groupIds[0];
    const first = assertResult(await watcher.call('dashboard.subscribe', { groupIds: [group], period: 'today' }));
    assertResult(await admin.call('tickets.create', { type: 'incident', subject: 'Dashboard push one', groupId: group, opId: opId() }));
    const push = await watcher.waitFor((m) => m && m.method === 'dashboard.changed', 5000, 'a dashboard.changed push');
    assert.equal(push.id, undefined, 'a notification');
    assertDashboard(push.params, { period: 'today', groupIds: [group] });
    assert.equal(push.params.current.created, first.current.created + 1);

    const arrivals = [];
    watcher.ws.on('message', (data) => { if (data.toString().includes('"dashboard.changed"')) arrivals.push(performance.now()); });
    await Promise.all(Array.from({ length: 6 }, (_, i) => admin.call('tickets.create',
      { type: 'incident', subject: `Dashboard burst ${i}`, groupId: group, opId: opId() })));
    const last = await watcher.waitFor((m) => isPush(m) && m.params.current.created === first.current.created + 7, 5000,
      'the push that has every ticket');
    const burst = [...pushes(watcher), last];
    assert.equal(pushes(watcher).filter((m) => m.params.current.created > last.params.current.created).length, 0);
    assert.ok(burst.length < 6, 'coalesced: fewer pushes than changes');
    for (let i = 1; i < arrivals.length; ++i) assert.ok(arrivals[i] - arrivals[i - 1] >= 150, `pushes ${arrivals[i] - arrivals[i - 1]} ms apart`);

    assert.deepEqual(assertResult(await watcher.call('dashboard.unsubscribe')), {});
    watcher.clearQueue();
    // Nothing comes after unsubscribing. Instead of waiting a while for nothing, a control
    // subscribed to the same group has its coalescing window open (a push just went out) when
    // the ticket comes: its push, at the end of that window, comes after any the watcher could get.
    const control = await login('lead');
    const base = assertResult(await control.call('dashboard.subscribe', { groupIds: [group], period: 'today' }));
    assertResult(await admin.call('tickets.create', { type: 'incident', subject: 'Dashboard control', groupId: group, opId: opId() }));
    await control.waitFor((m) => isPush(m) && m.params.current.created === base.current.created + 1, 5000, 'the control push');
    assertResult(await admin.call('tickets.create', { type: 'incident', subject: 'Dashboard after unsubscribe', groupId: group, opId: opId() }));
    await control.waitFor((m) => isPush(m) && m.params.current.created === base.current.created + 2, 5000, 'the control push');
    assert.equal(pushes(watcher).length, 0);
  });

  demoIt('is not sent for a change outside the scope', async (t) => {
    const other = dir.groups.find((g) => !lead.agent.groupIds.includes(g.id));
    assert.ok(other, 'the demo desk has a group its lead does not lead');
    const watcher = await login('lead');
    assertResult(await watcher.call('dashboard.subscribe', {}));
    // A control that covers the other group: its push comes when the server has dealt with
    // the change, and by then the lead's would have come too (both windows are quiet).
    const control = await login('admin');
    const base = assertResult(await control.call('dashboard.subscribe', { groupIds: [other.id] }));
    assertResult(await admin.call('tickets.create', { type: 'incident', subject: 'Elsewhere', groupId: other.id, opId: opId() }));
    await control.waitFor((m) => isPush(m) && m.params.current.created === base.current.created + 1, 5000, 'the control push');
    assert.equal(pushes(watcher).length, 0);
  });
});

describe('reports.get', { timeout: 60000 }, () => {
  demoIt('gives the figures per day and in total for [from, to)', async () => {
    const r = assertResult(await lead.call('reports.get', { from: '2026-01-01', to: '2026-01-08' }, { timeoutMs: 30000 }));
    assert.equal(r.from, '2026-01-01');
    assert.equal(r.to, '2026-01-08');
    assert.equal(r.days.length, 7);
    assert.deepEqual(r.days.map((d) => d.date), ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07']);
    r.days.forEach((d) => assertPeriodFigures(d, d.date));
    assertPeriodFigures(r.totals, 'totals');
    assert.equal(r.days.reduce((s, d) => s + d.created, 0), r.totals.created);
    assert.equal(r.days.reduce((s, d) => s + d.firstResponse.met, 0), r.totals.firstResponse.met);
    assert.deepEqual(r.groupIds, [...lead.agent.groupIds].sort((a, b) => a - b));
    assert.match(r.generatedAt, INSTANT);
    for (const k of ['categories', 'slowestCategories', 'topCustomers', 'topOrganisations']) assert.ok(Array.isArray(r[k]), k);
  });

  demoIt('gives zeros and nulls for a range with no data', async () => {
    const r = assertResult(await admin.call('reports.get', { from: '1999-12-01', to: '1999-12-03' }));
    assert.equal(r.totals.created, 0);
    assert.equal(r.totals.resolution.compliance, null);
    assert.equal(r.totals.csat.goodShare, null);
    assert.equal(r.totals.firstContactResolution.rate, null);
  });

  demoIt('refuses ten years at once with validation_failed, and to not after from', async () => {
    const started = performance.now();
    assertError(await admin.call('reports.get', { from: '2016-01-01', to: '2026-01-01' }), 'validation_failed');
    assert.ok(performance.now() - started < 5000, 'refused without reading ten years');
    assertResult(await admin.call('reports.get', { from: '2023-01-01', to: '2026-01-01' }, { timeoutMs: 30000 })); // 1,096 days
    assertError(await admin.call('reports.get', { from: '2023-01-01', to: '2026-01-02' }), 'validation_failed');
    assertError(await admin.call('reports.get', { from: '2026-01-02', to: '2026-01-01' }), 'validation_failed');
    assertError(await admin.call('reports.get', { from: '2026-01-01', to: '2026-01-01' }), 'validation_failed');
  });

  demoIt('answers days that are not yyyy-MM-dd, or missing, with invalid_params; agents with forbidden', async () => {
    assert.equal(assertError(await admin.call('reports.get', { from: '01/01/2026', to: '2026-02-01' }), 'invalid_params').data.param, 'from');
    assertError(await admin.call('reports.get', { from: '2026-01-01' }), 'invalid_params');
    assertError(await agent.call('reports.get', { from: '2026-01-01', to: '2026-01-02' }), 'forbidden');
  });
});

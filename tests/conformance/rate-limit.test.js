'use strict';
// Conformance: auth.login rate limiting and device tokens (docs/protocol.md, `auth.login`).
// Every test gets its own server: failures from 127.0.0.1 count per address too, so they must
// not add up across tests (nor slow down the other test files).

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers.js');

const { assertError, assertResult, uniqueWord } = h;

/** Starts a server for one test and returns [server, helloed connection maker]. */
async function serverFor(t) {
  const srv = await h.startServer();
  const clients = [];
  t.after(async () => {
    for (const c of clients) c.close();
    await srv.stop();
  });
  const helloed = async () => {
    const c = await h.connect(srv.url);
    clients.push(c);
    assertResult(await c.call('hello', { protocol: 1 }));
    return c;
  };
  return { srv, helloed };
}

function login(c, user, password, device) {
  const params = { user, password };
  if (device !== undefined) params.device = device;
  return c.call('auth.login', params);
}

/** Fails to log in as `user` until rate_limited (at most `max` attempts); returns [failures, error]. */
async function failUntilLimited(c, user, max) {
  for (let i = 1; i <= max; i++) {
    const res = await login(c, user, `wrong-${i}`);
    if (res.error && res.error.data.name === 'rate_limited') return [i - 1, res.error];
    assertError(res, 'invalid_credentials');
  }
  throw new Error(`not rate-limited after ${max} failed attempts for ${user}`);
}

/**
 * Asks again until the answer is not rate_limited (the wait the server told us is over), and
 * returns that answer. An early attempt is refused unchecked and changes nothing; each retry
 * comes after the wait the latest refusal named, at most 100 ms later.
 */
async function afterTheWait(attempt, timeoutMs = 20000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const res = await attempt();
    if (!(res.error && res.error.data && res.error.data.name === 'rate_limited')) return res;
    if (performance.now() > deadline) throw new Error(`still rate_limited after ${timeoutMs} ms`);
    await h.sleep(Math.min(100, Math.max(1, res.error.data.retryAfterMs)));
  }
}

describe('auth.login rate limiting', { timeout: 90000, concurrency: true }, () => {
  it('answers the attempt after 3 failed ones for a user name from one address with rate_limited (data.retryAfterMs)', async (t) => {
    const { helloed } = await serverFor(t);
    const c = await helloed();
    const user = `probe-${uniqueWord()}`;
    for (let i = 1; i <= 3; i++) assertError(await login(c, user, `wrong-${i}`), 'invalid_credentials');
    const err = assertError(await login(c, user, 'wrong-4'), 'rate_limited');
    assert.equal(typeof err.data.retryAfterMs, 'number');
  });

  it('makes a rate-limited user name wait about 1 s, then 2 s, then 4 s (the wait doubles)', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const c = await helloed();
    const user = `probe-${uniqueWord()}`; // a name no one uses, so no one is locked out
    let [, err] = await failUntilLimited(c, user, 6);
    let expected = 1000;
    for (let round = 0; round < 3; round++) {
      const wait = err.data.retryAfterMs;
      assert.equal(typeof wait, 'number');
      assert.ok(wait > expected / 2 && wait <= expected, `wait ${wait} ms is about ${expected} ms`);
      // Asking again before the wait is over is refused, and does not reset anything.
      assertError(await login(c, user, 'too-soon'), 'rate_limited');
      assertError(await afterTheWait(() => login(c, user, `after-wait-${round}`)), 'invalid_credentials');
      err = assertError(await login(c, user, `again-${round}`), 'rate_limited');
      expected *= 2;
    }
    // Another user name is not affected.
    const other = await helloed();
    assertResult(await login(other, 'admin', srv.adminPassword));
  });

  it('checks only the free attempts of 30 wrong passwords sent at once; the others are rate_limited unchecked', async (t) => {
    const { helloed } = await serverFor(t);
    const user = `probe-${uniqueWord()}`;
    const clients = await Promise.all(Array.from({ length: 30 }, () => helloed()));
    const answers = await Promise.all(clients.map((c, i) => login(c, user, `parallel-${i}`)));
    const names = answers.map((a) => (a.error ? a.error.data.name : 'result'));
    assert.ok(!names.includes('result'));
    const checked = names.filter((n) => n === 'invalid_credentials').length;
    assert.ok(checked <= 3, `${checked} wrong passwords were checked (at most 3 may be): ${names.join(', ')}`);
    for (const n of names) assert.ok(['invalid_credentials', 'rate_limited', 'busy'].includes(n), n);
  });

  it('refuses even the right password while rate-limited without a device token, and accepts it after the wait', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const c = await helloed();
    const [, err] = await failUntilLimited(c, 'admin', 6);
    assertError(await login(c, 'admin', srv.adminPassword), 'rate_limited');
    assert.ok(err.data.retryAfterMs > 0);
    const r = assertResult(await afterTheWait(() => login(c, 'admin', srv.adminPassword)));
    assert.equal(r.agent.login, 'admin');
  });

  it('gives a device token at every log-in, and with it the owner gets in while a guesser has the user name rate-limited', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const owner = await helloed();
    const first = assertResult(await login(owner, 'admin', srv.adminPassword));
    assert.equal(typeof first.device, 'string');
    assert.ok(first.device.length > 20);
    // Someone behind the same address guesses admin's password until slowed down.
    const guesser = await helloed();
    await failUntilLimited(guesser, 'admin', 6);
    assertError(await login(guesser, 'admin', srv.adminPassword), 'rate_limited'); // no token: slowed like the guesser
    // The owner's console, with its device token, is let through at once.
    const again = await helloed();
    const r = assertResult(await login(again, 'admin', srv.adminPassword, first.device));
    assert.equal(r.agent.login, 'admin');
    assert.equal(typeof r.device, 'string');
    // A device token of another user, or a made-up one, is as good as none.
    const forged = await helloed();
    assertError(await login(forged, 'admin', srv.adminPassword, `${first.device.slice(0, -4)}AAAA`), 'rate_limited');
  });

  it('throttles a device token that keeps failing on its own (after 5 failures)', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const owner = await helloed();
    const { device } = assertResult(await login(owner, 'admin', srv.adminPassword));
    const thief = await helloed();
    for (let i = 1; i <= 5; i++) assertError(await login(thief, 'admin', `stolen-${i}`, device), 'invalid_credentials');
    assertError(await login(thief, 'admin', 'stolen-6', device), 'rate_limited');
  });

  it('slows down every untrusted log-in from an address with 30 failures over many names, even the right password of another user', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const owner = await helloed();
    const { device } = assertResult(await login(owner, 'admin', srv.adminPassword));
    const c = await helloed();
    let limited = null;
    for (let i = 1; i <= 35 && !limited; i++) {
      const res = await login(c, `addr-${i}-${uniqueWord()}`, 'wrong');
      if (res.error && res.error.data.name === 'rate_limited') limited = { at: i, error: res.error };
      else assertError(res, 'invalid_credentials');
    }
    assert.ok(limited, 'rate_limited within 35 failures from one address');
    assert.ok(limited.at > 30, `not before 30 failures (limited at attempt ${limited.at})`);
    assert.equal(typeof limited.error.data.retryAfterMs, 'number');
    const other = await helloed();
    assertError(await login(other, 'admin', srv.adminPassword), 'rate_limited');
    // The admin's own console, which signed in before, still gets in.
    const own = await helloed();
    assertResult(await login(own, 'admin', srv.adminPassword, device));
  });
});

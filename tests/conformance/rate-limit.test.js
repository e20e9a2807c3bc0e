'use strict';
// Conformance: auth.login rate limiting (docs/protocol.md, `auth.login`).
// Every test gets its own server: failures from 127.0.0.1 also count per address,
// so they must not add up across tests (nor slow down the other test files).

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

function login(c, user, password) { return c.call('auth.login', { user, password }); }

/** Fails to log in as `user` until rate_limited (at most `max` attempts); returns [failures, error]. */
async function failUntilLimited(c, user, max) {
  for (let i = 1; i <= max; i++) {
    const res = await login(c, user, `wrong-${i}`);
    if (res.error && res.error.data.name === 'rate_limited') return [i - 1, res.error];
    assertError(res, 'invalid_credentials');
  }
  throw new Error(`not rate-limited after ${max} failed attempts for ${user}`);
}

describe('auth.login rate limiting', { timeout: 60000, concurrency: true }, () => {
  it('answers the attempt after 4 failed ones for a user name with rate_limited (data.retryAfterMs)', async (t) => {
    const { helloed } = await serverFor(t);
    const c = await helloed();
    const user = `probe-${uniqueWord()}`;
    for (let i = 1; i <= 4; i++) assertError(await login(c, user, `wrong-${i}`), 'invalid_credentials');
    const err = assertError(await login(c, user, 'wrong-5'), 'rate_limited');
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
      await h.sleep(wait + 50); // the wait the server told us to respect
      assertError(await login(c, user, `after-wait-${round}`), 'invalid_credentials');
      err = assertError(await login(c, user, `again-${round}`), 'rate_limited');
      expected *= 2;
    }
    // Another user name is not affected.
    const other = await helloed();
    assertResult(await login(other, 'admin', srv.adminPassword));
  });

  it('refuses even the right password while rate-limited, and accepts it after the wait', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const c = await helloed();
    const [, err] = await failUntilLimited(c, 'admin', 6);
    assertError(await login(c, 'admin', srv.adminPassword), 'rate_limited');
    await h.sleep(err.data.retryAfterMs + 50);
    const r = assertResult(await login(c, 'admin', srv.adminPassword));
    assert.equal(r.agent.login, 'admin');
  });

  it('slows down an address after 20 failures (distinct user names): the 21st attempt is rate_limited', async (t) => {
    const { helloed } = await serverFor(t);
    const c = await helloed();
    for (let i = 1; i <= 20; i++) assertError(await login(c, `addr-${i}-${uniqueWord()}`, 'wrong'), 'invalid_credentials');
    assertError(await login(c, `addr-21-${uniqueWord()}`, 'wrong'), 'rate_limited');
  });

  it('slows down every log-in from an address with many failures, even the right password of another user', async (t) => {
    const { srv, helloed } = await serverFor(t);
    const c = await helloed();
    let limited = null;
    for (let i = 1; i <= 25 && !limited; i++) {
      const res = await login(c, `addr-${i}-${uniqueWord()}`, 'wrong');
      if (res.error && res.error.data.name === 'rate_limited') limited = { at: i, error: res.error };
      else assertError(res, 'invalid_credentials');
    }
    assert.ok(limited, 'rate_limited within 25 failures from one address');
    assert.ok(limited.at > 20, `not before 20 failures (limited at attempt ${limited.at})`);
    assert.equal(typeof limited.error.data.retryAfterMs, 'number');
    const other = await helloed();
    assertError(await login(other, 'admin', srv.adminPassword), 'rate_limited');
  });
});

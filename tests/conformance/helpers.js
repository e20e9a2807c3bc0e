'use strict';
// Helpers for the Atiende protocol conformance tests: start an `atiended` on a
// fresh data folder, and a tiny JSON-RPC 2.0 over WebSocket client.
// Written from docs/protocol.md only; shares no code with the server or console.

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');
const WebSocket = require('ws');

const DEFAULT_TIMEOUT_MS = 5000;

function serverBinary() {
  const bin = process.env.ATIENDED_BIN;
  if (!bin) {
    throw new Error('Set ATIENDED_BIN to the path of the atiended binary, ' +
      'e.g. ATIENDED_BIN=../../build/dev/app/atiended node --test (CTest sets it)');
  }
  if (!fs.existsSync(bin)) throw new Error(`ATIENDED_BIN=${bin} does not exist`);
  return bin;
}

// In the sanitizer build (./dev.sh test-asan) a report in the server fails the test that
// started it instead of scrolling by in a child's output.
const SANITIZER_REPORT = /ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: UndefinedBehaviorSanitizer|: runtime error: /;

function assertNoSanitizerReport(what, output) {
  if (SANITIZER_REPORT.test(output)) {
    throw new Error(`a sanitizer reported a problem in atiended ${what}:\n${output}`);
  }
}

function run(bin, args, env) {
  const r = spawnSync(bin, args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
  const output = `${r.stdout || ''}${r.stderr || ''}`.trim();
  assertNoSanitizerReport(args[0], output);
  return { ok: r.status === 0, status: r.status, output };
}

/**
 * Prepares a data folder and serves it on a free loopback port.
 *
 * options.demo: true to fill the folder with `atiended demo-data` (users admin,
 * lead, agent with password "demo"); throws when demo-data fails. Without it, `atiended init`
 * (user admin, password "secret-admin-pw": new passwords have at least 12 characters).
 */
async function startServer(options = {}) {
  const bin = serverBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-conformance-'));
  const dataDir = path.join(dir, 'data');
  let demo = false;
  let password = 'secret-admin-pw';
  if (options.demo) {
    const r = run(bin, ['demo-data', '--data', dataDir, '--tickets', String(options.tickets || 300)]);
    // A test that needs the demo desk fails without it: a suite that skips when its desk
    // cannot be made would pass having checked nothing.
    if (!r.ok) throw new Error(`atiended demo-data failed (exit ${r.status}): ${r.output}`);
    demo = true;
    password = 'demo';
  }
  if (!demo) {
    const r = run(bin, ['init', '--data', dataDir, '--user', 'admin', '--name', 'Ada Admin'],
      { ATIENDE_PASSWORD: password });
    if (!r.ok) throw new Error(`atiended init failed (exit ${r.status}): ${r.output}`);
  }

  // options.args: more options of `serve`, such as --cert and --key for wss://.
  const child = spawn(bin, ['--data', dataDir, '--listen', '127.0.0.1:0', ...(options.args || [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 100000) stderr = stderr.slice(-50000); });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`atiended did not report its URL in 15 s; stdout: ${out} stderr: ${stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (wss?:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`atiended exited (${code}) before listening: ${stderr}`)); });
  });
  child.stdout.resume();

  const server = {
    url,
    base: url.replace(/\/ws$/, ''),
    dir,
    dataDir,
    demo,
    adminPassword: password,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('close', resolve));
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      // After 'close', so everything the server wrote on its way out has been read.
      assertNoSanitizerReport('serve', stderr);
    },
  };
  return server;
}

/**
 * Opens a WebSocket and returns a small JSON-RPC client. `ws`: more options of the ws package's
 * WebSocket (for wss://, `ca` with the certificate of an authority to trust).
 */
function connect(url, { timeoutMs = DEFAULT_TIMEOUT_MS, ws: wsOptions = {} } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, ...wsOptions });
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`could not connect to ${url} in ${timeoutMs} ms`)); }, timeoutMs);
    ws.once('open', () => { clearTimeout(timer); resolve(new Client(ws)); });
    ws.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** A binary message (docs/protocol.md, "Binary frames"): the JSON part's length as 4 bytes,
 *  big-endian, the JSON (an object or a string), then the bytes. */
function binaryMessage(json, bytes = Buffer.alloc(0)) {
  const head = Buffer.from(typeof json === 'string' ? json : JSON.stringify(json), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length, 0);
  return Buffer.concat([len, head, bytes]);
}

class Client {
  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, timer}
    this.messages = []; // every message without a pending id: notifications and unsolicited responses
    this.waiters = [];
    this.closed = null; // {code, reason} once closed
    this.closeWaiters = [];
    this.allChanges = []; // every change of every sync.changed received, in arrival order (never consumed)
    this.changeWaiters = [];
    ws.on('message', (data, isBinary) => this._onMessage(data, isBinary));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters) w(this.closed);
      this.closeWaiters = [];
      for (const [, p] of this.pending) { clearTimeout(p.timer); p.reject(new Error(`connection closed (${code}) while waiting for a response`)); }
      this.pending.clear();
    });
    ws.on('error', () => { /* surfaced through close */ });
  }

  _onMessage(data, isBinary) {
    let msg;
    try {
      if (isBinary) {
        // docs/protocol.md, "Binary frames": a 4-byte big-endian length, the JSON, the bytes.
        const n = data.readUInt32BE(0);
        msg = JSON.parse(data.subarray(4, 4 + n).toString('utf8'));
        msg.bytes = data.subarray(4 + n);
      } else {
        msg = JSON.parse(data.toString('utf8'));
      }
    } catch (e) {
      msg = { unparsable: data.toString('utf8'), isBinary };
    }
    if (msg && typeof msg === 'object' && 'id' in msg && this.pending.has(msg.id) && !('method' in msg)) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg);
      return;
    }
    if (msg && msg.method === 'sync.changed' && msg.params && Array.isArray(msg.params.changes)) {
      this.allChanges.push(...msg.params.changes);
      for (const w of [...this.changeWaiters]) {
        const ch = this.allChanges.find(w.predicate);
        if (ch) {
          this.changeWaiters.splice(this.changeWaiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(ch);
        }
      }
    }
    this.messages.push(msg);
    this._checkWaiters();
  }

  /** Waits until some sync.changed change received so far (or later) satisfies predicate; returns that change. */
  waitForSeenChange(predicate, timeoutMs = DEFAULT_TIMEOUT_MS, what = 'a sync.changed change') {
    const ch = this.allChanges.find(predicate);
    if (ch) return Promise.resolve(ch);
    return new Promise((resolve, reject) => {
      const w = { predicate, resolve };
      w.timer = setTimeout(() => {
        this.changeWaiters.splice(this.changeWaiters.indexOf(w), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.changeWaiters.push(w);
    });
  }

  _checkWaiters() {
    for (const w of [...this.waiters]) {
      const i = this.messages.findIndex(w.predicate);
      if (i >= 0) {
        const [m] = this.messages.splice(i, 1);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(m);
      }
    }
  }

  /** Sends a request and resolves with the whole response message (result or error). */
  call(method, params, { id, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    const reqId = id !== undefined ? id : this.nextId++;
    const msg = { jsonrpc: '2.0', id: reqId, method };
    if (params !== undefined) msg.params = params;
    return this.request(msg, { timeoutMs });
  }

  /** Sends a request as a binary message with `bytes` after its JSON (docs/protocol.md, "Binary
   *  frames"); resolves with the response message (a binary answer has its bytes in `.bytes`). */
  callBinary(method, params, bytes, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    const msg = { jsonrpc: '2.0', id: this.nextId++, method };
    if (params !== undefined) msg.params = params;
    return this.rawCall(binaryMessage(msg, bytes), msg.id, { timeoutMs });
  }

  /** Sends an arbitrary request object (must have an id) and waits for the response with that id. */
  request(msg, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    return this.rawCall(JSON.stringify(msg), msg.id, { timeoutMs });
  }

  /** Sends a raw text frame (or binary message: a Buffer) and waits for the response carrying `id`. */
  rawCall(text, id, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no response with id ${JSON.stringify(id)} to ${text.slice(0, 200)} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(text, { binary: Buffer.isBuffer(text) });
    });
  }

  /** Calls and returns `result`; throws with the error when the server answered with one. */
  async ok(method, params, opts) {
    const res = await this.call(method, params, opts);
    if (res.error) {
      const err = new Error(`${method} failed: ${JSON.stringify(res.error)}`);
      err.response = res;
      throw err;
    }
    return res.result;
  }

  /** Sends a raw text (string) or binary (Buffer) frame. */
  sendRaw(data) {
    this.ws.send(data, { binary: Buffer.isBuffer(data) });
  }

  /** Waits for (and removes from the queue) the first unsolicited message matching predicate. */
  waitFor(predicate, timeoutMs = DEFAULT_TIMEOUT_MS, what = 'a matching message') {
    const i = this.messages.findIndex(predicate);
    if (i >= 0) return Promise.resolve(this.messages.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const w = { predicate, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Waits for a sync.changed notification whose changes satisfy changePredicate (any change). */
  waitForChange(changePredicate, timeoutMs = DEFAULT_TIMEOUT_MS) {
    return this.waitFor((m) => m && m.method === 'sync.changed' && m.params &&
      Array.isArray(m.params.changes) && m.params.changes.some(changePredicate), timeoutMs, 'a sync.changed push');
  }

  /** Every queued sync.changed change so far (leaves the queue untouched). */
  queuedChanges() {
    return this.messages.filter((m) => m && m.method === 'sync.changed').flatMap((m) => m.params.changes || []);
  }

  clearQueue() { this.messages = []; }

  waitClose(timeoutMs = DEFAULT_TIMEOUT_MS) {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connection not closed in ${timeoutMs} ms`)), timeoutMs);
      this.closeWaiters.push((c) => { clearTimeout(timer); resolve(c); });
    });
  }

  close() {
    if (!this.closed) this.ws.terminate();
  }
}

/** Connects, says hello and logs in; returns the client with .token and .agent set. */
async function session(url, user, password) {
  const c = await connect(url);
  const hello = await c.call('hello', { protocol: 1, client: 'conformance/1.0' });
  if (hello.error) throw new Error(`hello failed: ${JSON.stringify(hello.error)}`);
  const login = await c.call('auth.login', { user, password });
  if (login.error) { c.close(); throw new Error(`auth.login as ${user} failed: ${JSON.stringify(login.error)}`); }
  c.token = login.result.token;
  c.agent = login.result.agent;
  c.device = login.result.device;
  return c;
}

function opId() { return crypto.randomUUID(); }

/** A string unlikely to appear anywhere else in the data: a letters-only tag for searches. */
function uniqueWord(prefix = 'zq') {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let s = prefix;
  const bytes = crypto.randomBytes(10);
  for (const b of bytes) s += letters[b % letters.length];
  return s;
}

// Error codes and names, from the table in docs/protocol.md.
const CODES = {
  parse_error: -32700,
  invalid_request: -32600,
  method_not_found: -32601,
  invalid_params: -32602,
  internal_error: -32603,
  unsupported_protocol: -32001,
  hello_required: -32002,
  unauthenticated: -32003,
  invalid_credentials: -32004,
  rate_limited: -32005,
  session_expired: -32006,
  forbidden: -32010,
  not_found: -32011,
  version_conflict: -32012,
  invalid_transition: -32013,
  validation_failed: -32014,
  frame_too_large: -32020,
  busy: -32021,
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Asserts that `res` is an error response named `name` (code and data.name agree). */
function assertError(res, name, extra = {}) {
  assert.ok(res && typeof res === 'object', 'a response object');
  assert.equal(res.jsonrpc, '2.0', `jsonrpc "2.0" in ${JSON.stringify(res)}`);
  assert.ok(res.error, `expected error ${name}, got ${JSON.stringify(res).slice(0, 500)}`);
  assert.equal(res.result, undefined, 'an error response has no result');
  assert.equal(res.error.code, CODES[name], `error code for ${name} in ${JSON.stringify(res.error)}`);
  assert.equal(typeof res.error.message, 'string', 'error.message is a string');
  assert.ok(res.error.data && typeof res.error.data === 'object', `error.data is an object in ${JSON.stringify(res.error)}`);
  assert.equal(res.error.data.name, name, `error.data.name in ${JSON.stringify(res.error)}`);
  if ('id' in extra) assert.deepEqual(res.id, extra.id, 'response id');
  return res.error;
}

/** Asserts that `res` is a successful response and returns its result. */
function assertResult(res) {
  assert.ok(res && typeof res === 'object', 'a response object');
  assert.equal(res.jsonrpc, '2.0');
  assert.equal(res.error, undefined, `unexpected error ${JSON.stringify(res.error)}`);
  assert.ok('result' in res, 'a result');
  return res.result;
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

/**
 * A test file's demo desk: `start(options)` runs a server with demo data (users admin, lead
 * and agent, password "demo"), `login(user)` opens a session closed after the file's tests,
 * and `it()` is node:test's it, failing when the demo data could not be made.
 */
function demoDesk() {
  const { it, after } = require('node:test');
  const desk = { srv: null, clients: [] };
  desk.start = async (options) => {
    desk.srv = await startServer({ demo: true, ...options });
    return desk.srv;
  };
  desk.login = async (user) => {
    const c = await session(desk.srv.url, user, 'demo');
    desk.clients.push(c);
    return c;
  };
  desk.it = (name, opts, fn) => {
    if (typeof opts === 'function') { fn = opts; opts = {}; }
    it(name, opts, async (t) => {
      // start() failed (and said why in its own hook): fail here too, never skip.
      assert.ok(desk.srv && desk.srv.demo, 'the demo desk could not be made (see the error of start())');
      await fn(t);
    });
  };
  after(async () => {
    for (const c of desk.clients) c.close();
    if (desk.srv) await desk.srv.stop();
  });
  return desk;
}

module.exports = {
  startServer, connect, session, opId, uniqueWord, Client, DEFAULT_TIMEOUT_MS,
  CODES, INSTANT, assertError, assertResult, sleep, demoDesk, binaryMessage,
};

'use strict';
// Conformance: wss:// (docs/protocol.md, Transport). The server is started with a certificate
// for 127.0.0.1 issued by an authority this test makes with openssl. A client that trusts that
// authority (the ws package's `ca` option) speaks the protocol over TLS 1.2 or later on /ws; one
// that does not is refused in the handshake, before any frame; ws:// is not served on that port.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./helpers.js');

const { assertResult } = h;

const haveOpenssl = spawnSync('openssl', ['version']).status === 0;

function openssl(args, cwd) {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

/** An authority and a certificate it issued for 127.0.0.1, in a temporary folder. */
function makeCertificates() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-conformance-tls-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
    '-subj', '/CN=Conformance Test Authority'], dir);
  openssl(['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], dir);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.pem', '-days', '2', '-copy_extensions', 'copy'], dir);
  fs.chmodSync(path.join(dir, 'server.key'), 0o600);
  return {
    dir,
    ca: fs.readFileSync(path.join(dir, 'ca.pem')),
    cert: path.join(dir, 'server.pem'),
    key: path.join(dir, 'server.key'),
  };
}

describe('wss:// (TLS)', { timeout: 60000 }, () => {
  let certs;
  let srv;
  const clients = [];

  before(async () => {
    // No openssl, no certificate, no desk: that fails the suite rather than skipping it.
    assert.ok(haveOpenssl, 'openssl is not installed: no certificate to serve (it is a test dependency, see README.md)');
    certs = makeCertificates();
    srv = await h.startServer({ args: ['--cert', certs.cert, '--key', certs.key] });
  });

  after(async () => {
    for (const c of clients) c.close();
    if (srv) await srv.stop();
    if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
  });

  it('serves the protocol on wss://HOST:PORT/ws to a client that trusts the certificate', async () => {
    assert.match(srv.url, /^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    const c = await h.connect(srv.url, { ws: { ca: certs.ca } });
    clients.push(c);
    const tls = c.ws._socket; // the TLS socket under the WebSocket
    assert.ok(['TLSv1.2', 'TLSv1.3'].includes(tls.getProtocol()), `spoke ${tls.getProtocol()}`);
    assert.equal(tls.authorized, true);
    const hello = assertResult(await c.call('hello', { protocol: 1 }));
    assert.equal(hello.protocol, 1);
    const login = assertResult(await c.call('auth.login', { user: 'admin', password: srv.adminPassword }));
    assert.equal(typeof login.token, 'string');
    assertResult(await c.call('directory.get', {}));
  });

  it('is refused in the TLS handshake by a client that does not trust the certificate', async () => {
    await assert.rejects(h.connect(srv.url), (e) => {
      assert.match(String(e.code || e.message), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify|self[- ]signed/i);
      return true;
    });
  });

  it('does not serve ws:// on the wss:// port', async () => {
    const plain = srv.url.replace(/^wss:/, 'ws:');
    await assert.rejects(h.connect(plain, { timeoutMs: 5000 }));
  });
});

'use strict';
// Conformance: files on tickets (docs/protocol.md: Files, files.upload, files.upload.chunk,
// files.read, tickets.addArticle's attachments, Limits). Written from the document alone; runs
// on `atiended demo-data` (password "demo") for agents of different groups.

const { describe, before } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const h = require('./helpers.js');

const { assertError, assertResult, opId } = h;

const demo = h.demoDesk();
const demoIt = demo.it;
let agent; // signed in as the demo agent
let dir;
let ticket; // an open ticket the demo agent sees

before(async () => {
  const srv = await demo.start({ tickets: 30 });
  if (!srv.demo) return;
  agent = await demo.login('agent');
  dir = assertResult(await agent.call('directory.get'));
  const open = assertResult(await agent.call('tickets.query', { status: ['new', 'assigned', 'in_progress'], limit: 50 }));
  ticket = open.tickets.find((t) => agent.agent.groupIds.includes(t.groupId));
  assert.ok(ticket, 'the demo agent sees an open ticket of their group');
});

function sha256(bytes) { return crypto.createHash('sha256').update(bytes).digest('hex'); }

/** Announces the file and sends its bytes from `from`, keeping `window` chunks in flight. */
async function send(c, uploadId, name, bytes, { from, until } = {}) {
  const start = assertResult(await c.call('files.upload', { uploadId, name, size: bytes.length, sha256: sha256(bytes) }));
  if (start.complete) return start;
  assert.ok(Number.isInteger(start.chunkBytes) && start.chunkBytes > 0);
  assert.ok(Number.isInteger(start.window) && start.window > 0);
  let offset = from === undefined ? start.received : from;
  const end = until === undefined ? bytes.length : until;
  let last = start;
  const inFlight = [];
  while (offset < end || inFlight.length) {
    while (offset < end && inFlight.length < start.window) {
      const piece = bytes.subarray(offset, Math.min(end, offset + start.chunkBytes));
      inFlight.push(c.call('files.upload.chunk', { uploadId, offset, data: piece.toString('base64') }));
      offset += piece.length;
    }
    last = assertResult(await inFlight.shift());
  }
  return last;
}

async function readAll(c, hash) {
  const parts = [];
  let offset = 0;
  for (;;) {
    const r = await c.call('files.read', { sha256: hash, offset });
    if (r.error) return r;
    const piece = assertResult(r);
    assert.equal(piece.offset, offset);
    const bytes = Buffer.from(piece.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (piece.eof) { assert.equal(offset, piece.size); return Buffer.concat(parts); }
  }
}

describe('files', { timeout: 120000 }, () => {
  demoIt('a file goes up in binary chunks and comes back in binary pieces, the same bytes as the text read', async () => {
    const bytes = crypto.randomBytes(1_100_000);
    const id = crypto.randomUUID();
    const start = assertResult(await agent.call('files.upload', { uploadId: id, name: 'volcado.bin', size: bytes.length, sha256: sha256(bytes) }));
    let offset = start.received;
    let last = start;
    while (offset < bytes.length) {
      const piece = bytes.subarray(offset, Math.min(bytes.length, offset + start.chunkBytes));
      const r = await agent.callBinary('files.upload.chunk', { uploadId: id, offset }, piece);
      assert.equal(r.bytes, undefined, 'a chunk is answered with a text frame');
      last = assertResult(r);
      offset += piece.length;
      if (offset < bytes.length) assert.equal(last.received, offset);
    }
    assert.equal(last.complete, true);
    assert.equal(last.file.sha256, sha256(bytes));
    assertResult(await agent.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body: '', attachments: [id], opId: opId() }));

    const parts = [];
    let at = 0;
    for (;;) {
      const r = await agent.call('files.read', { sha256: sha256(bytes), offset: at, binary: true });
      const piece = assertResult(r);
      assert.ok(Buffer.isBuffer(r.bytes), 'a binary answer carries the bytes after its JSON');
      assert.equal(piece.data, undefined);
      assert.equal(piece.offset, at);
      parts.push(Buffer.from(r.bytes));
      at += r.bytes.length;
      if (piece.eof) break;
    }
    const binary = Buffer.concat(parts);
    assert.ok(binary.equals(bytes));
    assert.ok((await readAll(agent, sha256(bytes))).equals(binary));

    // A binary message of another method is refused; a malformed one too, and the link stays.
    assertError(await agent.callBinary('files.upload', { uploadId: crypto.randomUUID(), name: 'x', size: 1, sha256: sha256(Buffer.from('x')) }, Buffer.from('x')), 'invalid_request');
    const wrong = await agent.callBinary('files.upload.chunk', { uploadId: id, offset: 5 }, Buffer.from('abc'));
    assert.ok(wrong.error, 'a chunk of a finished upload is refused');
    assertResult(await agent.call('directory.get'));
  });

  demoIt('a file goes up in chunks, a reply carries it, and it comes back whole', async () => {
    const bytes = crypto.randomBytes(1_300_000);
    const id = crypto.randomUUID();
    const done = await send(agent, id, 'C:\\Users\\agent\\captura.png', bytes);
    assert.equal(done.complete, true);
    assert.deepEqual(done.file, { sha256: sha256(bytes), name: 'captura.png', size: bytes.length, mediaType: done.file.mediaType });
    assert.equal(typeof done.file.mediaType, 'string');

    const r = assertResult(await agent.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body: '', attachments: [id], opId: opId() }));
    assert.deepEqual(r.article.attachments, [done.file]);
    const got = assertResult(await agent.call('tickets.get', { id: ticket.id }));
    assert.deepEqual(got.articles.find((a) => a.id === r.article.id).attachments, [done.file]);
    assert.ok((await readAll(agent, sha256(bytes))).equals(bytes));

    // Asking again about a finished upload changes nothing and says it is complete.
    const again = assertResult(await agent.call('files.upload', { uploadId: id, name: 'captura.png', size: bytes.length, sha256: sha256(bytes) }));
    assert.equal(again.complete, true);
    assert.equal(again.received, bytes.length);
  });

  demoIt('an upload resumes on a new connection where it stood', async () => {
    const bytes = crypto.randomBytes(1_500_000);
    const id = crypto.randomUUID();
    const first = await demo.login('agent');
    const part = await send(first, id, 'volcado.txt', bytes, { until: 524288 * 2 });
    assert.equal(part.received, 524288 * 2);
    first.close();
    const second = await demo.login('agent');
    const state = assertResult(await second.call('files.upload', { uploadId: id, name: 'volcado.txt', size: bytes.length, sha256: sha256(bytes) }));
    assert.equal(state.received, 524288 * 2);
    assert.equal(state.complete, false);
    const wrong = assertError(await second.call('files.upload.chunk', { uploadId: id, offset: 0, data: bytes.subarray(0, 10).toString('base64') }), 'validation_failed');
    assert.equal(wrong.data.field, 'offset');
    assert.equal(wrong.data.expected, 524288 * 2);
    const done = await send(second, id, 'volcado.txt', bytes);
    assert.equal(done.complete, true);
    assert.ok((await readAll(second, sha256(bytes))).equals(bytes));
  });

  demoIt('refusals name the field: size over the limit, bad hash, bad base64, an unknown upload', async () => {
    let e = assertError(await agent.call('files.upload', { uploadId: crypto.randomUUID(), name: 'big.iso', size: 25 * 1024 * 1024 + 1, sha256: sha256('x') }), 'validation_failed');
    assert.equal(e.data.field, 'size');
    assert.equal(e.data.limit, 25 * 1024 * 1024);
    e = assertError(await agent.call('files.upload', { uploadId: crypto.randomUUID(), name: 'a.txt', size: 1, sha256: 'ABC' }), 'validation_failed');
    assert.equal(e.data.field, 'sha256');
    e = assertError(await agent.call('files.upload', { uploadId: crypto.randomUUID(), name: '../..', size: 1, sha256: sha256('x') }), 'validation_failed');
    assert.equal(e.data.field, 'name');

    const liar = crypto.randomUUID();
    assertResult(await agent.call('files.upload', { uploadId: liar, name: 'a.txt', size: 5, sha256: sha256('other') }));
    e = assertError(await agent.call('files.upload.chunk', { uploadId: liar, offset: 0, data: Buffer.from('hello').toString('base64') }), 'validation_failed');
    assert.equal(e.data.field, 'sha256');
    assert.equal(e.data.actual, sha256('hello'));

    const b64 = crypto.randomUUID();
    assertResult(await agent.call('files.upload', { uploadId: b64, name: 'b.txt', size: 4, sha256: sha256('hola') }));
    e = assertError(await agent.call('files.upload.chunk', { uploadId: b64, offset: 0, data: 'no es base64!' }), 'validation_failed');
    assert.equal(e.data.field, 'data');
    e = assertError(await agent.call('files.upload.chunk', { uploadId: b64, offset: 0, data: Buffer.from('hola, mundo').toString('base64') }), 'validation_failed');
    assert.equal(e.data.field, 'data');

    assertError(await agent.call('files.upload.chunk', { uploadId: crypto.randomUUID(), offset: 0, data: 'AAAA' }), 'not_found');
    assertError(await agent.call('files.read', { sha256: sha256('nobody stored this') }), 'not_found');
  });

  demoIt('only those who may see a ticket carrying a file read it, and only its uploader attaches it', async () => {
    const bytes = Buffer.from('nómina de diciembre\n');
    const id = crypto.randomUUID();
    assert.equal((await send(agent, id, 'nomina.txt', bytes)).complete, true);
    assertResult(await agent.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body: 'La nómina', attachments: [id], opId: opId() }));
    const outsider = dir.agents.find((a) => a.role === 'agent' && a.active && !a.groupIds.includes(ticket.groupId) && a.login !== 'agent');
    assert.ok(outsider, 'demo data has an agent of another group');
    const other = await demo.login(outsider.login);
    assertError(await other.call('files.read', { sha256: sha256(bytes) }), 'forbidden');
    const theirs = assertResult(await other.call('tickets.create', { type: 'incident', subject: 'Otra cosa', groupId: outsider.groupIds[0], opId: opId() })).ticket;
    const e = assertError(await other.call('tickets.addArticle', { ticketId: theirs.id, kind: 'note', body: 'robado', attachments: [id], opId: opId() }), 'validation_failed');
    assert.equal(e.data.field, 'attachments');
    const admin = await demo.login('admin');
    assert.ok((await readAll(admin, sha256(bytes))).equals(bytes));
  });

  demoIt('an empty file needs no chunk, and a message of only files is fine but an empty one is not', async () => {
    const id = crypto.randomUUID();
    const r = assertResult(await agent.call('files.upload', { uploadId: id, name: 'vacio.txt', size: 0, sha256: sha256('') }));
    assert.equal(r.complete, true);
    assert.equal(r.file.size, 0);
    assertResult(await agent.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body: '', attachments: [id], opId: opId() }));
    const e = assertError(await agent.call('tickets.addArticle', { ticketId: ticket.id, kind: 'note', body: '', opId: opId() }), 'validation_failed');
    assert.equal(e.data.field, 'body');
    const empty = await readAll(agent, sha256(''));
    assert.equal(empty.length, 0);
  });
});

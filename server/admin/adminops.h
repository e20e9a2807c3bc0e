#pragma once
// The administration operations, one implementation for both ways in: the protocol (the
// server runs them in its writer's batch, or on a reader for the reads) and the admin commands
// of `atiended` with no server running (inside Store::transact, holding the data folder's
// lock). Each checks its params (invalid_params naming the param), the caller's rights, and
// answers what docs/protocol.md documents for the method. A list form (`responses`, `rules`,
// `calendars` + `policies`) is all or nothing: the first refusal undoes the ones before it and
// names the item ("response 3: ...", data.index).

#include "server/store/caller.h"
#include "server/store/changeset.h"

#include <QJsonObject>
#include <QString>

namespace Atiende::Server {

class Store;

namespace AdminOps {

// Runs a write inside the caller's transaction. A result may carry "endedSessions": the ids of
// the sessions it ended (a password change, a disabled agent, a revocation), whose live
// connections the server then closes.
OpResult write(Store &store, const Caller &caller, const QString &method, const QJsonObject &params,
    qint64 now);
// Runs a read.
OpResult read(Store &store, const Caller &caller, const QString &method, const QJsonObject &params,
    qint64 now);

// A new password must have this many characters at least (the demo desk's accounts are made
// by demo-data, which may use shorter ones).
constexpr int kMinPasswordLength = 12;
constexpr int kMaxPasswordLength = 1024;
// An empty string when the password is acceptable, else why not.
QString passwordProblem(const QString &password);

// agents.password.set with the new password already hashed (the server hashes off its writer
// thread, on the password-check pool).
OpResult setPasswordHash(Store &store, const Caller &caller, const QJsonObject &params,
    const QString &passwordHash, qint64 now);

// How long ended and expired sessions are kept (to tell a returning console why) before
// pruning.
constexpr qint64 kKeepEndedSessionsMs = 7LL * 24 * 3600 * 1000;

} // namespace AdminOps

} // namespace Atiende::Server

#pragma once
// Constants of the WebSocket protocol between atiended and its clients (docs/protocol.md).

#include <QtGlobal>

namespace Atiende::Core::Protocol {

constexpr int kVersion = 1; // what hello negotiates
constexpr qint64 kMaxFrameBytes = 1024 * 1024; // larger frames are refused and the peer dropped
constexpr int kMaxPageSize = 500; // tickets.query, kb.search, customers.history
constexpr int kMaxPullPageSize = 2000; // sync.pull: snapshots move in big pages
constexpr int kDefaultPageSize = 50;
constexpr int kHeartbeatIntervalMs = 30000; // the server pings idle peers this often
constexpr int kHeartbeatTimeoutMs = 90000; // and drops those silent this long
constexpr char kPath[] = "/ws";

} // namespace Atiende::Core::Protocol

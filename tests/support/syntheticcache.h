#pragma once
// A console cache filled with a synthetic desk, written straight through LocalCache (as a
// first snapshot would), for model tests and console benchmarks that need 100,000 tickets
// without a server: names with accents (Muñoz, Peña), subjects in Spanish and English,
// every status and priority, SLA clocks on track, at warning and breached around `now`.

#include <QString>
#include <QUrl>

namespace Atiende::Test {

struct SyntheticDesk
{
    int tickets = 1000;
    int customers = 500;
    int organisations = 40;
    int articlesPerTicket = 0;
    qint64 now = 0; // the clock the SLA clocks are set around (ms since epoch)
    qint64 me = 1; // the agent the cache belongs to (agent ids are 1..12, groups 1..4)
    quint32 seed = 7;
};

// Writes the cache for (dataDir, server, user) as Workspace::cachePath names it.
bool writeSyntheticCache(const QString &dataDir, const QUrl &server, const QString &user,
    const SyntheticDesk &desk, QString *error);

// The ids of the fixed directory the synthetic desk uses.
constexpr qint64 kSyntheticGroups = 4; // 1 Service Desk, 2 Network, 3 Applications, 4 Facilities
constexpr qint64 kSyntheticAgents = 12; // agent n is in group (n - 1) % 4 + 1; agent 1 also in 2

} // namespace Atiende::Test

#pragma once
// Where the KPIs come from when they are not followed change by change: the store. Reads
// the facts of the tickets that count for a run of days (a rebuild of the engine at start,
// a full recomputation in tests, a report), the agents with their presence, the groups, and
// the desk's time zone. Bounded, indexed queries only; runs on whichever thread owns the
// Store (a reader thread for reports.get, the server's start, an admin command).

#include "dayindex.h"
#include "ticketfacts.h"

#include "core/domain/enums.h"

#include <QList>
#include <QString>
#include <QTimeZone>

#include <functional>
#include <vector>

namespace Atiende::Server {

class Store;

struct AgentFacts
{
    qint64 id = 0;
    QString name;
    Core::Role role = Core::Role::Agent;
    bool active = true;
    QList<qint64> groupIds;
    QString presence = QStringLiteral("offline");
};

struct KpiSnapshot
{
    std::vector<TicketFacts> tickets; // open, or touching a day of the window
    QList<AgentFacts> agents;
    QList<qint64> groups;
};

namespace KpiSource {

// The settings key of the desk's time zone (an IANA name).
const QString &timeZoneSettingKey();
// The desk's time zone: the setting, else the zone of the business calendar with the lowest
// id, else UTC. *source says which ("setting", "calendar", "default").
QTimeZone deskTimeZone(Store &store, QString *source = nullptr);
// Sets it (an IANA name the system's tz database knows); false with a message otherwise.
bool setDeskTimeZone(Store &store, const QString &zone, QString *error);

// Calls fn with the facts of every ticket that may count for [fromMs, toMs): changed at or
// after fromMs and created before toMs, or answered a survey in it, or (withOpen) open now,
// in the groups given (all when empty), with its ratings answered in [fromMs, toMs).
// Each ticket once. False if a query failed.
bool readTickets(Store &store, qint64 fromMs, qint64 toMs, const QList<qint64> &groups,
    bool withOpen, const std::function<void(TicketFacts &&)> &fn);

QList<AgentFacts> readAgents(Store &store);

// What the engine starts from: the tickets for the window's days and every open one (of
// those, the ones that count: KpiState::touches or open), agents and groups.
bool readSnapshot(Store &store, const DayIndex &window, KpiSnapshot *out);

} // namespace KpiSource

} // namespace Atiende::Server

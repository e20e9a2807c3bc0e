#include "syntheticcache.h"

#include "cache/localcache.h"
#include "core/domain/timestamp.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace Atiende::Test {

namespace {

const char *const kFirst[] = { "Ana", "Luis", "María", "José", "Lucía", "Jorge", "Carmen", "Íñigo",
    "Sofía", "Raúl", "Elena", "Tomás", "Paula", "Andrés", "Irene", "Óscar" };
const char *const kLast[]
    = { "Muñoz", "Peña", "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
          "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez" };
const char *const kOrgs[] = { "Ayuntamiento", "Clínica", "Hotel", "Logística", "Farmacia",
    "Colegio", "Bodegas", "Talleres", "Editorial", "Consultoría" };
const char *const kPlaces[]
    = { "Sevilla", "Bilbao", "Valencia", "Zaragoza", "Málaga", "Córdoba", "León", "Cádiz" };
const char *const kSubjects[]
    = { "No puedo iniciar sesión: contraseña caducada", "VPN se desconecta cada 10 minutos",
          "La impresora de la 2ª planta no imprime", "Outlook does not sync the shared calendar",
          "Solicitud de portátil nuevo para incorporación", "Error 500 al guardar la factura",
          "Wi-Fi slow in meeting room B", "Acceso a la carpeta de Contabilidad",
          "Teams crashes when sharing the screen", "Cambio de extensión telefónica",
          "Password reset for the ERP", "Configuración del correo en el móvil",
          "Monitor flickers after the update", "Alta de usuario en el CRM",
          "Backup job failed last night", "El lector de tarjetas no responde" };
const char *const kStatuses[] = { "new", "assigned", "in_progress", "pending_customer",
    "pending_third_party", "resolved", "closed" };
const char *const kGroups[] = { "Service Desk", "Network", "Applications", "Facilities" };
const char *const kAgents[] = { "Agent Demo", "Beatriz Soler", "Carlos Vidal", "Diana Prieto",
    "Eduardo Lara", "Fátima Rey", "Gonzalo Ibáñez", "Helena Costa", "Iván Rojas", "Julia Navarro",
    "Kevin Ortiz", "Laura Campos" };

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QJsonObject change(qint64 rev, const QString &entity, qint64 id, const QJsonObject &data)
{
    return { { QStringLiteral("rev"), double(rev) }, { QStringLiteral("entity"), entity },
        { QStringLiteral("id"), double(id) }, { QStringLiteral("op"), QStringLiteral("upsert") },
        { QStringLiteral("data"), data } };
}

QJsonObject clock(qint64 due, qint64 warn, const QString &state, bool stopped, bool paused)
{
    using Core::Timestamp::toJson;
    return { { QStringLiteral("targetMs"), 8.0 * 3600 * 1000 },
        { QStringLiteral("warnPercent"), 75 }, { QStringLiteral("usedMs"), 0.0 },
        { QStringLiteral("runningSince"),
            stopped || paused ? QJsonValue(QJsonValue::Null) : toJson(due - 8LL * 3600 * 1000) },
        { QStringLiteral("stoppedAt"),
            stopped ? toJson(due - 3600 * 1000) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("paused"), paused },
        { QStringLiteral("dueAt"), stopped || paused ? QJsonValue(QJsonValue::Null) : toJson(due) },
        { QStringLiteral("warnAt"),
            stopped || paused ? QJsonValue(QJsonValue::Null) : toJson(warn) },
        { QStringLiteral("state"), state } };
}

} // namespace

bool writeSyntheticCache(const QString &dataDir, const QUrl &server, const QString &user,
    const SyntheticDesk &desk, QString *error)
{
    const qint64 now = desk.now ? desk.now : Core::Timestamp::now();
    auto cache = Client::LocalCache::open(
        Client::Workspace::cachePath(dataDir, server, user), nullptr, error);
    if (!cache)
        return false;
    QRandomGenerator rng(desk.seed);
    qint64 rev = 0;
    QJsonArray batch;
    auto flush = [&]() {
        Client::CacheDelta d;
        const bool ok = batch.isEmpty() || cache->applyChanges(batch, rev, &d);
        batch = QJsonArray();
        return ok;
    };
    cache->beginBulkLoad();
    for (qint64 g = 1; g <= kSyntheticGroups; ++g)
        batch.append(change(++rev, QStringLiteral("group"), g,
            { { QStringLiteral("id"), double(g) }, { QStringLiteral("name"), s(kGroups[g - 1]) },
                { QStringLiteral("tier"), g == 1 ? 1 : 2 } }));
    for (qint64 a = 1; a <= kSyntheticAgents; ++a) {
        QJsonArray groups { double((a - 1) % kSyntheticGroups + 1) };
        if (a == 1)
            groups.append(2);
        batch.append(change(++rev, QStringLiteral("agent"), a,
            { { QStringLiteral("id"), double(a) }, { QStringLiteral("name"), s(kAgents[a - 1]) },
                { QStringLiteral("login"), a == 1 ? user : QStringLiteral("agent%1").arg(a) },
                { QStringLiteral("role"), QStringLiteral("agent") },
                { QStringLiteral("groupIds"), groups }, { QStringLiteral("active"), true } }));
    }
    for (int o = 1; o <= desk.organisations; ++o)
        batch.append(change(++rev, QStringLiteral("organisation"), o,
            { { QStringLiteral("id"), o },
                { QStringLiteral("name"),
                    s(kOrgs[o % 10]) + QLatin1Char(' ') + s(kPlaces[(o / 10) % 8])
                        + (o > 80 ? QStringLiteral(" %1").arg(o) : QString()) } }));
    for (int c = 1; c <= desk.customers; ++c)
        batch.append(change(++rev, QStringLiteral("customer"), c,
            { { QStringLiteral("id"), c },
                { QStringLiteral("name"),
                    s(kFirst[c % 16]) + QLatin1Char(' ') + s(kLast[(c / 16) % 16]) },
                { QStringLiteral("email"), QStringLiteral("c%1@example.com").arg(c) },
                { QStringLiteral("organisationId"), (c % desk.organisations) + 1 } }));
    if (!flush())
        return false;
    using Core::Timestamp::toJson;
    for (int i = 1; i <= desk.tickets; ++i) {
        const QString status = s(kStatuses[rng.bounded(7)]);
        const bool open = status != QLatin1String("resolved") && status != QLatin1String("closed");
        const bool incident = rng.bounded(3) != 0;
        const qint64 group = rng.bounded(int(kSyntheticGroups)) + 1;
        qint64 assignee = 0;
        if (status != QLatin1String("new")) {
            assignee = group + kSyntheticGroups * rng.bounded(3);
            if (assignee > kSyntheticAgents)
                assignee = group;
        }
        const qint64 created = now - qint64(rng.bounded(90 * 24 * 3600)) * 1000;
        const qint64 updated = qMin(now, created + qint64(rng.bounded(5 * 24 * 3600)) * 1000);
        const int customer = rng.bounded(desk.customers) + 1;
        const char *const levels[] = { "high", "medium", "low" };
        const int impact = rng.bounded(3), urgency = rng.bounded(3);
        const char *const priorities[] = { "P1", "P2", "P3", "P3", "P4" };
        QJsonObject t { { QStringLiteral("id"), i },
            { QStringLiteral("number"),
                QStringLiteral("%1-%2")
                    .arg(incident ? QStringLiteral("INC") : QStringLiteral("REQ"))
                    .arg(i, 6, 10, QLatin1Char('0')) },
            { QStringLiteral("type"),
                incident ? QStringLiteral("incident") : QStringLiteral("service_request") },
            { QStringLiteral("subject"),
                s(kSubjects[rng.bounded(16)]) + QStringLiteral(" (%1)").arg(i) },
            { QStringLiteral("status"), status },
            { QStringLiteral("impact"), QLatin1String(levels[impact]) },
            { QStringLiteral("urgency"), QLatin1String(levels[urgency]) },
            { QStringLiteral("priority"), QLatin1String(priorities[impact + urgency]) },
            { QStringLiteral("channel"), QStringLiteral("email") },
            { QStringLiteral("categoryId"), QJsonValue::Null },
            { QStringLiteral("groupId"), double(group) },
            { QStringLiteral("assigneeId"),
                assignee ? QJsonValue(double(assignee)) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("customerId"), customer },
            { QStringLiteral("organisationId"), (customer % desk.organisations) + 1 },
            { QStringLiteral("createdBy"), QJsonValue::Null },
            { QStringLiteral("createdAt"), toJson(created) },
            { QStringLiteral("updatedAt"), toJson(updated) }, { QStringLiteral("reopenCount"), 0 },
            { QStringLiteral("version"), 1 } };
        if (open) {
            // Due between two hours ago and two days ahead: some breached, some at warning.
            const qint64 due = now + (qint64(rng.bounded(50 * 60)) - 2 * 60) * 60 * 1000;
            const qint64 warn = due - 2LL * 3600 * 1000;
            const bool paused = status.startsWith(QLatin1String("pending"));
            const QString state = paused ? QStringLiteral("paused")
                : now >= due             ? QStringLiteral("breached")
                : now >= warn            ? QStringLiteral("warning")
                                         : QStringLiteral("running");
            t.insert(QStringLiteral("sla"),
                QJsonObject { { QStringLiteral("policyId"), 1 },
                    { QStringLiteral("firstResponse"),
                        clock(due - 3600 * 1000, warn, QStringLiteral("met"), true, false) },
                    { QStringLiteral("resolution"), clock(due, warn, state, false, paused) } });
        }
        batch.append(change(++rev, QStringLiteral("ticket"), i, t));
        for (int a = 0; a < desk.articlesPerTicket; ++a) {
            const qint64 id = qint64(i) * 1000 + a;
            batch.append(change(++rev, QStringLiteral("article"), id,
                { { QStringLiteral("id"), double(id) }, { QStringLiteral("ticketId"), i },
                    { QStringLiteral("kind"),
                        a % 3 == 2 ? QStringLiteral("note") : QStringLiteral("reply") },
                    { QStringLiteral("authorAgentId"),
                        a % 2 ? QJsonValue(double(assignee ? assignee : 1))
                              : QJsonValue(QJsonValue::Null) },
                    { QStringLiteral("authorCustomerId"),
                        a % 2 ? QJsonValue(QJsonValue::Null) : QJsonValue(customer) },
                    { QStringLiteral("body"),
                        QStringLiteral("Mensaje %1 del ticket %2: **revisado** el equipo.")
                            .arg(a)
                            .arg(i) },
                    { QStringLiteral("createdAt"), toJson(created + a * 60000) } }));
        }
        if (batch.size() >= 2000 && !flush())
            return false;
    }
    if (!flush() || !cache->endBulkLoad())
        return false;
    QJsonObject me { { QStringLiteral("id"), double(desk.me) }, { QStringLiteral("login"), user },
        { QStringLiteral("name"), s(kAgents[desk.me - 1]) },
        { QStringLiteral("role"), QStringLiteral("agent") },
        { QStringLiteral("groupIds"),
            QJsonArray { double((desk.me - 1) % kSyntheticGroups + 1), 2 } } };
    return cache->setMeta(
        QStringLiteral("me"), QString::fromUtf8(QJsonDocument(me).toJson(QJsonDocument::Compact)));
}

} // namespace Atiende::Test

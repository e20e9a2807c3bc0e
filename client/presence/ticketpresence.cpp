#include "ticketpresence.h"

#include "client/logging.h"

#include <QPointer>

namespace Atiende::Client {

namespace {
QList<Viewer> without(const QList<Viewer> &viewers, qint64 agentId)
{
    QList<Viewer> out;
    for (const Viewer &v : viewers) {
        if (v.agentId != agentId)
            out.append(v);
    }
    return out;
}
} // namespace

TicketPresence::TicketPresence(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(kTypingIdleMs);
    connect(&m_idle, &QTimer::timeout, this, &TicketPresence::onIdle);
    connect(connection, &Connection::stateChanged, this, &TicketPresence::onConnectionState);
    connect(connection, &Connection::sessionStarted, this, &TicketPresence::onSessionStarted);
    connect(connection, &Connection::notificationReceived, this, &TicketPresence::onNotification);
}

QList<Viewer> TicketPresence::viewers(qint64 ticketId) const
{
    if (!online())
        return {};
    return without(m_tickets.value(ticketId), m_me);
}

void TicketPresence::setViewing(qint64 ticketId)
{
    if (ticketId == m_viewing)
        return;
    // Showing another ticket ends typing in this one; the server knows that too.
    m_typing = false;
    m_idle.stop();
    m_typingSent.invalidate();
    m_viewing = ticketId;
    sendViewing();
}

void TicketPresence::setTyping(qint64 ticketId, bool typing)
{
    if (!typing) {
        if (!m_typing || ticketId != m_viewing)
            return;
        m_typing = false;
        m_idle.stop();
        m_typingSent.invalidate();
        sendTyping(false);
        return;
    }
    if (ticketId == 0)
        return;
    if (ticketId != m_viewing) {
        m_viewing = ticketId;
        m_typing = false;
        m_typingSent.invalidate();
        if (ticketId < 0)
            sendViewing(); // the server cannot know it yet: it shows nothing for now
    }
    m_idle.start();
    const bool due
        = !m_typing || !m_typingSent.isValid() || m_typingSent.elapsed() >= kTypingRefreshMs;
    m_typing = true;
    if (due)
        sendTyping(true);
}

void TicketPresence::onIdle()
{
    if (m_typing)
        setTyping(m_viewing, false);
}

void TicketPresence::forget(const QSet<qint64> &ticketIds)
{
    // Only the lists go. What the console shows is the console's to say: a resync removes
    // every ticket and brings them back, and a ticket out of sight is refused if shown again.
    for (qint64 id : ticketIds)
        store(id, {});
}

void TicketPresence::renumber(qint64 tempId, qint64 id)
{
    if (tempId == 0 || m_viewing != tempId)
        return;
    m_viewing = id;
    if (m_typing)
        sendTyping(true);
    else
        sendViewing();
}

void TicketPresence::sendViewing()
{
    call(QStringLiteral("presence.viewing"),
        { { QStringLiteral("ticketId"),
            m_viewing > 0 ? QJsonValue(double(m_viewing)) : QJsonValue(QJsonValue::Null) } });
}

void TicketPresence::sendTyping(bool typing)
{
    if (m_viewing <= 0)
        return;
    if (typing)
        m_typingSent.start();
    call(QStringLiteral("presence.typing"),
        { { QStringLiteral("ticketId"), double(m_viewing) },
            { QStringLiteral("typing"), typing } });
}

void TicketPresence::call(const QString &method, const QJsonObject &params)
{
    if (!online())
        return; // said again when the next session starts
    QPointer<TicketPresence> self(this);
    const quint64 session = m_session;
    m_connection->rpc().call(method, params, [self, session, method](const RpcReply &r) {
        if (!self || session != self->m_session)
            return;
        if (!r.ok) {
            // A ticket that left the agent's sight meanwhile, a dropped link: nothing to show.
            qCInfo(lcPresence).noquote() << method << "refused:" << r.error.message;
            return;
        }
        const Core::TicketViewers t = Core::TicketViewers::fromJson(r.object());
        if (t.ticketId > 0)
            self->store(t.ticketId, t.viewers);
    });
}

void TicketPresence::onConnectionState(Connection::State state)
{
    if (state == Connection::State::Online)
        return; // onSessionStarted takes it from here
    ++m_session;
    clear();
}

void TicketPresence::onSessionStarted()
{
    ++m_session;
    clear();
    m_me = m_connection->agentId();
    // The server forgot this console with its last connection: say again what it shows,
    // then ask for the whole picture.
    if (m_viewing > 0) {
        if (m_typing)
            sendTyping(true);
        else
            sendViewing();
    }
    QPointer<TicketPresence> self(this);
    const quint64 session = m_session;
    m_connection->rpc().call(
        QStringLiteral("presence.list"), {}, [self, session](const RpcReply &r) {
            if (!self || session != self->m_session)
                return;
            if (!r.ok) {
                qCInfo(lcPresence).noquote() << "presence.list refused:" << r.error.message;
                return;
            }
            QHash<qint64, QList<Viewer>> next;
            for (const Core::TicketViewers &t : Core::TicketViewers::listFromJson(r.object()))
                next.insert(t.ticketId, t.viewers);
            const QList<qint64> held = self->m_tickets.keys();
            for (qint64 ticketId : held) {
                if (!next.contains(ticketId))
                    self->store(ticketId, {});
            }
            for (auto it = next.cbegin(); it != next.cend(); ++it)
                self->store(it.key(), it.value());
        });
}

void TicketPresence::onNotification(const QString &method, const QJsonObject &params)
{
    if (method != QLatin1String("presence.changed"))
        return;
    const Core::TicketViewers t = Core::TicketViewers::fromJson(params);
    if (t.ticketId > 0)
        store(t.ticketId, t.viewers);
}

void TicketPresence::store(qint64 ticketId, const QList<Viewer> &viewers)
{
    const QList<Viewer> before = without(m_tickets.value(ticketId), m_me);
    if (viewers.isEmpty())
        m_tickets.remove(ticketId);
    else
        m_tickets.insert(ticketId, viewers);
    if (without(viewers, m_me) != before)
        Q_EMIT changed(ticketId);
}

void TicketPresence::clear()
{
    const QList<qint64> held = m_tickets.keys();
    for (qint64 ticketId : held)
        store(ticketId, {});
}

} // namespace Atiende::Client

// Editing a group's members: only admins, only real agents, and an agent who leaves a group
// hands the group's tickets they held back to its queue, never leaving one without a group.

#include "deskfixture.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

class GroupMembersTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void removedAgentHandsTicketsBack();
    void onlyAdminsEditMembership();
    void unknownAgentChangesNothing();
    void addingAnAgentHandsNothingBack();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    Ticket create(qint64 agent, const QString &subject, qint64 groupId, qint64 assigneeId);
    // What groups.members.set runs in its one transaction.
    OpResult setMembers(qint64 by, qint64 groupId, const QList<qint64> &agentIds,
        QList<qint64> *handedBack = nullptr);
    int handBackEvents(qint64 ticketId);

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    qint64 m_now = 1767225600000;
};

void GroupMembersTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
}

void GroupMembersTest::cleanup()
{
    m_store.reset();
    delete m_dir;
}

OpResult GroupMembersTest::write(const std::function<OpResult()> &fn)
{
    m_now += 1000;
    return Test::commit(*m_store, fn);
}

Ticket GroupMembersTest::create(
    qint64 agent, const QString &subject, qint64 groupId, qint64 assigneeId)
{
    NewTicket n;
    n.subject = subject;
    n.description = QStringLiteral("Desde esta mañana.");
    n.groupId = groupId;
    n.assigneeId = assigneeId;
    const OpResult r = write([&] { return m_store->tickets().create(caller(agent), n, m_now); });
    if (!r.ok)
        qWarning() << r.error.message;
    return Ticket::fromJson(r.result.toObject().value(QStringLiteral("ticket")).toObject());
}

OpResult GroupMembersTest::setMembers(
    qint64 by, qint64 groupId, const QList<qint64> &agentIds, QList<qint64> *handedBack)
{
    return write([&] {
        OpResult r = m_store->directory().setGroupMembers(caller(by), groupId, agentIds);
        if (!r.ok)
            return r;
        QList<qint64> removed;
        idListFromJson(r.result.toObject().value(QStringLiteral("removed")), &removed);
        for (qint64 agentId : std::as_const(removed)) {
            const OpResult h = m_store->tickets().handBack(groupId, agentId, m_now);
            if (!h.ok)
                return h;
            r.changes += h.changes;
            if (handedBack)
                idListFromJson(h.result, handedBack);
        }
        return r;
    });
}

int GroupMembersTest::handBackEvents(qint64 ticketId)
{
    int n = 0;
    for (const Article &a : m_store->tickets().articles(ticketId)) {
        if (a.kind == ArticleKind::SystemEvent
            && a.body == QStringLiteral("Back to the queue: Ana is no longer in Service Desk."))
            ++n;
    }
    return n;
}

void GroupMembersTest::removedAgentHandsTicketsBack()
{
    const Ticket assigned = create(
        m_desk.ana, QStringLiteral("La impresora no imprime"), m_desk.serviceDesk, m_desk.ana);
    QCOMPARE(assigned.status, TicketStatus::Assigned);
    const Ticket working
        = create(m_desk.ana, QStringLiteral("Sin correo"), m_desk.serviceDesk, m_desk.ana);
    const OpResult started = write([&] {
        return m_store->tickets().update(caller(m_desk.ana), working.id, working.version,
            { { QStringLiteral("status"), QStringLiteral("in_progress") } }, m_now);
    });
    QVERIFY2(started.ok, qPrintable(started.error.message));
    const Ticket other = create(
        m_desk.bruno, QStringLiteral("El conmutador parpadea"), m_desk.network, m_desk.bruno);

    QList<qint64> handedBack;
    const OpResult r
        = setMembers(m_desk.admin, m_desk.serviceDesk, { m_desk.admin, m_desk.lola }, &handedBack);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("removed")).toArray(),
        QJsonArray { double(m_desk.ana) });
    std::sort(handedBack.begin(), handedBack.end());
    QCOMPARE(handedBack, (QList<qint64> { assigned.id, working.id }));

    for (qint64 id : { assigned.id, working.id }) {
        const Ticket t = *m_store->tickets().ticket(id);
        QCOMPARE(t.status, TicketStatus::New);
        QCOMPARE(t.assigneeId, 0);
        QCOMPARE(t.groupId, m_desk.serviceDesk);
        QCOMPARE(handBackEvents(id), 1);
    }
    const Agent ana = *m_store->directory().agent(m_desk.ana);
    QVERIFY(ana.groupIds.isEmpty());
    QCOMPARE(ana.version, 2);
    bool agentChange = false;
    for (const Change &c : r.changes)
        agentChange = agentChange || (c.entity == QLatin1String("agent") && c.id == m_desk.ana);
    QVERIFY(agentChange);

    const Ticket untouched = *m_store->tickets().ticket(other.id);
    QCOMPARE(untouched.status, TicketStatus::Assigned);
    QCOMPARE(untouched.assigneeId, m_desk.bruno);
    QCOMPARE(untouched.version, other.version);
}

void GroupMembersTest::onlyAdminsEditMembership()
{
    const OpResult byLead = setMembers(m_desk.lola, m_desk.serviceDesk, { m_desk.lola });
    QVERIFY(!byLead.ok);
    QCOMPARE(byLead.error.code, ErrorCode::Forbidden);
    QCOMPARE(
        m_store->directory().agent(m_desk.ana)->groupIds, QList<qint64> { m_desk.serviceDesk });
}

void GroupMembersTest::unknownAgentChangesNothing()
{
    const Ticket assigned = create(
        m_desk.ana, QStringLiteral("La impresora no imprime"), m_desk.serviceDesk, m_desk.ana);
    const OpResult r = setMembers(m_desk.admin, m_desk.serviceDesk, { m_desk.admin, 9999 });
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    QVERIFY2(r.error.message.contains(QStringLiteral("9999")), qPrintable(r.error.message));
    const OpResult noGroup = setMembers(m_desk.admin, 9999, { m_desk.admin });
    QCOMPARE(noGroup.error.code, ErrorCode::ValidationFailed);

    QCOMPARE(
        m_store->directory().agent(m_desk.ana)->groupIds, QList<qint64> { m_desk.serviceDesk });
    QCOMPARE(m_store->directory().agent(m_desk.ana)->version, 1);
    const Ticket t = *m_store->tickets().ticket(assigned.id);
    QCOMPARE(t.assigneeId, m_desk.ana);
    QCOMPARE(t.status, TicketStatus::Assigned);
}

void GroupMembersTest::addingAnAgentHandsNothingBack()
{
    QList<qint64> handedBack;
    const OpResult r = setMembers(m_desk.admin, m_desk.serviceDesk,
        { m_desk.admin, m_desk.ana, m_desk.lola, m_desk.bruno }, &handedBack);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(handedBack.isEmpty());
    QCOMPARE(m_store->directory().agent(m_desk.bruno)->groupIds,
        (QList<qint64> { m_desk.serviceDesk, m_desk.network }));
    QCOMPARE(r.changes.size(), 1); // only bruno's groups changed
}

QTEST_GUILESS_MAIN(GroupMembersTest)
#include "tst_groupmembers.moc"

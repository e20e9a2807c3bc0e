// A ticket's own window closes from the keyboard like any document window: Escape and the
// platform's Close key (Ctrl+W), with the draft typed in it kept (real atiended).

#include "ui/ticket/replyeditor.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/ticketwindow.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "workspace/workspace.h"

#include <QPlainTextEdit>
#include <QPointer>
#include <QStandardPaths>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;

class TicketWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void aKeyClosesTheWindowAndKeepsTheDraft_data();
    void aKeyClosesTheWindowAndKeepsTheDraft();

private:
    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    TestClient m_lola;
    std::unique_ptr<Workspace> m_ana;
};

void TicketWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    m_ana = std::make_unique<Workspace>();
    QVERIFY2(m_ana->open({ m_server.url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                             m_dirs.filePath(QStringLiteral("ana")), false },
                 &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_ana->state() == Client::SyncEngine::State::Online, 20000);
}

void TicketWindowTest::cleanupTestCase()
{
    m_ana.reset();
}

void TicketWindowTest::aKeyClosesTheWindowAndKeepsTheDraft_data()
{
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("Escape") << QKeySequence(Qt::Key_Escape);
    QTest::newRow("Ctrl+W") << QKeySequence(QKeySequence::Close);
}

void TicketWindowTest::aKeyClosesTheWindowAndKeepsTheDraft()
{
    QFETCH(QKeySequence, key);
    QVERIFY(!key.isEmpty());
    const QString subject
        = QStringLiteral("Window test: ") + QLatin1String(QTest::currentDataTag());
    const auto r = m_lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject },
            { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
            { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const qint64 id = r.object()
                          .value(QStringLiteral("ticket"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toInteger();
    QTRY_VERIFY(m_ana->ticket(id).has_value());

    QPointer<Ui::TicketWindow> window = Ui::TicketWindow::open(m_ana.get(), id);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowActive(window));
    window->panel()->focusReply();
    QPlainTextEdit *editor = window->panel()->editor()->editor();
    QTRY_VERIFY(editor->hasFocus());
    QTest::keyClicks(editor, QStringLiteral("Half-written answer"));

    // The key, pressed where the agent is typing.
    QTest::keySequence(editor, key);
    QTRY_VERIFY(!window); // closed (and deleted)
    QCOMPARE(
        m_ana->draft(id).value_or(Client::Draft {}).body, QStringLiteral("Half-written answer"));

    // Opened again, the draft is there.
    window = Ui::TicketWindow::open(m_ana.get(), id);
    QCOMPARE(window->panel()->editor()->text(), QStringLiteral("Half-written answer"));
    window->close();
    QTRY_VERIFY(!window);
}

QTEST_MAIN(TicketWindowTest)
#include "tst_ticketwindow.moc"

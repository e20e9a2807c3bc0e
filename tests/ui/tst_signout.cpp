// "Sign out" in the main window's File menu: kept apart from Settings by a separator, and
// asked first, saying so when changes are still waiting to be sent (an in-process desk,
// FakeDesk: what is tested is the console's menu and question, not the server).
// ATIENDE_WRITE_SCREENSHOTS renders docs/screenshots/sign-out-{en,es}.png.

#include "ui/common/translations.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/signoutquestion.h"

#include "fakedesk.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTranslator>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;

namespace {
Core::NewTicket incident(const QString &subject)
{
    Core::NewTicket t;
    t.subject = subject;
    return t;
}
} // namespace

class SignOutTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void signOutIsSeparatedFromSettings();
    void signingOutIsAskedAndStayingDoesNothing();
    void unsentChangesAreNamedInTheQuestion();
    void screenshots();

private:
    QAction *action(const QString &name) const;
    Ui::SignOutQuestion *question() const;

    FakeDesk m_desk;
    QTemporaryDir m_dir;
    std::unique_ptr<Client::Workspace> m_workspace;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void SignOutTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_desk.addAgent(QStringLiteral("ana"), QStringLiteral("pw-ana"),
        { { QStringLiteral("id"), 2 }, { QStringLiteral("name"), QStringLiteral("Ana Agent") },
            { QStringLiteral("role"), QStringLiteral("agent") } });
    QString error;
    m_workspace = std::make_unique<Client::Workspace>();
    Client::Workspace::Options o { FakeDesk::url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
        m_dir.path(), false };
    o.transport = m_desk.factory();
    QVERIFY2(m_workspace->open(o, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->state() == Client::SyncEngine::State::Online, 20000);
    m_window = std::make_unique<Ui::MainWindow>(m_workspace.get());
    m_window->resize(1280, 720);
    m_window->show();
    m_window->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void SignOutTest::cleanupTestCase()
{
    m_window.reset();
    m_workspace.reset();
}

QAction *SignOutTest::action(const QString &name) const
{
    for (QAction *a : m_window->allActions()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

Ui::SignOutQuestion *SignOutTest::question() const
{
    for (auto *q : m_window->findChildren<Ui::SignOutQuestion *>()) {
        if (q->isVisible())
            return q;
    }
    return nullptr;
}

void SignOutTest::signOutIsSeparatedFromSettings()
{
    QAction *signOut = action(QStringLiteral("app.signout"));
    QAction *settings = action(QStringLiteral("app.settings"));
    QVERIFY(signOut && settings);
    QMenu *file = nullptr;
    for (QAction *top : m_window->menuBar()->actions()) {
        if (top->menu() && top->menu()->actions().contains(signOut))
            file = top->menu();
    }
    QVERIFY(file);
    const QList<QAction *> items = file->actions();
    const qsizetype at = items.indexOf(signOut);
    QVERIFY(at > 0);
    QVERIFY2(items.at(at - 1)->isSeparator(), "a separator right above Sign out");
    QVERIFY(items.indexOf(settings) < at - 1);
}

void SignOutTest::signingOutIsAskedAndStayingDoesNothing()
{
    QSignalSpy requested(m_window.get(), &Ui::MainWindow::signOutRequested);
    action(QStringLiteral("app.signout"))->trigger();
    QTRY_VERIFY(question());
    QVERIFY(requested.isEmpty()); // not yet: it asks first
    QCOMPARE(question()->text(), QStringLiteral("Sign out of Atiende?"));
    QVERIFY(!question()->informativeText().contains(QStringLiteral("not been sent")));
    // Enter by habit, or Escape, stays signed in.
    QCOMPARE(question()->defaultButton(), question()->stayButton());
    QTest::keyClick(question(), Qt::Key_Escape);
    QTRY_VERIFY(!question());
    QVERIFY(requested.isEmpty());

    action(QStringLiteral("app.signout"))->trigger();
    QTRY_VERIFY(question());
    QTest::mouseClick(static_cast<QPushButton *>(question()->signOutButton()), Qt::LeftButton);
    QTRY_COMPARE(requested.size(), 1);
}

void SignOutTest::unsentChangesAreNamedInTheQuestion()
{
    m_workspace->connection()->stop();
    QTRY_VERIFY(m_workspace->state() != Client::SyncEngine::State::Online);
    QVERIFY(!m_workspace->createTicket(incident(QStringLiteral("Made offline"))).isEmpty());
    QVERIFY(!m_workspace->createTicket(incident(QStringLiteral("Made offline too"))).isEmpty());
    QCOMPARE(m_workspace->outboxSize(), 2);

    QSignalSpy requested(m_window.get(), &Ui::MainWindow::signOutRequested);
    action(QStringLiteral("app.signout"))->trigger();
    QTRY_VERIFY(question());
    QVERIFY2(question()->informativeText().contains(
                 QStringLiteral("2 changes made here have not been sent")),
        qPrintable(question()->informativeText()));
    QCOMPARE(question()->icon(), QMessageBox::Warning);
    question()->stayButton()->click();
    QTRY_VERIFY(!question());
    QVERIFY(requested.isEmpty());
}

// docs/screenshots/sign-out-{en,es}.png: the question with changes still waiting.
void SignOutTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the sign-out "
              "question");
    QVERIFY(QDir().mkpath(dir));
    if (m_workspace->outboxSize() == 0) {
        m_workspace->connection()->stop();
        QTRY_VERIFY(m_workspace->state() != Client::SyncEngine::State::Online);
        m_workspace->createTicket(incident(QStringLiteral("Made offline")));
        m_workspace->createTicket(incident(QStringLiteral("Made offline too")));
    }
    auto shoot = [&](const QString &language) {
        action(QStringLiteral("app.signout"))->trigger();
        QTRY_VERIFY(question());
        QTest::qWait(100);
        const QString path = QDir(dir).filePath(QStringLiteral("sign-out-%1.png").arg(language));
        QVERIFY(question()->grab().save(path));
        qInfo() << "wrote" << path;
        question()->stayButton()->click();
        QTRY_VERIFY(!question());
    };
    shoot(QStringLiteral("en"));
    // Spanish as a console started in it has it: our strings, Qt's, and the locale.
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshots show English texts";
    QCoreApplication::processEvents();
    shoot(QStringLiteral("es"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(SignOutTest)
#include "tst_signout.moc"

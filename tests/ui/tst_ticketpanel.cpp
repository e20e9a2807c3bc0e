// The ticket context panel against a real atiended, offscreen: the header and the customer's
// history, replies written offline, drafts that outlive the console, the warning when someone
// answered meanwhile, conflicts, and "assign to me". A second agent (Lola) acts through the
// protocol test client.

#include "ui/ticket/answeredmeanwhiledialog.h"
#include "ui/ticket/cannedpicker.h"
#include "ui/ticket/conflictbanner.h"
#include "ui/ticket/customercard.h"
#include "ui/ticket/escalatedialog.h"
#include "ui/ticket/linkedknowledge.h"
#include "ui/ticket/newticketdialog.h"
#include "ui/ticket/replyeditor.h"
#include "ui/ticket/ticketheader.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/ticketwindow.h"

#include "core/domain/kbarticle.h"
#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "workspace/workspace.h"

#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;
using Ui::TicketPanel;

class TicketPanelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void itShowsTheHeaderAndTheCustomersHistory();
    void aReplyWrittenOfflineShowsPendingUntilTheServerConfirmsIt();
    void aDraftOutlivesThePanelAndTheWorkspace();
    void replyingAfterSomeoneAnsweredWarnsFirstWithWhatTheyWrote();
    void aConflictShowsBothValuesAndKeepTheirsSettlesIt();
    void assignToMeMakesTheAgentTheAssigneeAndTheServerAgrees();
    void aCannedResponseIsFilledInOnlineAndOffline();
    void aReplyRefusedByTheServerIsNotLost();
    void escalatingToAnotherGroupHandsTheTicketOver();
    void aTicketLoggedOfflineKeepsShowingUnderItsNewNumber();
    void aTicketOpensInItsOwnWindow();
    void aKnowledgeArticleIsLinkedOpenedAndUnlinked();
    void theSavedOnThisComputerNoticeGoesOnceBackOnline();

private:
    qint64 createTicket(const QString &subject, qint64 customer = 0);
    QJsonObject serverTicket(qint64 id);
    QJsonArray serverArticles(qint64 id);
    bool waitOnline(Workspace &w, int timeoutMs = 20000);
    std::unique_ptr<Workspace> openAna();
    static QLabel *label(QWidget *in, const char *name)
    {
        return in->findChild<QLabel *>(QLatin1String(name));
    }

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    qint64 m_kbArticle = 0;
    TestClient m_lola;
    std::unique_ptr<Workspace> m_ana;
    std::unique_ptr<TicketPanel> m_panel;
};

void TicketPanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings (window geometry, splitters) too
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    {
        auto store = Server::Store::open(
            m_server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
        QVERIFY2(store, qPrintable(error));
        const Server::OpResult r = store->transact([&] {
            QList<Server::Change> changes;
            Core::KbArticle a;
            a.audience = Core::Audience::Agent;
            a.language = QStringLiteral("es");
            a.title = QStringLiteral("VPN: el cliente no conecta");
            a.body = QStringLiteral("1. Borra el perfil.\n2. Vuelve a instalarlo.");
            m_kbArticle = store->kb().create(a, &changes);
            Server::OpResult ok = Server::OpResult::success(QJsonValue());
            ok.changes = changes;
            return m_kbArticle
                ? ok
                : Server::OpResult::failure(Core::Protocol::ErrorCode::InternalError);
        });
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    QVERIFY(m_server.start());
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
}

std::unique_ptr<Workspace> TicketPanelTest::openAna()
{
    auto w = std::make_unique<Workspace>();
    QString error;
    if (!w->open({ m_server.url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                     m_dirs.filePath(QStringLiteral("ana")), false },
            &error)) {
        qWarning() << error;
        return nullptr;
    }
    w->connection()->setBackoff(100, 1000); // a restarted server is found again quickly
    return w;
}

void TicketPanelTest::init()
{
    if (!m_lola.isOpen())
        QVERIFY(m_lola.open(m_server.url())
            && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    m_ana = openAna();
    QVERIFY(m_ana);
    QVERIFY(waitOnline(*m_ana));
    m_panel = std::make_unique<TicketPanel>(m_ana.get());
    m_panel->resize(1100, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TicketPanelTest::cleanup()
{
    m_panel.reset();
    m_ana.reset();
}

bool TicketPanelTest::waitOnline(Workspace &w, int timeoutMs)
{
    QDeadlineTimer d(timeoutMs);
    while (
        !d.hasExpired() && !(w.state() == Client::SyncEngine::State::Online && w.outboxSize() == 0))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return w.state() == Client::SyncEngine::State::Online && w.outboxSize() == 0;
}

qint64 TicketPanelTest::createTicket(const QString &subject, qint64 customer)
{
    QJsonObject params { { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"), subject },
        { QStringLiteral("description"), QStringLiteral("Reported: ") + subject },
        { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
        { QStringLiteral("channel"), QStringLiteral("phone") },
        { QStringLiteral("opId"), newOpId() } };
    if (customer)
        params.insert(QStringLiteral("customerId"), double(customer));
    const auto r = m_lola.call(QStringLiteral("tickets.create"), params);
    if (!r.ok)
        qWarning() << "tickets.create:" << r.error.message;
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QJsonObject TicketPanelTest::serverTicket(qint64 id)
{
    return m_lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } })
        .object()
        .value(QStringLiteral("ticket"))
        .toObject();
}

QJsonArray TicketPanelTest::serverArticles(qint64 id)
{
    return m_lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } })
        .object()
        .value(QStringLiteral("articles"))
        .toArray();
}

namespace {

bool hasArticle(const QJsonArray &articles, const QString &body, bool *pending = nullptr)
{
    for (const QJsonValue &v : articles) {
        const QJsonObject a = v.toObject();
        if (a.value(QStringLiteral("body")).toString() == body) {
            if (pending)
                *pending = a.value(QStringLiteral("pending")).toBool();
            return true;
        }
    }
    return false;
}

bool hasArticle(
    const QList<Atiende::Core::Article> &articles, const QString &body, bool *pending = nullptr)
{
    for (const Atiende::Core::Article &a : articles) {
        if (a.body == body) {
            if (pending)
                *pending = a.pending;
            return true;
        }
    }
    return false;
}

// The dialog the panel has open now (an earlier one may still wait for deleteLater).
template <typename T> T *openDialog(QWidget *panel)
{
    for (T *d : panel->findChildren<T *>()) {
        if (d->isVisible())
            return d;
    }
    return nullptr;
}

// The menu's actions are made when it opens.
QAction *menuAction(QWidget *header, const char *button, const QString &name)
{
    auto *b = header->findChild<QToolButton *>(QLatin1String(button));
    if (!b || !b->menu())
        return nullptr;
    Q_EMIT b->menu()->aboutToShow();
    return b->menu()->findChild<QAction *>(name);
}

} // namespace

void TicketPanelTest::itShowsTheHeaderAndTheCustomersHistory()
{
    const qint64 earlier = createTicket(QStringLiteral("Printer jams on tray 2"), m_desk.customer);
    const qint64 colleague
        = createTicket(QStringLiteral("Shared drive is read-only"), m_desk.otherCustomer);
    const qint64 id = createTicket(QStringLiteral("VPN drops every hour"), m_desk.customer);
    QVERIFY(earlier && colleague && id);
    QTRY_VERIFY(m_ana->ticket(id).has_value() && m_ana->ticket(earlier).has_value()
        && m_ana->ticket(colleague).has_value());

    QSignalSpy context(m_panel.get(), &TicketPanel::ticketContextChanged);
    m_panel->showTicket(id);
    QCOMPARE(m_panel->ticketId(), id);
    QCOMPARE(context.size(), 1);
    QWidget *header = m_panel->header();
    const QJsonObject server = serverTicket(id);
    QCOMPARE(
        label(header, "ticketNumber")->text(), server.value(QStringLiteral("number")).toString());
    QCOMPARE(label(header, "ticketSubject")->text(), QStringLiteral("VPN drops every hour"));
    QCOMPARE(label(header, "ticketType")->text(), QStringLiteral("Incident"));
    QCOMPARE(label(header, "ticketChannel")->text(), QStringLiteral("via Phone"));
    QCOMPARE(m_panel->header()->statusText(), QStringLiteral("New"));
    QVERIFY(header->findChild<QToolButton *>(QStringLiteral("groupButton"))
                ->text()
                .contains(QStringLiteral("Service Desk")));
    QVERIFY(header->findChild<QToolButton *>(QStringLiteral("priorityButton"))
                ->text()
                .contains(QStringLiteral("P3")));
    QVERIFY(!m_panel->header()->slaText(Atiende::Core::SlaClockName::FirstResponse).isEmpty());
    QVERIFY(!m_panel->isPendingShown());
    QVERIFY(hasArticle(m_panel->conversation(), QStringLiteral("Reported: VPN drops every hour")));

    // The customer card: contact data, organisation, and the other tickets.
    QCOMPARE(label(m_panel.get(), "customerName")->text(), QStringLiteral("Núria Peña"));
    QVERIFY(label(m_panel.get(), "customerContact")
                ->text()
                .contains(QStringLiteral("nuria@ferreteria.example")));
    QVERIFY(label(m_panel.get(), "customerOrganisation")
                ->text()
                .contains(QStringLiteral("Ferretería Norte")));
    QTreeWidget *history = m_panel->customerCard()->historyView();
    QVERIFY(m_panel->customerCard()->listedTickets().contains(earlier));
    QVERIFY(m_panel->customerCard()->listedTickets().contains(colleague)); // the organisation's
    QVERIFY(!m_panel->customerCard()->listedTickets().contains(id)); // not the one shown
    // A live change to the history: a new ticket of the customer joins the list.
    const qint64 later = createTicket(QStringLiteral("Another one"), m_desk.customer);
    QTRY_VERIFY(m_panel->customerCard()->listedTickets().contains(later));

    const QString earlierNumber = serverTicket(earlier).value(QStringLiteral("number")).toString();
    const QList<QTreeWidgetItem *> found
        = history->findItems(earlierNumber, Qt::MatchStartsWith | Qt::MatchRecursive, 0);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first()->data(0, Ui::CustomerCard::SubjectRole).toString(),
        QStringLiteral("Printer jams on tray 2"));
    QCOMPARE(
        found.first()->data(0, Ui::CustomerCard::StatusRole).toString(), QStringLiteral("New"));

    // Clicking an earlier ticket asks the main window to open it...
    {
        QSignalSpy open(m_panel.get(), &TicketPanel::openTicketRequested);
        history->scrollToItem(found.first());
        QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
            history->visualItemRect(found.first()).center());
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toLongLong(), earlier);
        QCOMPARE(m_panel->ticketId(), id);
    }
    // ...or, with nobody to ask, opens it in place.
    QTest::mouseClick(
        history->viewport(), Qt::LeftButton, {}, history->visualItemRect(found.first()).center());
    QCOMPARE(m_panel->ticketId(), earlier);
    QCOMPARE(label(header, "ticketSubject")->text(), QStringLiteral("Printer jams on tray 2"));
    QVERIFY(m_panel->customerCard()->listedTickets().contains(id));
    QCOMPARE(context.size(), 2);
    QCOMPARE(context.last().first().value<Atiende::Core::Ticket>().id, earlier);

    m_panel->showTicket(0);
    QVERIFY(!m_panel->emptyText().isEmpty());
}

void TicketPanelTest::aReplyWrittenOfflineShowsPendingUntilTheServerConfirmsIt()
{
    const qint64 id
        = createTicket(QStringLiteral("Outlook asks for the password again"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);

    m_server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(m_ana->state() != Client::SyncEngine::State::Online, 10000);

    const QString body
        = QStringLiteral("Please try signing in once more, I have unlocked the account.");
    m_panel->focusReply();
    QTest::keyClicks(m_panel->editor()->editor(), body);
    QTest::keyClick(m_panel->editor()->editor(), Qt::Key_Return, Qt::ControlModifier);
    // At once: in the conversation, marked pending, and the editor is free again.
    bool pending = false;
    QVERIFY(hasArticle(m_panel->conversation(), body, &pending));
    QVERIFY(pending);
    QVERIFY(m_panel->isPendingShown());
    QVERIFY(m_panel->editor()->text().isEmpty());
    QVERIFY(!m_ana->draft(id).has_value());
    QCOMPARE(m_ana->outboxSize(), 1);

    QVERIFY(m_server.start());
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isPendingShown(), 30000);
    QVERIFY(hasArticle(m_panel->conversation(), body, &pending));
    QVERIFY(!pending);
    QCOMPARE(m_ana->outboxSize(), 0);
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    QVERIFY(hasArticle(serverArticles(id), body));
}

void TicketPanelTest::aDraftOutlivesThePanelAndTheWorkspace()
{
    const qint64 id = createTicket(QStringLiteral("Laptop fan is loud"), m_desk.customer);
    const qint64 other = createTicket(QStringLiteral("Mouse is missing"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value() && m_ana->ticket(other).has_value());
    m_panel->showTicket(id);
    m_panel->focusNote();
    const QString text = QStringLiteral("Checked the BIOS: fan curve set to silent");
    QTest::keyClicks(m_panel->editor()->editor(), text);
    // Saved while typing (a crash would not lose it), not only when the panel goes.
    QTRY_COMPARE(m_ana->draft(id).value_or(Client::Draft {}).body, text);
    QCOMPARE(m_ana->draft(id)->kind, QStringLiteral("note"));

    // Another ticket starts empty; coming back brings the draft back.
    m_panel->showTicket(other);
    QVERIFY(m_panel->editor()->text().isEmpty());
    QCOMPARE(m_panel->editor()->mode(), Ui::ReplyEditor::Mode::Reply);
    m_panel->showTicket(id);
    QCOMPARE(m_panel->editor()->text(), text);

    // One more word, and the console closes before the draft timer fires.
    QTest::keyClicks(m_panel->editor()->editor(), QStringLiteral(" again"));
    m_panel.reset();
    m_ana.reset();

    m_ana = openAna();
    QVERIFY(m_ana);
    m_panel = std::make_unique<TicketPanel>(m_ana.get());
    m_panel->show();
    m_panel->showTicket(id); // from the cache, before the workspace is even online
    QCOMPARE(m_panel->editor()->text(), text + QStringLiteral(" again"));
    QCOMPARE(m_panel->editor()->mode(), Ui::ReplyEditor::Mode::Note);

    // Sent, it is gone for good.
    QVERIFY(waitOnline(*m_ana));
    m_panel->send();
    QVERIFY(!m_ana->draft(id).has_value());
    QVERIFY(m_panel->editor()->text().isEmpty());
}

void TicketPanelTest::replyingAfterSomeoneAnsweredWarnsFirstWithWhatTheyWrote()
{
    const qint64 id
        = createTicket(QStringLiteral("Cannot print to the third floor"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);

    // Lola answers the customer while Ana is looking at the ticket.
    const QString theirs = QStringLiteral("I have restarted the print spooler, please try again.");
    QVERIFY(m_lola
                .call(QStringLiteral("tickets.addArticle"),
                    { { QStringLiteral("ticketId"), double(id) },
                        { QStringLiteral("kind"), QStringLiteral("reply") },
                        { QStringLiteral("body"), theirs }, { QStringLiteral("opId"), newOpId() } })
                .ok);
    QTRY_VERIFY(hasArticle(m_panel->conversation(), theirs));

    // A note is no answer to the customer: it goes without asking.
    m_panel->focusNote();
    QTest::keyClicks(
        m_panel->editor()->editor(), QStringLiteral("Spooler again, third time this week"));
    m_panel->send();
    QVERIFY(!m_panel->answeredMeanwhileDialog());
    QVERIFY(
        hasArticle(m_panel->conversation(), QStringLiteral("Spooler again, third time this week")));

    // A reply asks first, showing what Lola wrote; reviewing keeps Ana's text.
    const QString mine = QStringLiteral("Could you send me the error message?");
    m_panel->focusReply();
    QTest::keyClicks(m_panel->editor()->editor(), mine);
    QTest::keyClick(m_panel->editor()->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(
        m_panel->answeredMeanwhileDialog() && m_panel->answeredMeanwhileDialog()->isVisible());
    Ui::AnsweredMeanwhileDialog *dialog = m_panel->answeredMeanwhileDialog();
    QVERIFY2(dialog->answersText().contains(theirs), qPrintable(dialog->answersText()));
    QVERIFY(dialog->answersText().contains(QStringLiteral("Lola")));
    QVERIFY(!hasArticle(m_panel->conversation(), mine));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_panel->answeredMeanwhileDialog());
    QCOMPARE(m_panel->editor()->text(), mine);
    QVERIFY(!hasArticle(m_panel->conversation(), mine));

    // Reviewed: sending now goes without another question.
    m_panel->send();
    QVERIFY(!m_panel->answeredMeanwhileDialog());
    QVERIFY(hasArticle(m_panel->conversation(), mine));

    // The customer writes back; "send anyway" sends.
    QVERIFY(m_lola
                .call(QStringLiteral("tickets.addArticle"),
                    { { QStringLiteral("ticketId"), double(id) },
                        { QStringLiteral("kind"), QStringLiteral("reply") },
                        { QStringLiteral("body"),
                            QStringLiteral("And now it says the printer is offline") },
                        { QStringLiteral("opId"), newOpId() } })
                .ok);
    QTRY_VERIFY(hasArticle(
        m_panel->conversation(), QStringLiteral("And now it says the printer is offline")));
    QTest::keyClicks(m_panel->editor()->editor(), QStringLiteral("On my way."));
    m_panel->send();
    QTRY_VERIFY(m_panel->answeredMeanwhileDialog());
    QVERIFY(m_panel->answeredMeanwhileDialog()->answersText().contains(
        QStringLiteral("And now it says the printer is offline")));
    QVERIFY(
        !m_panel->answeredMeanwhileDialog()->answersText().contains(theirs)); // already reviewed
    QTest::mouseClick(m_panel->answeredMeanwhileDialog()->sendAnywayButton(), Qt::LeftButton);
    QTRY_VERIFY(hasArticle(m_panel->conversation(), QStringLiteral("On my way.")));
    QVERIFY(m_panel->editor()->text().isEmpty());
    QVERIFY(waitOnline(*m_ana));
    QVERIFY(hasArticle(serverArticles(id), QStringLiteral("On my way.")));
}

void TicketPanelTest::aConflictShowsBothValuesAndKeepTheirsSettlesIt()
{
    const qint64 id
        = createTicket(QStringLiteral("Email bounces from partner domain"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    const int version = m_ana->ticket(id)->version;
    m_panel->showTicket(id);

    // Offline, Ana lowers the impact from the priority menu...
    m_ana->connection()->stop();
    QAction *low = menuAction(m_panel->header(), "priorityButton", QStringLiteral("impact:low"));
    QVERIFY(low);
    low->trigger();
    QCOMPARE(m_panel->ticket().impact, Atiende::Core::Level::Low);
    QVERIFY(m_panel->isPendingShown());
    // ...while Lola raises it on the server.
    QVERIFY(
        m_lola
            .call(QStringLiteral("tickets.update"),
                { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), version },
                    { QStringLiteral("opId"), newOpId() },
                    { QStringLiteral("fields"),
                        QJsonObject { { QStringLiteral("impact"), QStringLiteral("high") } } } })
            .ok);
    m_ana->connection()->start();
    QVERIFY(waitOnline(*m_ana));
    QTRY_COMPARE(m_panel->conflictBanner()->count(), 1);
    QVERIFY(m_panel->conflictBanner()->isVisible());
    const QString text = m_panel->conflictBanner()->texts().first();
    QVERIFY2(text.contains(QStringLiteral("Impact")) && text.contains(QStringLiteral("Low"))
            && text.contains(QStringLiteral("High")),
        qPrintable(text));
    QCOMPARE(m_panel->ticket().impact, Atiende::Core::Level::High);
    QVERIFY(!m_panel->isPendingShown());

    auto *keep = m_panel->conflictBanner()->findChild<QPushButton *>(QStringLiteral("keepTheirs"));
    QVERIFY(keep);
    QTest::mouseClick(keep, Qt::LeftButton);
    QTRY_COMPARE(m_panel->conflictBanner()->count(), 0);
    QVERIFY(!m_panel->conflictBanner()->isVisible());
    QVERIFY(m_ana->conflicts(id).isEmpty());
    QCOMPARE(serverTicket(id).value(QStringLiteral("impact")).toString(), QStringLiteral("high"));
}

void TicketPanelTest::assignToMeMakesTheAgentTheAssigneeAndTheServerAgrees()
{
    const qint64 id = createTicket(QStringLiteral("New starter needs an account"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    QCOMPARE(m_panel->header()->assigneeText(), QStringLiteral("Unassigned"));
    QVERIFY(m_panel->assignToMeButton()->isEnabled());

    QTest::mouseClick(m_panel->assignToMeButton(), Qt::LeftButton);
    // At once, as the server will decide it: Ana owns it, and a new ticket becomes assigned.
    QCOMPARE(m_panel->header()->assigneeText(), QStringLiteral("Ana"));
    QCOMPARE(m_panel->header()->statusText(), QStringLiteral("Assigned"));
    QVERIFY(!m_panel->assignToMeButton()->isEnabled());
    QTRY_VERIFY(!m_panel->isPendingShown());
    const QJsonObject server = serverTicket(id);
    QCOMPARE(server.value(QStringLiteral("assigneeId")).toInteger(), m_desk.ana);
    QCOMPARE(server.value(QStringLiteral("status")).toString(), QStringLiteral("assigned"));
    QCOMPARE(m_panel->header()->assigneeText(), QStringLiteral("Ana"));

    // The status menu offers only what the lifecycle allows from "assigned".
    QVERIFY(menuAction(m_panel->header(), "statusButton", QStringLiteral("status:in_progress")));
    QVERIFY(!menuAction(m_panel->header(), "statusButton", QStringLiteral("status:closed")));
    m_panel->setStatus(Atiende::Core::TicketStatus::InProgress);
    QCOMPARE(m_panel->header()->statusText(), QStringLiteral("In progress"));
    QVERIFY(waitOnline(*m_ana));
    QTRY_COMPARE(
        serverTicket(id).value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
}

void TicketPanelTest::aCannedResponseIsFilledInOnlineAndOffline()
{
    TestClient admin;
    QVERIFY(admin.open(m_server.url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const auto saved = admin.call(QStringLiteral("canned.save"),
        { { QStringLiteral("response"),
            QJsonObject { { QStringLiteral("title"), QStringLiteral("Password reset done") },
                { QStringLiteral("body"),
                    QStringLiteral("Hola {{customer.firstName}}, soy {{agent.firstName}}. "
                                   "He restablecido la contraseña ({{ticket.number}}).") },
                { QStringLiteral("language"), QStringLiteral("es") },
                { QStringLiteral("keywords"), QStringLiteral("contraseña password") } } } });
    QVERIFY2(saved.ok, qPrintable(saved.error.message));
    const qint64 id = createTicket(QStringLiteral("Forgot my password"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    const QString number = serverTicket(id).value(QStringLiteral("number")).toString();
    const QString expected
        = QStringLiteral("Hola Núria, soy Ana. He restablecido la contraseña (%1).").arg(number);

    // The list is fetched when the picker opens (the response is newer than the catch-up).
    m_panel->showCannedResponses();
    Ui::CannedPicker *picker = m_panel->cannedPicker();
    QVERIFY(picker->isVisible());
    QTRY_COMPARE(picker->visibleCount(), 1);
    QTest::keyClicks(picker->filterEdit(), QStringLiteral("contrasena")); // accents ignored
    QCOMPARE(picker->visibleCount(), 1);
    QTest::keyClick(picker->filterEdit(), Qt::Key_Return);
    QVERIFY(!picker->isVisible());
    QTRY_COMPARE(m_panel->editor()->text(), expected); // by the server

    // Offline the cache fills it in with the same rules.
    m_panel->editor()->setText(QString());
    m_ana->connection()->stop();
    QTRY_VERIFY(m_ana->state() != Client::SyncEngine::State::Online);
    m_panel->showCannedResponses();
    QCOMPARE(m_panel->cannedPicker()->visibleCount(), 1);
    QTest::keyClick(m_panel->cannedPicker()->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_panel->editor()->text(), expected);
}

void TicketPanelTest::aReplyRefusedByTheServerIsNotLost()
{
    const qint64 id
        = createTicket(QStringLiteral("Old request, about to be closed"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);

    // Offline, Ana replies; meanwhile the ticket is resolved and closed on the server.
    m_ana->connection()->stop();
    const QString body = QStringLiteral("Here is the long explanation you asked for.");
    m_panel->focusReply();
    QTest::keyClicks(m_panel->editor()->editor(), body);
    m_panel->send();
    QVERIFY(hasArticle(m_panel->conversation(), body));
    for (const char *status : { "resolved", "closed" }) {
        const auto r = m_lola.call(QStringLiteral("tickets.update"),
            { { QStringLiteral("id"), double(id) },
                { QStringLiteral("baseVersion"),
                    serverTicket(id).value(QStringLiteral("version")) },
                { QStringLiteral("opId"), newOpId() },
                { QStringLiteral("fields"),
                    QJsonObject { { QStringLiteral("status"), QLatin1String(status) } } } });
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    m_ana->connection()->start();
    QVERIFY(waitOnline(*m_ana));
    // The text leaves the conversation and comes back in the banner, with the reason.
    QTRY_COMPARE(m_panel->conflictBanner()->count(), 1);
    QVERIFY(!hasArticle(m_panel->conversation(), body));
    QVERIFY2(m_panel->conflictBanner()->texts().first().contains(QStringLiteral("not added")),
        qPrintable(m_panel->conflictBanner()->texts().first()));
    QCOMPARE(m_panel->conflictBanner()
                 ->findChild<QPlainTextEdit *>(QStringLiteral("refusedText"))
                 ->toPlainText(),
        body);
    QCOMPARE(m_panel->header()->statusText(), QStringLiteral("Closed"));
    // A closed ticket takes no text: it goes to the clipboard instead of the editor.
    QVERIFY(!m_panel->conflictBanner()
                 ->findChild<QPushButton *>(QStringLiteral("copyToEditor"))
                 ->isEnabled());
    QVERIFY(!m_panel->editor()->sendButton()->isEnabled());
    QTest::mouseClick(
        m_panel->conflictBanner()->findChild<QPushButton *>(QStringLiteral("copyToClipboard")),
        Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), body);
    QTest::mouseClick(
        m_panel->conflictBanner()->findChild<QPushButton *>(QStringLiteral("dismiss")),
        Qt::LeftButton);
    QTRY_COMPARE(m_panel->conflictBanner()->count(), 0);
}

void TicketPanelTest::escalatingToAnotherGroupHandsTheTicketOver()
{
    const qint64 id = createTicket(QStringLiteral("Switch on floor 3 is down"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    QSignalSpy context(m_panel.get(), &TicketPanel::ticketContextChanged);

    m_panel->escalate();
    auto *dialog = openDialog<Ui::EscalateDialog>(m_panel.get());
    QVERIFY(dialog && dialog->isVisible());
    auto *to = dialog->findChild<QComboBox *>(QStringLiteral("targetGroup"));
    QCOMPARE(to->currentData().toLongLong(), 0); // the next tier up by default: Network
    QVERIFY(to->currentText().contains(QStringLiteral("Network")));
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("reason"))
        ->setPlainText(QStringLiteral("Needs someone on site"));
    dialog->accept();
    QVERIFY(m_panel->isPendingShown());

    // Ana is not in Network: the ticket leaves her view, and the panel says so.
    QTRY_COMPARE(m_panel->ticketId(), 0);
    QVERIFY2(
        m_panel->emptyText().contains(serverTicket(id).value(QStringLiteral("number")).toString()),
        qPrintable(m_panel->emptyText()));
    QVERIFY(!context.isEmpty() && context.last().first().value<Atiende::Core::Ticket>().id == 0);
    const QJsonObject server = serverTicket(id);
    QCOMPARE(server.value(QStringLiteral("groupId")).toInteger(), m_desk.network);
    bool found = false;
    for (const QJsonValue &a : serverArticles(id))
        found = found
            || a.toObject()
                    .value(QStringLiteral("data"))
                    .toObject()
                    .value(QStringLiteral("escalation"))
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                == QLatin1String("Needs someone on site");
    QVERIFY(found);
    QVERIFY(m_ana->conflicts(id).isEmpty());

    // Escalated offline, a ticket that is resolved meanwhile: the refusal is shown, not lost.
    const qint64 other
        = createTicket(QStringLiteral("Wi-Fi slow in the meeting room"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(other).has_value());
    m_panel->showTicket(other);
    m_ana->connection()->stop();
    m_panel->escalate();
    dialog = openDialog<Ui::EscalateDialog>(m_panel.get());
    QVERIFY(dialog);
    dialog->findChild<QRadioButton *>(QStringLiteral("hierarchical"))->setChecked(true);
    dialog->accept();
    QVERIFY(m_panel->isPendingShown());
    QVERIFY(m_lola
                .call(QStringLiteral("tickets.update"),
                    { { QStringLiteral("id"), double(other) },
                        { QStringLiteral("baseVersion"),
                            serverTicket(other).value(QStringLiteral("version")) },
                        { QStringLiteral("opId"), newOpId() },
                        { QStringLiteral("fields"),
                            QJsonObject {
                                { QStringLiteral("status"), QStringLiteral("resolved") } } } })
                .ok);
    m_ana->connection()->start();
    QVERIFY(waitOnline(*m_ana));
    QTRY_COMPARE(m_panel->conflictBanner()->count(), 1);
    QVERIFY2(m_panel->conflictBanner()->texts().first().contains(QStringLiteral("team leads")),
        qPrintable(m_panel->conflictBanner()->texts().first()));
    QTRY_VERIFY(!m_panel->isPendingShown());
    QCOMPARE(m_panel->ticketId(), other);
    QCOMPARE(serverTicket(other).value(QStringLiteral("groupId")).toInteger(), m_desk.serviceDesk);
}

void TicketPanelTest::aTicketLoggedOfflineKeepsShowingUnderItsNewNumber()
{
    m_panel->showTicket(0);
    m_ana->connection()->stop();
    QTRY_VERIFY(m_ana->state() != Client::SyncEngine::State::Online);

    m_panel->logPhoneCall();
    auto *dialog = openDialog<Ui::NewTicketDialog>(m_panel.get());
    QVERIFY(dialog && dialog->isVisible());
    dialog->setCustomer(m_desk.customer);
    QTest::keyClicks(
        dialog->subjectEdit(), QStringLiteral("Called: the scanner sends blank pages"));
    dialog->setDescription(QStringLiteral("Since the update on Monday."));
    const Atiende::Core::NewTicket asked = dialog->newTicket();
    QCOMPARE(asked.channel, Atiende::Core::Channel::Phone);
    QCOMPARE(asked.customerId, m_desk.customer);
    dialog->accept();

    // Shown at once, with no number yet, pending; a draft starts under the temporary id.
    const qint64 temp = m_panel->ticketId();
    QVERIFY(temp < 0);
    QCOMPARE(label(m_panel->header(), "ticketNumber")->text(), QStringLiteral("New ticket"));
    QVERIFY(m_panel->isPendingShown());
    QVERIFY(hasArticle(m_panel->conversation(), QStringLiteral("Since the update on Monday.")));
    QTest::keyClicks(m_panel->editor()->editor(), QStringLiteral("Ask for the model"));
    m_panel->saveDraftNow();

    m_ana->connection()->start();
    QVERIFY(waitOnline(*m_ana));
    QTRY_VERIFY(m_panel->ticketId() > 0);
    const qint64 id = m_panel->ticketId();
    QTRY_VERIFY(!m_panel->isPendingShown());
    const QJsonObject server = serverTicket(id);
    QCOMPARE(server.value(QStringLiteral("subject")).toString(),
        QStringLiteral("Called: the scanner sends blank pages"));
    QCOMPARE(server.value(QStringLiteral("channel")).toString(), QStringLiteral("phone"));
    QCOMPARE(label(m_panel->header(), "ticketNumber")->text(),
        server.value(QStringLiteral("number")).toString());
    QCOMPARE(m_panel->editor()->text(), QStringLiteral("Ask for the model"));
    QCOMPARE(m_ana->draft(id).value_or(Client::Draft {}).body, QStringLiteral("Ask for the model"));
}

void TicketPanelTest::aTicketOpensInItsOwnWindow()
{
    const qint64 id = createTicket(QStringLiteral("Monitor flickers"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    {
        QSignalSpy asked(m_panel.get(), &TicketPanel::openInOwnWindowRequested);
        m_panel->openInOwnWindow();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().first().toLongLong(), id);
    }
    m_panel->openInOwnWindow(); // nobody to ask: the panel opens it
    QPointer<Ui::TicketWindow> window
        = Ui::TicketWindow::open(m_ana.get(), id); // the same one, raised
    QVERIFY(window);
    int windows = 0;
    for (QWidget *w : QApplication::topLevelWidgets())
        windows += qobject_cast<Ui::TicketWindow *>(w) ? 1 : 0;
    QCOMPARE(windows, 1);
    const QString number = serverTicket(id).value(QStringLiteral("number")).toString();
    QVERIFY(window->windowTitle().contains(number));
    QVERIFY(window->windowTitle().contains(QStringLiteral("Monitor flickers")));
    QCOMPARE(window->panel()->ticketId(), id);
    QVERIFY(
        !window->panel()->findChild<QPushButton *>(QStringLiteral("openInOwnWindow"))->isVisible());
    window->close(); // deletes itself
    QTRY_VERIFY(!window);
}

void TicketPanelTest::aKnowledgeArticleIsLinkedOpenedAndUnlinked()
{
    const qint64 id = createTicket(QStringLiteral("VPN fails from the hotel"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    QVERIFY(m_ana->kbArticle(m_kbArticle).has_value());
    m_panel->showTicket(id);
    Ui::LinkedKnowledge *linked = m_panel->linkedKnowledge();
    QVERIFY(!linked->isVisible());

    QSignalSpy context(m_panel.get(), &TicketPanel::ticketContextChanged);
    m_panel->linkKbArticle(m_kbArticle);
    QVERIFY(linked->isVisible()); // at once
    QCOMPARE(linked->articles(), QList<qint64> { m_kbArticle });
    QVERIFY(!context.isEmpty()); // the KB pane hears of it
    auto *open = linked->findChild<QPushButton *>();
    QVERIFY(open && open->text().contains(QStringLiteral("VPN: el cliente no conecta")));
    QSignalSpy requested(m_panel.get(), &TicketPanel::kbArticleRequested);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toLongLong(), m_kbArticle);
    QVERIFY(waitOnline(*m_ana));
    QCOMPARE(serverTicket(id).value(QStringLiteral("kbArticleIds")).toArray().size(), 1);

    QTest::mouseClick(
        linked->findChild<QToolButton *>(QStringLiteral("unlink:%1").arg(m_kbArticle)),
        Qt::LeftButton);
    QTRY_VERIFY(!linked->isVisible());
    QVERIFY(waitOnline(*m_ana));
    QVERIFY(serverTicket(id).value(QStringLiteral("kbArticleIds")).toArray().isEmpty());
}

void TicketPanelTest::theSavedOnThisComputerNoticeGoesOnceBackOnline()
{
    const qint64 id = createTicket(QStringLiteral("Badge does not open the door"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    m_ana->connection()->stop();
    QTRY_VERIFY(m_ana->state() != Client::SyncEngine::State::Online);

    m_panel->focusReply();
    QTest::keyClicks(
        m_panel->editor()->editor(), QStringLiteral("I have asked facilities to re-enable it."));
    QTest::keyClick(m_panel->editor()->editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(m_panel->editor()->notice().contains(QStringLiteral("Saved on this computer")));

    // Back online the reply goes out, and the notice that it waits goes with it.
    m_ana->connection()->start();
    QVERIFY(waitOnline(*m_ana));
    QTRY_VERIFY(!m_panel->isPendingShown());
    QTRY_VERIFY2(m_panel->editor()->notice().isEmpty(), qPrintable(m_panel->editor()->notice()));
    QVERIFY(
        hasArticle(serverArticles(id), QStringLiteral("I have asked facilities to re-enable it.")));
}

QTEST_MAIN(TicketPanelTest)
#include "tst_ticketpanel.moc"

// The KB pane against a real atiended and a real Workspace: search as you type from the
// synced cache (accents ignored), Enter opens an article, its buttons hand the reply what the
// agent chose, a ticket brings suggestions before anything is typed, and with the server gone
// the search still answers and picks up new articles once it is back.

#include "models/kb/kbresultmodel.h"
#include "ui/kb/kbpane.h"
#include "ui/text/textbrowser.h"
#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include "core/domain/kbarticle.h"
#include "server/store/kbstore.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;
using namespace Atiende::Ui;
using Atiende::Models::KbResultModel;

namespace {

struct Article
{
    const char *title;
    const char *body;
    Core::Audience audience;
    const char *language;
};

const Article kArticles[] = {
    { "Restablecer la contraseña de Outlook",
        "Si Outlook pide la **contraseña** una y otra vez:\n\n1. Cierre Outlook.\n2. Borre las "
        "credenciales guardadas:\n\n"
        "```powershell\ncmdkey /list | Select-String Outlook\n```\n\n3. Vuelva a abrirlo e inicie "
        "sesión.",
        Core::Audience::Public, "es" },
    { "Configuración de la VPN en casa", "Instale el perfil de la VPN desde el portal y reinicie.",
        Core::Audience::Agent, "es" },
    { "Cuenta bloqueada tras cambiar la contraseña",
        "Desbloquee la cuenta en el directorio y pida al usuario que cierre sesión en el móvil.",
        Core::Audience::Agent, "es" },
    { "Printer jams on the second floor", "Open tray 2, remove the paper and restart the printer.",
        Core::Audience::Public, "en" },
};

// Writes KB articles into the server's store (atiended must not be running).
bool addArticles(const QString &dataDir, const QList<Article> &articles, QString *error)
{
    auto store
        = Server::Store::open(QDir(dataDir).filePath(QStringLiteral("atiende.db")), true, error);
    if (!store)
        return false;
    const Server::OpResult r = commit(*store, [&] {
        QList<Server::Change> changes;
        for (const Article &a : articles) {
            Core::KbArticle k;
            k.title = QString::fromUtf8(a.title);
            k.body = QString::fromUtf8(a.body);
            k.audience = a.audience;
            k.language = QString::fromLatin1(a.language);
            k.createdAt = k.updatedAt = QDateTime::currentMSecsSinceEpoch();
            if (!store->kb().create(k, &changes))
                return Server::OpResult::failure(
                    Core::Protocol::ErrorCode::InternalError, QStringLiteral("kb"));
        }
        return Server::OpResult::success(QJsonValue());
    });
    if (!r.ok)
        *error = r.error.message;
    return r.ok;
}

QStringList titles(const KbPane &pane)
{
    QStringList out;
    for (int row = 0; row < pane.results()->rowCount(); ++row)
        out << pane.results()->index(row, 0).data().toString();
    return out;
}

} // namespace

class KbPaneTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typingWithoutAccentsFindsTheArticle();
    void enterOpensTheArticleAndItsButtonsFillTheReply();
    void agentOnlyArticlesAreMarkedInternal();
    void snippetsShowWordsNotMarkdown();
    void aTicketBringsSuggestionsUntilTheAgentTypes();
    void anArticleInAnotherLanguageThanTheCustomersIsSaidBeforeInserting();
    void anArticleGoesIntoTheReplyAsAMessageNotADocument();
    void offlineTheSearchStillAnswersAndNewArticlesArriveOnReconnect();

private:
    QLineEdit *search() const { return m_pane->findChild<QLineEdit *>(QStringLiteral("kbSearch")); }
    QPushButton *button(const char *name) const
    {
        return m_pane->findChild<QPushButton *>(QLatin1String(name));
    }
    qint64 articleId(const QString &title) const
    {
        const QList<Core::KbSearchHit> r = m_workspace->kbSearch(title, 1);
        return r.isEmpty() ? 0 : r.first().id;
    }

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<KbPane> m_pane;
};

void KbPaneTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY2(
        addArticles(m_server.dataDir(), { std::begin(kArticles), std::end(kArticles) }, &error),
        qPrintable(error));
    QVERIFY(m_server.start());
    m_workspace = std::make_unique<Workspace>();
    QVERIFY2(m_workspace->open({ m_server.url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                                   m_dirs.filePath(QStringLiteral("ana")), false },
                 &error),
        qPrintable(error));
    // The first sync brings the knowledge base into the cache.
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->state() == SyncEngine::State::Online
            && !m_workspace->kbSearch(QStringLiteral("printer")).isEmpty(),
        20000);
}

void KbPaneTest::init()
{
    m_pane = std::make_unique<KbPane>(m_workspace.get());
    m_pane->resize(380, 640);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void KbPaneTest::cleanup()
{
    m_pane.reset();
}

void KbPaneTest::typingWithoutAccentsFindsTheArticle()
{
    QCOMPARE(m_pane->showing(), KbPane::Showing::Nothing);
    m_pane->focusSearch();
    QTest::keyClicks(search(), QStringLiteral("contrasena outl"));
    // Debounced: results come once the agent pauses, ranked, the matched words marked.
    QTRY_COMPARE(m_pane->showing(), KbPane::Showing::Results);
    QCOMPARE(
        titles(*m_pane), QStringList { QStringLiteral("Restablecer la contraseña de Outlook") });
    QVERIFY(m_pane->results()
                ->index(0, 0)
                .data(KbResultModel::SnippetRole)
                .toString()
                .contains(QLatin1String("<mark>")));

    search()->clear();
    QTest::keyClicks(search(), QStringLiteral("contrasena"));
    QTRY_COMPARE(titles(*m_pane).size(), 2);
    QVERIFY(
        titles(*m_pane).contains(QStringLiteral("Cuenta bloqueada tras cambiar la contraseña")));

    search()->clear();
    QTest::keyClicks(search(), QStringLiteral("zzzz"));
    QTRY_VERIFY(titles(*m_pane).isEmpty());
    QVERIFY(m_pane->findChild<QLabel *>(QStringLiteral("kbStatus"))
                ->text()
                .contains(QStringLiteral("zzzz")));
}

void KbPaneTest::enterOpensTheArticleAndItsButtonsFillTheReply()
{
    m_pane->focusSearch();
    QTest::keyClicks(search(), QStringLiteral("outlook"));
    QTest::keyClick(search(), Qt::Key_Return); // at once, before the pause: it searches first
    const qint64 id = articleId(QStringLiteral("Restablecer la contraseña de Outlook"));
    QVERIFY(id > 0);
    QCOMPARE(m_pane->currentArticleId(), id);
    QVERIFY(m_pane->findChild<QWidget *>(QStringLiteral("kbArticlePanel"))->isVisible());
    QVERIFY(m_pane->findChild<QWidget *>(QStringLiteral("kbArticlePanel"))->height()
        > m_pane->height() / 3);
    QCOMPARE(m_pane->findChild<QLabel *>(QStringLiteral("kbArticleTitle"))->text(),
        QStringLiteral("Restablecer la contraseña de Outlook"));
    auto *view = m_pane->findChild<TextBrowser *>(QStringLiteral("kbArticle"));
    QVERIFY(view->toPlainText().contains(QStringLiteral("Borre las credenciales guardadas")));
    QVERIFY(!view->toPlainText().contains(QStringLiteral("**"))); // rendered, not shown as source

    const QString body = m_workspace->kbArticle(id)->body;
    QSignalSpy inserted(m_pane.get(), &KbPane::insertText);
    QSignalSpy linked(m_pane.get(), &KbPane::linkToTicket);
    QTest::mouseClick(button("kbInsertArticle"), Qt::LeftButton);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.last().first().toString(), body);
    QTest::mouseClick(button("kbInsertLink"), Qt::LeftButton);
    QCOMPARE(inserted.last().first().toString(),
        QStringLiteral("[KB-%1: Restablecer la contraseña de Outlook](atiende://kb/%1)").arg(id));

    // No ticket, nothing to link to; with one, the link goes to it.
    QVERIFY(!button("kbLinkToTicket")->isEnabled());
    m_pane->setTicketContext(Core::Ticket::fromJson({ { QStringLiteral("id"), 77 },
        { QStringLiteral("subject"), QStringLiteral("Outlook") } }));
    QVERIFY(button("kbLinkToTicket")->isEnabled());
    QTest::mouseClick(button("kbLinkToTicket"), Qt::LeftButton);
    QCOMPARE(linked.size(), 1);
    QCOMPARE(linked.first().first().toLongLong(), id);
    m_pane->setTicketContext(Core::Ticket::fromJson(
        { { QStringLiteral("id"), 77 }, { QStringLiteral("subject"), QStringLiteral("Outlook") },
            { QStringLiteral("kbArticleIds"), QJsonArray { double(id) } } }));
    QVERIFY(!button("kbLinkToTicket")->isEnabled()); // linked already

    // Esc goes back: the article closes, then the search is cleared.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Escape);
    QCOMPARE(m_pane->currentArticleId(), 0);
    QVERIFY(search()->hasFocus());
    QTest::keyClick(search(), Qt::Key_Escape);
    QVERIFY(search()->text().isEmpty());

    QCOMPARE(KbPane::linkMarkdown(5, QStringLiteral("Use [brackets] \\ here")),
        QStringLiteral("[KB-5: Use \\[brackets\\] \\\\ here](atiende://kb/5)"));
}

void KbPaneTest::agentOnlyArticlesAreMarkedInternal()
{
    m_pane->setSearchText(QStringLiteral("vpn"));
    QCOMPARE(titles(*m_pane), QStringList { QStringLiteral("Configuración de la VPN en casa") });
    QVERIFY(m_pane->results()->index(0, 0).data(KbResultModel::InternalRole).toBool());
    m_pane->openArticle(articleId(QStringLiteral("Configuración de la VPN en casa")));
    QCOMPARE(m_pane->findChild<QLabel *>(QStringLiteral("kbArticleAudience"))->text(),
        QStringLiteral("Internal"));
    m_pane->openArticle(articleId(QStringLiteral("Printer jams")));
    QCOMPARE(m_pane->findChild<QLabel *>(QStringLiteral("kbArticleAudience"))->text(),
        QStringLiteral("Public"));
}

void KbPaneTest::snippetsShowWordsNotMarkdown()
{
    QCOMPARE(KbResultModel::withoutMarkdown(
                 QStringLiteral("Si **<mark>Outlook</mark>** pide `cmdkey` ```powershell\n## Pasos "
                                "[la guía](https://kb.example/x) __init__")),
        QStringLiteral("Si <mark>Outlook</mark> pide cmdkey Pasos la guía __init__"));
}

void KbPaneTest::aTicketBringsSuggestionsUntilTheAgentTypes()
{
    TestClient lola;
    QVERIFY(
        lola.open(m_server.url()) && lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    const auto created = lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"),
                QStringLiteral("Outlook me pide las contraseñas cada hora") },
            { QStringLiteral("customerId"), double(m_desk.customer) } });
    QVERIFY(created.ok);
    const qint64 id = qint64(created.object()
                                 .value(QStringLiteral("ticket"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toDouble());
    QTRY_VERIFY(m_workspace->ticket(id).has_value());

    m_pane->setTicketContext(*m_workspace->ticket(id));
    QCOMPARE(m_pane->showing(), KbPane::Showing::Suggestions);
    // Any of the subject's words will do; the article holding most of them comes first.
    const QStringList suggested = titles(*m_pane);
    QVERIFY2(suggested.size() >= 2, qPrintable(suggested.join(QStringLiteral(" | "))));
    QCOMPARE(suggested.first(), QStringLiteral("Restablecer la contraseña de Outlook"));
    QVERIFY(!suggested.contains(QStringLiteral("Printer jams on the second floor")));
    QCOMPARE(m_pane->findChild<QLabel *>(QStringLiteral("kbStatus"))->text(),
        QStringLiteral("Suggested for this ticket"));

    m_pane->focusSearch();
    QTest::keyClicks(search(), QStringLiteral("printer"));
    QTRY_COMPARE(m_pane->showing(), KbPane::Showing::Results);
    QCOMPARE(titles(*m_pane), QStringList { QStringLiteral("Printer jams on the second floor") });
    search()->clear();
    QTRY_COMPARE(m_pane->showing(), KbPane::Showing::Suggestions);

    m_pane->setTicketContext({});
    QCOMPARE(m_pane->showing(), KbPane::Showing::Nothing);
    QVERIFY(titles(*m_pane).isEmpty());
}

void KbPaneTest::anArticleInAnotherLanguageThanTheCustomersIsSaidBeforeInserting()
{
    TestClient lola;
    QVERIFY(
        lola.open(m_server.url()) && lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    auto ticketFor = [&](qint64 customer) -> Core::Ticket {
        const auto created = lola.call(QStringLiteral("tickets.create"),
            { { QStringLiteral("type"), QStringLiteral("incident") },
                { QStringLiteral("subject"), QStringLiteral("La impresora se atasca") },
                { QStringLiteral("customerId"), double(customer) } });
        const qint64 id = qint64(created.object()
                                     .value(QStringLiteral("ticket"))
                                     .toObject()
                                     .value(QStringLiteral("id"))
                                     .toDouble());
        if (!QTest::qWaitFor(
                [&] {
                    return m_workspace->ticket(id).has_value()
                        && m_workspace->customer(customer).has_value();
                },
                10000))
            return {};
        return *m_workspace->ticket(id);
    };
    const Core::Ticket nurias = ticketFor(m_desk.customer); // Spanish
    const Core::Ticket toms = ticketFor(m_desk.otherCustomer); // English
    QVERIFY(nurias.id != 0 && toms.id != 0);
    auto *notice = m_pane->findChild<QLabel *>(QStringLiteral("kbLanguageNotice"));

    // An English article for a Spanish customer: said beside the buttons, before any click.
    m_pane->setTicketContext(nurias);
    m_pane->openArticle(articleId(QStringLiteral("Printer jams")));
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QLatin1String("English"))
            && notice->text().contains(QLatin1String("Spanish")),
        qPrintable(notice->text()));
    QVERIFY(button("kbInsertArticle")->toolTip().contains(notice->text()));
    QCOMPARE(m_pane->customerLanguageMismatch(), QStringLiteral("es"));
    // The same article for an English customer, or a Spanish one for Núria: nothing to say.
    m_pane->setTicketContext(toms);
    QVERIFY(notice->isHidden());
    m_pane->setTicketContext(nurias);
    m_pane->openArticle(articleId(QStringLiteral("Restablecer la contraseña de Outlook")));
    QVERIFY(notice->isHidden());
    // The English one again; then no ticket: no customer to compare with.
    m_pane->openArticle(articleId(QStringLiteral("Printer jams")));
    QVERIFY(notice->isVisible());
    m_pane->setTicketContext({});
    QVERIFY(notice->isHidden());
}

void KbPaneTest::anArticleGoesIntoTheReplyAsAMessageNotADocument()
{
    // The title heading goes (the reply answers about it), section headings become bold
    // lines, lists and code stay; a "#" inside code is code.
    const QString body = QStringLiteral("# How to reset your password\n\nThis guide explains "
                                        "how.\n\n## Steps\n\n1. Open the portal.\n"
                                        "2. Run:\n\n```sh\n# not a heading\npasswd\n```\n\n### If "
                                        "it doesn't work ###\n\nCall us.\n");
    QCOMPARE(KbPane::replyMarkdown(body, QStringLiteral("How to reset your password")),
        QStringLiteral("This guide explains how.\n\n**Steps**\n\n1. Open the portal.\n2. "
                       "Run:\n\n```sh\n# not a heading\npasswd\n```\n\n"
                       "**If it doesn't work**\n\nCall us.\n"));
    // A first heading that is not the title is a section like any other.
    QCOMPARE(
        KbPane::replyMarkdown(QStringLiteral("# Before you start\nText"), QStringLiteral("Other")),
        QStringLiteral("**Before you start**\nText"));

    // What the button hands the reply.
    m_pane->openArticle(articleId(QStringLiteral("Printer jams")));
    QSignalSpy inserted(m_pane.get(), &KbPane::insertText);
    QTest::mouseClick(button("kbInsertArticle"), Qt::LeftButton);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.last().first().toString(),
        QStringLiteral("Open tray 2, remove the paper and restart the printer."));
}

void KbPaneTest::offlineTheSearchStillAnswersAndNewArticlesArriveOnReconnect()
{
    m_server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->state() != SyncEngine::State::Online, 20000);
    m_pane->focusSearch();
    QTest::keyClicks(search(), QStringLiteral("CONTRASENA"));
    QTRY_COMPARE(titles(*m_pane).size(), 2);

    // Meanwhile the knowledge base grows; once the server is back, the pane shows it.
    search()->clear();
    QTest::keyClicks(search(), QStringLiteral("teclado"));
    QTRY_VERIFY(m_pane->findChild<QLabel *>(QStringLiteral("kbStatus"))
                    ->text()
                    .contains(QStringLiteral("teclado")));
    QVERIFY(titles(*m_pane).isEmpty());
    QString error;
    QVERIFY2(addArticles(m_server.dataDir(),
                 { { "Teclado que no responde", "Cambie las pilas del teclado.",
                     Core::Audience::Public, "es" } },
                 &error),
        qPrintable(error));
    QSignalSpy changed(m_workspace.get(), &Workspace::knowledgeBaseChanged);
    QVERIFY(m_server.start());
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 60000);
    QTRY_COMPARE(titles(*m_pane), QStringList { QStringLiteral("Teclado que no responde") });
}

QTEST_MAIN(KbPaneTest)
#include "tst_kbpane.moc"

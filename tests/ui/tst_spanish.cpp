// The console in Spanish has no English left: the main window signed in as a lead against the
// demo desk, every tab, a ticket open with its conversation, the menus, the settings dialog,
// the command palette, the shortcuts dialog, the report, escalation, new-ticket and sign-in
// dialogs, the ticket panel's menus, a message box and a text field's context menu.
// Every text a person reads (labels, buttons, tabs, headers, menu items and their shortcuts,
// tooltips, placeholders, window titles, the timeline's events) is compared with the English
// of our .ts file and Qt's own; data (subjects, names, article titles) is exempt.

#include "ui/mainwindow/mainwindow.h"

#include "dashboard/dashboard.h"
#include "models/kb/kbresultmodel.h"
#include "models/queue/queuemodel.h"
#include "serverprocess.h"
#include "ui/commands/commandpalette.h"
#include "ui/commands/shortcutsdialog.h"
#include "ui/common/translations.h"
#include "ui/dashboard/dashboardtab.h"
#include "ui/dashboard/reportexportdialog.h"
#include "ui/kb/kbpane.h"
#include "ui/login/logindialog.h"
#include "ui/mainwindow/settingsdialog.h"
#include "ui/queue/queuepanel.h"
#include "ui/ticket/escalatedialog.h"
#include "ui/ticket/newticketdialog.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/timelineview.h"
#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QToolButton>
#include <QXmlStreamReader>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;

namespace {

// What a person reads of a string: no mnemonic ampersands, no trailing ellipsis or colon.
QString normalised(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    text = text.simplified();
    while (text.endsWith(QChar(0x2026)) || text.endsWith(QLatin1Char(':'))
        || text.endsWith(QLatin1String("...")))
        text.chop(text.endsWith(QLatin1String("...")) ? 3 : 1);
    return text.trimmed();
}

QStringList wordsOf(const QString &text)
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}']+"));
    QStringList out;
    for (auto it = word.globalMatch(text); it.hasNext();)
        out << it.next().captured().toLower();
    return out;
}

} // namespace

class SpanishTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyVisibleTextIsSpanish();

private:
    struct Seen
    {
        QString where; // widget class and object name, or the menu
        QString text;
    };
    void readSources();
    void collectData();
    void collect(QWidget *root, const QString &where);
    void collectMenu(QMenu *menu, const QString &where);
    void collectTimeline(Ui::TimelineView *timeline);
    void add(const QString &where, const QString &text);
    QString untranslated(const QString &text) const; // why it is English, empty when it is not

    ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<Client::Workspace> m_workspace;
    std::unique_ptr<Ui::MainWindow> m_window;
    QSet<QString> m_english; // normalised source texts whose Spanish is different
    QSet<QString> m_englishWords; // words of those sources no Spanish translation uses
    QStringList m_data; // names, subjects, titles: shown as they are, longest first
    QList<Seen> m_seen;
};

void SpanishTest::readSources()
{
    QFile ts(
        qEnvironmentVariable("ATIENDE_SOURCE_DIR") + QStringLiteral("/translations/atiende_es.ts"));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    QXmlStreamReader xml(&ts);
    QString source;
    QSet<QString> sourceWords, spanishWords;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")
            || xml.name() == QLatin1String("numerusform")) {
            const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            for (const QString &w : wordsOf(translation))
                spanishWords << w;
            if (!source.isEmpty() && normalised(translation) != normalised(source)) {
                m_english << normalised(source);
                for (const QString &w : wordsOf(source))
                    sourceWords << w;
            }
        }
    }
    QVERIFY(!xml.hasError());
    // Qt's own English, as its dialogs and key names say it (the Spanish: Cancelar, Cerrar,
    // Aceptar, Aplicar, Sí, Abajo...). "No" is the same word in both.
    const QStringList qt { QStringLiteral("OK"), QStringLiteral("Cancel"), QStringLiteral("Close"),
        QStringLiteral("Apply"), QStringLiteral("Yes"), QStringLiteral("Save"),
        QStringLiteral("Discard"), QStringLiteral("Help"), QStringLiteral("Reset"),
        QStringLiteral("Restore Defaults"), QStringLiteral("Open"), QStringLiteral("Abort"),
        QStringLiteral("Retry"), QStringLiteral("Ignore"), QStringLiteral("Undo"),
        QStringLiteral("Redo"), QStringLiteral("Cut"), QStringLiteral("Copy"),
        QStringLiteral("Paste"), QStringLiteral("Delete"), QStringLiteral("Select All"),
        QStringLiteral("Down"), QStringLiteral("Up"), QStringLiteral("Left"),
        QStringLiteral("Right"), QStringLiteral("Return"), QStringLiteral("Enter"),
        QStringLiteral("Backspace"), QStringLiteral("Space"), QStringLiteral("Home"),
        QStringLiteral("End"), QStringLiteral("Insert"), QStringLiteral("Escape"),
        QStringLiteral("Shift"), QStringLiteral("Print") };
    for (const QString &t : qt) {
        m_english << t;
        for (const QString &w : wordsOf(t))
            sourceWords << w;
    }
    // Words that are English only: in a source, in no Spanish translation. A Spanish text
    // with one of them has English left in it ("Alt+Down", "due 2026-12-03T14:05").
    for (const QString &w : std::as_const(sourceWords)) {
        if (w.size() >= 3 && !spanishWords.contains(w))
            m_englishWords << w;
    }
    // The event words the server writes in its English bodies, which are no .ts source.
    for (const char *w :
        { "target", "used", "due", "missed", "escalated", "reopened", "satisfaction", "queue" })
        m_englishWords << QString::fromLatin1(w);
    m_englishWords.remove(QStringLiteral("sla"));
    // Spanish words of the locale's own (month and day names: "may" is mayo's short form).
    const QLocale spanish(QLocale::Spanish, QLocale::Spain);
    for (const auto format : { QLocale::LongFormat, QLocale::ShortFormat, QLocale::NarrowFormat }) {
        for (int i = 1; i <= 12; ++i) {
            for (const QString &w : wordsOf(spanish.monthName(i, format) + QLatin1Char(' ')
                     + spanish.standaloneMonthName(i, format)))
                m_englishWords.remove(w);
        }
        for (int i = 1; i <= 7; ++i) {
            for (const QString &w : wordsOf(spanish.dayName(i, format) + QLatin1Char(' ')
                     + spanish.standaloneDayName(i, format)))
                m_englishWords.remove(w);
        }
    }
    QVERIFY(m_english.size() > 500);
}

void SpanishTest::collectData()
{
    QSet<QString> data;
    for (const Core::Agent &a : m_workspace->agents())
        data << a.name;
    for (const Core::Group &g : m_workspace->groups())
        data << g.name << g.description;
    for (const Core::Category &c : m_workspace->categories())
        data << c.name;
    Client::LocalCache::Query all;
    all.limit = 100000;
    for (const Core::Ticket &t : m_workspace->tickets(all)) {
        data << t.subject << t.number;
        if (const auto c = m_workspace->customer(t.customerId))
            data << c->name << c->email << c->phone;
        if (const auto o = m_workspace->organisation(t.organisationId))
            data << o->name << o->domain;
    }
    const Models::KbResultModel *kb = m_window->kbPane()->results();
    for (int r = 0; r < kb->rowCount(); ++r) {
        if (const auto a = m_workspace->kbArticle(kb->idAt(r)))
            data << a->title;
    }
    if (const auto a = m_workspace->kbArticle(m_window->kbPane()->currentArticleId()))
        data << a->title;
    data.remove(QString());
    m_data = data.values();
    std::sort(m_data.begin(), m_data.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void SpanishTest::add(const QString &where, const QString &text)
{
    if (!text.trimmed().isEmpty())
        m_seen << Seen { where, text };
}

void SpanishTest::collectMenu(QMenu *menu, const QString &where)
{
    add(where, menu->title());
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        add(where, a->text());
        // What the menu shows beside the item.
        add(where, a->shortcut().toString(QKeySequence::NativeText));
        if (a->toolTip() != normalised(a->text()))
            add(where, a->toolTip());
        if (a->menu())
            collectMenu(a->menu(), where + QLatin1String(" > ") + normalised(a->menu()->title()));
    }
}

void SpanishTest::collectTimeline(Ui::TimelineView *timeline)
{
    // The events, whole; of replies and notes their heading line (the bodies are data).
    QTextFrame *root = timeline->document()->rootFrame();
    for (QTextFrame *frame : root->childFrames()) {
        const QString kind
            = frame->frameFormat().property(Ui::TimelineView::kArticleKindProperty).toString();
        QTextCursor c(timeline->document());
        c.setPosition(frame->firstPosition());
        if (kind == QLatin1String("event"))
            c.setPosition(frame->lastPosition(), QTextCursor::KeepAnchor);
        else
            c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        add(QStringLiteral("timeline ") + kind, c.selectedText());
        for (QTextBlock b = timeline->document()->findBlock(frame->firstPosition());
             b.isValid() && b.position() <= frame->lastPosition(); b = b.next()) {
            for (auto it = b.begin(); !it.atEnd(); ++it)
                add(QStringLiteral("timeline tooltip"), it.fragment().charFormat().toolTip());
        }
    }
}

void SpanishTest::collect(QWidget *root, const QString &where)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : std::as_const(widgets)) {
        if (!w->isVisibleTo(root->window()) && w != root)
            continue;
        const QString at = where + QLatin1Char(' ')
            + QString::fromLatin1(w->metaObject()->className()) + QLatin1Char('#')
            + w->objectName();
        if (w->isWindow())
            add(at + QLatin1String(" title"), w->windowTitle());
        add(at + QLatin1String(" tooltip"), w->toolTip());
        add(at + QLatin1String(" placeholder"), w->property("placeholderText").toString());
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            add(at, b->text());
        if (auto *l = qobject_cast<QLabel *>(w))
            add(at,
                Qt::mightBeRichText(l->text())
                    ? QTextDocumentFragment::fromHtml(l->text()).toPlainText()
                    : l->text());
        if (auto *g = qobject_cast<QGroupBox *>(w))
            add(at, g->title());
        if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                add(at, tabs->tabText(i));
                add(at + QLatin1String(" tooltip"), tabs->tabToolTip(i));
            }
        }
        if (auto *combo = qobject_cast<QComboBox *>(w)) {
            // Each language in its own name: "English" there is meant.
            if (w->objectName() == QLatin1String("languageChooser"))
                continue;
            for (int i = 0; i < combo->count(); ++i)
                add(at, combo->itemText(i));
        }
        if (auto *timeline = qobject_cast<Ui::TimelineView *>(w))
            collectTimeline(timeline);
        // A header view's model is its item view's, read there.
        if (auto *view = qobject_cast<QAbstractItemView *>(w);
            view && view->model() && !qobject_cast<QHeaderView *>(w)) {
            const QAbstractItemModel *m = view->model();
            for (int c = 0; c < m->columnCount(); ++c) {
                add(at + QLatin1String(" header"), m->headerData(c, Qt::Horizontal).toString());
                add(at + QLatin1String(" header tooltip"),
                    m->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
            }
            // The KB list is article titles and passages: data.
            if (w->objectName() == QLatin1String("kbResults"))
                continue;
            std::function<void(const QModelIndex &)> rows = [&](const QModelIndex &parent) {
                for (int r = 0; r < qMin(m->rowCount(parent), 60); ++r) {
                    for (int c = 0; c < m->columnCount(parent); ++c) {
                        const QModelIndex i = m->index(r, c, parent);
                        add(at + QLatin1String(" cell"), i.data(Qt::DisplayRole).toString());
                        add(at + QLatin1String(" cell tooltip"),
                            i.data(Qt::ToolTipRole).toString());
                    }
                    rows(m->index(r, 0, parent));
                }
            };
            rows(QModelIndex());
        }
    }
}

QString SpanishTest::untranslated(const QString &raw) const
{
    QString text = normalised(raw);
    if (m_english.contains(text))
        return QStringLiteral("is English");
    // Data is shown as it is: names, subjects and titles come out before the words are read
    // (in menus with their "&" doubled, so that it is no mnemonic).
    text = raw;
    for (const QString &d : m_data) {
        text.replace(
            QString(d).replace(QLatin1Char('&'), QLatin1String("&&")), QStringLiteral(" "));
        text.replace(d, QStringLiteral(" "));
    }
    text = normalised(text);
    if (m_english.contains(text))
        return QStringLiteral("is English");
    for (const QString &w : wordsOf(text)) {
        if (m_englishWords.contains(w))
            return QStringLiteral("has the English word \"%1\"").arg(w);
    }
    return QString();
}

void SpanishTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings of the test, not the user's
    readSources();
    QVERIFY2(Ui::Translations::install(
                 *QCoreApplication::instance(), QLocale(QLocale::Spanish, QLocale::Spain)),
        "the Spanish translations, ours and Qt's own (qt6-translations-l10n), must all load");
    QVERIFY(m_server.demoData(200));
    QVERIFY(m_server.start());
    QString error;
    m_workspace = std::make_unique<Client::Workspace>();
    QVERIFY2(m_workspace->open({ m_server.url(), QStringLiteral("lead"), QStringLiteral("demo"),
                                   m_dir.path(), false },
                 &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->state() == Client::SyncEngine::State::Online, 60000);
    m_window = std::make_unique<Ui::MainWindow>(m_workspace.get());
    m_window->resize(1500, 950);
    m_window->show();
    m_window->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->queuePanel()->model()->totalTickets() > 0, 30000);
    // The lead's own open tickets may be none today: every open one fills the queue.
    m_window->queuePanel()->setViewById(QStringLiteral("all-open"));
    QTRY_VERIFY(m_window->queuePanel()->model()->rowCount() > 0);
}

void SpanishTest::cleanupTestCase()
{
    m_window.reset();
    m_workspace.reset();
}

void SpanishTest::everyVisibleTextIsSpanish()
{
    QVERIFY2(m_window->dashboardTab(), "the lead has the dashboard tab");
    // An open ticket (the reply editor shows) with an SLA mark the server made when it started
    // and the most other kinds of event: the timeline shows what the server wrote.
    qint64 chosen = 0;
    int best = -1;
    bool withSla = false;
    Client::LocalCache::Query all;
    all.limit = 100000;
    for (const Core::Ticket &t : m_workspace->tickets(all)) {
        const qint64 id = t.id;
        QSet<int> kinds; // Core::ArticleEvent::Kind
        for (const Core::Article &a : m_workspace->conversation(id)) {
            if (a.data.isEvent())
                kinds << int(a.data.kind);
        }
        const bool open
            = t.status != Core::TicketStatus::Resolved && t.status != Core::TicketStatus::Closed;
        const bool sla = kinds.contains(int(Core::ArticleEvent::Kind::Sla));
        const int score = int(kinds.size()) + (sla ? 100 : 0) + (open ? 50 : 0);
        if (score > best) {
            best = score;
            chosen = id;
            withSla = sla;
        }
    }
    QVERIFY(chosen);
    QVERIFY2(withSla, "the demo desk has SLA marks in some open ticket's conversation");
    m_window->openTicket(chosen);
    QTRY_VERIFY(m_window->ticketPanel()->findChild<Ui::TimelineView *>()
        && !m_window->ticketPanel()->findChild<Ui::TimelineView *>()->articles().isEmpty());
    // The KB pane with an article open (suggestions for the ticket, else a search).
    Ui::KbPane *kb = m_window->kbPane();
    if (kb->results()->rowCount() == 0)
        kb->setSearchText(QStringLiteral("contraseña"));
    QTRY_VERIFY(kb->results()->rowCount() > 0);
    kb->openArticle(kb->results()->idAt(0));
    QCOMPARE(kb->currentArticleId(), kb->results()->idAt(0));

    // Every tab, the main one last (with the ticket).
    QTabWidget *tabs = m_window->tabs();
    for (int i = tabs->count() - 1; i >= 0; --i) {
        tabs->setCurrentIndex(i);
        if (tabs->widget(i)
            == m_window->dashboardTab()) // it asks for its figures: until they are the server's
            QTRY_VERIFY_WITH_TIMEOUT(
                m_workspace->dashboard()->isSubscribed() && m_workspace->dashboard()->isLive(),
                15000);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        collect(m_window.get(), QStringLiteral("tab %1:").arg(i));
    }
    for (QAction *a : m_window->menuBar()->actions()) {
        if (a->menu())
            collectMenu(a->menu(), QStringLiteral("menu ") + normalised(a->text()));
    }
    // A text field's own menu is Qt's.
    std::unique_ptr<QMenu> context(
        m_window->queuePanel()->filterField()->createStandardContextMenu());
    collectMenu(context.get(), QStringLiteral("filter's context menu"));

    Ui::SettingsDialog settings(m_window.get());
    settings.show();
    collect(&settings, QStringLiteral("settings:"));
    settings.close();

    Ui::CommandPalette palette(m_window->allActions(), m_window.get());
    palette.show();
    collect(&palette, QStringLiteral("command palette:"));
    palette.close();

    Ui::ShortcutsDialog shortcuts(m_window->allActions(), m_window.get());
    shortcuts.show();
    collect(&shortcuts, QStringLiteral("shortcuts:"));
    shortcuts.close();

    Ui::ReportExportDialog report(m_workspace.get(), {}, QStringLiteral("Todos mis grupos"),
        QDate::currentDate(), m_window.get());
    report.show();
    collect(&report, QStringLiteral("report:"));
    report.close();

    Ui::EscalateDialog escalate(m_workspace.get(), *m_workspace->ticket(chosen), m_window.get());
    escalate.show();
    collect(&escalate, QStringLiteral("escalate:"));
    escalate.close();

    for (const auto purpose :
        { Ui::NewTicketDialog::Purpose::PhoneCall, Ui::NewTicketDialog::Purpose::ForCustomer }) {
        Ui::NewTicketDialog newTicket(m_workspace.get(), purpose, m_window.get());
        newTicket.show();
        collect(&newTicket, QStringLiteral("new ticket:"));
        newTicket.close();
    }

    // The sign-in dialog, as a console that is not signed in shows it.
    Client::Workspace signedOut;
    Ui::LoginDialog login(
        &signedOut, m_dir.filePath(QStringLiteral("other")), false, m_window.get());
    login.show();
    collect(&login, QStringLiteral("sign-in:"));
    login.close();

    // The menus of buttons (the ticket header's status, priority, category, group and
    // assignee): filled as they open, so told they are about to.
    for (QAbstractButton *b : m_window->findChildren<QAbstractButton *>()) {
        auto *tool = qobject_cast<QToolButton *>(b);
        auto *push = qobject_cast<QPushButton *>(b);
        QMenu *menu = tool ? tool->menu() : push ? push->menu() : nullptr;
        if (!menu || !b->isVisible())
            continue;
        Q_EMIT menu->aboutToShow();
        collectMenu(menu, QStringLiteral("menu of ") + b->objectName());
    }

    QMessageBox box(QMessageBox::Question, QStringLiteral("Atiende"), QStringLiteral("¿Seguro?"),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel | QMessageBox::Close
            | QMessageBox::Apply,
        m_window.get());
    box.show();
    collect(&box, QStringLiteral("message box:"));
    box.close();

    collectData();
    QVERIFY(m_seen.size() > 200);
    QStringList english;
    for (const Seen &s : std::as_const(m_seen)) {
        const QString why = untranslated(s.text);
        if (!why.isEmpty())
            english
                << QStringLiteral("%1: \"%2\" %3").arg(s.where, s.text.simplified().left(160), why);
    }
    english.removeDuplicates();
    if (qEnvironmentVariableIsSet("ATIENDE_SPANISH_LIST")) {
        for (const Seen &s : std::as_const(m_seen))
            qInfo().noquote() << s.where << "|" << s.text.simplified().left(200);
    }
    for (const QString &line : std::as_const(english))
        qWarning().noquote() << "English:" << line;
    QVERIFY2(english.isEmpty(),
        qPrintable(QStringLiteral("%1 texts in English (all of them above), the first: %2")
                       .arg(english.size())
                       .arg(english.value(0))));
}

QTEST_MAIN(SpanishTest)
#include "tst_spanish.moc"

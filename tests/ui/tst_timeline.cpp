// The ticket's conversation: replies, notes and events told apart at a glance, events in the
// agent's words, the agent's unsent entries marked until the server confirms them, Markdown
// in bodies, and a reader scrolled up left where they were.

#include "ui/common/theme.h"
#include "ui/text/markdownrenderer.h"
#include "ui/ticket/timelineview.h"

#include "textlinks.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QtTest>

using namespace Atiende::Ui;

namespace {

constexpr qint64 kTicket = 41;
constexpr qint64 kAna = 2, kBruno = 3, kNuria = 9, kServiceDesk = 1, kNetwork = 5;

QJsonObject article(
    qint64 id, const QString &kind, const QString &body, const QJsonObject &extra = {})
{
    QJsonObject a { { QStringLiteral("id"), double(id) },
        { QStringLiteral("ticketId"), double(kTicket) }, { QStringLiteral("kind"), kind },
        { QStringLiteral("authorAgentId"), double(kAna) },
        { QStringLiteral("authorCustomerId"), QJsonValue::Null }, { QStringLiteral("body"), body },
        { QStringLiteral("createdAt"),
            QStringLiteral("2026-03-05T10:%1:00.000Z").arg(id % 60, 2, 10, QLatin1Char('0')) } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        a.insert(it.key(), it.value());
    return a;
}

QJsonObject systemEvent(
    qint64 id, const QJsonObject &data, const QString &englishBody = QStringLiteral("server words"))
{
    return article(id, QStringLiteral("event"), englishBody,
        { { QStringLiteral("data"), data },
            { QStringLiteral("authorAgentId"), QJsonValue::Null } });
}

QJsonObject customerReply(qint64 id, const QString &body)
{
    return article(id, QStringLiteral("reply"), body,
        { { QStringLiteral("authorAgentId"), QJsonValue::Null },
            { QStringLiteral("authorCustomerId"), double(kNuria) } });
}

QString nameOf(const QString &kind, qint64 id)
{
    static const QHash<QString, QString> names { { QStringLiteral("agent:2"),
                                                     QStringLiteral("Ana") },
        { QStringLiteral("agent:3"), QStringLiteral("Bruno") },
        { QStringLiteral("customer:9"), QStringLiteral("Núria Peña") },
        { QStringLiteral("group:1"), QStringLiteral("Service Desk") },
        { QStringLiteral("group:5"), QStringLiteral("Network") } };
    return names.value(kind + QLatin1Char(':') + QString::number(id));
}

// The view takes typed articles; the tests write them as the server and the cache do.
void setArticles(TimelineView &view, const QJsonArray &json)
{
    QList<Atiende::Core::Article> articles;
    for (const QJsonValue &v : json) {
        const QJsonObject o = v.toObject();
        Atiende::Core::Article a = Atiende::Core::Article::fromJson(o);
        a.id = qint64(
            o.value(QStringLiteral("id")).toDouble()); // the agent's own: temporary negative ids
        a.pending = o.value(QStringLiteral("pending")).toBool();
        articles << a;
    }
    view.setArticles(articles);
}

// The entries' frames, in order.
QList<QTextFrame *> entries(const TimelineView &view)
{
    QList<QTextFrame *> frames;
    for (QTextFrame *f : view.document()->rootFrame()->childFrames()) {
        if (f->frameFormat().hasProperty(TimelineView::kArticleIdProperty))
            frames << f;
    }
    return frames;
}

QString textOf(const QTextFrame *frame)
{
    QTextCursor c(frame->document());
    c.setPosition(frame->firstPosition());
    c.setPosition(frame->lastPosition(), QTextCursor::KeepAnchor);
    return MarkdownRenderer::withoutBreakHints(c.selection().toPlainText());
}

QTextCharFormat formatOf(const TimelineView &view, const QString &needle)
{
    QTextCursor c = view.document()->find(needle);
    if (c.isNull())
        return QTextCharFormat();
    c.setPosition(c.selectionStart() + 1);
    return c.charFormat();
}

} // namespace

class TimelineTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void repliesNotesAndEventsLookDifferent();
    void eventsAreTranslatedFromTheirData_data();
    void eventsAreTranslatedFromTheirData();
    void pendingEntriesAreMarkedUntilConfirmed();
    void markdownInsideAReplyRenders();
    void aReaderScrolledUpKeepsTheirPlace();
    void anotherTicketOpensAtTheEnd();
    void linksAndCopiesAreSafe();
    void anArrivingMailShowsItsAddressesAndHowItWasThreaded();
    void theDesksMailSaysWhereItStandsAndOffersRetryWhenItFailed();
    void quotedTextIsShownOnDemandAndHiddenAgain();
    void onlyALaterMailCanBeMoved();

private:
    std::unique_ptr<TimelineView> m_view;
};

void TimelineTest::init()
{
    m_view = std::make_unique<TimelineView>();
    m_view->setEntityResolver(nameOf);
    m_view->resize(520, 360);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TimelineTest::cleanup()
{
    m_view.reset();
}

void TimelineTest::repliesNotesAndEventsLookDifferent()
{
    const QJsonObject change { { QStringLiteral("changes"),
        QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("status") },
                         { QStringLiteral("from"), QStringLiteral("new") },
                         { QStringLiteral("to"), QStringLiteral("assigned") } },
            QJsonObject { { QStringLiteral("field"), QStringLiteral("assigneeId") },
                { QStringLiteral("from"), QJsonValue::Null },
                { QStringLiteral("to"), double(kAna) } } } } };
    setArticles(*m_view,
        { customerReply(1, QStringLiteral("My VPN drops every hour.")),
            systemEvent(2, change, QStringLiteral("status: new → assigned\nassigneeId: null → 2")),
            article(3, QStringLiteral("note"), QStringLiteral("Probably the 3600 s lease.")),
            article(4, QStringLiteral("reply"), QStringLiteral("Could you try again now?")) });
    const QList<QTextFrame *> frames = entries(*m_view);
    QCOMPARE(frames.size(), 4);
    const QPalette pal = m_view->palette();
    auto background = [](const QTextFrame *f) { return f->frameFormat().background(); };
    QCOMPARE(frames.at(0)->frameFormat().stringProperty(TimelineView::kArticleKindProperty),
        QStringLiteral("reply"));
    QCOMPARE(background(frames.at(0)).color(), Theme::replyBackground(pal));
    QCOMPARE(background(frames.at(3)).color(), Theme::replyBackground(pal));
    QCOMPARE(background(frames.at(2)).color(), Theme::noteBackground(pal));
    QVERIFY(Theme::noteBackground(pal) != Theme::replyBackground(pal));
    QCOMPARE(background(frames.at(1)).style(), Qt::NoBrush); // an event is a line, not a card

    QVERIFY(textOf(frames.at(0)).startsWith(QStringLiteral("Núria Peña · Customer")));
    QVERIFY(textOf(frames.at(2)).startsWith(QStringLiteral("Internal note · Ana")));
    QVERIFY(textOf(frames.at(3)).startsWith(QStringLiteral("Ana · Public reply")));
    const QString eventLine = textOf(frames.at(1));
    QVERIFY2(eventLine.contains(QStringLiteral("Status: New → Assigned; Assignee: none → Ana")),
        qPrintable(eventLine));
    QVERIFY(!eventLine.contains(QLatin1String("assigneeId"))); // not the server's English body
    QCOMPARE(eventLine.count(QLatin1Char('\n')), 0);
    // Muted: between the text and the background.
    const QColor eventColour
        = formatOf(*m_view, QStringLiteral("Status: New")).foreground().color();
    const int text = pal.color(QPalette::Text).lightness(),
              base = pal.color(QPalette::Base).lightness();
    QVERIFY(
        eventColour.lightness() > qMin(text, base) && eventColour.lightness() < qMax(text, base));
}

void TimelineTest::eventsAreTranslatedFromTheirData_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("text");
    QTest::newRow("priority") << QJsonObject { { QStringLiteral("changes"),
        QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("priority") },
            { QStringLiteral("from"), QStringLiteral("P3") },
            { QStringLiteral("to"), QStringLiteral("P1") } } } } }
                              << QStringLiteral("Priority: P3 · Medium → P1 · Critical");
    QTest::newRow("group") << QJsonObject { { QStringLiteral("changes"),
        QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("groupId") },
            { QStringLiteral("from"), double(kServiceDesk) },
            { QStringLiteral("to"), double(kNetwork) } } } } }
                           << QStringLiteral("Group: Service Desk → Network");
    QTest::newRow("sla breached") << QJsonObject { { QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("clock"), QStringLiteral("resolution") },
            { QStringLiteral("state"), QStringLiteral("breached") },
            { QStringLiteral("dueAt"), QJsonValue::Null } } } }
                                  << QStringLiteral("Resolution SLA: target missed");
    QTest::newRow("sla warning") << QJsonObject { { QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("clock"), QStringLiteral("firstResponse") },
            { QStringLiteral("state"), QStringLiteral("warning") },
            { QStringLiteral("dueAt"), QStringLiteral("2026-03-05T12:00:00.000Z") } } } }
                                 << QStringLiteral("First response SLA: About to breach, due ");
    QTest::newRow("sla warning with its share")
        << QJsonObject { { QStringLiteral("sla"),
               QJsonObject { { QStringLiteral("clock"), QStringLiteral("firstResponse") },
                   { QStringLiteral("state"), QStringLiteral("warning") },
                   { QStringLiteral("dueAt"), QStringLiteral("2026-03-05T12:00:00.000Z") },
                   { QStringLiteral("percent"), 75 } } } }
        << QStringLiteral("First response SLA: 75% of the target used, due ");
    QTest::newRow("a mail moved away") << QJsonObject {
        { QStringLiteral("event"), QStringLiteral("articleMoved") },
        { QStringLiteral("articleId"), 7 }, { QStringLiteral("fromTicketId"), double(kTicket) },
        { QStringLiteral("fromNumber"), QStringLiteral("INC-000041") },
        { QStringLiteral("toTicketId"), 42 },
        { QStringLiteral("toNumber"), QStringLiteral("INC-000042") }
    } << QStringLiteral("An entry was moved to INC-000042");
    QTest::newRow("a mail moved here")
        << QJsonObject { { QStringLiteral("event"), QStringLiteral("articleMoved") },
               { QStringLiteral("articleId"), 7 }, { QStringLiteral("fromTicketId"), 40 },
               { QStringLiteral("fromNumber"), QStringLiteral("INC-000040") },
               { QStringLiteral("toTicketId"), double(kTicket) },
               { QStringLiteral("toNumber"), QStringLiteral("INC-000041") } }
        << QStringLiteral("An entry was moved here from INC-000040");
    QTest::newRow("cc")
        << QJsonObject { { QStringLiteral("changes"),
               QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("cc") },
                   { QStringLiteral("from"),
                       QJsonArray { QStringLiteral("jefe@ferreteria.example") } },
                   { QStringLiteral("to"),
                       QJsonArray { QStringLiteral("jefe@ferreteria.example"),
                           QStringLiteral("it@ferreteria.example") } } } } } }
        << QStringLiteral(
               "CC: jefe@ferreteria.example → jefe@ferreteria.example, it@ferreteria.example");
    QTest::newRow("reopened by a bad rating")
        << QJsonObject { { QStringLiteral("reopened"),
               QJsonObject { { QStringLiteral("cause"), QStringLiteral("badRating") },
                   { QStringLiteral("reason"), QStringLiteral("server words") } } } }
        << QStringLiteral("Reopened: the customer rated the resolution bad");
    QTest::newRow("reopened, written before the cause")
        << QJsonObject { { QStringLiteral("reopened"),
               QJsonObject { { QStringLiteral("reason"),
                   QStringLiteral("Reopened: the customer replied.") } } } }
        << QStringLiteral("Reopened: the customer replied");
    QTest::newRow("articles linked") << QJsonObject { { QStringLiteral("changes"),
        QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("kbArticleIds") },
            { QStringLiteral("from"), QJsonArray {} },
            { QStringLiteral("to"), QJsonArray { 12.0, 14.0 } } } } } }
                                     << QStringLiteral("Linked articles: none → ")
            + QLocale().createSeparatedList({ QStringLiteral("KB-12"), QStringLiteral("KB-14") });
    QTest::newRow("escalated") << QJsonObject { { QStringLiteral("escalation"),
        QJsonObject { { QStringLiteral("kind"), QStringLiteral("functional") },
            { QStringLiteral("fromGroupId"), double(kServiceDesk) },
            { QStringLiteral("toGroupId"), double(kNetwork) }, { QStringLiteral("moved"), true },
            { QStringLiteral("reason"), QStringLiteral("VPN concentrator") } } } }
                               << QStringLiteral(
                                      "Escalated from Service Desk to Network — VPN concentrator");
    QTest::newRow("escalated by a rule")
        << QJsonObject { { QStringLiteral("escalation"),
               QJsonObject { { QStringLiteral("kind"), QStringLiteral("functional") },
                   { QStringLiteral("trigger"), QStringLiteral("breach") },
                   { QStringLiteral("clock"), QStringLiteral("resolution") },
                   { QStringLiteral("rule"), 3 },
                   { QStringLiteral("fromGroupId"), double(kServiceDesk) },
                   { QStringLiteral("toGroupId"), double(kNetwork) },
                   { QStringLiteral("moved"), true } } } }
        << QStringLiteral(
               "Escalated from Service Desk to Network (by a rule: resolution SLA breached)");
    QTest::newRow("escalated by hand")
        << QJsonObject { { QStringLiteral("escalation"),
               QJsonObject { { QStringLiteral("kind"), QStringLiteral("hierarchical") },
                   { QStringLiteral("trigger"), QStringLiteral("manual") },
                   { QStringLiteral("byAgentId"), double(kAna) },
                   { QStringLiteral("fromGroupId"), double(kServiceDesk) },
                   { QStringLiteral("leads"), QJsonArray { double(kBruno) } },
                   { QStringLiteral("moved"), false },
                   { QStringLiteral("reason"), QStringLiteral("VIP") } } } }
        << QStringLiteral("Escalated to the group lead: Bruno (by Ana) — VIP");
    QTest::newRow("to the leads") << QJsonObject { { QStringLiteral("escalation"),
        QJsonObject { { QStringLiteral("kind"), QStringLiteral("hierarchical") },
            { QStringLiteral("fromGroupId"), double(kServiceDesk) },
            { QStringLiteral("leads"), QJsonArray { double(kBruno) } },
            { QStringLiteral("moved"), false } } } }
                                  << QStringLiteral("Escalated to the group lead: Bruno");
    QTest::newRow("survey") << QJsonObject { { QStringLiteral("survey"),
        QJsonObject { { QStringLiteral("rating"), QStringLiteral("bad") },
            { QStringLiteral("comment"), QStringLiteral("still slow") } } } }
                            << QStringLiteral("Customer satisfaction: bad — “still slow”");
    QTest::newRow("auto-closed") << QJsonObject {
        { QStringLiteral("autoClosed"), QJsonObject { { QStringLiteral("afterHours"), 72 } } }
    } << QStringLiteral("Closed automatically after 72 hour(s)");
    QTest::newRow("handed back") << QJsonObject {
        { QStringLiteral("event"), QStringLiteral("handedBack") },
        { QStringLiteral("agentId"), double(kBruno) },
        { QStringLiteral("groupId"), double(kNetwork) }
    } << QStringLiteral("Back to the queue: Bruno is no longer in Network");
    QTest::newRow("unknown kind") << QJsonObject { { QStringLiteral("somethingNew"), true } }
                                  << QStringLiteral("server words");
}

void TimelineTest::eventsAreTranslatedFromTheirData()
{
    QFETCH(QJsonObject, data);
    QFETCH(QString, text);
    setArticles(*m_view, { systemEvent(7, data) });
    const QString line = textOf(entries(*m_view).value(0));
    QVERIFY2(line.contains(text), qPrintable(line));
}

void TimelineTest::pendingEntriesAreMarkedUntilConfirmed()
{
    const QJsonObject first = customerReply(1, QStringLiteral("Printer jammed again."));
    QJsonObject mine = article(-1, QStringLiteral("reply"), QStringLiteral("On my way."),
        { { QStringLiteral("pending"), true } });
    m_view->setOnline(true);
    setArticles(*m_view, { first, mine });
    QTextFrame *firstFrame = entries(*m_view).value(0);
    QVERIFY(textOf(entries(*m_view).value(1)).contains(QStringLiteral("Sending…")));
    QVERIFY(entries(*m_view).value(1)->frameFormat().boolProperty(TimelineView::kPendingProperty));
    QCOMPARE(entries(*m_view).value(1)->frameFormat().borderBrush().color(), Theme::pendingMark());

    m_view->setOnline(false);
    QVERIFY(textOf(entries(*m_view).value(1)).contains(QStringLiteral("Waiting to send")));
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("Sending…")));

    // The server confirms: same place, real id, no mark. The entry before is not rendered again.
    mine.remove(QStringLiteral("pending"));
    mine.insert(QStringLiteral("id"), 57);
    m_view->setOnline(true);
    setArticles(*m_view, { first, mine });
    QCOMPARE(entries(*m_view).size(), 2);
    QCOMPARE(entries(*m_view).value(0), firstFrame);
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("Sending…")));
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("Waiting to send")));
    QVERIFY(!entries(*m_view).value(1)->frameFormat().boolProperty(TimelineView::kPendingProperty));
    QCOMPARE(entries(*m_view)
                 .value(1)
                 ->frameFormat()
                 .property(TimelineView::kArticleIdProperty)
                 .toLongLong(),
        57);
}

void TimelineTest::markdownInsideAReplyRenders()
{
    setArticles(*m_view,
        { article(1, QStringLiteral("reply"),
            QStringLiteral("Please run **this** and send the log:\n\n```log\n"
                           "2026-03-05 10:00:02 ERROR sync failed\n```\n\n"
                           "- restart\n- retry\n")) });
    QCOMPARE(formatOf(*m_view, QStringLiteral("this")).fontWeight(), int(QFont::Bold));
    const QTextCharFormat error = formatOf(*m_view, QStringLiteral("ERROR"));
    QVERIFY(error.fontFixedPitch() || !error.fontFamilies().toStringList().isEmpty());
    QVERIFY(error.foreground().style() != Qt::NoBrush);
    QVERIFY(error.foreground().color() != m_view->palette().color(QPalette::Text));
    QVERIFY(m_view->document()->find(QStringLiteral("retry")).block().textList());
}

void TimelineTest::aReaderScrolledUpKeepsTheirPlace()
{
    QJsonArray articles;
    for (int i = 1; i <= 40; ++i)
        articles.append(article(i, i % 3 ? QStringLiteral("reply") : QStringLiteral("note"),
            QStringLiteral("Entry %1\n\nwith a second paragraph.").arg(i)));
    setArticles(*m_view, articles);
    QScrollBar *bar = m_view->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    QVERIFY(m_view->isAtEnd()); // opened at the newest entry

    bar->setValue(bar->maximum() / 3);
    const int reading = bar->value();
    articles.append(customerReply(41, QStringLiteral("Any news?")));
    setArticles(*m_view, articles);
    QCOMPARE(bar->value(), reading);
    QVERIFY(m_view->hasNewEntriesHint());

    m_view->scrollToEnd();
    QVERIFY(m_view->isAtEnd());
    QVERIFY(!m_view->hasNewEntriesHint());
    articles.append(customerReply(42, QStringLiteral("Hello?")));
    setArticles(*m_view, articles);
    QVERIFY(m_view->isAtEnd()); // at the end, it follows
    QVERIFY(!m_view->hasNewEntriesHint());

    // Scrolled up, the agent's own new reply takes them down to it.
    bar->setValue(0);
    articles.append(article(-1, QStringLiteral("reply"), QStringLiteral("Working on it."),
        { { QStringLiteral("pending"), true } }));
    setArticles(*m_view, articles);
    QVERIFY(m_view->isAtEnd());
}

void TimelineTest::anotherTicketOpensAtTheEnd()
{
    QJsonArray articles;
    for (int i = 1; i <= 30; ++i)
        articles.append(article(i, QStringLiteral("reply"), QStringLiteral("Entry %1").arg(i)));
    setArticles(*m_view, articles);
    m_view->verticalScrollBar()->setValue(0);
    QJsonArray other;
    for (int i = 1; i <= 30; ++i) {
        QJsonObject a
            = article(100 + i, QStringLiteral("reply"), QStringLiteral("Other %1").arg(i));
        a.insert(QStringLiteral("ticketId"), 99);
        other.append(a);
    }
    setArticles(*m_view, other);
    QVERIFY(m_view->isAtEnd());
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("Entry 1")));
    setArticles(*m_view, {});
    QCOMPARE(entries(*m_view).size(), 0);
}

void TimelineTest::linksAndCopiesAreSafe()
{
    setArticles(*m_view,
        { article(1, QStringLiteral("reply"),
            QStringLiteral("See [KB-12](atiende://kb/12), then send `")
                + QString(3000, QLatin1Char('z')) + QStringLiteral("`")) });
    QSignalSpy internal(m_view.get(), &TextBrowser::internalLinkActivated);
    Q_EMIT m_view->anchorClicked(QUrl(QStringLiteral("atiende://kb/12")));
    Q_EMIT m_view->anchorClicked(
        QUrl(QStringLiteral("javascript:alert(1)"))); // never reaches anyone
    QCOMPARE(internal.size(), 1);
    QCOMPARE(internal.first().first().toUrl(), QUrl(QStringLiteral("atiende://kb/12")));

    QVERIFY(m_view->toPlainText().contains(MarkdownRenderer::kBreakHint));
    m_view->selectAll();
    m_view->copy();
    const QString copied = QGuiApplication::clipboard()->text();
    if (copied.isEmpty())
        QSKIP("This platform plugin has no clipboard");
    QVERIFY(copied.contains(QString(3000, QLatin1Char('z'))));
    QVERIFY(!copied.contains(MarkdownRenderer::kBreakHint));
}

namespace {

QJsonObject incomingMail(const QString &threadedBy, const QJsonObject &extra = {})
{
    QJsonObject m { { QStringLiteral("direction"), QStringLiteral("in") },
        { QStringLiteral("from"), QStringLiteral("Núria Peña <nuria@ferreteria.example>") },
        { QStringLiteral("to"), QJsonArray { QStringLiteral("soporte@desk.example") } },
        { QStringLiteral("cc"), QJsonArray { QStringLiteral("jefe@ferreteria.example") } },
        { QStringLiteral("subject"), QStringLiteral("Sin VPN") },
        { QStringLiteral("threadedBy"), threadedBy }, { QStringLiteral("automatic"), QString() },
        { QStringLiteral("note"), QString() }, { QStringLiteral("hasQuoted"), true },
        { QStringLiteral("hasHtml"), false } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        m.insert(it.key(), it.value());
    return m;
}

QJsonObject outgoingMail(const QString &state, const QString &error = QString(), int attempts = 0)
{
    return QJsonObject { { QStringLiteral("direction"), QStringLiteral("out") },
        { QStringLiteral("from"), QStringLiteral("soporte@desk.example") },
        { QStringLiteral("to"), QJsonArray { QStringLiteral("nuria@ferreteria.example") } },
        { QStringLiteral("cc"), QJsonArray { QStringLiteral("jefe@ferreteria.example") } },
        { QStringLiteral("subject"), QStringLiteral("[INC-000041] Sin VPN") },
        { QStringLiteral("state"), state }, { QStringLiteral("error"), error },
        { QStringLiteral("attempts"), attempts },
        { QStringLiteral("sentAt"),
            state == QLatin1String("sent") ? QJsonValue(QStringLiteral("2026-03-05T10:06:00.000Z"))
                                           : QJsonValue(QJsonValue::Null) } };
}

QJsonObject withMail(QJsonObject article, const QJsonObject &mail)
{
    article.insert(QStringLiteral("mail"), mail);
    return article;
}

} // namespace

void TimelineTest::anArrivingMailShowsItsAddressesAndHowItWasThreaded()
{
    setArticles(*m_view,
        { withMail(customerReply(1, QStringLiteral("La VPN no conecta.")),
              incomingMail(QStringLiteral("new"))),
            withMail(customerReply(2, QStringLiteral("Sigue sin ir.")),
                incomingMail(QStringLiteral("references"),
                    { { QStringLiteral("automatic"), QStringLiteral("auto-replied") },
                        { QStringLiteral("note"),
                            QStringLiteral("An attachment could not be read.") } })),
            customerReply(3, QStringLiteral("Por teléfono.")) });
    const QList<QTextFrame *> frames = entries(*m_view);
    QCOMPARE(frames.size(), 3);
    const QString first = textOf(frames.at(0));
    QVERIFY2(first.contains(QStringLiteral("From: Núria Peña <nuria@ferreteria.example>")),
        qPrintable(first));
    QVERIFY(first.contains(QStringLiteral("To: soporte@desk.example")));
    QVERIFY(first.contains(QStringLiteral("CC: jefe@ferreteria.example")));
    QVERIFY(first.contains(QStringLiteral("By e-mail · a new conversation")));
    const QString second = textOf(frames.at(1));
    QVERIFY2(second.contains(QStringLiteral("threaded by References")), qPrintable(second));
    QVERIFY(second.contains(QStringLiteral("automatic mail (auto-replied)")));
    QVERIFY(second.contains(QStringLiteral("An attachment could not be read.")));
    // An entry that is no mail says nothing of e-mail.
    const QString third = textOf(frames.at(2));
    QVERIFY(!third.contains(QStringLiteral("From:")));
    QVERIFY(!third.contains(QStringLiteral("By e-mail")));
}

void TimelineTest::theDesksMailSaysWhereItStandsAndOffersRetryWhenItFailed()
{
    const QJsonObject reply = article(5, QStringLiteral("reply"), QStringLiteral("Reinicie."));
    setArticles(*m_view, { withMail(reply, outgoingMail(QStringLiteral("queued"))) });
    QVERIFY(textOf(entries(*m_view).first()).contains(QStringLiteral("waiting to go out")));
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("Retry")));

    setArticles(*m_view, { withMail(reply, outgoingMail(QStringLiteral("sent"))) });
    QVERIFY(textOf(entries(*m_view).first()).contains(QStringLiteral("Sent by e-mail")));
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("Retry")));

    setArticles(*m_view,
        { withMail(reply,
            outgoingMail(QStringLiteral("failed"),
                QStringLiteral("127.0.0.1:2525: connection refused"), 5)) });
    const QString failed = textOf(entries(*m_view).first());
    QVERIFY2(failed.contains(QStringLiteral(
                 "The e-mail could not be sent: 127.0.0.1:2525: connection refused")),
        qPrintable(failed));
    QCOMPARE(formatOf(*m_view, QStringLiteral("could not be sent")).foreground().color(),
        Theme::slaBreached());
    QSignalSpy retry(m_view.get(), &TimelineView::mailRetryRequested);
    QVERIFY(Atiende::Test::clickLink(m_view.get(), QStringLiteral("atiende://mail/retry/5")));
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toLongLong(), 5);

    setArticles(*m_view,
        { withMail(reply,
            outgoingMail(QStringLiteral("bounced"), QStringLiteral("550 no such user"), 1)) });
    QVERIFY(m_view->toPlainText().contains(QStringLiteral("The e-mail bounced: 550 no such user")));
    QVERIFY(m_view->toPlainText().contains(QStringLiteral("Retry")));
    // A retry link typed into a message is text, never an action on someone else's mail.
    setArticles(*m_view,
        { article(
            6, QStringLiteral("reply"), QStringLiteral("[Retry](atiende://mail/retry/77)")) });
    retry.clear();
    Q_EMIT m_view->anchorClicked(QUrl(QStringLiteral("atiende://mail/retry/77")));
    QCOMPARE(retry.size(), 0);
}

void TimelineTest::quotedTextIsShownOnDemandAndHiddenAgain()
{
    setArticles(*m_view,
        { withMail(customerReply(1, QStringLiteral("Ya funciona, gracias.")),
            incomingMail(QStringLiteral("in-reply-to"))) });
    QSignalSpy asked(m_view.get(), &TimelineView::quotedTextRequested);
    QVERIFY(Atiende::Test::clickLink(m_view.get(), QStringLiteral("atiende://mail/quoted/1")));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().toLongLong(), 1);
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("> Reinicie el cliente")));
    m_view->showQuotedText(1, QStringLiteral("El lunes, Soporte escribió:\n> Reinicie el cliente"));
    QVERIFY(m_view->isQuotedTextShown(1));
    QVERIFY(m_view->toPlainText().contains(QStringLiteral("> Reinicie el cliente")));
    QVERIFY(m_view->toPlainText().contains(QStringLiteral("Hide quoted text")));
    // The same link hides it again, without asking the server.
    QVERIFY(Atiende::Test::clickLink(m_view.get(), QStringLiteral("atiende://mail/quoted/1")));
    QCOMPARE(asked.size(), 1);
    QVERIFY(!m_view->isQuotedTextShown(1));
    QVERIFY(!m_view->toPlainText().contains(QStringLiteral("> Reinicie el cliente")));
}

void TimelineTest::onlyALaterMailCanBeMoved()
{
    setArticles(*m_view,
        { withMail(customerReply(1, QStringLiteral("La VPN no conecta.")),
              incomingMail(QStringLiteral("new"))),
            withMail(customerReply(2, QStringLiteral("Otra cosa: la impresora.")),
                incomingMail(QStringLiteral("subject-tag"))) });
    // The first entry is the ticket's description: it stays.
    QVERIFY(!textOf(entries(*m_view).at(0)).contains(QStringLiteral("Move to another ticket")));
    QVERIFY(textOf(entries(*m_view).at(1)).contains(QStringLiteral("Move to another ticket")));
    QSignalSpy move(m_view.get(), &TimelineView::moveRequested);
    QVERIFY(Atiende::Test::clickLink(m_view.get(), QStringLiteral("atiende://article/move/2")));
    QCOMPARE(move.size(), 1);
    QCOMPARE(move.first().first().toLongLong(), 2);
}

QTEST_MAIN(TimelineTest)
#include "tst_timeline.moc"

// The dashboard tab, offscreen, against a real atiended: a lead's backlog tile counts the
// open tickets and follows a new one live without rebuilding anything; a ticket at risk opens
// with a click or Enter; offline the figures stay and say how old they are; an agent is told
// the dashboard is not for them; a report is exported from the tab to CSV and PDF (the PDF
// rendered by pdftoppm); a range too long or no connection is said plainly. Also the pieces:
// figures with nothing to count read "—" (never NaN), and the tables keep their rows by key.
// With ATIENDE_WRITE_SCREENSHOTS=<docs/screenshots> it renders the tab from the demo desk in
// English and Spanish.

#include "models/dashboard/kpitablemodel.h"
#include "ui/common/translations.h"
#include "ui/dashboard/agentloadchart.h"
#include "ui/dashboard/backlogchart.h"
#include "ui/dashboard/dashboardchart.h"
#include "ui/dashboard/dashboardtab.h"
#include "ui/dashboard/flowchart.h"
#include "ui/dashboard/kpiformat.h"
#include "ui/dashboard/kpitile.h"
#include "ui/dashboard/reportexportdialog.h"
#include "ui/dashboard/slatrendchart.h"

#include "core/domain/timestamp.h"
#include "deskfixture.h"
#include "models/labels/labels.h"
#include "report/reportdocument.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/common/theme.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLegend>
#include <QLibraryInfo>
#include <QLineSeries>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTableView>
#include <QTimeZone>
#include <QTranslator>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;
using Models::KpiTableModel;
using Ui::DashboardTab;
using Ui::KpiFormat;

namespace {

// A figure as the protocol writes it (null, missing, a number) as KpiFormat reads it.
KpiFormat::Figure figure(const QJsonValue &v)
{
    return v.isDouble() ? KpiFormat::Figure(v.toDouble()) : std::nullopt;
}

// Pixels that are not (nearly) white.
qint64 inkOf(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 ink = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            ink += qRed(line[x]) < 235 || qGreen(line[x]) < 235 || qBlue(line[x]) < 235;
    }
    return ink;
}

KpiTableModel::Row row(qint64 key, const QString &text)
{
    return { key, { text, QString::number(key) }, {}, {} };
}

QList<qint64> keys(const KpiTableModel &m)
{
    QList<qint64> k;
    for (const auto &r : m.rows())
        k << r.key;
    return k;
}

} // namespace

class DashboardTabTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();

    void figuresWithNothingToCountReadAsDashes_data();
    void figuresWithNothingToCountReadAsDashes();
    void trendsSayWhichWayIsGood_data();
    void trendsSayWhichWayIsGood();
    void tablesKeepTheirRowsByKey();
    void timeAxesLabelWhatFitsInTheDesksTimeZone();

    void anEmptyDeskShowsZerosAndDashesNeverNaN();
    void aLeadSeesTheBacklogAndItFollowsLive();
    void aTicketAtRiskOpensWithADoubleClickOrEnter();
    void offlineTheFiguresStayAndSayHowOldTheyAre();
    void anAgentIsToldTheDashboardIsNotForThem();
    void aReportIsExportedToCsvAndPdf();
    void anExportSaysWhyItCannot();

    void screenshots();

private:
    bool startDesk();
    std::unique_ptr<Workspace> open(const QString &user, const QString &password = QString());
    static bool waitOnline(Workspace &w, int timeoutMs = 20000);
    std::unique_ptr<DashboardTab> showTab(Workspace *w, const QSize &size = QSize(1280, 900));
    qint64 createTicket(
        const QString &subject, qint64 groupId, const QString &impact = QStringLiteral("medium"));
    void resolve(qint64 id);
    static QString tileValue(DashboardTab *tab, const char *name)
    {
        return tab->tile(QLatin1String(name))->value();
    }

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestClient> m_admin;
    Desk m_desk;
    QTemporaryDir m_dirs;
    int m_serial = 0;
};

void DashboardTabTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Offscreen there is no platform dialog; this keeps it so everywhere, for findChild.
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    QVERIFY(m_dirs.isValid());
}

void DashboardTabTest::cleanup()
{
    m_admin.reset();
    m_server.reset();
}

bool DashboardTabTest::startDesk()
{
    m_server = std::make_unique<ServerProcess>();
    QString error;
    m_desk = Desk();
    if (!seedDesk(m_server->dataDir(), &m_desk, &error)) {
        qWarning() << "seedDesk:" << error;
        return false;
    }
    if (!m_server->start()) {
        qWarning().noquote() << "atiended did not start:" << m_server->log();
        return false;
    }
    m_admin = std::make_unique<TestClient>();
    return m_admin->open(m_server->url())
        && m_admin->login(QStringLiteral("admin"), QStringLiteral("pw-admin"));
}

std::unique_ptr<Workspace> DashboardTabTest::open(const QString &user, const QString &password)
{
    auto w = std::make_unique<Workspace>();
    QString error;
    // A folder of its own each time: nothing cached from an earlier test's server.
    const QString dir = m_dirs.filePath(user + QString::number(++m_serial));
    if (!w->open({ m_server->url(), user,
                     password.isEmpty() ? QStringLiteral("pw-") + user : password, dir, false },
            &error)) {
        qWarning() << error;
        return nullptr;
    }
    w->connection()->setBackoff(100, 1000);
    return w;
}

bool DashboardTabTest::waitOnline(Workspace &w, int timeoutMs)
{
    QDeadlineTimer d(timeoutMs);
    while (!d.hasExpired() && w.state() != Client::SyncEngine::State::Online)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return w.state() == Client::SyncEngine::State::Online;
}

std::unique_ptr<DashboardTab> DashboardTabTest::showTab(Workspace *w, const QSize &size)
{
    auto tab = std::make_unique<DashboardTab>(w);
    tab->resize(size);
    tab->show();
    if (!QTest::qWaitForWindowExposed(tab.get()))
        return nullptr;
    return tab;
}

qint64 DashboardTabTest::createTicket(const QString &subject, qint64 groupId, const QString &impact)
{
    const auto r = m_admin->call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject }, { QStringLiteral("groupId"), double(groupId) },
            { QStringLiteral("impact"), impact },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("categoryId"), double(m_desk.category) },
            { QStringLiteral("opId"), newOpId() } });
    if (!r.ok)
        qWarning() << "tickets.create:" << r.error.message;
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

void DashboardTabTest::resolve(qint64 id)
{
    const QJsonObject t
        = m_admin->call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } })
              .object()
              .value(QStringLiteral("ticket"))
              .toObject();
    const auto r = m_admin->call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) },
            { QStringLiteral("baseVersion"), t.value(QStringLiteral("version")) },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("status"), QStringLiteral("resolved") } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

// ---------------------------------------------------------------------------------------
// The pieces

void DashboardTabTest::figuresWithNothingToCountReadAsDashes_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    const QString dash = QStringLiteral("\u2014");
    QTest::newRow("share null") << "share" << QJsonValue(QJsonValue::Null) << dash;
    QTest::newRow("share missing") << "share" << QJsonValue(QJsonValue::Undefined) << dash;
    QTest::newRow("share NaN") << "share" << QJsonValue(std::numeric_limits<double>::quiet_NaN())
                               << dash;
    QTest::newRow("share infinite")
        << "share" << QJsonValue(std::numeric_limits<double>::infinity()) << dash;
    QTest::newRow("share one decimal") << "share" << QJsonValue(0.93333) << "93.3%";
    QTest::newRow("share whole") << "share" << QJsonValue(1.0) << "100%";
    QTest::newRow("share zero") << "share" << QJsonValue(0.0) << "0%";
    QTest::newRow("count null") << "count" << QJsonValue(QJsonValue::Null) << dash;
    QTest::newRow("count zero") << "count" << QJsonValue(0.0) << "0";
    QTest::newRow("count") << "count" << QJsonValue(1234.0) << "1,234";
    QTest::newRow("duration null") << "duration" << QJsonValue(QJsonValue::Null) << dash;
    QTest::newRow("duration NaN") << "duration" << QJsonValue(std::nan("")) << dash;
    QTest::newRow("duration") << "duration" << QJsonValue(double(3 * 3600000 + 5 * 60000))
                              << "3 h 05 min";
}

void DashboardTabTest::figuresWithNothingToCountReadAsDashes()
{
    QFETCH(QString, kind);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString text = kind == QLatin1String("share") ? KpiFormat::share(figure(value))
        : kind == QLatin1String("count")                ? KpiFormat::count(figure(value))
                                                        : KpiFormat::duration(figure(value));
    QLocale::setDefault(before);
    QCOMPARE(text, expected);
    QVERIFY(!text.contains(QLatin1String("nan"), Qt::CaseInsensitive));
    QVERIFY(!text.contains(QLatin1String("inf"), Qt::CaseInsensitive));
}

void DashboardTabTest::trendsSayWhichWayIsGood_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonValue>("current");
    QTest::addColumn<QJsonValue>("previous");
    QTest::addColumn<int>("better");
    QTest::addColumn<bool>("partial");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("judgement");
    const QJsonValue null(QJsonValue::Null);
    const int higher = int(KpiFormat::Better::Higher), lower = int(KpiFormat::Better::Lower),
              neither = int(KpiFormat::Better::Neither);
    const int good = int(KpiFormat::Judgement::Good), bad = int(KpiFormat::Judgement::Bad),
              neutral = int(KpiFormat::Judgement::Neutral);
    QTest::newRow("compliance up is good") << "share" << QJsonValue(0.9) << QJsonValue(0.8)
                                           << higher << false << QStringLiteral("▲ 10 pts") << good;
    QTest::newRow("compliance down is bad")
        << "share" << QJsonValue(0.755) << QJsonValue(0.8) << higher << false
        << QStringLiteral("▼ 4.5 pts") << bad;
    QTest::newRow("reopen rate up is bad") << "share" << QJsonValue(0.2) << QJsonValue(0.1) << lower
                                           << false << QStringLiteral("▲ 10 pts") << bad;
    QTest::newRow("share unchanged") << "share" << QJsonValue(0.5) << QJsonValue(0.5) << higher
                                     << false << QStringLiteral("= no change") << neutral;
    QTest::newRow("share, nothing before") << "share" << QJsonValue(0.5) << null << higher << false
                                           << QStringLiteral("nothing to compare") << neutral;
    QTest::newRow("share, nothing now")
        << "share" << null << QJsonValue(0.5) << higher << false << QString() << neutral;
    QTest::newRow("faster is good") << "duration" << QJsonValue(600000.0) << QJsonValue(1800000.0)
                                    << lower << false << QStringLiteral("▼ 20 min") << good;
    QTest::newRow("slower is bad") << "duration" << QJsonValue(7200000.0) << QJsonValue(3600000.0)
                                   << lower << false << QStringLiteral("▲ 1 h 00 min") << bad;
    QTest::newRow("more resolved is good") << "count" << QJsonValue(12.0) << QJsonValue(9.0)
                                           << higher << false << QStringLiteral("▲ 3") << good;
    QTest::newRow("more created is neither")
        << "count" << QJsonValue(12.0) << QJsonValue(9.0) << neither << false
        << QStringLiteral("▲ 3") << neutral;
    QTest::newRow("today is not compared with all of yesterday")
        << "count" << QJsonValue(2.0) << QJsonValue(14.0) << higher << true
        << QStringLiteral("Yesterday: 14") << neutral;
}

void DashboardTabTest::trendsSayWhichWayIsGood()
{
    QFETCH(QString, kind);
    QFETCH(QJsonValue, current);
    QFETCH(QJsonValue, previous);
    QFETCH(int, better);
    QFETCH(bool, partial);
    QFETCH(QString, text);
    QFETCH(int, judgement);
    const QString before = KpiFormat::previousPeriodName(QStringLiteral("today"));
    const auto b = KpiFormat::Better(better);
    const KpiFormat::Trend t = kind == QLatin1String("share")
        ? KpiFormat::shareTrend(figure(current), figure(previous), b, before)
        : kind == QLatin1String("duration")
        ? KpiFormat::durationTrend(figure(current), figure(previous), b, before)
        : KpiFormat::countTrend(figure(current), figure(previous), b, before, partial);
    QCOMPARE(t.text, text);
    QCOMPARE(int(t.judgement), judgement);
}

void DashboardTabTest::tablesKeepTheirRowsByKey()
{
    KpiTableModel model({ QStringLiteral("Name"), QStringLiteral("Count") });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy moved(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setRows(
        { row(1, QStringLiteral("a")), row(2, QStringLiteral("b")), row(3, QStringLiteral("c")) });
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);

    // The same rows again: nothing happens.
    inserted.clear();
    model.setRows(
        { row(1, QStringLiteral("a")), row(2, QStringLiteral("b")), row(3, QStringLiteral("c")) });
    QVERIFY(inserted.isEmpty() && removed.isEmpty() && changed.isEmpty() && moved.isEmpty());

    // One text changes: just that row.
    model.setRows(
        { row(1, QStringLiteral("a")), row(2, QStringLiteral("B")), row(3, QStringLiteral("c")) });
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);

    // A row goes, one comes, two swap: the selection follows its key.
    const QPersistentModelIndex three = model.index(2, 0);
    changed.clear();
    model.setRows(
        { row(3, QStringLiteral("c")), row(4, QStringLiteral("d")), row(1, QStringLiteral("a")) });
    QCOMPARE(keys(model), (QList<qint64> { 3, 4, 1 }));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1); // b
    QCOMPARE(moved.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1); // d, between c and a
    QVERIFY(three.isValid());
    QCOMPARE(three.row(), 0);
    QCOMPARE(model.data(three, KpiTableModel::KeyRole).toLongLong(), qint64(3));

    // Down to nothing and back; never a reset.
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
    model.setRows({ row(7, QStringLiteral("g")), row(8, QStringLiteral("h")) });
    QCOMPARE(keys(model), (QList<qint64> { 7, 8 }));
    QVERIFY(reset.isEmpty());
}

void DashboardTabTest::timeAxesLabelWhatFitsInTheDesksTimeZone()
{
    const QTimeZone madrid("Europe/Madrid");
    const QDate today(2026, 3, 29); // clocks go forward at 02:00: a day of 23 hours
    auto instant = [&](QDate d, int h) {
        return QDateTime(d, QTime(h, 0), madrid).toUTC().toString(Qt::ISODateWithMs);
    };

    // Today by the hour: the axis spans the whole day, labels every few hours from midnight,
    // in Madrid's time whatever this computer's zone.
    QJsonArray hours;
    for (int h = 0; h < 10; ++h)
        hours.append(QJsonObject { { QStringLiteral("start"), instant(today, h) } });
    const QJsonObject todayFigures { { QStringLiteral("timeZone"),
                                         QStringLiteral("Europe/Madrid") },
        { QStringLiteral("from"), instant(today, 0) },
        { QStringLiteral("series"),
            QJsonObject { { QStringLiteral("unit"), QStringLiteral("hour") },
                { QStringLiteral("points"), hours } } } };
    auto t = Ui::DashboardChart::timeLabels(Core::DashboardFigures::fromJson(todayFigures), 8);
    QCOMPARE(t.max, 23.0);
    QCOMPARE(t.labels.size(), 8);
    // Hours as the agent's locale writes a time of day (Labels::timeOfDay: "00:00", "12:00 AM").
    const QLocale locale;
    QCOMPARE(t.labels.first(),
        (QPair<QString, double> { locale.toString(QTime(0, 0), QLocale::ShortFormat), 0.0 }));
    // Hours are counted from midnight (docs/kpis.md): three of them after it, this day, it is
    // 04:00 by the clock, which skips 02:00.
    QCOMPARE(t.labels.at(1),
        (QPair<QString, double> { locale.toString(QTime(4, 0), QLocale::ShortFormat), 3.0 }));
    t = Ui::DashboardChart::timeLabels(Core::DashboardFigures::fromJson(todayFigures), 4);
    QCOMPARE(t.labels.size(), 4);
    QCOMPARE(t.labels.at(1).second, 6.0);

    // Thirty days: as many as fit, counted back so that today always has its label.
    QJsonArray days;
    for (int d = 29; d >= 0; --d)
        days.append(QJsonObject { { QStringLiteral("start"), instant(today.addDays(-d), 0) } });
    const QJsonObject monthFigures { { QStringLiteral("timeZone"),
                                         QStringLiteral("Europe/Madrid") },
        { QStringLiteral("series"),
            QJsonObject { { QStringLiteral("unit"), QStringLiteral("day") },
                { QStringLiteral("points"), days } } } };
    for (int room : { 2, 5, 8, 30 }) {
        t = Ui::DashboardChart::timeLabels(Core::DashboardFigures::fromJson(monthFigures), room);
        QVERIFY2(t.labels.size() <= room, qPrintable(QString::number(room)));
        QCOMPARE(t.labels.last().second, 29.0);
        QCOMPARE(t.labels.last().first, QLocale().toString(today, QStringLiteral("d MMM")));
        QCOMPARE(t.max, 29.0);
    }
    // Nothing yet: an axis without labels, never a division by zero.
    t = Ui::DashboardChart::timeLabels(Core::DashboardFigures(), 8);
    QVERIFY(t.labels.isEmpty());
    QVERIFY(t.max >= 1);
}

// ---------------------------------------------------------------------------------------
// The tab against a real atiended

void DashboardTabTest::anEmptyDeskShowsZerosAndDashesNeverNaN()
{
    QVERIFY(startDesk());
    auto lola = open(QStringLiteral("lola"));
    QVERIFY(lola && waitOnline(*lola));
    auto tab = showTab(lola.get());
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->freshnessText(), QStringLiteral("● Live"), 10000);
    QTRY_COMPARE(tileValue(tab.get(), "backlog"), QStringLiteral("0"));
    QCOMPARE(tileValue(tab.get(), "breached"), QStringLiteral("0"));
    QCOMPARE(tileValue(tab.get(), "created"), QStringLiteral("0"));
    const QString dash = KpiFormat::none();
    for (const char *name : { "firstResponseSla", "resolutionSla", "firstResponseTime",
             "resolutionTime", "firstContact", "reopened", "csat" })
        QCOMPARE(tileValue(tab.get(), name), dash);
    for (const char *name : { "backlog", "breached", "warning", "created", "resolved",
             "firstResponseSla", "resolutionSla", "firstResponseTime", "resolutionTime",
             "firstContact", "reopened", "csat" }) {
        const Ui::KpiTile *t = tab->tile(QLatin1String(name));
        for (const QString &text : { t->value(), t->trend(), t->detail() })
            QVERIFY2(!text.contains(QLatin1String("nan"), Qt::CaseInsensitive)
                    && !text.contains(QLatin1String("inf"), Qt::CaseInsensitive),
                name);
    }
    // The charts follow the palette (a dark one here) and never animate: they update live.
    QPalette dark = tab->palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    tab->setPalette(dark);
    QCOMPARE(tab->flowChart()->chart()->backgroundBrush().color(), QColor(0x1e, 0x1e, 0x1e));
    QCOMPARE(tab->flowChart()->chart()->legend()->labelColor(), QColor(0xee, 0xee, 0xee));
    QCOMPARE(tab->backlogChart()->chart()->animationOptions(), QChart::NoAnimation);
    // Lola leads both groups: the chooser offers them after "All my groups".
    auto *groups = tab->findChild<QComboBox *>(QStringLiteral("groupChooser"));
    QCOMPARE(groups->count(), 3);
    QCOMPARE(groups->itemData(0).toLongLong(), qint64(0));
    QVERIFY(tab->message().isEmpty());
}

void DashboardTabTest::aLeadSeesTheBacklogAndItFollowsLive()
{
    QVERIFY(startDesk());
    const qint64 a = createTicket(QStringLiteral("La impresora no imprime"), m_desk.serviceDesk);
    const qint64 b = createTicket(
        QStringLiteral("VPN caída en Madrid"), m_desk.network, QStringLiteral("high"));
    const qint64 c = createTicket(QStringLiteral("Alta de usuario"), m_desk.serviceDesk);
    const qint64 done = createTicket(QStringLiteral("Contraseña caducada"), m_desk.serviceDesk);
    QVERIFY(a && b && c && done);
    resolve(done);

    auto lola = open(QStringLiteral("lola"));
    QVERIFY(lola && waitOnline(*lola));
    auto tab = showTab(lola.get());
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->freshnessText(), QStringLiteral("● Live"), 10000);
    QTRY_COMPARE(tileValue(tab.get(), "backlog"), QStringLiteral("3"));
    QCOMPARE(tileValue(tab.get(), "created"), QStringLiteral("4"));
    QCOMPARE(tileValue(tab.get(), "resolved"), QStringLiteral("1"));
    QCOMPARE(tab->tile(QStringLiteral("backlog"))->trend(), QStringLiteral("3 unassigned"));
    QCOMPARE(tab->backlogChart()->value(Core::Priority::P3, Core::TicketStatus::New), 2);
    QCOMPARE(tab->backlogChart()->value(Core::Priority::P2, Core::TicketStatus::New),
        1); // high impact, medium urgency
    QVERIFY(tab->flowChart()->created()->count() >= 1);
    QCOMPARE(tab->agentChart()->hiddenAgents(), 0);
    // Today's counts are not set against the whole of yesterday.
    QVERIFY(tab->tile(QStringLiteral("created"))->trend().startsWith(QLatin1String("Yesterday")));

    // A ticket made elsewhere: the tile follows, and the same widgets and series show it.
    std::vector<std::unique_ptr<QSignalSpy>> resets;
    for (KpiTableModel *m : tab->findChildren<KpiTableModel *>())
        resets.push_back(std::make_unique<QSignalSpy>(m, &QAbstractItemModel::modelReset));
    QCOMPARE(resets.size(), size_t(5));
    const Ui::KpiTile *backlogTile = tab->tile(QStringLiteral("backlog"));
    QLineSeries *created = tab->flowChart()->created();
    TestClient other;
    QVERIFY(other.open(m_server->url())
        && other.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    const auto r = other.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("Switch de la planta 2 sin enlace") },
            { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QTRY_COMPARE_WITH_TIMEOUT(tileValue(tab.get(), "backlog"), QStringLiteral("4"), 5000);
    QCOMPARE(tileValue(tab.get(), "created"), QStringLiteral("5"));
    QCOMPARE(tab->tile(QStringLiteral("backlog")), backlogTile);
    QCOMPARE(tab->flowChart()->created(), created);
    for (const auto &spy : resets)
        QVERIFY(spy->isEmpty());

    // Another period subscribes again: the 30 days hold the same tickets.
    tab->setPeriod(QStringLiteral("30d"));
    QTRY_COMPARE_WITH_TIMEOUT(tab->freshnessText(), QStringLiteral("● Live"), 10000);
    QTRY_COMPARE(tab->tile(QStringLiteral("created"))->trend(), QStringLiteral("▲ 5"));
    QCOMPARE(tileValue(tab.get(), "created"), QStringLiteral("5"));
    QCOMPARE(lola->dashboard()->period(), QStringLiteral("30d"));
    // One group: Network holds Bruno's ticket and the VPN one.
    tab->setGroup(m_desk.network);
    QTRY_COMPARE_WITH_TIMEOUT(tileValue(tab.get(), "backlog"), QStringLiteral("2"), 10000);
    QCOMPARE(lola->dashboard()->groupIds(), QList<qint64> { m_desk.network });
    // Remembered for the next time.
    auto again = std::make_unique<DashboardTab>(lola.get());
    QCOMPARE(again->group(), m_desk.network);
    QCOMPARE(again->period(), QStringLiteral("30d"));
}

void DashboardTabTest::aTicketAtRiskOpensWithADoubleClickOrEnter()
{
    QVERIFY(startDesk());
    // Around the clock, a first response due in a minute and a warning after 1% of it: a new
    // ticket is at warning within a second.
    const QJsonObject minute { { QStringLiteral("firstResponseMinutes"), 1 },
        { QStringLiteral("resolutionMinutes"), 600 } };
    const auto saved = m_admin->call(QStringLiteral("sla.policies.save"),
        { { QStringLiteral("policy"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Urgent") },
                { QStringLiteral("warnPercent"), 1 },
                { QStringLiteral("targets"),
                    QJsonObject { { QStringLiteral("P1"), minute },
                        { QStringLiteral("P2"), minute }, { QStringLiteral("P3"), minute },
                        { QStringLiteral("P4"), minute } } } } } });
    QVERIFY2(saved.ok, qPrintable(saved.error.message));
    const qint64 first = createTicket(QStringLiteral("El ERP no arranca"), m_desk.serviceDesk);
    QVERIFY(first);

    auto lola = open(QStringLiteral("lola"));
    QVERIFY(lola && waitOnline(*lola));
    auto tab = showTab(lola.get());
    QVERIFY(tab);
    KpiTableModel *atRisk = tab->atRiskModel();
    QTRY_COMPARE_WITH_TIMEOUT(atRisk->rowCount(), 1, 15000);
    QCOMPARE(atRisk->keyAt(0), first);
    const QModelIndex sla = atRisk->index(0, 4);
    QVERIFY(sla.data().toString().startsWith(QLatin1String("First response")));
    const QColor accent = sla.data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(accent == Ui::Theme::slaWarning() || accent == Ui::Theme::slaBreached());
    QTRY_VERIFY(tileValue(tab.get(), "warning") == QStringLiteral("1")
        || tileValue(tab.get(), "breached") == QStringLiteral("1"));

    QSignalSpy open(tab.get(), &DashboardTab::openTicketRequested);
    QTableView *view = tab->atRiskView();
    QVERIFY(view->isVisible());
    // A click selects (a double-click's first half must not switch tabs); a double-click opens.
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, {}, view->visualRect(atRisk->index(0, 1)).center());
    // The tab opens a ticket on the next turn of the event loop after a double-click: past
    // that turn, a single click has opened nothing. (QTest dates each click a double-click
    // interval after the last, so the next gesture is not taken for the second half of this one.)
    bool turned = false;
    QTimer::singleShot(0, tab.get(), [&turned] { turned = true; });
    QTRY_VERIFY(turned);
    QCOMPARE(open.size(), 0);
    // Through the window, as the pointer does it: press, release, press (a double-click), release.
    QWindow *window = view->window()->windowHandle();
    QVERIFY(window);
    QTest::mouseDClick(window, Qt::LeftButton, {},
        view->viewport()->mapTo(view->window(), view->visualRect(atRisk->index(0, 1)).center()));
    QTRY_COMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toLongLong(), first);

    // A second one joins the list: the current row stays on its ticket, and Enter opens it.
    view->setFocus();
    view->setCurrentIndex(atRisk->index(0, 0));
    const qint64 second
        = createTicket(QStringLiteral("Sin acceso a la carpeta compartida"), m_desk.network);
    QTRY_COMPARE_WITH_TIMEOUT(atRisk->rowCount(), 2, 15000);
    QCOMPARE(atRisk->keyAt(view->currentIndex().row()), first);
    view->setCurrentIndex(atRisk->index(atRisk->rowOf(second), 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.at(1).at(0).toLongLong(), second);
}

void DashboardTabTest::offlineTheFiguresStayAndSayHowOldTheyAre()
{
    QVERIFY(startDesk());
    QVERIFY(createTicket(QStringLiteral("Pantalla azul al arrancar"), m_desk.serviceDesk));
    QVERIFY(createTicket(QStringLiteral("Teclado sin respuesta"), m_desk.serviceDesk));
    auto lola = open(QStringLiteral("lola"));
    QVERIFY(lola && waitOnline(*lola));
    auto tab = showTab(lola.get());
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->freshnessText(), QStringLiteral("● Live"), 10000);
    QTRY_COMPARE(tileValue(tab.get(), "backlog"), QStringLiteral("2"));

    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(tab->freshnessText().startsWith(QLatin1String("Offline")), 10000);
    const QString freshness = tab->freshnessText();
    const QString at
        = Models::Labels::when(lola->dashboard()->receivedAt(), Core::Timestamp::now());
    QVERIFY2(freshness.contains(QStringLiteral("figures from %1").arg(at)), qPrintable(freshness));
    QVERIFY2(freshness.contains(QLatin1String(" ago)")), qPrintable(freshness));
    QCOMPARE(tileValue(tab.get(), "backlog"), QStringLiteral("2"));
    QCOMPARE(tileValue(tab.get(), "created"), QStringLiteral("2"));
    QVERIFY(tab->message().isEmpty());

    // A console opened offline shows them too, with their age.
    auto later = std::make_unique<DashboardTab>(lola.get());
    later->show();
    QVERIFY(QTest::qWaitForWindowExposed(later.get()));
    QCOMPARE(tileValue(later.get(), "backlog"), QStringLiteral("2"));
    QVERIFY(later->freshnessText().startsWith(QLatin1String("Offline")));
}

void DashboardTabTest::anAgentIsToldTheDashboardIsNotForThem()
{
    QVERIFY(startDesk());
    auto ana = open(QStringLiteral("ana"));
    QVERIFY(ana && waitOnline(*ana));
    auto tab = showTab(ana.get());
    QVERIFY(tab);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->message().isEmpty(), 10000);
    QVERIFY2(tab->message().contains(QLatin1String("team leads and admins")),
        qPrintable(tab->message()));
    QVERIFY(tab->findChild<QLabel *>(QStringLiteral("dashboardMessage"))->isVisible());
    QVERIFY(!tab->findChild<QScrollArea *>(QStringLiteral("dashboardScroll"))->isVisible());
    QVERIFY(!tab->findChild<QPushButton *>(QStringLiteral("exportReport"))->isEnabled());
    QVERIFY(tab->freshnessText().isEmpty());
    // Choosing again asks again, and is refused again, calmly.
    tab->setPeriod(QStringLiteral("7d"));
    QTRY_VERIFY_WITH_TIMEOUT(!tab->message().isEmpty(), 10000);
    QVERIFY(!ana->dashboard()->isSubscribed());
}

void DashboardTabTest::aReportIsExportedToCsvAndPdf()
{
    QVERIFY(startDesk());
    QVERIFY(createTicket(QStringLiteral("Monitor parpadea"), m_desk.serviceDesk));
    const qint64 done = createTicket(QStringLiteral("Contraseña caducada"), m_desk.serviceDesk);
    QVERIFY(done);
    resolve(done);
    auto lola = open(QStringLiteral("lola"));
    QVERIFY(lola && waitOnline(*lola));
    auto tab = showTab(lola.get());
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->freshnessText(), QStringLiteral("● Live"), 10000);

    QTest::mouseClick(
        tab->findChild<QPushButton *>(QStringLiteral("exportReport")), Qt::LeftButton);
    Ui::ReportExportDialog *dialog = tab->exportDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // The last 30 days by default.
    QCOMPARE(dialog->firstDay().daysTo(dialog->lastDay()), 29);
    QVERIFY(dialog->csvChosen() && dialog->pdfChosen());

    QTemporaryDir out;
    QSignalSpy exported(dialog, &Ui::ReportExportDialog::exported);
    QTest::mouseClick(
        dialog->findChild<QPushButton *>(QStringLiteral("reportExport")), Qt::LeftButton);
    QFileDialog *files = nullptr;
    QTRY_VERIFY((files = dialog->findChild<QFileDialog *>(QStringLiteral("reportFileDialog")))
        && files->isVisible());
    files->selectFile(out.filePath(QStringLiteral("marzo.pdf")));
    QVERIFY(QMetaObject::invokeMethod(files, "accept")); // as the Save button does
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 20000);
    const QStringList paths = exported.at(0).at(0).toStringList();
    QCOMPARE(paths,
        (QStringList { out.filePath(QStringLiteral("marzo.pdf")),
            out.filePath(QStringLiteral("marzo.csv")) }));
    QVERIFY(dialog->statusText().contains(QLatin1String("marzo.pdf")));

    // The CSV: the header row, 30 days, the totals; today counts the two tickets.
    QFile csv(paths.at(1));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 30 + 1);
    QCOMPARE(lines.first(), Report::ReportDocument::csvColumns().join(QLatin1Char(',')));
    QVERIFY(lines.last().startsWith(QLatin1String("total,2,1,")));

    // The PDF: pdftoppm renders its first page to a PNG with ink on it.
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    if (pdftoppm.isEmpty())
        QSKIP("pdftoppm (poppler-utils) is not installed");
    QProcess render;
    render.start(pdftoppm,
        { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-f"),
            QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), paths.at(0),
            out.filePath(QStringLiteral("page")) });
    QVERIFY(render.waitForFinished(30000));
    QCOMPARE(render.exitCode(), 0);
    const QStringList pngs = QDir(out.path()).entryList({ QStringLiteral("page*.png") });
    QCOMPARE(pngs.size(), 1);
    const QImage page(out.filePath(pngs.first()));
    QVERIFY(!page.isNull());
    QVERIFY2(inkOf(page) > page.width() * page.height() / 100, "the first page is (nearly) blank");
}

void DashboardTabTest::anExportSaysWhyItCannot()
{
    QVERIFY(startDesk());
    auto lola = open(QStringLiteral("lola"));
    QVERIFY(lola && waitOnline(*lola));
    auto tab = showTab(lola.get());
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->freshnessText(), QStringLiteral("● Live"), 10000);
    tab->exportReport();
    Ui::ReportExportDialog *dialog = tab->exportDialog();
    QVERIFY(dialog);
    QPushButton *exportButton = dialog->findChild<QPushButton *>(QStringLiteral("reportExport"));

    // Ten years: refused before asking anyone, and no file is asked for.
    const QDate today = QDate::currentDate();
    dialog->setRange(today.addYears(-10), today);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY2(dialog->statusText().contains(QLatin1String("at most 1,096 days")),
        qPrintable(dialog->statusText()));
    QVERIFY(!dialog->findChild<QFileDialog *>());
    // Backwards, and no format.
    dialog->setRange(today, today.addDays(-3));
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(dialog->statusText().contains(QLatin1String("before the first")));
    dialog->setRange(today.addDays(-3), today);
    dialog->setFormats(false, false);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(dialog->statusText().contains(QLatin1String("CSV, PDF or both")));
    dialog->setFormats(true, false);

    // A file named some other way (not through the dialog's button) is checked the same.
    QSignalSpy failed(dialog, &Ui::ReportExportDialog::failed);
    QTemporaryDir out;
    dialog->setRange(today.addDays(-1096), today); // 1,097 days with today
    dialog->exportTo(out.filePath(QStringLiteral("too-long.csv")));
    QVERIFY(dialog->statusText().contains(QLatin1String("at most 1,096 days")));
    QCOMPARE(failed.size(), 1);

    // Offline: the report needs the server.
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!lola->connection()->isOnline(), 10000);
    dialog->setRange(today.addDays(-6), today);
    failed.clear();
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(dialog->statusText().contains(QLatin1String("needs the server")),
        qPrintable(dialog->statusText()));
    QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("too-long.csv"))));
}

// ---------------------------------------------------------------------------------------
// docs/screenshots/dashboard-en.png and dashboard-es.png

void DashboardTabTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the "
              "dashboard's screenshots");
    // The demo desk: a year of realistic tickets, SLA policies, surveys; "lead" leads two groups.
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->demoData(6000));
    QVERIFY(m_server->start());
    auto lead = open(QStringLiteral("lead"), QStringLiteral("demo"));
    QVERIFY(lead && waitOnline(*lead, 120000));
    QVERIFY(QDir().mkpath(dir));

    auto shoot = [&](const QString &language) {
        auto tab = std::make_unique<DashboardTab>(lead.get());
        tab->setPeriod(QStringLiteral("7d"));
        tab->setGroup(0);
        tab->resize(1440, 900);
        tab->show();
        QVERIFY(QTest::qWaitForWindowExposed(tab.get()));
        QTRY_VERIFY_WITH_TIMEOUT(
            lead->dashboard()->isLive() && lead->dashboard()->period() == QLatin1String("7d"),
            20000);
        QTest::qWait(300);
        // Tall enough that nothing scrolls: the whole tab in one picture.
        auto *scroll = tab->findChild<QScrollArea *>(QStringLiteral("dashboardScroll"));
        const int chrome = tab->height() - scroll->viewport()->height();
        tab->resize(1440, chrome + scroll->widget()->sizeHint().height());
        QTest::qWait(200);
        QCOMPARE(scroll->viewport()->height() >= scroll->widget()->sizeHint().height(), true);
        const QString path = QDir(dir).filePath(QStringLiteral("dashboard-%1.png").arg(language));
        QVERIFY(tab->grab().save(path));
        qInfo() << "wrote" << path;
    };
    shoot(QStringLiteral("en"));

    // Spanish as a console started in it has it: our strings, Qt's, and the locale.
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshots show English texts";
    shoot(QStringLiteral("es"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(DashboardTabTest)
#include "tst_dashboardtab.moc"

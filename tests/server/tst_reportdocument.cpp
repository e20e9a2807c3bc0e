// Reports as files: a report computed from a small desk written as CSV and read back (one
// header row, one row per day, the totals), and as a PDF whose pages pdftoppm (poppler-utils)
// renders to PNG, which must show something: ink on every page, and the charts' colours on
// the first.

#include "deskfixture.h"

#include "report/reportdocument.h"
#include "server/kpi/kpireport.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;

namespace {
const QTimeZone kMadrid("Europe/Madrid");
qint64 madrid(QDate date, int hour, int minute = 0)
{
    return QDateTime(date, QTime(hour, minute), kMadrid).toMSecsSinceEpoch();
}

QList<QStringList> parseCsv(const QByteArray &bytes)
{
    QList<QStringList> rows;
    const QString text = QString::fromUtf8(bytes);
    for (const QString &line : text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts))
        rows << line.split(QLatin1Char(','));
    return rows;
}

struct Ink
{
    qint64 nonWhite = 0;
    qint64 coloured = 0; // clearly not grey: chart lines and bars
    qint64 total = 0;
};
Ink inkOf(const QImage &image)
{
    Ink ink;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const int r = qRed(line[x]), g = qGreen(line[x]), b = qBlue(line[x]);
            ++ink.total;
            if (r < 235 || g < 235 || b < 235)
                ++ink.nonWhite;
            if (qMax(r, qMax(g, b)) - qMin(r, qMin(g, b)) > 60)
                ++ink.coloured;
        }
    }
    return ink;
}
} // namespace

class ReportDocumentTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void csvIsOneClearlyHeadedTable();
    void pdfPagesRenderWithChartsAndTables();
    void anEmptyRangeStillMakesBothFiles();

private:
    QJsonObject report(QDate from, QDate to);
    Report::Names names();

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
};

void ReportDocumentTest::initTestCase()
{
    QString error;
    QVERIFY2(Test::seedDesk(m_dir.path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir.filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    const Caller ana = m_store->directory().callerFor(*m_store->directory().agent(m_desk.ana));
    const Caller admin = m_store->directory().callerFor(*m_store->directory().agent(m_desk.admin));
    // Around the clock (no calendar): P3 answered within 4 hours, resolved within a day.
    const QJsonObject policy { { QStringLiteral("name"), QStringLiteral("24x7") },
        { QStringLiteral("targets"),
            QJsonObject { { QStringLiteral("P3"),
                QJsonObject { { QStringLiteral("firstResponseMinutes"), 240 },
                    { QStringLiteral("resolutionMinutes"), 1440 } } } } } };
    QVERIFY(Test::commit(*m_store, [&] {
        return m_store->slaConfig().savePolicy(admin, policy, madrid(QDate(2026, 9, 1), 0));
    }).ok);
    // Forty days of a little desk: a few tickets a day, most resolved the next day.
    for (int day = 0; day < 40; ++day) {
        const QDate date = QDate(2026, 10, 1).addDays(day);
        for (int i = 0; i < 1 + day % 4; ++i) {
            NewTicket n;
            n.subject = QStringLiteral("Impresora %1-%2").arg(day).arg(i);
            n.groupId = m_desk.serviceDesk;
            n.categoryId = i % 2 ? m_desk.category : 0;
            n.customerId = i % 3 ? m_desk.customer : m_desk.otherCustomer;
            const OpResult c = Test::commit(
                *m_store, [&] { return m_store->tickets().create(ana, n, madrid(date, 9 + i)); });
            QVERIFY2(c.ok, qPrintable(c.error.message));
            const qint64 id = c.result.toObject()
                                  .value(QStringLiteral("ticket"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
            if ((day + i) % 5 == 4)
                continue; // stays open
            QVERIFY(Test::commit(*m_store, [&] {
                return m_store->tickets().addArticle(ana, id, ArticleKind::PublicReply,
                    QStringLiteral("hecho"), madrid(date, 12 + i));
            }).ok);
            QVERIFY(Test::commit(*m_store, [&] {
                return m_store->tickets().update(ana, id, m_store->tickets().ticket(id)->version,
                    { { QStringLiteral("status"), QStringLiteral("resolved") } },
                    madrid(date.addDays(1), 10 + i));
            }).ok);
        }
    }
}

void ReportDocumentTest::cleanupTestCase()
{
    m_store.reset();
}

QJsonObject ReportDocumentTest::report(QDate from, QDate to)
{
    ReportRequest request;
    request.from = from;
    request.to = to;
    request.zone = kMadrid;
    const OpResult r = KpiReport::compute(*m_store, request, madrid(QDate(2026, 11, 20), 12));
    if (!r.ok)
        qWarning() << r.error.message;
    return r.result.toObject();
}

Report::Names ReportDocumentTest::names()
{
    Report::Names n;
    n.desk = QStringLiteral("Ferretería Norte IT");
    n.groups.insert(m_desk.serviceDesk, QStringLiteral("Service Desk"));
    n.categories.insert(m_desk.category, QStringLiteral("VPN y acceso remoto"));
    n.customers.insert(m_desk.customer, QStringLiteral("Núria Peña"));
    n.customers.insert(m_desk.otherCustomer, QStringLiteral("Tom Baker"));
    n.organisations.insert(m_desk.organisation, QStringLiteral("Ferretería Norte"));
    return n;
}

void ReportDocumentTest::csvIsOneClearlyHeadedTable()
{
    const QJsonObject r = report(QDate(2026, 10, 1), QDate(2026, 11, 1));
    QCOMPARE(r.value(QStringLiteral("days")).toArray().size(), 31);
    const QString path = m_dir.filePath(QStringLiteral("october.csv"));
    QString error;
    QVERIFY2(Report::ReportDocument(r, names()).writeCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.endsWith("\r\n"));
    const QList<QStringList> rows = parseCsv(bytes);
    QCOMPARE(rows.size(), 1 + 31 + 1);
    QCOMPARE(rows.first(), Report::ReportDocument::csvColumns());
    QCOMPARE(rows.at(1).first(), QStringLiteral("2026-10-01"));
    QCOMPARE(rows.at(31).first(), QStringLiteral("2026-10-31"));
    QCOMPARE(rows.last().first(), QStringLiteral("total"));
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), rows.first().size());
    // The columns hold the report's figures; the per-day counts add up to the total.
    const int created = int(rows.first().indexOf(QStringLiteral("created")));
    const int compliance = int(rows.first().indexOf(QStringLiteral("first_response_compliance")));
    const int meanMinutes
        = int(rows.first().indexOf(QStringLiteral("resolution_mean_business_minutes")));
    int sum = 0;
    for (int i = 1; i <= 31; ++i)
        sum += rows.at(i).at(created).toInt();
    QCOMPARE(sum, rows.last().at(created).toInt());
    QCOMPARE(rows.last().at(created).toInt(),
        r.value(QStringLiteral("totals")).toObject().value(QStringLiteral("created")).toInt());
    QVERIFY(sum > 60);
    bool ok = false;
    const double rate = rows.last().at(compliance).toDouble(&ok);
    QVERIFY(ok && rate >= 0 && rate <= 1);
    QVERIFY(rows.last().at(meanMinutes).toDouble(&ok) > 0 && ok);
    // A day with no clock stopped has an empty cell, not a zero.
    bool someEmpty = false;
    for (int i = 1; i <= 31; ++i)
        someEmpty = someEmpty || rows.at(i).at(compliance).isEmpty();
    QVERIFY(someEmpty);
}

void ReportDocumentTest::pdfPagesRenderWithChartsAndTables()
{
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    if (pdftoppm.isEmpty())
        QFAIL("pdftoppm is missing: install poppler-utils (./dev.sh deps does)");
    const QJsonObject r = report(QDate(2026, 9, 1), QDate(2026, 12, 1));
    const QString pdf = m_dir.filePath(QStringLiteral("autumn.pdf"));
    QString error;
    QVERIFY2(Report::ReportDocument(r, names()).writePdf(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    file.close();

    const QString prefix = m_dir.filePath(QStringLiteral("page"));
    QProcess render;
    render.start(pdftoppm,
        { QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"), pdf, prefix });
    QVERIFY(render.waitForFinished(60000));
    QCOMPARE(render.exitCode(), 0);
    QStringList pages
        = QDir(m_dir.path()).entryList({ QStringLiteral("page-*.png") }, QDir::Files, QDir::Name);
    QVERIFY2(pages.size() >= 3,
        qPrintable(pages.join(QLatin1Char(' ')))); // headline and charts, tables, 91 days
    for (const QString &page : std::as_const(pages)) {
        QImage image(m_dir.filePath(page));
        QVERIFY2(!image.isNull(), qPrintable(page));
        const Ink ink = inkOf(image);
        QVERIFY2(ink.nonWhite > ink.total / 200,
            qPrintable(QStringLiteral("%1: %2 of %3 pixels not white")
                           .arg(page)
                           .arg(ink.nonWhite)
                           .arg(ink.total)));
    }
    const Ink first = inkOf(QImage(m_dir.filePath(pages.first())));
    QVERIFY2(first.coloured > first.total / 500,
        qPrintable(QStringLiteral("the charts' colours: %1 pixels").arg(first.coloured)));
}

void ReportDocumentTest::anEmptyRangeStillMakesBothFiles()
{
    const QJsonObject r = report(QDate(2020, 1, 1), QDate(2020, 1, 8));
    Report::ReportDocument doc(r, Report::Names());
    QBuffer csv;
    QVERIFY(csv.open(QIODevice::WriteOnly));
    QString error;
    QVERIFY(doc.writeCsv(&csv, &error));
    const QList<QStringList> rows = parseCsv(csv.data());
    QCOMPARE(rows.size(), 1 + 7 + 1);
    QCOMPARE(rows.last().at(1), QStringLiteral("0"));
    QVERIFY(rows.last().at(5).isEmpty()); // compliance: nothing to count
    QCOMPARE(doc.scopeText(), QStringLiteral("The whole desk"));
    QVERIFY(doc.rangeText().startsWith(QLatin1String("1 January 2020 to 7 January 2020 (7 days")));
    const QString pdf = m_dir.filePath(QStringLiteral("empty.pdf"));
    QVERIFY2(doc.writePdf(pdf, &error), qPrintable(error));
    QVERIFY(QFileInfo(pdf).size() > 1000);
    // A folder that cannot be written is an error, not a crash.
    QVERIFY(!doc.writePdf(QStringLiteral("/nonexistent/folder/report.pdf"), &error));
    QVERIFY(error.contains(QLatin1String("cannot write")));
    QVERIFY(!doc.writeCsv(QStringLiteral("/nonexistent/folder/report.csv"), &error));
}

QTEST_MAIN(ReportDocumentTest)
#include "tst_reportdocument.moc"

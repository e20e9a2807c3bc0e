// The dashboard's "Export report" dialog as it looks, in English and in Spanish: days written
// in the locale's order with the whole year, and nothing drawn over anything else at its own
// size on a 1280x720 screen. ATIENDE_WRITE_SCREENSHOTS renders docs/screenshots/report-dialog-*.

#include "ui/dashboard/reportexportdialog.h"

#include "workspace/workspace.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QLabel>
#include <QLibraryInfo>
#include <QPushButton>
#include <QTranslator>
#include <QtTest>

using namespace Atiende;
using Ui::ReportExportDialog;

class ReportExportDialogTest : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void daysShowTheWholeYearInTheLocalesOrder_data();
    void daysShowTheWholeYearInTheLocalesOrder();
    void nothingOverlapsInEnglishOrSpanish_data();
    void nothingOverlapsInEnglishOrSpanish();
    void screenshots();

private:
    void useLanguage(const QString &language);

    QTranslator m_ours;
    QTranslator m_qt;
    bool m_installed = false;
};

void ReportExportDialogTest::useLanguage(const QString &language)
{
    if (language == QLatin1String("es")) {
        QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
        QVERIFY2(m_ours.load(QLocale(QLocale::Spanish), QStringLiteral("atiende"),
                     QStringLiteral("_"), QStringLiteral(":/i18n")),
            "the Spanish translation is built into the ui library");
        QCoreApplication::installTranslator(&m_ours);
        if (m_qt.load(QLocale(QLocale::Spanish), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        QCoreApplication::processEvents(); // the language change is delivered before the dialog is
                                           // made
        m_installed = true;
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
}

void ReportExportDialogTest::cleanup()
{
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_qt);
        QCoreApplication::removeTranslator(&m_ours);
        m_installed = false;
    }
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void ReportExportDialogTest::daysShowTheWholeYearInTheLocalesOrder_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    // 1 November to 2 December 2026: month first in the US, day first in Spain.
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("11/1/2026")
                        << QStringLiteral("12/2/2026");
    QTest::newRow("es") << QStringLiteral("es") << QStringLiteral("1/11/2026")
                        << QStringLiteral("2/12/2026");
}

void ReportExportDialogTest::daysShowTheWholeYearInTheLocalesOrder()
{
    QFETCH(QString, language);
    QFETCH(QString, first);
    QFETCH(QString, last);
    useLanguage(language);
    Client::Workspace workspace;
    ReportExportDialog dialog(&workspace, {}, QStringLiteral("Service Desk"), QDate(2026, 12, 2));
    dialog.setRange(QDate(2026, 11, 1), QDate(2026, 12, 2));
    auto *from = dialog.findChild<QDateEdit *>(QStringLiteral("reportFrom"));
    auto *to = dialog.findChild<QDateEdit *>(QStringLiteral("reportTo"));
    QVERIFY(from && to);
    QCOMPARE(from->text(), first);
    QCOMPARE(to->text(), last);
    QVERIFY(from->displayFormat().contains(QLatin1String("yyyy")));
}

void ReportExportDialogTest::nothingOverlapsInEnglishOrSpanish_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("withError");
    QTest::newRow("en") << QStringLiteral("en") << false;
    QTest::newRow("es") << QStringLiteral("es") << false;
    QTest::newRow("en, with a long error") << QStringLiteral("en") << true;
    QTest::newRow("es, with a long error") << QStringLiteral("es") << true;
}

void ReportExportDialogTest::nothingOverlapsInEnglishOrSpanish()
{
    QFETCH(QString, language);
    QFETCH(bool, withError);
    useLanguage(language);
    Client::Workspace workspace; // not connected: an export is refused with the longest message
    ReportExportDialog dialog(
        &workspace, {}, QStringLiteral("Service Desk, Network"), QDate(2026, 12, 2));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (withError) {
        dialog.chooseFile();
        QVERIFY(!dialog.statusText().isEmpty());
        QCoreApplication::sendPostedEvents(
            nullptr, QEvent::LayoutRequest); // the layout settles now
    }
    // It fits a 1280x720 screen as it opens.
    QVERIFY2(dialog.width() <= 1280 && dialog.height() <= 720,
        qPrintable(QStringLiteral("%1x%2").arg(dialog.width()).arg(dialog.height())));

    // Every visible control keeps its own place: no two intersect, and none is squeezed below
    // what its text needs.
    QList<QWidget *> controls;
    for (QWidget *w : dialog.findChildren<QWidget *>()) {
        if (w->isVisible()
            && (qobject_cast<QCheckBox *>(w) || qobject_cast<QDateEdit *>(w)
                || qobject_cast<QLabel *>(w) || qobject_cast<QPushButton *>(w)))
            controls << w;
    }
    int boxes = 0;
    for (QWidget *w : std::as_const(controls)) {
        if (auto *box = qobject_cast<QCheckBox *>(w)) {
            ++boxes;
            QVERIFY2(box->height() >= box->minimumSizeHint().height()
                    && box->width() >= box->sizeHint().width(),
                qPrintable(box->text() + QStringLiteral(" is squeezed")));
        }
    }
    QCOMPARE(boxes, 2);
    for (int i = 0; i < controls.size(); ++i) {
        for (int j = i + 1; j < controls.size(); ++j) {
            QWidget *a = controls.at(i), *b = controls.at(j);
            if (a->isAncestorOf(b) || b->isAncestorOf(a))
                continue;
            const QRect ra(a->mapTo(&dialog, QPoint(0, 0)), a->size());
            const QRect rb(b->mapTo(&dialog, QPoint(0, 0)), b->size());
            QVERIFY2(!ra.intersects(rb),
                qPrintable(
                    QStringLiteral("%1 (%2) overlaps %3 (%4)")
                        .arg(a->objectName(), QString::fromLatin1(a->metaObject()->className()),
                            b->objectName(), QString::fromLatin1(b->metaObject()->className()))));
        }
    }
}

// docs/screenshots/report-dialog-en.png and report-dialog-es.png
void ReportExportDialogTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the report "
              "dialog");
    QVERIFY(QDir().mkpath(dir));
    for (const QString &language : { QStringLiteral("en"), QStringLiteral("es") }) {
        useLanguage(language);
        Client::Workspace workspace;
        ReportExportDialog dialog(
            &workspace, {}, QStringLiteral("Service Desk, Network"), QDate(2026, 12, 2));
        dialog.setRange(QDate(2026, 11, 1), QDate(2026, 11, 30));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(100);
        const QString path
            = QDir(dir).filePath(QStringLiteral("report-dialog-%1.png").arg(language));
        QVERIFY(dialog.grab().save(path));
        qInfo() << "wrote" << path;
        cleanup();
    }
}

QTEST_MAIN(ReportExportDialogTest)
#include "tst_reportexportdialog.moc"

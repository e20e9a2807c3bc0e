#include "reportexportdialog.h"

#include "client/workspace/workspace.h"
#include "report/reportdocument.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Atiende::Ui {

namespace {

const QString kDirSetting = QStringLiteral("dashboard.exportDir");

// Names for the ids a report holds: the few customers and organisations of its top lists
// are looked up one by one, never the whole directory.
Report::Names reportNames(const Client::Workspace *workspace, const Core::KpiReportFigures &report)
{
    Report::Names names;
    names.desk = QStringLiteral("Atiende");
    names.groups = workspace->names(QStringLiteral("group"));
    names.categories = workspace->names(QStringLiteral("category"));
    for (const Core::KpiCount &customer : report.breakdowns.topCustomers) {
        const qint64 id = customer.id;
        if (const auto c = workspace->customer(id))
            names.customers.insert(id, c->name);
    }
    for (const Core::KpiCount &organisation : report.breakdowns.topOrganisations) {
        const qint64 id = organisation.id;
        if (const auto o = workspace->organisation(id))
            names.organisations.insert(id, o->name);
    }
    return names;
}

} // namespace

QString ReportExportDialog::dateFormat(const QLocale &locale)
{
    // The locale's short order and separators ("M/d/yy", "d/M/yy"), with the whole year: a
    // report's range may span years and "1/2/26" reads three ways.
    QString format = locale.dateFormat(QLocale::ShortFormat);
    static const QRegularExpression years(QStringLiteral("y+"));
    format.replace(years, QStringLiteral("yyyy"));
    if (!format.contains(QLatin1String("yyyy")))
        format = QStringLiteral("yyyy-MM-dd");
    return format;
}

ReportExportDialog::ReportExportDialog(Client::Workspace *workspace, const QList<qint64> &groupIds,
    const QString &scopeText, QDate today, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_groupIds(groupIds)
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_csv(new QCheckBox(tr("&CSV table: the figures per day and in total"), this))
    , m_pdf(new QCheckBox(tr("&PDF report with charts"), this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("&Export…"), this))
{
    setWindowTitle(tr("Export report"));
    setObjectName(QStringLiteral("reportExportDialog"));
    if (!today.isValid())
        today = QDate::currentDate();
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(dateFormat(QLocale()));
        edit->setMinimumDate(QDate(2000, 1, 1));
        edit->setMaximumDate(today.addYears(1));
    }
    m_from->setObjectName(QStringLiteral("reportFrom"));
    m_to->setObjectName(QStringLiteral("reportTo"));
    m_csv->setObjectName(QStringLiteral("reportCsv"));
    m_pdf->setObjectName(QStringLiteral("reportPdf"));
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_export->setObjectName(QStringLiteral("reportExport"));
    // The last 30 days, today included, like the dashboard's longest period.
    setRange(today.addDays(-29), today);
    m_csv->setChecked(true);
    m_pdf->setChecked(true);

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *scope = new QLabel(scopeText, this);
    scope->setTextFormat(Qt::PlainText);
    form->addRow(tr("Groups:"), scope);
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To (included):"), m_to);
    auto *formats = new QVBoxLayout;
    formats->addWidget(m_csv);
    formats->addWidget(m_pdf);
    form->addRow(tr("Formats:"), formats);
    layout->addLayout(form);
    auto *hint = new QLabel(tr("Days are the desk's days. A report covers at most %L1 days; with "
                               "both formats, the two files are saved "
                               "side by side under the same name.")
                                .arg(maxDays()),
        this);
    hint->setWordWrap(true);
    QPalette muted = hint->palette();
    muted.setColor(QPalette::WindowText,
        Theme::mix(muted.color(QPalette::WindowText), muted.color(QPalette::Window), 0.4));
    hint->setPalette(muted);
    layout->addWidget(hint);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    m_export->setDefault(true);
    connect(m_export, &QPushButton::clicked, this, &ReportExportDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // A changed choice makes an old error stale.
    auto clearError = [this] {
        if (m_error)
            setStatus(QString(), false);
    };
    connect(m_from, &QDateEdit::dateChanged, this, clearError);
    connect(m_to, &QDateEdit::dateChanged, this, clearError);
    connect(m_csv, &QCheckBox::toggled, this, clearError);
    connect(m_pdf, &QCheckBox::toggled, this, clearError);
    setMinimumWidth(460);
}

QDate ReportExportDialog::firstDay() const
{
    return m_from->date();
}
QDate ReportExportDialog::lastDay() const
{
    return m_to->date();
}

void ReportExportDialog::setRange(QDate first, QDate last)
{
    m_from->setDate(first);
    m_to->setDate(last);
}

bool ReportExportDialog::csvChosen() const
{
    return m_csv->isChecked();
}
bool ReportExportDialog::pdfChosen() const
{
    return m_pdf->isChecked();
}

void ReportExportDialog::setFormats(bool csv, bool pdf)
{
    m_csv->setChecked(csv);
    m_pdf->setChecked(pdf);
}

QString ReportExportDialog::statusText() const
{
    return m_status->text();
}

QString ReportExportDialog::problem() const
{
    if (!csvChosen() && !pdfChosen())
        return tr("Choose CSV, PDF or both.");
    if (lastDay() < firstDay())
        return tr("The last day is before the first one.");
    if (firstDay().daysTo(lastDay()) + 1 > maxDays())
        return tr("A report covers at most %L1 days (three years); this range has %L2. Choose a "
                  "shorter range.")
            .arg(maxDays())
            .arg(firstDay().daysTo(lastDay()) + 1);
    if (!m_workspace->connection() || !m_workspace->connection()->isOnline())
        return tr("A report needs the server, and the console is offline now. Try again once it is "
                  "connected.");
    return QString();
}

QString ReportExportDialog::suggestedFileName() const
{
    const QString suffix = pdfChosen() ? QStringLiteral("pdf") : QStringLiteral("csv");
    return tr("atiende-report-%1-to-%2", "file name of an exported report")
               .arg(firstDay().toString(Qt::ISODate), lastDay().toString(Qt::ISODate))
        + QLatin1Char('.') + suffix;
}

void ReportExportDialog::chooseFile()
{
    if (m_busy)
        return;
    if (const QString p = problem(); !p.isEmpty()) {
        setStatus(p, true);
        Q_EMIT failed(p);
        return;
    }
    QString dir = m_workspace->setting(kDirSetting);
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto *dialog
        = new QFileDialog(this, tr("Save the report"), QDir(dir).filePath(suggestedFileName()));
    dialog->setObjectName(QStringLiteral("reportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    QStringList filters;
    if (pdfChosen() && csvChosen())
        filters << tr("PDF report and CSV table (*.pdf *.csv)");
    else if (pdfChosen())
        filters << tr("PDF report (*.pdf)");
    else
        filters << tr("CSV table (*.csv)");
    dialog->setNameFilters(filters);
    dialog->setDefaultSuffix(pdfChosen() ? QStringLiteral("pdf") : QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &ReportExportDialog::exportTo);
    dialog->open();
}

void ReportExportDialog::exportTo(const QString &path)
{
    if (m_busy || path.isEmpty())
        return;
    if (const QString p = problem(); !p.isEmpty()) {
        setStatus(p, true);
        Q_EMIT failed(p);
        return;
    }
    m_workspace->setSetting(kDirSetting, QFileInfo(path).absolutePath());
    setBusy(true);
    setStatus(tr("Asking the server for the report…"), false);
    QPointer<ReportExportDialog> self(this);
    m_workspace->dashboard()->requestReport(firstDay(), lastDay().addDays(1), m_groupIds,
        [self, path](const Client::Dashboard::ReportReply &reply) {
            if (self)
                self->onReport(path, reply);
        });
}

void ReportExportDialog::onReport(const QString &path, const Client::Dashboard::ReportReply &reply)
{
    setBusy(false);
    using Core::Protocol::ErrorCode;
    if (!reply.ok) {
        QString message;
        const bool offline = !m_workspace->connection() || !m_workspace->connection()->isOnline();
        if (reply.error.code == ErrorCode::InternalError && offline)
            message = tr("A report needs the server, and the connection was lost. Try again once "
                         "the console is connected.");
        else if (reply.error.code == ErrorCode::Forbidden)
            message = tr("The server refused the report: only team leads of these groups and "
                         "admins may see it.");
        else if (reply.error.code == ErrorCode::ValidationFailed)
            message = tr("The server refused the range: %1").arg(reply.error.message);
        else
            message = tr("The report could not be made: %1").arg(reply.error.message);
        setStatus(message, true);
        Q_EMIT failed(message);
        return;
    }

    // The report library writes the files from the protocol's form of the report (the same
    // one `atiended report` reads).
    const Report::ReportDocument document(
        reply.report.toJson(), reportNames(m_workspace, reply.report));
    const QFileInfo chosen(path);
    // One format: the file as named. Both: that name with each format's suffix.
    QString pdf = path, csv = path;
    if (pdfChosen() && csvChosen()) {
        const QString suffix = chosen.suffix().toLower();
        const QString base = suffix == QLatin1String("pdf") || suffix == QLatin1String("csv")
            ? chosen.dir().filePath(chosen.completeBaseName())
            : path;
        pdf = base + QStringLiteral(".pdf");
        csv = base + QStringLiteral(".csv");
    }
    QStringList written;
    QString error;
    // A long range makes a PDF of many pages; the agent sees that work is going on.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    bool ok = true;
    if (pdfChosen()) {
        ok = document.writePdf(pdf, &error);
        if (ok)
            written << pdf;
    }
    if (ok && csvChosen()) {
        ok = document.writeCsv(csv, &error);
        if (ok)
            written << csv;
    }
    QApplication::restoreOverrideCursor();
    if (!ok) {
        const QString message = tr("The report could not be saved: %1").arg(error);
        setStatus(message, true);
        Q_EMIT failed(message);
        return;
    }
    m_written = written;
    QStringList names;
    for (const QString &file : std::as_const(written))
        names << QFileInfo(file).fileName();
    setStatus(tr("Saved %1 in %2.")
                  .arg(QLocale().createSeparatedList(names),
                      QDir::toNativeSeparators(chosen.absolutePath())),
        false);
    Q_EMIT exported(written);
}

void ReportExportDialog::setStatus(const QString &text, bool error)
{
    m_error = error && !text.isEmpty();
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    QPalette p = palette();
    if (m_error)
        p.setColor(QPalette::WindowText, Theme::slaBreached());
    m_status->setPalette(p);
    fitContents();
}

void ReportExportDialog::fitContents()
{
    // The hint and the status wrap their words, and a window does not grow by itself for
    // text that wraps: without this, a status shown later squeezes the rows above it until
    // the check boxes are drawn over each other.
    QLayout *top = layout();
    if (!top)
        return;
    top->activate();
    const int needed = top->hasHeightForWidth() ? top->totalHeightForWidth(width())
                                                : top->totalSizeHint().height();
    setMinimumHeight(qMax(top->totalMinimumSize().height(), needed));
    if (height() < needed)
        resize(width(), needed);
}

void ReportExportDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_export->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *> { m_from, m_to, m_csv, m_pdf })
        w->setEnabled(!busy);
}

} // namespace Atiende::Ui

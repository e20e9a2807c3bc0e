#pragma once
// "Export report…" of the dashboard tab: a range of the desk's days, CSV and/or PDF, then a
// file. The figures come from the server (reports.get, Dashboard::requestReport) for the
// groups the tab shows, and are written by Report::ReportDocument, the same files as
// `atiended report`. Says clearly what went wrong: a range too long, no connection, a refusal.

#include "client/dashboard/dashboard.h"

#include <QDate>
#include <QDialog>
#include <QList>
#include <QLocale>
#include <QStringList>

class QCheckBox;
class QDateEdit;
class QLabel;
class QPushButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class ReportExportDialog : public QDialog
{
    Q_OBJECT
public:
    // The longest range the server makes a report of (docs/kpis.md).
    static constexpr int maxDays() { return 1096; }
    // How the day fields write a date in a locale: its short order with a four-digit year.
    static QString dateFormat(const QLocale &locale);

    // groupIds: the scope, as for Dashboard::subscribe; scopeText names it for the agent.
    // today: the desk's today (its time zone), the default range ending with it.
    ReportExportDialog(Client::Workspace *workspace, const QList<qint64> &groupIds,
        const QString &scopeText, QDate today, QWidget *parent = nullptr);

    QDate firstDay() const;
    QDate lastDay() const; // included
    void setRange(QDate first, QDate last);
    bool csvChosen() const;
    bool pdfChosen() const;
    void setFormats(bool csv, bool pdf);

    // What the dialog says now (progress, the files written, or what went wrong).
    QString statusText() const;
    bool isBusy() const { return m_busy; }
    // The files of the last export.
    QStringList writtenFiles() const { return m_written; }

public Q_SLOTS:
    // Checks the choices, then asks for the file (a QFileDialog; its answer goes to exportTo).
    void chooseFile();
    // Fetches the report and writes the chosen formats: path itself for one, and path with
    // the other suffix beside it for both ("march.pdf" and "march.csv").
    void exportTo(const QString &path);

Q_SIGNALS:
    void exported(const QStringList &paths);
    void failed(const QString &message);

private:
    QString problem() const; // what is wrong with the choices; empty when nothing
    void onReport(const QString &path, const Client::Dashboard::ReportReply &reply);
    void setStatus(const QString &text, bool error);
    void setBusy(bool busy);
    void fitContents(); // tall enough for the wrapped texts at the current width
    QString suggestedFileName() const;

    Client::Workspace *m_workspace;
    QList<qint64> m_groupIds;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QCheckBox *m_csv;
    QCheckBox *m_pdf;
    QLabel *m_status;
    QPushButton *m_export;
    bool m_busy = false;
    bool m_error = false;
    QStringList m_written;
};

} // namespace Atiende::Ui

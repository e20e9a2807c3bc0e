#pragma once
// A KPI report (the JSON of reports.get / Server::KpiReport, docs/protocol.md) as files:
// a CSV table of the figures per day and in total, and a PDF with the headline figures,
// charts drawn with QPainter (created and resolved per day, SLA compliance per day, demand
// per category) and the tables behind them.
//
// Depends on Qt Gui only (QPdfWriter, QPainter), not on Widgets nor on the server, so
// `atiended report` and the console's dashboard tab write the same files from the same JSON.
// Writing a PDF needs a QGuiApplication (the "offscreen" platform is enough).

#include <QHash>
#include <QJsonObject>
#include <QString>

class QIODevice;

namespace Atiende::Report {

// Names for the ids in a report; an id without a name is shown as "#id".
struct Names
{
    QString desk; // the title's subject, e.g. "Atiende service desk"
    QHash<qint64, QString> groups;
    QHash<qint64, QString> categories;
    QHash<qint64, QString> customers;
    QHash<qint64, QString> organisations;
};

class ReportDocument
{
public:
    ReportDocument(QJsonObject report, Names names);

    // The columns of the CSV, in order (the first is "date"; the last row's date is "total").
    static QStringList csvColumns();

    // RFC 4180: UTF-8, comma separated, CRLF line ends, one header row, one row per day, then
    // the totals. Rates are fractions (0.9333), durations business minutes with one decimal;
    // an empty cell is a figure with nothing to count (no SLA clock stopped that day, say).
    bool writeCsv(QIODevice *out, QString *error) const;
    bool writeCsv(const QString &path, QString *error) const;
    // A4 portrait.
    bool writePdf(const QString &path, QString *error) const;

    QString title() const;
    QString scopeText() const;
    QString rangeText() const;

private:
    QJsonObject m_report;
    Names m_names;
};

} // namespace Atiende::Report

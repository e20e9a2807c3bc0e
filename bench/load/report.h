#pragma once
// The figures a run produces: printed one line each as they are measured, summarised in a
// table at the end, and written as JSON for machines (--json).

#include "processstats.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QTextStream;

namespace Atiende::Bench {

struct Figure
{
    enum class Bound { None, AtLeast, AtMost };

    QString scenario; // "create w=16", "fanout m=1000", ...
    QString name;
    double value = 0;
    QString unit;
    Bound bound = Bound::None;
    double limit = 0;

    bool hasTarget() const { return bound != Bound::None; }
    bool met() const
    {
        return bound == Bound::AtLeast ? value >= limit
            : bound == Bound::AtMost   ? value <= limit
                                       : true;
    }
    QString targetText() const;
};

class Report
{
public:
    explicit Report(QTextStream &out);

    void add(const QString &scenario, const QString &name, double value, const QString &unit);
    void addTarget(const QString &scenario, const QString &name, double value, const QString &unit,
        Figure::Bound bound, double limit);
    // "<who> CPU" in % of one core, and a note naming the busiest threads.
    void addCpu(
        const QString &scenario, const QString &who, const CpuUsage &usage, int busiestThreads = 4);
    // Free text that belongs to a scenario: how it was measured, what went wrong.
    void note(const QString &scenario, const QString &text);
    // A scenario that could not run at all.
    void fail(const QString &scenario, const QString &why);

    bool hasFailures() const { return !m_failures.isEmpty(); }
    const QList<Figure> &figures() const { return m_figures; }

    void printSummary() const;
    bool writeJson(const QString &path, const QJsonObject &meta, QString *error) const;

    static QString formatValue(double value);

private:
    void print(const Figure &f) const;

    QTextStream &m_out;
    QList<Figure> m_figures;
    QList<QPair<QString, QString>> m_notes;
    QList<QPair<QString, QString>> m_failures;
};

} // namespace Atiende::Bench

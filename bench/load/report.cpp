#include "report.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace Atiende::Bench {

QString Figure::targetText() const
{
    if (bound == Bound::None)
        return QString();
    return QStringLiteral("%1 %2 %3")
        .arg(bound == Bound::AtLeast ? QStringLiteral(">=") : QStringLiteral("<="),
            Report::formatValue(limit), unit);
}

Report::Report(QTextStream &out)
    : m_out(out)
{
}

QString Report::formatValue(double value)
{
    // Enough digits for sub-millisecond latencies, no noise on large rates.
    const double a = qAbs(value);
    const int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
    return QString::number(value, 'f', decimals);
}

void Report::print(const Figure &f) const
{
    const QString value = formatValue(f.value) + QLatin1Char(' ') + f.unit;
    QString line
        = QStringLiteral("  %1  %2 ").arg(f.scenario.leftJustified(17), f.name.leftJustified(46));
    if (f.hasTarget())
        line += QStringLiteral("%1  [target %2: %3]")
                    .arg(value.leftJustified(14), f.targetText(),
                        f.met() ? QStringLiteral("met") : QStringLiteral("MISSED"));
    else
        line += value;
    m_out << line << Qt::endl;
}

void Report::add(const QString &scenario, const QString &name, double value, const QString &unit)
{
    Figure f { scenario, name, value, unit, Figure::Bound::None, 0 };
    m_figures << f;
    print(f);
}

void Report::addTarget(const QString &scenario, const QString &name, double value,
    const QString &unit, Figure::Bound bound, double limit)
{
    Figure f { scenario, name, value, unit, bound, limit };
    m_figures << f;
    print(f);
}

void Report::addCpu(
    const QString &scenario, const QString &who, const CpuUsage &usage, int busiestThreads)
{
    if (usage.wallMs <= 0 || usage.threadPercents.isEmpty())
        return;
    add(scenario, QStringLiteral("%1 CPU (100 = one core busy)").arg(who), usage.processPercent,
        QStringLiteral("%"));
    QStringList busiest;
    for (const auto &t : usage.threadPercents.mid(0, busiestThreads)) {
        if (t.second >= 1)
            busiest << QStringLiteral("%1 %2%").arg(t.first, QString::number(t.second, 'f', 0));
    }
    if (!busiest.isEmpty())
        note(scenario,
            QStringLiteral("%1 busiest threads: %2").arg(who, busiest.join(QStringLiteral(", "))));
}

void Report::note(const QString &scenario, const QString &text)
{
    m_notes << qMakePair(scenario, text);
    m_out << "  " << scenario.leftJustified(17) << "  note: " << text << Qt::endl;
}

void Report::fail(const QString &scenario, const QString &why)
{
    m_failures << qMakePair(scenario, why);
    m_out << "  " << scenario.leftJustified(17) << "  FAILED: " << why << Qt::endl;
}

void Report::printSummary() const
{
    m_out << Qt::endl << "Summary (targets from the foundation issue)" << Qt::endl;
    const QString rule = QString(104, QLatin1Char('-'));
    m_out << rule << Qt::endl;
    m_out << QStringLiteral("%1 %2 %3 %4")
                 .arg(QStringLiteral("scenario").leftJustified(17),
                     QStringLiteral("figure").leftJustified(40),
                     QStringLiteral("value").rightJustified(16), QStringLiteral("target"))
          << Qt::endl;
    m_out << rule << Qt::endl;
    for (const Figure &f : m_figures) {
        if (!f.hasTarget())
            continue;
        m_out << QStringLiteral("%1 %2 %3   %4 %5")
                     .arg(f.scenario.leftJustified(17), f.name.leftJustified(40),
                         (formatValue(f.value) + QLatin1Char(' ') + f.unit).rightJustified(16),
                         f.targetText().leftJustified(14),
                         f.met() ? QStringLiteral("met") : QStringLiteral("MISSED"))
              << Qt::endl;
    }
    for (const auto &failure : m_failures)
        m_out << failure.first.leftJustified(17) << " did not run: " << failure.second << Qt::endl;
    m_out << rule << Qt::endl;
}

bool Report::writeJson(const QString &path, const QJsonObject &meta, QString *error) const
{
    QJsonArray figures;
    for (const Figure &f : m_figures) {
        QJsonObject o { { QStringLiteral("scenario"), f.scenario },
            { QStringLiteral("name"), f.name }, { QStringLiteral("value"), f.value },
            { QStringLiteral("unit"), f.unit } };
        if (f.hasTarget()) {
            o.insert(QStringLiteral("target"),
                QJsonObject { { QStringLiteral("bound"),
                                  f.bound == Figure::Bound::AtLeast ? QStringLiteral("atLeast")
                                                                    : QStringLiteral("atMost") },
                    { QStringLiteral("limit"), f.limit } });
            o.insert(QStringLiteral("met"), f.met());
        }
        figures.append(o);
    }
    QJsonArray notes;
    for (const auto &n : m_notes)
        notes.append(QJsonObject {
            { QStringLiteral("scenario"), n.first }, { QStringLiteral("text"), n.second } });
    QJsonArray failures;
    for (const auto &n : m_failures)
        failures.append(QJsonObject {
            { QStringLiteral("scenario"), n.first }, { QStringLiteral("error"), n.second } });
    QJsonObject root = meta;
    root.insert(QStringLiteral("figures"), figures);
    root.insert(QStringLiteral("notes"), notes);
    root.insert(QStringLiteral("failures"), failures);

    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    return file.error() == QFileDevice::NoError;
}

} // namespace Atiende::Bench

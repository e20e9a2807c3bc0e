#include "reportdocument.h"

#include "core/kpi/durationrounding.h"

#include "core/domain/timestamp.h"

#include <QFile>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QPageLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>

#include <cmath>
#include <optional>
#include <vector>

namespace Atiende::Report {

namespace {

std::optional<double> number(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

QJsonValue at(const QJsonObject &o, const char *a, const char *b = nullptr)
{
    const QJsonValue v = o.value(QLatin1String(a));
    return b ? v.toObject().value(QLatin1String(b)) : v;
}

QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

// Text for people: "93.3 %", "2 h 05 min", "–" for nothing to show.
const QString kNone = QStringLiteral("\u2013");
QString percentText(const QJsonValue &rate)
{
    const auto r = number(rate);
    return r ? QStringLiteral("%1 %").arg(fixed(*r * 100, 1)) : kNone;
}
QString durationText(const QJsonValue &ms)
{
    const auto v = number(ms);
    if (!v)
        return kNone;
    // Rounded as the dashboard rounds it (one function for both).
    const qint64 rounded = Core::roundDurationForReading(*v);
    if (rounded < 60000 && rounded > -60000)
        return QStringLiteral("%1 s").arg(rounded / 1000);
    const qint64 minutes = rounded / 60000;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    return QStringLiteral("%1 h %2 min")
        .arg(minutes / 60)
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}
QString countText(const QJsonValue &v)
{
    return QString::number(qint64(v.toDouble()));
}

// CSV cells.
QString csvRate(const QJsonValue &v)
{
    const auto r = number(v);
    return r ? fixed(*r, 4) : QString();
}
QString csvMinutes(const QJsonValue &v)
{
    const auto r = number(v);
    return r ? fixed(*r / 60000.0, 1) : QString();
}
QString csvQuote(const QString &cell)
{
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"'))
        && !cell.contains(QLatin1Char('\n')) && !cell.contains(QLatin1Char('\r')))
        return cell;
    QString quoted = cell;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QStringList csvRow(const QString &date, const QJsonObject &f)
{
    return { date, countText(at(f, "created")), countText(at(f, "resolved")),
        countText(at(f, "firstResponse", "met")), countText(at(f, "firstResponse", "breached")),
        csvRate(at(f, "firstResponse", "compliance")), csvMinutes(at(f, "firstResponse", "meanMs")),
        csvMinutes(at(f, "firstResponse", "medianMs")), countText(at(f, "resolution", "met")),
        countText(at(f, "resolution", "breached")), csvRate(at(f, "resolution", "compliance")),
        csvMinutes(at(f, "resolution", "meanMs")), csvMinutes(at(f, "resolution", "medianMs")),
        countText(at(f, "firstContactResolution", "count")),
        csvRate(at(f, "firstContactResolution", "rate")), countText(at(f, "reopened", "count")),
        csvRate(at(f, "reopened", "rate")), countText(at(f, "csat", "good")),
        countText(at(f, "csat", "bad")), csvRate(at(f, "csat", "goodShare")) };
}

// ---- PDF -------------------------------------------------------------------------------

const QColor kInk(0x22, 0x2b, 0x36);
const QColor kMuted(0x6b, 0x75, 0x80);
const QColor kRule(0xd5, 0xda, 0xe0);
const QColor kCreated(0x2e, 0x6f, 0xd8);
const QColor kResolved(0x2f, 0x9e, 0x5b);
const QColor kFirstResponse(0xd9, 0x7b, 0x1f);
const QColor kResolution(0x7a, 0x4c, 0xc9);

struct Series
{
    QString name;
    QColor color;
    std::vector<std::optional<double>> values;
};

// Lays a report out page by page at 300 dpi; y() is the next free line.
class Pdf
{
public:
    explicit Pdf(QPdfWriter *writer)
        : m_writer(writer)
    {
    }
    bool begin() { return m_painter.begin(m_writer); }
    void end() { m_painter.end(); }
    QPainter &painter() { return m_painter; }

    double width() const { return m_writer->width() - 2 * margin(); }
    double left() const { return margin(); }
    double bottom() const { return m_writer->height() - margin(); }
    double margin() const { return mm(15); }
    double mm(double v) const { return v * m_writer->resolution() / 25.4; }
    double y() const { return m_y; }
    void skip(double dy) { m_y += dy; }

    void startPage(bool first)
    {
        if (!first)
            m_writer->newPage();
        m_y = margin();
        ++m_page;
        // Footer: page number and the report's subject.
        setFont(7);
        m_painter.setPen(kMuted);
        const QRectF footer(left(), bottom() + mm(4), width(), mm(5));
        m_painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
        m_painter.drawText(
            footer, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("%1").arg(m_page));
    }
    void ensure(double height)
    {
        if (m_y + height > bottom())
            startPage(false);
    }
    void setFooter(const QString &text) { m_footer = text; }

    void setFont(double points, bool bold = false)
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setStyleHint(QFont::SansSerif);
        f.setPointSizeF(points);
        f.setBold(bold);
        m_painter.setFont(f);
    }

    void text(const QString &s, double points, bool bold = false, const QColor &color = kInk)
    {
        setFont(points, bold);
        const QFontMetricsF fm(m_painter.font(), m_writer);
        const QRectF bounds = fm.boundingRect(QRectF(0, 0, width(), 1e6), Qt::TextWordWrap, s);
        ensure(bounds.height());
        m_painter.setPen(color);
        m_painter.drawText(QRectF(left(), m_y, width(), bounds.height()), Qt::TextWordWrap, s);
        m_y += bounds.height();
    }

    // Headline tiles: label, value and the line below it, four to a row.
    void tiles(const QList<std::array<QString, 3>> &items)
    {
        const int perRow = 4;
        const double gap = mm(3);
        const double w = (width() - gap * (perRow - 1)) / perRow;
        const double h = mm(20);
        for (int i = 0; i < items.size(); ++i) {
            const int col = i % perRow;
            if (col == 0) {
                if (i > 0)
                    m_y += h + gap;
                ensure(h);
            }
            const QRectF r(left() + col * (w + gap), m_y, w, h);
            m_painter.setPen(QPen(kRule, mm(0.3)));
            m_painter.setBrush(QColor(0xf6, 0xf8, 0xfa));
            m_painter.drawRoundedRect(r, mm(1.5), mm(1.5));
            m_painter.setBrush(Qt::NoBrush);
            const QRectF inner = r.adjusted(mm(2.5), mm(2), -mm(2.5), -mm(2));
            setFont(7);
            m_painter.setPen(kMuted);
            m_painter.drawText(inner, Qt::AlignLeft | Qt::AlignTop, items.at(i)[0]);
            setFont(14, true);
            m_painter.setPen(kInk);
            m_painter.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter, items.at(i)[1]);
            setFont(6.5);
            m_painter.setPen(kMuted);
            m_painter.drawText(inner, Qt::AlignLeft | Qt::AlignBottom, items.at(i)[2]);
        }
        m_y += h + gap;
    }

    // A line chart of one value per day; missing values leave a gap.
    void lineChart(
        const QString &title, const QList<QDate> &days, const QList<Series> &series, bool percent)
    {
        const double h = mm(70);
        ensure(h);
        const QRectF r(left(), m_y, width(), h);
        setFont(9, true);
        m_painter.setPen(kInk);
        m_painter.drawText(
            QRectF(r.left(), r.top(), r.width(), mm(6)), Qt::AlignLeft | Qt::AlignVCenter, title);
        // Legend, right-aligned on the title's line.
        setFont(7);
        double lx = r.right();
        for (auto it = series.crbegin(); it != series.crend(); ++it) {
            const double tw = QFontMetricsF(m_painter.font(), m_writer).horizontalAdvance(it->name);
            lx -= tw;
            m_painter.setPen(kInk);
            m_painter.drawText(QRectF(lx, r.top(), tw, mm(6)), Qt::AlignVCenter, it->name);
            lx -= mm(4);
            m_painter.fillRect(QRectF(lx, r.top() + mm(2), mm(3), mm(2)), it->color);
            lx -= mm(4);
        }
        const QRectF plot(
            r.left() + mm(14), r.top() + mm(9), r.width() - mm(16), r.height() - mm(17));
        double top = 1.0;
        for (const Series &s : series) {
            for (const auto &v : s.values) {
                if (v)
                    top = qMax(top, *v);
            }
        }
        if (!percent) {
            // Four round steps: 1, 2, 2.5 or 5 times a power of ten each.
            const double rough = top / 4;
            const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
            for (double step : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
                if (step * magnitude >= rough) {
                    top = 4 * step * magnitude;
                    break;
                }
            }
        }
        setFont(6.5);
        for (int i = 0; i <= 4; ++i) {
            const double y = plot.bottom() - plot.height() * i / 4;
            m_painter.setPen(QPen(kRule, mm(0.2)));
            m_painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
            const double v = top * i / 4;
            const QString label = percent ? QStringLiteral("%1 %").arg(v * 100, 0, 'f', 0)
                                          : QString::number(v, 'f', v == std::floor(v) ? 0 : 1);
            m_painter.setPen(kMuted);
            m_painter.drawText(QRectF(r.left(), y - mm(2), mm(12), mm(4)),
                Qt::AlignRight | Qt::AlignVCenter, label);
        }
        const int n = int(days.size());
        auto xOf = [&](int i) {
            return n <= 1 ? plot.center().x() : plot.left() + plot.width() * i / (n - 1);
        };
        // Date labels, at most about eight.
        const int every = qMax(1, (n + 7) / 8);
        for (int i = 0; i < n; i += every) {
            const QString label = days.at(i).toString(QStringLiteral("d MMM yy"));
            m_painter.setPen(kMuted);
            m_painter.drawText(QRectF(xOf(i) - mm(10), plot.bottom() + mm(1), mm(20), mm(4)),
                Qt::AlignHCenter | Qt::AlignTop, label);
        }
        m_painter.setRenderHint(QPainter::Antialiasing);
        for (const Series &s : series) {
            QPainterPath path;
            bool drawing = false;
            for (int i = 0; i < n && i < int(s.values.size()); ++i) {
                const auto &v = s.values[size_t(i)];
                if (!v) {
                    drawing = false;
                    continue;
                }
                const QPointF pt(
                    xOf(i), plot.bottom() - plot.height() * qBound(0.0, *v / top, 1.0));
                if (drawing)
                    path.lineTo(pt);
                else
                    path.moveTo(pt);
                drawing = true;
                if (n <= 62) {
                    m_painter.setPen(Qt::NoPen);
                    m_painter.setBrush(s.color);
                    m_painter.drawEllipse(pt, mm(0.6), mm(0.6));
                    m_painter.setBrush(Qt::NoBrush);
                }
            }
            m_painter.setPen(QPen(s.color, mm(0.45), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            m_painter.drawPath(path);
        }
        m_painter.setRenderHint(QPainter::Antialiasing, false);
        m_y += h + mm(4);
    }

    // Horizontal bars with their values.
    void barChart(
        const QString &title, const QList<std::pair<QString, double>> &bars, const QColor &color)
    {
        const double row = mm(6);
        const double h = mm(8) + row * qMax<qsizetype>(1, bars.size());
        ensure(h);
        setFont(9, true);
        m_painter.setPen(kInk);
        m_painter.drawText(
            QRectF(left(), m_y, width(), mm(6)), Qt::AlignLeft | Qt::AlignVCenter, title);
        double y = m_y + mm(8);
        double top = 0;
        for (const auto &b : bars)
            top = qMax(top, b.second);
        const double labelWidth = width() * 0.38;
        const double barWidth = width() - labelWidth - mm(16);
        setFont(7.5);
        if (bars.isEmpty()) {
            m_painter.setPen(kMuted);
            m_painter.drawText(QRectF(left(), y, width(), row), Qt::AlignVCenter,
                QStringLiteral("No tickets in this range."));
        }
        for (const auto &[label, value] : bars) {
            m_painter.setPen(kInk);
            const QString elided = QFontMetricsF(m_painter.font(), m_writer)
                                       .elidedText(label, Qt::ElideRight, labelWidth - mm(2));
            m_painter.drawText(QRectF(left(), y, labelWidth - mm(2), row),
                Qt::AlignVCenter | Qt::AlignLeft, elided);
            const double w = top > 0 ? barWidth * value / top : 0;
            m_painter.fillRect(
                QRectF(left() + labelWidth, y + row * 0.2, qMax(w, mm(0.3)), row * 0.6), color);
            m_painter.setPen(kMuted);
            m_painter.drawText(QRectF(left() + labelWidth + w + mm(1.5), y, mm(14), row),
                Qt::AlignVCenter | Qt::AlignLeft, QString::number(value, 'f', 0));
            y += row;
        }
        m_y += h + mm(4);
    }

    // A table with a header row repeated on every page; numeric columns right-aligned.
    void table(const QString &title, const QStringList &headers, const QList<double> &widths,
        const QList<QStringList> &rows, int firstNumeric)
    {
        const double row = mm(5);
        ensure(mm(8) + row * 2);
        setFont(9, true);
        m_painter.setPen(kInk);
        m_painter.drawText(
            QRectF(left(), m_y, width(), mm(6)), Qt::AlignLeft | Qt::AlignVCenter, title);
        m_y += mm(7);
        double total = 0;
        for (double w : widths)
            total += w;
        auto drawRow = [&](const QStringList &cells, bool header, bool shade) {
            if (shade)
                m_painter.fillRect(QRectF(left(), m_y, width(), row), QColor(0xf3, 0xf5, 0xf8));
            double x = left();
            setFont(header ? 6.5 : 7, header);
            m_painter.setPen(header ? kMuted : kInk);
            for (int c = 0; c < cells.size() && c < widths.size(); ++c) {
                const double w = width() * widths.at(c) / total;
                const Qt::Alignment align
                    = (c >= firstNumeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
                const QRectF cell(x + mm(1), m_y, w - mm(2), row);
                m_painter.drawText(cell, align,
                    QFontMetricsF(m_painter.font(), m_writer)
                        .elidedText(cells.at(c), Qt::ElideRight, cell.width()));
                x += w;
            }
            m_y += row;
            if (header) {
                m_painter.setPen(QPen(kRule, mm(0.3)));
                m_painter.drawLine(QPointF(left(), m_y), QPointF(left() + width(), m_y));
            }
        };
        drawRow(headers, true, false);
        for (int i = 0; i < rows.size(); ++i) {
            if (m_y + row > bottom()) {
                startPage(false);
                drawRow(headers, true, false);
            }
            drawRow(rows.at(i), false, i % 2 == 1);
        }
        if (rows.isEmpty()) {
            setFont(7);
            m_painter.setPen(kMuted);
            m_painter.drawText(QRectF(left() + mm(1), m_y, width(), row), Qt::AlignVCenter,
                QStringLiteral("Nothing in this range."));
            m_y += row;
        }
        m_y += mm(5);
    }

private:
    QPdfWriter *m_writer;
    QPainter m_painter;
    double m_y = 0;
    int m_page = 0;
    QString m_footer;
};

} // namespace

ReportDocument::ReportDocument(QJsonObject report, Names names)
    : m_report(std::move(report))
    , m_names(std::move(names))
{
}

QStringList ReportDocument::csvColumns()
{
    return { QStringLiteral("date"), QStringLiteral("created"), QStringLiteral("resolved"),
        QStringLiteral("first_response_met"), QStringLiteral("first_response_breached"),
        QStringLiteral("first_response_compliance"),
        QStringLiteral("first_response_mean_business_minutes"),
        QStringLiteral("first_response_median_business_minutes"), QStringLiteral("resolution_met"),
        QStringLiteral("resolution_breached"), QStringLiteral("resolution_compliance"),
        QStringLiteral("resolution_mean_business_minutes"),
        QStringLiteral("resolution_median_business_minutes"),
        QStringLiteral("first_contact_resolutions"),
        QStringLiteral("first_contact_resolution_rate"), QStringLiteral("reopened"),
        QStringLiteral("reopen_rate"), QStringLiteral("csat_good"), QStringLiteral("csat_bad"),
        QStringLiteral("csat_good_share") };
}

QString ReportDocument::title() const
{
    return m_names.desk.isEmpty()
        ? QStringLiteral("Service desk report")
        : QStringLiteral("%1 \u2014 service desk report").arg(m_names.desk);
}

QString ReportDocument::scopeText() const
{
    const QJsonArray groups = m_report.value(QStringLiteral("groupIds")).toArray();
    if (groups.isEmpty())
        return QStringLiteral("The whole desk");
    QStringList names;
    for (const QJsonValue &g : groups) {
        const qint64 id = g.toInteger();
        names << m_names.groups.value(id, QStringLiteral("#%1").arg(id));
    }
    return (groups.size() == 1 ? QStringLiteral("Group: ") : QStringLiteral("Groups: "))
        + names.join(QStringLiteral(", "));
}

QString ReportDocument::rangeText() const
{
    const QDate from
        = QDate::fromString(m_report.value(QStringLiteral("from")).toString(), Qt::ISODate);
    const QDate to
        = QDate::fromString(m_report.value(QStringLiteral("to")).toString(), Qt::ISODate);
    const QString zone = m_report.value(QStringLiteral("timeZone")).toString();
    const QDate last = to.addDays(-1);
    const QString days = from == last ? from.toString(QStringLiteral("d MMMM yyyy"))
                                      : QStringLiteral("%1 to %2")
                                            .arg(from.toString(QStringLiteral("d MMMM yyyy")),
                                                last.toString(QStringLiteral("d MMMM yyyy")));
    return QStringLiteral("%1 (%2 days, %3 time)").arg(days).arg(from.daysTo(to)).arg(zone);
}

bool ReportDocument::writeCsv(QIODevice *out, QString *error) const
{
    QStringList lines;
    lines << csvColumns().join(QLatin1Char(','));
    for (const QJsonValue &d : m_report.value(QStringLiteral("days")).toArray()) {
        const QJsonObject day = d.toObject();
        QStringList cells = csvRow(day.value(QStringLiteral("date")).toString(), day);
        for (QString &c : cells)
            c = csvQuote(c);
        lines << cells.join(QLatin1Char(','));
    }
    lines << csvRow(QStringLiteral("total"), m_report.value(QStringLiteral("totals")).toObject())
                 .join(QLatin1Char(','));
    const QByteArray bytes = (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
    if (out->write(bytes) != bytes.size()) {
        *error = out->errorString();
        return false;
    }
    return true;
}

bool ReportDocument::writeCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!writeCsv(&file, error))
        return false;
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ReportDocument::writePdf(const QString &path, QString *error) const
{
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, probe.errorString());
        return false;
    }
    probe.close();
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(title());
    writer.setCreator(QStringLiteral("Atiende"));
    Pdf pdf(&writer);
    if (!pdf.begin()) {
        *error = QStringLiteral("cannot write the PDF %1").arg(path);
        return false;
    }
    pdf.setFooter(QStringLiteral("%1 \u00b7 %2 \u00b7 %3").arg(title(), scopeText(), rangeText()));
    pdf.startPage(true);

    const QJsonObject totals = m_report.value(QStringLiteral("totals")).toObject();
    const QJsonArray dayList = m_report.value(QStringLiteral("days")).toArray();
    pdf.text(title(), 18, true);
    pdf.skip(pdf.mm(1));
    pdf.text(scopeText(), 10);
    pdf.text(rangeText(), 10, false, kMuted);
    const qint64 generated
        = Core::Timestamp::fromJson(m_report.value(QStringLiteral("generatedAt")));
    if (generated > 0)
        pdf.text(QStringLiteral("Generated %1 UTC. Durations are business time on each ticket's "
                                "SLA calendar; definitions in docs/kpis.md.")
                     .arg(QDateTime::fromMSecsSinceEpoch(generated, Qt::UTC)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
            7.5, false, kMuted);
    pdf.skip(pdf.mm(5));

    auto clockLine = [&](const char *clock) {
        return QStringLiteral("%1 met, %2 missed")
            .arg(countText(at(totals, clock, "met")), countText(at(totals, clock, "breached")));
    };
    pdf.tiles({ { QStringLiteral("Tickets created"), countText(at(totals, "created")), QString() },
        { QStringLiteral("Tickets resolved"), countText(at(totals, "resolved")), QString() },
        { QStringLiteral("First response within SLA"),
            percentText(at(totals, "firstResponse", "compliance")), clockLine("firstResponse") },
        { QStringLiteral("Resolution within SLA"),
            percentText(at(totals, "resolution", "compliance")), clockLine("resolution") },
        { QStringLiteral("Time to first response"),
            durationText(at(totals, "firstResponse", "meanMs")),
            QStringLiteral("mean; median %1")
                .arg(durationText(at(totals, "firstResponse", "medianMs"))) },
        { QStringLiteral("Time to resolution"), durationText(at(totals, "resolution", "meanMs")),
            QStringLiteral("mean; median %1")
                .arg(durationText(at(totals, "resolution", "medianMs"))) },
        { QStringLiteral("First-contact resolution"),
            percentText(at(totals, "firstContactResolution", "rate")),
            QStringLiteral("%1 of the resolved")
                .arg(countText(at(totals, "firstContactResolution", "count"))) },
        { QStringLiteral("Reopened"), percentText(at(totals, "reopened", "rate")),
            QStringLiteral("%1 of the resolved").arg(countText(at(totals, "reopened", "count"))) },
        { QStringLiteral("Satisfaction (good ratings)"),
            percentText(at(totals, "csat", "goodShare")),
            QStringLiteral("%1 ratings").arg(countText(at(totals, "csat", "count"))) } });
    pdf.skip(pdf.mm(3));

    QList<QDate> days;
    Series created { QStringLiteral("Created"), kCreated, {} },
        resolved { QStringLiteral("Resolved"), kResolved, {} };
    Series fr { QStringLiteral("First response"), kFirstResponse, {} },
        res { QStringLiteral("Resolution"), kResolution, {} };
    for (const QJsonValue &v : dayList) {
        const QJsonObject d = v.toObject();
        days << QDate::fromString(d.value(QStringLiteral("date")).toString(), Qt::ISODate);
        created.values.push_back(at(d, "created").toDouble());
        resolved.values.push_back(at(d, "resolved").toDouble());
        fr.values.push_back(number(at(d, "firstResponse", "compliance")));
        res.values.push_back(number(at(d, "resolution", "compliance")));
    }
    pdf.lineChart(
        QStringLiteral("Tickets created and resolved per day"), days, { created, resolved }, false);
    pdf.lineChart(QStringLiteral("SLA compliance per day (clocks stopped that day)"), days,
        { fr, res }, true);

    auto name = [](const QHash<qint64, QString> &names, const QJsonValue &id, const QString &none) {
        if (id.isNull())
            return none;
        return names.value(id.toInteger(), QStringLiteral("#%1").arg(id.toInteger()));
    };
    QList<std::pair<QString, double>> bars;
    for (const QJsonValue &v : m_report.value(QStringLiteral("categories")).toArray()) {
        const QJsonObject c = v.toObject();
        bars.append({ name(m_names.categories, c.value(QStringLiteral("categoryId")),
                          QStringLiteral("(no category)")),
            c.value(QStringLiteral("created")).toDouble() });
    }
    pdf.barChart(QStringLiteral("Demand per category (tickets created)"), bars, kCreated);

    QList<QStringList> rows;
    for (const QJsonValue &v : m_report.value(QStringLiteral("slowestCategories")).toArray()) {
        const QJsonObject c = v.toObject();
        rows.append({ name(m_names.categories, c.value(QStringLiteral("categoryId")),
                          QStringLiteral("(no category)")),
            countText(c.value(QStringLiteral("resolved"))),
            durationText(c.value(QStringLiteral("meanResolutionMs"))) });
    }
    pdf.table(QStringLiteral("Slowest categories (mean business time to resolution)"),
        { QStringLiteral("Category"), QStringLiteral("Resolved"), QStringLiteral("Mean time") },
        { 6, 2, 3 }, rows, 1);
    for (const auto &[key, idKey, heading, names] :
        { std::tuple { "topCustomers", "customerId", QStringLiteral("Customers with most tickets"),
              &m_names.customers },
            std::tuple { "topOrganisations", "organisationId",
                QStringLiteral("Organisations with most tickets"), &m_names.organisations } }) {
        rows.clear();
        for (const QJsonValue &v : m_report.value(QLatin1String(key)).toArray()) {
            const QJsonObject c = v.toObject();
            rows.append({ name(*names, c.value(QLatin1String(idKey)), QString()),
                countText(c.value(QStringLiteral("created"))) });
        }
        pdf.table(
            heading, { QStringLiteral("Name"), QStringLiteral("Tickets") }, { 8, 2 }, rows, 1);
    }

    rows.clear();
    for (const QJsonValue &v : dayList) {
        const QJsonObject d = v.toObject();
        rows.append({ QDate::fromString(d.value(QStringLiteral("date")).toString(), Qt::ISODate)
                          .toString(QStringLiteral("ddd d MMM yyyy")),
            countText(at(d, "created")), countText(at(d, "resolved")),
            percentText(at(d, "firstResponse", "compliance")),
            percentText(at(d, "resolution", "compliance")),
            durationText(at(d, "firstResponse", "meanMs")),
            durationText(at(d, "resolution", "meanMs")),
            percentText(at(d, "firstContactResolution", "rate")),
            percentText(at(d, "reopened", "rate")), percentText(at(d, "csat", "goodShare")) });
    }
    pdf.startPage(false);
    pdf.table(QStringLiteral("Per day"),
        { QStringLiteral("Day"), QStringLiteral("Created"), QStringLiteral("Resolved"),
            QStringLiteral("FR SLA"), QStringLiteral("Res. SLA"), QStringLiteral("Mean FR"),
            QStringLiteral("Mean res."), QStringLiteral("FCR"), QStringLiteral("Reopened"),
            QStringLiteral("Good") },
        { 2.6, 1.3, 1.4, 1.3, 1.3, 1.9, 1.9, 1.2, 1.4, 1.2 }, rows, 1);
    pdf.text(QStringLiteral("FR: first response. SLA: the share of clocks stopped that day within "
                            "their target. Means are business time. "
                            "FCR: first-contact resolution, the share of the day's resolutions. "
                            "Good: the share of good ratings."),
        6.5, false, kMuted);
    pdf.end();
    if (QFile(path).size() == 0) {
        *error = QStringLiteral("the PDF %1 came out empty").arg(path);
        return false;
    }
    return true;
}

} // namespace Atiende::Report

#include "agentloadchart.h"

#include "models/labels/labels.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace Atiende::Ui {

namespace {
const QColor kOpen(0x3b, 0x82, 0xf6);
const QColor kResolved(0x2e, 0x9d, 0x4f);
constexpr int kRowHeight = 26;
constexpr int kFrameHeight = 80; // legend and axis

struct AgentLoad
{
    QString name;
    Core::Presence presence = Core::Presence::Offline;
    int open = 0;
    int resolved = 0;
};

void setValues(QBarSet *set, const QList<qreal> &values)
{
    if (set->count() == values.size()) {
        for (int i = 0; i < values.size(); ++i) {
            if (set->at(i) != values.at(i))
                set->replace(i, values.at(i));
        }
        return;
    }
    set->remove(0, set->count());
    set->append(values);
}
} // namespace

AgentLoadChart::AgentLoadChart(QWidget *parent)
    : DashboardChart(parent)
    , m_series(new QHorizontalBarSeries)
    , m_open(new QBarSet(tr("Open tickets")))
    , m_resolved(new QBarSet(tr("Resolved today")))
    , m_y(new QBarCategoryAxis)
    , m_x(new QValueAxis)
{
    // The series draws its sets bottom-up within a category: resolved first puts "open"
    // above it, next to the name.
    m_series->append(m_resolved);
    m_series->append(m_open);
    m_series->setBarWidth(0.75);
    chart()->legend()->setReverseMarkers(true); // the legend in reading order: open, then resolved
    chart()->addSeries(m_series);
    chart()->addAxis(m_y, Qt::AlignLeft);
    chart()->addAxis(m_x, Qt::AlignBottom);
    m_series->attachAxis(m_y);
    m_series->attachAxis(m_x);
    setCountRange(m_x, 1);
    for (QBarSet *set : { m_open, m_resolved }) {
        connect(set, &QBarSet::hovered, this, [this, set](bool on, int index) {
            if (!on || index < 0 || index >= m_labels.size()) {
                QToolTip::hideText();
                return;
            }
            QToolTip::showText(QCursor::pos(),
                tr("%1 — %2: %3").arg(m_labels.at(index), set->label()).arg(int(set->at(index))),
                this);
        });
    }
    applyPalette();
}

void AgentLoadChart::setFigures(const Core::DashboardFigures &figures)
{
    QList<AgentLoad> agents;
    for (const Core::KpiAgentLoad &a : figures.agents) {
        AgentLoad l { a.name, a.presence, int(a.openTickets), int(a.resolvedToday) };
        // Off shift and nothing on their plate: nothing for the lead to act on.
        if (l.presence == Core::Presence::Offline && l.open == 0 && l.resolved == 0)
            continue;
        agents << l;
    }
    // The busiest first; the server's order (by name) breaks ties.
    std::stable_sort(agents.begin(), agents.end(), [](const AgentLoad &a, const AgentLoad &b) {
        return a.open != b.open ? a.open > b.open : a.resolved > b.resolved;
    });
    m_hidden = std::max(0, int(agents.size()) - maxAgents());
    if (m_hidden > 0)
        agents.erase(agents.begin() + maxAgents(), agents.end());

    // The axis lists categories bottom-up: the busiest goes last to be drawn on top.
    QStringList labels;
    QList<qreal> open, resolved;
    double highest = 0;
    for (auto it = agents.crbegin(); it != agents.crend(); ++it) {
        QString label = tr("%1 · %2", "agent name · presence")
                            .arg(it->name, Models::Labels::presence(Core::wireName(it->presence)));
        // Two agents of the same name and presence would be one category: tell them apart.
        for (int n = 2; labels.contains(label); ++n)
            label = tr("%1 · %2 (%3)", "agent name · presence (number)")
                        .arg(it->name, Models::Labels::presence(Core::wireName(it->presence)))
                        .arg(n);
        labels << label;
        open << it->open;
        resolved << it->resolved;
        highest = std::max({ highest, double(it->open), double(it->resolved) });
    }
    setValues(m_open, open);
    setValues(m_resolved, resolved);
    if (labels != m_labels) {
        // Agents come and go rarely (presence, group changes): the axis and the height change
        // only then, not with every ticket.
        m_y->setCategories(labels);
        m_labels = labels;
        setMinimumHeight(kFrameHeight + kRowHeight * std::max<int>(3, int(labels.size())));
    }
    setCountRange(m_x, highest);
}

QStringList AgentLoadChart::agents() const
{
    QStringList top = m_labels;
    std::reverse(top.begin(), top.end());
    return top;
}

void AgentLoadChart::applyPalette()
{
    DashboardChart::applyPalette();
    m_open->setColor(kOpen);
    m_resolved->setColor(kResolved);
    for (QBarSet *set : { m_open, m_resolved })
        set->setBorderColor(palette().color(QPalette::Base));
}

} // namespace Atiende::Ui

#include "prioritymatrix.h"

namespace Atiende::Core {
namespace {
int cell(Level impact, Level urgency)
{
    return static_cast<int>(impact) * 3 + static_cast<int>(urgency);
}
const Level kLevels[] = { Level::High, Level::Medium, Level::Low };
} // namespace

PriorityMatrix::PriorityMatrix()
    : m_cells { Priority::P1, Priority::P2, Priority::P3, // impact high
        Priority::P2, Priority::P3, Priority::P4, // impact medium
        Priority::P3, Priority::P4, Priority::P4 } // impact low
{
}

Priority PriorityMatrix::priority(Level impact, Level urgency) const
{
    return m_cells[cell(impact, urgency)];
}

void PriorityMatrix::set(Level impact, Level urgency, Priority p)
{
    m_cells[cell(impact, urgency)] = p;
}

QJsonObject PriorityMatrix::toJson() const
{
    QJsonObject out;
    for (Level i : kLevels) {
        QJsonObject row;
        for (Level u : kLevels)
            row.insert(wireName(u), wireName(priority(i, u)));
        out.insert(wireName(i), row);
    }
    return out;
}

bool PriorityMatrix::fromJson(const QJsonObject &o, QString *error)
{
    std::array<Priority, 9> cells {};
    for (Level i : kLevels) {
        const QJsonObject row = o.value(wireName(i)).toObject();
        for (Level u : kLevels) {
            const auto p = fromString<Priority>(row.value(wireName(u)).toString());
            if (!p) {
                if (error)
                    *error = QStringLiteral(
                        "priority matrix: impact %1 / urgency %2 must be one of P1..P4")
                                 .arg(wireName(i), wireName(u));
                return false;
            }
            cells[cell(i, u)] = *p;
        }
    }
    m_cells = cells;
    return true;
}

} // namespace Atiende::Core

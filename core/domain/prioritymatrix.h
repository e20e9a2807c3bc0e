#pragma once
// Impact x urgency -> priority, as ITIL defines it. The matrix is configurable per site;
// the default is the common 3x3 table that yields P1..P4.

#include "enums.h"

#include <QJsonObject>
#include <array>

namespace Atiende::Core {

class PriorityMatrix
{
public:
    PriorityMatrix(); // the default matrix

    Priority priority(Level impact, Level urgency) const;
    void set(Level impact, Level urgency, Priority p);

    // {"high": {"high": "P1", "medium": "P2", "low": "P3"}, "medium": {...}, "low": {...}}
    // keyed impact first. fromJson fails (returns false, leaves *this alone) unless all nine
    // cells are present and valid.
    QJsonObject toJson() const;
    bool fromJson(const QJsonObject &o, QString *error = nullptr);

    bool operator==(const PriorityMatrix &o) const { return m_cells == o.m_cells; }

private:
    std::array<Priority, 9> m_cells;
};

} // namespace Atiende::Core

#include "durationrounding.h"

#include <cmath>

namespace Atiende::Core {

qint64 roundDurationForReading(double milliseconds)
{
    if (!std::isfinite(milliseconds))
        return 0;
    const double size = std::abs(milliseconds);
    // What rounds to a whole minute or more is shown in minutes; below that, in seconds.
    const double unit = std::round(size / 1000.0) >= 60 ? 60000.0 : 1000.0;
    const auto rounded = qint64(std::round(size / unit) * unit);
    return milliseconds < 0 ? -rounded : rounded;
}

} // namespace Atiende::Core

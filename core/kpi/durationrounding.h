#pragma once
// How a KPI's business-time duration (a mean or a median, docs/kpis.md) is rounded before
// people read it: to the second below a minute, to the nearest minute from one minute on
// (half a minute rounds up). The dashboard's tiles and the PDF/CSV reports both round
// through here, so 50 min 30 s reads "51 min" on both.

#include <QtGlobal>

namespace Atiende::Core {

// milliseconds rounded as above; negative values mirror positive ones.
qint64 roundDurationForReading(double milliseconds);

} // namespace Atiende::Core

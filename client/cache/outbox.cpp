#include "outbox.h"

namespace Atiende::Client {

QList<qint64> OutboxOp::dependsOn() const
{
    QList<qint64> ids;
    for (const char *key : { "id", "ticketId" }) {
        const qint64 v = qint64(params.value(QLatin1String(key)).toDouble());
        if (v < 0)
            ids << v;
    }
    return ids;
}

} // namespace Atiende::Client

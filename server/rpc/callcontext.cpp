#include "callcontext.h"

#include <QAtomicInteger>

namespace Atiende::Server {

namespace {
QAtomicInteger<quint64> g_lastContextId = 0;
}

CallContext::CallContext()
    : id(g_lastContextId.fetchAndAddRelaxed(1) + 1)
{
}

CallContext::~CallContext() = default;

} // namespace Atiende::Server

#include "resourcelimits.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

namespace Atiende::Server {

long ResourceLimits::raiseOpenFiles(long want)
{
#if defined(Q_OS_UNIX)
    rlimit rl {};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return -1;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < rlim_t(want)) {
        rlimit raised = rl;
        raised.rlim_cur
            = (rl.rlim_max == RLIM_INFINITY) ? rlim_t(want) : qMin(rlim_t(want), rl.rlim_max);
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl = raised;
    }
    return rl.rlim_cur == RLIM_INFINITY ? want : long(rl.rlim_cur);
#else
    Q_UNUSED(want)
    return -1; // Windows has no per-process descriptor limit of this kind for sockets
#endif
}

} // namespace Atiende::Server

#include "resourcelimits.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(Q_OS_MACOS)
#include <pthread.h>
#include <sys/qos.h>
#elif defined(Q_OS_WIN)
#include <qt_windows.h>
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

bool ResourceLimits::makeCurrentThreadBackground()
{
#if defined(Q_OS_LINUX)
    // On Linux a thread has its own nice value (the id is the thread's, not the process's).
    // QThread::LowPriority does nothing here: it sets a real-time priority that the normal
    // scheduling policy ignores.
    const auto tid = id_t(syscall(SYS_gettid));
    return setpriority(PRIO_PROCESS, tid, 10) == 0;
#elif defined(Q_OS_MACOS)
    return pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0) == 0;
#elif defined(Q_OS_WIN)
    return SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL) != 0;
#else
    return false;
#endif
}

} // namespace Atiende::Server

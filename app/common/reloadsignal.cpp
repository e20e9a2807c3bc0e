#include "reloadsignal.h"

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace Atiende::App {

#if defined(Q_OS_UNIX)
namespace {
int s_pipe[2] = { -1, -1 };
void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(s_pipe[0], &c, 1); // async-signal-safe
}
} // namespace

bool ReloadSignal::isSupported()
{
    return true;
}

ReloadSignal::ReloadSignal(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_pipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(s_pipe[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char bytes[64]; // several signals before the event loop got here are one reload
        [[maybe_unused]] const auto n = ::read(s_pipe[1], bytes, sizeof bytes);
        Q_EMIT requested();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &sa, nullptr);
}

ReloadSignal::~ReloadSignal()
{
    std::signal(SIGHUP, SIG_DFL);
    qDeleteAll(findChildren<QSocketNotifier *>()); // before its descriptor goes
    ::close(s_pipe[0]);
    ::close(s_pipe[1]);
    s_pipe[0] = s_pipe[1] = -1;
}

#else
bool ReloadSignal::isSupported()
{
    return false;
}
ReloadSignal::ReloadSignal(QObject *parent)
    : QObject(parent)
{
}
ReloadSignal::~ReloadSignal() = default;
#endif

} // namespace Atiende::App

#include "shutdownsignal.h"

#include <QCoreApplication>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <qt_windows.h>
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

ShutdownSignal::ShutdownSignal(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_pipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(s_pipe[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this, notifier] {
        notifier->setEnabled(false);
        char c;
        [[maybe_unused]] const auto n = ::read(s_pipe[1], &c, 1);
        Q_EMIT requested();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

ShutdownSignal::~ShutdownSignal()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

#elif defined(Q_OS_WIN)
namespace {
ShutdownSignal *s_instance = nullptr;
BOOL WINAPI onConsoleEvent(DWORD)
{
    if (s_instance)
        QMetaObject::invokeMethod(s_instance, &ShutdownSignal::requested, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

ShutdownSignal::ShutdownSignal(QObject *parent)
    : QObject(parent)
{
    s_instance = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

ShutdownSignal::~ShutdownSignal()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    s_instance = nullptr;
}

#else
ShutdownSignal::ShutdownSignal(QObject *parent)
    : QObject(parent)
{
}
ShutdownSignal::~ShutdownSignal() = default;
#endif

} // namespace Atiende::App

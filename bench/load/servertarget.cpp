#include "servertarget.h"

#include "eventwait.h"

namespace Atiende::Bench {

ServerTarget::ServerTarget(const LoadOptions &options)
    : m_options(options)
{
}

ServerTarget::~ServerTarget()
{
    stop();
}

qint64 ServerTarget::pid() const
{
    return m_options.url.isEmpty() ? m_process.pid() : m_options.serverPid;
}

bool ServerTarget::start(QString *error)
{
    if (m_options.url.isEmpty()) {
        if (!m_process.startAtiended(m_options.serverProgram, m_options.user, m_options.password,
                m_options.dataParent, m_options.serverEnvironment, error))
            return false;
        m_url = m_process.url();
    } else {
        m_url = m_options.url;
    }
    m_control = std::make_unique<LoadSession>(
        m_url, LoadSession::Credentials { QString(), m_options.user, m_options.password });
    QString failure;
    QObject::connect(m_control.get(), &LoadSession::failed, m_control.get(),
        [&failure](const QString &why) { failure = why; });
    m_control->open();
    if (!EventWait::until([&] { return m_control->isReady() || !failure.isEmpty(); }, 15000)
        || !failure.isEmpty()) {
        *error = QStringLiteral("cannot log in as %1 at %2: %3")
                     .arg(m_options.user, m_url.toString(),
                         failure.isEmpty() ? QStringLiteral("no answer") : failure);
        return false;
    }
    m_control->disconnect(m_control.get()); // the lambda above refers to a local
    return true;
}

QString ServerTarget::stop()
{
    if (m_control) {
        m_control->close();
        m_control.reset();
    }
    return m_process.stop();
}

} // namespace Atiende::Bench

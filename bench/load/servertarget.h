#pragma once
// The atiended a scenario runs against: a fresh one of our own (the default; each scenario
// gets its own, so one scenario's data never slows the next) or the running server of --url.
// Either way it logs in once on the main thread; that control session lends its token to the
// load sessions (auth.resume) and drives changes in the fan-out scenario.

#include "loadoptions.h"
#include "loadsession.h"
#include "serverprocess.h"

#include <memory>

namespace Atiende::Bench {

class ServerTarget
{
public:
    explicit ServerTarget(const LoadOptions &options);
    ~ServerTarget();

    bool start(QString *error);
    // A line for the log: how our server ended; empty for --url.
    QString stop();

    QUrl url() const { return m_url; }
    qint64 pid() const; // 0 when unknown (--url without --server-pid)
    QString token() const { return m_control ? m_control->token() : QString(); }
    LoadSession &control() { return *m_control; }

private:
    const LoadOptions &m_options;
    ServerProcess m_process;
    QUrl m_url;
    std::unique_ptr<LoadSession> m_control;
};

} // namespace Atiende::Bench

#pragma once
// Where the SLA engine gets "now" from (ms since the epoch, UTC, like every due time it
// schedules). Passed in, so tests drive time with a ManualClock and never sleep.
// The three classes share a header because each is a line or two and useless alone.

#include <QDateTime>
#include <QtGlobal>

namespace Atiende::Server {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 now() const = 0;
};

// The wall clock. It can jump (NTP steps, an operator's date command, a suspended host);
// SlaTimer documents what a jump does to the events it schedules.
class SystemClock final : public Clock
{
public:
    qint64 now() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// Stands still until told; may be moved backwards to play a clock stepping back.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 now = 0)
        : m_now(now)
    {
    }
    qint64 now() const override { return m_now; }
    void setNow(qint64 now) { m_now = now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

} // namespace Atiende::Server

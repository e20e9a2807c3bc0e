#include "ticketfacts.h"

#include "instanttext.h"

#include "core/domain/ids.h"

#include <QJsonDocument>

#include <array>

namespace Atiende::Server {

using namespace Atiende::Core;

namespace {

constexpr std::array<const char16_t *, 6> kStates { { u"none", u"running", u"paused", u"warning",
    u"breached", u"met" } };
constexpr std::array<const char *, 6> kStateNames { { "none", "running", "paused", "warning",
    "breached", "met" } };

qint64 idOf(const QJsonValue &v)
{
    qint64 id = 0;
    return idFromJson(v, &id) ? id : 0;
}

// A reader for the SLA text the store writes (QJsonDocument's compact form of
// Core::TicketSla::toJson): two levels of objects with numbers, strings, booleans and nulls.
// It takes only the fields the KPIs use and skips the rest, without building a QJsonObject,
// which costs 10-20 microseconds a ticket. Anything unexpected fails the whole read.
template <typename Text> // QStringView or QByteArrayView (UTF-8)
class SlaScanner
{
public:
    explicit SlaScanner(Text s)
        : m_s(s)
    {
    }

    bool sla(TicketFacts *f)
    {
        ClockFacts fr, res;
        const bool read = object([&](Text key) {
            if (is(key, "firstResponse"))
                return clock(&fr);
            if (is(key, "resolution"))
                return clock(&res);
            return skipValue();
        });
        if (!read)
            return false;
        ws();
        if (m_i != m_s.size())
            return false;
        f->firstResponse = fr;
        f->resolution = res;
        return true;
    }

private:
    template <typename OnKey> bool object(OnKey onKey)
    {
        ws();
        if (!eat(u'{'))
            return false;
        ws();
        if (eat(u'}'))
            return true;
        for (;;) {
            Text key;
            if (!string(&key))
                return false;
            ws();
            if (!eat(u':'))
                return false;
            ws();
            if (!onKey(key))
                return false;
            ws();
            if (eat(u'}'))
                return true;
            if (!eat(u','))
                return false;
            ws();
        }
    }

    bool clock(ClockFacts *c)
    {
        return object([&](Text key) {
            if (is(key, "targetMs"))
                return number(&c->targetMs);
            if (is(key, "usedMs"))
                return number(&c->usedMs);
            if (is(key, "stoppedAt"))
                return instant(&c->stoppedAt);
            if (is(key, "dueAt"))
                return instant(&c->dueAt);
            if (is(key, "state")) {
                Text s;
                if (!string(&s))
                    return false;
                c->state = ClockFacts::State::None;
                for (int i = 0; i < int(kStates.size()); ++i) {
                    if (is(s, kStateNames[size_t(i)]))
                        c->state = ClockFacts::State(i);
                }
                return true;
            }
            return skipValue();
        });
    }

    bool instant(qint64 *out)
    {
        if (literal("null")) {
            *out = 0;
            return true;
        }
        Text s;
        if (!string(&s))
            return false;
        *out = qMax<qint64>(0, InstantText::parse(s));
        return true;
    }

    bool number(qint64 *out)
    {
        const qsizetype start = m_i;
        bool integer = true;
        qint64 value = 0;
        const bool negative = m_i < m_s.size() && at(m_i) == u'-';
        if (negative)
            ++m_i;
        while (m_i < m_s.size()) {
            const char16_t c = at(m_i);
            if (c >= u'0' && c <= u'9') {
                value = value * 10 + (c - u'0');
                integer = integer && m_i - start < 18;
            } else if (c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E') {
                integer = false;
            } else {
                break;
            }
            ++m_i;
        }
        if (m_i == start + (negative ? 1 : 0))
            return false;
        if (integer) { // what the store writes: whole milliseconds
            *out = negative ? -value : value;
            return true;
        }
        bool ok = false;
        const double d
            = InstantText::detail::toQString(m_s.sliced(start, m_i - start)).toDouble(&ok);
        *out = ok ? qint64(d) : 0;
        return ok;
    }

    bool string(Text *out)
    {
        if (!eat(u'"'))
            return false;
        const qsizetype start = m_i;
        while (m_i < m_s.size()) {
            const char16_t c = at(m_i);
            if (c == u'\\') {
                m_i += 2;
                continue;
            }
            if (c == u'"') {
                *out = m_s.sliced(start, m_i - start);
                ++m_i;
                return true;
            }
            ++m_i;
        }
        return false;
    }

    bool skipValue()
    {
        if (m_i >= m_s.size())
            return false;
        const char16_t c = at(m_i);
        if (c == u'"') {
            Text ignored;
            return string(&ignored);
        }
        if (c == u'{')
            return object([&](Text) { return skipValue(); });
        if (c == u'[') {
            ++m_i;
            ws();
            if (eat(u']'))
                return true;
            for (;;) {
                ws();
                if (!skipValue())
                    return false;
                ws();
                if (eat(u']'))
                    return true;
                if (!eat(u','))
                    return false;
            }
        }
        if (literal("null") || literal("true") || literal("false"))
            return true;
        qint64 ignored = 0;
        return number(&ignored);
    }

    char16_t at(qsizetype i) const { return InstantText::detail::unit(m_s, i); }
    // An ASCII word, compared unit by unit.
    static bool is(Text text, const char *ascii)
    {
        const qsizetype n = qsizetype(qstrlen(ascii));
        if (text.size() != n)
            return false;
        for (qsizetype i = 0; i < n; ++i) {
            if (InstantText::detail::unit(text, i) != char16_t(ascii[i]))
                return false;
        }
        return true;
    }
    bool literal(const char *word)
    {
        const qsizetype n = qsizetype(qstrlen(word));
        if (m_i + n > m_s.size() || !is(m_s.sliced(m_i, n), word))
            return false;
        m_i += n;
        return true;
    }
    bool eat(char16_t c)
    {
        if (m_i < m_s.size() && at(m_i) == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    void ws()
    {
        while (m_i < m_s.size()
            && (at(m_i) == u' ' || at(m_i) == u'\n' || at(m_i) == u'\r' || at(m_i) == u'\t'))
            ++m_i;
    }

    Text m_s;
    qsizetype m_i = 0;
};

} // namespace

ClockFacts::State ClockFacts::stateFromWire(QStringView s)
{
    for (size_t i = 0; i < kStates.size(); ++i) {
        if (s == QStringView(kStates[i]))
            return State(i);
    }
    return State::None;
}

QString ClockFacts::wireName(State s)
{
    return QString::fromUtf16(kStates[size_t(s)]);
}

ClockFacts ClockFacts::fromJson(const QJsonObject &clock)
{
    ClockFacts c;
    c.targetMs = qint64(clock.value(QLatin1String("targetMs")).toDouble());
    c.usedMs = qint64(clock.value(QLatin1String("usedMs")).toDouble());
    c.stoppedAt = InstantText::fromJson(clock.value(QLatin1String("stoppedAt")));
    c.dueAt = InstantText::fromJson(clock.value(QLatin1String("dueAt")));
    const QJsonValue state = clock.value(QLatin1String("state"));
    c.state = state.isString() ? stateFromWire(state.toString()) : State::None;
    return c;
}

bool ClockFacts::operator==(const ClockFacts &o) const
{
    return targetMs == o.targetMs && usedMs == o.usedMs && stoppedAt == o.stoppedAt
        && dueAt == o.dueAt && state == o.state;
}

TicketFacts::Risk TicketFacts::risk() const
{
    if (!isOpen())
        return Risk::None;
    const ClockFacts *c = riskClock();
    if (!c)
        return Risk::None;
    return c->state == ClockFacts::State::Breached ? Risk::Breached : Risk::Warning;
}

const ClockFacts *TicketFacts::riskClock(bool *resolutionClock) const
{
    const ClockFacts *best = nullptr;
    bool bestIsResolution = false;
    for (const auto &[clock, isResolution] :
        { std::pair { &firstResponse, false }, std::pair { &resolution, true } }) {
        if (!clock->atRisk())
            continue;
        if (best) {
            const bool breached = clock->state == ClockFacts::State::Breached;
            const bool bestBreached = best->state == ClockFacts::State::Breached;
            if (breached != bestBreached) {
                if (!breached)
                    continue;
            } else if (clock->dueAt >= best->dueAt) {
                continue; // ties: the first-response clock, which comes first
            }
        }
        best = clock;
        bestIsResolution = isResolution;
    }
    if (resolutionClock)
        *resolutionClock = bestIsResolution;
    return best;
}

void TicketFacts::readSla(const QJsonObject &sla)
{
    firstResponse = ClockFacts::fromJson(sla.value(QLatin1String("firstResponse")).toObject());
    resolution = ClockFacts::fromJson(sla.value(QLatin1String("resolution")).toObject());
}

bool TicketFacts::readSlaText(QStringView text)
{
    firstResponse = ClockFacts();
    resolution = ClockFacts();
    if (text.trimmed().isEmpty())
        return true;
    if (SlaScanner<QStringView>(text).sla(this))
        return true;
    // Not the compact form the store writes (edited by hand?): the full parser decides.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!doc.isObject())
        return false;
    readSla(doc.object());
    return true;
}

bool TicketFacts::readSlaText(QByteArrayView utf8)
{
    firstResponse = ClockFacts();
    resolution = ClockFacts();
    if (utf8.trimmed().isEmpty())
        return true;
    if (SlaScanner<QByteArrayView>(utf8).sla(this))
        return true;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8.toByteArray(), &error);
    if (!doc.isObject())
        return false;
    readSla(doc.object());
    return true;
}

TicketFacts TicketFacts::fromTicketJson(const QJsonObject &t)
{
    TicketFacts f;
    f.id = idOf(t.value(QLatin1String("id")));
    f.groupId = idOf(t.value(QLatin1String("groupId")));
    f.categoryId = idOf(t.value(QLatin1String("categoryId")));
    f.customerId = idOf(t.value(QLatin1String("customerId")));
    f.organisationId = idOf(t.value(QLatin1String("organisationId")));
    f.assigneeId = idOf(t.value(QLatin1String("assigneeId")));
    f.createdAt = InstantText::fromJson(t.value(QLatin1String("createdAt")));
    f.resolvedAt = InstantText::fromJson(t.value(QLatin1String("resolvedAt")));
    f.reopenCount = t.value(QLatin1String("reopenCount")).toInt();
    f.agentReplies = t.value(QLatin1String("agentReplies")).toInt();
    f.status = fromString<TicketStatus>(t.value(QLatin1String("status")).toString())
                   .value_or(TicketStatus::New);
    f.priority = fromString<Priority>(t.value(QLatin1String("priority")).toString())
                     .value_or(Priority::P3);
    f.readSla(t.value(QLatin1String("sla")).toObject());
    if (f.isOpen()) {
        f.number = t.value(QLatin1String("number")).toString();
        f.subject = t.value(QLatin1String("subject")).toString();
    }
    return f;
}

bool TicketFacts::operator==(const TicketFacts &o) const
{
    return id == o.id && groupId == o.groupId && categoryId == o.categoryId
        && customerId == o.customerId && organisationId == o.organisationId
        && assigneeId == o.assigneeId && createdAt == o.createdAt && resolvedAt == o.resolvedAt
        && reopenCount == o.reopenCount && agentReplies == o.agentReplies && status == o.status
        && priority == o.priority && known == o.known && firstResponse == o.firstResponse
        && resolution == o.resolution && number == o.number && subject == o.subject
        && ratings == o.ratings;
}

} // namespace Atiende::Server

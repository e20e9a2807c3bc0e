#include "enums.h"

#include <array>

namespace Atiende::Core {
namespace {

template <typename E, size_t N> struct Names
{
    std::array<const char *, N> names;
    QString name(E v) const { return QString::fromLatin1(names[static_cast<size_t>(v)]); }
    std::optional<E> parse(const QString &s) const
    {
        for (size_t i = 0; i < N; ++i) {
            if (s == QLatin1String(names[i]))
                return static_cast<E>(i);
        }
        return std::nullopt;
    }
    QStringList all() const
    {
        QStringList out;
        for (const char *n : names)
            out << QString::fromLatin1(n);
        return out;
    }
};

const Names<TicketType, 2> kTypes { { "incident", "service_request" } };
const Names<TicketStatus, 7> kStatuses { { "new", "assigned", "in_progress", "pending_customer",
    "pending_third_party", "resolved", "closed" } };
const Names<Channel, 5> kChannels { { "email", "portal", "phone", "chat", "console" } };
const Names<ArticleKind, 3> kKinds { { "reply", "note", "event" } };
const Names<Role, 3> kRoles { { "agent", "lead", "admin" } };
const Names<Audience, 2> kAudiences { { "agent", "public" } };
const Names<Level, 3> kLevels { { "high", "medium", "low" } };
const Names<Priority, 4> kPriorities { { "P1", "P2", "P3", "P4" } };
const Names<TicketField, 14> kFields { { "subject", "type", "status", "impact", "urgency",
    "priority", "channel", "categoryId", "groupId", "assigneeId", "customerId", "organisationId",
    "kbArticleIds", "cc" } };
const Names<EscalationKind, 2> kEscalationKinds { { "functional", "hierarchical" } };

} // namespace

QString wireName(TicketType v)
{
    return kTypes.name(v);
}
QString wireName(TicketStatus v)
{
    return kStatuses.name(v);
}
QString wireName(Channel v)
{
    return kChannels.name(v);
}
QString wireName(ArticleKind v)
{
    return kKinds.name(v);
}
QString wireName(Role v)
{
    return kRoles.name(v);
}
QString wireName(Audience v)
{
    return kAudiences.name(v);
}
QString wireName(Level v)
{
    return kLevels.name(v);
}
QString wireName(Priority v)
{
    return kPriorities.name(v);
}
QString wireName(TicketField v)
{
    return kFields.name(v);
}
QString wireName(EscalationKind v)
{
    return kEscalationKinds.name(v);
}

#define ATIENDE_ENUM_IMPL(E, table)                                                                \
    template <> std::optional<E> fromString<E>(const QString &s)                                   \
    {                                                                                              \
        return table.parse(s);                                                                     \
    }                                                                                              \
    template <> QStringList wireNames<E>()                                                         \
    {                                                                                              \
        return table.all();                                                                        \
    }

ATIENDE_ENUM_IMPL(TicketType, kTypes)
ATIENDE_ENUM_IMPL(TicketStatus, kStatuses)
ATIENDE_ENUM_IMPL(Channel, kChannels)
ATIENDE_ENUM_IMPL(ArticleKind, kKinds)
ATIENDE_ENUM_IMPL(Role, kRoles)
ATIENDE_ENUM_IMPL(Audience, kAudiences)
ATIENDE_ENUM_IMPL(Level, kLevels)
ATIENDE_ENUM_IMPL(Priority, kPriorities)
ATIENDE_ENUM_IMPL(TicketField, kFields)
ATIENDE_ENUM_IMPL(EscalationKind, kEscalationKinds)

#undef ATIENDE_ENUM_IMPL

} // namespace Atiende::Core

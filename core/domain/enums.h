#pragma once
// The closed vocabularies of the service desk (ITIL 4 terms), with their stable wire names.
// Wire names are part of protocol v1: append-only, never renamed.

#include <QHashFunctions>
#include <QString>
#include <QStringList>
#include <optional>
#include <type_traits>

namespace Atiende::Core {

enum class TicketType { Incident, ServiceRequest };
enum class TicketStatus {
    New,
    Assigned,
    InProgress,
    PendingCustomer,
    PendingThirdParty,
    Resolved,
    Closed
};
enum class Channel { Email, Portal, Phone, Chat, Console };
enum class ArticleKind { PublicReply, InternalNote, SystemEvent };
enum class Role { Agent, Lead, Admin };
enum class Audience { Agent, Public };
enum class Level { High, Medium, Low }; // impact and urgency
enum class Priority { P1, P2, P3, P4 };
// The ticket fields an edit, a change event or a conflict names (wire names are the Ticket's
// field names: "status", "assigneeId", "kbArticleIds"...).
enum class TicketField {
    Subject,
    Type,
    Status,
    Impact,
    Urgency,
    Priority,
    Channel,
    Category,
    Group,
    Assignee,
    Customer,
    Organisation,
    KbArticles,
    Cc
};
// ITIL escalation: functional moves the ticket to another group (a higher tier), hierarchical
// names the leads of its group.
enum class EscalationKind { Functional, Hierarchical };

QString wireName(TicketType v);
QString wireName(TicketStatus v);
QString wireName(Channel v);
QString wireName(ArticleKind v);
QString wireName(Role v);
QString wireName(Audience v);
QString wireName(Level v);
QString wireName(Priority v);
QString wireName(TicketField v);
QString wireName(EscalationKind v);

// Parsers return nullopt for anything that is not exactly a wire name.
template <typename E> std::optional<E> fromString(const QString &s);
template <> std::optional<TicketType> fromString<TicketType>(const QString &s);
template <> std::optional<TicketStatus> fromString<TicketStatus>(const QString &s);
template <> std::optional<Channel> fromString<Channel>(const QString &s);
template <> std::optional<ArticleKind> fromString<ArticleKind>(const QString &s);
template <> std::optional<Role> fromString<Role>(const QString &s);
template <> std::optional<Audience> fromString<Audience>(const QString &s);
template <> std::optional<Level> fromString<Level>(const QString &s);
template <> std::optional<Priority> fromString<Priority>(const QString &s);
template <> std::optional<TicketField> fromString<TicketField>(const QString &s);
template <> std::optional<EscalationKind> fromString<EscalationKind>(const QString &s);

// All wire names of an enum, in declaration order (for docs, validation messages, tests).
template <typename E> QStringList wireNames();
template <> QStringList wireNames<TicketType>();
template <> QStringList wireNames<TicketStatus>();
template <> QStringList wireNames<Channel>();
template <> QStringList wireNames<ArticleKind>();
template <> QStringList wireNames<Role>();
template <> QStringList wireNames<Audience>();
template <> QStringList wireNames<Level>();
template <> QStringList wireNames<Priority>();
template <> QStringList wireNames<TicketField>();
template <> QStringList wireNames<EscalationKind>();

// The vocabularies as keys of QSet and QHash (a saved view's statuses and priorities).
template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
constexpr size_t qHash(E v, size_t seed = 0) noexcept
{
    return ::qHash(std::underlying_type_t<E>(v), seed);
}

} // namespace Atiende::Core

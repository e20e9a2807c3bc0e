#pragma once
// Routing: which group a new ticket goes to. Admins write ordered rules over the ticket's
// channel, category, customer organisation, priority and words of its subject or body; the
// first rule that matches names the group.
//
// Defined behaviour (docs/architecture.md, "Routing and assignment", says the same for admins):
// - Rules are tried in ascending `order` (ties: lower id first). The first active rule whose
//   conditions all hold decides. An empty condition list holds for every ticket, so a rule
//   with no conditions at all catches everything after it.
// - Keywords hold when any of them appears in the subject or the body as whole words,
//   ignoring case and accents ("impresion" matches "Impresión", "imprime" does not match
//   "imprimera"). A keyword of several words ("no imprime") matches those words in a row.
//   Words are runs of letters and digits; everything else separates them ("wi-fi" is the
//   phrase "wi fi"). Folding drops every accent, so Spanish "año" and "ano" are one word.
// - No rule matches: route() gives std::nullopt and the ticket stays in the desk's default
//   group. The default group must exist (the server refuses to delete it), so no ticket is
//   ever left without a group.
// - Routing is decided once, when the ticket is created. Rules do not chain: a rule's target
//   group is final and is never routed again, so a "loop" (A sends to a group whose rule
//   sends back) cannot happen by construction.
// - A target group that no longer exists is the caller's to catch (the server checks the
//   decision against its directory and falls back to the default group).

#include "core/domain/enums.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace Atiende::Core {

// What routing looks at: the ticket as it is being created.
struct RoutingInput
{
    Channel channel = Channel::Console;
    qint64 categoryId = 0;
    qint64 organisationId = 0;
    Priority priority = Priority::P3;
    QString subject;
    QString body;
};

struct RoutingDecision
{
    qint64 groupId = 0;
    qint64 ruleId = 0; // the rule that decided, for the ticket's history
};

class RoutingRule
{
public:
    qint64 id = 0;
    QString name;
    int order = 100;
    QList<Channel> channels;
    QList<qint64> categoryIds;
    QList<qint64> organisationIds;
    QList<Priority> priorities;
    QStringList keywords; // as the admin wrote them; folded when a table is built
    qint64 groupId = 0;
    bool active = true;
    int version = 0;

    // {"name", "order", "active", "channels": ["email"], "categoryIds": [], "organisationIds": [],
    //  "priorities": ["P1"], "keywords": ["impresora", "no imprime"], "groupId"}
    // Refused with a message: no name, no target group, an unknown channel or priority, an
    // id that is not a positive integer, and a keyword with no letters or digits.
    static std::optional<RoutingRule> fromJson(const QJsonObject &o, QString *error = nullptr);
    QJsonObject toJson() const;
};

// A set of rules ready to route: sorted, with keywords folded and indexed once, so one
// decision folds the ticket's text at most once and checks each rule's keywords by lookup.
// Immutable after construction; safe to share between threads for reading.
class RoutingTable
{
public:
    RoutingTable();
    // Rules built in code are taken as given (fromJson is where they are checked); a keyword
    // with no letters or digits is ignored, and a rule left with no usable keyword matches
    // nothing rather than everything.
    explicit RoutingTable(QList<RoutingRule> rules);

    // A JSON array of rules; refused as a whole, with the first rule's message, when any
    // rule is, or when two rules share an id.
    static std::optional<RoutingTable> fromJson(const QJsonArray &rules, QString *error = nullptr);

    // In the order they are tried.
    const QList<RoutingRule> &rules() const;

    std::optional<RoutingDecision> route(const RoutingInput &in) const;

private:
    struct Data;
    std::shared_ptr<const Data> d; // shared: copies are cheap, and nothing changes it
};

} // namespace Atiende::Core

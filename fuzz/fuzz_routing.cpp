// Routing rules from an admin's JSON and the routing of a ticket by them
// (core/routing/routingrules.h). The input is {"rules": [...], "ticket": {"channel",
// "categoryId", "organisationId", "priority", "subject", "body"}} (a bare array is rules
// alone, routed against a fixed ticket). Checked: a table that loads saves each rule to a
// form that loads the same; the decision equals that of a plain reference written here from
// the documented rules (order, then id; every condition; keywords as whole folded words,
// phrases as words in a row within the subject or within the body); fold() is idempotent.

#include "fuzzsupport.h"

#include "core/routing/routingrules.h"
#include "core/text/fold.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Atiende::Core;

namespace {

QString json(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

// Words as the documentation defines them: runs of letters and digits of the folded text.
QStringList referenceWords(const QString &text)
{
    QStringList out;
    QString current;
    for (QChar c : Text::fold(text)) {
        if (c.isLetterOrNumber() && !c.isSurrogate()) {
            current += c;
        } else if (!current.isEmpty()) {
            out << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        out << current;
    return out;
}

bool containsRun(const QStringList &haystack, const QStringList &needle)
{
    if (needle.isEmpty() || needle.size() > haystack.size())
        return false;
    for (qsizetype i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (std::equal(needle.begin(), needle.end(), haystack.begin() + i))
            return true;
    }
    return false;
}

std::optional<RoutingDecision> referenceRoute(QList<RoutingRule> rules, const RoutingInput &in)
{
    std::stable_sort(rules.begin(), rules.end(), [](const RoutingRule &a, const RoutingRule &b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
    const QStringList subject = referenceWords(in.subject);
    const QStringList body = referenceWords(in.body);
    for (const RoutingRule &r : rules) {
        if (!r.active)
            continue;
        if (!r.channels.isEmpty() && !r.channels.contains(in.channel))
            continue;
        if (!r.priorities.isEmpty() && !r.priorities.contains(in.priority))
            continue;
        if (!r.categoryIds.isEmpty() && !r.categoryIds.contains(in.categoryId))
            continue;
        if (!r.organisationIds.isEmpty() && !r.organisationIds.contains(in.organisationId))
            continue;
        if (!r.keywords.isEmpty()) {
            const bool any
                = std::any_of(r.keywords.begin(), r.keywords.end(), [&](const QString &k) {
                      const QStringList words = referenceWords(k);
                      return containsRun(subject, words) || containsRun(body, words);
                  });
            if (!any)
                continue;
        }
        return RoutingDecision { r.groupId, r.id };
    }
    return std::nullopt;
}

RoutingInput ticketFrom(const QJsonObject &t)
{
    RoutingInput in;
    in.channel = fromString<Channel>(t.value(QStringLiteral("channel")).toString())
                     .value_or(Channel::Email);
    in.priority = fromString<Priority>(t.value(QStringLiteral("priority")).toString())
                      .value_or(Priority::P3);
    in.categoryId = qint64(t.value(QStringLiteral("categoryId")).toInt(0));
    in.organisationId = qint64(t.value(QStringLiteral("organisationId")).toInt(0));
    in.subject
        = t.value(QStringLiteral("subject")).toString(QStringLiteral("La impresora no imprime"));
    in.body = t.value(QStringLiteral("body"))
                  .toString(QStringLiteral("Desde ayer la impresión sale en blanco. Wi-Fi OK."));
    return in;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Atiende::Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(Atiende::Fuzz::rawBytes(data, size));
    QJsonArray rulesJson;
    QJsonObject ticket;
    if (doc.isArray()) {
        rulesJson = doc.array();
    } else if (doc.isObject()) {
        rulesJson = doc.object().value(QStringLiteral("rules")).toArray();
        ticket = doc.object().value(QStringLiteral("ticket")).toObject();
    } else {
        return 0;
    }
    const RoutingInput in = ticketFrom(ticket);
    for (const QString *text : { &in.subject, &in.body }) {
        const QString folded = Text::fold(*text);
        FUZZ_CHECK(Text::fold(folded) == folded, json(*text));
    }

    QString error;
    const std::optional<RoutingTable> table = RoutingTable::fromJson(rulesJson, &error);
    if (!table) {
        FUZZ_CHECK(!error.isEmpty(), json(rulesJson));
        return 0;
    }
    for (const RoutingRule &rule : table->rules()) {
        FUZZ_CHECK(!rule.name.isEmpty() && rule.groupId > 0, json(rule.toJson()));
        const QJsonObject saved = rule.toJson();
        const std::optional<RoutingRule> again = RoutingRule::fromJson(saved, &error);
        FUZZ_CHECK(again, error + QStringLiteral(" in ") + json(saved));
        FUZZ_CHECK(
            again->toJson() == saved, json(again->toJson()) + QStringLiteral(" != ") + json(saved));
    }

    const std::optional<RoutingDecision> decision = table->route(in);
    const std::optional<RoutingDecision> expected = referenceRoute(table->rules(), in);
    FUZZ_CHECK(decision.has_value() == expected.has_value(),
        QStringLiteral("route: %1, reference: %2")
            .arg(decision ? QString::number(decision->ruleId) : QStringLiteral("none"),
                expected ? QString::number(expected->ruleId) : QStringLiteral("none")));
    if (decision)
        FUZZ_CHECK(decision->groupId == expected->groupId && decision->ruleId == expected->ruleId,
            QStringLiteral("route: rule %1, reference: rule %2")
                .arg(decision->ruleId)
                .arg(expected->ruleId));
    return 0;
}

// An admin's SLA and escalation definitions from JSON: SLA policies
// (core/sla/slapolicy.h), escalation rules (core/sla/escalationrule.h) and the
// impact x urgency matrix (core/domain/prioritymatrix.h). One JSON object is offered to each
// parser. Checked: what loads saves (toJson) to a form that loads to the same definition;
// what is refused says why; a loaded policy keeps its documented ranges (warnPercent 1-99,
// positive whole targets, at least one target) and selection picks a policy that matches; a
// refused matrix leaves the matrix as it was.

#include "fuzzsupport.h"

#include "core/domain/prioritymatrix.h"
#include "core/sla/escalationrule.h"
#include "core/sla/slapolicy.h"

#include <QJsonDocument>

using namespace Atiende::Core;

namespace {

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void slaPolicy(const QJsonObject &o)
{
    QString error;
    const std::optional<SlaPolicy> policy = SlaPolicy::fromJson(o, &error);
    if (!policy) {
        FUZZ_CHECK(!error.isEmpty(), json(o));
        return;
    }
    FUZZ_CHECK(!policy->name.isEmpty(), json(o));
    FUZZ_CHECK(policy->warnPercent >= 1 && policy->warnPercent <= 99, json(o));
    bool any = false;
    for (const SlaTarget &t : policy->targets) {
        FUZZ_CHECK(t.firstResponseMinutes >= 0 && t.resolutionMinutes >= 0, json(o));
        any = any || !t.isEmpty();
    }
    FUZZ_CHECK(any, json(o));
    const QJsonObject saved = policy->toJson();
    const std::optional<SlaPolicy> again = SlaPolicy::fromJson(saved, &error);
    FUZZ_CHECK(again, error + QStringLiteral(" in ") + json(saved));
    FUZZ_CHECK(
        again->toJson() == saved, json(again->toJson()) + QStringLiteral(" != ") + json(saved));

    // Selection among the policy and a catch-all after it.
    SlaPolicy fallback;
    fallback.id = policy->id + 1;
    fallback.name = QStringLiteral("fallback");
    fallback.order = 1000000;
    fallback.targets[3].resolutionMinutes = 60;
    const QList<SlaPolicy> policies { *policy, fallback };
    const qint64 category = policy->categoryIds.value(0, 5);
    const qint64 organisation = policy->organisationIds.value(0, 9);
    for (Priority p : { Priority::P1, Priority::P2, Priority::P3, Priority::P4 }) {
        const SlaPolicy *chosen = SlaPolicy::select(policies, category, organisation, p);
        if (chosen)
            FUZZ_CHECK(chosen->matches(category, organisation, p), json(o));
        const bool policyFirst
            = policy->order <= fallback.order || !fallback.matches(category, organisation, p);
        if (policy->matches(category, organisation, p) && policyFirst)
            FUZZ_CHECK(chosen == &policies.at(0), json(o));
        else if (fallback.matches(category, organisation, p))
            FUZZ_CHECK(chosen == &policies.at(1), json(o));
        else
            FUZZ_CHECK(!chosen, json(o));
    }
}

void escalationRule(const QJsonObject &o)
{
    QString error;
    const std::optional<EscalationRule> rule = EscalationRule::fromJson(o, &error);
    if (!rule) {
        FUZZ_CHECK(!error.isEmpty(), json(o));
        return;
    }
    FUZZ_CHECK(!rule->name.isEmpty() && rule->name.size() <= 200, json(o));
    FUZZ_CHECK(rule->kind != QLatin1String("hierarchical") || rule->toGroupId == 0, json(o));
    FUZZ_CHECK(rule->on != QLatin1String("p1") || rule->clock == QLatin1String("any"), json(o));
    const QJsonObject saved = rule->toJson();
    const std::optional<EscalationRule> again = EscalationRule::fromJson(saved, &error);
    FUZZ_CHECK(again, error + QStringLiteral(" in ") + json(saved));
    FUZZ_CHECK(
        again->toJson() == saved, json(again->toJson()) + QStringLiteral(" != ") + json(saved));
    const qint64 group = rule->groupIds.value(0, 3);
    const QList<EscalationRule> matching
        = EscalationRule::matching({ *rule }, rule->on, QStringLiteral("resolution"), group);
    FUZZ_CHECK(matching.size()
            == ((rule->active
                    && (rule->clock == QLatin1String("any")
                        || rule->clock == QLatin1String("resolution")))
                    ? 1
                    : 0),
        json(o));
}

void priorityMatrix(const QJsonObject &o)
{
    PriorityMatrix matrix;
    const PriorityMatrix before = matrix;
    QString error;
    if (!matrix.fromJson(o, &error)) {
        FUZZ_CHECK(!error.isEmpty(), json(o));
        FUZZ_CHECK(matrix == before, json(o));
        return;
    }
    PriorityMatrix again;
    again.set(Level::High, Level::High, Priority::P4);
    FUZZ_CHECK(again.fromJson(matrix.toJson(), &error), error);
    FUZZ_CHECK(again == matrix, json(o));
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
    if (!doc.isObject())
        return 0;
    const QJsonObject o = doc.object();
    slaPolicy(o);
    escalationRule(o);
    priorityMatrix(o);
    return 0;
}

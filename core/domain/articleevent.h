#pragma once
// What a system event of a conversation says happened, as data (the `data` of an `event`
// article, docs/protocol.md "Event data"): the console words and localises events from this,
// never from the server's English body. One shape per event; a shape this console does not
// know is Kind::Unknown, and the body is shown instead.

#include "enums.h"
#include "fieldvalue.h"

#include "core/sla/slatimeline.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Atiende::Core {

// Which of a ticket's two SLA clocks.
enum class SlaClockName { FirstResponse, Resolution };
// What set an escalation off: an agent, or a rule on an SLA mark or a P1.
enum class EscalationTrigger { Manual, Warning, Breach, P1 };

struct ArticleEvent
{
    enum class Kind {
        None,
        Unknown,
        Changes,
        Sla,
        Escalation,
        Survey,
        Reopened,
        AutoClosed,
        HandedBack,
        Moved
    };
    Kind kind = Kind::None; // None: not an event (a reply or a note)

    // Changes: journalled fields changed by an edit, a rule, an escalation or a hand-over.
    QList<FieldChange> changes;

    // Sla: a clock was marked.
    struct SlaMark
    {
        std::optional<SlaClockName> clock;
        SlaTimeline::State state = SlaTimeline::State::None;
        qint64 dueAt = 0;
        int percent = 0; // warnings only; 0: not said
        bool operator==(const SlaMark &o) const
        {
            return clock == o.clock && state == o.state && dueAt == o.dueAt && percent == o.percent;
        }
    } sla;

    // Escalation: functional (moved to another group, or could not be) or hierarchical.
    struct Escalation
    {
        EscalationKind kind = EscalationKind::Functional;
        std::optional<EscalationTrigger> trigger;
        std::optional<SlaClockName> clock;
        qint64 ruleId = 0;
        qint64 fromGroupId = 0;
        qint64 toGroupId = 0;
        bool moved = false;
        QList<qint64> leads; // hierarchical: the leads told
        qint64 byAgentId = 0;
        QString reason;
        bool operator==(const Escalation &o) const
        {
            return kind == o.kind && trigger == o.trigger && clock == o.clock && ruleId == o.ruleId
                && fromGroupId == o.fromGroupId && toGroupId == o.toGroupId && moved == o.moved
                && leads == o.leads && byAgentId == o.byAgentId && reason == o.reason;
        }
    } escalation;

    // Survey: the customer's satisfaction answer.
    bool goodRating = false;
    QString comment;

    // Reopened by the server. cause is empty in events written before it travelled (then
    // only the English reason says why).
    enum class ReopenCause { Unknown, BadRating, CustomerReplied };
    ReopenCause reopenCause = ReopenCause::Unknown;
    QString reopenReason;

    // AutoClosed: at the end of the reopen window.
    int afterHours = 0;

    // HandedBack: an agent left a group and gave its tickets back.
    qint64 agentId = 0;
    qint64 groupId = 0;

    // Moved: an agent moved a wrongly threaded article (articles.move) from one ticket to
    // another; both tickets get this event.
    struct Move
    {
        qint64 articleId = 0;
        qint64 fromTicketId = 0;
        QString fromNumber;
        qint64 toTicketId = 0;
        QString toNumber;
        bool operator==(const Move &o) const
        {
            return articleId == o.articleId && fromTicketId == o.fromTicketId
                && fromNumber == o.fromNumber && toTicketId == o.toTicketId
                && toNumber == o.toNumber;
        }
    } move;

    bool isEvent() const { return kind != Kind::None; }

    // The `data` object; empty for None and Unknown.
    QJsonObject toJson() const;
    // Kind::None for an empty object, Kind::Unknown for a shape not listed above.
    static ArticleEvent fromJson(const QJsonObject &o);
    bool operator==(const ArticleEvent &o) const;
};

QString wireName(SlaClockName v);
QString wireName(EscalationTrigger v);

} // namespace Atiende::Core

-- 0006: escalation. Admin-kept rules (their definitions as JSON, validated by
-- core/sla/escalationrule) and which rule already escalated which ticket on which trigger, so a
-- wake-up replayed after a restart or a P1 ticket changed again never escalates twice.
CREATE TABLE escalation_rules (
    id         @ID@,
    definition TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE escalations_done (
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id),
    rule_id    BIGINT NOT NULL,
    on_event   VARCHAR(16) NOT NULL,
    clock      VARCHAR(16) NOT NULL,
    done_at    BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, rule_id, on_event, clock)
);

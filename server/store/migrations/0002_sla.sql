-- 0002: SLA. Business calendars and SLA policies (their definitions as JSON, validated by
-- core/calendar and core/sla), and each ticket's SLA clocks: the whole state as JSON, plus
-- the four instants the SLA engine wakes for, as columns it can read fast at start.
CREATE TABLE calendars (
    id         @ID@,
    name       TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sla_policies (
    id         @ID@,
    name       TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

ALTER TABLE tickets ADD COLUMN sla TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN sla_fr_warn_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_fr_due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_res_warn_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_res_due_at BIGINT NOT NULL DEFAULT 0;

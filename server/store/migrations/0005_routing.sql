-- 0005: routing and assignment. Ordered routing rules (their definitions as JSON, validated
-- by core/routing), each group's assignment strategy and round-robin turn, and what the
-- assigner needs to know of agents: presence, skill tags, when they were last given work.
CREATE TABLE routing_rules (
    id         @ID@,
    definition TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

ALTER TABLE groups_ ADD COLUMN assignment VARCHAR(16) NOT NULL DEFAULT 'manual';
ALTER TABLE groups_ ADD COLUMN rr_cursor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN presence VARCHAR(16) NOT NULL DEFAULT 'offline';
ALTER TABLE agents ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE agents ADD COLUMN last_assigned_at BIGINT NOT NULL DEFAULT 0;

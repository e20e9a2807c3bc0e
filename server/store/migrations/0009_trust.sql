-- 0009: sessions an admin can list and end, and revisions that can never be handed out twice.
--
-- Sessions get a public id (the token's hash stays the key the server looks tokens up by and
-- is never shown), where and with what they were last used, and why and when they ended.
CREATE TABLE sessions_new (
    id             @ID@,
    token_hash     VARCHAR(64) NOT NULL UNIQUE,
    agent_id       BIGINT NOT NULL REFERENCES agents(id),
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    last_seen_at   BIGINT NOT NULL DEFAULT 0,
    address        VARCHAR(64) NOT NULL DEFAULT '',
    client         VARCHAR(200) NOT NULL DEFAULT '',
    revoked        INTEGER NOT NULL DEFAULT 0,
    revoked_at     BIGINT,
    revoked_reason VARCHAR(32)
);
INSERT INTO sessions_new (token_hash, agent_id, created_at, expires_at, last_seen_at, revoked, revoked_at, revoked_reason)
    SELECT token_hash, agent_id, created_at, expires_at, created_at, revoked,
           CASE WHEN revoked <> 0 THEN created_at END, CASE WHEN revoked <> 0 THEN 'logged_out' END
    FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_agent ON sessions (agent_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Every revision a commit hands out, once: a second process writing the same database with a
-- stale counter fails its commit here instead of giving two changes one revision. The key is
-- the table's own row key where the engine has one (@REVISION_KEY@), so a commit writes one
-- row of it and no separate index.
CREATE TABLE revisions (
    rev @REVISION_KEY@,
    at  BIGINT NOT NULL
);

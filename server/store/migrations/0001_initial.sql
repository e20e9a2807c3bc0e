-- 0001: the first schema. Portable SQL for SQLite and PostgreSQL; @ID@ is the dialect's
-- auto-numbered primary key. Engine-only extras (full-text indexes) live in
-- 0001_initial.<engine>.sql beside this file. Instants are milliseconds since the epoch.

CREATE TABLE meta (
    key   VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('revision', '0');
INSERT INTO meta (key, value) VALUES ('seq.incident', '0');
INSERT INTO meta (key, value) VALUES ('seq.service_request', '0');

CREATE TABLE settings (
    key   VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id      @ID@,
    name    TEXT NOT NULL,
    domain  TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE customers (
    id              @ID@,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations(id),
    language        VARCHAR(8) NOT NULL DEFAULT 'en',
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_org ON customers (organisation_id);
CREATE INDEX customers_email ON customers (email);

CREATE TABLE groups_ (
    id          @ID@,
    name        TEXT NOT NULL UNIQUE,
    tier        INTEGER NOT NULL DEFAULT 1,
    description TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agents (
    id            @ID@,
    login         VARCHAR(64) NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    role          VARCHAR(16) NOT NULL,
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE group_members (
    group_id BIGINT NOT NULL REFERENCES groups_(id),
    agent_id BIGINT NOT NULL REFERENCES agents(id),
    PRIMARY KEY (group_id, agent_id)
);
CREATE INDEX group_members_agent ON group_members (agent_id);

CREATE TABLE categories (
    id        @ID@,
    name      TEXT NOT NULL,
    parent_id BIGINT REFERENCES categories(id),
    version   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE tickets (
    id                @ID@,
    number            VARCHAR(32) NOT NULL UNIQUE,
    type              VARCHAR(24) NOT NULL,
    subject           TEXT NOT NULL,
    status            VARCHAR(24) NOT NULL,
    impact            VARCHAR(8) NOT NULL,
    urgency           VARCHAR(8) NOT NULL,
    priority          VARCHAR(4) NOT NULL,
    channel           VARCHAR(16) NOT NULL,
    category_id       BIGINT REFERENCES categories(id),
    group_id          BIGINT NOT NULL REFERENCES groups_(id),
    assignee_id       BIGINT REFERENCES agents(id),
    customer_id       BIGINT REFERENCES customers(id),
    organisation_id   BIGINT REFERENCES organisations(id),
    created_by        BIGINT REFERENCES agents(id),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    first_response_at BIGINT NOT NULL DEFAULT 0,
    resolved_at       BIGINT NOT NULL DEFAULT 0,
    closed_at         BIGINT NOT NULL DEFAULT 0,
    reopen_count      INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tickets_group_status ON tickets (group_id, status);
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);
CREATE INDEX tickets_customer ON tickets (customer_id, created_at);
CREATE INDEX tickets_org ON tickets (organisation_id, created_at);
CREATE INDEX tickets_updated ON tickets (updated_at);

CREATE TABLE articles (
    id                 @ID@,
    ticket_id          BIGINT NOT NULL REFERENCES tickets(id),
    kind               VARCHAR(8) NOT NULL,
    author_agent_id    BIGINT REFERENCES agents(id),
    author_customer_id BIGINT REFERENCES customers(id),
    body               TEXT NOT NULL,
    data               TEXT NOT NULL DEFAULT '',
    created_at         BIGINT NOT NULL
);
CREATE INDEX articles_ticket ON articles (ticket_id, id);

CREATE TABLE kb_articles (
    id          @ID@,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    category_id BIGINT REFERENCES categories(id),
    audience    VARCHAR(8) NOT NULL,
    keywords    TEXT NOT NULL DEFAULT '',
    language    VARCHAR(8) NOT NULL DEFAULT 'en',
    author_id   BIGINT REFERENCES agents(id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

-- Log-in sessions; only a hash of the token is kept.
CREATE TABLE sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    agent_id   BIGINT NOT NULL REFERENCES agents(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_agent ON sessions (agent_id);

-- Every edit from a client carries an operation id; its outcome is kept so a replay gets
-- the same answer and changes nothing.
CREATE TABLE operations (
    op_id      VARCHAR(64) PRIMARY KEY,
    agent_id   BIGINT NOT NULL,
    method     VARCHAR(64) NOT NULL,
    outcome    TEXT NOT NULL,
    rev        BIGINT NOT NULL,
    applied_at BIGINT NOT NULL
);

-- The audit journal: one row per changed field.
CREATE TABLE audit (
    id        @ID@,
    rev       BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    agent_id  BIGINT,
    entity    VARCHAR(16) NOT NULL,
    entity_id BIGINT NOT NULL,
    version   INTEGER NOT NULL,
    field     VARCHAR(32) NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id, field);

-- The sync feed: the latest revision of each entity and who may see it (group/assignee of
-- its ticket; both null for entities every agent sees).
CREATE TABLE sync_log (
    entity      VARCHAR(16) NOT NULL,
    entity_id   BIGINT NOT NULL,
    rev         BIGINT NOT NULL,
    group_id    BIGINT,
    assignee_id BIGINT,
    PRIMARY KEY (entity, entity_id)
);
CREATE INDEX sync_log_rev ON sync_log (rev);

-- When a ticket leaves a group or an assignee, who could see it before: those consoles get
-- a "hide" on their next pull.
CREATE TABLE visibility_log (
    rev         BIGINT NOT NULL,
    ticket_id   BIGINT NOT NULL,
    group_id    BIGINT,
    assignee_id BIGINT
);
CREATE INDEX visibility_log_rev ON visibility_log (rev);

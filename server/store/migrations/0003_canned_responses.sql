-- 0003: canned responses. Reply templates in Markdown with {{placeholders}}; group_id NULL
-- means every agent may use it. language is 'es', 'en' or '' (any customer).
CREATE TABLE canned_responses (
    id         @ID@,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    group_id   BIGINT REFERENCES groups_(id),
    language   VARCHAR(8) NOT NULL DEFAULT '',
    keywords   TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX canned_responses_group ON canned_responses (group_id);

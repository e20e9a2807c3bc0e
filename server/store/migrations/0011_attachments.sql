-- 0011: files on tickets (issue 13).
--
-- A file is kept once by the SHA-256 of its content, under the data folder's files/; a row
-- here exists only once the file is complete, fsynced and renamed into place.
CREATE TABLE files (
    sha256     VARCHAR(64) PRIMARY KEY,
    size       BIGINT NOT NULL,
    media_type VARCHAR(127) NOT NULL,
    created_at BIGINT NOT NULL
);

-- An upload in progress or done, by the id its client chose (so an edit written offline can
-- name its files before they are sent). Done ones hold their file until they expire; an
-- article then refers to the file itself.
CREATE TABLE uploads (
    id              VARCHAR(64) PRIMARY KEY,
    agent_id        BIGINT NOT NULL REFERENCES agents(id),
    name            VARCHAR(255) NOT NULL,
    size            BIGINT NOT NULL,
    sha256          VARCHAR(64) NOT NULL,
    created_at      BIGINT NOT NULL,
    completed_at    BIGINT,
    expires_at      BIGINT NOT NULL
);
CREATE INDEX uploads_expires ON uploads (expires_at);
CREATE INDEX uploads_sha256 ON uploads (sha256);

-- The files an article carries, in order, with the name and type they carry there.
CREATE TABLE article_files (
    article_id           BIGINT NOT NULL REFERENCES articles(id),
    position             INTEGER NOT NULL,
    sha256               VARCHAR(64) NOT NULL REFERENCES files(sha256),
    name                 VARCHAR(255) NOT NULL,
    size                 BIGINT NOT NULL,
    media_type           VARCHAR(127) NOT NULL,
    uploader_agent_id    BIGINT REFERENCES agents(id),
    uploader_customer_id BIGINT REFERENCES customers(id),
    created_at           BIGINT NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_files_sha256 ON article_files (sha256, article_id);

-- The same list as the article's wire form carries it, so reading a conversation (and a
-- snapshot of a whole desk) needs no join.
ALTER TABLE articles ADD COLUMN attachments TEXT NOT NULL DEFAULT '';

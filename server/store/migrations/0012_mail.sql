-- 0012: the e-mail channel (issue 14).
--
-- A desk mailbox: read with IMAP, answered with SMTP, feeding one group. The passwords are
-- sealed with the data folder's mail key (mail.key, never in the database); the rest is
-- plain settings. uid_validity and last_uid say where reading stands: they change in the same
-- transaction as the tickets the mail became, so nothing is read twice or skipped.
CREATE TABLE mail_accounts (
    id            @ID@,
    name          VARCHAR(64) NOT NULL UNIQUE,
    address       VARCHAR(254) NOT NULL,
    display_name  TEXT NOT NULL DEFAULT '',
    group_id      BIGINT NOT NULL REFERENCES groups_(id),
    imap          TEXT NOT NULL,
    imap_secret   TEXT NOT NULL DEFAULT '',
    smtp          TEXT NOT NULL DEFAULT '',
    smtp_secret   TEXT NOT NULL DEFAULT '',
    enabled       INTEGER NOT NULL DEFAULT 1,
    uid_validity  BIGINT NOT NULL DEFAULT 0,
    last_uid      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);

-- Every message seen or sent, by its Message-ID (without brackets): a second delivery of the
-- same message is a duplicate, a reply naming one of these in In-Reply-To or References
-- threads onto its ticket. threaded_by says how the message found its ticket ("token",
-- "references", "in-reply-to", "subject-tag", "new", "new-linked"); automatic the kind of
-- automatic mail ("" when a person wrote it).
CREATE TABLE mail_messages (
    id            @ID@,
    message_id    VARCHAR(998) NOT NULL UNIQUE,
    direction     VARCHAR(3) NOT NULL,
    account_id    BIGINT REFERENCES mail_accounts(id),
    ticket_id     BIGINT REFERENCES tickets(id),
    article_id    BIGINT REFERENCES articles(id),
    threaded_by   VARCHAR(16) NOT NULL DEFAULT '',
    automatic     VARCHAR(16) NOT NULL DEFAULT '',
    from_address  VARCHAR(254) NOT NULL DEFAULT '',
    recipients    TEXT NOT NULL DEFAULT '',
    subject       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    quoted        TEXT NOT NULL DEFAULT '',
    html          TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL
);
CREATE INDEX mail_messages_ticket ON mail_messages (ticket_id);
CREATE INDEX mail_messages_article ON mail_messages (article_id);

-- The raw message as it arrived, compressed (zlib), for audit and for threading again.
CREATE TABLE mail_raw (
    message_row BIGINT PRIMARY KEY REFERENCES mail_messages(id),
    bytes       @BYTES@ NOT NULL
);

-- The addresses a ticket's mail goes to and is accepted from besides its requester: the CC'd
-- people of the mail that opened it and of later replies, and those an agent added.
CREATE TABLE ticket_mail_addresses (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    address   VARCHAR(254) NOT NULL,
    role      VARCHAR(8) NOT NULL,
    PRIMARY KEY (ticket_id, address)
);

-- Mail to send, written in the same transaction as what it tells (an agent's public reply, the
-- acknowledgement of a new ticket): nothing is sent that did not commit, and nothing that
-- committed is forgotten across a crash. A mail sent again after a crash carries the same
-- Message-ID (our token for the ticket and article), so the receiver sees one mail.
CREATE TABLE mail_outbox (
    id          @ID@,
    account_id  BIGINT NOT NULL REFERENCES mail_accounts(id),
    ticket_id   BIGINT NOT NULL REFERENCES tickets(id),
    article_id  BIGINT REFERENCES articles(id),
    kind        VARCHAR(8) NOT NULL,
    to_address  VARCHAR(254) NOT NULL,
    recipients  TEXT NOT NULL,
    state       VARCHAR(8) NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     BIGINT NOT NULL,
    last_error  TEXT NOT NULL DEFAULT '',
    message_id  VARCHAR(998) NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_at);
CREATE INDEX mail_outbox_ack ON mail_outbox (to_address, kind, created_at);
CREATE INDEX mail_messages_sender ON mail_messages (from_address, created_at);

-- Every arriving mail looks its sender up among the customers by address, in any case.
CREATE INDEX customers_email_folded ON customers (lower(email));

-- 0004: satisfaction surveys. One row per resolution of a ticket: the customer's invitation
-- to rate it. Only a hash of the token is kept (the token itself is handed out once).
-- close_at ends the reopen window (and is when the ticket closes by itself); expires_at ends
-- the token, later than close_at so a late rating is still recorded. rating is '', 'good'
-- or 'bad'.
CREATE TABLE surveys (
    id          @ID@,
    ticket_id   BIGINT NOT NULL REFERENCES tickets(id),
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    close_at    BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    rating      VARCHAR(8) NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    answered_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX surveys_ticket ON surveys (ticket_id);

INSERT INTO settings (key, value) VALUES ('satisfaction.reopen_window_hours', '72');

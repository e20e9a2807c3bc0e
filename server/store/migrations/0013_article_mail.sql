-- 0013: the article's `mail` object and the ticket's `cc` list on the wire.
--
-- Which table is the truth for what:
-- - mail_messages stays the truth for threading (Message-IDs, which ticket a thread leads to,
--   the quoted text and HTML that mail.message serves); mail_outbox stays the truth for
--   sending (state, attempts, next try, last error).
-- - articles.mail is the wire's copy of an article's mail (JSON of Core::ArticleMail): written
--   when the article is written (arriving mail, a queued reply) and again, in the same
--   transaction and with a new sync revision, whenever its outbox row changes (sent, failed,
--   bounced, retried) or the article is moved. It is never read back to decide anything.
-- - tickets.cc (a JSON array of lower-case addresses, in the order added) is the one truth of
--   who a ticket's mail goes to besides its requester, and who may thread onto it by subject
--   tag; it replaces ticket_mail_addresses, whose addresses (the requester's own left out)
--   move here.
ALTER TABLE articles ADD COLUMN mail TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN cc TEXT NOT NULL DEFAULT '';

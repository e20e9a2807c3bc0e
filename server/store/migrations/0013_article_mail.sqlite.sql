-- 0013 on SQLite: fills the new columns from the mail tables (JSON built with SQLite's JSON
-- functions; another engine's companion builds the same objects with its own), then drops
-- ticket_mail_addresses, whose truth is now tickets.cc.

-- Arrived mail: each article's message row ("Name <address>" with the customer's name).
UPDATE articles SET mail = (
    SELECT json_object(
        'direction', 'in',
        'from', CASE WHEN COALESCE(c.name, '') <> ''
                     THEN c.name || ' <' || m.from_address || '>' ELSE m.from_address END,
        'to', json(COALESCE(json_extract(NULLIF(m.recipients, ''), '$.to'), '[]')),
        'cc', json(COALESCE(json_extract(NULLIF(m.recipients, ''), '$.cc'), '[]')),
        'subject', m.subject,
        'threadedBy', m.threaded_by,
        'automatic', m.automatic,
        'note', m.note,
        'hasQuoted', json(CASE WHEN m.quoted <> '' THEN 'true' ELSE 'false' END),
        'hasHtml', json(CASE WHEN m.html <> '' THEN 'true' ELSE 'false' END))
    FROM mail_messages m LEFT JOIN customers c ON c.id = articles.author_customer_id
    WHERE m.article_id = articles.id AND m.direction = 'in'
    ORDER BY m.id LIMIT 1)
WHERE id IN (SELECT article_id FROM mail_messages WHERE direction = 'in'
             AND article_id IS NOT NULL);

-- Agents' replies queued for mail: the newest outbox row of each, the subject it went out
-- with (or will: "Re: [number] subject").
UPDATE articles SET mail = (
    SELECT json_object(
        'direction', 'out',
        'from', a.address,
        'to', json(COALESCE(json_extract(NULLIF(o.recipients, ''), '$.to'), '[]')),
        'cc', json(COALESCE(json_extract(NULLIF(o.recipients, ''), '$.cc'), '[]')),
        'subject', COALESCE((SELECT m.subject FROM mail_messages m WHERE m.article_id = o.article_id
                               AND m.direction = 'out' ORDER BY m.id DESC LIMIT 1),
                            'Re: [' || t.number || '] ' || t.subject),
        'state', o.state,
        'error', o.last_error,
        'attempts', o.attempts,
        'sentAt', CASE WHEN COALESCE(o.sent_at, 0) <= 0 THEN NULL
                       ELSE strftime('%Y-%m-%dT%H:%M:%S', o.sent_at / 1000, 'unixepoch') || '.'
                            || printf('%03d', o.sent_at % 1000) || 'Z' END)
    FROM mail_outbox o JOIN mail_accounts a ON a.id = o.account_id
    JOIN tickets t ON t.id = o.ticket_id
    WHERE o.article_id = articles.id AND o.kind = 'reply'
    ORDER BY o.id DESC LIMIT 1)
WHERE id IN (SELECT article_id FROM mail_outbox WHERE kind = 'reply' AND article_id IS NOT NULL);

-- A ticket's CC list: the addresses its mail involved besides its requester, in address
-- order (the table kept no order).
UPDATE tickets SET cc = (
    SELECT json_group_array(address) FROM (
        SELECT x.address FROM ticket_mail_addresses x
        WHERE x.ticket_id = tickets.id
          AND x.address <> COALESCE((SELECT lower(c.email) FROM customers c
                                     WHERE c.id = tickets.customer_id), '')
        ORDER BY x.address))
WHERE id IN (SELECT ticket_id FROM ticket_mail_addresses);

DROP TABLE ticket_mail_addresses;

-- 0008: KB articles linked to a ticket (ITIL knowledge management: which article solved it),
-- as their ids in the order they were linked, "3,7"; tickets.update keeps the list.
ALTER TABLE tickets ADD COLUMN kb_article_ids TEXT NOT NULL DEFAULT '';

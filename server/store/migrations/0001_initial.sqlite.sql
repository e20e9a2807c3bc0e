-- 0001, SQLite only: full-text indexes (FTS5). Spanish and English text: accents fold away,
-- so "configuracion" finds "configuración".
CREATE VIRTUAL TABLE ticket_fts USING fts5(subject, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE article_fts USING fts5(body, ticket_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE kb_fts USING fts5(title, keywords, body, tokenize = 'unicode61 remove_diacritics 2');

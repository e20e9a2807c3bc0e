#pragma once
// The knowledge base as the cache holds it, with a full-text index ranked and marked as the
// server ranks and marks it (the same weights and snippets), so an agent offline finds what
// they would find online: typed text, or the articles a ticket's subject is about.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Atiende::Client {

class CacheDb;

class KbIndex
{
public:
    explicit KbIndex(CacheDb &db);

    // A server change of an article (upsert or removal), its row and its index entry: 1 if
    // written, 0 when the cache holds it at rev or newer (nothing done), -1 on failure.
    int apply(qint64 id, qint64 rev, bool upsert, const QJsonObject &data);
    // Every article goes (a resync).
    bool clear();

    QJsonArray search(const QString &text, int limit); // same ranking and snippets as the server
    // Articles about what text is about (a ticket's subject): any of its keywords, best first;
    // the same result fields as search.
    QJsonArray related(const QString &text, int limit);
    std::optional<QJsonObject> article(qint64 id);

private:
    QJsonArray matching(const QString &match, int limit);

    CacheDb &m_db;
};

} // namespace Atiende::Client

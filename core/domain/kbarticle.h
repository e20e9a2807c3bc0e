#pragma once
// A knowledge-base article: Markdown body, a catalog category, keywords, and whether only
// agents or also end users (the portal) may read it. And a hit of a KB search (kb.search, and
// the console's offline search of its cache): the article's heading and the passage matched.

#include "enums.h"

#include <QJsonObject>
#include <QStringList>

namespace Atiende::Core {

struct KbArticle
{
    qint64 id = 0;
    QString title;
    QString body; // Markdown
    qint64 categoryId = 0;
    Audience audience = Audience::Agent;
    QStringList keywords;
    QString language; // "es" or "en"
    qint64 authorId = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    int version = 0;

    bool isInternal() const { return audience == Audience::Agent; }
    bool operator==(const KbArticle &o) const;
    bool operator!=(const KbArticle &o) const { return !(*this == o); }

    QJsonObject toJson() const;
    static KbArticle fromJson(const QJsonObject &o);
};

// One result of a KB search: {"id", "title", "snippet", "score", "audience", "categoryId",
// "language", "updatedAt"} (docs/protocol.md, kb.search).
struct KbSearchHit
{
    qint64 id = 0;
    QString title;
    QString snippet; // HTML-escaped text of the body, the matched words in <mark>...</mark>
    double score = 0; // the engine's rank: lower is better, comparable within one answer only
    Audience audience = Audience::Agent;
    qint64 categoryId = 0;
    QString language;
    qint64 updatedAt = 0;

    bool isInternal() const { return audience == Audience::Agent; }
    bool operator==(const KbSearchHit &o) const;
    bool operator!=(const KbSearchHit &o) const { return !(*this == o); }

    QJsonObject toJson() const;
    static KbSearchHit fromJson(const QJsonObject &o);
    // A result list as kb.search writes it (or the cache's search, which writes the same).
    static QList<KbSearchHit> listFromJson(const QJsonArray &results);
};

} // namespace Atiende::Core

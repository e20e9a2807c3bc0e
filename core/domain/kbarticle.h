#pragma once
// A knowledge-base article: Markdown body, a catalog category, keywords, and whether only
// agents or also end users (the portal) may read it.

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

    QJsonObject toJson() const;
    static KbArticle fromJson(const QJsonObject &o);
};

} // namespace Atiende::Core

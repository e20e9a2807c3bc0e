#pragma once
// One entry of a ticket's conversation: a public reply (the customer sees it), an internal
// note (agents only) or a system event (status changed, escalated...).

#include "enums.h"

#include <QJsonObject>
#include <QString>

namespace Atiende::Core {

struct Article
{
    qint64 id = 0;
    qint64 ticketId = 0;
    ArticleKind kind = ArticleKind::PublicReply;
    qint64 authorAgentId = 0;    // set when an agent wrote it
    qint64 authorCustomerId = 0; // set when the customer wrote it
    QString body;                // Markdown
    qint64 createdAt = 0;

    QJsonObject toJson() const;
    static Article fromJson(const QJsonObject &o);
};

} // namespace Atiende::Core

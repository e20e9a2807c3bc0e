#pragma once
// One entry of a ticket's conversation: a public reply (the customer sees it), an internal
// note (agents only) or a system event (status changed, escalated...).

#include "articleevent.h"
#include "articlemail.h"
#include "attachment.h"
#include "enums.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Atiende::Core {

struct Article
{
    qint64 id = 0;
    qint64 ticketId = 0;
    ArticleKind kind = ArticleKind::PublicReply;
    qint64 authorAgentId = 0; // set when an agent wrote it
    qint64 authorCustomerId = 0; // set when the customer wrote it
    QString body; // Markdown
    qint64 createdAt = 0;
    ArticleEvent data; // events only: what happened, as data (the wire's `data`)
    QList<Attachment> attachments; // files sent with a reply or note, in the order given
    // Set when the article came in or goes out as e-mail (the wire's `mail`).
    std::optional<ArticleMail> mail;
    // The console's own: an entry the agent wrote that the server has not confirmed yet (its
    // id is then a temporary negative one). Never on the wire.
    bool pending = false;

    QJsonObject toJson() const;
    static Article fromJson(const QJsonObject &o);
    bool operator==(const Article &o) const;
    bool operator!=(const Article &o) const { return !(*this == o); }
};

} // namespace Atiende::Core

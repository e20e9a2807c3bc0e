#pragma once
// How an article travelled as e-mail: the addresses, how an arriving message found its ticket,
// and where an outgoing one stands (queued, sent, failed, bounced). The wire's article `mail`
// object (docs/protocol.md, "Data types"); absent on articles that are no mail.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Atiende::Core {

struct ArticleMail
{
    enum class Direction { In, Out };
    enum class State { None, Queued, Sent, Failed, Bounced }; // outgoing mail only

    Direction direction = Direction::In;
    QString from; // "Name <address>" or a bare address; outgoing: the desk's mailbox
    QStringList to; // addresses, lower case
    QStringList cc;
    QString subject;

    // Arriving mail.
    QString threadedBy; // "token", "references", "in-reply-to", "subject-tag", "new",
                        // "new-linked", "moved" (an agent moved it to this ticket)
    QString automatic; // the kind of automatic mail ("auto-replied", "bounce"...); "" when a
                       // person wrote it
    QString note; // what could not be read, or why it was threaded as it was
    bool hasQuoted = false; // folded quoted text and signature: mail.message brings them
    bool hasHtml = false; // an HTML part was kept (sanitised): mail.message brings it

    // Outgoing mail.
    State state = State::None;
    QString error; // the last failure or the bounce's reason, plain words
    int attempts = 0;
    qint64 sentAt = 0; // ms since the epoch, 0 while not sent

    bool isIncoming() const { return direction == Direction::In; }
    bool canRetry() const { return state == State::Failed || state == State::Bounced; }

    QJsonObject toJson() const;
    static ArticleMail fromJson(const QJsonObject &o);
    bool operator==(const ArticleMail &o) const { return toJson() == o.toJson(); }
    bool operator!=(const ArticleMail &o) const { return !(*this == o); }
};

QString wireName(ArticleMail::State s); // "", "queued", "sent", "failed", "bounced"

} // namespace Atiende::Core

#pragma once
// An outgoing e-mail as RFC 5322 bytes, with GMime: multipart/alternative (text/plain and
// text/html) or multipart/mixed with attachments, UTF-8, encoded words for non-ASCII headers,
// RFC 2231 file names, lines folded, CRLF line ends. The Message-ID is the caller's (our
// signed token), so a mail sent again after a crash is the same mail.

#include "inboundmail.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Atiende::Server::Mail {

struct OutgoingFile
{
    QString name;
    QString mediaType;
    QByteArray bytes;
};

struct OutgoingMail
{
    Address from;
    QList<Address> to;
    QList<Address> cc;
    Address replyTo; // empty: none
    QString subject;
    QString messageId; // with or without brackets
    QStringList inReplyTo; // without brackets
    QStringList references; // without brackets, oldest first (trimmed to the last 20 on write)
    qint64 date = 0; // ms since the epoch
    QString text; // text/plain part
    QString html; // text/html part; empty: text only
    QList<OutgoingFile> files;
    // Extra header fields in order: Auto-Submitted, X-Auto-Response-Suppress, X-Atiende-Loop...
    QList<QPair<QString, QString>> headers;
};

class MimeWriter
{
public:
    static QByteArray write(const OutgoingMail &mail);
};

} // namespace Atiende::Server::Mail

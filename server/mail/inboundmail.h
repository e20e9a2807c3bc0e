#pragma once
// One received e-mail as the desk uses it: who, what, which thread it claims, its files.
// Made by MimeParser from the raw bytes; everything here is decoded (charsets, RFC 2047
// encoded words, RFC 2231 file names, transfer encodings) and bounded.

#include "core/mail/automail.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Atiende::Server::Mail {

struct Address
{
    QString name; // display name, decoded; may be empty
    QString address; // lower-cased addr-spec ("ana@example.com"); never empty in a list
    bool operator==(const Address &o) const { return address == o.address; }
};

struct InboundFile
{
    QString name; // as the sender named it, decoded (sanitised later by Core::Files rules)
    QString mediaType; // as declared by the part; the store sniffs its own
    QByteArray bytes; // decoded content
    QString contentId; // without brackets, for inline images referenced by cid:
    bool inlinePart = false; // shown in the body: referenced from the HTML by cid:, or an
                             // image with Content-Disposition: inline (an inline PDF is still
                             // a file the agent opens)
};

struct InboundMail
{
    QString messageId; // without brackets; never empty: when the message has none, one is
                       // made up from the SHA-256 of the raw bytes
                       // ("sha256.<hex>@atiende.invalid"), so a second delivery is the same id
    QStringList inReplyTo; // without brackets, in order
    QStringList references; // without brackets, oldest first (at most 100, the last ones)
    Address from;
    Address replyTo; // empty address when the header is absent
    QList<Address> to;
    QList<Address> cc;
    QString returnPath; // the first Return-Path, lower-cased without brackets; "<>" kept as
                        // "<>" (a bounce); empty when absent
    QString subject; // decoded, whitespace collapsed, at most 998 characters
    qint64 date = 0; // Date: header in ms since the epoch (0 when absent or unreadable)
    Core::Mail::Headers headers; // every top-level header, decoded, for classification and audit
    QString contentType; // top-level, with parameters
    Core::Mail::AutoVerdict automatic; // filled by the parser with Core::Mail::classify
    QString text; // the readable body: the text/plain part, else the HTML converted to text
    QString html; // the HTML part sanitised (no scripts, styles, event attributes, remote
                  // loads, forms; cid: links kept), empty when the mail has none
    QList<InboundFile> files; // attachments and inline images, in order; a forwarded
                              // message/rfc822 part is one file "<subject>.eml" holding the
                              // message's bytes as they arrived
    QStringList problems; // what could not be read, in plain English for the article's note
                          // ("part 3: unknown charset x-foo, shown as Latin-1"); empty when
                          // nothing went wrong
    // Delivery status notification (AutoKind::Bounce): the failed recipients and the
    // Message-ID of the original message when the report carries it.
    QStringList bouncedRecipients;
    QString bouncedMessageId;
};

} // namespace Atiende::Server::Mail

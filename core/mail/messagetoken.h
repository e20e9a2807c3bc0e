#pragma once
// Our own Message-IDs carry the ticket and article they belong to, signed, so that a reply
// carrying only In-Reply-To or References finds its ticket without any lookup and a forged one
// is not believed: <atd.{ticketId}.{articleId}.{mac}@{host}>, the mac the first 16 hex digits of
// HMAC-SHA-256(key, "{ticketId}.{articleId}"). QtCore only (QMessageAuthenticationCode).

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Atiende::Core::Mail {

class MessageToken
{
public:
    struct Parsed
    {
        qint64 ticketId = 0;
        qint64 articleId = 0;
    };
    // The Message-ID with angle brackets. key: the desk's secret (at least 32 bytes);
    // host: the desk's mail domain (a plain host name).
    static QString make(
        qint64 ticketId, qint64 articleId, const QByteArray &key, const QString &host);
    // One Message-ID (with or without brackets, any case of the host): the ticket and article
    // when it is ours and its mac is right; nullopt otherwise (another system's id, a forged or
    // damaged one).
    static std::optional<Parsed> parse(const QString &messageId, const QByteArray &key);
    // The first of ids that is ours, looking from the last (References lists the newest last;
    // the nearest ancestor wins).
    static std::optional<Parsed> findInChain(const QStringList &ids, const QByteArray &key);
};

// Message-IDs out of an In-Reply-To or References value: "<a@b> <c@d>", comments and stray
// text ignored, each returned without brackets, in order, at most `limit` (the last ones kept).
QStringList parseMessageIds(const QString &headerValue, int limit = 100);

} // namespace Atiende::Core::Mail

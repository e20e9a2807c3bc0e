#include "messagetoken.h"

#include <QMessageAuthenticationCode>
#include <QSet>

namespace Atiende::Core::Mail {

namespace {

constexpr qsizetype kMinKeyBytes = 32;
constexpr qsizetype kMacHexDigits = 16;
constexpr qsizetype kMaxIdDigits = 18; // below 2^63
constexpr qsizetype kMaxMessageIdChars = 998; // a header line's limit

QByteArray macOf(qint64 ticketId, qint64 articleId, const QByteArray &key)
{
    const QByteArray message = QByteArray::number(ticketId) + '.' + QByteArray::number(articleId);
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256)
        .toHex()
        .left(kMacHexDigits);
}

// Compares every byte whatever the first difference, so the time taken does not tell a forger
// how much of a guessed mac was right.
bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// A positive decimal id as we write it: digits only, no sign, no leading zero.
std::optional<qint64> parseId(QStringView digits)
{
    if (digits.isEmpty() || digits.size() > kMaxIdDigits || digits.front() == u'0')
        return std::nullopt;
    qint64 value = 0;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

} // namespace

QString MessageToken::make(
    qint64 ticketId, qint64 articleId, const QByteArray &key, const QString &host)
{
    if (key.size() < kMinKeyBytes || ticketId <= 0 || articleId <= 0 || host.isEmpty())
        return QString();
    return QStringLiteral("<atd.%1.%2.%3@%4>")
        .arg(ticketId)
        .arg(articleId)
        .arg(QString::fromLatin1(macOf(ticketId, articleId, key)), host.toLower());
}

std::optional<MessageToken::Parsed> MessageToken::parse(
    const QString &messageId, const QByteArray &key)
{
    if (key.size() < kMinKeyBytes || messageId.size() > kMaxMessageIdChars)
        return std::nullopt;
    QStringView id = QStringView(messageId).trimmed();
    if (id.startsWith(u'<') && id.endsWith(u'>') && id.size() >= 2)
        id = id.mid(1, id.size() - 2).trimmed();
    const qsizetype at = id.lastIndexOf(u'@');
    if (at <= 0 || at == id.size() - 1)
        return std::nullopt;
    const QStringView local = id.left(at);
    // atd.{ticket}.{article}.{mac}
    if (!local.startsWith(u"atd.", Qt::CaseInsensitive))
        return std::nullopt;
    const QStringView rest = local.mid(4);
    const qsizetype dot1 = rest.indexOf(u'.');
    const qsizetype dot2 = dot1 < 0 ? -1 : rest.indexOf(u'.', dot1 + 1);
    if (dot1 < 0 || dot2 < 0)
        return std::nullopt;
    const auto ticketId = parseId(rest.left(dot1));
    const auto articleId = parseId(rest.mid(dot1 + 1, dot2 - dot1 - 1));
    const QStringView mac = rest.mid(dot2 + 1);
    if (!ticketId || !articleId || mac.size() != kMacHexDigits)
        return std::nullopt;
    QByteArray given(kMacHexDigits, '\0');
    for (qsizetype i = 0; i < kMacHexDigits; ++i) {
        const char16_t c = mac.at(i).toLower().unicode();
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return std::nullopt;
        given[i] = char(c);
    }
    if (!equalInConstantTime(given, macOf(*ticketId, *articleId, key)))
        return std::nullopt;
    return Parsed { *ticketId, *articleId };
}

std::optional<MessageToken::Parsed> MessageToken::findInChain(
    const QStringList &ids, const QByteArray &key)
{
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        if (auto parsed = parse(ids.at(i), key))
            return parsed;
    }
    return std::nullopt;
}

QStringList parseMessageIds(const QString &headerValue, int limit)
{
    QStringList ids;
    if (limit <= 0)
        return ids;
    QSet<QString> seen;
    const auto keep = [&](QString id) {
        id.remove(QLatin1Char(' '))
            .remove(QLatin1Char('\t'))
            .remove(QLatin1Char('\r'))
            .remove(QLatin1Char('\n'));
        if (id.isEmpty() || id.size() > kMaxMessageIdChars || seen.contains(id))
            return;
        seen.insert(id);
        ids.append(id);
    };

    const QString &v = headerValue;
    const bool anyBracket = v.contains(QLatin1Char('<'));
    qsizetype i = 0;
    while (i < v.size()) {
        const QChar c = v.at(i);
        if (c == QLatin1Char('(')) {
            // A comment, nested comments and quoted pairs included: "(Ana's mail of <x@y>)".
            int depth = 0;
            for (; i < v.size(); ++i) {
                const QChar d = v.at(i);
                if (d == QLatin1Char('\\')) {
                    ++i;
                } else if (d == QLatin1Char('(')) {
                    ++depth;
                } else if (d == QLatin1Char(')') && --depth == 0) {
                    ++i;
                    break;
                }
            }
        } else if (c == QLatin1Char('"')) {
            // Old mailers: In-Reply-To: Your message of "Mon, 3 Jun" <x@y>.
            for (++i; i < v.size() && v.at(i) != QLatin1Char('"'); ++i) {
                if (v.at(i) == QLatin1Char('\\'))
                    ++i;
            }
            ++i;
        } else if (c == QLatin1Char('<')) {
            const qsizetype end = v.indexOf(QLatin1Char('>'), i + 1);
            if (end < 0)
                break; // an unclosed id at the end: damaged, not guessed at
            const QString inner = v.mid(i + 1, end - i - 1);
            // "<a@b" followed by "<c@d>": the inner "<" starts the real one.
            const qsizetype reopen = inner.lastIndexOf(QLatin1Char('<'));
            keep(reopen < 0 ? inner : inner.mid(reopen + 1));
            i = end + 1;
        } else if (!anyBracket && !c.isSpace() && c != QLatin1Char(',')) {
            // A mailer that forgot the brackets altogether: bare "id@host" words.
            qsizetype end = i;
            while (end < v.size() && !v.at(end).isSpace() && v.at(end) != QLatin1Char(',')
                && v.at(end) != QLatin1Char('(') && v.at(end) != QLatin1Char('"'))
                ++end;
            const QString word = v.mid(i, end - i);
            if (word.contains(QLatin1Char('@')))
                keep(word);
            i = end;
        } else {
            ++i;
        }
    }
    if (ids.size() > limit)
        ids = ids.mid(ids.size() - limit);
    return ids;
}

} // namespace Atiende::Core::Mail

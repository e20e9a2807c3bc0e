#include "subjecttag.h"

#include <QList>

#include <array>

namespace Atiende::Core::Mail {

namespace {

struct TagSpan
{
    qsizetype start = 0; // the "["
    qsizetype end = 0; // one past the "]"
    TicketNumber::Parsed number {};
};

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Every "[INC-000123]" / "[req-45]" in the subject, in order. Spaces inside the brackets are
// tolerated (some clients pad them); anything else inside makes it not ours.
QList<TagSpan> findTags(QStringView s)
{
    QList<TagSpan> tags;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i) != QLatin1Char('['))
            continue;
        const qsizetype close = s.indexOf(QLatin1Char(']'), i + 1);
        if (close < 0)
            break;
        const QStringView inner = s.mid(i + 1, close - i - 1).trimmed();
        // INC-1 .. INC-999999999999: longer is not a number we made.
        if (inner.size() >= 5 && inner.size() <= 16 && inner.at(3) == QLatin1Char('-')
            && isAsciiDigit(inner.at(4))) {
            if (const auto parsed = TicketNumber::parse(inner.toString()))
                tags.append(TagSpan { i, close + 1, *parsed });
        }
        // "[[INC-1]]": look again from the next "[", not after the "]".
    }
    return tags;
}

// Reply and forward prefixes of the mail clients our customers use: English, Spanish,
// Portuguese, French, Italian, German, Dutch and the Nordic languages.
constexpr std::array<std::u16string_view, 16> kPrefixes { u"re", u"aw", u"fwd", u"fw", u"rv",
    u"enc", u"tr", u"r", u"sv", u"antw", u"wg", u"res", u"vs", u"rif", u"odp", u"ynt" };

// The length of one prefix at the start of s ("Re:", "RE :", "Re[2]:", "Re(3):", "Re^2:",
// "AW：" with a full-width colon), or 0 when s does not start with one.
qsizetype prefixLength(QStringView s)
{
    qsizetype word = 0;
    while (word < s.size() && s.at(word).isLetter())
        ++word;
    if (word == 0)
        return 0;
    const QStringView w = s.left(word);
    bool known = false;
    for (std::u16string_view p : kPrefixes) {
        if (w.compare(QStringView(p.data(), qsizetype(p.size())), Qt::CaseInsensitive) == 0) {
            known = true;
            break;
        }
    }
    if (!known)
        return 0;
    qsizetype i = word;
    // An optional counter: [2], (2), ^2.
    if (i < s.size() && (s.at(i) == QLatin1Char('[') || s.at(i) == QLatin1Char('('))) {
        const QChar close = s.at(i) == QLatin1Char('[') ? QLatin1Char(']') : QLatin1Char(')');
        qsizetype j = i + 1;
        while (j < s.size() && isAsciiDigit(s.at(j)) && j - i <= 4)
            ++j;
        if (j == i + 1 || j >= s.size() || s.at(j) != close)
            return 0;
        i = j + 1;
    } else if (i < s.size() && s.at(i) == QLatin1Char('^')) {
        qsizetype j = i + 1;
        while (j < s.size() && isAsciiDigit(s.at(j)) && j - i <= 4)
            ++j;
        if (j == i + 1)
            return 0;
        i = j;
    }
    while (i < s.size() && (s.at(i) == QLatin1Char(' ') || s.at(i) == QLatin1Char('\t')))
        ++i;
    if (i < s.size() && (s.at(i) == QLatin1Char(':') || s.at(i) == QChar(0xFF1A)))
        return i + 1;
    return 0;
}

// s without the prefixes at its start (and the spaces between them).
QString stripPrefixes(const QString &subject)
{
    QStringView s = QStringView(subject).trimmed();
    for (;;) {
        const qsizetype n = prefixLength(s);
        if (n == 0)
            break;
        s = s.mid(n).trimmed();
    }
    return s.toString();
}

QString withoutTags(const QString &subject)
{
    const QList<TagSpan> tags = findTags(subject);
    QString out;
    qsizetype from = 0;
    for (const TagSpan &t : tags) {
        if (t.start < from)
            continue;
        out += QStringView(subject).mid(from, t.start - from);
        out += QLatin1Char(' ');
        from = t.end;
    }
    out += QStringView(subject).mid(from);
    return out.simplified();
}

} // namespace

std::optional<TicketNumber::Parsed> SubjectTag::find(const QString &subject)
{
    const QList<TagSpan> tags = findTags(subject);
    if (tags.isEmpty())
        return std::nullopt;
    return tags.last().number;
}

QString SubjectTag::tagged(const QString &number, const QString &subject, bool reply)
{
    const auto parsed = TicketNumber::parse(number);
    const QString tag = QLatin1Char('[')
        + (parsed ? TicketNumber::format(parsed->type, parsed->sequence) : number.trimmed())
        + QLatin1Char(']');
    // Our tags are taken out wherever they are and ours is put in front once: "Re: [INC-1]
    // [INC-1] x" never grows, and a ticket merged into another does not keep the old number.
    QString rest = reply ? stripPrefixes(subject) : subject.simplified();
    rest = withoutTags(rest);
    if (reply)
        rest = stripPrefixes(rest);
    QString out = tag;
    if (!rest.isEmpty())
        out += QLatin1Char(' ') + rest;
    return reply ? QStringLiteral("Re: ") + out : out;
}

QString SubjectTag::clean(const QString &subject)
{
    // "Re: [INC-000123] RE: Fwd: x" -> "x": prefixes, then tags, then the prefixes they hid.
    QString s = stripPrefixes(subject.simplified());
    s = withoutTags(s);
    s = stripPrefixes(s);
    return s.simplified();
}

} // namespace Atiende::Core::Mail

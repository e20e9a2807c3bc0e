#include "quotefolding.h"

#include <QStringList>

#include <array>
#include <vector>

namespace Atiende::Core::Mail {

namespace {

enum class Kind { Text, Blank, Quote, Signature };

constexpr qsizetype kMaxMarkerChars = 400; // an attribution line is never longer
constexpr int kHeaderBlockLines = 8; // Outlook's From/Sent/To/Cc/Subject block, wrapped

bool startsWithAny(QStringView s, std::initializer_list<std::u16string_view> words)
{
    for (std::u16string_view w : words) {
        if (s.startsWith(QStringView(w.data(), qsizetype(w.size())), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool endsWithAny(QStringView s, std::initializer_list<std::u16string_view> words)
{
    for (std::u16string_view w : words) {
        if (s.endsWith(QStringView(w.data(), qsizetype(w.size())), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool equalsAny(QStringView s, std::initializer_list<std::u16string_view> words)
{
    for (std::u16string_view w : words) {
        if (s.compare(QStringView(w.data(), qsizetype(w.size())), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isQuoteLine(QStringView line)
{
    for (QChar c : line) {
        if (c == QLatin1Char('>'))
            return true;
        if (c != QLatin1Char(' ') && c != QLatin1Char('\t'))
            return false;
    }
    return false;
}

bool isBlank(QStringView line)
{
    return line.trimmed().isEmpty();
}

// "-----Original Message-----", "---------- Forwarded message ---------": the words between
// runs of at least three dashes, or an empty view when the line is not such a separator.
QStringView dashedWords(QStringView t)
{
    if (t.size() > kMaxMarkerChars || !t.startsWith(u"---") || !t.endsWith(u"---"))
        return {};
    qsizetype a = 0;
    qsizetype b = t.size();
    while (a < b && (t.at(a) == QLatin1Char('-') || t.at(a).isSpace()))
        ++a;
    while (b > a && (t.at(b - 1) == QLatin1Char('-') || t.at(b - 1).isSpace()))
        --b;
    return t.mid(a, b - a);
}

bool isOriginalMessageSeparator(QStringView t)
{
    return equalsAny(dashedWords(t),
        { u"Original Message", u"Mensaje original", u"Mensagem original", u"Messaggio originale",
            u"Message d'origine", u"Urspr\u00fcngliche Nachricht", u"Oorspronkelijk bericht" });
}

// A forward is content the sender chose to pass on: it stays fresh, quotes and all.
bool isForwardMarker(QStringView t)
{
    if (equalsAny(dashedWords(t),
            { u"Forwarded message", u"Mensaje reenviado", u"Mensaje enviado",
                u"Weitergeleitete Nachricht", u"Message transf\u00e9r\u00e9",
                u"Mensagem encaminhada", u"Messaggio inoltrato" }))
        return true;
    return equalsAny(t,
        { u"Begin forwarded message:", u"Inicio del mensaje reenviado:",
            u"Comienzo del mensaje reenviado:" });
}

QStringView withoutEmphasis(QStringView t)
{
    // "*From:* Ana" (Outlook for Mac, and HTML bold turned into text by some clients).
    while (!t.isEmpty() && t.front() == QLatin1Char('*'))
        t = t.mid(1);
    return t;
}

bool isFieldLine(QStringView t, std::initializer_list<std::u16string_view> names)
{
    t = withoutEmphasis(t.trimmed());
    for (std::u16string_view n : names) {
        const QStringView name(n.data(), qsizetype(n.size()));
        if (!t.startsWith(name, Qt::CaseInsensitive))
            continue;
        QStringView rest = withoutEmphasis(t.mid(name.size()).trimmed());
        if (rest.startsWith(QLatin1Char(':')))
            return true;
    }
    return false;
}

// Outlook's header block at line i: "From: ...", then within a few lines a date and a subject.
bool isHeaderBlockAt(const QStringList &lines, qsizetype i)
{
    if (!isFieldLine(lines.at(i), { u"From", u"De", u"Von", u"Van", u"Da", u"Fr\u00e5n", u"Fra" }))
        return false;
    bool date = false;
    bool subject = false;
    for (qsizetype k = i + 1; k < lines.size() && k <= i + kHeaderBlockLines; ++k) {
        const QStringView l = lines.at(k);
        date = date
            || isFieldLine(l,
                { u"Sent", u"Date", u"Enviado", u"Enviado el", u"Enviada", u"Fecha", u"Gesendet",
                    u"Datum", u"Envoy\u00e9", u"Data", u"Verzonden", u"Skickat" });
        subject = subject
            || isFieldLine(l,
                { u"Subject", u"Asunto", u"Assunto", u"Betreff", u"Objet", u"Oggetto", u"Onderwerp",
                    u"\u00c4mne", u"Emne" });
        if (date && subject)
            return true;
    }
    return false;
}

bool isUnderscoreRule(QStringView t)
{
    if (t.size() < 10)
        return false;
    for (QChar c : t) {
        if (c != QLatin1Char('_'))
            return false;
    }
    return true;
}

qsizetype nextNonBlank(const QStringList &lines, qsizetype from)
{
    while (from < lines.size() && isBlank(lines.at(from)))
        ++from;
    return from;
}

struct Attribution
{
    int lines = 0; // 0: none
    bool full = false; // "On <date>, <name> wrote:" rather than just "<name> wrote:"
};

constexpr std::initializer_list<std::u16string_view> kAttributionStarts { u"On ", u"El ", u"Le ",
    u"Am ", u"Em ", u"Il ", u"Op ", u"Den " };
constexpr std::initializer_list<std::u16string_view> kAttributionEnds { u"wrote:",
    u"escribi\u00f3:", u"escribio:", u"a \u00e9crit :", u"a \u00e9crit:", u"schrieb:", u"escreveu:",
    u"ha scritto:", u"geschreven:", u"skrev:" };

Attribution attributionAt(const QStringList &lines, qsizetype i)
{
    const QStringView t = QStringView(lines.at(i)).trimmed();
    if (t.isEmpty() || t.size() > kMaxMarkerChars)
        return {};
    const bool starts = startsWithAny(t, kAttributionStarts);
    if (endsWithAny(t, kAttributionEnds))
        return { 1, starts };
    // Gmail wraps a long one: "On Mon, 3 Jun 2024 at 10:15, Ana <ana@example.com>" / "wrote:".
    if (starts && i + 1 < lines.size()) {
        const QStringView next = QStringView(lines.at(i + 1)).trimmed();
        if (!next.isEmpty() && next.size() <= kMaxMarkerChars
            && endsWithAny(next, kAttributionEnds))
            return { 2, true };
    }
    return {};
}

bool isSignatureSeparator(QStringView line)
{
    return line == u"-- " || line == u"--";
}

// What phones and Outlook add under a short reply: folded like a signature.
bool isDeviceFooter(QStringView t)
{
    return t.size() < 120
        && startsWithAny(t,
            { u"Sent from my ", u"Enviado desde mi ", u"Get Outlook for ", u"Obtener Outlook para ",
                u"Sent from Outlook", u"Enviado desde Outlook", u"Sent from Mail for Windows",
                u"Enviado desde Correo para Windows" });
}

QString joinTrimmed(const QStringList &lines, const std::vector<Kind> &kinds, qsizetype from,
    qsizetype to, std::initializer_list<Kind> wanted)
{
    QStringList out;
    for (qsizetype k = from; k < to; ++k) {
        bool take = false;
        for (Kind w : wanted)
            take = take || kinds[size_t(k)] == w;
        if (take)
            out.append(lines.at(k));
    }
    while (!out.isEmpty() && isBlank(out.first()))
        out.removeFirst();
    while (!out.isEmpty() && isBlank(out.last()))
        out.removeLast();
    for (QString &l : out) {
        qsizetype end = l.size();
        while (end > 0 && l.at(end - 1).isSpace())
            --end;
        l.truncate(end);
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace

FoldedText foldQuotes(const QString &plainText)
{
    QString text = plainText;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"))
        .replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = text.split(QLatin1Char('\n'));
    const qsizetype n = lines.size();
    std::vector<Kind> kinds(size_t(n), Kind::Blank);

    const auto markRest = [&](qsizetype from, Kind kind) {
        for (qsizetype k = from; k < n; ++k)
            kinds[size_t(k)] = isBlank(lines.at(k)) ? Kind::Blank : kind;
    };

    bool inSignature = false;
    qsizetype i = 0;
    while (i < n) {
        const QString &line = lines.at(i);
        const QStringView t = QStringView(line).trimmed();
        if (isForwardMarker(t)) {
            markRest(i, Kind::Text);
            break;
        }
        if (!isQuoteLine(line) && !t.isEmpty()) {
            if (isOriginalMessageSeparator(t) || isHeaderBlockAt(lines, i)) {
                markRest(i, Kind::Quote);
                break;
            }
            if (isUnderscoreRule(t)) {
                const qsizetype next = nextNonBlank(lines, i + 1);
                if (next < n && isHeaderBlockAt(lines, next)) {
                    markRest(i, Kind::Quote);
                    break;
                }
            }
            const Attribution a = attributionAt(lines, i);
            if (a.lines > 0) {
                const qsizetype next = nextNonBlank(lines, i + a.lines);
                if (next < n && isQuoteLine(lines.at(next))) {
                    for (int k = 0; k < a.lines; ++k)
                        kinds[size_t(i + k)] = Kind::Quote;
                    i += a.lines;
                    inSignature = false;
                    continue;
                }
                if (a.full) {
                    // The quoted mail follows unmarked (HTML turned into text without its
                    // blockquote): all of it is the earlier message.
                    markRest(i, Kind::Quote);
                    break;
                }
            }
        }
        if (isQuoteLine(line)) {
            kinds[size_t(i)] = Kind::Quote;
            inSignature = false;
        } else if (isSignatureSeparator(line)) {
            kinds[size_t(i)] = Kind::Signature;
            inSignature = true;
        } else if (t.isEmpty()) {
            kinds[size_t(i)] = inSignature ? Kind::Signature : Kind::Blank;
        } else {
            kinds[size_t(i)] = inSignature ? Kind::Signature : Kind::Text;
        }
        ++i;
    }

    qsizetype firstText = -1;
    qsizetype lastText = -1;
    for (qsizetype k = 0; k < n; ++k) {
        if (kinds[size_t(k)] == Kind::Text) {
            if (firstText < 0)
                firstText = k;
            lastText = k;
        }
    }
    if (lastText >= 0 && isDeviceFooter(QStringView(lines.at(lastText)).trimmed())
        && lastText > firstText) {
        kinds[size_t(lastText)] = Kind::Signature;
        do {
            --lastText;
        } while (lastText > firstText && kinds[size_t(lastText)] != Kind::Text);
    }

    FoldedText out;
    // The signature without its "-- " line.
    {
        QStringList sig;
        for (qsizetype k = 0; k < n; ++k) {
            if (kinds[size_t(k)] == Kind::Signature && !isSignatureSeparator(lines.at(k)))
                sig.append(lines.at(k));
        }
        std::vector<Kind> all(size_t(sig.size()), Kind::Text);
        out.signature = joinTrimmed(sig, all, 0, sig.size(), { Kind::Text });
    }
    if (firstText < 0) {
        out.quoted = joinTrimmed(lines, kinds, 0, n, { Kind::Quote, Kind::Blank });
        return out;
    }
    bool interleaved = false;
    for (qsizetype k = firstText; k < lastText && !interleaved; ++k)
        interleaved = kinds[size_t(k)] == Kind::Quote;
    if (interleaved) {
        // Answers typed between the quoted lines: the quotes are their context, so the
        // conversation up to the last answer is what the sender wrote.
        out.fresh
            = joinTrimmed(lines, kinds, 0, lastText + 1, { Kind::Text, Kind::Blank, Kind::Quote });
        out.quoted = joinTrimmed(lines, kinds, lastText + 1, n, { Kind::Quote, Kind::Blank });
        return out;
    }
    out.fresh = joinTrimmed(lines, kinds, firstText, lastText + 1, { Kind::Text, Kind::Blank });
    const QString before = joinTrimmed(lines, kinds, 0, firstText, { Kind::Quote, Kind::Blank });
    const QString after = joinTrimmed(lines, kinds, lastText + 1, n, { Kind::Quote, Kind::Blank });
    out.quoted = before.isEmpty() ? after
        : after.isEmpty()         ? before
                                  : before + QStringLiteral("\n\n") + after;
    return out;
}

} // namespace Atiende::Core::Mail

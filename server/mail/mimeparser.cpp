#include "mimeparser.h"

#include "gmimesupport.h"
#include "mimebounds.h"

#include "core/mail/messagetoken.h"

#include <QCryptographicHash>
#include <QSet>

namespace Atiende::Server::Mail {

namespace {

constexpr int kMaxSubjectChars = 998;
constexpr int kMaxReferences = 100;
constexpr int kMaxMessageIdChars = 998;
constexpr int kMaxAddressesPerField = 1000;
constexpr int kMaxBouncedRecipients = 100;
// HTML source read per character of text kept: markup is most of an HTML mail.
constexpr int kHtmlSourcePerTextChar = 4;

QString lower(const char *s)
{
    return Gmime::fromUtf8(s).toLower();
}

QString mediaTypeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QStringLiteral("application/octet-stream");
    return lower(g_mime_content_type_get_media_type(type)) + QLatin1Char('/')
        + lower(g_mime_content_type_get_media_subtype(type));
}

QByteArray contentTypeParameter(GMimeObject *object, const char *name)
{
    return QByteArray(g_mime_object_get_content_type_parameter(object, name));
}

QString normalisedNewlines(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text;
}

// RFC 3676: lines ending in a space continue on the next line (of the same quote depth).
QString unflow(const QString &text, bool delsp)
{
    QString out;
    QString paragraph;
    int paragraphDepth = -1;
    const auto flush = [&] {
        if (paragraphDepth < 0)
            return;
        if (paragraphDepth > 0)
            out += QString(paragraphDepth, QLatin1Char('>')) + QLatin1Char(' ');
        out += paragraph;
        out += QLatin1Char('\n');
        paragraph.clear();
        paragraphDepth = -1;
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        int depth = 0;
        while (depth < line.size() && line.at(depth) == QLatin1Char('>'))
            ++depth;
        QString content = line.mid(depth);
        if (content.startsWith(QLatin1Char(' ')))
            content.remove(0, 1); // space-stuffing
        const bool signature = content == QLatin1String("-- ");
        const bool soft = !signature && content.endsWith(QLatin1Char(' ')) && i + 1 < lines.size();
        if (paragraphDepth >= 0 && paragraphDepth != depth)
            flush();
        if (soft && delsp)
            content.chop(1);
        paragraph += content;
        paragraphDepth = depth;
        if (!soft)
            flush();
    }
    flush();
    out.chop(1); // the split gave one line more than there were line ends
    return out;
}

// A name for a part its sender did not name, from its type.
QString madeUpName(const QString &mediaType, int number)
{
    static const QList<QPair<QString, QString>> extensions {
        { QStringLiteral("image/png"), QStringLiteral("png") },
        { QStringLiteral("image/jpeg"), QStringLiteral("jpg") },
        { QStringLiteral("image/gif"), QStringLiteral("gif") },
        { QStringLiteral("image/webp"), QStringLiteral("webp") },
        { QStringLiteral("image/bmp"), QStringLiteral("bmp") },
        { QStringLiteral("application/pdf"), QStringLiteral("pdf") },
        { QStringLiteral("text/plain"), QStringLiteral("txt") },
        { QStringLiteral("text/html"), QStringLiteral("html") },
        { QStringLiteral("text/calendar"), QStringLiteral("ics") },
        { QStringLiteral("text/csv"), QStringLiteral("csv") },
        { QStringLiteral("text/rfc822-headers"), QStringLiteral("txt") },
        { QStringLiteral("message/delivery-status"), QStringLiteral("txt") },
        { QStringLiteral("message/global-delivery-status"), QStringLiteral("txt") },
        { QStringLiteral("message/disposition-notification"), QStringLiteral("txt") },
        { QStringLiteral("application/ms-tnef"), QStringLiteral("dat") },
    };
    QString stem;
    if (mediaType == QLatin1String("text/calendar"))
        stem = QStringLiteral("invite");
    else if (mediaType.endsWith(QLatin1String("delivery-status")))
        stem = QStringLiteral("delivery-status");
    else if (mediaType == QLatin1String("text/rfc822-headers"))
        stem = QStringLiteral("returned-headers");
    else if (mediaType == QLatin1String("application/ms-tnef"))
        stem = QStringLiteral("winmail");
    else if (mediaType.startsWith(QLatin1String("image/")))
        stem = QStringLiteral("image-%1").arg(number);
    else
        stem = QStringLiteral("part-%1").arg(number);
    for (const auto &[type, extension] : extensions) {
        if (type == mediaType)
            return stem + QLatin1Char('.') + extension;
    }
    return stem + QStringLiteral(".bin");
}

// Header values people see (subject, names): one line, no control characters.
QString oneLine(const QString &value, int maxChars)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            out += QLatin1Char(' ');
        else
            out += c;
    }
    out = out.simplified();
    if (out.size() > maxChars) {
        out.truncate(maxChars);
        if (out.at(out.size() - 1).isHighSurrogate())
            out.chop(1);
    }
    return out;
}

QString withoutBrackets(QString id)
{
    // Ids and addresses have no spaces or controls: a folded or damaged one loses them.
    id.removeIf([](QChar c) { return c.unicode() <= 0x20 || c.unicode() == 0x7F || c.isSpace(); });
    // "<<a@b>>" and "<a@b" too.
    while (id.startsWith(QLatin1Char('<')))
        id.remove(0, 1);
    while (id.endsWith(QLatin1Char('>')))
        id.chop(1);
    return id;
}

// "rfc822; ana@example.com" -> "ana@example.com".
QString recipientOf(const QString &field)
{
    const qsizetype semicolon = field.indexOf(QLatin1Char(';'));
    QString address = (semicolon < 0 ? field : field.mid(semicolon + 1)).trimmed();
    address = withoutBrackets(address).toLower();
    return address.size() > 320 ? QString() : address;
}

// Header-like fields, lines unfolded ("Name: value" per field), one map per paragraph: the
// shape of message/delivery-status and text/rfc822-headers.
QList<QList<QPair<QString, QString>>> fieldParagraphs(const QByteArray &bytes)
{
    QList<QList<QPair<QString, QString>>> paragraphs;
    QList<QPair<QString, QString>> current;
    const QString text
        = normalisedNewlines(Gmime::validUtf8(bytes).value_or(Gmime::fromWindows1252(bytes)));
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty()) {
            if (!current.isEmpty())
                paragraphs.append(current);
            current.clear();
            continue;
        }
        if ((line.at(0) == QLatin1Char(' ') || line.at(0) == QLatin1Char('\t'))
            && !current.isEmpty()) {
            current.last().second += QLatin1Char(' ') + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        current.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    if (!current.isEmpty())
        paragraphs.append(current);
    return paragraphs;
}

QString fieldValue(const QList<QPair<QString, QString>> &fields, const char *name)
{
    for (const auto &[n, v] : fields) {
        if (n == QLatin1String(name))
            return v;
    }
    return QString();
}

struct ParserWarnings
{
    bool truncated = false;
    bool emptyMultipart = false;
    bool nesting = false;
    bool noBoundary = false;
};

void onParserWarning(gint64, GMimeParserWarning code, const gchar *, gpointer data)
{
    auto *w = static_cast<ParserWarnings *>(data);
    switch (code) {
    case GMIME_WARN_TRUNCATED_MESSAGE:
        w->truncated = true;
        break;
    case GMIME_WARN_MALFORMED_MULTIPART:
        w->emptyMultipart = true;
        break;
    case GMIME_CRIT_NESTING_OVERFLOW:
        w->nesting = true;
        break;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        w->noBoundary = true;
        break;
    default:
        // Duplicated headers, 8-bit headers, bad encoded words...: everyday mail, read fine.
        break;
    }
}

// Where a part sits, as far as the walk cares.
struct Context
{
    bool deliveryReport = false; // inside multipart/report; report-type=delivery-status
    bool plainChosen = false; // inside the HTML alternative when a text/plain one exists
    QByteArray boundary; // of the multipart the part is in; empty at the top
};

class Reader
{
public:
    Reader(const QByteArray &raw, const QString &deskLoopId, const ParseLimits &limits)
        : m_raw(raw)
        , m_deskLoopId(deskLoopId)
        , m_limits(limits)
    {
    }

    InboundMail read()
    {
        Gmime::ensureInitialised();
        const bool headersOnly = m_raw.size() > m_limits.maxMessageBytes;
        MimeBounds bounds;
        bounds.maxDelimiters = std::max(m_limits.maxParts, 1) * 2;
        bounds.maxHeaderLines = std::max(m_limits.maxHeaderLines, 1);
        bounds.maxFieldBytes
            = std::max(m_limits.maxHeaderChars, 1) * 4; // UTF-8 at most 4 bytes a character
        const BoundedInput bounded = boundedInput(headersOnly ? headerBlock() : m_raw, bounds);
        const QByteArray &input = bounded.bytes;
        m_input = &input;
        if (bounded.partsCut) {
            note(QStringLiteral("the message has more than %1 parts: the rest were not read")
                     .arg(m_limits.maxParts));
        }
        if (bounded.headersCut) {
            note(QStringLiteral(
                "the message has more than %1 header lines: the rest of it was not read")
                     .arg(m_limits.maxHeaderLines));
        }
        if (bounded.fieldsShortened) {
            note(QStringLiteral("header fields longer than %1 bytes were cut")
                     .arg(bounds.maxFieldBytes));
        }

        ParserWarnings warnings;
        GMimeParserOptions *options = g_mime_parser_options_new();
        m_options = options;
        const char *fallback[] = { "UTF-8", "windows-1252", nullptr };
        g_mime_parser_options_set_fallback_charsets(options, fallback);
        g_mime_parser_options_set_warning_callback(options, onParserWarning, &warnings);
        // Addresses like "root" (cron mail) and "MAILER-DAEMON" are real senders.
        g_mime_parser_options_set_allow_addresses_without_domain(options, TRUE);

        Gmime::Ref<GMimeStream> stream(
            g_mime_stream_mem_new_with_buffer(input.constData(), size_t(input.size())));
        Gmime::Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
        g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
        Gmime::Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options));

        if (headersOnly) {
            note(QStringLiteral(
                "the message is %1 bytes, over the limit of %2: only its headers were read")
                     .arg(m_raw.size())
                     .arg(m_limits.maxMessageBytes));
        }
        if (!message) {
            m_mail.contentType = QStringLiteral("text/plain");
            note(QStringLiteral("the message could not be read as an e-mail"));
        } else {
            readHeaders(message.get());
            if (!headersOnly) {
                if (GMimeObject *body = g_mime_message_get_mime_part(message.get()))
                    walk(body, 0, Context {});
                finishBody();
            }
        }
        // A header block on its own always "ends early": say only what the body would have.
        if (headersOnly)
            warnings = ParserWarnings {};
        if (bounded.partsCut || bounded.headersCut)
            warnings.truncated = false; // we cut it
        if (warnings.truncated)
            note(QStringLiteral(
                "the message ends before its last part was closed: it may have been cut short"));
        if (warnings.nesting)
            note(QStringLiteral("parts nested too deeply were not read"));
        if (warnings.noBoundary)
            note(QStringLiteral("a multipart part has no boundary and was read as one piece"));
        if (warnings.emptyMultipart && !warnings.truncated)
            note(QStringLiteral("a multipart part has no parts"));

        // Made up last, from the whole message, when it has none.
        if (m_mail.messageId.isEmpty()) {
            m_mail.messageId = QStringLiteral("sha256.")
                + QString::fromLatin1(
                    QCryptographicHash::hash(m_raw, QCryptographicHash::Sha256).toHex())
                + QStringLiteral("@atiende.invalid");
        }
        m_mail.automatic = Core::Mail::classify(
            m_mail.headers, m_mail.contentType, m_mail.from.address, m_deskLoopId);
        // parser, stream and message go before the options they were made with.
        message.reset();
        parser.reset();
        stream.reset();
        m_options = nullptr;
        m_input = nullptr;
        g_mime_parser_options_free(options);
        return m_mail;
    }

private:
    QByteArray headerBlock() const
    {
        qsizetype end = m_raw.indexOf("\n\n");
        const qsizetype crlf = m_raw.indexOf("\r\n\r\n");
        if (crlf >= 0 && (end < 0 || crlf < end))
            end = crlf + 2;
        if (end < 0 || end > m_limits.maxMessageBytes)
            end = std::min<qsizetype>(m_raw.size(), m_limits.maxMessageBytes);
        return m_raw.left(end) + "\n\n";
    }

    void note(const QString &problem)
    {
        if (!m_mail.problems.contains(problem))
            m_mail.problems.append(problem);
    }

    QString headerValue(QString value, const QString &name)
    {
        if (value.size() > m_limits.maxHeaderChars) {
            value.truncate(m_limits.maxHeaderChars);
            note(QStringLiteral("the %1 header was longer than %2 characters and was cut")
                     .arg(oneLine(name, 80))
                     .arg(m_limits.maxHeaderChars));
        }
        return value;
    }

    // A header's value unfolded and decoded (encoded words, 8-bit text), B words repaired.
    QString decodedValue(GMimeHeader *header) const
    {
        const QByteArray raw(g_mime_header_get_raw_value(header));
        if (!Gmime::hasBEncodedWord(raw))
            return Gmime::fromUtf8(g_mime_header_get_value(header));
        const Gmime::String unfolded(
            g_mime_utils_header_unfold(Gmime::withQEncodedWords(raw).constData()));
        const Gmime::String decoded(g_mime_utils_header_decode_text(m_options, unfolded.get()));
        return Gmime::fromUtf8(decoded.get());
    }

    // The raw values of every header of that name in the list, joined as one address list.
    static QByteArray rawValues(GMimeHeaderList *list, const char *name)
    {
        QByteArray joined;
        const int count = g_mime_header_list_get_count(list);
        for (int i = 0; i < count; ++i) {
            GMimeHeader *header = g_mime_header_list_get_header_at(list, i);
            if (g_ascii_strcasecmp(g_mime_header_get_name(header), name) != 0)
                continue;
            if (!joined.isEmpty())
                joined += ',';
            joined += g_mime_header_get_raw_value(header);
        }
        return joined;
    }

    static GMimeHeader *firstHeader(GMimeObject *object, const char *name)
    {
        return g_mime_header_list_get_header(g_mime_object_get_header_list(object), name);
    }

    // A part's file name: Content-Disposition's filename, else Content-Type's name (RFC 2231
    // and encoded words decoded), read again from the raw header when GMime would misread it.
    QString fileNameOf(GMimeObject *object) const
    {
        GMimeHeader *disposition = firstHeader(object, "Content-Disposition");
        GMimeHeader *type = firstHeader(object, "Content-Type");
        const bool repair
            = (disposition && Gmime::hasBEncodedWord(g_mime_header_get_raw_value(disposition)))
            || (type && Gmime::hasBEncodedWord(g_mime_header_get_raw_value(type)));
        if (!repair) {
            const char *name = g_mime_object_get_content_disposition_parameter(object, "filename");
            if (!name || !*name)
                name = g_mime_object_get_content_type_parameter(object, "name");
            return Gmime::fromUtf8(name);
        }
        if (disposition) {
            Gmime::Ref<GMimeContentDisposition> parsed(g_mime_content_disposition_parse(m_options,
                Gmime::withQEncodedWords(g_mime_header_get_raw_value(disposition)).constData()));
            const char *name = parsed
                ? g_mime_content_disposition_get_parameter(parsed.get(), "filename")
                : nullptr;
            if (name && *name)
                return Gmime::fromUtf8(name);
        }
        if (type) {
            Gmime::Ref<GMimeContentType> parsed(g_mime_content_type_parse(m_options,
                Gmime::withQEncodedWords(g_mime_header_get_raw_value(type)).constData()));
            const char *name
                = parsed ? g_mime_content_type_get_parameter(parsed.get(), "name") : nullptr;
            return Gmime::fromUtf8(name);
        }
        return QString();
    }

    void readHeaders(GMimeMessage *message)
    {
        GMimeObject *object = GMIME_OBJECT(message);
        GMimeHeaderList *list = g_mime_object_get_header_list(object);
        const int count = g_mime_header_list_get_count(list);
        bool haveReturnPath = false;
        bool haveSubject = false;
        for (int i = 0; i < count; ++i) {
            GMimeHeader *header = g_mime_header_list_get_header_at(list, i);
            const QString name = Gmime::fromUtf8(g_mime_header_get_name(header));
            const QString value = headerValue(decodedValue(header).trimmed(), name);
            m_mail.headers.append({ name, value });
            if (name.compare(QLatin1String("Subject"), Qt::CaseInsensitive) == 0 && !haveSubject) {
                haveSubject = true;
                m_mail.subject = oneLine(value, kMaxSubjectChars);
            } else if (name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
                if (m_mail.contentType.isEmpty())
                    m_mail.contentType = oneLine(value, m_limits.maxHeaderChars);
            } else if (name.compare(QLatin1String("Return-Path"), Qt::CaseInsensitive) == 0
                && !haveReturnPath) {
                haveReturnPath = true;
                QString v = value;
                v.remove(QLatin1Char(' ')).remove(QLatin1Char('\t'));
                m_mail.returnPath
                    = v == QLatin1String("<>") ? v : oneLine(withoutBrackets(v), 320).toLower();
            }
        }
        if (m_mail.contentType.isEmpty())
            m_mail.contentType = QStringLiteral("text/plain");
        // From the raw values: the nearest ancestors are at the end of a long References,
        // where the copy kept in `headers` may have been cut.
        m_mail.inReplyTo = Core::Mail::parseMessageIds(
            QString::fromUtf8(rawValues(list, "In-Reply-To").replace(',', ' ')), kMaxReferences);
        m_mail.references = Core::Mail::parseMessageIds(
            QString::fromUtf8(rawValues(list, "References").replace(',', ' ')), kMaxReferences);

        QString id = withoutBrackets(Gmime::fromUtf8(g_mime_message_get_message_id(message)));
        m_mail.messageId
            = id.size() > kMaxMessageIdChars ? QString() : oneLine(id, kMaxMessageIdChars);

        QList<Address> from = addresses(message, GMIME_ADDRESS_TYPE_FROM, "From");
        if (from.isEmpty())
            from = addresses(message, GMIME_ADDRESS_TYPE_SENDER, "Sender");
        if (!from.isEmpty())
            m_mail.from = from.first();
        const QList<Address> replyTo = addresses(message, GMIME_ADDRESS_TYPE_REPLY_TO, "Reply-To");
        if (!replyTo.isEmpty())
            m_mail.replyTo = replyTo.first();
        m_mail.to = addresses(message, GMIME_ADDRESS_TYPE_TO, "To");
        m_mail.cc = addresses(message, GMIME_ADDRESS_TYPE_CC, "Cc");

        if (GDateTime *date = g_mime_message_get_date(message))
            m_mail.date = qint64(g_date_time_to_unix(date)) * 1000
                + g_date_time_get_microsecond(date) / 1000;
    }

    // Every header of that name as one address list: GMime's own, unless a name in it has
    // B encoded words, which GMime's list would have misread; then parsed again repaired.
    QList<Address> addresses(GMimeMessage *message, GMimeAddressType type, const char *field)
    {
        QList<Address> out;
        const QByteArray raw
            = rawValues(g_mime_object_get_header_list(GMIME_OBJECT(message)), field);
        if (raw.isEmpty())
            return out;
        if (!Gmime::hasBEncodedWord(raw)) {
            if (InternetAddressList *list = g_mime_message_get_addresses(message, type))
                collect(list, out, 0, QString::fromLatin1(field));
            return out;
        }
        const Gmime::String unfolded(
            g_mime_utils_header_unfold(Gmime::withQEncodedWords(raw).constData()));
        Gmime::Ref<InternetAddressList> list(
            internet_address_list_parse(m_options, unfolded.get()));
        if (list)
            collect(list.get(), out, 0, QString::fromLatin1(field));
        return out;
    }

    void collect(InternetAddressList *list, QList<Address> &out, int depth, const QString &field)
    {
        const int n = internet_address_list_length(list);
        for (int i = 0; i < n; ++i) {
            InternetAddress *ia = internet_address_list_get_address(list, i);
            if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
                const QString address = oneLine(Gmime::fromUtf8(internet_address_mailbox_get_addr(
                                                    INTERNET_ADDRESS_MAILBOX(ia))),
                    320)
                                            .toLower();
                if (address.isEmpty())
                    continue;
                if (out.size() >= kMaxAddressesPerField) {
                    note(QStringLiteral(
                        "the %1 header has more than %2 addresses: the rest were left out")
                             .arg(field)
                             .arg(kMaxAddressesPerField));
                    return;
                }
                out.append(Address {
                    oneLine(Gmime::fromUtf8(internet_address_get_name(ia)), 320), address });
            } else if (INTERNET_ADDRESS_IS_GROUP(ia) && depth < 4) {
                // "Undisclosed recipients:;", "Team: ana@x, luis@y;"
                collect(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out,
                    depth + 1, field);
            }
        }
    }

    void walk(GMimeObject *object, int depth, Context context)
    {
        if (++m_parts > m_limits.maxParts) {
            note(QStringLiteral("the message has more than %1 parts: the rest were not read")
                     .arg(m_limits.maxParts));
            return;
        }
        if (depth > m_limits.maxDepth) {
            note(QStringLiteral("parts nested more than %1 deep were not read")
                     .arg(m_limits.maxDepth));
            return;
        }
        if (GMIME_IS_MULTIPART(object)) {
            GMimeMultipart *multipart = GMIME_MULTIPART(object);
            context.boundary = QByteArray(g_mime_multipart_get_boundary(multipart));
            const int count = g_mime_multipart_get_count(multipart);
            const QString type = mediaTypeOf(object);
            if (type == QLatin1String("multipart/alternative")) {
                alternative(multipart, depth, context);
                return;
            }
            if (type == QLatin1String("multipart/signed")) {
                // The signed content; the signature is not something a person reads.
                if (count > 0)
                    walk(g_mime_multipart_get_part(multipart, 0), depth + 1, context);
                return;
            }
            if (type == QLatin1String("multipart/encrypted"))
                note(QStringLiteral("the message is encrypted: its content is kept as files"));
            if (type == QLatin1String("multipart/report")) {
                const QByteArray report = contentTypeParameter(object, "report-type").toLower();
                context.deliveryReport
                    = report == "delivery-status" || report == "global-delivery-status";
            }
            for (int i = 0; i < count; ++i)
                walk(g_mime_multipart_get_part(multipart, i), depth + 1, context);
            return;
        }
        if (GMIME_IS_MESSAGE_PART(object)) {
            attachedMessage(GMIME_MESSAGE_PART(object), context);
            return;
        }
        if (GMIME_IS_PART(object))
            leaf(GMIME_PART(object), context);
    }

    static bool isAttachment(GMimeObject *object)
    {
        if (!GMIME_IS_PART(object))
            return false;
        const QString disposition = lower(g_mime_object_get_disposition(object));
        return disposition == QLatin1String("attachment")
            || g_mime_part_get_filename(GMIME_PART(object)) != nullptr;
    }

    // One rendering of the text: the plain one for `text`, the richest for `html`, and an
    // Outlook meeting's text/calendar kept as a file.
    void alternative(GMimeMultipart *multipart, int depth, Context context)
    {
        const int count = g_mime_multipart_get_count(multipart);
        GMimeObject *plain = nullptr;
        GMimeObject *rich = nullptr;
        for (int i = 0; i < count; ++i) {
            GMimeObject *child = g_mime_multipart_get_part(multipart, i);
            if (GMIME_IS_MULTIPART(child)) {
                rich = child;
            } else if (GMIME_IS_PART(child) && !isAttachment(child)) {
                const QString type = mediaTypeOf(child);
                if (type == QLatin1String("text/plain") && !plain)
                    plain = child;
                else if (type == QLatin1String("text/html"))
                    rich = child;
            }
        }
        if (!plain && !rich) {
            for (int i = 0; i < count; ++i)
                walk(g_mime_multipart_get_part(multipart, i), depth + 1, context);
            return;
        }
        for (int i = 0; i < count; ++i) {
            GMimeObject *child = g_mime_multipart_get_part(multipart, i);
            if (child == plain) {
                walk(child, depth + 1, context);
            } else if (child == rich) {
                Context inner = context;
                inner.plainChosen = plain != nullptr;
                walk(child, depth + 1, inner);
            } else if (GMIME_IS_PART(child)
                && mediaTypeOf(child) == QLatin1String("text/calendar")) {
                walk(child, depth + 1, context);
            }
        }
    }

    void leaf(GMimePart *part, Context context)
    {
        GMimeObject *object = GMIME_OBJECT(part);
        const int number = ++m_leaves;
        const QString type = mediaTypeOf(object);
        const QString disposition = lower(g_mime_object_get_disposition(object));
        const QString name = oneLine(fileNameOf(object), 1000);
        const bool text = type == QLatin1String("text/plain") || type == QLatin1String("text/html");
        if (text && name.isEmpty() && disposition != QLatin1String("attachment")) {
            body(part, type, number, context);
            return;
        }
        const QByteArray bytes = Gmime::decodedContent(part);
        if (context.deliveryReport) {
            if (type.endsWith(QLatin1String("/delivery-status")))
                deliveryStatus(bytes);
            else if (type == QLatin1String("text/rfc822-headers"))
                returnedHeaders(bytes);
        }
        InboundFile file;
        file.name = name.isEmpty() ? madeUpName(type, number) : name;
        file.mediaType = type;
        file.bytes = bytes;
        file.contentId = withoutBrackets(Gmime::fromUtf8(g_mime_object_get_content_id(object)));
        file.inlinePart
            = disposition == QLatin1String("inline") && type.startsWith(QLatin1String("image/"));
        m_mail.files.append(file);
    }

    void body(GMimePart *part, const QString &type, int number, Context context)
    {
        GMimeObject *object = GMIME_OBJECT(part);
        if (type == QLatin1String("text/plain") && context.plainChosen)
            return; // a plain part inside the HTML rendering: the plain rendering is already read
        const Gmime::Decoded decoded = Gmime::decodeText(
            Gmime::decodedContent(part), contentTypeParameter(object, "charset"));
        if (!decoded.problem.isEmpty())
            note(QStringLiteral("part %1: %2").arg(number).arg(decoded.problem));
        QString text = decoded.text;
        text.remove(QChar(0)); // nobody types a NUL; it only breaks what stores the text
        if (type == QLatin1String("text/html")) {
            m_html.append(text);
            return;
        }
        text = normalisedNewlines(text);
        if (contentTypeParameter(object, "format").toLower() == "flowed")
            text = unflow(text, contentTypeParameter(object, "delsp").toLower() == "yes");
        m_plain.append(text);
    }

    // A forwarded message (or the one a bounce returns): one .eml file, never walked into.
    void attachedMessage(GMimeMessagePart *part, Context context)
    {
        GMimeMessage *inner = g_mime_message_part_get_message(part);
        const int number = ++m_leaves;
        InboundFile file;
        file.mediaType = mediaTypeOf(GMIME_OBJECT(part));
        if (inner) {
            file.bytes = rawMessage(inner, context.boundary);
            if (file.bytes.isEmpty()) {
                // Where it starts is unknown (no headers): GMime writes it out again.
                Gmime::Ref<GMimeStream> out(g_mime_stream_mem_new());
                g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, out.get());
                file.bytes = Gmime::bytesOf(out.get());
            }
            if (context.deliveryReport && m_mail.bouncedMessageId.isEmpty()) {
                m_mail.bouncedMessageId
                    = withoutBrackets(Gmime::fromUtf8(g_mime_message_get_message_id(inner)))
                          .left(kMaxMessageIdChars);
            }
        }
        QString stem;
        if (inner) {
            if (GMimeHeader *subject = firstHeader(GMIME_OBJECT(inner), "Subject"))
                stem = oneLine(decodedValue(subject), 200);
        }
        if (stem.isEmpty()) {
            stem = oneLine(fileNameOf(GMIME_OBJECT(part)), 200);
            if (stem.endsWith(QLatin1String(".eml"), Qt::CaseInsensitive))
                stem.chop(4);
        }
        if (stem.isEmpty())
            stem = QStringLiteral("message-%1").arg(number);
        file.name = stem + QStringLiteral(".eml");
        file.contentId
            = withoutBrackets(Gmime::fromUtf8(g_mime_object_get_content_id(GMIME_OBJECT(part))));
        m_mail.files.append(file);
    }

    // The attached message's bytes as they arrived (CRLF, folding, signatures intact): from
    // its first header to the delimiter that closes its part (the line end before a
    // delimiter belongs to the delimiter), or to the end of the message.
    QByteArray rawMessage(GMimeMessage *inner, const QByteArray &boundary) const
    {
        GMimeHeaderList *headers = g_mime_object_get_header_list(GMIME_OBJECT(inner));
        if (!m_input || g_mime_header_list_get_count(headers) == 0)
            return QByteArray();
        const QByteArray &input = *m_input;
        const gint64 start = g_mime_header_get_offset(g_mime_header_list_get_header_at(headers, 0));
        if (start < 0 || start >= input.size())
            return QByteArray();
        qsizetype end = input.size();
        if (!boundary.isEmpty()) {
            const QByteArray delimiter = "\n--" + boundary;
            qsizetype at = qsizetype(start);
            while ((at = input.indexOf(delimiter, at)) >= 0) {
                const qsizetype after = at + delimiter.size();
                if (after >= input.size() || input.at(after) == '\r' || input.at(after) == '\n'
                    || input.at(after) == ' ' || input.at(after) == '\t'
                    || input.at(after) == '-') {
                    end = at;
                    if (end > start && input.at(end - 1) == '\r')
                        --end;
                    break;
                }
                at = after;
            }
        }
        return input.mid(qsizetype(start), end - qsizetype(start));
    }

    // RFC 3464: a paragraph per recipient; those with "Action: failed" bounced.
    void deliveryStatus(const QByteArray &bytes)
    {
        const auto paragraphs = fieldParagraphs(bytes);
        for (const auto &fields : paragraphs) {
            const QString action
                = fieldValue(fields, "action").section(QLatin1Char(' '), 0, 0).toLower();
            if (action != QLatin1String("failed"))
                continue;
            QString recipient = recipientOf(fieldValue(fields, "final-recipient"));
            if (recipient.isEmpty())
                recipient = recipientOf(fieldValue(fields, "original-recipient"));
            if (!recipient.isEmpty() && !m_mail.bouncedRecipients.contains(recipient)
                && m_mail.bouncedRecipients.size() < kMaxBouncedRecipients)
                m_mail.bouncedRecipients.append(recipient);
        }
    }

    void returnedHeaders(const QByteArray &bytes)
    {
        if (!m_mail.bouncedMessageId.isEmpty())
            return;
        const auto paragraphs = fieldParagraphs(bytes);
        if (paragraphs.isEmpty())
            return;
        const QStringList ids
            = Core::Mail::parseMessageIds(fieldValue(paragraphs.first(), "message-id"), 1);
        if (!ids.isEmpty())
            m_mail.bouncedMessageId = ids.first();
    }

    void finishBody()
    {
        QString html = m_html.join(QLatin1Char('\n'));
        const qsizetype maxHtml = qsizetype(m_limits.maxTextChars) * kHtmlSourcePerTextChar;
        if (html.size() > maxHtml) {
            html.truncate(maxHtml);
            note(QStringLiteral("the HTML text is longer than %1 characters and was cut")
                     .arg(maxHtml));
        }
        QString text = m_plain.join(QStringLiteral("\n\n"));
        if (text.trimmed().isEmpty() && !html.isEmpty())
            text = htmlToText(html);
        if (!html.isEmpty())
            m_mail.html = sanitiseHtml(html);
        if (text.size() > m_limits.maxTextChars) {
            text.truncate(m_limits.maxTextChars);
            if (!text.isEmpty() && text.at(text.size() - 1).isHighSurrogate())
                text.chop(1);
            note(QStringLiteral("the text is longer than %1 characters and was cut")
                     .arg(m_limits.maxTextChars));
        }
        m_mail.text = text;
        // Images the HTML shows are part of the body, whatever their disposition says.
        const QSet<QString> shown = contentIdsShownBy(html);
        for (InboundFile &file : m_mail.files) {
            if (!file.contentId.isEmpty() && shown.contains(file.contentId.toLower()))
                file.inlinePart = true;
        }
    }

    // Every "cid:..." the HTML refers to, lower-cased: one pass, whatever the number of parts.
    static QSet<QString> contentIdsShownBy(const QString &html)
    {
        QSet<QString> ids;
        qsizetype i = 0;
        while ((i = html.indexOf(QLatin1String("cid:"), i, Qt::CaseInsensitive)) >= 0) {
            i += 4;
            qsizetype end = i;
            while (end < html.size() && end - i < 1000) {
                const QChar c = html.at(end);
                if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('>')
                    || c == QLatin1Char(')') || c.isSpace())
                    break;
                ++end;
            }
            if (end > i)
                ids.insert(html.mid(i, end - i).toLower());
            i = end;
        }
        return ids;
    }

    const QByteArray &m_raw;
    const QString m_deskLoopId;
    const ParseLimits m_limits;
    GMimeParserOptions *m_options = nullptr; // while read() runs
    const QByteArray *m_input = nullptr; // what GMime parses, while read() runs
    InboundMail m_mail;
    QStringList m_plain;
    QStringList m_html;
    int m_parts = 0;
    int m_leaves = 0;
};

} // namespace

InboundMail MimeParser::parse(
    const QByteArray &raw, const QString &deskLoopId, const ParseLimits &limits)
{
    return Reader(raw, deskLoopId, limits).read();
}

} // namespace Atiende::Server::Mail

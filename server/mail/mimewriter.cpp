#include "mimewriter.h"

#include "gmimesupport.h"
#include "mimeparser.h"

namespace Atiende::Server::Mail {

namespace {

constexpr int kMaxReferencesWritten = 20;

// Header values are one line: a line end in a subject or a name would start a header of its
// own.
QByteArray headerText(const QString &s)
{
    QString out = s;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            c = QLatin1Char(' ');
    }
    return out.simplified().toUtf8();
}

QString bare(QString id)
{
    id = id.trimmed();
    if (id.startsWith(QLatin1Char('<')))
        id.remove(0, 1);
    if (id.endsWith(QLatin1Char('>')))
        id.chop(1);
    id.remove(QLatin1Char(' '))
        .remove(QLatin1Char('\t'))
        .remove(QLatin1Char('\r'))
        .remove(QLatin1Char('\n'));
    return id;
}

QByteArray idList(const QStringList &ids)
{
    QByteArray value;
    for (const QString &id : ids) {
        const QString b = bare(id);
        if (b.isEmpty())
            continue;
        if (!value.isEmpty())
            value += ' ';
        value += '<' + b.toUtf8() + '>';
    }
    return value;
}

void addMailbox(GMimeMessage *message, GMimeAddressType type, const Address &a)
{
    if (a.address.trimmed().isEmpty())
        return;
    // Names are encoded as UTF-8 like everything else we write (GMime would pick Latin-1
    // where it can).
    InternetAddress *mailbox = internet_address_mailbox_new(
        headerText(a.name).constData(), headerText(a.address).constData());
    internet_address_set_charset(mailbox, "utf-8");
    internet_address_list_add(g_mime_message_get_addresses(message, type), mailbox);
    g_object_unref(mailbox);
}

// A text part in UTF-8 with the transfer encoding its content needs (7bit, quoted-printable
// for mostly-ASCII text, base64 otherwise), lines ending in CRLF, the last one too.
GMimeObject *textPart(const char *subtype, const QString &text)
{
    QString normalised = text;
    normalised.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    normalised.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    // Text on the wire ends with a line end, whether or not the last line had one here.
    if (!normalised.isEmpty() && !normalised.endsWith(QLatin1Char('\n')))
        normalised += QLatin1Char('\n');
    const QByteArray bytes = normalised.toUtf8();
    GMimeTextPart *part = g_mime_text_part_new_with_subtype(subtype);
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
    Gmime::Ref<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_stream_write(stream.get(), bytes.constData(), size_t(bytes.size()));
    g_mime_stream_reset(stream.get());
    Gmime::Ref<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(part), content.get());
    g_mime_part_set_content_encoding(GMIME_PART(part),
        g_mime_part_get_best_content_encoding(GMIME_PART(part), GMIME_ENCODING_CONSTRAINT_7BIT));
    return GMIME_OBJECT(part);
}

GMimeObject *filePart(const OutgoingFile &file)
{
    QString type = file.mediaType.trimmed().toLower();
    const qsizetype slash = type.indexOf(QLatin1Char('/'));
    QByteArray media = "application";
    QByteArray sub = "octet-stream";
    // A file is opaque bytes: one that says it is a multipart would be read as parts.
    if (slash > 0 && slash < type.size() - 1 && !type.startsWith(QLatin1String("multipart/"))) {
        media = headerText(type.left(slash));
        sub = headerText(type.mid(slash + 1));
    }
    GMimePart *part = g_mime_part_new_with_type(media.constData(), sub.constData());
    g_mime_object_set_disposition(GMIME_OBJECT(part), "attachment");
    const QByteArray name = headerText(file.name);
    if (!name.isEmpty()) {
        g_mime_part_set_filename(part, name.constData());
        // RFC 2231 in UTF-8, not whichever legacy charset GMime finds the name fits.
        GMimeObject *object = GMIME_OBJECT(part);
        if (GMimeContentDisposition *d = g_mime_object_get_content_disposition(object)) {
            if (GMimeParam *p = g_mime_param_list_get_parameter(
                    g_mime_content_disposition_get_parameters(d), "filename"))
                g_mime_param_set_charset(p, "utf-8");
        }
        if (GMimeParam *p = g_mime_param_list_get_parameter(
                g_mime_content_type_get_parameters(g_mime_object_get_content_type(object)), "name"))
            g_mime_param_set_charset(p, "utf-8");
    }
    Gmime::Ref<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_stream_write(stream.get(), file.bytes.constData(), size_t(file.bytes.size()));
    g_mime_stream_reset(stream.get());
    Gmime::Ref<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part, content.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    return GMIME_OBJECT(part);
}

} // namespace

QByteArray MimeWriter::write(const OutgoingMail &mail)
{
    Gmime::ensureInitialised();
    Gmime::Ref<GMimeMessage> message(g_mime_message_new(TRUE));
    GMimeObject *object = GMIME_OBJECT(message.get());

    if (mail.date != 0) {
        GDateTime *date = g_date_time_new_from_unix_utc(mail.date / 1000);
        if (date) {
            g_mime_message_set_date(message.get(), date);
            g_date_time_unref(date);
        }
    }
    addMailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, mail.from);
    for (const Address &a : mail.to)
        addMailbox(message.get(), GMIME_ADDRESS_TYPE_TO, a);
    for (const Address &a : mail.cc)
        addMailbox(message.get(), GMIME_ADDRESS_TYPE_CC, a);
    addMailbox(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO, mail.replyTo);
    g_mime_message_set_subject(message.get(), headerText(mail.subject).constData(), "utf-8");
    const QString id = bare(mail.messageId);
    if (!id.isEmpty())
        g_mime_message_set_message_id(message.get(), id.toUtf8().constData());
    const QByteArray inReplyTo = idList(mail.inReplyTo);
    if (!inReplyTo.isEmpty())
        g_mime_object_set_header(object, "In-Reply-To", inReplyTo.constData(), nullptr);
    const QStringList references = mail.references.size() > kMaxReferencesWritten
        ? mail.references.mid(mail.references.size() - kMaxReferencesWritten)
        : mail.references;
    const QByteArray referencesValue = idList(references);
    if (!referencesValue.isEmpty())
        g_mime_object_set_header(object, "References", referencesValue.constData(), nullptr);
    for (const auto &[name, value] : mail.headers) {
        const QByteArray n = headerText(name);
        if (n.isEmpty() || n.contains(':') || n.contains(' '))
            continue;
        g_mime_object_append_header(object, n.constData(), headerText(value).constData(), "utf-8");
    }

    // The body: text, text and HTML as alternatives, then the files around it.
    const QString text
        = mail.text.isEmpty() && !mail.html.isEmpty() ? htmlToText(mail.html) : mail.text;
    Gmime::Ref<GMimeObject> body(textPart("plain", text));
    if (!mail.html.isEmpty()) {
        GMimeMultipart *alternative = g_mime_multipart_new_with_subtype("alternative");
        g_mime_multipart_add(alternative, body.get());
        Gmime::Ref<GMimeObject> html(textPart("html", mail.html));
        g_mime_multipart_add(alternative, html.get());
        body.reset(GMIME_OBJECT(alternative));
    }
    if (!mail.files.isEmpty()) {
        GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
        g_mime_multipart_add(mixed, body.get());
        for (const OutgoingFile &file : mail.files) {
            Gmime::Ref<GMimeObject> part(filePart(file));
            g_mime_multipart_add(mixed, part.get());
        }
        body.reset(GMIME_OBJECT(mixed));
    }
    g_mime_message_set_mime_part(message.get(), body.get());

    GMimeFormatOptions *format = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS);
    g_mime_format_options_set_param_encoding_method(format, GMIME_PARAM_ENCODING_METHOD_RFC2231);
    Gmime::Ref<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(object, format, out.get());
    g_mime_format_options_free(format);
    return Gmime::bytesOf(out.get());
}

} // namespace Atiende::Server::Mail

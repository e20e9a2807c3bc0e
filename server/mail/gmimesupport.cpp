#include "gmimesupport.h"

#include <QStringDecoder>

#include <array>
#include <cerrno>
#include <mutex>

namespace Atiende::Server::Mail::Gmime {

void ensureInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

QByteArray bytesOf(GMimeStream *memoryStream)
{
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memoryStream));
    if (!array || array->len == 0)
        return QByteArray();
    return QByteArray(reinterpret_cast<const char *>(array->data), qsizetype(array->len));
}

QByteArray decodedContent(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return QByteArray();
    Ref<GMimeStream> out(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, out.get()) < 0)
        return QByteArray();
    return bytesOf(out.get());
}

namespace {

// The 32 code points Windows-1252 puts at 0x80-0x9F (ISO-8859-1 has C1 controls there);
// the five undefined ones are read as their Latin-1 controls, as browsers do.
constexpr std::array<char16_t, 32> kWindows1252High { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E,
    0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090,
    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153,
    0x009D, 0x017E, 0x0178 };

bool isAscii(const QByteArray &bytes)
{
    for (char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// iconv over the whole input; a byte that cannot be read becomes U+FFFD and the rest is still
// read. Returns false when the charset is unknown to iconv.
bool convertWithIconv(const QByteArray &bytes, const char *charset, QString *out, bool *lossy)
{
    iconv_t cd = g_mime_iconv_open("UTF-8", charset);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    QByteArray utf8;
    utf8.reserve(bytes.size() * 2 + 16);
    char buffer[4096];
    char *in = const_cast<char *>(bytes.constData());
    size_t inLeft = size_t(bytes.size());
    while (inLeft > 0) {
        char *outPtr = buffer;
        size_t outLeft = sizeof buffer;
        const size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        utf8.append(buffer, qsizetype(outPtr - buffer));
        if (rc != size_t(-1))
            break;
        if (errno == E2BIG)
            continue;
        // EILSEQ (a byte the charset does not have) or EINVAL (cut in the middle of a
        // character at the end): one replacement character, then on.
        *lossy = true;
        utf8.append("\xEF\xBF\xBD");
        ++in;
        --inLeft;
    }
    // Shift states (ISO-2022-JP) end with a reset sequence.
    char *outPtr = buffer;
    size_t outLeft = sizeof buffer;
    iconv(cd, nullptr, nullptr, &outPtr, &outLeft);
    utf8.append(buffer, qsizetype(outPtr - buffer));
    g_mime_iconv_close(cd);
    *out = QString::fromUtf8(utf8);
    return true;
}

// A charset label as a problem note may quote it: a hostile one is not text.
QString printable(const QByteArray &label)
{
    QString out;
    for (char c : label.left(64))
        out += (c >= 0x21 && c <= 0x7E) ? QLatin1Char(c) : QLatin1Char('?');
    return out.isEmpty() ? QStringLiteral("US-ASCII") : out;
}

} // namespace

bool hasBEncodedWord(const QByteArray &headerValue)
{
    return headerValue.contains("?B?") || headerValue.contains("?b?");
}

QByteArray withQEncodedWords(const QByteArray &v)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(v.size() + v.size() / 2);
    qsizetype i = 0;
    while (i < v.size()) {
        const qsizetype start = v.indexOf("=?", i);
        if (start < 0)
            break;
        // =?charset?B?payload?=  (charset may carry an RFC 2231 "*language")
        const qsizetype q1 = v.indexOf('?', start + 2);
        const bool isB = q1 > start + 2 && q1 - start <= 80 && q1 + 2 < v.size()
            && (v.at(q1 + 1) == 'B' || v.at(q1 + 1) == 'b') && v.at(q1 + 2) == '?';
        const qsizetype end = isB ? v.indexOf("?=", q1 + 3) : -1;
        bool word = end >= 0;
        for (qsizetype k = start + 2; word && k < q1; ++k)
            word = v.at(k) > ' ' && v.at(k) < 0x7F;
        for (qsizetype k = q1 + 3; word && k < end; ++k)
            word = v.at(k) > ' ' && v.at(k) < 0x7F && v.at(k) != '?';
        if (!word) {
            out.append(v.constData() + i, start + 2 - i);
            i = start + 2;
            continue;
        }
        out.append(v.constData() + i, start - i);
        out.append("=?");
        out.append(v.constData() + start + 2, q1 - start - 2);
        out.append("?Q?");
        const QByteArray bytes = QByteArray::fromBase64(v.mid(q1 + 3, end - q1 - 3));
        for (char c : bytes) {
            const auto b = static_cast<unsigned char>(c);
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
                out.append(c);
            } else {
                out.append('=');
                out.append(hex[b >> 4]);
                out.append(hex[b & 0xF]);
            }
        }
        out.append("?=");
        i = end + 2;
    }
    out.append(v.constData() + i, v.size() - i);
    return out;
}

std::optional<QString> validUtf8(const QByteArray &bytes)
{
    // Qt's decoder, not GLib's check: a NUL byte is valid UTF-8.
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString fromWindows1252(const QByteArray &bytes)
{
    QString out;
    out.resize(bytes.size());
    QChar *d = out.data();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes.at(i));
        d[i] = (b >= 0x80 && b < 0xA0) ? QChar(kWindows1252High[b - 0x80]) : QChar(char16_t(b));
    }
    return out;
}

Decoded decodeText(const QByteArray &bytes, const QByteArray &charset)
{
    Decoded d;
    const QByteArray label = charset.trimmed().toLower();
    const char *canonical
        = label.isEmpty() ? "us-ascii" : g_mime_charset_canon_name(label.constData());
    const QByteArray name = QByteArray(canonical ? canonical : "us-ascii").toLower();

    if (isAscii(bytes)) {
        // Most mail: nothing to convert whatever the label (UTF-7 and the ISO-2022 family
        // are ASCII bytes that mean something else).
        if (!name.startsWith("utf-7") && !name.startsWith("utf-16") && !name.startsWith("utf-32")
            && !name.startsWith("ucs") && !name.startsWith("iso-2022") && !name.startsWith("hz")) {
            d.text = QString::fromLatin1(bytes);
            return d;
        }
    }
    if (name == "utf-8" || name == "us-ascii" || name == "ascii" || name == "utf8") {
        if (std::optional<QString> text = validUtf8(bytes)) {
            d.text = *text;
            return d;
        }
        // 8-bit text with no charset or with a wrong one: nearly always Windows-1252.
        d.text = fromWindows1252(bytes);
        d.problem
            = QStringLiteral("declared %1 but is not; shown as Latin-1").arg(printable(label));
        return d;
    }
    if (name == "iso-8859-1" || name == "windows-1252" || name == "cp1252" || name == "latin1") {
        d.text = fromWindows1252(bytes);
        return d;
    }
    bool lossy = false;
    if (convertWithIconv(bytes, name.constData(), &d.text, &lossy)) {
        if (lossy)
            d.problem = QStringLiteral("some characters are not valid %1 and were replaced")
                            .arg(printable(label));
        return d;
    }
    d.text = fromWindows1252(bytes);
    d.problem = QStringLiteral("unknown charset %1, shown as Latin-1").arg(printable(label));
    return d;
}

} // namespace Atiende::Server::Mail::Gmime

#include "base64.h"

#include <array>

namespace Atiende::Core::Text {

namespace {

constexpr quint8 kBad = 0xff;

constexpr std::array<quint8, 256> makeTable()
{
    std::array<quint8, 256> t {};
    for (auto &v : t)
        v = kBad;
    for (int i = 0; i < 26; ++i) {
        t[size_t('A' + i)] = quint8(i);
        t[size_t('a' + i)] = quint8(26 + i);
    }
    for (int i = 0; i < 10; ++i)
        t[size_t('0' + i)] = quint8(52 + i);
    t[size_t('+')] = 62;
    t[size_t('/')] = 63;
    return t;
}

constexpr std::array<quint8, 256> kTable = makeTable();

} // namespace

qint64 base64DecodedSize(const QByteArray &text)
{
    const qsizetype n = text.size();
    if (n % 4 != 0)
        return -1;
    qsizetype pad = 0;
    if (n > 0 && text.at(n - 1) == '=')
        pad = (n > 1 && text.at(n - 2) == '=') ? 2 : 1;
    return qint64(n / 4 * 3 - pad);
}

std::optional<QByteArray> decodeBase64(const QByteArray &text)
{
    const qint64 size = base64DecodedSize(text);
    if (size < 0)
        return std::nullopt;
    const qsizetype n = text.size();
    if (n == 0)
        return QByteArray();
    const auto *in = reinterpret_cast<const quint8 *>(text.constData());
    const qsizetype pad = n / 4 * 3 - size;
    QByteArray out(size, Qt::Uninitialized);
    auto *o = reinterpret_cast<quint8 *>(out.data());
    const qsizetype whole = pad ? n - 4 : n; // the last group decoded apart when padded
    quint32 bad = 0;
    for (qsizetype i = 0; i < whole; i += 4) {
        const quint32 a = kTable[in[i]], b = kTable[in[i + 1]], c = kTable[in[i + 2]],
                      d = kTable[in[i + 3]];
        bad |= a | b | c | d; // kBad has bit 7 set; a valid value never has
        const quint32 v = (a << 18) | (b << 12) | (c << 6) | d;
        o[0] = quint8(v >> 16);
        o[1] = quint8(v >> 8);
        o[2] = quint8(v);
        o += 3;
    }
    if (bad & 0x80)
        return std::nullopt;
    if (pad) {
        const qsizetype i = n - 4;
        const quint32 a = kTable[in[i]], b = kTable[in[i + 1]];
        const quint32 c = pad == 1 ? kTable[in[i + 2]] : 0;
        if ((a | b | c) & 0x80)
            return std::nullopt;
        const quint32 v = (a << 18) | (b << 12) | (c << 6);
        // The bits the padding drops must be zero, or the text is not canonical.
        if ((pad == 2 && (v & 0xffff)) || (pad == 1 && (v & 0xff)))
            return std::nullopt;
        *o++ = quint8(v >> 16);
        if (pad == 1)
            *o++ = quint8(v >> 8);
    }
    return out;
}

} // namespace Atiende::Core::Text

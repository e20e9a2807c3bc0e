#include "testfiles.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <cstring>

namespace Atiende::Test {

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator g(seed);
    for (qint64 i = 0; i + 4 <= size; i += 4) {
        const quint32 v = g.generate();
        std::memcpy(out.data() + i, &v, 4);
    }
    for (qint64 i = size - size % 4; i < size; ++i)
        out[i] = char(g.generate());
    return out;
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace Atiende::Test

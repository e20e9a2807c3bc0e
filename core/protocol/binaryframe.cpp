#include "binaryframe.h"

#include <QtEndian>

namespace Atiende::Core::Protocol::BinaryFrame {

bool split(const QByteArray &message, QByteArray *header, qsizetype *payloadOffset, QString *why)
{
    if (message.size() < 4) {
        *why = QStringLiteral("A binary message starts with 4 bytes giving the length of its "
                              "JSON part; this one has %1 bytes.")
                   .arg(message.size());
        return false;
    }
    const quint32 n = qFromBigEndian<quint32>(message.constData());
    if (n > quint32(kMaxBinaryHeaderBytes) || qsizetype(n) > message.size() - 4) {
        *why = QStringLiteral("The JSON part of a binary message is said to have %1 bytes; it "
                              "may have at most %2 and the message has %3 after the length.")
                   .arg(n)
                   .arg(kMaxBinaryHeaderBytes)
                   .arg(message.size() - 4);
        return false;
    }
    // message outlives header wherever split is used (the caller holds both).
    *header = QByteArray::fromRawData(message.constData() + 4, qsizetype(n));
    *payloadOffset = 4 + qsizetype(n);
    return true;
}

QByteArray make(const QByteArray &header, QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(4 + header.size() + bytes.size());
    char length[4];
    qToBigEndian<quint32>(quint32(header.size()), length);
    out.append(length, 4);
    out.append(header);
    out.append(bytes);
    return out;
}

} // namespace Atiende::Core::Protocol::BinaryFrame

#include "rawwebsocket.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QtTest/QTest>

namespace Atiende::Test {

RawWebSocket::RawWebSocket() = default;

bool RawWebSocket::connectTcp(const QUrl &url, int timeoutMs, const QString &from)
{
    if (!from.isEmpty() && !m_socket.bind(QHostAddress(from)))
        return false;
    m_socket.connectToHost(url.host(), quint16(url.port()));
    return m_socket.waitForConnected(timeoutMs);
}

static QByteArray upgradeRequest(const QUrl &url)
{
    QByteArray key(16, Qt::Uninitialized);
    for (char &c : key)
        c = char(QRandomGenerator::global()->bounded(256));
    return "GET " + url.path().toLatin1() + " HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':'
        + QByteArray::number(url.port())
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: "
          "13\r\nSec-WebSocket-Key: "
        + key.toBase64() + "\r\n\r\n";
}

void RawWebSocket::sendHalfUpgrade(const QUrl &url)
{
    const QByteArray request = upgradeRequest(url);
    m_socket.write(request.left(request.size() / 2));
    m_socket.flush();
}

bool RawWebSocket::upgrade(const QUrl &url, int timeoutMs)
{
    m_socket.write(upgradeRequest(url));
    QDeadlineTimer deadline(timeoutMs);
    while (!m_pending.contains("\r\n\r\n") && !deadline.hasExpired()) {
        if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            m_pending += m_socket.readAll();
        else if (m_socket.state() != QAbstractSocket::ConnectedState)
            return false;
    }
    const int end = int(m_pending.indexOf("\r\n\r\n"));
    if (end < 0)
        return false;
    const bool ok = m_pending.startsWith("HTTP/1.1 101");
    m_pending.remove(0, end + 4);
    return ok;
}

void RawWebSocket::sendText(const QByteArray &text)
{
    QByteArray frame;
    frame.append(char(0x81)); // FIN, text
    const quint64 n = quint64(text.size());
    if (n < 126) {
        frame.append(char(0x80 | n));
    } else if (n < 65536) {
        frame.append(char(0x80 | 126));
        frame.append(char(n >> 8));
        frame.append(char(n & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            frame.append(char((n >> (8 * i)) & 0xff));
    }
    char mask[4];
    for (char &c : mask)
        c = char(QRandomGenerator::global()->bounded(256));
    frame.append(mask, 4);
    QByteArray payload = text;
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(payload[i] ^ mask[i % 4]);
    frame.append(payload);
    m_socket.write(frame);
    m_socket.flush();
}

QByteArray RawWebSocket::readText(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (m_pending.size() >= 2) {
            const quint8 b1 = quint8(m_pending.at(1));
            quint64 length = b1 & 0x7f;
            int header = 2;
            if (length == 126 && m_pending.size() >= 4) {
                length = (quint64(quint8(m_pending.at(2))) << 8) | quint8(m_pending.at(3));
                header = 4;
            } else if (length == 127 && m_pending.size() >= 10) {
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | quint8(m_pending.at(2 + i));
                header = 10;
            } else if (length >= 126) {
                header = -1;
            }
            if (header > 0 && quint64(m_pending.size()) >= header + length) {
                const QByteArray payload = m_pending.mid(header, qsizetype(length));
                m_pending.remove(0, header + qsizetype(length));
                return payload;
            }
        }
        if (deadline.hasExpired())
            return {};
        if (m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            m_pending += m_socket.readAll();
        else if (m_socket.state() != QAbstractSocket::ConnectedState)
            return {};
    }
}

void RawWebSocket::stopReading()
{
    m_socket.setReadBufferSize(4096);
}

bool RawWebSocket::waitDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            // Reading is what notices the server's close or reset behind what it sent before.
            m_socket.readAll();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace Atiende::Test

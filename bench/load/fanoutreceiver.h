#pragma once
// A receiving end of the fan-out measurement: a bare QWebSocket that authenticates (hello +
// auth.resume, as JSON-RPC) and then only stamps when each sync.changed arrives. It finds the
// revision by scanning the frame's tail instead of parsing the JSON, so that the load tool,
// which reads a thousand copies of every frame on the same two cores as the server, adds as
// little as it can to what it measures. Without a token it skips authentication: that is the
// mode used against the bare broadcast server.

#include "arrivallog.h"

#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <atomic>

namespace Atiende::Bench {

class FanoutReceiver : public QObject
{
    Q_OBJECT
public:
    // log and arrivals belong to the receiver's thread; arrivals counts frames for the main
    // thread to watch.
    FanoutReceiver(QUrl url, QString token, ArrivalLog *log, std::atomic<qint64> *arrivals,
        QObject *parent = nullptr);

    void open();
    void close();
    bool isReady() const { return m_ready; }

    // The params.revision of a sync.changed frame, or -1 for any other frame. The server
    // serialises objects with sorted keys, so "revision" is the last key of the frame.
    static qint64 revisionOf(QStringView frame);

Q_SIGNALS:
    void ready();
    void failed(const QString &why);

private:
    void onText(const QString &text);

    QUrl m_url;
    QString m_token;
    ArrivalLog *m_log;
    std::atomic<qint64> *m_arrivals;
    QWebSocket m_socket;
    bool m_ready = false;
};

} // namespace Atiende::Bench

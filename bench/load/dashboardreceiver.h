#pragma once
// A lead's console in the dashboard measurement: a bare QWebSocket that says hello, resumes a
// session and subscribes to the dashboard (dashboard.subscribe, today), then only stamps when
// each dashboard.changed arrives with the count of tickets created today it carries. The
// count is found by scanning the frame ("current":{"created":N: the server writes keys in
// order, so it comes first), not by parsing the whole figures.

#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <atomic>
#include <utility>
#include <vector>

namespace Atiende::Bench {

class DashboardReceiver : public QObject
{
    Q_OBJECT
public:
    // pushes counts frames for the main thread to watch.
    DashboardReceiver(
        QUrl url, QString token, std::atomic<qint64> *pushes, QObject *parent = nullptr);

    void open();
    void close();
    bool isReady() const { return m_ready; }
    // The created count of the subscription's answer.
    qint64 initialCreated() const { return m_initial; }
    // Every push: (tickets created today it shows, BenchClock ns it arrived), in order.
    const std::vector<std::pair<qint64, qint64>> &seen() const { return m_seen; }

    static qint64 createdOf(QStringView frame);

Q_SIGNALS:
    void ready();
    void failed(const QString &why);

private:
    void onText(const QString &text);

    QUrl m_url;
    QString m_token;
    std::atomic<qint64> *m_pushes;
    QWebSocket m_socket;
    bool m_ready = false;
    qint64 m_initial = -1;
    std::vector<std::pair<qint64, qint64>> m_seen;
};

} // namespace Atiende::Bench

#pragma once
// What a run of atiende-load does, from its command line (main.cpp documents each option).

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Atiende::Bench {

struct LoadOptions
{
    QStringList scenarios; // create, fanout, idle, reconnect, dashboard
    QString serverProgram; // atiended to start; unused with url
    QUrl url; // a running server instead of our own
    QString user = QStringLiteral("admin");
    QString password;
    qint64 serverPid = 0; // of the running server, for memory and CPU figures
    QString dataParent; // where our server's data folder goes
    int clientThreads = 2;
    bool baseline = true; // also measure the bare broadcast server
    bool clientGlib = false; // the load tool's own event dispatcher (see main.cpp)
    QProcessEnvironment
        serverEnvironment; // as the tool was started, before it chose its dispatcher

    int createSessions = 8;
    double createSeconds = 5;
    QList<int> createInFlight { 1, 16 };
    int descriptionChars = 200;

    QList<int> fanoutSessions { 100, 1000 };
    double fanoutSeconds = 5;
    int fanoutIntervalMs = 20;
    int fanoutWarmup = 10; // first changes not measured: caches and buffers warm up

    int idleSessions = 1000;
    int idleSettleMs = 1500;
    int reconnectSessions = 1000;

    int dashboardSessions = 50;
    int dashboardBacklog = 2000; // tickets created before measuring, so the figures are not empty
    int dashboardIntervalMs = 500; // the paced run: one ticket every this many ms
    int dashboardPaced = 40; // tickets in the paced run
    int dashboardBurst = 100; // tickets in the burst (one every 50 ms)

    QString jsonPath;
};

} // namespace Atiende::Bench

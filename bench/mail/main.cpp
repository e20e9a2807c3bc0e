// atiende-mail-bench: the e-mail channel's figures (issue 14), against real servers on loopback
// started here (Dovecot with IDLE, an aiosmtpd SMTP server) and a real atiended:
//   ingestion  N messages waiting in the mailbox when atiended starts, to committed tickets:
//              messages/s from the first commit to the last, and from the server's start;
//   latency    one message delivered while a console is connected, to the console's
//              sync.changed carrying the new ticket: p50, p95, max over --samples;
//   sending    an agent's public reply on each of M mail tickets, to the SMTP server's
//              receipt of them all: mails/s.
// Prints the commit, the build type and the load average beside the figures.

#include "deskfixture.h"
#include "mailservers.h"
#include "serverprocess.h"
#include "testclient.h"

#include "server/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace Atiende;
using namespace Atiende::Test;

namespace {

const QString kDesk = QStringLiteral("soporte@desk.test");

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly)
        ? QString::fromUtf8(f.readAll()).section(QLatin1Char(' '), 0, 2)
        : QString();
}

QString commit()
{
    QProcess git;
    git.start(QStringLiteral("git"),
        { QStringLiteral("-C"), QStringLiteral(ATIENDE_SOURCE_DIR), QStringLiteral("rev-parse"),
            QStringLiteral("--short"), QStringLiteral("HEAD") });
    git.waitForFinished(5000);
    return QString::fromUtf8(git.readAllStandardOutput()).trimmed();
}

QByteArray message(int i)
{
    // A realistic first mail: a few headers, two paragraphs, a signature (about 1.5 KB).
    QString body;
    for (int p = 0; p < 6; ++p)
        body += QStringLiteral("Buenos días, desde esta mañana el equipo %1 no conecta con la VPN "
                               "de la oficina. He reiniciado dos veces y sigue igual.\r\n")
                    .arg(i);
    return QStringLiteral("From: Cliente %1 <cliente%2@empresa%3.example>\r\nTo: Soporte <%4>\r\n"
                          "Subject: La VPN no conecta (equipo %1)\r\nDate: Mon, 07 Dec 2026 "
                          "09:30:00 +0100\r\nMessage-ID: <bench-%1-%5@empresa.example>\r\n"
                          "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n\r\n%6\r\n-- \r\nCliente %1\r\n")
        .arg(i)
        .arg(i % 500)
        .arg(i % 37)
        .arg(kDesk, QUuid::createUuid().toString(QUuid::WithoutBraces), body)
        .toUtf8();
}

int scalar(const QString &dataDir, const QString &sql)
{
    QString error;
    auto store
        = Server::Store::open(QDir(dataDir).filePath(QStringLiteral("atiende.db")), false, &error);
    return store ? store->sql().scalar(sql).toInt() : -1;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(qBound(0, int(p * (v.size() - 1) + 0.5), int(v.size() - 1)));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("ATIENDED_BIN"))
        qputenv("ATIENDED_BIN", ATIENDED_PATH);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The e-mail channel's figures."));
    parser.addHelpOption();
    QCommandLineOption messages(QStringLiteral("messages"),
        QStringLiteral("Messages waiting for ingestion."), QStringLiteral("n"),
        QStringLiteral("2000"));
    QCommandLineOption samples(QStringLiteral("samples"),
        QStringLiteral("Single messages timed to the console."), QStringLiteral("n"),
        QStringLiteral("40"));
    QCommandLineOption replies(QStringLiteral("replies"),
        QStringLiteral("Replies sent through the outbox."), QStringLiteral("n"),
        QStringLiteral("300"));
    QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("IMAP batch size."),
        QStringLiteral("n"), QStringLiteral("100"));
    parser.addOptions({ messages, samples, replies, batch });
    parser.process(app);
    const int n = parser.value(messages).toInt();
    const int m = parser.value(samples).toInt();
    const int k = parser.value(replies).toInt();

    out() << "atiende-mail-bench  commit " << commit() << "  build " << ATIENDE_BUILD_TYPE
          << "  load average " << loadAverage() << Qt::endl;

    DovecotServer dovecot;
    dovecot.addUser(kDesk, QStringLiteral("secret"));
    SmtpSink smtp;
    ServerProcess server;
    Desk desk;
    QString error;
    if (!dovecot.start(&error) || !smtp.start(&error)
        || !seedDesk(server.dataDir(), &desk, &error)) {
        out() << "cannot start: " << error << Qt::endl;
        return 1;
    }
    const QJsonObject account { { QStringLiteral("name"), QStringLiteral("soporte") },
        { QStringLiteral("address"), kDesk },
        { QStringLiteral("group"), QStringLiteral("Service Desk") },
        { QStringLiteral("imap"),
            QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                { QStringLiteral("port"), dovecot.port() },
                { QStringLiteral("security"), QStringLiteral("none") },
                { QStringLiteral("user"), kDesk },
                { QStringLiteral("password"), QStringLiteral("secret") },
                { QStringLiteral("batchSize"), parser.value(batch).toInt() } } },
        { QStringLiteral("smtp"),
            QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                { QStringLiteral("port"), smtp.port() },
                { QStringLiteral("security"), QStringLiteral("none") } } } };
    const QString file = QDir(server.dataDir()).filePath(QStringLiteral("soporte.json"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(QJsonDocument(account).toJson());
    }
    if (server.runCommand({ QStringLiteral("mail"), QStringLiteral("--file"), file }) != 0) {
        out() << "atiended mail failed" << Qt::endl;
        return 1;
    }

    // --- ingestion
    for (int i = 0; i < n; ++i)
        dovecot.deliver(kDesk, message(i));
    QElapsedTimer clock;
    clock.start();
    if (!server.start()) {
        out() << "atiended did not start: " << server.log() << Qt::endl;
        return 1;
    }
    const qint64 listening = clock.elapsed();
    qint64 first = -1;
    int done = 0;
    const QString countSql
        = QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE direction = 'in'");
    while (done < n && clock.elapsed() < 600000) {
        done = scalar(server.dataDir(), countSql);
        if (done > 0 && first < 0)
            first = clock.elapsed();
        if (done < n)
            QThread::msleep(20);
    }
    const qint64 last = clock.elapsed();
    out() << "ingestion   " << n << " messages (1.5 KB text each) waiting in the mailbox, batch "
          << parser.value(batch) << Qt::endl;
    out() << "  from the first commit to the last  "
          << QString::number(double(n) / (qMax<qint64>(1, last - first) / 1000.0), 'f', 0)
          << " messages/s" << Qt::endl;
    out() << "  from atiended's start               "
          << QString::number(double(n) / (last / 1000.0), 'f', 0) << " messages/s (listening after "
          << listening << " ms, all " << done << " in after " << last << " ms)" << Qt::endl;

    // --- latency
    TestClient ana;
    if (!ana.open(server.url()) || !ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana"))) {
        out() << "cannot sign in" << Qt::endl;
        return 1;
    }
    QList<double> latencies;
    for (int i = 0; i < m; ++i) {
        const QString subject = QStringLiteral("Latencia %1").arg(i);
        QByteArray raw = message(100000 + i);
        raw.replace(QStringLiteral("La VPN no conecta (equipo %1)").arg(100000 + i).toUtf8(),
            subject.toUtf8());
        ana.clearNotifications();
        QElapsedTimer t;
        t.start();
        dovecot.deliver(kDesk, raw);
        const auto seen = ana.waitForNotification(
            [&](const Notification &note) {
                return note.method == QLatin1String("sync.changed")
                    && QJsonDocument(note.params).toJson().contains(subject.toUtf8());
            },
            10000);
        if (seen)
            latencies << double(t.nsecsElapsed()) / 1e6;
        QThread::msleep(100);
    }
    out() << "latency     mailbox delivery -> sync.changed with the ticket at a console, "
          << latencies.size() << " of " << m << Qt::endl;
    out() << "  p50 " << QString::number(percentile(latencies, 0.5), 'f', 1) << " ms  p95 "
          << QString::number(percentile(latencies, 0.95), 'f', 1) << " ms  max "
          << QString::number(percentile(latencies, 1.0), 'f', 1) << " ms" << Qt::endl;

    // --- sending
    smtp.waitForMessages(1, 1000);
    const int before = int(smtp.messages().size());
    const auto query
        = ana.call(QStringLiteral("tickets.query"), { { QStringLiteral("limit"), k } });
    QList<qint64> ids;
    for (const QJsonValue &v : query.object().value(QStringLiteral("tickets")).toArray())
        ids << v.toObject().value(QStringLiteral("id")).toInteger();
    QElapsedTimer s;
    s.start();
    for (const qint64 id : std::as_const(ids))
        ana.call(QStringLiteral("tickets.addArticle"),
            { { QStringLiteral("ticketId"), double(id) },
                { QStringLiteral("kind"), QStringLiteral("reply") },
                { QStringLiteral("body"), QStringLiteral("Reinicie el cliente VPN, por favor.") },
                { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } });
    const qint64 queued = s.elapsed();
    smtp.waitForMessages(before + int(ids.size()), 300000);
    const qint64 sentAll = s.elapsed();
    const int sent = int(smtp.messages().size()) - before;
    out() << "sending     " << ids.size() << " public replies (queued in " << queued << " ms), "
          << sent << " received by the SMTP server after " << sentAll
          << " ms: " << QString::number(double(sent) / (sentAll / 1000.0), 'f', 0) << " mails/s"
          << Qt::endl;
    out() << "load average at the end " << loadAverage() << Qt::endl;
    server.stop();
    return 0;
}

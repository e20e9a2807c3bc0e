// Files on tickets in the console (Workspace, client/files/) against a real atiended: attached
// offline and sent exactly once with their reply, uploads resumed after a drop, a reply waiting
// for its file, fetched by the other agent byte for byte, the store kept within its cap without
// losing what the agent needs, refusals told apart from being offline, an upload the server
// forgot made again, and drafts keeping their files.

#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "testfiles.h"

#include "core/protocol/errorcode.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

namespace {

constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A PNG's signature and header: enough for the content to tell its type.
QByteArray pngBytes(qint64 size)
{
    QByteArray b
        = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61");
    b += randomBytes(size - b.size(), 99);
    return b;
}

// What a fetch gave, once it came.
struct Fetched
{
    bool done = false;
    FileFetch result;
};

} // namespace

class FilesTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void anOfflineReplyWithTwoFilesShowsAtOnceAndIsAddedOnce();
    void anUploadCutMidwayResumesWhereItStood();
    void aReplyWaitsForItsFileAndTheOtherAgentGetsTheSameBytes();
    void theCacheEvictsTheLeastRecentlyUsedButKeepsWhatTheAgentNeeds();
    void anotherGroupIsRefusedAndOfflineSaysOffline();
    void anUploadTheServerForgotIsMadeAgainAndTheReplyConfirmed();
    void aDraftKeepsItsFilesAcrossReopening();
    void aCopyThatChangedOrWentMissingIsNotHeld();

private:
    Workspace::Options options(
        const QString &user, const QString &tag, const ServerProcess *server = nullptr) const
    {
        return { (server ? server : &m_server)->url(), user, QStringLiteral("pw-") + user,
            m_dirs.filePath(tag + QLatin1Char('-') + user), false };
    }
    // Online with nothing left to send.
    static bool settled(Workspace &w, int timeoutMs = 30000)
    {
        QDeadlineTimer d(timeoutMs);
        while (!d.hasExpired() && !(w.state() == SyncEngine::State::Online && w.outboxSize() == 0))
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.state() == SyncEngine::State::Online && w.outboxSize() == 0;
    }
    static Fetched fetch(Workspace &w, const QString &sha, QObject *context)
    {
        auto out = std::make_shared<Fetched>();
        w.fetchFile(sha, context, [out](const FileFetch &f) {
            out->done = true;
            out->result = f;
        });
        QDeadlineTimer d(30000);
        while (!out->done && !d.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return *out;
    }
    // A ticket of Service Desk, made by lola (on the test's desk unless told).
    qint64 newTicket(
        const QString &subject, const ServerProcess *server = nullptr, const Desk *desk = nullptr);
    // The conversation as the server has it.
    QJsonArray serverArticles(qint64 ticketId, const ServerProcess *server = nullptr);
    static QList<Core::Article> articlesBy(const Workspace &w, qint64 ticketId, qint64 agentId);

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
};

void FilesTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
}

qint64 FilesTest::newTicket(const QString &subject, const ServerProcess *server, const Desk *desk)
{
    if (!desk)
        desk = &m_desk;
    TestClient lola;
    if (!lola.open((server ? server : &m_server)->url())
        || !lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")))
        return 0;
    const auto r = lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject },
            { QStringLiteral("groupId"), double(desk->serviceDesk) },
            { QStringLiteral("customerId"), double(desk->customer) },
            { QStringLiteral("opId"), newOpId() } });
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QJsonArray FilesTest::serverArticles(qint64 ticketId, const ServerProcess *server)
{
    TestClient lola;
    if (!lola.open((server ? server : &m_server)->url())
        || !lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")))
        return {};
    return lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(ticketId) } })
        .object()
        .value(QStringLiteral("articles"))
        .toArray();
}

QList<Core::Article> FilesTest::articlesBy(const Workspace &w, qint64 ticketId, qint64 agentId)
{
    QList<Core::Article> out;
    for (const Core::Article &a : w.conversation(ticketId)) {
        if (a.authorAgentId == agentId && a.kind != Core::ArticleKind::SystemEvent)
            out << a;
    }
    return out;
}

void FilesTest::anOfflineReplyWithTwoFilesShowsAtOnceAndIsAddedOnce()
{
    const qint64 ticket = newTicket(QStringLiteral("La VPN no conecta desde casa"));
    QVERIFY(ticket > 0);
    const QByteArray log = randomBytes(700 * kKiB, 1);
    const QByteArray png = pngBytes(40 * kKiB);
    const QString logPath = m_dirs.filePath(QStringLiteral("registro-vpn.log"));
    {
        QFile f(logPath);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(log) == log.size());
    }
    auto w = std::make_unique<Workspace>();
    QString error;
    QVERIFY2(w->open(options(QStringLiteral("ana"), QStringLiteral("offline")), &error),
        qPrintable(error));
    QVERIFY(settled(*w));
    QTRY_VERIFY_WITH_TIMEOUT(w->ticket(ticket).has_value(), 20000);
    const qint64 ana = w->myId();

    // The network goes; the agent attaches a file from disk and pastes a screenshot.
    w->connection()->stop();
    const auto fromDisk = w->attachFile(logPath, &error);
    QVERIFY2(fromDisk, qPrintable(error));
    const auto pasted = w->attachData(png, QStringLiteral("captura.png"), &error);
    QVERIFY2(pasted, qPrintable(error));
    QCOMPARE(fromDisk->file.sha256, sha256Hex(log));
    QCOMPARE(fromDisk->file.name, QStringLiteral("registro-vpn.log"));
    QCOMPARE(pasted->file.mediaType, QStringLiteral("image/png"));
    QFile::remove(logPath); // the store has its own copy
    QVERIFY(!w->reply(ticket, QStringLiteral("Le adjunto el registro y una captura."),
                  { *fromDisk, *pasted })
                 .isEmpty());

    // It shows at once, with both files.
    QList<Core::Article> mine = articlesBy(*w, ticket, ana);
    QCOMPARE(mine.size(), 1);
    QVERIFY(mine.first().pending);
    QCOMPARE(mine.first().attachments, (QList<Core::Attachment> { fromDisk->file, pasted->file }));
    QCOMPARE(w->outboxSize(), 1);

    // Online again: the files go up, then the reply, once.
    w->connection()->start();
    QVERIFY(settled(*w));
    QVERIFY(w->conflicts(ticket).isEmpty());
    auto onServer = [&] {
        QList<QJsonObject> out;
        for (const QJsonValue &v : serverArticles(ticket)) {
            if (v.toObject().value(QStringLiteral("authorAgentId")).toInteger() == ana)
                out << v.toObject();
        }
        return out;
    };
    QList<QJsonObject> added = onServer();
    QCOMPARE(added.size(), 1);
    const QList<Core::Attachment> files
        = Core::attachmentsFromJson(added.first().value(QStringLiteral("attachments")).toArray());
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).sha256, sha256Hex(log));
    QCOMPARE(files.at(0).name, QStringLiteral("registro-vpn.log"));
    QCOMPARE(files.at(0).size, log.size());
    QCOMPARE(files.at(1).sha256, sha256Hex(png));
    QCOMPARE(files.at(1).name, QStringLiteral("captura.png"));
    QCOMPARE(files.at(1).mediaType, QStringLiteral("image/png"));
    QTRY_VERIFY(!articlesBy(*w, ticket, ana).first().pending);
    QCOMPARE(articlesBy(*w, ticket, ana).first().attachments.size(), 2);
    // The copies stay, as files just used.
    QCOMPARE(readAll(w->cachedFile(sha256Hex(log))), log);

    // Another drop, then a restart of the console: still one reply.
    w->connection()->dropLink();
    QTRY_VERIFY_WITH_TIMEOUT(w->state() != SyncEngine::State::Online, 10000);
    QVERIFY(settled(*w));
    w.reset();
    w = std::make_unique<Workspace>();
    QVERIFY(w->open(options(QStringLiteral("ana"), QStringLiteral("offline")), &error));
    QVERIFY(settled(*w));
    QCOMPARE(onServer().size(), 1);
    QCOMPARE(articlesBy(*w, ticket, ana).size(), 1);
}

void FilesTest::anUploadCutMidwayResumesWhereItStood()
{
    const QByteArray video = randomBytes(6 * kMiB, 2);
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana"), QStringLiteral("resume")), &error));
    QVERIFY(settled(w));
    // The link goes as soon as the server holds a megabyte.
    struct Seen
    {
        bool dropped = false;
        qint64 atDrop = 0;
        qint64 firstAfter = -1; // where the server said it stood when asked again
    };
    auto seen = std::make_shared<Seen>();
    Workspace *ws = &w;
    connect(&w, &Workspace::uploadProgress, this,
        [seen, ws](const QString &, const QString &, qint64 sent, qint64 total) {
            if (!seen->dropped && sent >= kMiB && sent < total) {
                seen->dropped = true;
                seen->atDrop = sent;
                ws->connection()->dropLink();
            } else if (seen->dropped && seen->firstAfter < 0) {
                seen->firstAfter = sent;
            }
        });
    const auto file = w.attachData(video, QStringLiteral("pantalla.mp4"), &error);
    QVERIFY2(file, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(seen->dropped, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(w.uploadedBytes(file->uploadId), video.size(), 30000);
    // It went on from what the server held, not from the start.
    QVERIFY2(seen->firstAfter >= seen->atDrop,
        qPrintable(
            QStringLiteral("%1 at the drop, %2 after").arg(seen->atDrop).arg(seen->firstAfter)));
    QVERIFY2(w.uploads()->bytesSent() < video.size() + 3 * kMiB,
        qPrintable(QString::number(w.uploads()->bytesSent())));
}

void FilesTest::aReplyWaitsForItsFileAndTheOtherAgentGetsTheSameBytes()
{
    const qint64 ticket = newTicket(QStringLiteral("El informe mensual sale cortado"));
    QVERIFY(ticket > 0);
    const QByteArray report = randomBytes(7 * kMiB + 123, 3);
    Workspace ana, lola;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana"), QStringLiteral("wait")), &error));
    QVERIFY(lola.open(options(QStringLiteral("lola"), QStringLiteral("wait")), &error));
    QVERIFY(settled(ana) && settled(lola));
    QTRY_VERIFY_WITH_TIMEOUT(ana.ticket(ticket).has_value(), 20000);

    // Sent at once, the reply waits in the outbox until the server has the whole file.
    auto early = std::make_shared<int>(0);
    Workspace *a = &ana;
    connect(&ana, &Workspace::uploadProgress, this,
        [early, a](const QString &, const QString &, qint64 sent, qint64 total) {
            if (sent < total && a->outboxSize() != 1)
                ++*early;
        });
    const auto file = ana.attachData(report, QStringLiteral("informe-noviembre.pdf"), &error);
    QVERIFY2(file, qPrintable(error));
    QVERIFY(!ana.reply(ticket, QString(), { *file }).isEmpty()); // files alone are a reply
    QVERIFY(ana.uploadedBytes(file->uploadId) < report.size());
    QCOMPARE(ana.outboxSize(), 1);
    QVERIFY(settled(ana));
    QCOMPARE(*early, 0);
    QVERIFY(ana.conflicts(ticket).isEmpty());

    // The other agent sees it and gets the very same bytes; two screens share one transfer.
    QTRY_VERIFY_WITH_TIMEOUT(!articlesBy(lola, ticket, ana.myId()).isEmpty(), 10000);
    const Core::Article article = articlesBy(lola, ticket, ana.myId()).first();
    QCOMPARE(article.attachments.size(), 1);
    QCOMPARE(article.attachments.first().sha256, sha256Hex(report));
    QVERIFY(lola.cachedFile(sha256Hex(report)).isEmpty());
    QSignalSpy progress(&lola, &Workspace::fetchProgress);
    auto other = std::make_shared<Fetched>();
    lola.fetchFile(sha256Hex(report), this, [other](const FileFetch &f) {
        other->done = true;
        other->result = f;
    });
    const Fetched got = fetch(lola, sha256Hex(report), this);
    QVERIFY2(got.result.ok(), qPrintable(got.result.error));
    QCOMPARE(readAll(got.result.path), report);
    QTRY_VERIFY(other->done);
    QCOMPARE(other->result.path, got.result.path);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().at(1).toLongLong(), report.size());
    // Held now: the next fetch comes from the store, after the call returns.
    bool returned = false;
    auto fromStore = std::make_shared<Fetched>();
    lola.fetchFile(sha256Hex(report), this, [fromStore, &returned](const FileFetch &f) {
        QVERIFY(returned);
        fromStore->done = true;
        fromStore->result = f;
    });
    returned = true;
    QTRY_VERIFY(fromStore->done);
    QCOMPARE(fromStore->result.path, got.result.path);
}

void FilesTest::theCacheEvictsTheLeastRecentlyUsedButKeepsWhatTheAgentNeeds()
{
    const qint64 ticket = newTicket(QStringLiteral("Capturas del error de la impresora"));
    QVERIFY(ticket > 0);
    const QByteArray a = randomBytes(100 * kKiB, 11), b = randomBytes(100 * kKiB, 12),
                     c = randomBytes(100 * kKiB, 13), d = randomBytes(100 * kKiB, 14);
    QString error;
    {
        // Lola puts three files on a note.
        Workspace lola;
        QVERIFY(lola.open(options(QStringLiteral("lola"), QStringLiteral("evict")), &error));
        QVERIFY(settled(lola));
        QTRY_VERIFY_WITH_TIMEOUT(lola.ticket(ticket).has_value(), 20000);
        QList<OutgoingFile> files;
        for (const auto &[bytes, name] :
            { std::pair { a, "a.bin" }, std::pair { b, "b.bin" }, std::pair { c, "c.bin" } })
            files << *lola.attachData(bytes, QLatin1String(name), &error);
        QVERIFY(!lola.addNote(ticket, QStringLiteral("Tres capturas"), files).isEmpty());
        QVERIFY(settled(lola));
    }
    Workspace ana;
    QVERIFY(ana.open(options(QStringLiteral("ana"), QStringLiteral("evict")), &error));
    QVERIFY(settled(ana));
    QCOMPARE(ana.fileCacheLimit(), 1024 * kMiB);
    ana.setFileCacheLimit(350 * kKiB);
    QCOMPARE(ana.fileCacheLimit(), 350 * kKiB);
    for (const QByteArray *bytes : { &a, &b, &c })
        QVERIFY(fetch(ana, sha256Hex(*bytes), this).result.ok());
    QCOMPARE(ana.fileCacheSize(), 300 * kKiB);
    QVERIFY(!ana.cachedFile(sha256Hex(a)).isEmpty()); // a used last: b, c, a

    // Offline, the agent opens b (kept until online again) and replies with a new file d.
    ana.connection()->stop();
    ana.markFileOpened(sha256Hex(b)); // c, a, b
    const auto mine = ana.attachData(d, QStringLiteral("d.bin"), &error);
    QVERIFY2(mine, qPrintable(error));
    QVERIFY(!ana.reply(ticket, QStringLiteral("Y la mía"), { *mine }).isEmpty());
    // Over the cap: the least recently used goes, c; never b (opened offline) nor d (to send).
    QVERIFY(ana.cachedFile(sha256Hex(c)).isEmpty());
    QCOMPARE(ana.fileCacheSize(), 300 * kKiB);
    // A lower cap takes a too, and can take nothing more.
    ana.setFileCacheLimit(150 * kKiB);
    QVERIFY(ana.cachedFile(sha256Hex(a)).isEmpty());
    QCOMPARE(ana.fileCacheSize(), 200 * kKiB);
    const Fetched offline = fetch(ana, sha256Hex(c), this);
    QCOMPARE(offline.result.errorCode, int(FileFetch::Offline));
    QCOMPARE(readAll(ana.cachedFile(sha256Hex(b))), b);
    QCOMPARE(readAll(ana.cachedFile(sha256Hex(d))), d); // d used last: b, d

    // Online again: d is sent and held like any file, b no longer pinned: b goes.
    ana.connection()->start();
    QVERIFY(settled(ana));
    QTRY_VERIFY_WITH_TIMEOUT(ana.cachedFile(sha256Hex(b)).isEmpty(), 20000);
    QCOMPARE(readAll(ana.cachedFile(sha256Hex(d))), d);
    QCOMPARE(ana.fileCacheSize(), 100 * kKiB);
}

void FilesTest::anotherGroupIsRefusedAndOfflineSaysOffline()
{
    const qint64 ticket = newTicket(QStringLiteral("Contrato escaneado"));
    QVERIFY(ticket > 0);
    const QByteArray scan = randomBytes(30 * kKiB, 21);
    QString error;
    {
        Workspace ana;
        QVERIFY(ana.open(options(QStringLiteral("ana"), QStringLiteral("refused")), &error));
        QVERIFY(settled(ana));
        QTRY_VERIFY_WITH_TIMEOUT(ana.ticket(ticket).has_value(), 20000);
        const auto file = ana.attachData(scan, QStringLiteral("contrato.pdf"), &error);
        QVERIFY(!ana.addNote(ticket, QStringLiteral("Escaneado"), { *file }).isEmpty());
        QVERIFY(settled(ana));
    }
    // Bruno works in Network and may not see the ticket.
    Workspace bruno;
    QVERIFY(bruno.open(options(QStringLiteral("bruno"), QStringLiteral("refused")), &error));
    QVERIFY(settled(bruno));
    const Fetched refused = fetch(bruno, sha256Hex(scan), this);
    QVERIFY(!refused.result.ok());
    QCOMPARE(refused.result.errorCode, int(ErrorCode::Forbidden));
    const Fetched missing = fetch(bruno, sha256Hex(QByteArrayLiteral("nothing like it")), this);
    QCOMPARE(missing.result.errorCode, int(ErrorCode::NotFound));
    bruno.connection()->stop();
    const Fetched offline = fetch(bruno, sha256Hex(scan), this);
    QCOMPARE(offline.result.errorCode, int(FileFetch::Offline));
    QVERIFY(offline.result.path.isEmpty());
}

void FilesTest::anUploadTheServerForgotIsMadeAgainAndTheReplyConfirmed()
{
    // A desk that keeps finished uploads two seconds (a day by default; an upload without a
    // chunk for two seconds is dropped too, and keep may not be shorter): a console offline
    // for a week in a few seconds.
    ServerProcess server;
    Desk desk;
    QString error;
    QVERIFY2(seedDesk(server.dataDir(), &desk, &error), qPrintable(error));
    QVERIFY(server.start({ QStringLiteral("--upload-times"), QStringLiteral("2,2"),
        QStringLiteral("--file-limits"), QStringLiteral("1,2,3") }));
    const qint64 ticket = newTicket(QStringLiteral("Factura duplicada"), &server, &desk);
    QVERIFY(ticket > 0);
    const QByteArray invoice = randomBytes(80 * kKiB, 31);
    auto ana = std::make_unique<Workspace>();
    QVERIFY(ana->open(options(QStringLiteral("ana"), QStringLiteral("expired"), &server), &error));
    QVERIFY(settled(*ana));
    QTRY_VERIFY_WITH_TIMEOUT(ana->ticket(ticket).has_value(), 20000);
    // This desk's limits (1 MiB a file, 2 files and 3 MiB a message), told by hello.
    QCOMPARE(ana->fileLimits().fileBytes, kMiB);
    QCOMPARE(ana->fileLimits().filesPerMessage, 2);
    QCOMPARE(ana->fileLimits().messageBytes, 3 * kMiB);
    QVERIFY(!ana->attachData(randomBytes(kMiB + 1, 32), QStringLiteral("grande.bin"), &error));
    QVERIFY2(error.contains(QLatin1String("1 MiB")), qPrintable(error));
    const auto file = ana->attachData(invoice, QStringLiteral("factura.pdf"), &error);
    QVERIFY2(file, qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(ana->uploadedBytes(file->uploadId), invoice.size(), 20000);
    const qint64 doneAt = QDateTime::currentMSecsSinceEpoch();
    // The agent sends it after the server has let the finished upload go.
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > doneAt + 2200, 5000);
    QSignalSpy progress(ana.get(), &Workspace::uploadProgress);
    QVERIFY(!ana->reply(ticket, QStringLiteral("Adjunto la factura."), { *file }).isEmpty());
    QVERIFY(settled(*ana));
    QVERIFY2(ana->conflicts(ticket).isEmpty(), qPrintable(ana->conflicts(ticket).value(0).message));
    // It was made again (from nothing, since the server had forgotten it).
    bool again = false;
    for (const QList<QVariant> &p : std::as_const(progress))
        again = again || (p.at(0).toString() == file->uploadId && p.at(2).toLongLong() == 0);
    QVERIFY(again);
    int carrying = 0;
    for (const QJsonValue &v : serverArticles(ticket, &server)) {
        const QJsonArray files = v.toObject().value(QStringLiteral("attachments")).toArray();
        if (!files.isEmpty()
            && files.first().toObject().value(QStringLiteral("sha256")).toString()
                == sha256Hex(invoice))
            ++carrying;
    }
    QCOMPARE(carrying, 1);

    // The limits are remembered for a start without the server.
    ana.reset();
    server.stop();
    Workspace offline;
    QVERIFY(
        offline.open(options(QStringLiteral("ana"), QStringLiteral("expired"), &server), &error));
    QVERIFY(offline.state() != SyncEngine::State::Online);
    QCOMPARE(offline.fileLimits().fileBytes, kMiB);
    QCOMPARE(offline.fileLimits().filesPerMessage, 2);
}

void FilesTest::aDraftKeepsItsFilesAcrossReopening()
{
    // No server: the draft is the agent's, on this computer.
    Workspace::Options offline = options(QStringLiteral("ana"), QStringLiteral("draft"));
    offline.server.setPort(1);
    const QByteArray one = randomBytes(64 * kKiB, 41), two = pngBytes(12 * kKiB);
    QList<OutgoingFile> files;
    QString error;
    {
        Workspace w;
        QVERIFY(w.open(offline, &error));
        files << *w.attachData(one, QStringLiteral("uno.txt"), &error)
              << *w.attachData(two, QStringLiteral("dos.png"), &error);
        w.saveDraft(42, Draft { QStringLiteral("reply"), QStringLiteral("Le envío"), 1, files });
        // A file attached and dropped before the draft was saved does not come back.
        const auto dropped = w.attachData(randomBytes(kKiB, 43), QStringLiteral("no.txt"), &error);
        QVERIFY(dropped);
        w.discardFile(dropped->uploadId);
        QVERIFY(w.cachedFile(dropped->file.sha256).isEmpty());
    }
    Workspace w;
    QVERIFY(w.open(offline, &error));
    const std::optional<Draft> draft = w.draft(42);
    QVERIFY(draft);
    QCOMPARE(draft->body, QStringLiteral("Le envío"));
    QCOMPARE(draft->files, files);
    // A draft's files are never evicted, whatever the cap.
    w.setFileCacheLimit(0);
    QCOMPARE(readAll(w.cachedFile(files.at(0).file.sha256)), one);
    QCOMPARE(readAll(w.cachedFile(files.at(1).file.sha256)), two);
    QCOMPARE(w.fileCacheSize(), one.size() + two.size());
}

void FilesTest::aCopyThatChangedOrWentMissingIsNotHeld()
{
    Workspace::Options offline = options(QStringLiteral("ana"), QStringLiteral("damaged"));
    offline.server.setPort(1);
    const QByteArray one = randomBytes(20 * kKiB, 51), two = randomBytes(30 * kKiB, 52);
    Workspace w;
    QString error;
    QVERIFY(w.open(offline, &error));
    const auto first = w.attachData(one, QStringLiteral("uno.bin"), &error);
    const auto second = w.attachData(two, QStringLiteral("dos.bin"), &error);
    QVERIFY(first && second);
    QCOMPARE(w.fileCacheSize(), one.size() + two.size());
    // Something wrote over the first copy (the same size, later) and deleted the second.
    const QString path = w.cachedFile(first->file.sha256);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.write(randomBytes(one.size(), 53)) == one.size());
        QVERIFY(f.setFileTime(
            QDateTime::currentDateTimeUtc().addSecs(3600), QFileDevice::FileModificationTime));
    }
    QVERIFY(QFile::remove(w.cachedFile(second->file.sha256)));
    QVERIFY(w.cachedFile(first->file.sha256).isEmpty());
    QVERIFY(w.cachedFile(second->file.sha256).isEmpty());
    QCOMPARE(w.fileCacheSize(), qint64(0));
    // Attached again, it is held again.
    QVERIFY(w.attachData(one, QStringLiteral("uno.bin"), &error));
    QCOMPARE(readAll(w.cachedFile(first->file.sha256)), one);
}

QTEST_GUILESS_MAIN(FilesTest)
#include "tst_files.moc"

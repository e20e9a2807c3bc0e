// Files on tickets below the protocol: the rows (who may read a file, what a message may carry,
// what the collector may delete, at given instants) and the bytes in the data folder (placed
// once per content, never deleted while being placed, a crash's leftovers swept at start).

#include "deskfixture.h"
#include "testfiles.h"

#include "server/files/blobstore.h"
#include "server/files/filelimits.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Atiende::Test::sha256Hex;

namespace {
constexpr qint64 kNow = 1767225600000; // 2026-01-01
constexpr qint64 kDay = 24 * 3600 * 1000;

} // namespace

class AttachmentStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void whoMayReadAFile();
    void aMessageCarriesOnlyTheCallersFinishedUploads();
    void aMessageIsHeldToItsLimits();
    void collectionKeepsWhatIsNamedOrStillUnderWay();
    void theSameContentIsPlacedOnce();
    void aFileBeingPlacedIsNeverDeleted();
    void theSweepRemovesACrashsLeftoversOnly();

private:
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    // A finished upload of bytes by agent, kept until keepUntil.
    void finishedUpload(
        const QString &id, qint64 agent, const QByteArray &bytes, qint64 keepUntil = kNow + kDay);
    qint64 ticketIn(qint64 groupId, qint64 agent);
    OpResult note(qint64 agent, qint64 ticket, const QStringList &uploads,
        const FileLimits &limits = FileLimits());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
};

void AttachmentStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
}

void AttachmentStoreTest::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void AttachmentStoreTest::finishedUpload(
    const QString &id, qint64 agent, const QByteArray &bytes, qint64 keepUntil)
{
    const QString hash = sha256Hex(bytes);
    const OpResult r = m_store->transact([&] {
        AttachmentStore &files = m_store->attachments();
        const bool ok = files.insertUpload(UploadRecord { id, agent, id + QStringLiteral(".bin"),
                            qint64(bytes.size()), hash, kNow, 0, keepUntil })
            && files.completeUpload(id,
                FileRecord { hash, qint64(bytes.size()), QStringLiteral("text/plain"), kNow },
                keepUntil);
        return ok ? OpResult::success(QJsonValue())
                  : OpResult::failure(Protocol::ErrorCode::InternalError);
    });
    QVERIFY2(r.ok, qPrintable(m_store->sql().lastError()));
}

qint64 AttachmentStoreTest::ticketIn(qint64 groupId, qint64 agent)
{
    NewTicket n;
    n.subject = QStringLiteral("No arranca el portátil");
    n.groupId = groupId;
    const OpResult r
        = m_store->transact([&] { return m_store->tickets().create(caller(agent), n, kNow); });
    return r.ok ? qint64(r.result.toObject()
                             .value(QStringLiteral("ticket"))
                             .toObject()
                             .value(QStringLiteral("id"))
                             .toDouble())
                : 0;
}

OpResult AttachmentStoreTest::note(
    qint64 agent, qint64 ticket, const QStringList &uploads, const FileLimits &limits)
{
    return m_store->transact([&] {
        return m_store->tickets().addArticle(caller(agent), ticket, ArticleKind::InternalNote,
            QStringLiteral("Adjunto"), kNow + 1000, uploads, limits);
    });
}

void AttachmentStoreTest::whoMayReadAFile()
{
    const QByteArray bytes("registro de la VPN");
    finishedUpload(QStringLiteral("u1"), m_desk.ana, bytes);
    AttachmentStore &files = m_store->attachments();
    using A = AttachmentStore::Access;
    // Before any article carries it: its uploader (and admins) only.
    QCOMPARE(files.access(caller(m_desk.ana), sha256Hex(bytes)), A::Allowed);
    QCOMPARE(files.access(caller(m_desk.bruno), sha256Hex(bytes)), A::Forbidden);
    QCOMPARE(files.access(caller(m_desk.admin), sha256Hex(bytes)), A::Allowed);
    QCOMPARE(files.access(caller(m_desk.ana), sha256Hex("otra cosa")), A::NoSuchFile);
    // On a Service Desk ticket: its group's people; Network's agent still not.
    const qint64 ticket = ticketIn(m_desk.serviceDesk, m_desk.ana);
    QVERIFY(note(m_desk.ana, ticket, { QStringLiteral("u1") }).ok);
    QCOMPARE(files.access(caller(m_desk.lola), sha256Hex(bytes)), A::Allowed);
    QCOMPARE(files.access(caller(m_desk.bruno), sha256Hex(bytes)), A::Forbidden);
}

void AttachmentStoreTest::aMessageCarriesOnlyTheCallersFinishedUploads()
{
    const qint64 ticket = ticketIn(m_desk.serviceDesk, m_desk.ana);
    finishedUpload(QStringLiteral("mine"), m_desk.ana, "a");
    finishedUpload(QStringLiteral("lolas"), m_desk.lola, "b");
    finishedUpload(QStringLiteral("old"), m_desk.ana, "c", kNow); // expired by kNow + 1000
    QVERIFY(m_store
                ->transact([&] {
                    return m_store->attachments().insertUpload(UploadRecord {
                               QStringLiteral("half"), m_desk.ana, QStringLiteral("half.bin"), 10,
                               sha256Hex("0123456789"), kNow, 0, kNow + kDay })
                        ? OpResult::success(QJsonValue())
                        : OpResult::failure(Protocol::ErrorCode::InternalError);
                })
                .ok);
    for (const QString &bad : { QStringLiteral("lolas"), QStringLiteral("old"),
             QStringLiteral("half"), QStringLiteral("nobody") }) {
        const OpResult r = note(m_desk.ana, ticket, { QStringLiteral("mine"), bad });
        QVERIFY2(!r.ok, qPrintable(bad));
        QCOMPARE(r.error.code, Protocol::ErrorCode::ValidationFailed);
        QCOMPARE(r.error.data.value(QStringLiteral("uploadId")).toString(), bad);
    }
    const OpResult ok
        = note(m_desk.ana, ticket, { QStringLiteral("mine"), QStringLiteral("mine") });
    QVERIFY(ok.ok);
    const Article a
        = Article::fromJson(ok.result.toObject().value(QStringLiteral("article")).toObject());
    QCOMPARE(a.attachments.size(), 1);
    QCOMPARE(a.attachments.at(0).sha256, sha256Hex("a"));
    QCOMPARE(a.attachments.at(0).name, QStringLiteral("mine.bin"));
    // Stored with the article: read back the same.
    QCOMPARE(m_store->tickets().article(a.id)->attachments, a.attachments);
}

void AttachmentStoreTest::aMessageIsHeldToItsLimits()
{
    const qint64 ticket = ticketIn(m_desk.serviceDesk, m_desk.ana);
    finishedUpload(QStringLiteral("x"), m_desk.ana, QByteArray(600, 'x'));
    finishedUpload(QStringLiteral("y"), m_desk.ana, QByteArray(600, 'y'));
    FileLimits limits;
    limits.maxArticleFiles = 1;
    OpResult r = note(m_desk.ana, ticket, { QStringLiteral("x"), QStringLiteral("y") }, limits);
    QCOMPARE(r.error.data.value(QStringLiteral("limit")).toInt(), 1);
    limits.maxArticleFiles = 2;
    limits.maxArticleBytes = 1000;
    r = note(m_desk.ana, ticket, { QStringLiteral("x"), QStringLiteral("y") }, limits);
    QCOMPARE(r.error.code, Protocol::ErrorCode::ValidationFailed);
    QCOMPARE(qint64(r.error.data.value(QStringLiteral("limit")).toDouble()), 1000);
    limits.maxArticleBytes = 1200;
    QVERIFY(note(m_desk.ana, ticket, { QStringLiteral("x"), QStringLiteral("y") }, limits).ok);
}

void AttachmentStoreTest::collectionKeepsWhatIsNamedOrStillUnderWay()
{
    const qint64 ticket = ticketIn(m_desk.serviceDesk, m_desk.ana);
    finishedUpload(QStringLiteral("named"), m_desk.ana, "named");
    finishedUpload(QStringLiteral("orphan"), m_desk.ana, "orphan");
    QVERIFY(note(m_desk.ana, ticket, { QStringLiteral("named") }).ok);
    auto collect = [&](qint64 at) {
        QStringList gone;
        m_store->transact([&] {
            gone = m_store->attachments().collect(at);
            return OpResult::success(QJsonValue());
        });
        gone.sort();
        return gone;
    };
    // While their uploads are kept, nothing goes.
    QCOMPARE(collect(kNow + 1000), QStringList());
    // Once they expire, the file no article carries goes; the one a note carries stays.
    QCOMPARE(collect(kNow + 2 * kDay), QStringList { sha256Hex("orphan") });
    QVERIFY(m_store->attachments().file(sha256Hex("named")));
    QVERIFY(!m_store->attachments().file(sha256Hex("orphan")));
    QCOMPARE(collect(kNow + 3 * kDay), QStringList());
}

void AttachmentStoreTest::theSameContentIsPlacedOnce()
{
    BlobStore blobs(m_dir->filePath(QStringLiteral("files")));
    QString error;
    QVERIFY(blobs.prepare(&error));
    const QByteArray bytes("captura");
    for (const QString &id : { QStringLiteral("one"), QStringLiteral("two") }) {
        QFile part(blobs.partPathOf(id));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(bytes);
        part.close();
        QVERIFY2(blobs.place(part.fileName(), sha256Hex(bytes), &error), qPrintable(error));
        QVERIFY(!QFile::exists(part.fileName()));
    }
    QFile kept(blobs.pathOf(sha256Hex(bytes)));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes);
}

void AttachmentStoreTest::aFileBeingPlacedIsNeverDeleted()
{
    BlobStore blobs(m_dir->filePath(QStringLiteral("files")));
    QString error;
    QVERIFY(blobs.prepare(&error));
    const QString hash = sha256Hex("x");
    QFile part(blobs.partPathOf(QStringLiteral("p")));
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write("x");
    part.close();
    blobs.beginPlacing(hash);
    QVERIFY(blobs.place(part.fileName(), hash, &error));
    QVERIFY(!blobs.remove(hash)); // the collector's decision came too late: kept
    QVERIFY(blobs.contains(hash));
    blobs.endPlacing(hash);
    QVERIFY(blobs.remove(hash));
    QVERIFY(!blobs.contains(hash));
}

void AttachmentStoreTest::theSweepRemovesACrashsLeftoversOnly()
{
    BlobStore blobs(m_dir->filePath(QStringLiteral("files")));
    QString error;
    QVERIFY(blobs.prepare(&error));
    auto write = [](const QString &path) {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write("z") == 1;
    };
    const QString known = sha256Hex("known"), stray = sha256Hex("stray");
    QVERIFY(write(blobs.pathOf(known)));
    QVERIFY(write(blobs.pathOf(stray))); // renamed into place, its row never committed
    QVERIFY(write(blobs.partPathOf(QStringLiteral("open"))));
    QVERIFY(write(blobs.partPathOf(QStringLiteral("gone"))));
    QCOMPARE(blobs.sweep({ known }, { QStringLiteral("open") }), 2);
    QVERIFY(blobs.contains(known));
    QVERIFY(!blobs.contains(stray));
    QVERIFY(QFile::exists(blobs.partPathOf(QStringLiteral("open"))));
    QVERIFY(!QFile::exists(blobs.partPathOf(QStringLiteral("gone"))));
}

QTEST_GUILESS_MAIN(AttachmentStoreTest)
#include "tst_attachmentstore.moc"

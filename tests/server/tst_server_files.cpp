// Files on tickets through a real atiended: uploaded in chunks, resumed after a dropped
// connection or a crash, kept once per content, carried by replies and notes, and read back
// only by those who may see a ticket that carries them.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "testfiles.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtEndian>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kChunk = 512 * 1024;

int code(const Client::RpcReply &r)
{
    return r.ok ? 0 : int(r.error.code);
}

} // namespace

class ServerFilesTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void filesOfEverySizeGoUpAndComeBackWhole_data();
    void filesOfEverySizeGoUpAndComeBackWhole();
    void aFileOverTheLimitIsRefusedBeforeAnyByteIsSent();
    void aDroppedConnectionResumesWhereTheUploadStood();
    void theSameContentIsStoredOnceUnderEachName();
    void anAgentOfAnotherGroupCannotReadOrContinueIt();
    void aWrongHashIsRefusedAndNothingIsKept();
    void aServerKilledMidUploadKeepsNoHalfFileAndTheUploadResumes();
    void aStalledUploadIsDropped();
    void collectionDeletesWhatNothingNamesAndKeepsWhatAnArticleCarries();
    void aMessageOverItsLimitsIsRefusedByField();
    void aNoteMayCarryOnlyFilesButNotNothing();
    void namesLoseFoldersAndControlCharacters();
    void aNewTicketsDescriptionCarriesFiles();
    void binaryChunksCarryAFileOfTheLimitAndABinaryReadMatchesTheTextRead();
    void aBinaryMessageBeforeSigningInIsRefused();
    void aBinaryMessageNamingAnotherMethodIsRefusedAndChangesNothing();
    void aMalformedBinaryHeaderIsRefusedAndTheConnectionSurvives();
    void aBinaryChunkAtTheWrongOffsetIsRefused();
    void anOversizedBinaryMessageIsRefused();

private:
    bool startDesk(const QStringList &args = {});
    bool signIn(TestClient &client, const QString &login);
    qint64 newTicket(TestClient &client, qint64 groupId);
    // files.upload, then every chunk in order, one at a time; the final answer.
    Client::RpcReply upload(TestClient &client, const QString &id, const QString &name,
        const QByteArray &bytes, qint64 from = 0, qint64 until = -1);
    Client::RpcReply attach(TestClient &client, qint64 ticketId, const QStringList &uploadIds,
        const QString &body = QStringLiteral("Adjunto el registro."));
    QByteArray download(TestClient &client, const QString &hash, int *error = nullptr);
    // The same with binary chunks and binary reads (docs/protocol.md, "Binary frames").
    Client::RpcReply uploadBinary(
        TestClient &client, const QString &id, const QString &name, const QByteArray &bytes);
    QByteArray downloadBinary(TestClient &client, const QString &hash);
    QStringList storedFiles() const; // content files under files/, partial ones left out
    QStringList partialFiles() const;

    std::unique_ptr<ServerProcess> m_server;
    Desk m_desk;
};

void ServerFilesTest::init()
{
    m_server = std::make_unique<ServerProcess>();
}

void ServerFilesTest::cleanup()
{
    m_server.reset();
}

bool ServerFilesTest::startDesk(const QStringList &args)
{
    QString error;
    if (!seedDesk(m_server->dataDir(), &m_desk, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    return m_server->start(args);
}

bool ServerFilesTest::signIn(TestClient &client, const QString &login)
{
    return client.open(m_server->url()) && client.login(login, QStringLiteral("pw-") + login);
}

qint64 ServerFilesTest::newTicket(TestClient &client, qint64 groupId)
{
    const auto r = client.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("subject"), QStringLiteral("La impresora imprime páginas en blanco") },
            { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("groupId"), double(groupId) },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("description"), QStringLiteral("Desde esta mañana.") },
            { QStringLiteral("opId"), newOpId() } });
    if (!r.ok)
        qWarning().noquote() << "tickets.create:" << r.error.message;
    return qint64(r.object()
                      .value(QStringLiteral("ticket"))
                      .toObject()
                      .value(QStringLiteral("id"))
                      .toDouble());
}

Client::RpcReply ServerFilesTest::upload(TestClient &client, const QString &id, const QString &name,
    const QByteArray &bytes, qint64 from, qint64 until)
{
    Client::RpcReply r = client.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), id }, { QStringLiteral("name"), name },
            { QStringLiteral("size"), double(bytes.size()) },
            { QStringLiteral("sha256"), sha256Hex(bytes) } });
    if (!r.ok || r.object().value(QStringLiteral("complete")).toBool())
        return r;
    qint64 offset = from;
    const qint64 end = until < 0 ? bytes.size() : until;
    while (offset < end) {
        const QByteArray piece = bytes.mid(offset, qMin<qint64>(kChunk, end - offset));
        r = client.call(QStringLiteral("files.upload.chunk"),
            { { QStringLiteral("uploadId"), id }, { QStringLiteral("offset"), double(offset) },
                { QStringLiteral("data"), QString::fromLatin1(piece.toBase64()) } });
        if (!r.ok)
            return r;
        offset += piece.size();
    }
    return r;
}

Client::RpcReply ServerFilesTest::attach(
    TestClient &client, qint64 ticketId, const QStringList &uploadIds, const QString &body)
{
    return client.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(ticketId) },
            { QStringLiteral("kind"), QStringLiteral("note") }, { QStringLiteral("body"), body },
            { QStringLiteral("attachments"), QJsonArray::fromStringList(uploadIds) },
            { QStringLiteral("opId"), newOpId() } });
}

QByteArray ServerFilesTest::download(TestClient &client, const QString &hash, int *error)
{
    QByteArray out;
    for (;;) {
        const auto r = client.call(QStringLiteral("files.read"),
            { { QStringLiteral("sha256"), hash },
                { QStringLiteral("offset"), double(out.size()) } });
        if (!r.ok) {
            if (error)
                *error = int(r.error.code);
            return {};
        }
        out += QByteArray::fromBase64(
            r.object().value(QStringLiteral("data")).toString().toLatin1());
        if (r.object().value(QStringLiteral("eof")).toBool())
            return out;
    }
}

QStringList ServerFilesTest::storedFiles() const
{
    QStringList out;
    QDirIterator it(
        m_server->dataDir() + QStringLiteral("/files"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains(QStringLiteral("/partial/")))
            out << QFileInfo(path).fileName();
    }
    return out;
}

QStringList ServerFilesTest::partialFiles() const
{
    return QDir(m_server->dataDir() + QStringLiteral("/files/partial")).entryList(QDir::Files);
}

void ServerFilesTest::filesOfEverySizeGoUpAndComeBackWhole_data()
{
    QTest::addColumn<qint64>("size");
    QTest::newRow("empty") << qint64(0);
    QTest::newRow("one byte") << qint64(1);
    QTest::newRow("one chunk and a byte") << qint64(kChunk + 1);
    QTest::newRow("exactly the 25 MiB limit") << 25 * kMiB;
}

void ServerFilesTest::filesOfEverySizeGoUpAndComeBackWhole()
{
    QFETCH(qint64, size);
    QVERIFY(startDesk());
    TestClient ana, lola;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    QVERIFY(signIn(lola, QStringLiteral("lola")));
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    QVERIFY(ticket > 0);

    const QByteArray bytes = randomBytes(size, quint32(size) + 1);
    const auto done = upload(ana, QStringLiteral("up-1"), QStringLiteral("registro.bin"), bytes);
    QVERIFY2(done.ok, qPrintable(done.error.message));
    QCOMPARE(done.object().value(QStringLiteral("complete")).toBool(), true);
    const QJsonObject file = done.object().value(QStringLiteral("file")).toObject();
    QCOMPARE(file.value(QStringLiteral("sha256")).toString(), sha256Hex(bytes));
    QCOMPARE(qint64(file.value(QStringLiteral("size")).toDouble()), size);

    const auto note = attach(ana, ticket, { QStringLiteral("up-1") });
    QVERIFY2(note.ok, qPrintable(note.error.message));
    const QJsonArray carried = note.object()
                                   .value(QStringLiteral("article"))
                                   .toObject()
                                   .value(QStringLiteral("attachments"))
                                   .toArray();
    QCOMPARE(carried.size(), 1);
    QCOMPARE(carried.at(0).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("registro.bin"));

    // Lola leads the group: she reads it back whole, in pieces.
    int error = 0;
    const QByteArray back = download(lola, sha256Hex(bytes), &error);
    QCOMPARE(error, 0);
    QCOMPARE(back.size(), bytes.size());
    QVERIFY(back == bytes);
    // And the conversation names it for everyone who opens the ticket.
    const auto got
        = lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(ticket) } });
    QVERIFY(got.ok);
    const QJsonArray articles = got.object().value(QStringLiteral("articles")).toArray();
    QCOMPARE(articles.last().toObject().value(QStringLiteral("attachments")).toArray(), carried);
}

void ServerFilesTest::aFileOverTheLimitIsRefusedBeforeAnyByteIsSent()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const auto r = ana.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), QStringLiteral("big") },
            { QStringLiteral("name"), QStringLiteral("volcado.dmp") },
            { QStringLiteral("size"), double(25 * kMiB + 1) },
            { QStringLiteral("sha256"), sha256Hex("x") } });
    QCOMPARE(code(r), int(ErrorCode::ValidationFailed));
    QCOMPARE(r.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("size"));
    QCOMPARE(qint64(r.error.data.value(QStringLiteral("limit")).toDouble()), 25 * kMiB);
    QVERIFY(partialFiles().isEmpty());
}

void ServerFilesTest::aDroppedConnectionResumesWhereTheUploadStood()
{
    QVERIFY(startDesk());
    const QByteArray bytes = randomBytes(5 * kChunk + 100, 5);
    {
        TestClient ana;
        QVERIFY(signIn(ana, QStringLiteral("ana")));
        const auto part = upload(
            ana, QStringLiteral("resumable"), QStringLiteral("captura.png"), bytes, 0, 3 * kChunk);
        QVERIFY2(part.ok, qPrintable(part.error.message));
        QCOMPARE(qint64(part.object().value(QStringLiteral("received")).toDouble()), 3 * kChunk);
    } // the connection drops

    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const auto state = ana.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), QStringLiteral("resumable") },
            { QStringLiteral("name"), QStringLiteral("captura.png") },
            { QStringLiteral("size"), double(bytes.size()) },
            { QStringLiteral("sha256"), sha256Hex(bytes) } });
    QVERIFY(state.ok);
    QCOMPARE(qint64(state.object().value(QStringLiteral("received")).toDouble()), 3 * kChunk);
    QCOMPARE(state.object().value(QStringLiteral("complete")).toBool(), false);

    // A chunk from the wrong place is refused with where the upload stands.
    const auto wrong = ana.call(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("resumable") },
            { QStringLiteral("offset"), 0 },
            { QStringLiteral("data"), QString::fromLatin1(bytes.left(10).toBase64()) } });
    QCOMPARE(code(wrong), int(ErrorCode::ValidationFailed));
    QCOMPARE(qint64(wrong.error.data.value(QStringLiteral("expected")).toDouble()), 3 * kChunk);

    const auto rest = upload(
        ana, QStringLiteral("resumable"), QStringLiteral("captura.png"), bytes, 3 * kChunk);
    QVERIFY2(rest.ok, qPrintable(rest.error.message));
    QCOMPARE(rest.object().value(QStringLiteral("complete")).toBool(), true);
    QCOMPARE(download(ana, sha256Hex(bytes)), bytes);
    QVERIFY(partialFiles().isEmpty());
}

void ServerFilesTest::theSameContentIsStoredOnceUnderEachName()
{
    QVERIFY(startDesk());
    TestClient ana, lola;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    QVERIFY(signIn(lola, QStringLiteral("lola")));
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    const QByteArray bytes = randomBytes(kChunk * 2 + 7, 9);
    QVERIFY(upload(ana, QStringLiteral("a"), QStringLiteral("error.log"), bytes).ok);
    QVERIFY(upload(lola, QStringLiteral("b"), QStringLiteral("mismo-error.log"), bytes).ok);
    const auto first = attach(ana, ticket, { QStringLiteral("a") });
    const auto second = attach(lola, ticket, { QStringLiteral("b") });
    QVERIFY(first.ok && second.ok);
    QCOMPARE(storedFiles(), QStringList { sha256Hex(bytes) });
    auto nameOf = [](const Client::RpcReply &r) {
        return r.object()
            .value(QStringLiteral("article"))
            .toObject()
            .value(QStringLiteral("attachments"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("name"))
            .toString();
    };
    QCOMPARE(nameOf(first), QStringLiteral("error.log"));
    QCOMPARE(nameOf(second), QStringLiteral("mismo-error.log"));
}

void ServerFilesTest::anAgentOfAnotherGroupCannotReadOrContinueIt()
{
    QVERIFY(startDesk());
    TestClient ana, bruno, admin;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    QVERIFY(signIn(bruno, QStringLiteral("bruno")));
    QVERIFY(signIn(admin, QStringLiteral("admin")));
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    const QByteArray bytes = randomBytes(1000, 3);
    QVERIFY(upload(ana, QStringLiteral("private"), QStringLiteral("nómina.pdf"), bytes).ok);

    // Before any article carries it, only its uploader reads it.
    int error = 0;
    QVERIFY(download(bruno, sha256Hex(bytes), &error).isEmpty());
    QCOMPARE(error, int(ErrorCode::Forbidden));
    QCOMPARE(download(ana, sha256Hex(bytes)), bytes);

    QVERIFY(attach(ana, ticket, { QStringLiteral("private") }).ok);
    error = 0;
    QVERIFY(download(bruno, sha256Hex(bytes), &error).isEmpty());
    QCOMPARE(error, int(ErrorCode::Forbidden));
    QCOMPARE(download(admin, sha256Hex(bytes)), bytes);

    // Nor can Bruno attach Ana's upload, or write into an upload of hers.
    const qint64 network = newTicket(bruno, m_desk.network);
    const auto stolen = attach(bruno, network, { QStringLiteral("private") });
    QCOMPARE(code(stolen), int(ErrorCode::ValidationFailed));
    QCOMPARE(
        stolen.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("attachments"));
    QVERIFY(upload(
        ana, QStringLiteral("half"), QStringLiteral("x.bin"), randomBytes(kChunk * 2, 4), 0, kChunk)
                .ok);
    const auto intrude = bruno.call(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("half") },
            { QStringLiteral("offset"), double(kChunk) },
            { QStringLiteral("data"), QStringLiteral("AAAA") } });
    QCOMPARE(code(intrude), int(ErrorCode::NotFound));

    // A hash nobody stored.
    error = 0;
    download(ana, sha256Hex("nothing"), &error);
    QCOMPARE(error, int(ErrorCode::NotFound));
}

void ServerFilesTest::aWrongHashIsRefusedAndNothingIsKept()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const QByteArray bytes = randomBytes(kChunk + 10, 8);
    Client::RpcReply r = ana.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), QStringLiteral("liar") },
            { QStringLiteral("name"), QStringLiteral("factura.pdf") },
            { QStringLiteral("size"), double(bytes.size()) },
            { QStringLiteral("sha256"), sha256Hex("something else") } });
    QVERIFY(r.ok);
    r = ana.call(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("liar") }, { QStringLiteral("offset"), 0 },
            { QStringLiteral("data"), QString::fromLatin1(bytes.left(kChunk).toBase64()) } });
    QVERIFY(r.ok);
    r = ana.call(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("liar") },
            { QStringLiteral("offset"), double(kChunk) },
            { QStringLiteral("data"), QString::fromLatin1(bytes.mid(kChunk).toBase64()) } });
    QCOMPARE(code(r), int(ErrorCode::ValidationFailed));
    QCOMPARE(r.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("sha256"));
    QCOMPARE(r.error.data.value(QStringLiteral("actual")).toString(), sha256Hex(bytes));
    QVERIFY(storedFiles().isEmpty());
    QVERIFY(partialFiles().isEmpty());
    int error = 0;
    download(ana, sha256Hex("something else"), &error);
    QCOMPARE(error, int(ErrorCode::NotFound));
    // Bad base64 is refused by field.
    QVERIFY(upload(ana, QStringLiteral("b64"), QStringLiteral("a.txt"), "hola", 0, 0).ok);
    r = ana.call(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("b64") }, { QStringLiteral("offset"), 0 },
            { QStringLiteral("data"), QStringLiteral("no es base64!") } });
    QCOMPARE(code(r), int(ErrorCode::ValidationFailed));
    QCOMPARE(r.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("data"));
}

void ServerFilesTest::aServerKilledMidUploadKeepsNoHalfFileAndTheUploadResumes()
{
    QVERIFY(startDesk());
    const QByteArray bytes = randomBytes(4 * kChunk, 11);
    {
        TestClient ana;
        QVERIFY(signIn(ana, QStringLiteral("ana")));
        QVERIFY(
            upload(ana, QStringLiteral("crash"), QStringLiteral("dump.txt"), bytes, 0, 2 * kChunk)
                .ok);
    }
    m_server->kill();
    QVERIFY(m_server->start());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    // Nothing names a half file: it cannot be read or attached.
    int error = 0;
    download(ana, sha256Hex(bytes), &error);
    QCOMPARE(error, int(ErrorCode::NotFound));
    QVERIFY(storedFiles().isEmpty());
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    QCOMPARE(
        code(attach(ana, ticket, { QStringLiteral("crash") })), int(ErrorCode::ValidationFailed));
    // The upload goes on from what reached the disk (the server read its partial file back).
    const auto state = ana.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), QStringLiteral("crash") },
            { QStringLiteral("name"), QStringLiteral("dump.txt") },
            { QStringLiteral("size"), double(bytes.size()) },
            { QStringLiteral("sha256"), sha256Hex(bytes) } });
    QVERIFY(state.ok);
    const qint64 received = qint64(state.object().value(QStringLiteral("received")).toDouble());
    QVERIFY2(received >= 0 && received <= 2 * kChunk, qPrintable(QString::number(received)));
    const auto rest
        = upload(ana, QStringLiteral("crash"), QStringLiteral("dump.txt"), bytes, received);
    QVERIFY2(rest.ok, qPrintable(rest.error.message));
    QVERIFY(attach(ana, ticket, { QStringLiteral("crash") }).ok);
    QCOMPARE(download(ana, sha256Hex(bytes)), bytes);
}

void ServerFilesTest::aStalledUploadIsDropped()
{
    QVERIFY(startDesk({ QStringLiteral("--upload-times"), QStringLiteral("1,60") }));
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const QByteArray bytes = randomBytes(2 * kChunk, 12);
    QVERIFY(upload(ana, QStringLiteral("slow"), QStringLiteral("video.mp4"), bytes, 0, kChunk).ok);
    QCOMPARE(partialFiles().size(), 1);
    // Nothing more comes: the server drops it and its partial file.
    QTRY_VERIFY_WITH_TIMEOUT(partialFiles().isEmpty(), 10000);
    const auto late = ana.call(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("slow") },
            { QStringLiteral("offset"), double(kChunk) },
            { QStringLiteral("data"), QString::fromLatin1(bytes.mid(kChunk, 10).toBase64()) } });
    QCOMPARE(code(late), int(ErrorCode::NotFound));
    // Asking again starts it over.
    const auto again = upload(ana, QStringLiteral("slow"), QStringLiteral("video.mp4"), bytes);
    QVERIFY2(again.ok, qPrintable(again.error.message));
    QCOMPARE(again.object().value(QStringLiteral("complete")).toBool(), true);
}

void ServerFilesTest::collectionDeletesWhatNothingNamesAndKeepsWhatAnArticleCarries()
{
    // Finished uploads are kept one second: long enough to attach, short enough to test.
    QVERIFY(startDesk({ QStringLiteral("--upload-times"), QStringLiteral("1,1") }));
    const QByteArray kept = randomBytes(3000, 21), orphan = randomBytes(4000, 22);
    qint64 doneAt = 0;
    {
        TestClient ana;
        QVERIFY(signIn(ana, QStringLiteral("ana")));
        const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
        QVERIFY(upload(ana, QStringLiteral("kept"), QStringLiteral("kept.txt"), kept).ok);
        QVERIFY(attach(ana, ticket, { QStringLiteral("kept") }).ok);
        QVERIFY(upload(ana, QStringLiteral("orphan"), QStringLiteral("orphan.txt"), orphan).ok);
        doneAt = QDateTime::currentMSecsSinceEpoch();
    }
    QCOMPARE(storedFiles().size(), 2);
    // Once the orphan's upload has expired, the server's collection (at start, then hourly)
    // deletes it and keeps the file the note carries.
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > doneAt + 1100);
    m_server->stop();
    QVERIFY(m_server->start());
    QTRY_COMPARE(storedFiles(), QStringList { sha256Hex(kept) });
    TestClient lola;
    QVERIFY(signIn(lola, QStringLiteral("lola")));
    QCOMPARE(download(lola, sha256Hex(kept)), kept);
    int error = 0;
    download(lola, sha256Hex(orphan), &error);
    QCOMPARE(error, int(ErrorCode::NotFound));
}

void ServerFilesTest::aMessageOverItsLimitsIsRefusedByField()
{
    QVERIFY(startDesk({ QStringLiteral("--file-limits"), QStringLiteral("1,2,2") }));
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    for (int i = 0; i < 3; ++i)
        QVERIFY(upload(ana, QStringLiteral("f%1").arg(i), QStringLiteral("f%1.bin").arg(i),
            randomBytes(kMiB - i, quint32(30 + i)))
                    .ok);
    const auto three
        = attach(ana, ticket, { QStringLiteral("f0"), QStringLiteral("f1"), QStringLiteral("f2") });
    QCOMPARE(code(three), int(ErrorCode::ValidationFailed));
    QCOMPARE(
        three.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("attachments"));
    QCOMPARE(three.error.data.value(QStringLiteral("limit")).toInt(), 2);
    QVERIFY(attach(ana, ticket, { QStringLiteral("f0"), QStringLiteral("f1") }).ok);
    // 1 MiB + 1 MiB - 1 fits 2 MiB; a third file over a 1 MiB limit does not go up at all.
    const auto tooBig = ana.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), QStringLiteral("f3") },
            { QStringLiteral("name"), QStringLiteral("big.bin") },
            { QStringLiteral("size"), double(kMiB + 1) },
            { QStringLiteral("sha256"), sha256Hex("x") } });
    QCOMPARE(code(tooBig), int(ErrorCode::ValidationFailed));
    // The refused note left nothing behind: the ticket has one note with files.
    const auto got
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(ticket) } });
    int withFiles = 0;
    for (const QJsonValue &a : got.object().value(QStringLiteral("articles")).toArray())
        withFiles += a.toObject().contains(QStringLiteral("attachments")) ? 1 : 0;
    QCOMPARE(withFiles, 1);
}

void ServerFilesTest::aNoteMayCarryOnlyFilesButNotNothing()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    QVERIFY(upload(ana, QStringLiteral("shot"), QStringLiteral("pantalla.png"), "\x89PNG\r\n\x1a\n")
                .ok);
    const auto onlyFiles = attach(ana, ticket, { QStringLiteral("shot") }, QString());
    QVERIFY2(onlyFiles.ok, qPrintable(onlyFiles.error.message));
    const auto nothing = attach(ana, ticket, {}, QString());
    QCOMPARE(code(nothing), int(ErrorCode::ValidationFailed));
    QCOMPARE(nothing.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("body"));
}

void ServerFilesTest::namesLoseFoldersAndControlCharacters()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const auto r = upload(ana, QStringLiteral("named"),
        QStringLiteral("C:\\Users\\ana\\Desktop\\factura\u202Efdp.exe"), "MZ\x90\x00");
    QVERIFY(r.ok);
    const QJsonObject file = r.object().value(QStringLiteral("file")).toObject();
    QCOMPARE(file.value(QStringLiteral("name")).toString(), QStringLiteral("facturafdp.exe"));
    const auto empty = ana.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), QStringLiteral("dots") },
            { QStringLiteral("name"), QStringLiteral("../..") }, { QStringLiteral("size"), 1 },
            { QStringLiteral("sha256"), sha256Hex("x") } });
    QCOMPARE(code(empty), int(ErrorCode::ValidationFailed));
    QCOMPARE(empty.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("name"));
}

void ServerFilesTest::aNewTicketsDescriptionCarriesFiles()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const QByteArray log = "09:14:05 vpnclient: IKEv2 handshake failed (error 809)\n";
    QVERIFY(upload(ana, QStringLiteral("desc"), QStringLiteral("vpnclient.log"), log).ok);
    const auto r = ana.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("subject"), QStringLiteral("La VPN no conecta") },
            { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("attachments"), QJsonArray { QStringLiteral("desc") } },
            { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonArray articles = r.object().value(QStringLiteral("articles")).toArray();
    QCOMPARE(articles.size(), 1);
    const QJsonArray files
        = articles.at(0).toObject().value(QStringLiteral("attachments")).toArray();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.at(0).toObject().value(QStringLiteral("mediaType")).toString(),
        QStringLiteral("text/plain"));
    // Someone else's upload is refused, and no ticket is made.
    TestClient lola;
    QVERIFY(signIn(lola, QStringLiteral("lola")));
    const auto refused = lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("subject"), QStringLiteral("Copia") },
            { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
            { QStringLiteral("attachments"), QJsonArray { QStringLiteral("desc") } },
            { QStringLiteral("opId"), newOpId() } });
    QCOMPARE(code(refused), int(ErrorCode::ValidationFailed));
    const auto all = lola.call(QStringLiteral("tickets.query"), {});
    QCOMPARE(all.object().value(QStringLiteral("tickets")).toArray().size(), 1);
}

Client::RpcReply ServerFilesTest::uploadBinary(
    TestClient &client, const QString &id, const QString &name, const QByteArray &bytes)
{
    Client::RpcReply r = client.call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), id }, { QStringLiteral("name"), name },
            { QStringLiteral("size"), double(bytes.size()) },
            { QStringLiteral("sha256"), sha256Hex(bytes) } });
    qint64 offset = qint64(r.object().value(QStringLiteral("received")).toDouble());
    while (
        r.ok && !r.object().value(QStringLiteral("complete")).toBool() && offset < bytes.size()) {
        const QByteArray piece = bytes.mid(offset, qMin<qint64>(kChunk, bytes.size() - offset));
        r = client.callBinary(QStringLiteral("files.upload.chunk"),
            { { QStringLiteral("uploadId"), id }, { QStringLiteral("offset"), double(offset) } },
            piece);
        offset += piece.size();
    }
    return r;
}

QByteArray ServerFilesTest::downloadBinary(TestClient &client, const QString &hash)
{
    QByteArray out;
    for (;;) {
        const auto r = client.call(QStringLiteral("files.read"),
            { { QStringLiteral("sha256"), hash }, { QStringLiteral("offset"), double(out.size()) },
                { QStringLiteral("binary"), true } });
        if (!r.ok || r.object().contains(QStringLiteral("data")))
            return {};
        out += r.bytes;
        if (r.object().value(QStringLiteral("eof")).toBool())
            return out;
    }
}

namespace {

// A binary message by hand: the length, the JSON part, the bytes.
QByteArray binaryMessage(const QByteArray &json, const QByteArray &bytes = {})
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(json.size()), out.data());
    return out + json + bytes;
}

} // namespace

void ServerFilesTest::binaryChunksCarryAFileOfTheLimitAndABinaryReadMatchesTheTextRead()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const qint64 ticket = newTicket(ana, m_desk.serviceDesk);
    const QByteArray bytes = randomBytes(25 * kMiB, 77);
    const auto done
        = uploadBinary(ana, QStringLiteral("bin-1"), QStringLiteral("volcado.bin"), bytes);
    QVERIFY2(done.ok, qPrintable(done.error.message));
    QCOMPARE(done.object().value(QStringLiteral("complete")).toBool(), true);
    QCOMPARE(done.object().value(QStringLiteral("file")).toObject().value(QStringLiteral("sha256")),
        QJsonValue(sha256Hex(bytes)));
    QVERIFY(attach(ana, ticket, { QStringLiteral("bin-1") }).ok);
    const QByteArray binary = downloadBinary(ana, sha256Hex(bytes));
    QCOMPARE(binary.size(), bytes.size());
    QVERIFY(binary == bytes);
    QVERIFY(download(ana, sha256Hex(bytes)) == binary);
    // A piece in the middle, both ways.
    const QJsonObject piece { { QStringLiteral("sha256"), sha256Hex(bytes) },
        { QStringLiteral("offset"), double(3 * kMiB + 5) }, { QStringLiteral("length"), 1000 } };
    QJsonObject asBinary = piece;
    asBinary.insert(QStringLiteral("binary"), true);
    const auto text = ana.call(QStringLiteral("files.read"), piece);
    const auto raw = ana.call(QStringLiteral("files.read"), asBinary);
    QVERIFY(text.ok && raw.ok);
    QCOMPARE(raw.bytes,
        QByteArray::fromBase64(text.object().value(QStringLiteral("data")).toString().toLatin1()));
    QCOMPARE(raw.bytes, bytes.mid(3 * kMiB + 5, 1000));
    QVERIFY(!raw.object().contains(QStringLiteral("data")));
    // files.read may come as a binary message itself: answered in binary.
    const auto inBinary = ana.callBinary(QStringLiteral("files.read"), piece, QByteArray());
    QVERIFY2(inBinary.ok, qPrintable(inBinary.error.message));
    QCOMPARE(inBinary.bytes, raw.bytes);
}

void ServerFilesTest::aBinaryMessageBeforeSigningInIsRefused()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(ana.open(m_server->url()));
    QVERIFY(ana.hello());
    const auto r = ana.callBinary(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("x") }, { QStringLiteral("offset"), 0 } },
        QByteArray(100, 'a'));
    QCOMPARE(code(r), int(ErrorCode::Unauthenticated));
    // As with text, a message over the small limit before signing in closes the connection.
    ana.rpc().sendBinary(binaryMessage("{}", QByteArray(100 * 1024, 'a')));
    QVERIFY(ana.waitClosed());
    QCOMPARE(ana.closeCode(), 1009);
}

void ServerFilesTest::aBinaryMessageNamingAnotherMethodIsRefusedAndChangesNothing()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const auto before
        = ana.call(QStringLiteral("tickets.query"), { { QStringLiteral("limit"), 500 } });
    QVERIFY(before.ok);
    const auto r = ana.callBinary(QStringLiteral("tickets.create"),
        { { QStringLiteral("subject"), QStringLiteral("binario") },
            { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("opId"), newOpId() } },
        QByteArray("bytes"));
    QCOMPARE(code(r), int(ErrorCode::InvalidRequest));
    QCOMPARE(
        r.error.data.value(QStringLiteral("method")).toString(), QStringLiteral("tickets.create"));
    const auto after
        = ana.call(QStringLiteral("tickets.query"), { { QStringLiteral("limit"), 500 } });
    QCOMPARE(after.result, before.result);
    // files.upload (a method of files, but not one that takes bytes) is refused the same way.
    QCOMPARE(code(ana.callBinary(QStringLiteral("files.upload"), {}, QByteArray("x"))),
        int(ErrorCode::InvalidRequest));
}

void ServerFilesTest::aMalformedBinaryHeaderIsRefusedAndTheConnectionSurvives()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const auto errorCode = [](const QJsonObject &o) {
        return o.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
    };
    // Shorter than the length.
    QCOMPARE(errorCode(ana.sendRawBinary(QByteArray("\0\0", 2))), int(ErrorCode::ParseError));
    // A length past the message's end, and one over the header limit.
    QCOMPARE(errorCode(ana.sendRawBinary(binaryMessage("{}").replace(3, 1, "\x40"))),
        int(ErrorCode::ParseError));
    QByteArray huge = binaryMessage("{}", QByteArray(64 * 1024, ' '));
    qToBigEndian<quint32>(quint32(60 * 1024), huge.data());
    QCOMPARE(errorCode(ana.sendRawBinary(huge)), int(ErrorCode::ParseError));
    // Not JSON; JSON but not an object; a notification.
    QCOMPARE(
        errorCode(ana.sendRawBinary(binaryMessage("not json", "x"))), int(ErrorCode::ParseError));
    QCOMPARE(
        errorCode(ana.sendRawBinary(binaryMessage("[1,2]", "x"))), int(ErrorCode::InvalidRequest));
    QCOMPARE(errorCode(ana.sendRawBinary(binaryMessage(
                 R"({"jsonrpc":"2.0","method":"files.upload.chunk","params":{}})", "x"))),
        int(ErrorCode::InvalidRequest));
    QVERIFY(ana.isOpen());
    QVERIFY(ana.call(QStringLiteral("tickets.query")).ok);
}

void ServerFilesTest::aBinaryChunkAtTheWrongOffsetIsRefused()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const QByteArray bytes = randomBytes(kChunk + 100, 5);
    QVERIFY(ana.call(QStringLiteral("files.upload"),
                   { { QStringLiteral("uploadId"), QStringLiteral("off") },
                       { QStringLiteral("name"), QStringLiteral("a.bin") },
                       { QStringLiteral("size"), double(bytes.size()) },
                       { QStringLiteral("sha256"), sha256Hex(bytes) } })
                .ok);
    const auto wrong = ana.callBinary(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("off") }, { QStringLiteral("offset"), 10 } },
        bytes.left(kChunk));
    QCOMPARE(code(wrong), int(ErrorCode::ValidationFailed));
    QCOMPARE(wrong.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("offset"));
    QCOMPARE(wrong.error.data.value(QStringLiteral("expected")).toInt(), 0);
    // data beside bytes is refused; the right offset goes on.
    QCOMPARE(code(ana.callBinary(QStringLiteral("files.upload.chunk"),
                 { { QStringLiteral("uploadId"), QStringLiteral("off") },
                     { QStringLiteral("offset"), 0 },
                     { QStringLiteral("data"), QStringLiteral("eA==") } },
                 bytes.left(kChunk))),
        int(ErrorCode::InvalidParams));
    const auto first = ana.callBinary(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("off") }, { QStringLiteral("offset"), 0 } },
        bytes.left(kChunk));
    QVERIFY2(first.ok, qPrintable(first.error.message));
    QCOMPARE(first.object().value(QStringLiteral("received")).toInt(), kChunk);
    const auto last = ana.callBinary(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("off") },
            { QStringLiteral("offset"), kChunk } },
        bytes.mid(kChunk));
    QVERIFY2(last.ok, qPrintable(last.error.message));
    QCOMPARE(last.object().value(QStringLiteral("complete")).toBool(), true);
}

void ServerFilesTest::anOversizedBinaryMessageIsRefused()
{
    QVERIFY(startDesk());
    TestClient ana;
    QVERIFY(signIn(ana, QStringLiteral("ana")));
    const QByteArray bytes = randomBytes(kMiB, 6);
    QVERIFY(ana.call(QStringLiteral("files.upload"),
                   { { QStringLiteral("uploadId"), QStringLiteral("big") },
                       { QStringLiteral("name"), QStringLiteral("a.bin") },
                       { QStringLiteral("size"), double(bytes.size()) },
                       { QStringLiteral("sha256"), sha256Hex(bytes) } })
                .ok);
    // A chunk plus 16 KiB of JSON at most: one byte more is refused as a text frame over the
    // limit is, and nothing is written.
    const QJsonObject reply = ana.sendRawBinary(binaryMessage(
        R"({"jsonrpc":"2.0","id":"big","method":"files.upload.chunk","params":{"uploadId":"big","offset":0}})",
        bytes.left(kChunk + 16 * 1024 + 1)));
    QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(ErrorCode::FrameTooLarge));
    QVERIFY(ana.isOpen());
    // A chunk over chunkBytes that fits the message limit is refused by the upload.
    const auto tooLarge = ana.callBinary(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("big") }, { QStringLiteral("offset"), 0 } },
        bytes.left(kChunk + 1));
    QCOMPARE(code(tooLarge), int(ErrorCode::ValidationFailed));
    const auto ok = ana.callBinary(QStringLiteral("files.upload.chunk"),
        { { QStringLiteral("uploadId"), QStringLiteral("big") }, { QStringLiteral("offset"), 0 } },
        bytes.left(kChunk));
    QVERIFY2(ok.ok, qPrintable(ok.error.message));
}

QTEST_GUILESS_MAIN(ServerFilesTest)
#include "tst_server_files.moc"

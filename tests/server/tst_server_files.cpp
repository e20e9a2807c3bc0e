// Files on tickets through a real atiended: uploaded in chunks, resumed after a dropped
// connection or a crash, kept once per content, carried by replies and notes, and read back
// only by those who may see a ticket that carries them.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kChunk = 512 * 1024;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator g(seed);
    for (qint64 i = 0; i + 4 <= size; i += 4) {
        const quint32 v = g.generate();
        memcpy(out.data() + i, &v, 4);
    }
    for (qint64 i = size - size % 4; i < size; ++i)
        out[i] = char(g.generate());
    return out;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

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
            { QStringLiteral("sha256"), sha256(bytes) } });
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
    QCOMPARE(file.value(QStringLiteral("sha256")).toString(), sha256(bytes));
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
    const QByteArray back = download(lola, sha256(bytes), &error);
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
            { QStringLiteral("sha256"), sha256("x") } });
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
            { QStringLiteral("sha256"), sha256(bytes) } });
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
    QCOMPARE(download(ana, sha256(bytes)), bytes);
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
    QCOMPARE(storedFiles(), QStringList { sha256(bytes) });
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
    QVERIFY(download(bruno, sha256(bytes), &error).isEmpty());
    QCOMPARE(error, int(ErrorCode::Forbidden));
    QCOMPARE(download(ana, sha256(bytes)), bytes);

    QVERIFY(attach(ana, ticket, { QStringLiteral("private") }).ok);
    error = 0;
    QVERIFY(download(bruno, sha256(bytes), &error).isEmpty());
    QCOMPARE(error, int(ErrorCode::Forbidden));
    QCOMPARE(download(admin, sha256(bytes)), bytes);

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
    download(ana, sha256("nothing"), &error);
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
            { QStringLiteral("sha256"), sha256("something else") } });
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
    QCOMPARE(r.error.data.value(QStringLiteral("actual")).toString(), sha256(bytes));
    QVERIFY(storedFiles().isEmpty());
    QVERIFY(partialFiles().isEmpty());
    int error = 0;
    download(ana, sha256("something else"), &error);
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
    download(ana, sha256(bytes), &error);
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
            { QStringLiteral("sha256"), sha256(bytes) } });
    QVERIFY(state.ok);
    const qint64 received = qint64(state.object().value(QStringLiteral("received")).toDouble());
    QVERIFY2(received >= 0 && received <= 2 * kChunk, qPrintable(QString::number(received)));
    const auto rest
        = upload(ana, QStringLiteral("crash"), QStringLiteral("dump.txt"), bytes, received);
    QVERIFY2(rest.ok, qPrintable(rest.error.message));
    QVERIFY(attach(ana, ticket, { QStringLiteral("crash") }).ok);
    QCOMPARE(download(ana, sha256(bytes)), bytes);
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
    QTRY_COMPARE(storedFiles(), QStringList { sha256(kept) });
    TestClient lola;
    QVERIFY(signIn(lola, QStringLiteral("lola")));
    QCOMPARE(download(lola, sha256(kept)), kept);
    int error = 0;
    download(lola, sha256(orphan), &error);
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
            { QStringLiteral("sha256"), sha256("x") } });
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
            { QStringLiteral("sha256"), sha256("x") } });
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

QTEST_GUILESS_MAIN(ServerFilesTest)
#include "tst_server_files.moc"

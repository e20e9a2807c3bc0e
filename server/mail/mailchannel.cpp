#include "mailchannel.h"

#include "accountjson.h"

#include "server/files/blobstore.h"
#include "server/logging.h"
#include "server/platform/durablefile.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/files/filerules.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMimeDatabase>
#include <QPointer>
#include <QUuid>
#include <QtConcurrent>

namespace Atiende::Server::Mail {

MailChannel::MailChannel(MailSecrets secrets, BlobStore &blobs,
    std::function<void(WriteJob)> submit, Options options, QObject *parent)
    : QObject(parent)
    , m_secrets(std::move(secrets))
    , m_blobs(blobs)
    , m_submit(std::move(submit))
    , m_options(options)
{
    m_threading.tokenKey = m_secrets.tokenKey();
    m_threading.reopenDays = options.reopenDays;
    // Parsing and placing files: at most two batches at once, beside everything else.
    m_pool.setMaxThreadCount(2);
    m_pool.setObjectName(QStringLiteral("atiende-mail"));
}

MailChannel::~MailChannel()
{
    stop();
}

std::optional<ImapSettings> MailChannel::imapSettings(
    const MailAccountRow &account, const MailSecrets &secrets, QString *error)
{
    QString problem;
    ImapSettings s = imapFromJson(account.imap, &problem);
    if (!problem.isEmpty()) {
        *error = QStringLiteral("its IMAP settings are wrong: %1").arg(problem);
        return std::nullopt;
    }
    const std::optional<QString> password = secrets.unseal(account.imapSecret);
    if (!password) {
        *error = QStringLiteral("its password was sealed with another mail key; set it again");
        return std::nullopt;
    }
    s.password = *password;
    return s;
}

void MailChannel::start(const QList<MailAccountRow> &accounts)
{
    for (const MailAccountRow &a : accounts) {
        if (!a.enabled || a.imap.isEmpty())
            continue;
        QString error;
        const std::optional<ImapSettings> settings = imapSettings(a, m_secrets, &error);
        AccountState &state = m_states[a.id];
        state.since = Core::Timestamp::now();
        if (!settings) {
            state.state = ImapMailbox::State::Failed;
            state.detail = error;
            qCWarning(lcServer).noquote() << "mail: mailbox" << a.name << "not started:" << error;
            continue;
        }
        auto box = std::make_shared<Mailbox>();
        box->account = a;
        box->reader = std::make_unique<ImapMailbox>(a.id, *settings);
        connect(box->reader.get(), &ImapMailbox::batchReady, this, &MailChannel::onBatch);
        connect(box->reader.get(), &ImapMailbox::stateChanged, this,
            [this](qint64 id, ImapMailbox::State s, const QString &detail) {
                AccountState &st = m_states[id];
                if (st.state != s || st.detail != detail) {
                    st.state = s;
                    st.detail = detail;
                    st.since = Core::Timestamp::now();
                    if (s == ImapMailbox::State::Failed)
                        qCWarning(lcServer).noquote() << "mail: mailbox" << id << detail;
                    emit stateChanged(id, s, detail);
                }
            });
        m_mailboxes.insert(a.id, box);
        box->reader->start(a.uidValidity, a.lastUid);
        qCInfo(lcServer).noquote() << "mail: reading" << a.name << "after uid" << a.lastUid;
    }
}

void MailChannel::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (const auto &box : std::as_const(m_mailboxes))
        box->reader->stop();
    m_pool.waitForDone();
    m_mailboxes.clear();
}

void MailChannel::reload()
{
    if (m_stopped)
        return;
    auto accounts = std::make_shared<QList<MailAccountRow>>();
    WriteJob job;
    job.apply = [accounts](Store &s) {
        *accounts = s.mail().accounts();
        return OpResult::success(QJsonValue());
    };
    QPointer<MailChannel> self(this);
    job.done = [this, self, accounts](const OpResult &r) {
        if (!self || m_stopped || !r.ok)
            return;
        for (const auto &box : std::as_const(m_mailboxes))
            box->reader->stop();
        m_mailboxes.clear();
        m_states.clear();
        start(*accounts);
    };
    m_submit(std::move(job));
}

ArrivedMail MailChannel::prepare(quint32 uid, const QByteArray &raw) const
{
    ArrivedMail m;
    m.uid = uid;
    m.raw = raw;
    m.mail = MimeParser::parse(raw, m_secrets.loopId(), m_options.parse);
    const qint64 now = Core::Timestamp::now();
    for (const InboundFile &f : std::as_const(m.mail.files)) {
        const QString name = Core::Files::sanitiseName(f.name);
        if (f.bytes.size() > m_options.maxFileBytes) {
            m.notPlaced << name;
            continue;
        }
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(f.bytes, QCryptographicHash::Sha256).toHex());
        FileRecord record { sha, f.bytes.size(), QMimeDatabase().mimeTypeForData(f.bytes).name(),
            now };
        // Written whole and synced before any row names it, as an upload is.
        m_blobs.beginPlacing(sha);
        const QString part = m_blobs.partPathOf(
            QStringLiteral("mail-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QFile file(part);
        QString error;
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(f.bytes) == f.bytes.size()
            && Platform::syncFile(file);
        file.close();
        if (!ok || !m_blobs.place(part, sha, &error)) {
            QFile::remove(part);
            m_blobs.endPlacing(sha);
            m.notPlaced << name;
            continue;
        }
        Core::Attachment a;
        a.sha256 = sha;
        a.name = name;
        a.size = f.bytes.size();
        a.mediaType = record.mediaType;
        m.files << a;
        m.fileRecords << record;
    }
    return m;
}

void MailChannel::onBatch(
    qint64 accountId, quint32 uidValidity, const QList<FetchedMessage> &messages)
{
    const auto box = m_mailboxes.value(accountId);
    if (!box || m_stopped)
        return;
    QList<quint32> uids;
    for (const FetchedMessage &m : messages)
        uids << m.uid;
    QPointer<MailChannel> self(this);
    const MailAccountRow account = box->account;
    auto future
        = QtConcurrent::run(&m_pool, [this, messages] {
              QList<ArrivedMail> out;
              for (const FetchedMessage &m : messages) {
                  if (m.tooLarge) {
                      ArrivedMail a;
                      a.uid = m.uid;
                      a.raw = QByteArray();
                      a.mail.messageId
                          = QStringLiteral("uid.%1.too-large@atiende.invalid").arg(m.uid);
                      a.mail.subject = QStringLiteral("(a mail too large to read)");
                      a.mail.problems
                          << QStringLiteral("the mail has %1 bytes, over the limit").arg(m.size);
                      out << a;
                      continue;
                  }
                  out << prepare(m.uid, m.raw);
              }
              return out;
          });
    future.then(
        this, [this, self, accountId, uidValidity, uids, account](QList<ArrivedMail> arrived) {
            if (!self || m_stopped)
                return;
            write(account, uidValidity, std::move(arrived),
                [this, accountId, uidValidity, uids](
                    const IngestCounts &counts, const QString &error) {
                    const auto box = m_mailboxes.value(accountId);
                    if (!box)
                        return;
                    if (!error.isEmpty()) {
                        // Not acknowledged: the mailbox is read again from the last committed uid.
                        qCWarning(lcServer).noquote() << "mail: a batch of" << box->account.name
                                                      << "was not written:" << error;
                        box->reader->stop();
                        QTimer::singleShot(10000, this, [this, accountId] {
                            if (const auto b = m_mailboxes.value(accountId); b && !m_stopped)
                                b->reader->start(b->account.uidValidity, b->account.lastUid);
                        });
                        return;
                    }
                    box->account.uidValidity = uidValidity;
                    for (quint32 uid : uids)
                        box->account.lastUid = qMax(box->account.lastUid, uid);
                    m_states[accountId].messages += quint64(uids.size());
                    box->reader->acknowledge(uidValidity, uids);
                    emit ingested(accountId, counts);
                });
        });
}

void MailChannel::write(const MailAccountRow &account, quint32 uidValidity,
    QList<ArrivedMail> arrived, std::function<void(const IngestCounts &, const QString &)> done)
{
    auto counts = std::make_shared<IngestCounts>();
    QStringList placed;
    for (const ArrivedMail &m : std::as_const(arrived)) {
        for (const Core::Attachment &a : m.files)
            placed << a.sha256;
    }
    WriteJob job;
    const ThreadingSettings threading = m_threading;
    job.apply = [account, uidValidity, arrived = std::move(arrived), threading, counts](Store &s) {
        *counts = IngestCounts();
        return MailIngest::apply(
            s, account, uidValidity, arrived, threading, Core::Timestamp::now(), counts.get());
    };
    BlobStore *blobs = &m_blobs;
    job.done = [blobs, placed, counts, done = std::move(done)](const OpResult &r) {
        for (const QString &sha : placed)
            blobs->endPlacing(sha);
        done(*counts, r.ok ? QString() : r.error.message);
    };
    m_submit(std::move(job));
}

void MailChannel::ingest(const MailAccountRow &account, const QList<QByteArray> &messages,
    std::function<void(const IngestCounts &, const QString &error)> done)
{
    QPointer<MailChannel> self(this);
    auto future = QtConcurrent::run(&m_pool, [this, messages] {
        QList<ArrivedMail> out;
        for (const QByteArray &raw : messages)
            out << prepare(0, raw);
        return out;
    });
    MailAccountRow given = account;
    given.id = account.id;
    future.then(this, [this, self, given, done](QList<ArrivedMail> arrived) mutable {
        if (!self)
            return;
        MailAccountRow noPosition = given;
        write(noPosition, given.uidValidity, std::move(arrived), std::move(done));
    });
}

} // namespace Atiende::Server::Mail

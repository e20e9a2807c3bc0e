#pragma once
// The e-mail channel in the running server: one ImapMailbox per enabled desk mailbox, each
// batch parsed and its files put in the blob store off the main thread, then written as one
// job on the store's writer (MailIngest), and only after that commit acknowledged to the
// mailbox (flagged or moved on the IMAP server, the next batch fetched). Admins see each
// mailbox's state (states(), stateChanged).

#include "server/mail/imapmailbox.h"
#include "server/mail/mailingest.h"
#include "server/mail/mailsecrets.h"
#include "server/mail/mimeparser.h"
#include "server/store/mailstore.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Atiende::Server {
class BlobStore;
struct WriteJob;
} // namespace Atiende::Server

namespace Atiende::Server::Mail {

class MailChannel : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int reopenDays = 14;
        qint64 maxFileBytes = 25 * 1024 * 1024; // a mail's file over this is noted, not kept
        ParseLimits parse;
    };
    MailChannel(MailSecrets secrets, BlobStore &blobs, std::function<void(WriteJob)> submit,
        Options options, QObject *parent = nullptr);
    ~MailChannel() override;

    // One mailbox per enabled account with IMAP settings (the passwords unsealed here).
    void start(const QList<MailAccountRow> &accounts);
    void stop();
    // Reads the accounts again (on the writer, after what is queued) and restarts the
    // mailboxes: after an admin changed them.
    void reload();

    // Raw messages given by other means (the admin's import, the load tool): parsed, stored
    // and written like a batch from a mailbox, without a read position. done on this thread.
    void ingest(const MailAccountRow &account, const QList<QByteArray> &messages,
        std::function<void(const IngestCounts &, const QString &error)> done);

    struct AccountState
    {
        ImapMailbox::State state = ImapMailbox::State::Stopped;
        QString detail;
        qint64 since = 0;
        quint64 messages = 0; // written since the server started
    };
    QHash<qint64, AccountState> states() const { return m_states; }
    const MailSecrets &secrets() const { return m_secrets; }

    // The settings of an account with its password unsealed; nullopt when it cannot be.
    static std::optional<ImapSettings> imapSettings(
        const MailAccountRow &account, const MailSecrets &secrets, QString *error);

signals:
    void stateChanged(qint64 accountId, ImapMailbox::State state, const QString &detail);
    void ingested(qint64 accountId, const Atiende::Server::Mail::IngestCounts &counts);

private:
    struct Mailbox
    {
        MailAccountRow account;
        std::unique_ptr<ImapMailbox> reader;
    };
    void onBatch(qint64 accountId, quint32 uidValidity, const QList<FetchedMessage> &messages);
    void write(const MailAccountRow &account, quint32 uidValidity, QList<ArrivedMail> arrived,
        std::function<void(const IngestCounts &, const QString &)> done);
    ArrivedMail prepare(quint32 uid, const QByteArray &raw) const; // on the pool

    MailSecrets m_secrets;
    BlobStore &m_blobs;
    std::function<void(WriteJob)> m_submit;
    Options m_options;
    ThreadingSettings m_threading;
    QThreadPool m_pool;
    QHash<qint64, std::shared_ptr<Mailbox>> m_mailboxes;
    QHash<qint64, AccountState> m_states;
    bool m_stopped = false;
};

} // namespace Atiende::Server::Mail

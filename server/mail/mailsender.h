#pragma once
// Sends the outbox (MailStore): every second (and when kicked) the due mail is read on the
// writer with all it needs, composed (MimeWriter, our signed Message-ID, In-Reply-To and
// References of the ticket's mail, the subject tag, the loop header, the files from the blob
// store) and handed to the mailbox's SMTP server on a worker thread; the outcome is written
// back: sent (and remembered by Message-ID, so replies to it thread), or tried again with
// backoff, or given up after the last try or a permanent refusal, with an event on the ticket
// saying to whom it failed and why. A crash between the SMTP server's yes and the commit sends
// that mail again with the same Message-ID.

#include "server/mail/mailsecrets.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <functional>

namespace Atiende::Server {
class BlobStore;
struct WriteJob;
} // namespace Atiende::Server

namespace Atiende::Server::Mail {

class MailSender : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pollMs = 1000;
        QList<qint64> backoffMs { 60'000, 300'000, 1'800'000, 7'200'000, 21'600'000 };
        int batch = 20;
        QString tokenHost = QStringLiteral("atiende.invalid"); // Message-ID domain when the
                                                               // mailbox's address has none
    };
    MailSender(MailSecrets secrets, BlobStore &blobs, std::function<void(WriteJob)> submit,
        Options options, QObject *parent = nullptr);
    ~MailSender() override;

    void start();
    void stop(); // waits for the sends under way; their outcome is written if the writer runs
    void kick(); // look at the outbox now

    quint64 sent() const { return m_sent; }
    quint64 failures() const { return m_failures; }

signals:
    void mailSent(qint64 outboxId, const QString &messageId);
    void mailFailed(qint64 outboxId, const QString &error, bool final);

private:
    void poll();
    MailSecrets m_secrets;
    BlobStore &m_blobs;
    std::function<void(WriteJob)> m_submit;
    Options m_options;
    QTimer m_timer;
    QThreadPool m_pool;
    bool m_busy = false;
    bool m_again = false;
    bool m_stopped = false;
    quint64 m_sent = 0;
    quint64 m_failures = 0;
};

} // namespace Atiende::Server::Mail

#pragma once
// Reads one IMAP mailbox on a thread of its own (libetpan is blocking C): connects, signs in,
// selects the folder, fetches every message with a UID above the last one committed, in
// batches, and waits with IDLE (or polls where the server lacks IDLE) for more. One batch is
// out at a time: the next is fetched only after the owner has committed the previous one and
// called acknowledge(), and only then are those messages flagged \Seen (or moved to
// doneFolder) on the server. So nothing is read twice or skipped across crashes and restarts:
// the owner stores (uidValidity, lastUid) in the same transaction as the tickets.
//
// Errors (host down, wrong password, bad certificate, the folder missing) are reported with
// stateChanged and retried with backoff (1 s, doubling, at most 5 min), never stopping other
// accounts. The password never reaches a log or a signal, and is sent only once the server's
// certificate has been verified (libetpan's TLS accepts any: the chain is checked with Qt).

#include "mailaccount.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace Atiende::Server::Mail {

struct FetchedMessage
{
    quint32 uid = 0;
    QByteArray raw; // the whole message (BODY.PEEK[]), at most ParseLimits::maxMessageBytes;
                    // a larger one comes with raw empty and `tooLarge` set
    bool tooLarge = false;
    qint64 size = 0; // RFC822.SIZE
};

class ImapMailbox : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Stopped,
        Connecting,
        Fetching,
        Waiting, // IDLE or between polls, nothing to read
        Failed, // detail says why and when the next try is
    };
    Q_ENUM(State)

    ImapMailbox(qint64 accountId, ImapSettings settings, QObject *parent = nullptr);
    ~ImapMailbox() override; // stops and joins the thread

    // Starts reading after lastUid (0: from the first message) when the folder's UIDVALIDITY
    // is uidValidity; another UIDVALIDITY (the folder was recreated) means reading from the
    // first message again (duplicates are the owner's Message-ID check's business).
    void start(quint32 uidValidity, quint32 lastUid);
    void stop(); // ends IDLE or a backoff at once, logs out, joins the thread (a server that
                 // does not answer the logout has its connection shut after 0.3 s)

    // The batch with these uids is committed: flag or move them and fetch the next batch.
    // Acknowledge the whole batch, with the uidValidity it came with; after the folder was
    // recreated, an acknowledgement for the old UIDVALIDITY flags nothing (those UIDs now name
    // other messages) but still lets the next batch come.
    void acknowledge(quint32 uidValidity, const QList<quint32> &uids);

    qint64 accountId() const;
    State state() const;
    bool serverHasIdle() const; // known after the first connection

signals:
    // Delivered on the owner's thread. uidValidity: the folder's current one.
    void batchReady(qint64 accountId, quint32 uidValidity, QList<FetchedMessage> messages);
    // detail: plain English for admins ("sign-in refused by the server", "cannot reach
    // mail.example.com:993: connection refused; next try in 32 s").
    void stateChanged(qint64 accountId, ImapMailbox::State state, QString detail);

private:
    class Worker;
    std::unique_ptr<Worker> d;
};

// Checks the settings once (connect, TLS, sign in, the folder exists), blocking, for the admin
// command "mail test". Returns an empty string when all is well, else what failed. timeoutMs
// bounds the whole check, to the second (a name lookup excepted: the resolver has its own).
QString testImap(const ImapSettings &settings, int timeoutMs = 15000);

} // namespace Atiende::Server::Mail

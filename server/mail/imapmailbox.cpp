#include "imapmailbox.h"

#include "server/logging.h"
#include "server/mail/mimeparser.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QSslCertificate>
#include <QSslError>
#include <QThread>
#include <QWaitCondition>

#include <libetpan/libetpan.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <utility>

#if defined(Q_OS_UNIX)
// The reader waits on its socket and on a wake-up pipe together (poll), so IDLE, a connect
// and every pause end at once when the owner acknowledges a batch or stops the reader.
#define ATIENDE_IMAP_POLL 1
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#else
#define ATIENDE_IMAP_POLL 0
#endif

namespace Atiende::Server::Mail {

namespace {

constexpr int s_firstBackoffMs = 1000;
constexpr int s_maxBackoffMs = 5 * 60 * 1000;
// RFC 2177: a server may end an IDLE after 30 minutes; clients renew it before 29.
constexpr int s_maxIdleMs = 28 * 60 * 1000;
// A connection waiting for the owner's commit says NOOP this often, so no server drops it.
constexpr int s_keepAliveMs = 5 * 60 * 1000;
// IDLEs in a row that the server ended within a second without new mail: then it reconnects.
constexpr int s_maxFruitlessIdles = 10;
// Any one network step (connect, handshake, a command's answer) of the reader.
constexpr int s_networkTimeoutMs = 30 * 1000;
// stop(): how long the reader may take to log out before its socket is shut under it.
constexpr int s_stopGraceMs = 300;
// Bodies fetched in one command at most: libetpan holds a whole answer in memory while we copy
// it, so this bounds the doubling.
constexpr qint64 s_fetchChunkBytes = 16 * 1024 * 1024;

qint64 maxMessageBytes()
{
    return ParseLimits().maxMessageBytes;
}

QString hostPort(const ImapSettings &s)
{
    return QStringLiteral("%1:%2").arg(s.host).arg(s.port);
}

// A folder name as IMAP wants it on the wire: modified UTF-7 (RFC 3501, 5.1.3).
QByteArray mailboxName(const QString &name)
{
    QByteArray out;
    QString pending; // characters outside printable ASCII, encoded together
    const auto flush = [&] {
        if (pending.isEmpty())
            return;
        QByteArray utf16;
        for (const QChar c : std::as_const(pending)) {
            utf16 += char(c.unicode() >> 8);
            utf16 += char(c.unicode() & 0xff);
        }
        out += '&' + utf16.toBase64(QByteArray::OmitTrailingEquals).replace('/', ',') + '-';
        pending.clear();
    };
    for (const QChar c : name) {
        const ushort u = c.unicode();
        if (u >= 0x20 && u <= 0x7e) {
            flush();
            out += u == '&' ? QByteArray("&-") : QByteArray(1, char(u));
        } else {
            pending += c;
        }
    }
    flush();
    return out;
}

// ---------------------------------------------------------------------------------------------

// Wakes the reader's thread out of any wait: IDLE, a poll interval, a backoff, a connect.
class Waker
{
public:
    enum class Woke { Timeout, Woken, Ready, Error };

    Waker()
    {
#if ATIENDE_IMAP_POLL
        if (::pipe(m_pipe) != 0) {
            qCWarning(
                lcImap, "no wake-up pipe (%s): stopping waits for timeouts", std::strerror(errno));
            m_pipe[0] = m_pipe[1] = -1;
        }
        for (const int fd : m_pipe) {
            if (fd >= 0) {
                ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
                ::fcntl(fd, F_SETFD, FD_CLOEXEC);
            }
        }
#endif
    }
    ~Waker()
    {
#if ATIENDE_IMAP_POLL
        for (const int fd : m_pipe) {
            if (fd >= 0)
                ::close(fd);
        }
#endif
    }
    Q_DISABLE_COPY_MOVE(Waker)

    // Any thread.
    void wake()
    {
#if ATIENDE_IMAP_POLL
        const char byte = 1;
        // A full pipe (EAGAIN) already wakes the reader.
        [[maybe_unused]] const auto written = ::write(m_pipe[1], &byte, 1);
#else
        QMutexLocker lock(&m_mutex);
        m_woken = true;
        m_condition.wakeAll();
#endif
    }
    // The reader's thread, before it looks at what it was woken for: a wake-up after that look
    // ends the next wait at once.
    void drain()
    {
#if ATIENDE_IMAP_POLL
        char buffer[64];
        while (::read(m_pipe[0], buffer, sizeof buffer) > 0) { }
#else
        QMutexLocker lock(&m_mutex);
        m_woken = false;
#endif
    }
    // Until woken, ms have passed (negative: no limit), or fd is readable (writable with
    // forWrite). Without poll() the fd is not watched.
    Woke wait(int ms, int fd = -1, bool forWrite = false)
    {
#if ATIENDE_IMAP_POLL
        pollfd fds[2] = { { m_pipe[0], POLLIN, 0 }, { fd, short(forWrite ? POLLOUT : POLLIN), 0 } };
        const QDeadlineTimer deadline(ms < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(ms));
        for (;;) {
            const int r = ::poll(fds, fd >= 0 ? 2 : 1, int(deadline.remainingTime()));
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return Woke::Error;
            if (r == 0)
                return Woke::Timeout;
            if (fds[0].revents != 0)
                return Woke::Woken;
            return Woke::Ready; // also an error or hang-up: the next read says which
        }
#else
        Q_UNUSED(fd)
        Q_UNUSED(forWrite)
        QMutexLocker lock(&m_mutex);
        if (!m_woken)
            m_condition.wait(
                &m_mutex, ms < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(ms));
        return m_woken ? Woke::Woken : Woke::Timeout;
#endif
    }

private:
#if ATIENDE_IMAP_POLL
    int m_pipe[2] = { -1, -1 };
#else
    QMutex m_mutex;
    QWaitCondition m_condition;
    bool m_woken = false;
#endif
};

// ---------------------------------------------------------------------------------------------

// libetpan calls this while it sets up TLS: the server name for SNI (never an address).
void tlsContextCallback(mailstream_ssl_context *context, void *data)
{
    auto *serverName = static_cast<QByteArray *>(data);
    if (!serverName->isEmpty())
        mailstream_ssl_set_server_name(context, serverName->data());
}

// libetpan's TLS (GnuTLS on Debian) accepts any certificate. The chain the server presented is
// checked here instead, with Qt's X.509 verification (the system's authorities, validity dates,
// signatures, the host name against the subject alternative names), before the password is
// sent. caFile adds authorities of the site's own: a chain that ends in one of them is trusted.
// Qt's check only trusts the system's store, so a chain is given to it with the caFile
// certificates appended and the server's own self-signed ones left out; then "a self-signed
// certificate in the chain" can only be one from caFile, and that single complaint is accepted.
// A server's self-signed certificate is trusted when caFile holds that very certificate.
QString verifyCertificate(mailstream *stream, const ImapSettings &settings)
{
    QList<QSslCertificate> presented;
    if (carray *chain = mailstream_get_certificate_chain(stream)) {
        for (unsigned i = 0; i < carray_count(chain); ++i) {
            const auto *der = static_cast<MMAPString *>(carray_get(chain, i));
            presented << QSslCertificate(QByteArray(der->str, qsizetype(der->len)), QSsl::Der);
        }
        mailstream_certificate_chain_free(chain);
    }
    if (presented.isEmpty() || presented.constFirst().isNull())
        return QStringLiteral("certificate not trusted: %1 sent no certificate")
            .arg(hostPort(settings));

    QList<QSslError> errors = QSslCertificate::verify(presented, settings.host);
    if (errors.isEmpty())
        return QString();
    if (!settings.caFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(settings.caFile, QSsl::Pem);
        if (extra.isEmpty())
            return QStringLiteral("certificate not trusted: no certificate could be read from %1")
                .arg(settings.caFile);
        const QSslCertificate &leaf = presented.constFirst();
        QList<QSslCertificate> chain { leaf };
        for (qsizetype i = 1; i < presented.size(); ++i) {
            if (!presented.at(i).isSelfSigned())
                chain << presented.at(i);
        }
        chain += extra;
        errors = QSslCertificate::verify(chain, settings.host);
        errors.removeIf([&](const QSslError &e) {
            return e.error() == QSslError::SelfSignedCertificateInChain
                || (e.error() == QSslError::SelfSignedCertificate && extra.contains(leaf));
        });
        if (errors.isEmpty())
            return QString();
    }
    QStringList why;
    for (const QSslError &e : std::as_const(errors)) {
        if (!why.contains(e.errorString()))
            why << e.errorString();
    }
    return QStringLiteral("certificate not trusted: %1").arg(why.join(QStringLiteral("; ")));
}

// ---------------------------------------------------------------------------------------------

// One connection to the server and what the reader says on it. Blocking: used on the reader's
// thread, or on testImap's caller's. Every method returns an empty string when it succeeded,
// else what went wrong in plain English.
class ImapSession
{
public:
    enum class IdleEnd { Data, Woken, Timeout };

    // waker: ends waits early (may be null); onSocket: told the socket once it exists and -1
    // before it is closed (so another thread can shut it down when the server hangs).
    ImapSession(const ImapSettings &settings, Waker *waker, int timeoutMs,
        std::function<void(int)> onSocket)
        : m_settings(settings)
        , m_waker(waker)
        , m_timeoutMs(timeoutMs)
        , m_onSocket(std::move(onSocket))
        , m_imap(mailimap_new(0, nullptr))
    {
        if (QHostAddress(settings.host).isNull())
            m_serverName = settings.host.toUtf8();
    }
    ~ImapSession() { close(); }
    Q_DISABLE_COPY_MOVE(ImapSession)

    void setDeadline(QDeadlineTimer deadline) { m_deadline = deadline; }

    QString open()
    {
        if (!m_imap)
            return QStringLiteral("out of memory");
        if (m_settings.host.isEmpty())
            return QStringLiteral("no IMAP host is set");
        const time_t timeout = armTimeout();
        int r = 0;
#if ATIENDE_IMAP_POLL
        QString error;
        const int fd = connectSocket(&error);
        if (fd < 0)
            return error;
        mailstream *stream = m_settings.security == Security::Tls
            ? mailstream_ssl_open_with_callback_timeout(
                fd, timeout, tlsContextCallback, &m_serverName)
            : mailstream_socket_open_timeout(fd, timeout);
        if (!stream) {
            setSocket(-1);
            ::close(fd);
            return m_settings.security == Security::Tls
                ? QStringLiteral("TLS handshake with %1 failed").arg(hostPort(m_settings))
                : QStringLiteral("out of memory");
        }
        r = mailimap_connect(m_imap, stream); // the session owns the stream from here
#else
        const QByteArray host = m_settings.host.toUtf8();
        r = m_settings.security == Security::Tls
            ? mailimap_ssl_connect_with_callback(
                m_imap, host.constData(), m_settings.port, tlsContextCallback, &m_serverName)
            : mailimap_socket_connect(m_imap, host.constData(), m_settings.port);
#endif
        if (r != MAILIMAP_NO_ERROR_AUTHENTICATED && r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
            m_broken = true; // nothing more to say on it
#if !ATIENDE_IMAP_POLL
            if (r == MAILIMAP_ERROR_CONNECTION_REFUSED)
                return QStringLiteral("cannot reach %1").arg(hostPort(m_settings));
            if (r == MAILIMAP_ERROR_SSL)
                return QStringLiteral("TLS handshake with %1 failed").arg(hostPort(m_settings));
#endif
            return QStringLiteral("%1 did not greet as an IMAP server").arg(hostPort(m_settings));
        }
        const bool preauthenticated = r == MAILIMAP_NO_ERROR_AUTHENTICATED;
        if (m_settings.security == Security::Tls) {
            if (QString e = checkCertificate(); !e.isEmpty())
                return e;
        }
        if (QString e = refreshCapabilities(); !e.isEmpty())
            return e;
        if (m_settings.security == Security::StartTls) {
            // Required: a server (or someone between) that does not offer it gets no password.
            if (preauthenticated || !mailimap_has_extension(m_imap, "STARTTLS"))
                return QStringLiteral("%1 does not offer STARTTLS").arg(hostPort(m_settings));
            armTimeout();
            r = mailimap_socket_starttls_with_callback(m_imap, tlsContextCallback, &m_serverName);
            if (r != MAILIMAP_NO_ERROR)
                return QStringLiteral("STARTTLS with %1 failed").arg(hostPort(m_settings));
            if (QString e = checkCertificate(); !e.isEmpty())
                return e;
            // What was said before TLS may have been tampered with: ask again (RFC 3501 6.2.1).
            if (QString e = refreshCapabilities(); !e.isEmpty())
                return e;
        }
        if (!preauthenticated) {
            if (mailimap_has_extension(m_imap, "LOGINDISABLED"))
                return QStringLiteral("%1 does not allow signing in on this connection "
                                      "(LOGINDISABLED): use STARTTLS or TLS")
                    .arg(hostPort(m_settings));
            armTimeout();
            const QByteArray user = m_settings.user.toUtf8();
            QByteArray password = m_settings.password.toUtf8();
            r = mailimap_login(m_imap, user.constData(), password.constData());
            password.fill('\0');
            if (r == MAILIMAP_ERROR_STREAM)
                return lost();
            if (r != MAILIMAP_NO_ERROR)
                return QStringLiteral("sign-in refused by the server%1").arg(serverSaid());
            // The capabilities after sign-in are the ones that count (IDLE, MOVE...).
            if (QString e = refreshCapabilities(); !e.isEmpty())
                return e;
        }
        m_hasIdle = mailimap_has_idle(m_imap);
        m_hasMove = mailimap_has_extension(m_imap, "MOVE");
        m_hasUidPlus = mailimap_has_uidplus(m_imap);
        return QString();
    }

    QString select(quint32 *uidValidity, bool readOnly = false)
    {
        armTimeout();
        const QByteArray name = mailboxName(m_settings.folder);
        const int r = readOnly ? mailimap_examine(m_imap, name.constData())
                               : mailimap_select(m_imap, name.constData());
        if (r == MAILIMAP_ERROR_STREAM)
            return lost();
        if (r != MAILIMAP_NO_ERROR)
            return QStringLiteral("folder \"%1\" does not exist or cannot be opened%2")
                .arg(m_settings.folder, serverSaid());
        *uidValidity = selectedUidValidity();
        if (*uidValidity == 0)
            return QStringLiteral("the server gave folder \"%1\" no UIDVALIDITY")
                .arg(m_settings.folder);
        return QString();
    }

    quint32 selectedUidValidity() const
    {
        return m_imap->imap_selection_info ? m_imap->imap_selection_info->sel_uidvalidity : 0;
    }

    // The UIDs above lastUid, in order.
    QString searchAfter(quint32 lastUid, QList<quint32> *uids)
    {
        uids->clear();
        if (lastUid == std::numeric_limits<quint32>::max())
            return QString();
        armTimeout();
        // UID n:* also matches the highest UID when it is below n: filtered out below.
        mailimap_search_key *key
            = mailimap_search_key_new_uid(mailimap_set_new_interval(lastUid + 1, 0));
        clist *result = nullptr;
        const int r = mailimap_uid_search(m_imap, nullptr, key, &result);
        mailimap_search_key_free(key);
        if (r != MAILIMAP_NO_ERROR)
            return failed(r, QStringLiteral("searching for new mail"));
        for (clistiter *it = clist_begin(result); it; it = clist_next(it)) {
            const quint32 uid = *static_cast<uint32_t *>(clist_content(it));
            if (uid > lastUid)
                uids->append(uid);
        }
        mailimap_search_result_free(result);
        std::sort(uids->begin(), uids->end());
        return QString();
    }

    // Messages up to lastUid that were committed but never flagged or moved (the server was
    // killed between the commit and the flag): in the folder still and, when read mail is only
    // flagged, without \Seen.
    QString searchUnfinished(quint32 lastUid, QList<quint32> *uids)
    {
        uids->clear();
        if (lastUid == 0)
            return QString();
        armTimeout();
        mailimap_search_key *key = mailimap_search_key_new_multiple_empty();
        mailimap_search_key_multiple_add(
            key, mailimap_search_key_new_uid(mailimap_set_new_interval(1, lastUid)));
        if (m_settings.doneFolder.isEmpty())
            mailimap_search_key_multiple_add(key,
                mailimap_search_key_new(MAILIMAP_SEARCH_KEY_UNSEEN, nullptr, nullptr, nullptr,
                    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                    nullptr, nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0,
                    nullptr, nullptr, nullptr));
        clist *result = nullptr;
        const int r = mailimap_uid_search(m_imap, nullptr, key, &result);
        mailimap_search_key_free(key);
        if (r != MAILIMAP_NO_ERROR)
            return failed(r, QStringLiteral("searching for mail read but not flagged"));
        for (clistiter *it = clist_begin(result); it; it = clist_next(it)) {
            const quint32 uid = *static_cast<uint32_t *>(clist_content(it));
            if (uid <= lastUid)
                uids->append(uid);
        }
        mailimap_search_result_free(result);
        std::sort(uids->begin(), uids->end());
        return QString();
    }

    // The next batch from candidates (ascending): at most maxCount messages, and no more bodies
    // than maxMessageBytes together unless it is the first. *covered: the highest candidate
    // looked at (messages expunged meanwhile are simply missing from the batch).
    QString fetchBatch(const QList<quint32> &candidates, int maxCount, QList<FetchedMessage> *batch,
        quint32 *covered)
    {
        batch->clear();
        const QList<quint32> chunk = candidates.mid(0, qMax(1, maxCount));
        *covered = chunk.isEmpty() ? 0 : chunk.constLast();
        QHash<quint32, qint64> sizes;
        if (QString e = fetch(chunk, false,
                [&](quint32 uid, qint64 size, const QByteArray &) { sizes.insert(uid, size); });
            !e.isEmpty())
            return e;
        qint64 bytes = 0;
        for (const quint32 uid : chunk) {
            if (!sizes.contains(uid))
                continue; // expunged since the search
            FetchedMessage m;
            m.uid = uid;
            m.size = sizes.value(uid);
            m.tooLarge = m.size > maxMessageBytes();
            if (!m.tooLarge && !batch->isEmpty() && bytes + m.size > maxMessageBytes()) {
                *covered = batch->constLast().uid;
                break;
            }
            if (!m.tooLarge)
                bytes += m.size;
            batch->append(m);
        }
        // Bodies, in commands of a bounded size.
        QHash<quint32, QByteArray> bodies;
        QList<quint32> group;
        qint64 groupBytes = 0;
        const auto fetchGroup = [&]() -> QString {
            if (group.isEmpty())
                return QString();
            QString e = fetch(group, true,
                [&](quint32 uid, qint64, const QByteArray &raw) { bodies.insert(uid, raw); });
            group.clear();
            groupBytes = 0;
            return e;
        };
        for (const FetchedMessage &m : std::as_const(*batch)) {
            if (m.tooLarge)
                continue;
            if (!group.isEmpty() && groupBytes + m.size > s_fetchChunkBytes) {
                if (QString e = fetchGroup(); !e.isEmpty())
                    return e;
            }
            group << m.uid;
            groupBytes += m.size;
        }
        if (QString e = fetchGroup(); !e.isEmpty())
            return e;
        for (FetchedMessage &m : *batch)
            m.raw = bodies.value(m.uid);
        batch->removeIf([&](const FetchedMessage &m) {
            return !m.tooLarge && !bodies.contains(m.uid); // expunged between the two fetches
        });
        return QString();
    }

    // The owner committed these: \Seen, or moved to doneFolder.
    QString markDone(const QList<quint32> &uids)
    {
        if (uids.isEmpty())
            return QString();
        armTimeout();
        mailimap_set *set = uidSet(uids);
        QString error = addFlag(set, mailimap_flag_new_seen());
        if (error.isEmpty() && !m_settings.doneFolder.isEmpty()) {
            error = moveTo(set);
            if (!error.isEmpty() && !error.startsWith(lostPrefix()) && !m_triedCreate) {
                // The folder may simply not exist yet: make it once, then try again.
                m_triedCreate = true;
                armTimeout();
                mailimap_create(m_imap, mailboxName(m_settings.doneFolder).constData());
                error = moveTo(set);
            }
        }
        mailimap_set_free(set);
        return error;
    }

    QString noop()
    {
        armTimeout();
        const int r = mailimap_noop(m_imap);
        return r == MAILIMAP_NO_ERROR ? QString() : failed(r, QStringLiteral("NOOP"));
    }

    bool canIdle() const
    {
        return ATIENDE_IMAP_POLL && m_hasIdle && m_waker;
    }
    bool hasIdle() const
    {
        return m_hasIdle;
    }

    // IDLE for at most ms, ended early by the waker or anything the server says.
    QString idle(int ms, IdleEnd *end)
    {
        armTimeout();
        int r = mailimap_idle(m_imap);
        if (r != MAILIMAP_NO_ERROR)
            return failed(r, QStringLiteral("IDLE"));
        // Something may have come with the continuation and already sit in libetpan's buffer,
        // where poll() would not see it. (A TLS record GnuTLS has read but not yet handed over
        // is not seen either: rare, and the renewal after pollIntervalMs bounds the delay.)
        if (m_imap->imap_stream->read_buffer_len > 0) {
            *end = IdleEnd::Data;
        } else {
            switch (m_waker->wait(ms, mailimap_idle_get_fd(m_imap))) {
            case Waker::Woke::Timeout:
                *end = IdleEnd::Timeout;
                break;
            case Waker::Woke::Woken:
                *end = IdleEnd::Woken;
                break;
            case Waker::Woke::Ready:
            case Waker::Woke::Error:
                *end = IdleEnd::Data;
                break;
            }
        }
        armTimeout();
        r = mailimap_idle_done(m_imap);
        return r == MAILIMAP_NO_ERROR ? QString() : failed(r, QStringLiteral("IDLE"));
    }

    void logout()
    {
        if (m_imap && m_imap->imap_stream && !m_broken && !m_deadline.hasExpired()) {
            armTimeout(5000);
            mailimap_logout(m_imap); // closes the stream, answered or not
        }
        close();
    }

private:
    // The timeout of the next blocking step: the network timeout, or what is left before the
    // deadline. Returns it in seconds, as libetpan counts.
    time_t armTimeout(int capMs = -1)
    {
        qint64 ms = m_timeoutMs;
        if (!m_deadline.isForever())
            ms = qMin(ms, m_deadline.remainingTime());
        if (capMs >= 0)
            ms = qMin<qint64>(ms, capMs);
        const time_t seconds = time_t(qMax<qint64>(1, (ms + 999) / 1000));
        if (m_imap) {
            mailimap_set_timeout(m_imap, seconds); // for a STARTTLS handshake
            if (m_imap->imap_stream)
                mailstream_low_set_timeout(mailstream_get_low(m_imap->imap_stream), seconds);
        }
        return seconds;
    }

    // Tells onSocket of the connection (fd) or of its end (-1). What it is given is a duplicate
    // of the socket, closed here only after onSocket(-1) returned: libetpan closes its own
    // descriptor when it likes (a LOGOUT does), and the number must not be reused under a
    // shutdown() from another thread. Shutting the duplicate ends the connection all the same.
    void setSocket(int fd)
    {
#if ATIENDE_IMAP_POLL
        if (m_sharedSocket >= 0) {
            if (m_onSocket)
                m_onSocket(-1);
            ::close(m_sharedSocket);
            m_sharedSocket = -1;
        }
        if (fd >= 0 && m_onSocket) {
            m_sharedSocket = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
            if (m_sharedSocket >= 0)
                m_onSocket(m_sharedSocket);
        }
#else
        Q_UNUSED(fd)
#endif
    }

    void close()
    {
        setSocket(-1);
        if (m_imap) {
            // mailimap_free() would say LOGOUT first, and wait for an answer: logout() is
            // where that is wanted.
            if (m_imap->imap_stream) {
                mailstream_close(m_imap->imap_stream);
                m_imap->imap_stream = nullptr;
            }
            mailimap_free(m_imap);
            m_imap = nullptr;
        }
    }

#if ATIENDE_IMAP_POLL
    // A TCP connection, tried address by address, that the waker can interrupt.
    int connectSocket(QString *error)
    {
        addrinfo hints {};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *addresses = nullptr;
        const int gai = ::getaddrinfo(m_settings.host.toUtf8().constData(),
            QByteArray::number(m_settings.port).constData(), &hints, &addresses);
        if (gai != 0) {
            *error = QStringLiteral("cannot reach %1: %2")
                         .arg(hostPort(m_settings), QString::fromLocal8Bit(::gai_strerror(gai)));
            return -1;
        }
        QString why = QStringLiteral("no address");
        int connected = -1;
        for (addrinfo *a = addresses; a && connected < 0; a = a->ai_next) {
            const int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
            if (fd < 0) {
                why = QString::fromLocal8Bit(std::strerror(errno));
                continue;
            }
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
            const int flags = ::fcntl(fd, F_GETFL);
            ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
            setSocket(fd);
            int r = ::connect(fd, a->ai_addr, a->ai_addrlen);
            int err = r == 0 ? 0 : errno;
            if (err == EINPROGRESS) {
                const int ms = int(qMin<qint64>(m_timeoutMs,
                    m_deadline.isForever() ? m_timeoutMs : m_deadline.remainingTime()));
                const auto woke = m_waker ? m_waker->wait(ms, fd, true) : [&] {
                    pollfd p { fd, POLLOUT, 0 };
                    const int n = ::poll(&p, 1, ms);
                    return n > 0 ? Waker::Woke::Ready
                        : n == 0 ? Waker::Woke::Timeout
                                 : Waker::Woke::Error;
                }();
                if (woke == Waker::Woke::Ready) {
                    socklen_t len = sizeof err;
                    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                        err = errno;
                } else {
                    err = woke == Waker::Woke::Timeout ? ETIMEDOUT : EINTR;
                }
            }
            if (err == 0) {
                ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK); // libetpan wants it blocking
                connected = fd;
            } else {
                why = err == EINTR ? QStringLiteral("interrupted")
                                   : QString::fromLocal8Bit(std::strerror(err)).toLower();
                setSocket(-1);
                ::close(fd);
            }
        }
        ::freeaddrinfo(addresses);
        if (connected < 0)
            *error = QStringLiteral("cannot reach %1: %2").arg(hostPort(m_settings), why);
        return connected;
    }
#endif

    QString checkCertificate()
    {
        if (!m_settings.verifyPeer)
            return QString();
        return verifyCertificate(m_imap->imap_stream, m_settings);
    }

    QString refreshCapabilities()
    {
        armTimeout();
        mailimap_capability_data *data = nullptr;
        const int r = mailimap_capability(m_imap, &data);
        if (data)
            mailimap_capability_data_free(data); // libetpan keeps its own copy for has_extension
        return r == MAILIMAP_NO_ERROR ? QString() : failed(r, QStringLiteral("CAPABILITY"));
    }

    static mailimap_set *uidSet(const QList<quint32> &uids)
    {
        mailimap_set *set = mailimap_set_new_empty();
        for (const quint32 uid : uids)
            mailimap_set_add_single(set, uid);
        return set;
    }

    QString addFlag(mailimap_set *set, mailimap_flag *flag)
    {
        mailimap_flag_list *flags = mailimap_flag_list_new_empty();
        mailimap_flag_list_add(flags, flag);
        mailimap_store_att_flags *store = mailimap_store_att_flags_new_add_flags_silent(flags);
        const int r = mailimap_uid_store(m_imap, set, store);
        mailimap_store_att_flags_free(store);
        return r == MAILIMAP_NO_ERROR ? QString() : failed(r, QStringLiteral("flagging read mail"));
    }

    QString moveTo(mailimap_set *set)
    {
        armTimeout();
        const QByteArray folder = mailboxName(m_settings.doneFolder);
        const QString what
            = QStringLiteral("moving read mail to folder \"%1\"").arg(m_settings.doneFolder);
        if (m_hasMove) {
            const int r = mailimap_uid_move(m_imap, set, folder.constData());
            return r == MAILIMAP_NO_ERROR ? QString() : failed(r, what);
        }
        int r = mailimap_uid_copy(m_imap, set, folder.constData());
        if (r != MAILIMAP_NO_ERROR)
            return failed(r, what);
        if (QString e = addFlag(set, mailimap_flag_new_deleted()); !e.isEmpty())
            return e;
        // Without UIDPLUS, EXPUNGE also removes what others flagged \Deleted, as any client
        // without it would.
        r = m_hasUidPlus ? mailimap_uid_expunge(m_imap, set) : mailimap_expunge(m_imap);
        return r == MAILIMAP_NO_ERROR ? QString() : failed(r, what);
    }

    // Reads one FETCH (UID and RFC822.SIZE, or UID and the whole body) and hands each message
    // to `each`.
    QString fetch(const QList<quint32> &uids, bool bodies,
        const std::function<void(quint32, qint64, const QByteArray &)> &each)
    {
        if (uids.isEmpty())
            return QString();
        armTimeout();
        mailimap_set *set = uidSet(uids);
        mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att_list_empty();
        mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_uid());
        if (bodies)
            mailimap_fetch_type_new_fetch_att_list_add(
                type, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nullptr)));
        else
            mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_rfc822_size());
        clist *result = nullptr;
        const int r = mailimap_uid_fetch(m_imap, set, type, &result);
        mailimap_fetch_type_free(type);
        mailimap_set_free(set);
        if (r != MAILIMAP_NO_ERROR)
            return failed(r, QStringLiteral("fetching mail"));
        for (clistiter *it = clist_begin(result); it; it = clist_next(it)) {
            const auto *att = static_cast<mailimap_msg_att *>(clist_content(it));
            quint32 uid = 0;
            qint64 size = -1;
            QByteArray raw;
            bool hasBody = false;
            for (clistiter *i = clist_begin(att->att_list); i; i = clist_next(i)) {
                const auto *item = static_cast<mailimap_msg_att_item *>(clist_content(i));
                if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
                    continue;
                const mailimap_msg_att_static *s = item->att_data.att_static;
                switch (s->att_type) {
                case MAILIMAP_MSG_ATT_UID:
                    uid = s->att_data.att_uid;
                    break;
                case MAILIMAP_MSG_ATT_RFC822_SIZE:
                    size = s->att_data.att_rfc822_size;
                    break;
                case MAILIMAP_MSG_ATT_BODY_SECTION:
                    if (const auto *section = s->att_data.att_body_section) {
                        hasBody = true;
                        if (section->sec_body_part)
                            raw = QByteArray(
                                section->sec_body_part, qsizetype(section->sec_length));
                    }
                    break;
                default:
                    break;
                }
            }
            // An unsolicited FETCH (a flag change by another client) has no UID or not what we
            // asked for.
            if (uid != 0 && (bodies ? hasBody : size >= 0))
                each(uid, size, raw);
        }
        mailimap_fetch_list_free(result);
        return QString();
    }

    QString serverSaid() const
    {
        const QString text
            = QString::fromUtf8(m_imap ? m_imap->imap_response : nullptr).simplified().left(200);
        return text.isEmpty() ? QString() : QStringLiteral(" (the server said: %1)").arg(text);
    }
    QString lostPrefix() const
    {
        return QStringLiteral("connection to %1 lost").arg(hostPort(m_settings));
    }
    QString lost()
    {
        m_broken = true; // no LOGOUT on it
        return lostPrefix();
    }
    QString failed(int r, const QString &what)
    {
        if (r == MAILIMAP_ERROR_STREAM)
            return lost();
        if (r == MAILIMAP_ERROR_PARSE)
            return QStringLiteral("unreadable answer from %1 while %2")
                .arg(hostPort(m_settings), what);
        return QStringLiteral("%1 failed%2").arg(what, serverSaid());
    }

    const ImapSettings m_settings;
    Waker *const m_waker;
    const int m_timeoutMs;
    std::function<void(int)> m_onSocket;
    mailimap *m_imap = nullptr;
    QByteArray m_serverName; // SNI; empty for an address
    QDeadlineTimer m_deadline { QDeadlineTimer::Forever };
    int m_sharedSocket = -1; // see setSocket()
    bool m_broken = false;
    bool m_hasIdle = false;
    bool m_hasMove = false;
    bool m_hasUidPlus = false;
    bool m_triedCreate = false;
};

} // namespace

// ---------------------------------------------------------------------------------------------

class ImapMailbox::Worker
{
public:
    Worker(ImapMailbox *q, qint64 accountId, ImapSettings settings)
        : q(q)
        , accountId(accountId)
        , settings(std::move(settings))
    {
    }

    ImapMailbox *const q;
    const qint64 accountId;
    const ImapSettings settings;

    // The owner's thread only.
    State state = State::Stopped;
    QString detail;
    bool serverHasIdle = false;
    quint64 generation = 0; // what a stopped run posted and is not yet delivered is dropped
    std::unique_ptr<QThread> thread;

    // Shared with the reader's thread.
    struct Ack
    {
        quint32 uidValidity = 0;
        QList<quint32> uids;
    };
    QMutex mutex;
    bool stopRequested = false;
    std::optional<Ack> ack;
    int liveSocket = -1;
    Waker waker;

    void setState(State s, const QString &why)
    {
        if (s == state && why == detail)
            return;
        state = s;
        detail = why;
        emit q->stateChanged(accountId, s, why);
    }

    // Stops and joins the reader's thread, dropping what it posted; emits nothing.
    void join()
    {
        if (!thread)
            return;
        {
            QMutexLocker lock(&mutex);
            stopRequested = true;
        }
        waker.wake();
        if (!thread->wait(s_stopGraceMs)) {
            // The server does not answer the logout (or a command in flight): end the
            // connection under the reader, which then ends at once.
            {
                QMutexLocker lock(&mutex);
#if ATIENDE_IMAP_POLL
                if (liveSocket >= 0)
                    ::shutdown(liveSocket, SHUT_RDWR);
#endif
            }
            thread->wait();
        }
        thread.reset();
        ++generation;
    }

    // --- the reader's thread ---

    struct Progress
    {
        quint32 uidValidity = 0;
        quint32 lastUid = 0;
        // The batch out with the owner: its folder's UIDVALIDITY and highest UID.
        std::optional<std::pair<quint32, quint32>> outstanding;
        int backoffMs = s_firstBackoffMs;
    };

    bool stopping()
    {
        QMutexLocker lock(&mutex);
        return stopRequested;
    }

    void post(quint64 gen, std::function<void(Worker &)> what)
    {
        QMetaObject::invokeMethod(
            q,
            [this, gen, what = std::move(what)] {
                if (gen == generation)
                    what(*this);
            },
            Qt::QueuedConnection);
    }
    void report(quint64 gen, State s, const QString &why = QString())
    {
        post(gen, [s, why](Worker &w) { w.setState(s, why); });
    }

    void run(quint64 gen, quint32 uidValidity, quint32 lastUid)
    {
#if ATIENDE_IMAP_POLL
        // A write to a connection the server closed must fail (EPIPE), not end the process.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
#endif
        Progress p;
        p.uidValidity = uidValidity;
        p.lastUid = lastUid;
        while (!stopping()) {
            report(gen, State::Connecting);
            ImapSession session(settings, &waker, s_networkTimeoutMs, [this](int fd) {
                QMutexLocker lock(&mutex);
                liveSocket = fd;
            });
            QString error = session.open();
            quint32 validity = 0;
            if (error.isEmpty())
                error = session.select(&validity);
            if (error.isEmpty()) {
                qCDebug(lcImap, "account %lld: signed in to %s, folder \"%s\" UIDVALIDITY %u%s",
                    accountId, qPrintable(hostPort(settings)), qPrintable(settings.folder),
                    validity, session.hasIdle() ? ", IDLE" : "");
                const bool idle = session.hasIdle();
                post(gen, [idle](Worker &w) { w.serverHasIdle = idle; });
                if (validity != p.uidValidity) {
                    if (p.uidValidity != 0)
                        qCInfo(lcImap,
                            "account %lld: folder \"%s\" has a new UIDVALIDITY (%u, was %u): "
                            "reading it from its first message again",
                            accountId, qPrintable(settings.folder), validity, p.uidValidity);
                    p.uidValidity = validity;
                    p.lastUid = 0;
                }
                error = finishCommitted(session, p);
                if (error.isEmpty())
                    error = serve(gen, session, p);
            }
            if (stopping()) {
                session.logout();
                break;
            }
            const int seconds = p.backoffMs / 1000;
            const QString why = QStringLiteral("%1; next try in %2")
                                    .arg(error,
                                        seconds < 120 ? QStringLiteral("%1 s").arg(seconds)
                                                      : QStringLiteral("%1 min").arg(seconds / 60));
            qCWarning(lcImap, "account %lld (%s): %s", accountId, qPrintable(hostPort(settings)),
                qPrintable(why));
            report(gen, State::Failed, why);
            session.logout();
            pause(p.backoffMs);
            p.backoffMs = qMin(p.backoffMs * 2, s_maxBackoffMs);
        }
    }

    // Waits ms unless stopped; acknowledgements wait for the next connection.
    void pause(int ms)
    {
        const QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            waker.drain();
            if (stopping())
                return;
            waker.wait(int(deadline.remainingTime()));
        }
    }

    // What was committed before a crash but never flagged or moved is flagged or moved now.
    QString finishCommitted(ImapSession &session, const Progress &p)
    {
        QList<quint32> uids;
        if (QString e = session.searchUnfinished(p.lastUid, &uids); !e.isEmpty())
            return e;
        if (uids.isEmpty())
            return QString();
        qCInfo(lcImap, "account %lld: %lld message(s) committed before a restart marked read now",
            accountId, qlonglong(uids.size()));
        return session.markDone(uids);
    }

    // Reads the folder until the connection fails (its reason) or the reader stops ("").
    QString serve(quint64 gen, ImapSession &session, Progress &p)
    {
        const int idleMs = qBound(1000, settings.pollIntervalMs, s_maxIdleMs);
        // A server may answer every IDLE at once with something that is no new mail (Dovecot
        // repeats "* NO Internal error" on a session whose folder was rebuilt under it): after
        // a few in a row the connection is made anew, with backoff, rather than spinning.
        bool idleEndedAtOnce = false;
        int fruitlessIdles = 0;
        for (;;) {
            waker.drain();
            std::optional<Ack> acked;
            {
                QMutexLocker lock(&mutex);
                if (stopRequested)
                    return QString();
                acked = std::exchange(ack, std::nullopt);
            }
            if (acked) {
                if (!p.outstanding || acked->uidValidity != p.outstanding->first) {
                    qCWarning(lcImap, "account %lld: an acknowledgement for no batch out ignored",
                        accountId);
                } else {
                    // A batch read before the folder was recreated: its UIDs now name other
                    // messages (or none), so nothing is flagged.
                    if (p.outstanding->first == p.uidValidity) {
                        if (QString e = session.markDone(acked->uids); !e.isEmpty()) {
                            QMutexLocker lock(&mutex);
                            if (!ack)
                                ack = acked; // flagged after reconnecting
                            return e;
                        }
                        p.lastUid = qMax(p.lastUid, p.outstanding->second);
                    }
                    p.outstanding.reset();
                }
            }
            if (p.outstanding) {
                // One batch out at a time: wait for its acknowledgement.
                if (waker.wait(s_keepAliveMs) == Waker::Woke::Timeout) {
                    if (QString e = session.noop(); !e.isEmpty())
                        return e;
                }
                continue;
            }
            report(gen, State::Fetching);
            QList<quint32> uids;
            if (QString e = session.searchAfter(p.lastUid, &uids); !e.isEmpty())
                return e;
            fruitlessIdles = idleEndedAtOnce && uids.isEmpty() ? fruitlessIdles + 1 : 0;
            idleEndedAtOnce = false;
            if (fruitlessIdles >= s_maxFruitlessIdles)
                return QStringLiteral("%1 keeps ending IDLE at once without new mail")
                    .arg(hostPort(settings));
            if (!uids.isEmpty()) {
                QList<FetchedMessage> batch;
                quint32 covered = 0;
                if (QString e = session.fetchBatch(uids, settings.batchSize, &batch, &covered);
                    !e.isEmpty())
                    return e;
                if (batch.isEmpty()) {
                    p.lastUid = qMax(p.lastUid, covered); // all expunged meanwhile
                    continue;
                }
                qCDebug(lcImap, "account %lld: a batch of %lld (UIDs %u to %u)", accountId,
                    qlonglong(batch.size()), batch.constFirst().uid, batch.constLast().uid);
                p.outstanding = std::pair { p.uidValidity, batch.constLast().uid };
                p.backoffMs = s_firstBackoffMs;
                const quint32 validity = p.uidValidity;
                post(gen, [validity, batch](Worker &w) {
                    emit w.q->batchReady(w.accountId, validity, batch);
                });
                continue;
            }
            report(gen, State::Waiting);
            p.backoffMs = s_firstBackoffMs;
            if (session.canIdle()) {
                ImapSession::IdleEnd end = ImapSession::IdleEnd::Timeout;
                QElapsedTimer clock;
                clock.start();
                if (QString e = session.idle(idleMs, &end); !e.isEmpty())
                    return e;
                idleEndedAtOnce = end == ImapSession::IdleEnd::Data && clock.elapsed() < 1000;
                qCDebug(lcImap, "account %lld: IDLE ended (%s)", accountId,
                    end == ImapSession::IdleEnd::Data        ? "the server spoke"
                        : end == ImapSession::IdleEnd::Woken ? "woken"
                                                             : "renewal");
            } else {
                waker.wait(qMax(100, settings.pollIntervalMs));
                // Servers tell of new mail on NOOP (a SEARCH alone may not look again).
                if (QString e = session.noop(); !e.isEmpty())
                    return e;
            }
            if (session.selectedUidValidity() != p.uidValidity)
                return QStringLiteral("folder \"%1\" was recreated (its UIDVALIDITY changed)")
                    .arg(settings.folder);
        }
    }
};

// ---------------------------------------------------------------------------------------------

ImapMailbox::ImapMailbox(qint64 accountId, ImapSettings settings, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Worker>(this, accountId, std::move(settings)))
{
    qRegisterMetaType<FetchedMessage>();
    qRegisterMetaType<QList<FetchedMessage>>();
    qRegisterMetaType<ImapMailbox::State>();
}

ImapMailbox::~ImapMailbox()
{
    d->join();
}

void ImapMailbox::start(quint32 uidValidity, quint32 lastUid)
{
    d->join();
    {
        QMutexLocker lock(&d->mutex);
        d->stopRequested = false;
        d->ack.reset();
    }
    d->waker.drain();
    const quint64 gen = ++d->generation;
    d->thread.reset(QThread::create(
        [w = d.get(), gen, uidValidity, lastUid] { w->run(gen, uidValidity, lastUid); }));
    d->thread->setObjectName(QStringLiteral("imap-%1").arg(d->accountId));
    d->thread->start();
    d->setState(State::Connecting, QString());
}

void ImapMailbox::stop()
{
    d->join();
    d->setState(State::Stopped, QString());
}

void ImapMailbox::acknowledge(quint32 uidValidity, const QList<quint32> &uids)
{
    {
        QMutexLocker lock(&d->mutex);
        if (d->ack && d->ack->uidValidity == uidValidity)
            d->ack->uids += uids; // one batch is out at a time; this keeps both all the same
        else
            d->ack = Worker::Ack { uidValidity, uids };
    }
    d->waker.wake();
}

qint64 ImapMailbox::accountId() const
{
    return d->accountId;
}

ImapMailbox::State ImapMailbox::state() const
{
    return d->state;
}

bool ImapMailbox::serverHasIdle() const
{
    return d->serverHasIdle;
}

QString testImap(const ImapSettings &settings, int timeoutMs)
{
    ImapSession session(settings, nullptr, timeoutMs, {});
    session.setDeadline(QDeadlineTimer(timeoutMs));
    QString error = session.open();
    quint32 uidValidity = 0;
    if (error.isEmpty())
        error = session.select(&uidValidity, true);
    session.logout();
    return error;
}

} // namespace Atiende::Server::Mail

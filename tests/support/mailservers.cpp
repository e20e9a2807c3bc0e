#include "mailservers.h"

#include "testcertificates.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest/QTest>

#include <optional>

#if defined(Q_OS_UNIX)
#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Atiende::Test {

namespace {

// A port nobody listens on now: the kernel's choice for port 0, released at once. Another
// process could take it before the server binds it; on a test machine's loopback it does not.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(contents) == contents.size() && f.flush();
}

// Who the servers run as. Dovecot's login processes refuse root, so a test run as root starts
// them as nobody:nogroup (setpriv) and gives that user the folders they write in.
struct RunAs
{
    bool switchUser = false; // root: setpriv to this uid/gid
    uint uid = 0;
    uint gid = 0;
    QString user;
    QString group;
};

RunAs runAs()
{
    RunAs r;
#if defined(Q_OS_UNIX)
    const bool root = ::geteuid() == 0;
    if (root) {
        const passwd *pw = ::getpwnam("nobody");
        r.switchUser = true;
        r.uid = pw ? pw->pw_uid : 65534;
        r.gid = pw ? pw->pw_gid : 65534;
    } else {
        r.uid = ::geteuid();
        r.gid = ::getegid();
    }
    if (const passwd *pw = ::getpwuid(r.uid))
        r.user = QString::fromLocal8Bit(pw->pw_name);
    if (const group *gr = ::getgrgid(r.gid))
        r.group = QString::fromLocal8Bit(gr->gr_name);
#endif
    return r;
}

// Gives path (and, with recursive, everything under it) to the servers' user when that is not
// us; a no-op otherwise.
void giveTo(const RunAs &as, const QString &path, bool recursive = false)
{
#if defined(Q_OS_UNIX)
    if (!as.switchUser)
        return;
    if (::lchown(QFile::encodeName(path).constData(), as.uid, as.gid) != 0)
        qWarning("mailservers: cannot chown %s", qPrintable(path));
    if (recursive && QFileInfo(path).isDir() && !QFileInfo(path).isSymLink()) {
        const auto entries = QDir(path).entryInfoList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QFileInfo &e : entries)
            giveTo(as, e.filePath(), true);
    }
#else
    Q_UNUSED(as)
    Q_UNUSED(path)
    Q_UNUSED(recursive)
#endif
}

// The folder itself traversable by the servers' user (QTemporaryDir makes it 0700).
void openUp(const QString &path)
{
    QFile::setPermissions(path,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
            | QFileDevice::ExeOther);
}

// The program and arguments that start a server as `as`, ended with the test (the parent-death
// signal) even when the test dies before its destructors run.
std::pair<QString, QStringList> launcher(
    const RunAs &as, const QString &program, const QStringList &args)
{
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (setpriv.isEmpty())
        return { program, args };
    QStringList wrapped;
    if (as.switchUser)
        wrapped += { QStringLiteral("--reuid=%1").arg(as.uid),
            QStringLiteral("--regid=%1").arg(as.gid), QStringLiteral("--clear-groups") };
    wrapped += { QStringLiteral("--pdeathsig"), QStringLiteral("TERM"), program };
    return { setpriv, wrapped + args };
}

// The processes whose parent is pid (Linux: from /proc; elsewhere none are found).
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> children;
#if defined(Q_OS_LINUX)
    const auto entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 child = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(child));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": the name may hold spaces and parentheses.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == pid)
            children << child;
    }
#else
    Q_UNUSED(pid)
#endif
    return children;
}

void signalPids(const QList<qint64> &pids, int signal)
{
#if defined(Q_OS_UNIX)
    for (const qint64 pid : pids)
        ::kill(pid_t(pid), signal);
#else
    Q_UNUSED(pids)
    Q_UNUSED(signal)
#endif
}

// SIGTERM to its pid, SIGKILL when it has not ended in 5 s. With children, they get the same
// signals at the same time: Dovecot's master otherwise lets its imap processes keep their
// clients for 10 s before it ends them, where a real server's restart drops them at once.
void stopProcess(QProcess &process, bool andChildren = false)
{
    if (process.state() == QProcess::NotRunning)
        return;
    const QList<qint64> children = andChildren ? childrenOf(process.processId()) : QList<qint64>();
    process.terminate();
#if defined(Q_OS_UNIX)
    signalPids(children, SIGTERM);
#endif
    if (!process.waitForFinished(5000)) {
        process.kill();
#if defined(Q_OS_UNIX)
        signalPids(children, SIGKILL);
#endif
        process.waitForFinished(5000);
    }
}

// Waits until port greets with a line starting with `greeting`, or the process ends.
bool waitForGreeting(QProcess &process, quint16 port, const QByteArray &greeting, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (process.state() == QProcess::NotRunning)
            return false;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(500)) {
            while (!socket.canReadLine() && socket.waitForReadyRead(2000)) { }
            if (socket.readLine().startsWith(greeting))
                return true;
        }
        process.waitForFinished(50); // a pause that ends early if it exits
    }
    return false;
}

// IMAP's quoted string.
QByteArray quoted(const QString &s)
{
    QByteArray out = s.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

// A minimal synchronous IMAP client for reading back what the server holds.
class ImapTalk
{
public:
    bool open(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000) && readLine().startsWith("* OK");
    }
    // The untagged lines of the answer, or nullopt when it is not OK.
    std::optional<QList<QByteArray>> command(const QByteArray &command)
    {
        const QByteArray tag = "t" + QByteArray::number(++m_tag);
        m_socket.write(tag + ' ' + command + "\r\n");
        QList<QByteArray> lines;
        for (;;) {
            const QByteArray line = readLine();
            if (line.isNull())
                return std::nullopt;
            if (line.startsWith(tag + ' '))
                return line.mid(tag.size() + 1).startsWith("OK") ? std::optional(lines)
                                                                 : std::nullopt;
            lines << line;
        }
    }
    bool login(const QString &user, const QString &password)
    {
        return command("LOGIN " + quoted(user) + ' ' + quoted(password)).has_value();
    }
    ~ImapTalk()
    {
        if (m_socket.state() == QAbstractSocket::ConnectedState) {
            m_socket.write("z LOGOUT\r\n");
            m_socket.waitForBytesWritten(1000);
        }
    }

private:
    QByteArray readLine()
    {
        while (!m_socket.canReadLine()) {
            if (!m_socket.waitForReadyRead(5000))
                return QByteArray();
        }
        return m_socket.readLine().trimmed();
    }
    QTcpSocket m_socket;
    int m_tag = 0;
};

const char s_smtpSinkScript[] = R"PY(
# The tests' SMTP server (aiosmtpd): every message into a Maildir, in order, envelope first.
import asyncio, json, os, ssl, sys
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

with open(sys.argv[1]) as f:
    conf = json.load(f)
maildir = conf["maildir"]
for sub in ("tmp", "new", "cur"):
    os.makedirs(os.path.join(maildir, sub), exist_ok=True)
count = len(os.listdir(os.path.join(maildir, "new")))

class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        name = "%08d.eml" % count
        head = ("X-MailFrom: %s\r\nX-RcptTo: %s\r\n"
                % (envelope.mail_from, ", ".join(envelope.rcpt_tos))).encode()
        data = envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        tmp = os.path.join(maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(head + data)
        os.rename(tmp, os.path.join(maildir, "new", name))
        return "250 Message accepted for delivery"

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login == conf["user"].encode()
          and auth_data.password == conf["password"].encode())
    return AuthResult(success=ok, handled=False)

context = None
if conf.get("cert"):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(conf["cert"], conf["key"])
auth = bool(conf.get("user"))
tls = context is not None

def factory():
    return SMTP(Handler(), hostname="sink.test", decode_data=False, tls_context=context,
                require_starttls=tls and auth, authenticator=authenticator if auth else None,
                auth_required=auth, auth_require_tls=tls)

async def watch_parent(parent):
    # Ends with the test that started it, even when the test dies without stopping it.
    while os.getppid() == parent:
        await asyncio.sleep(0.5)
    asyncio.get_running_loop().stop()

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", conf["port"]))
loop.create_task(watch_parent(os.getppid()))
loop.run_forever()
)PY";

} // namespace

// ---------------------------------------------------------------------------------------------

struct DovecotServer::Private
{
    QTemporaryDir dir;
    QProcess process;
    RunAs as = runAs();
    QHash<QString, QString> users; // user -> password
    bool tls = false;
    bool selfSigned = false;
    QString capabilities;
    quint16 port = 0;
    quint16 tlsPort = 0;
    std::optional<TestCertificates> certificates;
    QString caFile;
    int delivered = 0;

    QString path(const QString &name) const { return dir.filePath(name); }
    QString home(const QString &user) const { return path(QStringLiteral("mail/") + user); }
    // The Maildir folder of a mailbox: INBOX is the Maildir itself, others Maildir++ ".Name".
    QString folderPath(const QString &user, const QString &folder) const
    {
        const QString maildir = home(user) + QStringLiteral("/Maildir");
        if (folder.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
            return maildir;
        return maildir + QStringLiteral("/.") + QString(folder).replace(QLatin1Char('/'), '.');
    }
    bool makeFolder(const QString &user, const QString &folder)
    {
        const QString maildir = home(user) + QStringLiteral("/Maildir");
        const QString target = folderPath(user, folder);
        for (const QString &d : { home(user), maildir, target, target + QStringLiteral("/tmp"),
                 target + QStringLiteral("/new"), target + QStringLiteral("/cur") }) {
            if (!QFileInfo::exists(d)) {
                if (!QDir().mkpath(d))
                    return false;
                QFile::setPermissions(
                    d, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
                giveTo(as, d);
            }
        }
        const QString marker = target + QStringLiteral("/maildirfolder");
        if (target != maildir && !QFileInfo::exists(marker)) {
            writeFile(marker, QByteArray());
            giveTo(as, marker);
        }
        return true;
    }
    static QString templateText(const char *name)
    {
        QFile f(QStringLiteral(ATIENDE_DOVECOT_TEMPLATES "/") + QLatin1String(name));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(f.fileName()));
        return QString::fromUtf8(f.readAll());
    }
    QByteArray config() const
    {
        // The part the demo shares (tests/support/dovecot/), then the listeners.
        QString c = templateText("dovecot.conf.in");
        if (tls) {
            c += QStringLiteral(R"(ssl = yes
ssl_cert = <$DIR/server.pem
ssl_key = <$DIR/server.key
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $TLSPORT
    ssl = yes
  }
}
)");
        } else {
            c += templateText("dovecot-plain.conf.in");
        }
        if (!capabilities.isEmpty())
            c += QStringLiteral("imap_capability = %1\n").arg(capabilities);
        c.replace(QLatin1String("$INSTANCE"), QStringLiteral("atiende-test-$PORT"))
            .replace(QLatin1String("$DIR"), dir.path())
            .replace(QLatin1String("$TLSPORT"), QString::number(tlsPort))
            .replace(QLatin1String("$PORT"), QString::number(port))
            .replace(QLatin1String("$USER"), as.user)
            .replace(QLatin1String("$GROUP"), as.group)
            .replace(QLatin1String("$UID"), QString::number(as.uid))
            .replace(QLatin1String("$GID"), QString::number(as.gid));
        return c.toUtf8();
    }
    bool signIn(ImapTalk &talk, const QString &user) const
    {
        return users.contains(user) && talk.open(port) && talk.login(user, users.value(user));
    }
    // STATUS of one item (MESSAGES, UIDVALIDITY...); -1 when it cannot be read.
    qint64 status(const QString &user, const QString &folder, const QByteArray &item) const
    {
        ImapTalk talk;
        if (!signIn(talk, user))
            return -1;
        const auto lines = talk.command("STATUS " + quoted(folder) + " (" + item + ')');
        if (!lines)
            return -1;
        for (const QByteArray &line : *lines) {
            const int at = line.indexOf(item + ' ');
            if (line.startsWith("* STATUS") && at >= 0) {
                const QByteArray rest = line.mid(at + item.size() + 1);
                bool ok = false;
                const qint64 n = rest.left(rest.indexOf(')')).trimmed().toLongLong(&ok);
                return ok ? n : -1;
            }
        }
        return -1;
    }
};

DovecotServer::DovecotServer()
    : d(std::make_unique<Private>())
{
    d->process.setProcessChannelMode(QProcess::MergedChannels);
}

DovecotServer::~DovecotServer()
{
    stop();
}

void DovecotServer::addUser(const QString &user, const QString &password)
{
    d->users.insert(user, password);
}

void DovecotServer::setTls(bool on)
{
    d->tls = on;
}

void DovecotServer::setSelfSignedCertificate(bool on)
{
    d->selfSigned = on;
}

void DovecotServer::setCapabilities(const QString &capabilities)
{
    d->capabilities = capabilities;
}

bool DovecotServer::start(QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
#if !defined(Q_OS_UNIX)
    return fail(QStringLiteral("the test Dovecot runs on Unix systems only"));
#else
    if (isRunning())
        return true;
    const QString dovecot = QStandardPaths::findExecutable(QStringLiteral("dovecot"),
        { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin") });
    if (dovecot.isEmpty())
        return fail(QStringLiteral("dovecot is not installed (./dev.sh deps installs it)"));
    if (!d->dir.isValid())
        return fail(QStringLiteral("no temporary folder: %1").arg(d->dir.errorString()));
    if (d->as.user.isEmpty() || d->as.group.isEmpty())
        return fail(QStringLiteral("no user or group name for uid %1").arg(d->as.uid));
    // A restart keeps the ports, so a client reconnects to the same address.
    if (d->port == 0)
        d->port = freePort();
    if (d->tls && d->tlsPort == 0) {
        do
            d->tlsPort = freePort();
        while (d->tlsPort == d->port);
    }
    if (d->port == 0 || (d->tls && d->tlsPort == 0))
        return fail(QStringLiteral("no free port on 127.0.0.1"));

    if (d->tls && !d->certificates) {
        d->certificates.emplace();
        const auto pair = d->selfSigned ? d->certificates->selfSigned(QStringLiteral("127.0.0.1"))
                                        : d->certificates->issued(QStringLiteral("127.0.0.1"));
        if (!pair)
            return fail(QStringLiteral("certificates: %1").arg(d->certificates->lastError()));
        // Copies the server may read (the certificates' own folder is ours alone).
        QFile::remove(d->path(QStringLiteral("server.pem")));
        QFile::remove(d->path(QStringLiteral("server.key")));
        QFile::remove(d->path(QStringLiteral("ca.pem")));
        if (!QFile::copy(pair->certificateFile, d->path(QStringLiteral("server.pem")))
            || !QFile::copy(pair->keyFile, d->path(QStringLiteral("server.key")))
            || !QFile::copy(
                d->selfSigned ? pair->certificateFile : d->certificates->authorityFile(),
                d->path(QStringLiteral("ca.pem"))))
            return fail(QStringLiteral("cannot copy the test certificates"));
        d->caFile = d->path(QStringLiteral("ca.pem"));
    }

    openUp(d->dir.path());
    for (const QString &sub :
        { QStringLiteral("run"), QStringLiteral("state"), QStringLiteral("mail") })
        QDir(d->dir.path()).mkpath(sub);
    QByteArray users;
    for (auto it = d->users.cbegin(); it != d->users.cend(); ++it) {
        users += QStringLiteral("%1:{PLAIN}%2:%3:%4::%5\n")
                     .arg(it.key(), it.value())
                     .arg(d->as.uid)
                     .arg(d->as.gid)
                     .arg(d->home(it.key()))
                     .toUtf8();
    }
    if (!writeFile(d->path(QStringLiteral("users")), users)
        || !writeFile(d->path(QStringLiteral("dovecot.conf")), d->config()))
        return fail(QStringLiteral("cannot write the configuration"));
    giveTo(d->as, d->dir.path(), true);

    const auto [program, args] = launcher(d->as, dovecot,
        { QStringLiteral("-F"), QStringLiteral("-c"), d->path(QStringLiteral("dovecot.conf")) });
    d->process.start(program, args);
    if (!d->process.waitForStarted(10000))
        return fail(QStringLiteral("dovecot did not start: %1").arg(d->process.errorString()));
    bool up = waitForGreeting(d->process, d->port, "* OK", 15000);
    if (up && d->tls) {
        QTcpSocket probe; // IMAPS greets only after a handshake: that it accepts is enough
        probe.connectToHost(QHostAddress::LocalHost, d->tlsPort);
        up = probe.waitForConnected(5000);
    }
    if (!up) {
        QFile log(d->path(QStringLiteral("dovecot.log")));
        const QByteArray logged = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
        stop();
        return fail(QStringLiteral("dovecot did not answer on port %1: %2 %3")
                        .arg(d->port)
                        .arg(QString::fromUtf8(d->process.readAll()),
                            QString::fromUtf8(logged.right(4000))));
    }
    return true;
#endif
}

void DovecotServer::stop()
{
    stopProcess(d->process, true);
}

bool DovecotServer::isRunning() const
{
    return d->process.state() != QProcess::NotRunning;
}

quint16 DovecotServer::port() const
{
    return d->port;
}

quint16 DovecotServer::tlsPort() const
{
    return d->tlsPort;
}

QString DovecotServer::caFile() const
{
    return d->caFile;
}

bool DovecotServer::deliver(const QString &user, const QByteArray &raw, const QString &folder)
{
    if (!d->users.contains(user) || !d->makeFolder(user, folder))
        return false;
    // Named as Maildir deliveries are (unique per host), written in tmp/ and renamed into new/
    // so the server never sees half a message.
    const QString name = QStringLiteral("%1.M%2P%3Q%4.atiende-test")
                             .arg(QDateTime::currentSecsSinceEpoch())
                             .arg(QDateTime::currentMSecsSinceEpoch() % 1000 * 1000)
                             .arg(QCoreApplication::applicationPid())
                             .arg(++d->delivered);
    const QString target = d->folderPath(user, folder);
    const QString tmp = target + QStringLiteral("/tmp/") + name;
    if (!writeFile(tmp, raw))
        return false;
    QFile::setPermissions(tmp, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    giveTo(d->as, tmp);
    return QFile::rename(tmp, target + QStringLiteral("/new/") + name);
}

int DovecotServer::count(const QString &user, const QString &folder) const
{
    return int(d->status(user, folder, "MESSAGES"));
}

int DovecotServer::seenCount(const QString &user, const QString &folder) const
{
    ImapTalk talk;
    if (!d->signIn(talk, user) || !talk.command("EXAMINE " + quoted(folder)))
        return -1;
    const auto lines = talk.command("SEARCH SEEN");
    if (!lines)
        return -1;
    for (const QByteArray &line : *lines) {
        if (line.startsWith("* SEARCH")) {
            const QByteArray uids = line.mid(8).simplified();
            return uids.isEmpty() ? 0 : int(uids.split(' ').size());
        }
    }
    return -1;
}

bool DovecotServer::recreateFolder(const QString &user, const QString &folder)
{
    // Dovecot keeps a Maildir folder's UIDs in dovecot-uidlist (and its indexes): without them
    // it numbers the messages again under the next UIDVALIDITY, as for a folder made anew, and
    // sessions that have the folder open are told to sign in again. The messages (and their
    // flags, which Maildir keeps in the file names) stay.
    const qint64 before = d->status(user, folder, "UIDVALIDITY");
    if (before < 0)
        return false;
    QDir target(d->folderPath(user, folder));
    const auto files
        = target.entryList({ QStringLiteral("dovecot-uidlist"), QStringLiteral("dovecot.index*") },
            QDir::Files | QDir::Hidden);
    for (const QString &f : files)
        target.remove(f);
    const qint64 after = d->status(user, folder, "UIDVALIDITY");
    return after > 0 && after != before;
}

// ---------------------------------------------------------------------------------------------

struct SmtpSink::Private
{
    QTemporaryDir dir;
    QProcess process;
    bool tls = false;
    QString user;
    QString password;
    quint16 port = 0;
    std::optional<TestCertificates> certificates;
    CertificatePair certificate;
    QString caFile;

    QString path(const QString &name) const { return dir.filePath(name); }
};

SmtpSink::SmtpSink()
    : d(std::make_unique<Private>())
{
    d->process.setProcessChannelMode(QProcess::MergedChannels);
}

SmtpSink::~SmtpSink()
{
    stop();
}

void SmtpSink::setTls(bool on)
{
    d->tls = on;
}

void SmtpSink::requireAuth(const QString &user, const QString &password)
{
    d->user = user;
    d->password = password;
}

bool SmtpSink::start(QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (d->process.state() != QProcess::NotRunning)
        return true;
    // Debian's python3-aiosmtpd is for Debian's python: another python3 first on PATH (pyenv)
    // would not have it.
    const QString python = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return fail(QStringLiteral("python3 is not installed"));
    if (!d->dir.isValid())
        return fail(QStringLiteral("no temporary folder: %1").arg(d->dir.errorString()));
    if (d->port == 0)
        d->port = freePort();
    if (d->port == 0)
        return fail(QStringLiteral("no free port on 127.0.0.1"));

    QJsonObject conf {
        { QStringLiteral("maildir"), d->path(QStringLiteral("Maildir")) },
        { QStringLiteral("user"), d->user },
        { QStringLiteral("password"), d->password },
        { QStringLiteral("port"), int(d->port) },
    };
    if (d->tls) {
        if (!d->certificates) {
            d->certificates.emplace();
            const auto pair = d->certificates->issued(QStringLiteral("127.0.0.1"));
            if (!pair)
                return fail(QStringLiteral("certificates: %1").arg(d->certificates->lastError()));
            d->caFile = d->certificates->authorityFile();
            d->certificate = *pair;
        }
        conf.insert(QStringLiteral("cert"), d->certificate.certificateFile);
        conf.insert(QStringLiteral("key"), d->certificate.keyFile);
    }
    const QByteArray json = QJsonDocument(conf).toJson();
    if (!writeFile(d->path(QStringLiteral("sink.json")), json)
        || !writeFile(d->path(QStringLiteral("sink.py")), s_smtpSinkScript))
        return fail(QStringLiteral("cannot write the sink's files"));

    d->process.start(
        python, { d->path(QStringLiteral("sink.py")), d->path(QStringLiteral("sink.json")) });
    if (!d->process.waitForStarted(10000))
        return fail(QStringLiteral("python3 did not start: %1").arg(d->process.errorString()));
    if (!waitForGreeting(d->process, d->port, "220", 15000)) {
        const QString output = QString::fromUtf8(d->process.readAll());
        stop();
        return fail(QStringLiteral("the SMTP sink did not greet on port %1: %2")
                        .arg(d->port)
                        .arg(output + QString::fromUtf8(d->process.readAll())));
    }
    return true;
}

void SmtpSink::stop()
{
    stopProcess(d->process);
}

quint16 SmtpSink::port() const
{
    return d->port;
}

QString SmtpSink::caFile() const
{
    return d->caFile;
}

QList<QByteArray> SmtpSink::messages() const
{
    // Named by a counter the sink keeps: the name order is the delivery order.
    QDir newDir(d->path(QStringLiteral("Maildir/new")));
    QList<QByteArray> out;
    const auto names = newDir.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile f(newDir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out << f.readAll();
    }
    return out;
}

bool SmtpSink::waitForMessages(int count, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return messages().size() >= count; }, timeoutMs);
}

} // namespace Atiende::Test

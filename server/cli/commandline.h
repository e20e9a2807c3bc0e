#pragma once
// atiended's command line: every option of every sub-command on one parser (so `atiended
// --help` lists them all, as it always has), the sub-commands' names, and what a sub-command
// runs with: the parsed line and its output streams, injected so tests run sub-commands
// without the binary.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace Atiende::Server::Cli {

class CommandLine
{
public:
    CommandLine();

    // Description, --help, --version, the command argument and every option below.
    void setUp(QCommandLineParser &parser) const;
    // The sub-command named on a parsed line ("serve" when none is).
    static QString commandName(const QCommandLineParser &parser);

    const QCommandLineOption listen, data, user, name, seed, tickets, readers, sessionSeconds,
        calendar, policy, file, group, strategy, reopenWindow, zone, from, to, groups, csv, pdf,
        revoke, revokeAll, disable, enable, handshakeTimeout, loginTimeout, maxPending, cert, key,
        fileLimits, uploadTimes, mailRetries;
};

// Where a sub-command writes and how it asks for a password.
struct CommandIo
{
    QTextStream &out;
    QTextStream &err;
    // ATIENDE_PASSWORD, else a line typed after a "password: " prompt on err.
    std::function<QString()> readPassword;

    // "atiended: message" on err; the exit code of a failed command.
    int fail(const QString &message) const;
};

// The password of init and passwd: from ATIENDE_PASSWORD, else read from stdin after a prompt.
QString readPasswordFromTerminal(QTextStream &err);

} // namespace Atiende::Server::Cli

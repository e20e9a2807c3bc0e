#pragma once
// The sub-commands that change (or read) a desk's settings: through its running server when
// one serves the folder, else on the store holding the folder's lock (server/admin/
// adminrunner.h). Each says which admin operation it asks for, from its own options, before
// anything is opened, and how to tell its answer; AdminCommand does the rest once.
//
//   atiended passwd --data DIR --user NAME (password from ATIENDE_PASSWORD or stdin)
//   atiended sla-config --data DIR [--calendar FILE.json]... [--policy FILE.json]...
//   atiended canned --data DIR --file RESPONSES.json
//   atiended routing --data DIR --file RULES.json
//   atiended escalation --data DIR --file RULES.json
//   atiended assignment --data DIR --group ID --strategy manual|round_robin|least_open|skills
//   atiended satisfaction --data DIR --reopen-window-hours N
//   atiended time-zone --data DIR [--zone Europe/Madrid]
//   atiended sessions --data DIR [--user NAME] [--revoke ID | --revoke-all]
//   atiended agent --data DIR --user NAME --disable | --enable
//   atiended mail --data DIR [--file MAILBOX.json]   (add or change a mailbox; without: list)

#include "command.h"

#include <QJsonObject>

namespace Atiende::Server {
class AdminRunner;
}

namespace Atiende::Server::Cli {

class AdminCommand : public Command
{
public:
    int run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) final;

    // The admin operation a command line asks for.
    struct Request
    {
        QString method;
        QJsonObject params;
        bool reading = false; // a read (sessions, the time zone): nothing changes
    };
    // From the command's options alone; false with *problem for a mistake in them.
    virtual bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const = 0;

protected:
    virtual bool needsPassword() const { return false; }
    // What a failed operation's message is about (the --file of canned, routing, escalation).
    virtual QString failureContext(const QCommandLineParser &, const CommandLine &) const
    {
        return QString();
    }
    // Writes what was done; via names the running server when the work went through it.
    virtual void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const = 0;
};

class PasswdCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    bool needsPassword() const override { return true; }
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

class SlaConfigCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

// canned, routing and escalation: a JSON array of items from --file, saved as one.
class ItemsFileCommand : public AdminCommand
{
public:
    enum class Kind { Canned, Routing, Escalation };
    explicit ItemsFileCommand(Kind kind)
        : m_kind(kind)
    {
    }
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    QString failureContext(
        const QCommandLineParser &parser, const CommandLine &line) const override;
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;

private:
    QString name() const;
    Kind m_kind;
};

class AssignmentCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

class SatisfactionCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

class TimeZoneCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

class MailCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

class SessionsCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

class AgentCommand : public AdminCommand
{
public:
    bool request(const QCommandLineParser &parser, const CommandLine &line, Request *r,
        QString *problem) const override;

protected:
    void report(const QJsonObject &result, const Request &r, const QString &via,
        AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
        CommandIo &io) const override;
};

} // namespace Atiende::Server::Cli

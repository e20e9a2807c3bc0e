// atiended: the Atiende server. Wiring only: the sub-commands live in server/cli, one class
// each, and main() picks the one named on the command line.
//
//   atiended [serve] --listen 127.0.0.1:8765 --data DIR [--cert CERT.pem --key KEY.pem]
//                                (TLS: wss://; SIGHUP reads the pair again, on Unix)
//   atiended init --data DIR --user admin [--name "..."] (password from ATIENDE_PASSWORD or stdin)
//   atiended demo-data --data DIR [--seed N] [--tickets N]
//   atiended passwd --data DIR --user NAME (password from ATIENDE_PASSWORD or stdin)
//   atiended sla-config --data DIR [--calendar FILE.json]... [--policy FILE.json]...
//   atiended canned --data DIR --file RESPONSES.json
//   atiended routing --data DIR --file RULES.json
//   atiended escalation --data DIR --file RULES.json
//   atiended assignment --data DIR --group ID --strategy manual|round_robin|least_open|skills
//   atiended satisfaction --data DIR --reopen-window-hours N
//   atiended time-zone --data DIR [--zone Europe/Madrid]
//   atiended report --data DIR --from DATE --to DATE [--groups 1,2] [--csv FILE] [--pdf FILE]
//   atiended sessions --data DIR [--user NAME] [--revoke ID | --revoke-all]
//   atiended agent --data DIR --user NAME --disable | --enable
//
// One data folder has one serving process (it holds DATA/atiended.lock). Admin commands run
// through that server when it is up, so their changes reach the consoles at once, and on the
// store itself, holding the lock, when it is not (server/admin/adminrunner.h).

#include "app/common/reloadsignal.h"
#include "app/common/shutdownsignal.h"

#include "server/auth/passwordhasher.h"
#include "server/cli/command.h"
#include "server/cli/servecommand.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>

using namespace Atiende;

int main(int argc, char *argv[])
{
#if defined(Q_OS_LINUX)
    // Qt's GLib event dispatcher walks every polled descriptor each time a socket notifier is
    // switched, and a socket's write notifier switches for every frame sent: a broadcast to a
    // thousand consoles cost O(peers^2). The plain UNIX dispatcher does not.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#endif
    // `report` draws its PDF with Qt Gui (QPdfWriter, QPainter): a QGuiApplication on the
    // offscreen platform, so it runs on a server without a display, from cron or a timer.
    const bool drawing = argc > 1 && qstrcmp(argv[1], "report") == 0;
    if (drawing && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application = drawing
        ? std::make_unique<QGuiApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("atiended"));
    QCoreApplication::setOrganizationName(QStringLiteral("Atiende"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATIENDE_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Server::Cli::CommandIo io { out, err,
        [&err] { return Server::Cli::readPasswordFromTerminal(err); } };

    const Server::Cli::CommandLine line;
    QCommandLineParser parser;
    line.setUp(parser);
    parser.process(app);

    if (!Server::PasswordHasher::initialise())
        return io.fail(QStringLiteral("libsodium failed to start"));

    const QString name = Server::Cli::CommandLine::commandName(parser);
    const std::unique_ptr<Server::Cli::Command> command = Server::Cli::makeCommand(name);
    if (!command)
        return io.fail(QStringLiteral("unknown command \"%1\"; see --help").arg(name));

    // Serving: SIGTERM and Ctrl+C stop it after its queued writes; SIGHUP reloads its TLS pair.
    std::unique_ptr<App::ShutdownSignal> shutdown;
    std::unique_ptr<App::ReloadSignal> reload;
    if (auto *serve = dynamic_cast<Server::Cli::ServeCommand *>(command.get())) {
        serve->onServing = [&](Server::Cli::ServeCommand &s) {
            shutdown = std::make_unique<App::ShutdownSignal>();
            QObject::connect(
                shutdown.get(), &App::ShutdownSignal::requested, &app, [&s] { s.stop(); });
            if (s.isSecure() && App::ReloadSignal::isSupported()) {
                reload = std::make_unique<App::ReloadSignal>();
                QObject::connect(reload.get(), &App::ReloadSignal::requested, &app,
                    [&s] { s.reloadCertificate(); });
            }
        };
    }
    return command->run(parser, line, io);
}

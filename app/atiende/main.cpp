// atiende: the agent console. Wiring only; the screens live in ui/, the data in client/.
//
//   atiende                                   sign in (or resume the last session) and work
//   atiende --server ws://host:8765/ws --user ana [--password-env VAR] [--data-dir DIR]
//   atiende --language es                     this run in Spanish (settings keep the choice)
//   atiende --screenshot DIR [--ticket N]     render the main window, the ticket panel and
//                                             the KB pane to PNGs in DIR, then quit (runs
//                                             offscreen where there is no display)

#include "models/kb/kbresultmodel.h"
#include "models/queue/queuemodel.h"
#include "ui/common/translations.h"
#include "ui/files/attachmentviewer.h"
#include "ui/kb/kbpane.h"
#include "ui/login/logindialog.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/settingsdialog.h"
#include "ui/queue/queuepanel.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/timelineview.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Atiende;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// The interface's language: the one asked for on the command line, else the one chosen in
// settings, else the system's. Our strings and Qt's own (buttons of standard dialogs).
void installTranslations(QApplication &app, const QString &asked)
{
    const QString code = !asked.isEmpty() ? asked : Ui::SettingsDialog::language();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (!Ui::Translations::install(app, locale))
        std::fprintf(stderr,
            "atiende: some of the translations for %s are missing (install qt6-translations-l10n "
            "for Qt's own)\n",
            qPrintable(locale.name()));
}

// Lets the event loop run until cond() holds or the time is up.
bool waitFor(const std::function<bool()> &cond, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!cond() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return cond();
}

void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

// --screenshot: the console as an agent sees it on demo data, for docs/screenshots/ and for
// `./dev.sh demo` on a machine without a display.
int screenshots(Ui::MainWindow &window, Client::Workspace &workspace, const QString &dir,
    const QString &suffix, const QString &ticket)
{
    if (!waitFor([&] { return workspace.state() == Client::SyncEngine::State::Online; }, 60000))
        out()
            << "warning: the console did not reach the server; the screenshots show the local copy"
            << Qt::endl;
    window.resize(1600, 940);
    window.show();
    window.start();
    settle(300);
    Ui::QueuePanel *queue = window.queuePanel();
    // A ticket with a conversation worth showing: the one asked for, else the first of the
    // agent's own with the most to see.
    qint64 chosen = 0;
    if (!ticket.isEmpty()) {
        queue->setViewById(QStringLiteral("all-open"));
        queue->filterField()->setText(ticket);
        settle(100);
        chosen = queue->model()->ticketIdAt(0);
        queue->filterField()->clear();
    }
    if (!chosen) {
        queue->setViewById(QStringLiteral("mine"));
        int best = -1;
        for (int row = 0; row < qMin(40, queue->model()->rowCount()); ++row) {
            const qint64 id = queue->model()->ticketIdAt(row);
            const int size = int(workspace.conversation(id).size());
            if (size > best && size <= 8) {
                best = size;
                chosen = id;
            }
        }
    }
    queue->setViewById(QStringLiteral("mine"));
    if (chosen)
        window.openTicket(chosen);
    settle(600);
    QDir().mkpath(dir);
    QStringList written;
    auto save = [&](QWidget *w, const QString &name) {
        const QString path = QDir(dir).filePath(name + suffix + QStringLiteral(".png"));
        if (w->grab().save(path))
            written << path;
    };
    save(&window, QStringLiteral("main-window"));
    save(window.ticketPanel(), QStringLiteral("ticket-panel"));
    // The smallest and the commonest screens, as a first start lays them out.
    for (const QSize size : { QSize(1280, 720), QSize(1920, 1080) }) {
        QSettings().remove(QStringLiteral("main/splitter"));
        window.resize(size);
        window.start();
        if (chosen)
            window.openTicket(chosen);
        settle(400);
        save(&window, QStringLiteral("main-window-%1x%2").arg(size.width()).arg(size.height()));
    }
    window.resize(1600, 940);
    settle(200);
    // The KB pane searching as the agent would, accents left out.
    window.kbPane()->focusSearch();
    window.kbPane()->setSearchText(QStringLiteral("contrasena"));
    settle(600);
    // The pane with an article open, as after Enter on the first result.
    if (const qint64 first = window.kbPane()->results()->idAt(0))
        window.kbPane()->openArticle(first);
    settle(300);
    save(window.kbPane(), QStringLiteral("kb-pane"));

    // Files on a ticket: an open demo ticket carrying a screenshot (its thumbnail in the
    // conversation), the viewer on it, and the viewer on a log.
    qint64 withFiles = 0;
    Core::Attachment picture, log;
    for (const Client::QueueRow &row : workspace.queueRows()) {
        const bool open = row.status != Core::TicketStatus::Closed
            && row.status != Core::TicketStatus::Resolved;
        for (const Core::Article &a : workspace.conversation(row.id)) {
            for (const Core::Attachment &f : a.attachments) {
                if (f.mediaType == QLatin1String("image/png") && !withFiles && open) {
                    withFiles = row.id;
                    picture = f;
                }
                if (f.mediaType == QLatin1String("text/plain") && log.sha256.isEmpty())
                    log = f;
            }
        }
        if (withFiles && !log.sha256.isEmpty())
            break;
    }
    int expected = 5;
    if (withFiles) {
        expected += 2;
        window.openTicket(withFiles);
        settle(1500); // the picture is fetched and its thumbnail made in the background
        // The description, which carries the picture, at the top.
        window.ticketPanel()->timeline()->verticalScrollBar()->setValue(0);
        settle(200);
        save(window.ticketPanel(), QStringLiteral("ticket-files"));
        auto viewerOn = [&](const Core::Attachment &file, const QString &name) {
            window.ticketPanel()->openAttachment(file);
            auto *viewer = window.ticketPanel()->findChild<Ui::AttachmentViewer *>();
            settle(1000);
            if (viewer) {
                save(viewer, name);
                viewer->close();
                settle(100);
            }
        };
        viewerOn(picture, QStringLiteral("attachment-viewer-image"));
        if (!log.sha256.isEmpty()) {
            expected += 1;
            viewerOn(log, QStringLiteral("attachment-viewer-log"));
        }
    }
    for (const QString &path : std::as_const(written))
        out() << QDir::current().relativeFilePath(path) << Qt::endl;
    return written.size() == expected ? 0 : 1;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("Atiende agent console"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("server"),
        QStringLiteral("Server address (ws://host:port/ws)."), QStringLiteral("url") });
    parser.addOption(
        { QStringLiteral("user"), QStringLiteral("User name."), QStringLiteral("name") });
    parser.addOption({ QStringLiteral("password-env"),
        QStringLiteral(
            "Read the password from this environment variable (for scripts and the demo)."),
        QStringLiteral("variable") });
    parser.addOption({ QStringLiteral("data-dir"),
        QStringLiteral("Where the local copy lives (default: the platform's app-data folder)."),
        QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("no-keychain"),
        QStringLiteral(
            "Keep the session token in a file in the data folder, not the OS key store.") });
    parser.addOption({ QStringLiteral("language"),
        QStringLiteral("Interface language for this run: en or es."), QStringLiteral("code") });
    parser.addOption({ QStringLiteral("screenshot"),
        QStringLiteral("Render the console to PNG files in this folder and quit."),
        QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("screenshot-suffix"),
        QStringLiteral("Appended to the screenshots' names (e.g. -es)."),
        QStringLiteral("suffix") });
    parser.addOption({ QStringLiteral("ticket"),
        QStringLiteral("With --screenshot: the ticket to show (its number)."),
        QStringLiteral("number") });
}

// --help and --version need no display: they are answered before QApplication, which aborts
// where no platform plugin can start (an SSH session, a container).
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v"
            || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("Atiende"));
    QApplication::setApplicationName(QStringLiteral("atiende"));
    QApplication::setApplicationDisplayName(QStringLiteral("Atiende"));
    QApplication::setApplicationVersion(QStringLiteral(ATIENDE_VERSION));
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(core); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/atiende/icons/atiende.png")));

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);

    installTranslations(app, parser.value(QStringLiteral("language")));

    QSettings settings;
    Client::Workspace::Options options;
    options.server = QUrl(parser.isSet(QStringLiteral("server"))
            ? parser.value(QStringLiteral("server"))
            : settings.value(QStringLiteral("login/server")).toString());
    options.user = parser.isSet(QStringLiteral("user"))
        ? parser.value(QStringLiteral("user"))
        : settings.value(QStringLiteral("login/user")).toString();
    if (parser.isSet(QStringLiteral("password-env")))
        options.password
            = qEnvironmentVariable(qPrintable(parser.value(QStringLiteral("password-env"))));
    options.dataDir = parser.value(QStringLiteral("data-dir"));
    options.useKeychain = !parser.isSet(QStringLiteral("no-keychain"));

    auto workspace = std::make_unique<Client::Workspace>();
    QString error;
    // Straight in when there is what it takes: a password given, or a remembered session
    // (the local copy opens at once even if the server is away). Otherwise the log-in.
    const bool direct = options.server.isValid() && !options.user.isEmpty()
        && (!options.password.isEmpty()
            || Ui::LoginDialog::canResume(
                options.server, options.user, options.dataDir, options.useKeychain));
    if (direct) {
        if (!workspace->open(options, &error)) {
            std::fprintf(stderr, "atiende: %s\n", qPrintable(error));
            return 1;
        }
    } else {
        Ui::LoginDialog login(workspace.get(), options.dataDir, options.useKeychain);
        if (options.server.isValid())
            login.setServer(options.server.toString());
        if (!options.user.isEmpty())
            login.setUser(options.user);
        if (login.exec() != QDialog::Accepted)
            return 0;
    }

    Ui::MainWindow window(workspace.get());
    if (parser.isSet(QStringLiteral("screenshot")))
        return screenshots(window, *workspace, parser.value(QStringLiteral("screenshot")),
            parser.value(QStringLiteral("screenshot-suffix")),
            parser.value(QStringLiteral("ticket")));

    QObject::connect(&window, &Ui::MainWindow::signOutRequested, &app, [&] {
        window.ticketPanel()->saveDraftNow();
        // Ends the session on the server too, and forgets the token; the local copy stays.
        workspace->signOut();
        QCoreApplication::quit();
    });
    QObject::connect(
        workspace.get(), &Client::Workspace::signInNeeded, &window,
        [&](int, const QString &) {
            // The session ended or the password changed: sign in again over the same local copy.
            // The dialog says why, in the agent's language, from the workspace's last failure.
            Ui::LoginDialog login(workspace.get(), options.dataDir, options.useKeychain, &window);
            login.setServer(options.server.toString());
            login.setUser(options.user);
            if (login.exec() != QDialog::Accepted)
                window.close();
        },
        Qt::QueuedConnection);
    window.show();
    window.start();
    return app.exec();
}

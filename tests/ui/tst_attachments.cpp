// Files on tickets in the console, as an agent uses them, against a real atiended, offscreen:
// a file dropped on the reply and a screenshot pasted into it go out with the reply; a file too
// big is refused with a reason; a click on a file in the conversation opens that file (not
// its neighbour) with a preview (image, highlighted log); a file that could run code asks
// before it opens; Save as writes the same bytes; a draft keeps its files. A second agent
// (Lola) puts files on tickets through the protocol test client.
// ATIENDE_WRITE_SCREENSHOTS renders docs/screenshots/reply-with-files-{en,es}.png.

#include "ui/common/translations.h"
#include "ui/files/attachmentviewer.h"
#include "ui/files/fileopener.h"
#include "ui/files/outgoingfiles.h"
#include "ui/ticket/replyeditor.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/timelineview.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "testfiles.h"
#include "textlinks.h"
#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QBuffer>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTextBlock>
#include <QToolButton>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;
using Ui::TicketPanel;

namespace {

QByteArray pngBytes(QColor colour, QSize size = QSize(640, 400))
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.fillRect(QRect(20, 20, size.width() / 2, size.height() / 2), Qt::white);
    p.end();
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

} // namespace

class AttachmentsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aFileDroppedOnTheReplyGoesOutWithIt();
    void aPastedScreenshotIsAttachedAsAPicture();
    void aFileOverTheLimitIsRefusedWithTheReason();
    void clickingAFileOpensThatFileNotItsNeighbour_data();
    void clickingAFileOpensThatFileNotItsNeighbour();
    void aFileOfTheSameNameOpensFromTheTicketOnScreen_data();
    void aFileOfTheSameNameOpensFromTheTicketOnScreen();
    void anImageShowsAThumbnailAndAPreview();
    void aLogPreviewsAsHighlightedText();
    void aFileThatCouldRunCodeAsksBeforeItOpens();
    void saveAsWritesTheSameBytes();
    void aDraftKeepsItsFilesAcrossTickets();
    void screenshots();

private:
    qint64 createTicket(const QString &subject);
    // Lola puts these files (name -> bytes) on the ticket as a reply; their hashes in order.
    QStringList lolaAttaches(qint64 ticketId, const QList<QPair<QString, QByteArray>> &files);
    QJsonArray serverArticles(qint64 id);
    bool waitOnline(Workspace &w, int timeoutMs = 20000);
    // Clicks, with the mouse, the first place of the timeline that links to this file.
    bool clickFileInTimeline(const QString &sha256, bool thumbnail = false);
    QString writeFile(const QString &name, const QByteArray &bytes);
    // Lola puts one file on a new ticket; Ana shows the ticket and clicks the file's line in
    // the conversation. The viewer that opened, or null when none did.
    Ui::AttachmentViewer *openLolasFile(
        const QString &subject, const QString &name, const QByteArray &bytes);

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    TestClient m_lola;
    std::unique_ptr<Workspace> m_ana;
    std::unique_ptr<TicketPanel> m_panel;
    QList<QUrl> m_launched;
};

void AttachmentsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    // Small limits, so "too big" needs no 25 MiB file.
    QVERIFY(m_server.start({ QStringLiteral("--file-limits"), QStringLiteral("1,20,100") }));
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    Ui::FileOpener::setLauncher([this](const QUrl &url) {
        m_launched << url;
        return true;
    });
}

void AttachmentsTest::init()
{
    m_launched.clear();
    m_ana = std::make_unique<Workspace>();
    QString error;
    QVERIFY2(m_ana->open({ m_server.url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                             m_dirs.filePath(QStringLiteral("ana")), false },
                 &error),
        qPrintable(error));
    QVERIFY(waitOnline(*m_ana));
    m_panel = std::make_unique<TicketPanel>(m_ana.get());
    m_panel->resize(1280, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void AttachmentsTest::cleanup()
{
    m_panel.reset();
    m_ana.reset();
}

bool AttachmentsTest::waitOnline(Workspace &w, int timeoutMs)
{
    QDeadlineTimer d(timeoutMs);
    while (
        !d.hasExpired() && !(w.state() == Client::SyncEngine::State::Online && w.outboxSize() == 0))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return w.state() == Client::SyncEngine::State::Online && w.outboxSize() == 0;
}

qint64 AttachmentsTest::createTicket(const QString &subject)
{
    const auto r = m_lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject },
            { QStringLiteral("description"), QStringLiteral("Reported: ") + subject },
            { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("opId"), newOpId() } });
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QStringList AttachmentsTest::lolaAttaches(
    qint64 ticketId, const QList<QPair<QString, QByteArray>> &files)
{
    QStringList ids, hashes;
    for (const auto &[name, bytes] : files) {
        const QString id = newOpId();
        const QString sha = sha256Hex(bytes);
        auto r = m_lola.call(QStringLiteral("files.upload"),
            { { QStringLiteral("uploadId"), id }, { QStringLiteral("name"), name },
                { QStringLiteral("size"), double(bytes.size()) },
                { QStringLiteral("sha256"), sha } });
        if (!r.ok)
            qWarning() << "files.upload:" << r.error.message;
        r = m_lola.call(QStringLiteral("files.upload.chunk"),
            { { QStringLiteral("uploadId"), id }, { QStringLiteral("offset"), 0 },
                { QStringLiteral("data"), QString::fromLatin1(bytes.toBase64()) } });
        if (!r.ok || !r.object().value(QStringLiteral("complete")).toBool())
            qWarning() << "files.upload.chunk:" << r.error.message;
        ids << id;
        hashes << sha;
    }
    const auto r = m_lola.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(ticketId) },
            { QStringLiteral("kind"), QStringLiteral("reply") },
            { QStringLiteral("body"), QStringLiteral("The files you asked for.") },
            { QStringLiteral("attachments"), QJsonArray::fromStringList(ids) },
            { QStringLiteral("opId"), newOpId() } });
    if (!r.ok)
        qWarning() << "tickets.addArticle:" << r.error.message;
    return hashes;
}

QJsonArray AttachmentsTest::serverArticles(qint64 id)
{
    return m_lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } })
        .object()
        .value(QStringLiteral("articles"))
        .toArray();
}

QString AttachmentsTest::writeFile(const QString &name, const QByteArray &bytes)
{
    QDir().mkpath(m_dirs.filePath(QStringLiteral("files")));
    const QString path = m_dirs.filePath(QStringLiteral("files/") + name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return QString();
    return path;
}

bool AttachmentsTest::clickFileInTimeline(const QString &sha256, bool thumbnail)
{
    return clickLink(m_panel->timeline(), QStringLiteral("atiende://file/") + sha256, thumbnail);
}

Ui::AttachmentViewer *AttachmentsTest::openLolasFile(
    const QString &subject, const QString &name, const QByteArray &bytes)
{
    const qint64 id = createTicket(subject);
    const QStringList hashes = lolaAttaches(id, { { name, bytes } });
    if (hashes.size() != 1 || !QTest::qWaitFor([&] { return m_ana->conversation(id).size() >= 2; }))
        return nullptr;
    m_panel->showTicket(id);
    if (!QTest::qWaitFor([&] { return m_panel->timeline()->toPlainText().contains(name); })
        || !clickFileInTimeline(hashes.first()))
        return nullptr;
    Ui::AttachmentViewer *viewer = nullptr;
    return QTest::qWaitFor([&] { return (viewer = m_panel->findChild<Ui::AttachmentViewer *>()); })
        ? viewer
        : nullptr;
}

void AttachmentsTest::aFileDroppedOnTheReplyGoesOutWithIt()
{
    const qint64 id = createTicket(QStringLiteral("Printer prints blank pages"));
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    const QByteArray log = "2026-12-07 09:12:01 ERROR spooler: job 412 has 0 pages\n";
    const QString path = writeFile(QStringLiteral("spooler.log"), log);

    // Dropped from the file manager onto the text.
    QPlainTextEdit *text = m_panel->editor()->editor();
    QMimeData data;
    data.setUrls({ QUrl::fromLocalFile(path) });
    const QPoint at = text->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(text->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(text->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY2(text->toPlainText().isEmpty(), "the path must not be typed into the reply");

    // A chip with its name; Send works without any text.
    QCOMPARE(m_panel->editor()->files().size(), 1);
    const auto names
        = m_panel->editor()->outgoingFiles()->findChildren<QLabel *>(QStringLiteral("fileName"));
    QCOMPARE(names.size(), 1);
    QCOMPARE(names.first()->text(), QStringLiteral("spooler.log"));
    QVERIFY(m_panel->editor()->sendButton()->isEnabled());
    QTest::mouseClick(m_panel->editor()->sendButton(), Qt::LeftButton);
    QVERIFY(m_panel->editor()->files().isEmpty());

    // The server has one reply carrying exactly that file.
    QJsonObject carried;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &v : serverArticles(id)) {
                const QJsonArray files
                    = v.toObject().value(QStringLiteral("attachments")).toArray();
                if (!files.isEmpty())
                    carried = files.first().toObject();
            }
            return !carried.isEmpty();
        }(),
        20000);
    QCOMPARE(carried.value(QStringLiteral("name")).toString(), QStringLiteral("spooler.log"));
    QCOMPARE(carried.value(QStringLiteral("sha256")).toString(), sha256Hex(log));
    QCOMPARE(carried.value(QStringLiteral("size")).toInteger(), log.size());
    // And the conversation shows it, confirmed.
    QTRY_VERIFY(m_panel->timeline()->toPlainText().contains(QStringLiteral("spooler.log")));
}

void AttachmentsTest::aPastedScreenshotIsAttachedAsAPicture()
{
    const qint64 id = createTicket(QStringLiteral("Error dialog on start"));
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    m_panel->focusNote();
    QImage screenshot(800, 450, QImage::Format_RGB32);
    screenshot.fill(QColor(0x20, 0x60, 0xa0));
    QGuiApplication::clipboard()->setImage(screenshot);
    QPlainTextEdit *text = m_panel->editor()->editor();
    QTest::keyClicks(text, QStringLiteral("What the customer sees"));
    QTest::keyClick(text, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_panel->editor()->files().size(), 1);
    const Client::OutgoingFile file = m_panel->editor()->files().first();
    QCOMPARE(file.file.mediaType, QStringLiteral("image/png"));
    QVERIFY(file.file.name.endsWith(QStringLiteral(".png")));
    QCOMPARE(text->toPlainText(), QStringLiteral("What the customer sees"));
    QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);

    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &v : serverArticles(id)) {
                const QJsonObject a = v.toObject();
                if (a.value(QStringLiteral("kind")).toString() == QLatin1String("note")
                    && a.value(QStringLiteral("attachments")).toArray().size() == 1)
                    return a.value(QStringLiteral("attachments"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("sha256"))
                               .toString()
                        == file.file.sha256;
            }
            return false;
        }(),
        20000);
}

void AttachmentsTest::aFileOverTheLimitIsRefusedWithTheReason()
{
    const qint64 id = createTicket(QStringLiteral("Huge dump"));
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    QTRY_COMPARE(m_ana->fileLimits().fileBytes, qint64(1024 * 1024)); // what the server announced
    const QString path = writeFile(QStringLiteral("core.dump"), QByteArray(1024 * 1024 + 1, 'x'));
    m_panel->attachFiles({ path });
    QVERIFY(m_panel->editor()->files().isEmpty());
    QVERIFY2(m_panel->editor()->notice().contains(QStringLiteral("core.dump")),
        qPrintable(m_panel->editor()->notice()));
    QVERIFY2(m_panel->editor()->notice().contains(QStringLiteral("Too big")),
        qPrintable(m_panel->editor()->notice()));
}

static void windowSizes()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void AttachmentsTest::clickingAFileOpensThatFileNotItsNeighbour_data()
{
    windowSizes();
}

void AttachmentsTest::clickingAFileOpensThatFileNotItsNeighbour()
{
    QFETCH(QSize, size);
    m_panel->resize(size);
    const qint64 id = createTicket(QStringLiteral("Two logs"));
    const QStringList hashes = lolaAttaches(id,
        { { QStringLiteral("first.log"), QByteArray("first log line\n") },
            { QStringLiteral("second.log"), QByteArray("second log line\n") } });
    QCOMPARE(hashes.size(), 2);
    QTRY_VERIFY(m_ana->conversation(id).size() >= 2);
    m_panel->showTicket(id);
    QTRY_VERIFY(m_panel->timeline()->toPlainText().contains(QStringLiteral("second.log")));

    QVERIFY(clickFileInTimeline(hashes.at(1)));
    Ui::AttachmentViewer *viewer = nullptr;
    QTRY_VERIFY((viewer = m_panel->findChild<Ui::AttachmentViewer *>()) != nullptr);
    QCOMPARE(viewer->file().name, QStringLiteral("second.log"));
    QTRY_COMPARE(viewer->preview(), Ui::AttachmentViewer::Preview::Text);
    QCOMPARE(viewer->textView()->toPlainText(), QStringLiteral("second log line\n"));
    viewer->close();
    QTRY_VERIFY(!m_panel->findChild<Ui::AttachmentViewer *>());

    QVERIFY(clickFileInTimeline(hashes.at(0)));
    QTRY_VERIFY((viewer = m_panel->findChild<Ui::AttachmentViewer *>()) != nullptr);
    QCOMPARE(viewer->file().name, QStringLiteral("first.log"));
    viewer->close();
}

void AttachmentsTest::aFileOfTheSameNameOpensFromTheTicketOnScreen_data()
{
    windowSizes();
}

void AttachmentsTest::aFileOfTheSameNameOpensFromTheTicketOnScreen()
{
    // Two customers send "app.log": after moving from one ticket to the other, the click opens
    // the log of the ticket on screen, never the one shown before.
    QFETCH(QSize, size);
    m_panel->resize(size);
    const QString name = QStringLiteral("app.log");
    const qint64 first = createTicket(QStringLiteral("Printer offline"));
    const qint64 second = createTicket(QStringLiteral("VPN drops"));
    const QByteArray firstLog("spooler: printer 4F offline\n");
    const QByteArray secondLog("vpn: tunnel closed by peer\n");
    const QString firstSha = lolaAttaches(first, { { name, firstLog } }).value(0);
    const QString secondSha = lolaAttaches(second, { { name, secondLog } }).value(0);
    QTRY_VERIFY(m_ana->conversation(first).size() >= 2 && m_ana->conversation(second).size() >= 2);

    m_panel->showTicket(first);
    QTRY_VERIFY(m_panel->timeline()->toPlainText().contains(name));
    m_panel->showTicket(second);
    QTRY_VERIFY(m_panel->timeline()->toPlainText().contains(QStringLiteral("Reported: VPN drops"))
        && m_panel->timeline()->toPlainText().contains(name));
    QVERIFY2(!clickFileInTimeline(firstSha), "the first ticket's log is still on screen");
    QVERIFY(clickFileInTimeline(secondSha));
    Ui::AttachmentViewer *viewer = nullptr;
    QTRY_VERIFY((viewer = m_panel->findChild<Ui::AttachmentViewer *>()) != nullptr);
    QTRY_COMPARE(viewer->preview(), Ui::AttachmentViewer::Preview::Text);
    QCOMPARE(viewer->textView()->toPlainText(), QString::fromLatin1(secondLog));
    viewer->close();
}

void AttachmentsTest::anImageShowsAThumbnailAndAPreview()
{
    const qint64 id = createTicket(QStringLiteral("Screen flickers"));
    const QByteArray png = pngBytes(QColor(0xc0, 0x30, 0x30));
    const QStringList hashes = lolaAttaches(id, { { QStringLiteral("flicker.png"), png } });
    QTRY_VERIFY(m_ana->conversation(id).size() >= 2);
    m_panel->showTicket(id);
    // The thumbnail is fetched, decoded off the UI thread and put in the conversation.
    const QUrl thumb(QStringLiteral("atiende-thumbnail:") + hashes.first());
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->timeline()
                                  ->document()
                                  ->resource(QTextDocument::ImageResource, thumb)
                                  .value<QImage>()
                                  .isNull(),
        20000);
    const QImage shown = m_panel->timeline()
                             ->document()
                             ->resource(QTextDocument::ImageResource, thumb)
                             .value<QImage>();
    QVERIFY(shown.deviceIndependentSize().width() <= 320);
    QVERIFY(shown.deviceIndependentSize().height() <= 180);

    QVERIFY(clickFileInTimeline(hashes.first(), true));
    Ui::AttachmentViewer *viewer = nullptr;
    QTRY_VERIFY((viewer = m_panel->findChild<Ui::AttachmentViewer *>()) != nullptr);
    QCOMPARE(viewer->file().name, QStringLiteral("flicker.png"));
    QTRY_COMPARE(viewer->preview(), Ui::AttachmentViewer::Preview::Image);
    QVERIFY(!viewer->imageView()->pixmap().isNull());
    viewer->close();
}

void AttachmentsTest::aLogPreviewsAsHighlightedText()
{
    const QByteArray log = "2026-12-07 08:00:01 INFO  vpn: connected\n"
                           "2026-12-07 08:14:22 ERROR vpn: tunnel lost (timeout)\n";
    Ui::AttachmentViewer *viewer
        = openLolasFile(QStringLiteral("VPN drops"), QStringLiteral("vpn.log"), log);
    QVERIFY(viewer);
    QTRY_COMPARE(viewer->preview(), Ui::AttachmentViewer::Preview::Text);
    // The ERROR line is coloured: some of its characters have a format of their own.
    const QTextBlock error = viewer->textView()->document()->findBlockByNumber(1);
    QVERIFY(error.text().contains(QStringLiteral("ERROR")));
    bool coloured = false;
    for (auto it = error.begin(); !it.atEnd(); ++it)
        coloured = coloured || it.fragment().charFormat().hasProperty(QTextFormat::ForegroundBrush);
    QVERIFY2(coloured, "the log line is not highlighted");
    viewer->close();
}

void AttachmentsTest::aFileThatCouldRunCodeAsksBeforeItOpens()
{
    const QByteArray script = "@echo off\r\nformat c: /q\r\n";
    Ui::AttachmentViewer *viewer
        = openLolasFile(QStringLiteral("Strange script"), QStringLiteral("fix.bat"), script);
    QVERIFY(viewer);
    QTRY_VERIFY(viewer->openButton()->isEnabled());
    QVERIFY(viewer->findChild<QLabel *>(QStringLiteral("viewerRisk")));

    // Cancel: nothing is opened.
    auto answer = [](const QString &button) {
        QTimer::singleShot(50, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), QStringLiteral("riskyFileWarning"));
            for (QAbstractButton *b : box->buttons()) {
                if (b->text() == button
                    || (button.isEmpty() && box->buttonRole(b) == QMessageBox::RejectRole))
                    return b->click();
            }
            QFAIL("no such button");
        });
    };
    answer(QString());
    QTest::mouseClick(viewer->openButton(), Qt::LeftButton);
    QVERIFY(m_launched.isEmpty());

    // Open anyway: the system gets a copy named as the file is named, never the cache's copy.
    answer(QStringLiteral("Open anyway"));
    QTest::mouseClick(viewer->openButton(), Qt::LeftButton);
    QCOMPARE(m_launched.size(), 1);
    QCOMPARE(QFileInfo(m_launched.first().toLocalFile()).fileName(), QStringLiteral("fix.bat"));
    QFile opened(m_launched.first().toLocalFile());
    QVERIFY(opened.open(QIODevice::ReadOnly));
    QCOMPARE(opened.readAll(), script);
    viewer->close();
}

void AttachmentsTest::saveAsWritesTheSameBytes()
{
    const QByteArray pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    Ui::AttachmentViewer *viewer
        = openLolasFile(QStringLiteral("Invoice"), QStringLiteral("invoice.pdf"), pdf);
    QVERIFY(viewer);
    QTRY_VERIFY(viewer->saveButton()->isEnabled());
    QCOMPARE(viewer->preview(), Ui::AttachmentViewer::Preview::None); // never rendered here
    const QString target = m_dirs.filePath(QStringLiteral("saved-invoice.pdf"));
    QVERIFY(viewer->saveTo(target));
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), pdf);
    viewer->close();
}

void AttachmentsTest::aDraftKeepsItsFilesAcrossTickets()
{
    const qint64 id = createTicket(QStringLiteral("Keyboard layout"));
    const qint64 other = createTicket(QStringLiteral("Mouse"));
    QTRY_VERIFY(m_ana->ticket(id).has_value() && m_ana->ticket(other).has_value());
    m_panel->showTicket(id);
    const QString path
        = writeFile(QStringLiteral("layout.txt"), QByteArray("es-ES expected, en-US shown\n"));
    m_panel->attachFiles({ path });
    QCOMPARE(m_panel->editor()->files().size(), 1);
    m_panel->showTicket(other);
    QVERIFY(m_panel->editor()->files().isEmpty());
    m_panel->showTicket(id);
    QCOMPARE(m_panel->editor()->files().size(), 1);
    QCOMPARE(m_panel->editor()->files().first().file.name, QStringLiteral("layout.txt"));

    // Taken off with its button: the draft forgets it.
    auto *remove = m_panel->editor()->outgoingFiles()->findChild<QToolButton *>(
        QStringLiteral("removeFile"));
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(m_panel->editor()->files().isEmpty());
    m_panel->showTicket(other);
    m_panel->showTicket(id);
    QVERIFY(m_panel->editor()->files().isEmpty());
}

// docs/screenshots/reply-with-files-{en,es}.png: a conversation with a picture and a log, and a
// note being written with two files attached.
void AttachmentsTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the reply "
              "with files");
    QVERIFY(QDir().mkpath(dir));
    const qint64 id = createTicket(QStringLiteral("The label printer in the warehouse jams"));
    QImage photo(960, 540, QImage::Format_RGB32);
    {
        QPainter p(&photo);
        QLinearGradient g(0, 0, 960, 540);
        g.setColorAt(0, QColor(0x4a, 0x55, 0x68));
        g.setColorAt(1, QColor(0x1f, 0x24, 0x2d));
        p.fillRect(photo.rect(), g);
        p.fillRect(QRect(260, 120, 440, 300), QColor(0xe8, 0xe4, 0xda));
        p.fillRect(QRect(300, 300, 360, 60), QColor(0x30, 0x30, 0x30));
        p.setPen(QPen(QColor(0xd0, 0x40, 0x30), 6));
        p.drawEllipse(QRect(420, 280, 140, 100));
    }
    QByteArray jpeg;
    {
        QBuffer b(&jpeg);
        b.open(QIODevice::WriteOnly);
        photo.save(&b, "JPEG", 85);
    }
    lolaAttaches(id,
        { { QStringLiteral("printer-jam.jpg"), jpeg },
            { QStringLiteral("spooler.log"),
                QByteArray("2026-12-07 09:12:01 INFO  spooler: job 412 sent to ZD421-WH2\n"
                           "2026-12-07 09:12:04 ERROR spooler: ZD421-WH2 reports MEDIA JAM "
                           "(head open: no, ribbon: ok)\n") } });
    QTRY_VERIFY(m_ana->conversation(id).size() >= 2);
    const QString log = writeFile(QStringLiteral("zd421-config.txt"),
        QByteArray("print.tone=18\nmedia.type=label\nmedia.sense_mode=gap\n"));
    const QString picture = writeFile(QStringLiteral("label-roll.png"), pngBytes(Qt::darkCyan));

    auto shoot = [&](const QString &language) {
        m_panel = std::make_unique<TicketPanel>(m_ana.get());
        m_panel->resize(1100, 760);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->showTicket(id);
        m_panel->focusNote();
        m_panel->editor()->editor()->insertPlainText( // typed: keyClicks knows no "ó"
            language == QLatin1String("es")
                ? QStringLiteral("Adjunto la configuración de la impresora y una foto del rollo.")
                : QStringLiteral("Attaching the printer's settings and a photo of the roll."));
        m_panel->attachFiles({ log, picture });
        const QUrl thumb(QStringLiteral("atiende-thumbnail:") + sha256Hex(jpeg));
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->timeline()
                                      ->document()
                                      ->resource(QTextDocument::ImageResource, thumb)
                                      .value<QImage>()
                                      .isNull(),
            20000);
        QTRY_VERIFY(m_ana->uploadedBytes(m_panel->editor()->files().constLast().uploadId)
            == m_panel->editor()->files().constLast().file.size);
        QCoreApplication::processEvents();
        const QString path
            = QDir(dir).filePath(QStringLiteral("reply-with-files-%1.png").arg(language));
        QVERIFY(m_panel->grab().save(path));
        qInfo() << "wrote" << path;
        // Not sent: the draft goes with the panel.
        for (const Client::OutgoingFile &f : m_panel->editor()->files())
            m_ana->discardFile(f.uploadId);
        m_panel->editor()->setFiles({});
        m_panel->editor()->setText(QString());
        m_panel.reset();
        m_ana->clearDraft(id);
    };
    shoot(QStringLiteral("en"));
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshots show English texts";
    QCoreApplication::processEvents();
    shoot(QStringLiteral("es"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(AttachmentsTest)
#include "tst_attachments.moc"

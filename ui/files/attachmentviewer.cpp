#include "attachmentviewer.h"

#include "fileopener.h"
#include "outgoingfiles.h"

#include "ui/text/codehighlighter.h"
#include "workspace/workspace.h"

#include "core/files/filerules.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QImageReader>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Atiende::Ui {

namespace {
enum Page { LoadingPage, ImagePage, TextPage, MessagePage };
}

AttachmentViewer::AttachmentViewer(
    Client::Workspace *workspace, const Core::Attachment &file, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_file(file)
{
    setObjectName(QStringLiteral("attachmentViewer"));
    setWindowTitle(file.name);
    auto *layout = new QVBoxLayout(this);

    // What the file is, as stored: the name as plain text (never markup), size, media type.
    auto *name = new QLabel(file.name, this);
    name->setObjectName(QStringLiteral("viewerName"));
    name->setTextFormat(Qt::PlainText);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    name->setFont(big);
    auto *facts = new QLabel(
        tr("%1 · %2", "size, media type").arg(OutgoingFiles::sizeText(file.size), file.mediaType),
        this);
    facts->setObjectName(QStringLiteral("viewerFacts"));
    facts->setTextFormat(Qt::PlainText);
    layout->addWidget(name);
    layout->addWidget(facts);
    const QString risk = FileOpener::riskWarning(file);
    if (!risk.isEmpty()) {
        auto *warning = new QLabel(risk, this);
        warning->setObjectName(QStringLiteral("viewerRisk"));
        warning->setTextFormat(Qt::PlainText);
        warning->setWordWrap(true);
        QPalette p = warning->palette();
        p.setColor(QPalette::WindowText, QColor(0xb0, 0x3a, 0x2e));
        warning->setPalette(p);
        layout->addWidget(warning);
    }

    m_pages = new QStackedWidget(this);
    auto *loading = new QWidget(m_pages);
    auto *loadingLayout = new QVBoxLayout(loading);
    m_progress = new QProgressBar(loading);
    m_progress->setObjectName(QStringLiteral("fetchProgress"));
    m_progress->setRange(0, 0);
    loadingLayout->addStretch();
    loadingLayout->addWidget(new QLabel(tr("Fetching the file from the server…"), loading));
    loadingLayout->addWidget(m_progress);
    loadingLayout->addStretch();
    m_pages->addWidget(loading);

    m_scroll = new QScrollArea(m_pages);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_scroll->setWidgetResizable(false);
    m_image = new QLabel;
    m_image->setObjectName(QStringLiteral("imagePreview"));
    m_scroll->setWidget(m_image);
    m_pages->addWidget(m_scroll);

    m_text = new QPlainTextEdit(m_pages);
    m_text->setObjectName(QStringLiteral("textPreview"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pages->addWidget(m_text);

    m_message = new QLabel(m_pages);
    m_message->setObjectName(QStringLiteral("viewerMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_pages->addWidget(m_message);
    layout->addWidget(m_pages, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_open = buttons->addButton(tr("&Open with system application"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("openFile"));
    m_save = buttons->addButton(tr("&Save as…"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("saveFile"));
    m_open->setEnabled(false);
    m_save->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_open, &QPushButton::clicked, this, &AttachmentViewer::openExternally);
    connect(m_save, &QPushButton::clicked, this, &AttachmentViewer::saveAs);
    layout->addWidget(buttons);

    resize(880, 620);
    fetch();
}

void AttachmentViewer::fetch()
{
    m_preview = Preview::Loading;
    m_pages->setCurrentIndex(LoadingPage);
    if (!m_workspace)
        return;
    connect(m_workspace, &Client::Workspace::fetchProgress, this,
        [this](const QString &sha256, qint64 received, qint64 total) {
            if (sha256 != m_file.sha256 || total <= 0)
                return;
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(received * 1000 / total));
        });
    m_workspace->fetchFile(
        m_file.sha256, this, [this](const Client::FileFetch &f) { onFetched(f); });
}

void AttachmentViewer::onFetched(const Client::FileFetch &f)
{
    if (!f.ok()) {
        m_preview = Preview::Failed;
        QString why;
        if (f.errorCode == Client::FileFetch::Offline)
            why = tr("This file is not on this computer, and there is no connection to fetch it. "
                     "It opens when you are back online.");
        else if (f.errorCode == Client::FileFetch::LocalFailure)
            why = tr("The file could not be kept on this computer: %1").arg(f.error);
        else
            why = tr("The server did not give the file: %1").arg(f.error);
        m_message->setText(why);
        m_pages->setCurrentIndex(MessagePage);
        return;
    }
    m_workspace->markFileOpened(f.sha256); // kept while offline
    showFile(f.path);
}

void AttachmentViewer::showFile(const QString &path)
{
    m_path = path;
    m_open->setEnabled(true);
    m_save->setEnabled(true);
    if (Core::Files::isPreviewableImage(m_file.mediaType)) {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        m_full = reader.read();
        if (!m_full.isNull()) {
            m_preview = Preview::Image;
            m_pages->setCurrentIndex(ImagePage);
            fitImage();
            return;
        }
    } else if (Core::Files::isPreviewableText(m_file.mediaType)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = f.read(kMaxTextPreviewBytes);
            QStringDecoder utf8(QStringDecoder::Utf8);
            QString text = utf8(bytes);
            if (utf8.hasError()) // not UTF-8: most likely a Windows log in Latin-1
                text = QString::fromLatin1(bytes);
            if (m_file.size > kMaxTextPreviewBytes)
                text += QLatin1Char('\n')
                    + tr("[The preview shows the first %1; save the file to read it all.]")
                          .arg(OutgoingFiles::sizeText(kMaxTextPreviewBytes));
            m_text->setPlainText(text);
            const auto highlighter = CodeHighlighter::create();
            highlighter->setPalette(m_text->palette());
            QTextDocument *doc = m_text->document();
            if (doc->blockCount() > 0 && text.size() <= CodeHighlighter::kMaxBlockLength)
                highlighter->highlightBlocks(doc->firstBlock(), doc->lastBlock(),
                    m_file.name.section(QLatin1Char('.'), -1).toLower());
            m_preview = Preview::Text;
            m_pages->setCurrentIndex(TextPage);
            return;
        }
    }
    m_preview = Preview::None;
    m_message->setText(tr("The console does not show this kind of file (%1). Open it with the "
                          "system application or save it.")
                           .arg(m_file.mediaType));
    m_pages->setCurrentIndex(MessagePage);
}

void AttachmentViewer::fitImage()
{
    if (m_full.isNull())
        return;
    const qreal dpr = devicePixelRatioF();
    QSize room = m_scroll->viewport()->size() * dpr;
    QImage shown = m_full;
    if (m_full.width() > room.width() || m_full.height() > room.height())
        shown = m_full.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPixmap pixmap = QPixmap::fromImage(shown);
    pixmap.setDevicePixelRatio(dpr);
    m_image->setPixmap(pixmap);
    m_image->resize(pixmap.deviceIndependentSize().toSize());
}

void AttachmentViewer::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    if (m_preview == Preview::Image)
        fitImage();
}

void AttachmentViewer::openExternally()
{
    if (m_path.isEmpty() || !FileOpener::askBeforeOpening(this, m_file))
        return;
    QString error;
    if (!FileOpener::open(m_path, m_file, &error))
        Q_EMIT notice(tr("%1 could not be opened: %2").arg(m_file.name, error));
}

void AttachmentViewer::saveAs()
{
    if (m_path.isEmpty())
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString target = QFileDialog::getSaveFileName(this, tr("Save %1").arg(m_file.name),
        QDir(folder).filePath(Core::Files::sanitiseName(m_file.name)));
    if (!target.isEmpty())
        saveTo(target);
}

bool AttachmentViewer::saveTo(const QString &target)
{
    QString error;
    if (!FileOpener::saveAs(m_path, target, &error)) {
        Q_EMIT notice(tr("%1 could not be saved: %2").arg(m_file.name, error));
        return false;
    }
    m_workspace->markFileOpened(m_file.sha256);
    Q_EMIT notice(tr("Saved to %1").arg(QDir::toNativeSeparators(target)));
    return true;
}

} // namespace Atiende::Ui

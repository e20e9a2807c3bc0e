#pragma once
// One file on a ticket, looked at: its stored name, size and media type (as the server told
// them, never guessed from the name), a preview when the console can show it safely (images
// it decodes itself, text and logs as plain text highlighted like code blocks; never HTML
// rendered, never SVG), and Open (with the system's application, after a warning for
// anything that could run code) and Save as. A file not on this computer is fetched first,
// with its progress.

#include "core/domain/attachment.h"

#include <QDialog>
#include <QImage>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace Atiende::Client {
class Workspace;
struct FileFetch;
} // namespace Atiende::Client

namespace Atiende::Ui {

class AttachmentViewer : public QDialog
{
    Q_OBJECT
public:
    // Text previews show at most this much of a file (a 25 MiB log would stall the view).
    static constexpr qint64 kMaxTextPreviewBytes = 2 * 1024 * 1024;

    AttachmentViewer(
        Client::Workspace *workspace, const Core::Attachment &file, QWidget *parent = nullptr);

    const Core::Attachment &file() const { return m_file; }
    // The cached copy once fetched (empty before).
    QString path() const { return m_path; }
    enum class Preview { Loading, Image, Text, None, Failed };
    Preview preview() const { return m_preview; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *imageView() const { return m_image; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *saveButton() const { return m_save; }

public Q_SLOTS:
    // Opens with the system's application (asking first when it could run code).
    void openExternally();
    // Asks where and saves a copy there.
    void saveAs();
    // Saves without asking (what saveAs does once it knows where).
    bool saveTo(const QString &target);

Q_SIGNALS:
    // A notice for the status bar ("Saved to …", why it could not open).
    void notice(const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fetch();
    void onFetched(const Client::FileFetch &fetch);
    void showFile(const QString &path);
    void fitImage();

    Client::Workspace *m_workspace;
    Core::Attachment m_file;
    QString m_path;
    Preview m_preview = Preview::Loading;
    QImage m_full;
    QStackedWidget *m_pages;
    QProgressBar *m_progress;
    QLabel *m_message;
    QScrollArea *m_scroll;
    QLabel *m_image;
    QPlainTextEdit *m_text;
    QPushButton *m_open;
    QPushButton *m_save;
};

} // namespace Atiende::Ui

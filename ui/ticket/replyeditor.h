#pragma once
// Where the agent writes: a plain-text Markdown editor that is either a public reply (the
// customer reads it) or an internal note (agents only), tinted like notes in note mode so the
// two are never confused; Send (Ctrl+Enter), canned responses, files (the Attach button,
// files or an image dropped on it, a screenshot pasted) shown as chips under the text, and a
// line that says where the text goes (offline: it waits). It knows nothing of tickets, drafts
// or uploads: the panel does.

#include "client/files/outgoingfile.h"

#include <QWidget>

class QImage;
class QLabel;
class QMimeData;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace Atiende::Ui {

class OutgoingFiles;

class ReplyEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Reply, Note };
    Q_ENUM(Mode)
    // The protocol's limit for an article body (UTF-16 code units, as the server counts).
    static constexpr int kMaxLength = 256 * 1024;

    explicit ReplyEditor(QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    static QString wireName(Mode mode); // "reply" or "note", as articles and drafts name them
    static Mode modeFromWire(const QString &kind);

    QString text() const;
    // Replaces the text without emitting edited() (restoring a draft is not typing).
    void setText(const QString &text);
    // Inserts at the cursor, on a line of its own when the cursor is inside a line.
    void insertText(const QString &text);
    // Nothing written and no file attached: nothing to send.
    bool isEmpty() const;
    bool hasText() const;

    // The files attached to what is being written, in the order attached.
    QList<Client::OutgoingFile> files() const;
    // Replaces them (a draft restored, a reply sent) without emitting edited().
    void setFiles(const QList<Client::OutgoingFile> &files);
    // A file the panel attached: shown, and edited() (the draft keeps it).
    void addFile(const Client::OutgoingFile &file);
    OutgoingFiles *outgoingFiles() const { return m_files; }

    // A closed ticket, or none: nothing can be written, and the reason is shown instead.
    void setWritable(bool writable, const QString &reason = QString());
    // The line under the editor: where the text goes.
    void setOnline(bool online);
    // Replies to this ticket go out by e-mail to these (empty: they are not mailed, and the
    // CC button is hidden). The audience line names them in reply mode.
    void setMailRecipients(const QStringList &to, const QStringList &cc);
    QToolButton *ccButton() const { return m_cc; }
    QString audienceText() const;
    // A passing remark beside the buttons ("Draft saved", a canned response's warning).
    void setNotice(const QString &text);
    QString notice() const;

    QPlainTextEdit *editor() const { return m_edit; }
    QToolButton *cannedButton() const { return m_canned; }
    QToolButton *attachButton() const { return m_attach; }

    // What a drop or paste carries, as the editor takes it: local files, else an image; false
    // when it carries neither (then it is text, for the text editor).
    bool offerMimeData(const QMimeData *data);
    QPushButton *sendButton() const { return m_send; }

public Q_SLOTS:
    void focusEditor();
    // Sends what is written if there is anything (what Ctrl+Enter and the button do).
    void send();

Q_SIGNALS:
    // The agent changed the text or the mode (not setText): time to save a draft.
    void edited();
    void modeChanged(Atiende::Ui::ReplyEditor::Mode mode);
    void sendRequested(Atiende::Ui::ReplyEditor::Mode mode, const QString &text);
    void cannedRequested();
    // The CC button: the panel asks for the ticket's CC list.
    void ccRequested();
    // The Attach button: the panel asks which files.
    void attachRequested();
    // Files dropped on the editor or pasted (local paths), and an image dropped or pasted (a
    // screenshot): the panel attaches them.
    void filesOffered(const QStringList &paths);
    void imageOffered(const QImage &image);
    // The agent took a file off (edited() follows).
    void fileRemoved(const QString &uploadId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateLook();
    static QString sendKeys();
    void updateSendable();

    Mode m_mode = Mode::Reply;
    bool m_writable = true;
    bool m_online = true;
    bool m_settingText = false;
    bool m_tooLong = false;
    QToolButton *m_reply;
    QToolButton *m_note;
    QLabel *m_audience;
    QToolButton *m_cc;
    QStringList m_mailTo;
    QStringList m_mailCc;
    QPlainTextEdit *m_edit;
    QToolButton *m_canned;
    QToolButton *m_attach;
    OutgoingFiles *m_files;
    QLabel *m_notice;
    QPushButton *m_send;
};

} // namespace Atiende::Ui

#pragma once
// Where the agent writes: a plain-text Markdown editor that is either a public reply (the
// customer reads it) or an internal note (agents only), tinted like notes in note mode so the
// two are never confused; Send (Ctrl+Enter), canned responses, and a line that says where
// the text goes (offline: it waits). It knows nothing of tickets or drafts: the panel does.

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace Atiende::Ui {

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
    bool isEmpty() const;

    // A closed ticket, or none: nothing can be written, and the reason is shown instead.
    void setWritable(bool writable, const QString &reason = QString());
    // The line under the editor: where the text goes.
    void setOnline(bool online);
    // A passing remark beside the buttons ("Draft saved", a canned response's warning).
    void setNotice(const QString &text);
    QString notice() const;

    QPlainTextEdit *editor() const { return m_edit; }
    QToolButton *cannedButton() const { return m_canned; }
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
    QPlainTextEdit *m_edit;
    QToolButton *m_canned;
    QLabel *m_notice;
    QPushButton *m_send;
};

} // namespace Atiende::Ui

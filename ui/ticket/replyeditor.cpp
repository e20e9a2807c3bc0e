#include "replyeditor.h"

#include "ui/common/theme.h"
#include "ui/files/outgoingfiles.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QImage>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace Atiende::Ui {

namespace {

// The text editor, asking its ReplyEditor first what a paste carries: a screenshot or files
// become attachments, text stays text.
class ReplyText : public QPlainTextEdit
{
public:
    explicit ReplyText(ReplyEditor *owner)
        : QPlainTextEdit(owner)
        , m_owner(owner)
    {
    }

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override
    {
        return source->hasImage() || source->hasUrls()
            || QPlainTextEdit::canInsertFromMimeData(source);
    }
    void insertFromMimeData(const QMimeData *source) override
    {
        if (isReadOnly() || !m_owner->offerMimeData(source))
            QPlainTextEdit::insertFromMimeData(source);
    }

private:
    ReplyEditor *m_owner;
};

QStringList localFiles(const QMimeData *data)
{
    QStringList paths;
    if (!data->hasUrls())
        return paths;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

ReplyEditor::ReplyEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *modes = new QHBoxLayout;
    m_reply = new QToolButton(this);
    m_reply->setObjectName(QStringLiteral("replyMode"));
    m_reply->setText(tr("&Reply"));
    m_note = new QToolButton(this);
    m_note->setObjectName(QStringLiteral("noteMode"));
    m_note->setText(tr("Internal n&ote"));
    for (QToolButton *b : { m_reply, m_note }) {
        b->setCheckable(true);
        b->setAutoExclusive(true);
        b->setFocusPolicy(Qt::StrongFocus);
        modes->addWidget(b);
    }
    m_reply->setChecked(true);
    m_audience = new QLabel(this);
    m_audience->setObjectName(QStringLiteral("audience"));
    m_audience->setTextFormat(Qt::PlainText);
    m_audience->setMinimumWidth(0);
    m_audience->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elided, not wider
    modes->addSpacing(8);
    modes->addWidget(m_audience, 1);
    m_cc = new QToolButton(this);
    m_cc->setObjectName(QStringLiteral("ccButton"));
    m_cc->setText(tr("CC…"));
    m_cc->setToolTip(tr("Who else gets this ticket's e-mail"));
    m_cc->setFocusPolicy(Qt::StrongFocus);
    m_cc->hide();
    connect(m_cc, &QToolButton::clicked, this, &ReplyEditor::ccRequested);
    modes->addWidget(m_cc);
    layout->addLayout(modes);

    m_edit = new ReplyText(this);
    m_edit->setObjectName(QStringLiteral("replyText"));
    m_edit->setTabChangesFocus(true); // keyboard first: Tab leaves the editor, as in a form
    m_edit->setMinimumHeight(m_edit->fontMetrics().lineSpacing() * 4);
    m_edit->installEventFilter(this);
    m_edit->viewport()->installEventFilter(this); // drops land on the viewport
    layout->addWidget(m_edit, 1);

    m_files = new OutgoingFiles(this);
    layout->addWidget(m_files);

    auto *buttons = new QHBoxLayout;
    m_canned = new QToolButton(this);
    m_canned->setObjectName(QStringLiteral("cannedButton"));
    m_canned->setText(tr("C&anned responses…"));
    m_canned->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_canned->setFocusPolicy(Qt::StrongFocus);
    m_attach = new QToolButton(this);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setText(tr("A&ttach files…"));
    m_attach->setToolTip(tr("Attach files. You can also drop files here or paste a screenshot."));
    m_attach->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_attach->setFocusPolicy(Qt::StrongFocus);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("editorNotice"));
    m_notice->setWordWrap(true);
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(sendKeys());
    buttons->addWidget(m_canned);
    buttons->addWidget(m_attach);
    buttons->addWidget(m_notice, 1);
    buttons->addWidget(m_send);
    layout->addLayout(buttons);

    setFocusProxy(m_edit);
    setTabOrder(m_reply, m_note);
    setTabOrder(m_note, m_edit);
    setTabOrder(m_edit, m_canned);
    setTabOrder(m_canned, m_attach);
    setTabOrder(m_attach, m_send);

    connect(m_reply, &QToolButton::toggled, this, [this](bool on) {
        if (on && m_mode != Mode::Reply) {
            setMode(Mode::Reply);
            Q_EMIT edited();
        }
    });
    connect(m_note, &QToolButton::toggled, this, [this](bool on) {
        if (on && m_mode != Mode::Note) {
            setMode(Mode::Note);
            Q_EMIT edited();
        }
    });
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateSendable();
        if (!m_settingText)
            Q_EMIT edited();
    });
    connect(m_canned, &QToolButton::clicked, this, &ReplyEditor::cannedRequested);
    connect(m_attach, &QToolButton::clicked, this, &ReplyEditor::attachRequested);
    connect(m_files, &OutgoingFiles::removed, this, [this](const QString &uploadId) {
        updateSendable();
        Q_EMIT fileRemoved(uploadId);
        Q_EMIT edited();
    });
    connect(m_send, &QPushButton::clicked, this, &ReplyEditor::send);
    updateLook();
    updateSendable();
}

QString ReplyEditor::wireName(Mode mode)
{
    return mode == Mode::Note ? QStringLiteral("note") : QStringLiteral("reply");
}
ReplyEditor::Mode ReplyEditor::modeFromWire(const QString &kind)
{
    return kind == QLatin1String("note") ? Mode::Note : Mode::Reply;
}

void ReplyEditor::setMode(Mode mode)
{
    if (m_mode == mode && (mode == Mode::Reply ? m_reply : m_note)->isChecked())
        return;
    m_mode = mode;
    (mode == Mode::Reply ? m_reply : m_note)->setChecked(true);
    updateLook();
    Q_EMIT modeChanged(mode);
}

void ReplyEditor::updateLook()
{
    const bool note = m_mode == Mode::Note;
    // The note's tint on the page itself: whoever types sees at a glance who will read it.
    QPalette p = palette();
    if (note) {
        p.setColor(QPalette::Base, Theme::noteBackground(palette()));
    }
    m_edit->setPalette(p);
    m_edit->setPlaceholderText(note ? tr("Write an internal note (Markdown)…")
                                    : tr("Write a reply to the customer (Markdown)…"));
    m_audience->setText(audienceText());
    m_audience->setToolTip(m_audience->text());
    m_send->setText(note ? tr("A&dd note") : tr("Sen&d reply"));
    m_edit->setAccessibleName(note ? tr("Internal note") : tr("Reply"));
}

void ReplyEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateLook();
}

QString ReplyEditor::text() const
{
    return m_edit->toPlainText();
}
bool ReplyEditor::hasText() const
{
    return !m_edit->toPlainText().trimmed().isEmpty();
}
bool ReplyEditor::isEmpty() const
{
    return !hasText() && m_files->isEmpty();
}

QList<Client::OutgoingFile> ReplyEditor::files() const
{
    return m_files->files();
}

void ReplyEditor::setFiles(const QList<Client::OutgoingFile> &files)
{
    m_files->setFiles(files);
    updateSendable();
}

void ReplyEditor::addFile(const Client::OutgoingFile &file)
{
    m_files->add(file);
    updateSendable();
    Q_EMIT edited();
}

bool ReplyEditor::offerMimeData(const QMimeData *data)
{
    if (!m_writable)
        return false;
    const QStringList paths = localFiles(data);
    if (!paths.isEmpty()) {
        Q_EMIT filesOffered(paths);
        return true;
    }
    if (data->hasImage()) {
        const QImage image = qvariant_cast<QImage>(data->imageData());
        if (!image.isNull()) {
            Q_EMIT imageOffered(image);
            return true;
        }
    }
    return false;
}

void ReplyEditor::setText(const QString &text)
{
    m_settingText = true;
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
    m_settingText = false;
    updateSendable();
}

void ReplyEditor::insertText(const QString &text)
{
    if (text.isEmpty() || !m_writable)
        return;
    QTextCursor c = m_edit->textCursor();
    QString insert = text;
    // Markdown blocks (a KB article, a canned response) need a line of their own.
    if (c.positionInBlock() > 0)
        insert.prepend(QLatin1Char('\n'));
    if (!c.atBlockEnd() && !insert.endsWith(QLatin1Char('\n')))
        insert.append(QLatin1Char('\n'));
    c.insertText(insert);
    m_edit->setTextCursor(c);
    m_edit->setFocus();
}

void ReplyEditor::setWritable(bool writable, const QString &reason)
{
    if (writable == m_writable && (writable || m_edit->placeholderText() == reason))
        return;
    const bool was = m_writable;
    m_writable = writable;
    m_edit->setReadOnly(!writable);
    m_reply->setEnabled(writable);
    m_note->setEnabled(writable);
    m_canned->setEnabled(writable);
    m_cc->setEnabled(writable);
    m_attach->setEnabled(writable);
    m_files->setEditable(writable);
    if (!writable) {
        m_edit->setPlaceholderText(reason);
        setNotice(reason);
    } else {
        updateLook();
        if (!was)
            setNotice(QString());
    }
    updateSendable();
}

void ReplyEditor::setMailRecipients(const QStringList &to, const QStringList &cc)
{
    if (to == m_mailTo && cc == m_mailCc)
        return;
    m_mailTo = to;
    m_mailCc = cc;
    m_cc->setVisible(!(to.isEmpty() && cc.isEmpty()));
    updateLook();
}

QString ReplyEditor::audienceText() const
{
    if (m_mode == Mode::Note)
        return tr("Only agents see internal notes.");
    if (m_mailTo.isEmpty() && m_mailCc.isEmpty())
        return tr("The customer reads replies.");
    const QString to = m_mailTo.join(QStringLiteral(", "));
    if (m_mailCc.isEmpty())
        return tr("Goes out by e-mail to %1").arg(to);
    return tr("Goes out by e-mail to %1, CC %2").arg(to, m_mailCc.join(QStringLiteral(", ")));
}

void ReplyEditor::setOnline(bool online)
{
    m_online = online;
    m_send->setToolTip(online ? sendKeys()
                              : tr("%1. You are offline: it is sent when the connection is back.",
                                  "the Send shortcut")
                                    .arg(sendKeys()));
}

QString ReplyEditor::sendKeys()
{
    // The key names as the platform and the agent's language write them: "Ctrl+Enter",
    // "Ctrl+Intro" (Qt calls the main key Return, "Retorno", where keyboards say Enter or
    // Intro; both keys send).
    return QKeySequence(Qt::CTRL | Qt::Key_Enter).toString(QKeySequence::NativeText);
}

void ReplyEditor::setNotice(const QString &text)
{
    m_notice->setText(text);
}
QString ReplyEditor::notice() const
{
    return m_notice->text();
}

void ReplyEditor::updateSendable()
{
    const int length
        = m_edit->document()->characterCount() - 1; // without the final paragraph separator
    const bool tooLong = length > kMaxLength;
    if (tooLong != m_tooLong) {
        m_tooLong = tooLong;
        setNotice(tooLong
                ? tr("Too long to send: %L1 characters, at most %L2.").arg(length).arg(kMaxLength)
                : QString());
    }
    m_send->setEnabled(m_writable && !tooLong && !isEmpty());
}

void ReplyEditor::focusEditor()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
}

void ReplyEditor::send()
{
    if (!m_writable || m_tooLong || isEmpty())
        return;
    Q_EMIT sendRequested(m_mode, text());
}

bool ReplyEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit->viewport()) {
        // Files and images dropped on the text become attachments; text drops stay text.
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDropEvent *>(event);
            if (m_writable
                && (!localFiles(drag->mimeData()).isEmpty() || drag->mimeData()->hasImage())) {
                drag->setDropAction(Qt::CopyAction);
                drag->accept();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            if (offerMimeData(drop->mimeData())) {
                drop->setDropAction(Qt::CopyAction);
                drop->accept();
                return true;
            }
        }
        return QWidget::eventFilter(watched, event);
    }
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ControlModifier)) {
            send();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Atiende::Ui

#include "replyeditor.h"

#include "ui/common/theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace Atiende::Ui {

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
    modes->addSpacing(8);
    modes->addWidget(m_audience, 1);
    layout->addLayout(modes);

    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("replyText"));
    m_edit->setTabChangesFocus(true); // keyboard first: Tab leaves the editor, as in a form
    m_edit->setMinimumHeight(m_edit->fontMetrics().lineSpacing() * 4);
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit, 1);

    auto *buttons = new QHBoxLayout;
    m_canned = new QToolButton(this);
    m_canned->setObjectName(QStringLiteral("cannedButton"));
    m_canned->setText(tr("C&anned responses…"));
    m_canned->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_canned->setFocusPolicy(Qt::StrongFocus);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("editorNotice"));
    m_notice->setWordWrap(true);
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(sendKeys());
    buttons->addWidget(m_canned);
    buttons->addWidget(m_notice, 1);
    buttons->addWidget(m_send);
    layout->addLayout(buttons);

    setFocusProxy(m_edit);
    setTabOrder(m_reply, m_note);
    setTabOrder(m_note, m_edit);
    setTabOrder(m_edit, m_canned);
    setTabOrder(m_canned, m_send);

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
    m_audience->setText(
        note ? tr("Only agents see internal notes.") : tr("The customer reads replies."));
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
bool ReplyEditor::isEmpty() const
{
    return m_edit->toPlainText().trimmed().isEmpty();
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

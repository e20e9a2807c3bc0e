#include "conflictbanner.h"

#include "fieldtext.h"

#include "client/workspace/workspace.h"
#include "core/domain/timestamp.h"
#include "core/protocol/errorcode.h"
#include "models/labels/labels.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Core::Protocol::ErrorCode;
using Models::Labels;

ConflictBanner::ConflictBanner(
    Client::Workspace *workspace, const FieldText *names, QWidget *parent)
    : QFrame(parent)
    , m_workspace(workspace)
    , m_names(names)
{
    setObjectName(QStringLiteral("conflictBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_rows = new QVBoxLayout(this);
    m_rows->setContentsMargins(8, 6, 8, 6);
    updateColours();
    hide();
}

void ConflictBanner::updateColours()
{
    QPalette p = palette();
    p.setColor(QPalette::Window, Theme::mix(p.color(QPalette::Base), Theme::slaWarning(), 0.18));
    setPalette(p);
}

void ConflictBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::StyleChange)
        updateColours();
}

QString ConflictBanner::refusalReason(int code, const QString &serverMessage)
{
    switch (ErrorCode(code)) {
    case ErrorCode::InvalidTransition:
        return tr("The ticket's status no longer allows that change.");
    case ErrorCode::ValidationFailed:
        // The server's sentence names the rule; it comes in English.
        return serverMessage.isEmpty() ? tr("The server refused it.")
                                       : tr("The server refused it: %1").arg(serverMessage);
    case ErrorCode::Forbidden:
        return tr("You may no longer change this ticket (it belongs to another group now).");
    case ErrorCode::NotFound:
        return tr("The ticket or something it names no longer exists.");
    case ErrorCode::InvalidParams:
        return tr("The server could not read the request: %1").arg(serverMessage);
    case ErrorCode::VersionConflict:
        return tr("Someone else changed the same fields first.");
    default:
        return serverMessage.isEmpty() ? tr("The server refused it.")
                                       : tr("The server refused it: %1").arg(serverMessage);
    }
}

QString ConflictBanner::describeRefused(const Client::EditConflict &c) const
{
    if (c.refusedEscalation) {
        const Core::EscalationRequest &e = *c.refusedEscalation;
        const bool functional = e.kind == Core::EscalationKind::Functional;
        const qint64 to = e.toGroupId;
        QString text = functional ? (to ? tr("Escalation to %1").arg(m_names->group(to))
                                        : tr("Escalation to the next tier"))
                                  : tr("Escalation to the team leads");
        if (!e.reason.isEmpty())
            text += tr(" (“%1”)").arg(e.reason);
        return text;
    }
    QStringList changes;
    for (const Core::FieldChange &change : c.refusedChanges)
        changes << tr("%1 → %2").arg(FieldText::fieldLabel(change.field, change.fieldName),
            m_names->value(change.field, change.to));
    return changes.isEmpty() ? tr("An edit")
                             : tr("Your change: %1").arg(changes.join(QStringLiteral(", ")));
}

QWidget *ConflictBanner::rowFor(const Client::EditConflict &c)
{
    auto *row = new QWidget(this);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(row);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(label);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    layout->addLayout(buttons);
    const qint64 id = c.id;
    auto button = [&](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, row);
        b->setObjectName(name);
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };

    QString text;
    if (c.isFieldConflict()) {
        // Someone else changed this field first; the server kept theirs.
        text = tr(
            "%1 was changed by someone else while you edited it. Yours: %2. Theirs (kept): %3.")
                   .arg(FieldText::fieldLabel(c.field, c.fieldName),
                       m_names->value(c.field, c.yours), m_names->value(c.field, c.theirs));
        connect(button(tr("&Keep theirs"), QStringLiteral("keepTheirs")), &QPushButton::clicked,
            this, [this, id] { m_workspace->keepTheirs(id); });
        connect(button(tr("Apply m&ine"), QStringLiteral("applyMine")), &QPushButton::clicked, this,
            [this, c] { m_workspace->applyMine(c); });
    } else if (c.isRefusedText()) {
        // A reply or a note the server did not add: the text goes back to the agent.
        text = tr("Your text was not added. %1").arg(refusalReason(c.code, c.message));
        auto *body = new QPlainTextEdit(c.refusedText, row);
        body->setObjectName(QStringLiteral("refusedText"));
        body->setReadOnly(true);
        body->setMaximumHeight(body->fontMetrics().lineSpacing() * 5 + 8);
        layout->insertWidget(1, body);
        const QString refused = c.refusedText;
        QPushButton *toEditor = button(tr("Copy into editor"), QStringLiteral("copyToEditor"));
        toEditor->setEnabled(m_editorWritable);
        connect(toEditor, &QPushButton::clicked, this, [this, id, refused] {
            Q_EMIT copyToEditorRequested(refused);
            m_workspace->keepTheirs(id); // the text is safe in the editor (and its draft) now
        });
        connect(button(tr("Copy to clip&board"), QStringLiteral("copyToClipboard")),
            &QPushButton::clicked, this,
            [refused] { QGuiApplication::clipboard()->setText(refused); });
        connect(button(tr("Discard"), QStringLiteral("dismiss")), &QPushButton::clicked, this,
            [this, id] { m_workspace->keepTheirs(id); });
    } else {
        text = tr("%1 was not applied. %2")
                   .arg(describeRefused(c), refusalReason(c.code, c.message));
        connect(button(tr("Dismiss"), QStringLiteral("dismiss")), &QPushButton::clicked, this,
            [this, id] { m_workspace->keepTheirs(id); });
    }
    label->setText(text);
    if (c.createdAt > 0)
        label->setToolTip(tr("Reported %1").arg(Labels::when(c.createdAt, Core::Timestamp::now())));
    m_texts << text;
    return row;
}

void ConflictBanner::setConflicts(const QList<Client::EditConflict> &conflicts)
{
    // Keep the keyboard focus on the banner if it was there (a button in the row that goes).
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    m_conflicts = conflicts;
    m_texts.clear();
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        // Later: the button that settled a conflict is still delivering its click.
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    for (const Client::EditConflict &c : conflicts)
        m_rows->addWidget(rowFor(c));
    setVisible(!conflicts.isEmpty());
    if (hadFocus && !conflicts.isEmpty()) {
        if (auto *first = m_rows->itemAt(0)->widget()->findChild<QPushButton *>())
            first->setFocus(Qt::OtherFocusReason);
    }
}

QStringList ConflictBanner::texts() const
{
    return m_texts;
}

void ConflictBanner::setEditorWritable(bool writable)
{
    if (m_editorWritable == writable)
        return;
    m_editorWritable = writable;
    for (QPushButton *b : findChildren<QPushButton *>(QStringLiteral("copyToEditor")))
        b->setEnabled(writable);
}

} // namespace Atiende::Ui

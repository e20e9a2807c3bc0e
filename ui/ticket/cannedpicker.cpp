#include "cannedpicker.h"

#include "core/text/fold.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

CannedPicker::CannedPicker(QWidget *parent)
    : QFrame(parent, Qt::Popup)
{
    setObjectName(QStringLiteral("cannedPicker"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("cannedFilter"));
    m_filter->setPlaceholderText(tr("Type to find a canned response…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    layout->addWidget(m_filter);
    auto *body = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("cannedList"));
    m_list->setUniformItemSizes(true);
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setFocusPolicy(Qt::NoFocus);
    body->addWidget(m_list, 2);
    body->addWidget(m_preview, 3);
    layout->addLayout(body, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("cannedEmpty"));
    m_empty->setWordWrap(true);
    m_empty->hide();
    layout->addWidget(m_empty);
    auto *footer = new QHBoxLayout;
    footer->addStretch(1);
    m_manage = new QPushButton(tr("&Manage canned responses…"), this);
    m_manage->setObjectName(QStringLiteral("cannedManage"));
    m_manage->setFocusPolicy(Qt::TabFocus);
    m_manage->hide();
    footer->addWidget(m_manage);
    layout->addLayout(footer);
    resize(640, 320);

    connect(m_manage, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT manageRequested();
    });

    connect(m_filter, &QLineEdit::textChanged, this, &CannedPicker::refilter);
    connect(m_list, &QListWidget::currentRowChanged, this, &CannedPicker::showPreview);
    connect(m_list, &QListWidget::itemActivated, this, &CannedPicker::pickCurrent);
}

void CannedPicker::setResponses(
    const QList<Core::CannedResponse> &responses, const QString &language, qint64 groupId)
{
    m_entries.clear();
    QList<Entry> others;
    for (const Core::CannedResponse &r : responses) {
        if (!r.active)
            continue;
        if (r.groupId && groupId && r.groupId != groupId)
            continue;
        Entry e;
        e.id = r.id;
        e.title = r.title;
        e.body = r.body;
        e.language = r.language;
        e.folded = Core::Text::fold(
            e.title + QLatin1Char('\n') + r.keywords + QLatin1Char('\n') + e.body);
        (e.language.isEmpty() || language.isEmpty() || e.language == language ? m_entries : others)
            .append(e);
    }
    // canned.list answers by title; keep that order within each half.
    m_entries += others;
    refilter();
}

void CannedPicker::setListState(bool fetched, bool online, bool mayManage)
{
    m_fetched = fetched;
    m_online = online;
    m_mayManage = mayManage;
    m_manage->setVisible(mayManage);
    refilter();
}

int CannedPicker::visibleCount() const
{
    return m_list->count();
}
QString CannedPicker::previewText() const
{
    return m_preview->toPlainText();
}
QString CannedPicker::emptyText() const
{
    return m_empty->isVisible() ? m_empty->text() : QString();
}

void CannedPicker::refilter()
{
    const QStringList words
        = Core::Text::fold(m_filter->text()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_list->clear();
    for (const Entry &e : std::as_const(m_entries)) {
        if (!std::all_of(words.begin(), words.end(),
                [&e](const QString &w) { return e.folded.contains(w); }))
            continue;
        auto *item = new QListWidgetItem(
            e.language.isEmpty() ? e.title : QStringLiteral("%1 [%2]").arg(e.title, e.language),
            m_list);
        item->setData(Qt::UserRole, e.id);
        item->setData(Qt::UserRole + 1, e.body);
    }
    m_empty->setVisible(m_list->count() == 0);
    QString empty;
    if (!m_entries.isEmpty())
        empty = tr("No canned response matches.");
    else if (!m_fetched)
        empty = m_online ? tr("Fetching the canned responses from the desk…")
                         : tr("No canned responses here yet: this console gets them from the desk "
                              "the next time it is online.");
    else if (m_mayManage)
        empty = tr("The desk has no canned responses for this ticket's group yet. Add one with "
                   "Manage canned responses…");
    else
        empty = tr("The desk has no canned responses for this ticket's group yet. An admin, or the "
                   "lead of the group, can add them "
                   "(Ticket menu, Manage canned responses…).");
    m_empty->setText(empty);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_preview->clear();
}

void CannedPicker::showPreview()
{
    const QListWidgetItem *item = m_list->currentItem();
    const QString body = item ? item->data(Qt::UserRole + 1).toString() : QString();
    m_preview->setPlainText(m_previewer && item ? m_previewer(body) : body);
}

void CannedPicker::pickCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(Qt::UserRole).toLongLong();
    hide();
    Q_EMIT picked(id);
}

void CannedPicker::popup(QWidget *anchor)
{
    m_filter->clear();
    refilter();
    QPoint at = anchor->mapToGlobal(QPoint(0, anchor->height()));
    if (const QScreen *screen = anchor->screen()) {
        const QRect room = screen->availableGeometry();
        if (at.y() + height() > room.bottom())
            at.setY(anchor->mapToGlobal(QPoint(0, 0)).y() - height()); // above the button
        at.setX(qBound(room.left(), at.x(), qMax(room.left(), room.right() - width())));
    }
    move(at);
    show();
    m_filter->setFocus(Qt::PopupFocusReason);
}

bool CannedPicker::eventFilter(QObject *watched, QEvent *event)
{
    // The filter line keeps the focus; arrows and Enter act on the list.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QCoreApplication::sendEvent(m_list, event);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            pickCurrent();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace Atiende::Ui

#include "commandpalette.h"

#include "core/text/fold.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Atiende::Ui {

namespace {
QString plain(const QAction *a)
{
    QString text = a->text();
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text;
}
} // namespace

CommandPalette::CommandPalette(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_actions(actions)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Command palette"));
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Type an action: assign, status, reply, escalate…"));
    m_search->setAccessibleName(tr("Action to run"));
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    resize(520, 360);
    connect(m_search, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    m_search->installEventFilter(this);
    refill();
    if (parent) {
        const QRect area = parent->window()->geometry();
        move(area.center().x() - width() / 2, area.top() + area.height() / 6);
    }
}

QList<QAction *> CommandPalette::matching(const QString &text) const
{
    const QStringList words = Core::Text::fold(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<QPair<int, QAction *>> scored;
    for (QAction *a : m_actions) {
        if (!a->isEnabled() || !a->isVisible())
            continue;
        const QString name = Core::Text::fold(plain(a));
        bool all = true;
        int score = 0;
        for (const QString &w : words) {
            const qsizetype at = name.indexOf(w);
            if (at < 0) {
                all = false;
                break;
            }
            score
                += at == 0 ? 0 : (name.at(at - 1) == QLatin1Char(' ') ? 1 : 3); // word starts first
        }
        if (all)
            scored.append({ score, a });
    }
    std::stable_sort(scored.begin(), scored.end(),
        [](const auto &x, const auto &y) { return x.first < y.first; });
    QList<QAction *> out;
    for (const auto &s : std::as_const(scored))
        out << s.second;
    return out;
}

void CommandPalette::setTextCommands(std::function<QList<TextCommand>(const QString &)> commands)
{
    m_textCommands = std::move(commands);
    refill();
}

void CommandPalette::refill()
{
    m_list->clear();
    m_shownCommands = m_textCommands ? m_textCommands(m_search->text()) : QList<TextCommand>();
    auto addCommands = [this](bool first) {
        for (int i = 0; i < m_shownCommands.size(); ++i) {
            if (m_shownCommands.at(i).first != first)
                continue;
            auto *item = new QListWidgetItem(m_shownCommands.at(i).label, m_list);
            item->setData(Qt::UserRole + 1, i);
        }
    };
    addCommands(true);
    const QList<QAction *> actions = matching(m_search->text());
    for (QAction *a : actions) {
        const QString shortcut = a->shortcut().toString(QKeySequence::NativeText);
        auto *item = new QListWidgetItem(
            shortcut.isEmpty() ? plain(a) : tr("%1\t%2").arg(plain(a), shortcut), m_list);
        item->setData(Qt::UserRole, QVariant::fromValue(static_cast<QObject *>(a)));
        if (!a->icon().isNull())
            item->setIcon(a->icon());
    }
    addCommands(false);
    m_list->setCurrentRow(0);
}

void CommandPalette::runCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    if (const QVariant command = item->data(Qt::UserRole + 1); command.isValid()) {
        const std::function<void()> run = m_shownCommands.value(command.toInt()).run;
        accept();
        if (run)
            QTimer::singleShot(0, this->parent() ? this->parent() : this, run);
        return;
    }
    auto *action = qobject_cast<QAction *>(item->data(Qt::UserRole).value<QObject *>());
    accept();
    // After the palette is gone, so the action finds the focus where the agent left it.
    if (action)
        QTimer::singleShot(0, action, &QAction::trigger);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            m_list->setCurrentRow(qMin(m_list->currentRow() + 1, m_list->count() - 1));
            return true;
        case Qt::Key_Up:
            m_list->setCurrentRow(qMax(m_list->currentRow() - 1, 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Atiende::Ui

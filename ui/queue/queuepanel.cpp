#include "queuepanel.h"

#include "models/queue/queuemodel.h"
#include "ui/queue/queuedelegate.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Models::QueueModel;
using Models::QueueView;

namespace {
const QString kOwnViewsKey = QStringLiteral("queue.views");
const QString kLastViewKey = QStringLiteral("queue.lastView");
} // namespace

QueuePanel::QueuePanel(Client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new QueueModel(workspace, this))
    , m_views(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("queuePanel"));
    m_views->setObjectName(QStringLiteral("savedViews"));
    m_views->setToolTip(tr("Saved views (Ctrl+1 to Ctrl+6, F6 for the next)"));
    m_views->setAccessibleName(tr("Saved view"));
    m_filter->setObjectName(QStringLiteral("queueFilter"));
    m_filter->setPlaceholderText(tr("Filter by number, subject, customer or organisation"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the queue"));
    m_count->setObjectName(QStringLiteral("queueCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *save = new QToolButton(this);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save this view and filter as your own"));
    save->setAutoRaise(true);
    connect(save, &QToolButton::clicked, this, &QueuePanel::saveCurrentFilter);

    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new QueueDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never asks 100,000 rows how tall they are.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    // Widths from what the columns hold (and at least their titles), in this font and language.
    const QFontMetrics fm = m_table->fontMetrics();
    const QFontMetrics hfm = header->fontMetrics();
    const QList<QPair<int, QString>> widths{{QueueModel::Number, QStringLiteral("INC-000000")},
                                            {QueueModel::Priority, QStringLiteral("P1")},
                                            {QueueModel::Status, QStringLiteral("Pending customer")},
                                            {QueueModel::Customer, QStringLiteral("María Fernández")},
                                            {QueueModel::Group, QStringLiteral("Service Desk")},
                                            {QueueModel::Assignee, QStringLiteral("Agent Demo")},
                                            {QueueModel::SlaDue, QStringLiteral("-23 h 59 min")},
                                            {QueueModel::Updated, QStringLiteral("Mon 10:42")}};
    for (const auto &[column, sample] : widths) {
        const int content = fm.horizontalAdvance(sample) + fm.height() + 8; // + the marks and padding
        const int title = hfm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 2 * hfm.height();
        header->resizeSection(column, qMax(content, title));
    }
    header->setMinimumSectionSize(fm.height() * 2);
    // The subject says what the ticket is about: it gets the room.
    header->resizeSection(QueueModel::Subject, fm.horizontalAdvance(QLatin1Char('M')) * 22);
    header->setSortIndicator(QueueModel::Updated, Qt::DescendingOrder);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_views, 1);
    top->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_filter, &QLineEdit::textChanged, m_model, &QueueModel::setFilterText);
    connect(m_views, &QComboBox::activated, this, &QueuePanel::setViewByIndex);
    connect(m_model, &QueueModel::countsChanged, this, &QueuePanel::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        const qint64 id = current.isValid() ? m_model->ticketIdAt(current.row()) : 0;
        if (id != m_current) {
            m_current = id;
            Q_EMIT currentTicketChanged(id);
        }
    });
    // A row that moves keeps its selection; one that leaves the view leaves nothing current.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (m_current && m_model->rowOfTicket(m_current) < 0 && !m_table->selectionModel()->currentIndex().isValid()) {
            m_current = 0;
            Q_EMIT currentTicketChanged(0);
        }
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) { Q_EMIT ticketActivated(m_model->ticketIdAt(index.row())); });
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this] { saveSettings(); });
    connect(header, &QHeaderView::sectionResized, this, [this] { saveSettings(); });
    connect(header, &QHeaderView::sectionMoved, this, [this] { saveSettings(); });
    if (m_workspace) {
        connect(m_workspace, &Client::Workspace::presenceChanged, this, [this](qint64 id) { m_model->setViewers(id, m_workspace->viewers(id)); });
        connect(m_workspace, &Client::Workspace::ticketRenumbered, this, [this](qint64, qint64 id) {
            if (m_current < 0)
                selectTicket(id); // the ticket made offline stays selected under its real id
        });
    }
    // Countdowns tick; views that depend on the clock (at risk, recently updated) follow it.
    m_tick->setInterval(15000);
    connect(m_tick, &QTimer::timeout, m_model, &QueueModel::tick);
    m_tick->start();

    // Up and Down in the filter box move through the queue without leaving the box.
    m_filter->installEventFilter(this);
    rebuildViewChooser();
}

QueuePanel::~QueuePanel() = default;

void QueuePanel::load()
{
    QSettings settings;
    const QByteArray state = settings.value(QStringLiteral("queue/header")).toByteArray();
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
    const QHeaderView *header = m_table->horizontalHeader();
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_model->reload();
    rebuildViewChooser();
    const QString last = m_workspace ? m_workspace->setting(kLastViewKey) : QString();
    setViewById(last.isEmpty() ? QStringLiteral("mine") : last);
}

void QueuePanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("queue/header"), m_table->horizontalHeader()->saveState());
}

QList<QueueView> QueuePanel::ownViews() const
{
    QList<QueueView> views;
    if (!m_workspace)
        return views;
    for (const QJsonValue &v : QJsonDocument::fromJson(m_workspace->setting(kOwnViewsKey).toUtf8()).array())
        views << QueueView::fromJson(v.toObject());
    return views;
}

void QueuePanel::storeOwnViews(const QList<QueueView> &views)
{
    QJsonArray array;
    for (const QueueView &v : views)
        array.append(v.toJson());
    if (m_workspace)
        m_workspace->setSetting(kOwnViewsKey, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
}

void QueuePanel::rebuildViewChooser()
{
    const QString current = m_model->view().id;
    m_allViews = QueueView::builtIns() + ownViews();
    const QSignalBlocker block(m_views);
    m_views->clear();
    for (int i = 0; i < m_allViews.size(); ++i) {
        const QueueView &v = m_allViews.at(i);
        m_views->addItem(i < 9 ? tr("%1\t(Ctrl+%2)").arg(v.name).arg(i + 1) : v.name, v.id);
        m_views->setItemData(i, v.name, Qt::ToolTipRole);
    }
    const int index = m_views->findData(current);
    m_views->setCurrentIndex(index < 0 ? 0 : index);
}

void QueuePanel::setViewByIndex(int index)
{
    if (index < 0 || index >= m_allViews.size())
        return;
    const QueueView &view = m_allViews.at(index);
    m_model->setView(view);
    {
        const QSignalBlocker block(m_views);
        m_views->setCurrentIndex(index);
    }
    if (m_workspace)
        m_workspace->setSetting(kLastViewKey, view.id);
    // Keep the ticket the agent was on if the new view shows it; otherwise the first row.
    if (m_current && m_model->rowOfTicket(m_current) >= 0)
        selectTicket(m_current);
    else if (m_model->rowCount() > 0)
        m_table->scrollToTop();
}

void QueuePanel::setViewById(const QString &id)
{
    for (int i = 0; i < m_allViews.size(); ++i) {
        if (m_allViews.at(i).id == id) {
            setViewByIndex(i);
            return;
        }
    }
    setViewByIndex(0);
}

void QueuePanel::nextView() { setViewByIndex((m_views->currentIndex() + 1) % qMax(1, int(m_allViews.size()))); }

void QueuePanel::saveCurrentFilter()
{
    bool ok = false;
    const QString suggestion = m_filter->text().isEmpty() ? m_model->view().name : tr("%1: %2").arg(m_model->view().name, m_filter->text());
    const QString name = QInputDialog::getText(this, tr("Save view"), tr("Name of the view:"), QLineEdit::Normal, suggestion, &ok).trimmed();
    if (!ok || name.isEmpty())
        return;
    QueueView view = m_model->view();
    QList<QueueView> own = ownViews();
    int n = 1;
    for (const QueueView &v : std::as_const(own))
        n = qMax(n, v.id.mid(7).toInt() + 1);
    view.id = QStringLiteral("custom-%1").arg(n);
    view.name = name;
    view.text = (view.text + QLatin1Char(' ') + m_filter->text()).trimmed();
    own << view;
    storeOwnViews(own);
    rebuildViewChooser();
    m_filter->clear();
    setViewById(view.id);
}

void QueuePanel::deleteCurrentFilter()
{
    const QString id = m_model->view().id;
    if (!id.startsWith(QLatin1String("custom-")))
        return;
    QList<QueueView> own = ownViews();
    own.erase(std::remove_if(own.begin(), own.end(), [&](const QueueView &v) { return v.id == id; }), own.end());
    storeOwnViews(own);
    rebuildViewChooser();
    setViewByIndex(0);
}

qint64 QueuePanel::currentTicket() const { return m_current; }

bool QueuePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier) {
            switch (key->key()) {
            case Qt::Key_Down:
                selectNext();
                return true;
            case Qt::Key_Up:
                selectPrevious();
                return true;
            case Qt::Key_Escape:
                if (!m_filter->text().isEmpty()) {
                    m_filter->clear();
                    return true;
                }
                m_table->setFocus(Qt::ShortcutFocusReason);
                return true;
            default:
                break;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueuePanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void QueuePanel::selectTicket(qint64 id)
{
    const int row = m_model->rowOfTicket(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, QueueModel::Number);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void QueuePanel::selectNext()
{
    const int row = m_table->selectionModel()->currentIndex().row();
    const int next = qMin(row + 1, m_model->rowCount() - 1);
    if (next >= 0)
        selectTicket(m_model->ticketIdAt(next));
}

void QueuePanel::selectPrevious()
{
    const int row = m_table->selectionModel()->currentIndex().row();
    const int previous = row < 0 ? 0 : qMax(0, row - 1);
    if (m_model->rowCount() > 0)
        selectTicket(m_model->ticketIdAt(previous));
}

void QueuePanel::updateCount(int shown, int total)
{
    const QLocale locale;
    m_count->setText(shown == total ? tr("%1 tickets").arg(locale.toString(total)) : tr("%1 of %2 tickets").arg(locale.toString(shown), locale.toString(total)));
}

} // namespace Atiende::Ui

#include "queuepanel.h"

#include "models/queue/queuemodel.h"
#include "ui/queue/queuedelegate.h"
#include "ui/queue/queuetable.h"
#include "workspace/workspace.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScopedValueRollback>
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
    , m_table(new QueueTable(this))
    , m_openNote(new QLabel(this))
    , m_searchNote(new QLabel(this))
    , m_count(new QLabel(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("queuePanel"));
    m_views->setObjectName(QStringLiteral("savedViews"));
    m_views->setToolTip(tr("Saved views (Ctrl+1 to Ctrl+6, F6 for the next)"));
    m_views->setAccessibleName(tr("Saved view"));
    // The longest view name must not set how narrow the queue may be (the list shows it all).
    m_views->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_views->setMinimumContentsLength(14);
    m_filter->setObjectName(QStringLiteral("queueFilter"));
    m_filter->setPlaceholderText(
        tr("Filter this view; Enter searches all tickets or opens a number"));
    m_filter->setToolTip(
        tr("Typing filters this view by number, subject, customer or organisation.\n"
           "Enter searches every ticket you may see, open and closed, conversations included;\n"
           "on a ticket number (INC-002751) it opens that ticket."));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the queue"));
    m_count->setObjectName(QStringLiteral("queueCount"));
    m_openNote->setObjectName(QStringLiteral("openTicketNote"));
    m_openNote->setWordWrap(true);
    m_openNote->setForegroundRole(QPalette::PlaceholderText);
    m_openNote->hide();
    m_searchNote->setObjectName(QStringLiteral("searchNote"));
    m_searchNote->setWordWrap(true);
    m_searchNote->hide();
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *save = new QToolButton(this);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save this view and filter as your own"));
    save->setAutoRaise(true);
    connect(save, &QToolButton::clicked, this, &QueuePanel::saveCurrentFilter);

    m_columnsButton = new QToolButton(this);
    m_columnsButton->setObjectName(QStringLiteral("queueColumns"));
    m_columnsButton->setText(tr("Columns"));
    m_columnsButton->setToolTip(tr("Choose the columns of this view"));
    m_columnsButton->setAutoRaise(true);
    m_columnsButton->setPopupMode(QToolButton::InstantPopup);
    auto *columnsMenu = new QMenu(m_columnsButton);
    for (int c = 0; c < QueueModel::ColumnCount; ++c) {
        QAction *a = columnsMenu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setObjectName(QStringLiteral("column.%1").arg(c));
        a->setCheckable(true);
        a->setData(c);
        // The number says which ticket a row is, and the subject what it is about: always shown.
        a->setEnabled(c != QueueModel::Number && c != QueueModel::Subject);
        connect(a, &QAction::toggled, this, [this, c](bool on) {
            if (!m_fitting)
                setColumnShown(c, on);
        });
        m_columnActions << a;
    }
    columnsMenu->addSeparator();
    QAction *reset = columnsMenu->addAction(tr("Default columns for this view"));
    reset->setObjectName(QStringLiteral("column.reset"));
    connect(reset, &QAction::triggered, this, [this] {
        if (m_workspace)
            m_workspace->setSetting(
                QStringLiteral("queue.columns.") + m_model->view().id, QString());
        m_columnsSaved = false;
        fitDefaultColumns();
    });
    m_columnsButton->setMenu(columnsMenu);

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
    header->setStretchLastSection(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    // Widths from what the columns hold (and at least their titles), in this font and language.
    const QFontMetrics fm = m_table->fontMetrics();
    const QFontMetrics hfm = header->fontMetrics();
    const QList<QPair<int, QString>> widths { { QueueModel::Number, QStringLiteral("INC-000000") },
        { QueueModel::Priority, QStringLiteral("P1") },
        { QueueModel::Status, QStringLiteral("Pending customer") },
        { QueueModel::Customer, QStringLiteral("María Fernández") },
        { QueueModel::Group, QStringLiteral("Service Desk") },
        { QueueModel::Assignee, QStringLiteral("Agent Demo") },
        { QueueModel::SlaDue, QStringLiteral("-23 h 59 min") },
        { QueueModel::Updated, QStringLiteral("Mon 10:42") } };
    for (const auto &[column, sample] : widths) {
        const int content
            = fm.horizontalAdvance(sample) + fm.height() + 8; // + the marks and padding
        const int title
            = hfm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString())
            + hfm.height() + 12; // + the sort mark
        m_naturalWidth[column] = qMax(content, title);
        header->resizeSection(column, m_naturalWidth[column]);
    }
    header->setMinimumSectionSize(fm.height() * 2);
    // The subject says what the ticket is about: it gets the room left.
    header->setSectionResizeMode(QueueModel::Subject, QHeaderView::Stretch);
    header->setSortIndicator(QueueModel::Updated, Qt::DescendingOrder);
    connect(header, &QHeaderView::customContextMenuRequested, this,
        [this, columnsMenu](const QPoint &pos) {
            columnsMenu->popup(m_table->horizontalHeader()->mapToGlobal(pos));
        });

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_views, 1);
    top->addWidget(save);
    top->addWidget(m_columnsButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_filter);
    layout->addWidget(m_searchNote);
    layout->addWidget(m_openNote);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_filter, &QLineEdit::textChanged, m_model, &QueueModel::setFilterText);
    connect(m_views, &QComboBox::activated, this, &QueuePanel::setViewByIndex);
    connect(m_model, &QueueModel::countsChanged, this, &QueuePanel::updateCount);
    // Only the agent's own choice of a row opens its ticket: a current row the model moved
    // (the open ticket left the view after an edit, a live change, a new sort) opens nothing.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (m_syncing || !m_table->inUserInput() || !current.isValid())
                return;
            const qint64 id = m_model->ticketIdAt(current.row());
            if (id && id != m_open)
                Q_EMIT openRequested(id);
        });
    // A press on the highlighted row opens it too when the panel shows another ticket.
    connect(m_table, &QueueTable::rowPressed, this, [this](int row) {
        const qint64 id = m_model->ticketIdAt(row);
        if (id && id != m_open)
            Q_EMIT openRequested(id);
    });
    // After any change of the rows the highlight follows the open ticket, not the row number.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { syncSelection(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { syncSelection(); });
    connect(m_model, &QAbstractItemModel::rowsMoved, this, [this] { syncSelection(); });
    connect(m_model, &QAbstractItemModel::layoutChanged, this, [this] { syncSelection(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { syncSelection(); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->ticketIdAt(index.row()))
            Q_EMIT ticketActivated(id);
    });
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this] { saveSettings(); });
    // The agent dragging a column's edge or moving a column makes the view's columns theirs.
    connect(header, &QHeaderView::sectionResized, this, [this] {
        if (!m_fitting && m_table->isVisible() && QGuiApplication::mouseButtons() != Qt::NoButton)
            saveColumns();
    });
    connect(header, &QHeaderView::sectionMoved, this, [this] {
        if (!m_fitting)
            saveColumns();
    });
    if (m_workspace) {
        connect(m_workspace, &Client::Workspace::presenceChanged, this,
            [this](qint64 id) { m_model->setViewers(id, m_workspace->viewers(id)); });
        connect(m_workspace, &Client::Workspace::ticketRenumbered, this,
            [this](qint64 tempId, qint64 id) {
                if (m_open == tempId)
                    setOpenTicket(
                        id); // the ticket made offline stays highlighted under its real id
            });
        connect(
            m_workspace, &Client::Workspace::ticketsChanged, this, [this](const QSet<qint64> &ids) {
                if (ids.contains(m_open))
                    updateOpenNote(); // its number came, or it changed status
            });
    }
    // Countdowns tick; views that depend on the clock (at risk, recently updated) follow it.
    m_tick->setInterval(15000);
    connect(m_tick, &QTimer::timeout, m_model, &QueueModel::tick);
    m_tick->start();

    // Up and Down in the filter box move through the queue without leaving the box.
    m_filter->installEventFilter(this);
    m_table->viewport()->installEventFilter(this); // default columns follow the width
    rebuildViewChooser();
}

QueuePanel::~QueuePanel() = default;

void QueuePanel::load()
{
    QSettings settings;
    QHeaderView *header = m_table->horizontalHeader();
    const int sortColumn
        = settings.value(QStringLiteral("queue/sortColumn"), int(QueueModel::Updated)).toInt();
    const auto order = Qt::SortOrder(
        settings.value(QStringLiteral("queue/sortOrder"), int(Qt::DescendingOrder)).toInt());
    if (sortColumn >= 0 && sortColumn < QueueModel::ColumnCount)
        header->setSortIndicator(sortColumn, order);
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_model->reload();
    rebuildViewChooser();
    const QString last = m_workspace ? m_workspace->setting(kLastViewKey) : QString();
    setViewById(last.isEmpty() ? QStringLiteral("mine") : last);
}

void QueuePanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(
        QStringLiteral("queue/sortColumn"), m_table->horizontalHeader()->sortIndicatorSection());
    settings.setValue(
        QStringLiteral("queue/sortOrder"), int(m_table->horizontalHeader()->sortIndicatorOrder()));
}

namespace {
// Most useful first: what a row is, how urgent, how long is left, what about, who asked.
// When the width runs short, columns are let in by how much they help triage: the SLA
// countdown before the priority (it already says how urgent, in colour), then who asked.
constexpr QueueModel::Column kImportance[] = { QueueModel::Number, QueueModel::SlaDue,
    QueueModel::Priority, QueueModel::Subject, QueueModel::Customer, QueueModel::Status,
    QueueModel::Assignee, QueueModel::Group, QueueModel::Updated };
constexpr QueueModel::Column kColumnOrder[] = { QueueModel::Number, QueueModel::Priority,
    QueueModel::SlaDue, QueueModel::Subject, QueueModel::Customer, QueueModel::Status,
    QueueModel::Assignee, QueueModel::Group, QueueModel::Updated };
} // namespace

void QueuePanel::applyColumns()
{
    // Each view keeps its own columns (order, shown, widths), saved in the agent's settings.
    const QString saved = m_workspace
        ? m_workspace->setting(QStringLiteral("queue.columns.") + m_model->view().id)
        : QString();
    QHeaderView *header = m_table->horizontalHeader();
    const int sortSection = header->sortIndicatorSection();
    const Qt::SortOrder sortOrder = header->sortIndicatorOrder();
    m_columnsSaved = false;
    if (!saved.isEmpty()) {
        const QScopedValueRollback<bool> fitting(m_fitting, true);
        m_columnsSaved = header->restoreState(QByteArray::fromBase64(saved.toLatin1()));
        header->setSectionResizeMode(QueueModel::Subject, QHeaderView::Stretch);
        header->setSortIndicator(sortSection, sortOrder); // the sort is the agent's, across views
    }
    if (!m_columnsSaved)
        fitDefaultColumns();
    updateColumnActions();
}

void QueuePanel::fitDefaultColumns()
{
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    QHeaderView *header = m_table->horizontalHeader();
    const QueueView &view = m_model->view();
    for (int visual = 0; visual < int(std::size(kColumnOrder)); ++visual) {
        const int from = header->visualIndex(kColumnOrder[visual]);
        if (from != visual)
            header->moveSection(from, visual);
    }
    // Columns that say nothing in this view: all "mine" are the agent's, "unassigned" nobody's.
    auto pointless = [&](int column) {
        return column == QueueModel::Assignee
            && (view.assignee == QueueView::Assignee::Me
                || view.assignee == QueueView::Assignee::Unassigned);
    };
    const QFontMetrics fm = m_table->fontMetrics();
    const int viewport = m_table->viewport()->width();
    // The subject says what a ticket is about. The triage columns (SLA due, priority) only
    // leave it 16 characters; the others come in while it keeps a good share of the width.
    const int subjectFloor = fm.averageCharWidth() * 16 + 12;
    const int subjectShare = qMax(fm.averageCharWidth() * 20 + 12, viewport * 38 / 100);
    int used = m_naturalWidth.value(QueueModel::Number, header->sectionSize(QueueModel::Number));
    bool full = false; // a column did not fit: less useful ones do not jump the queue
    for (QueueModel::Column c : kImportance) {
        if (c == QueueModel::Subject || c == QueueModel::Number) {
            header->setSectionHidden(c, false);
            continue;
        }
        if (pointless(c)) {
            header->setSectionHidden(c, true);
            continue;
        }
        // Hidden sections measure 0: what a column needs is its natural width.
        const int width = m_naturalWidth.value(c, header->defaultSectionSize());
        const bool triage = c == QueueModel::SlaDue || c == QueueModel::Priority;
        const bool fits
            = !full && used + width + (triage ? subjectFloor : subjectShare) <= viewport;
        header->setSectionHidden(c, !fits);
        if (fits) {
            header->resizeSection(c, width);
            used += width;
        } else {
            full = true;
        }
    }
    updateColumnActions();
}

void QueuePanel::setColumnShown(int column, bool shown)
{
    m_table->horizontalHeader()->setSectionHidden(column, !shown);
    saveColumns();
}

void QueuePanel::saveColumns()
{
    m_columnsSaved = true;
    if (m_workspace)
        m_workspace->setSetting(QStringLiteral("queue.columns.") + m_model->view().id,
            QString::fromLatin1(m_table->horizontalHeader()->saveState().toBase64()));
    updateColumnActions();
}

void QueuePanel::updateColumnActions()
{
    const QScopedValueRollback<bool> fitting(m_fitting, true);
    for (QAction *a : std::as_const(m_columnActions))
        a->setChecked(!m_table->horizontalHeader()->isSectionHidden(a->data().toInt()));
}

QList<QueueView> QueuePanel::ownViews() const
{
    return m_workspace ? QueueView::listFromText(m_workspace->setting(kOwnViewsKey))
                       : QList<QueueView>();
}

void QueuePanel::storeOwnViews(const QList<QueueView> &views)
{
    if (m_workspace)
        m_workspace->setSetting(kOwnViewsKey, QueueView::listToText(views));
}

void QueuePanel::rebuildViewChooser()
{
    const QString current = m_model->view().id;
    m_allViews = QueueView::builtIns() + ownViews();
    if (!m_searchView.id.isEmpty())
        m_allViews << m_searchView;
    const QSignalBlocker block(m_views);
    m_views->clear();
    for (int i = 0; i < m_allViews.size(); ++i) {
        const QueueView &v = m_allViews.at(i);
        // The shortcut after the name, in the platform's and language's words (a tab would
        // cut it off in the closed box).
        const QString keys
            = QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText);
        m_views->addItem(i < 9 && !v.isSearch() ? tr("%1 (%2)").arg(v.name, keys) : v.name, v.id);
        m_views->setItemData(i, v.name, Qt::ToolTipRole);
    }
    const int index = m_views->findData(current);
    m_views->setCurrentIndex(index < 0 ? 0 : index);
    int widest = 0;
    for (int i = 0; i < m_views->count(); ++i)
        widest = qMax(widest, m_views->fontMetrics().horizontalAdvance(m_views->itemText(i)));
    m_views->view()->setMinimumWidth(widest + 4 * m_views->fontMetrics().averageCharWidth());
}

void QueuePanel::setViewByIndex(int index)
{
    if (index < 0 || index >= m_allViews.size())
        return;
    const QueueView view = m_allViews.at(index);
    if (!view.isSearch() && !m_searchView.id.isEmpty()) {
        // Leaving the search: its results go from the chooser.
        m_searchView = {};
        m_searchNote->hide();
        rebuildViewChooser(); // the box is set to the view just below
        index = m_views->findData(view.id);
    }
    m_model->setView(view);
    {
        const QSignalBlocker block(m_views);
        m_views->setCurrentIndex(index);
    }
    if (m_workspace && !view.isSearch())
        m_workspace->setSetting(kLastViewKey, view.id);
    applyColumns();
    // The open ticket stays open: highlighted if the new view shows it, named above otherwise.
    syncSelection();
    if (m_open && m_model->rowOfTicket(m_open) >= 0)
        m_table->scrollTo(m_model->index(m_model->rowOfTicket(m_open), QueueModel::Number));
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

void QueuePanel::nextView()
{
    setViewByIndex((m_views->currentIndex() + 1) % qMax(1, int(m_allViews.size())));
}

void QueuePanel::saveCurrentFilter()
{
    bool ok = false;
    const QString suggestion = m_filter->text().isEmpty()
        ? m_model->view().name
        : tr("%1: %2").arg(m_model->view().name, m_filter->text());
    const QString name = QInputDialog::getText(
        this, tr("Save view"), tr("Name of the view:"), QLineEdit::Normal, suggestion, &ok)
                             .trimmed();
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
    own.erase(
        std::remove_if(own.begin(), own.end(), [&](const QueueView &v) { return v.id == id; }),
        own.end());
    storeOwnViews(own);
    rebuildViewChooser();
    setViewByIndex(0);
}

QTableView *QueuePanel::table() const
{
    return m_table;
}

QString QueuePanel::searchNote() const
{
    return m_searchNote->isHidden() ? QString() : m_searchNote->text();
}

void QueuePanel::searchAll(const QString &text)
{
    if (!m_workspace || text.trimmed().isEmpty())
        return;
    const int serial = ++m_searchSerial;
    m_searchNote->setText(tr("Searching all tickets for “%1”…").arg(text));
    m_searchNote->show();
    m_workspace->searchTickets(
        text, 500, this, [this, serial, text](const Client::Workspace::TicketSearch &result) {
            if (serial != m_searchSerial)
                return; // a newer search was asked for meanwhile
            if (result.errorCode != 0 && result.ids.isEmpty()) {
                m_searchNote->setText(tr("The search for “%1” failed: %2").arg(text, result.error));
                return;
            }
            m_searchView = {};
            m_searchView.id = QStringLiteral("search");
            m_searchView.name = tr("Search: %1").arg(text);
            m_searchView.ticketIds = QSet<qint64>(result.ids.cbegin(), result.ids.cend());
            const QLocale locale;
            QString note = result.total > result.ids.size()
                ? tr("The first %1 of %2 tickets matching “%3”, open and closed.")
                      .arg(locale.toString(int(result.ids.size())), locale.toString(result.total),
                          text)
                : tr("%n ticket(s) match “%1”, open and closed.", nullptr, int(result.ids.size()))
                      .arg(text);
            if (result.local)
                note += QLatin1Char(' ')
                    + tr("Offline: only this computer's copy was searched (numbers, subjects, "
                         "customers).");
            m_searchNote->setText(note);
            m_searchNote->show();
            {
                const QSignalBlocker block(m_filter);
                m_filter->clear();
                m_model->setFilterText(QString());
            }
            rebuildViewChooser();
            setViewById(m_searchView.id);
        });
}

void QueuePanel::ignoreClicksFor(int ms)
{
    m_table->ignoreClicksFor(ms);
}

void QueuePanel::setOpenTicket(qint64 id)
{
    m_open = id;
    syncSelection();
    if (const int row = m_model->rowOfTicket(id); row >= 0)
        m_table->scrollTo(m_model->index(row, QueueModel::Number));
}

void QueuePanel::syncSelection()
{
    QItemSelectionModel *selection = m_table->selectionModel();
    const int row = m_open ? m_model->rowOfTicket(m_open) : -1;
    const QScopedValueRollback<bool> syncing(m_syncing, true);
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, QueueModel::Number);
        if (selection->currentIndex().row() != row || !selection->isRowSelected(row, {}))
            selection->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else if (selection->currentIndex().isValid() || selection->hasSelection()) {
        // No row stands for the open ticket: none is highlighted (Down starts at the top).
        selection->clear();
    }
    updateOpenNote();
}

QString QueuePanel::openTicketNote() const
{
    return m_openNote->isHidden() ? QString() : m_openNote->text();
}

void QueuePanel::updateOpenNote()
{
    const bool hidden = m_open && m_model->rowOfTicket(m_open) < 0;
    if (!hidden) {
        m_openNote->clear();
        m_openNote->hide();
        return;
    }
    QString number;
    if (m_workspace) {
        const QList<Client::QueueRow> rows = m_workspace->queueRows({ m_open });
        if (!rows.isEmpty())
            number = rows.first().number;
    }
    m_openNote->setText(number.isEmpty()
            ? tr("The open ticket is not in this view.")
            : tr("The open ticket, %1, is not in this view.").arg(number));
    m_openNote->show();
}

bool QueuePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize && !m_columnsSaved)
        QTimer::singleShot(0, this, [this] {
            if (!m_columnsSaved)
                fitDefaultColumns();
        });
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
            case Qt::Key_Return:
            case Qt::Key_Enter: {
                const QString text = m_filter->text().trimmed();
                const QString number = Client::Workspace::ticketNumber(text);
                if (!number.isEmpty())
                    Q_EMIT openNumberRequested(number);
                else if (text.size() >= 2)
                    searchAll(text);
                return true;
            }
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
    if (m_model->rowOfTicket(id) < 0)
        return;
    if (id != m_open)
        Q_EMIT openRequested(id); // the main window opens it and tells us (setOpenTicket)
    if (id != m_open)
        setOpenTicket(id); // nobody listening: at least the row is highlighted
}

void QueuePanel::selectNext()
{
    // From the open ticket's row; when the view does not show it, from the top.
    const int row = m_open ? m_model->rowOfTicket(m_open) : -1;
    const int next = qMin(row + 1, m_model->rowCount() - 1);
    if (next >= 0)
        selectTicket(m_model->ticketIdAt(next));
}

void QueuePanel::selectPrevious()
{
    const int row = m_open ? m_model->rowOfTicket(m_open) : -1;
    const int previous = row < 0 ? 0 : qMax(0, row - 1);
    if (m_model->rowCount() > 0)
        selectTicket(m_model->ticketIdAt(previous));
}

void QueuePanel::updateCount(int shown, int total)
{
    const QLocale locale;
    m_count->setText(shown == total
            ? tr("%1 tickets").arg(locale.toString(total))
            : tr("%1 of %2 tickets").arg(locale.toString(shown), locale.toString(total)));
}

} // namespace Atiende::Ui

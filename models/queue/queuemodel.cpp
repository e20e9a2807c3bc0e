#include "queuemodel.h"

#include "models/labels/labels.h"
#include "presence/ticketpresence.h"
#include "workspace/workspace.h"

#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFont>
#include <QLoggingCategory>

namespace Atiende::Models {

Q_LOGGING_CATEGORY(lcQueue, "atiende.queue", QtInfoMsg)

namespace {

constexpr int kBatchThreshold = 256; // changes at once: placed row by row below this

static_assert(int(QueueIndex::SortKey::Number) == QueueModel::Number
        && int(QueueIndex::SortKey::Priority) == QueueModel::Priority
        && int(QueueIndex::SortKey::Status) == QueueModel::Status
        && int(QueueIndex::SortKey::Subject) == QueueModel::Subject
        && int(QueueIndex::SortKey::Customer) == QueueModel::Customer
        && int(QueueIndex::SortKey::Group) == QueueModel::Group
        && int(QueueIndex::SortKey::Assignee) == QueueModel::Assignee
        && int(QueueIndex::SortKey::SlaDue) == QueueModel::SlaDue
        && int(QueueIndex::SortKey::Updated) == QueueModel::Updated,
    "each column sorts by the key of the same number");

using SlaState = Core::SlaTimeline::State;

QString slaStateLabel(const std::optional<SlaState> &state)
{
    return state ? Labels::slaState(*state) : QString();
}

} // namespace

QueueModel::QueueModel(Client::Workspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    m_index.show(m_index.setView(QueueView::builtIn(QStringLiteral("all-open")), now()));
    // Ranking subjects costs tens of milliseconds at 100,000 rows: done when the console is
    // idle after a load or a changed subject, so a click on the column finds them ready.
    m_rankTimer = new QTimer(this);
    m_rankTimer->setSingleShot(true);
    m_rankTimer->setInterval(500);
    connect(m_rankTimer, &QTimer::timeout, this, [this] {
        if (!m_index.subjectsRanked())
            m_index.rankSubjects();
    });
    if (!m_workspace)
        return;
    connect(m_workspace, &Client::Workspace::ticketsChanged, this, &QueueModel::applyChanged);
    connect(m_workspace, &Client::Workspace::ticketsRemoved, this, &QueueModel::applyRemoved);
    connect(m_workspace, &Client::Workspace::directoryChanged, this,
        [this](const QSet<QString> &kinds) {
            if (kinds.contains(QStringLiteral("customer"))
                || kinds.contains(QStringLiteral("organisation"))
                || kinds.contains(QStringLiteral("agent"))
                || kinds.contains(QStringLiteral("group")))
                showNext(m_index.setDirectory(readDirectory(), now()));
        });
    connect(m_workspace, &Client::Workspace::meChanged, this,
        [this] { showNext(m_index.setDirectory(readDirectory(), now())); });
}

QueueModel::~QueueModel() = default;

qint64 QueueModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QueueDirectory QueueModel::readDirectory() const
{
    QueueDirectory d;
    if (!m_workspace)
        return d;
    const Core::Agent me = m_workspace->me();
    d.me = me.id;
    d.myGroups = QSet<qint64>(me.groupIds.begin(), me.groupIds.end());
    d.agents = m_workspace->names(QStringLiteral("agent"));
    d.groups = m_workspace->names(QStringLiteral("group"));
    d.customers = m_workspace->names(QStringLiteral("customer"));
    d.organisations = m_workspace->names(QStringLiteral("organisation"));
    return d;
}

void QueueModel::reload()
{
    beginResetModel();
    const QueueDirectory directory = readDirectory();
    QElapsedTimer timer;
    timer.start();
    const QList<Client::QueueRow> rows
        = m_workspace ? m_workspace->queueRows() : QList<Client::QueueRow>();
    const qint64 readNs = timer.nsecsElapsed();
    m_index.load(rows, directory, now());
    const qint64 indexNs = timer.nsecsElapsed();
    endResetModel();
    qCInfo(lcQueue,
        "queue loaded: %d tickets read in %.1f ms, indexed in %.1f ms, %d shown after %.1f ms",
        int(rows.size()), double(readNs) / 1e6, double(indexNs - readNs) / 1e6,
        m_index.shownCount(), double(timer.nsecsElapsed()) / 1e6);
    emitCounts();
    if (!m_index.subjectsRanked())
        m_rankTimer->start();
}

void QueueModel::showNext(QueueIndex::Shown next)
{
    const QueueIndex::Steps steps = m_index.steps(next);
    if (steps.inPlace) {
        // Removals from the bottom up (earlier ranges keep their numbers), then insertions
        // from the top down, each in the numbering of the rows as they are by then.
        for (auto it = steps.removed.rbegin(); it != steps.removed.rend(); ++it) {
            beginRemoveRows({}, it->first, it->last);
            m_index.removeShown(*it);
            endRemoveRows();
        }
        for (const QueueIndex::RowRange &range : steps.inserted) {
            beginInsertRows({}, range.first, range.last);
            m_index.insertShown(range, next);
            endInsertRows();
        }
        m_index.show(std::move(next));
    } else {
        relayout([&] { m_index.show(std::move(next)); });
    }
    emitCounts();
}

void QueueModel::relayout(const std::function<void()> &change)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> ids;
    ids.reserve(before.size());
    for (const QModelIndex &i : before)
        ids << m_index.ticketIdAt(i.row());
    change();
    if (!before.isEmpty()) {
        QModelIndexList after;
        after.reserve(before.size());
        for (int k = 0; k < before.size(); ++k) {
            const int r = m_index.rowOfTicket(ids.at(k));
            after << (r < 0 ? QModelIndex() : index(r, before.at(k).column()));
        }
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void QueueModel::place(const QueueIndex::Placement &p)
{
    if (p.from < 0 && p.to < 0) {
        m_index.place(p);
    } else if (p.to < 0) {
        beginRemoveRows({}, p.from, p.from);
        m_index.place(p);
        endRemoveRows();
    } else if (p.from < 0) {
        beginInsertRows({}, p.to, p.to);
        m_index.place(p);
        endInsertRows();
    } else if (p.from == p.to) {
        m_index.place(p);
        Q_EMIT dataChanged(index(p.to, 0), index(p.to, ColumnCount - 1));
    } else {
        const bool announced
            = beginMoveRows({}, p.from, p.from, {}, p.to > p.from ? p.to + 1 : p.to);
        m_index.place(p);
        if (announced)
            endMoveRows();
        Q_EMIT dataChanged(index(p.to, 0), index(p.to, ColumnCount - 1));
    }
}

void QueueModel::rankSubjectsLater(bool wereRanked)
{
    if (wereRanked && !m_index.subjectsRanked())
        m_rankTimer->start();
}

void QueueModel::emitCounts()
{
    Q_EMIT countsChanged(m_index.shownCount(), m_index.totalTickets());
}

void QueueModel::setView(const QueueView &view)
{
    showNext(m_index.setView(view, now()));
}

void QueueModel::setFilterText(const QString &text)
{
    if (text == m_index.filterText())
        return;
    showNext(m_index.setFilterText(text));
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    relayout([&] { m_index.sort(QueueIndex::SortKey(column), order); });
}

void QueueModel::tick()
{
    if (m_index.view().isTimeDependent())
        showNext(m_index.reapplyView(now()));
    if (m_index.shownCount() > 0)
        Q_EMIT dataChanged(index(0, SlaDue), index(m_index.shownCount() - 1, Updated),
            { Qt::DisplayRole, Qt::ForegroundRole, SlaColorRole });
}

void QueueModel::setViewers(qint64 ticketId, const QList<Client::Viewer> &viewers)
{
    if (viewers.isEmpty())
        m_viewers.remove(ticketId);
    else
        m_viewers.insert(ticketId, viewers);
    const int r = rowOfTicket(ticketId);
    if (r >= 0)
        Q_EMIT dataChanged(
            index(r, 0), index(r, ColumnCount - 1), { ViewersRole, TypingRole, Qt::ToolTipRole });
}

void QueueModel::applyChanged(const QSet<qint64> &ids)
{
    if (ids.isEmpty() || !m_workspace)
        return;
    const QList<Client::QueueRow> fresh
        = m_workspace->queueRows(QList<qint64>(ids.begin(), ids.end()));
    QSet<qint64> gone = ids;
    for (const Client::QueueRow &r : fresh)
        gone.remove(r.id);
    const bool ranked = m_index.subjectsRanked();
    if (fresh.size() > kBatchThreshold) {
        // A big batch (a catch-up after a week offline): every row updated, then all placed
        // at once.
        showNext(m_index.changeRows(fresh, gone, now()));
        rankSubjectsLater(ranked);
        return;
    }
    for (const Client::QueueRow &r : fresh)
        place(m_index.upsert(r, now()));
    rankSubjectsLater(ranked);
    if (!gone.isEmpty())
        applyRemoved(gone);
    else
        emitCounts();
}

void QueueModel::applyRemoved(const QSet<qint64> &ids)
{
    for (qint64 id : ids) {
        if (!m_index.holds(id))
            continue;
        place(m_index.remove(id));
        m_viewers.remove(id);
    }
    emitCounts();
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_index.shownCount();
}
int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_index.shownCount())
        return {};
    const Client::QueueRow &d = m_index.shownRow(index.row());
    const QueueDirectory &names = m_index.directory();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return d.number;
        case Priority:
            return Labels::priorityShort(d.priority);
        case Status:
            return Labels::status(d.status);
        case Subject:
            return d.subject;
        case Customer:
            return names.customers.value(d.customerId);
        case Group:
            return names.groups.value(d.groupId);
        case Assignee:
            return d.assigneeId ? names.agents.value(d.assigneeId) : QString();
        case SlaDue:
            if (d.slaDueAt > 0)
                return Labels::duration(d.slaDueAt - now());
            return d.slaState == SlaState::None ? QString() : slaStateLabel(d.slaState);
        case Updated:
            return Labels::when(d.updatedAt, now());
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Priority:
            return Labels::priority(d.priority);
        case Customer: {
            const QString org = names.organisations.value(d.organisationId);
            return org.isEmpty() ? names.customers.value(d.customerId)
                                 : tr("%1, %2").arg(names.customers.value(d.customerId), org);
        }
        case SlaDue:
            if (d.slaDueAt > 0)
                return tr("Due %1 (%2)")
                    .arg(Labels::instant(d.slaDueAt), slaStateLabel(d.slaState));
            return slaStateLabel(d.slaState);
        case Updated:
            return Labels::instant(d.updatedAt);
        default: {
            QString tip = d.subject;
            QStringList here;
            for (const Client::Viewer &v : m_viewers.value(d.id))
                here << (v.typing ? tr("%1 (typing)").arg(v.name) : v.name);
            if (!here.isEmpty())
                tip += QLatin1Char('\n') + tr("Also here: %1").arg(here.join(QStringLiteral(", ")));
            if (d.pending)
                tip += QLatin1Char('\n') + tr("Your changes are waiting to be sent");
            return tip;
        }
        }
    case Qt::FontRole:
        if (d.unread) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == SlaDue)
            return data(index, SlaColorRole);
        if (index.column() == Priority && d.priority == Core::Priority::P1)
            return QColor(0xd9, 0x8a, 0x00);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SlaDue || index.column() == Updated)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case TicketIdRole:
        return d.id;
    case UnreadRole:
        return d.unread;
    case PendingRole:
        return d.pending;
    case ViewersRole:
    case TypingRole: {
        QStringList viewers;
        for (const Client::Viewer &v : m_viewers.value(d.id)) {
            if (role == ViewersRole || v.typing)
                viewers << v.name;
        }
        return viewers;
    }
    case SlaStateRole:
        return d.slaState ? Core::SlaTimeline::wireName(*d.slaState) : QString();
    case SlaDueRole:
        return d.slaDueAt;
    case SlaColorRole: {
        const qint64 t = now();
        if (d.slaState == SlaState::Breached || (d.slaDueAt > 0 && t >= d.slaDueAt))
            return QColor(0xd0, 0x31, 0x2d);
        if (d.slaState == SlaState::Warning || (d.slaWarnAt > 0 && t >= d.slaWarnAt))
            return QColor(0xd9, 0x8a, 0x00);
        if (d.slaDueAt > 0)
            return QColor(0x2e, 0x9d, 0x4f);
        return QColor(0x80, 0x80, 0x80);
    }
    case OrganisationRole:
        return names.organisations.value(d.organisationId);
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("Number");
    case Priority:
        return tr("Priority");
    case Status:
        return tr("Status");
    case Subject:
        return tr("Subject");
    case Customer:
        return tr("Customer");
    case Group:
        return tr("Group");
    case Assignee:
        return tr("Assignee");
    case SlaDue:
        return tr("SLA due");
    case Updated:
        return tr("Updated");
    }
    return {};
}

} // namespace Atiende::Models

#include "dashboardtab.h"

#include "agentloadchart.h"
#include "backlogchart.h"
#include "dashboardcard.h"
#include "flowchart.h"
#include "kpiformat.h"
#include "kpitile.h"
#include "reportexportdialog.h"
#include "slatrendchart.h"

#include "client/workspace/workspace.h"
#include "core/domain/timestamp.h"
#include "core/protocol/errorcode.h"
#include "models/dashboard/kpitablemodel.h"
#include "models/labels/labels.h"
#include "ui/common/theme.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

using Models::KpiTableModel;
using Models::Labels;
using Better = KpiFormat::Better;
using Figure = KpiFormat::Figure;

namespace {

// The freshness line and the relative due times of tickets at risk move by the minute.
constexpr int kTickMs = 15000;

const QString kGroupSetting = QStringLiteral("dashboard.group");
const QString kPeriodSetting = QStringLiteral("dashboard.period");

void setTextColour(QLabel *label, const QColor &colour)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
}

// The tiles flow into as many columns as fit, always a divisor of twelve (6, 4, 3, 2), so
// the rows come out full and the tab reads as a grid at any width.
class TileGrid : public QWidget
{
public:
    explicit TileGrid(QWidget *parent)
        : QWidget(parent)
        , m_layout(new QGridLayout(this))
    {
        m_layout->setContentsMargins(0, 0, 0, 0);
        m_layout->setSpacing(10);
    }
    void addTile(QWidget *tile)
    {
        m_tiles << tile;
        place(m_columns);
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QWidget::resizeEvent(event);
        int columns = 1;
        for (int c : { 6, 4, 3, 2 }) {
            if (c * kMinTileWidth + (c - 1) * m_layout->horizontalSpacing() <= width()) {
                columns = c;
                break;
            }
        }
        if (columns != m_columns)
            place(columns);
    }

private:
    static constexpr int kMinTileWidth = 175;
    void place(int columns)
    {
        m_columns = columns;
        for (QWidget *t : std::as_const(m_tiles))
            m_layout->removeWidget(t);
        for (int c = 0; c < 6; ++c)
            m_layout->setColumnStretch(c, c < columns ? 1 : 0);
        for (int i = 0; i < m_tiles.size(); ++i)
            m_layout->addWidget(m_tiles.at(i), i / columns, i % columns);
    }
    QGridLayout *m_layout;
    QList<QWidget *> m_tiles;
    int m_columns = 6;
};

} // namespace

DashboardTab::DashboardTab(Client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_dashboard(workspace->dashboard())
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardTab"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 0);
    layout->setSpacing(8);
    layout->addWidget(buildTopBar());

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("dashboardMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setMargin(10);
    m_message->setAutoFillBackground(true);
    QPalette warn = m_message->palette();
    warn.setColor(
        QPalette::Window, Theme::mix(warn.color(QPalette::Window), Theme::slaWarning(), 0.18));
    m_message->setPalette(warn);
    m_message->hide();
    layout->addWidget(m_message, 0, Qt::AlignTop);

    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("dashboardContent"));
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 10);
    contentLayout->setSpacing(10);
    contentLayout->addWidget(buildTiles());
    contentLayout->addWidget(buildAtRisk());
    contentLayout->addWidget(buildCharts());
    contentLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("dashboardScroll"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_scroll, 1);
    // Takes the room the figures leave when they are hidden (a refusal), so the top bar and
    // the message stay at the top.
    layout->addStretch();

    m_groupNames = m_workspace->names(QStringLiteral("group"));
    m_agentNames = m_workspace->names(QStringLiteral("agent"));
    m_categoryNames = m_workspace->names(QStringLiteral("category"));

    rebuildGroupChooser();
    const int periodIndex = int(m_periods->findData(m_workspace->setting(kPeriodSetting)));
    m_periods->setCurrentIndex(std::max(0, periodIndex));
    connect(m_groups, &QComboBox::currentIndexChanged, this, [this] {
        m_workspace->setSetting(kGroupSetting, QString::number(group()));
        subscribe();
    });
    connect(m_periods, &QComboBox::currentIndexChanged, this, [this] {
        m_workspace->setSetting(kPeriodSetting, period());
        subscribe();
    });

    connect(m_workspace, &Client::Workspace::meChanged, this, &DashboardTab::rebuildGroupChooser);
    connect(
        m_workspace, &Client::Workspace::directoryChanged, this, &DashboardTab::onDirectoryChanged);
    if (Client::Connection *c = m_workspace->connection())
        connect(c, &Client::Connection::stateChanged, this, &DashboardTab::updateFreshness);
    connect(m_tick, &QTimer::timeout, this, [this] {
        updateFreshness();
        if (isVisible())
            renderAtRisk(m_figures); // "due in 12 min" moves on
    });
    m_tick->start(kTickMs);

    if (m_dashboard) {
        connect(m_dashboard, &Client::Dashboard::figuresChanged, this, [this] {
            if (isVisible())
                render();
            else
                m_dirty = true; // drawn when the tab is shown: no work for a tab nobody sees
        });
        connect(m_dashboard, &Client::Dashboard::liveChanged, this, &DashboardTab::updateFreshness);
        connect(m_dashboard, &Client::Dashboard::refused, this, &DashboardTab::onRefused);
        connect(m_dashboard, &Client::Dashboard::ended, this, &DashboardTab::onEnded);
        subscribe();
    } else {
        showMessage(
            tr("The dashboard is not available: the console is not connected to a server."));
    }
}

DashboardTab::~DashboardTab()
{
    // The dashboard outlives the tab (the workspace owns it); the server need not push to a
    // tab that is gone.
    if (m_dashboard)
        m_dashboard->unsubscribe();
}

// ---------------------------------------------------------------------------------------
// Building

QWidget *DashboardTab::buildTopBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(8);
    m_groups = new QComboBox(bar);
    m_groups->setObjectName(QStringLiteral("groupChooser"));
    m_groups->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_groups->setToolTip(tr("The groups the figures cover"));
    m_periods = new QComboBox(bar);
    m_periods->setObjectName(QStringLiteral("periodChooser"));
    m_periods->addItem(tr("Today"), QStringLiteral("today"));
    m_periods->addItem(tr("Last 7 days"), QStringLiteral("7d"));
    m_periods->addItem(tr("Last 30 days"), QStringLiteral("30d"));
    m_periods->setToolTip(tr(
        "The period of the figures; trends compare it with the same length of time just before"));
    auto *groupLabel = new QLabel(tr("&Groups:"), bar);
    groupLabel->setBuddy(m_groups);
    auto *periodLabel = new QLabel(tr("&Period:"), bar);
    periodLabel->setBuddy(m_periods);
    m_compare = new QLabel(bar);
    m_compare->setObjectName(QStringLiteral("compareNote"));
    setTextColour(m_compare, DashboardCard::mutedText(palette()));
    m_freshness = new QLabel(bar);
    m_freshness->setObjectName(QStringLiteral("freshness"));
    m_freshness->setTextFormat(Qt::PlainText);
    m_export = new QPushButton(tr("E&xport report…"), bar);
    m_export->setObjectName(QStringLiteral("exportReport"));
    m_export->setToolTip(
        tr("The same figures for any range of days, as a CSV table and a PDF report"));
    connect(m_export, &QPushButton::clicked, this, &DashboardTab::exportReport);
    row->addWidget(groupLabel);
    row->addWidget(m_groups);
    row->addSpacing(8);
    row->addWidget(periodLabel);
    row->addWidget(m_periods);
    row->addSpacing(8);
    row->addWidget(m_compare);
    row->addStretch(1);
    row->addWidget(m_freshness);
    row->addSpacing(8);
    row->addWidget(m_export);
    return bar;
}

KpiTile *DashboardTab::addTile(const QString &name, const QString &title, const QString &toolTip)
{
    auto *tile = new KpiTile(title, m_tileGrid);
    tile->setObjectName(name + QStringLiteral("Tile"));
    tile->setToolTip(toolTip);
    m_tiles.insert(name, tile);
    m_tileOrder << tile;
    static_cast<TileGrid *>(m_tileGrid)->addTile(tile);
    return tile;
}

QWidget *DashboardTab::buildTiles()
{
    m_tileGrid = new TileGrid(this);
    m_tileGrid->setObjectName(QStringLiteral("tiles"));
    // What is true now, then the period's flow, then its quality.
    addTile(QStringLiteral("backlog"), tr("Open backlog"),
        tr("Open tickets now: new, assigned, in progress or pending"));
    addTile(QStringLiteral("breached"), tr("Breached now"),
        tr("Open tickets with an SLA clock past its target"));
    addTile(QStringLiteral("warning"), tr("At warning now"),
        tr("Open tickets with an SLA clock close to its target, none past it"));
    addTile(QStringLiteral("created"), tr("New tickets"), tr("Tickets created in the period"));
    addTile(QStringLiteral("resolved"), tr("Resolved"),
        tr("Tickets resolved in the period (a reopened ticket counts when it is resolved again)"));
    addTile(QStringLiteral("firstResponseSla"), tr("First response in SLA"),
        tr("Of the first-response clocks that stopped in the period, the share within their "
           "target"));
    addTile(QStringLiteral("resolutionSla"), tr("Resolution in SLA"),
        tr("Of the resolution clocks that stopped in the period, the share within their target"));
    addTile(QStringLiteral("firstResponseTime"), tr("Time to first response"),
        tr("Mean business time to the first public reply (working hours, pauses left out)"));
    addTile(QStringLiteral("resolutionTime"), tr("Time to resolution"),
        tr("Mean business time to resolution (working hours, pauses left out)"));
    addTile(QStringLiteral("firstContact"), tr("First-contact resolution"),
        tr("Of the tickets resolved in the period, the share solved with at most one reply and "
           "never reopened"));
    addTile(QStringLiteral("reopened"), tr("Reopen rate"),
        tr("Of the tickets resolved in the period, the share that had been reopened"));
    addTile(QStringLiteral("csat"), tr("Satisfaction"),
        tr("Share of good ratings among the survey answers received in the period"));
    return m_tileGrid;
}

QTableView *DashboardTab::compactTable(KpiTableModel *model, int rows)
{
    auto *view = new QTableView(this);
    view->setModel(model);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::NoSelection);
    view->setFocusPolicy(Qt::NoFocus);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->setFrameShape(QFrame::NoFrame);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The server sends at most this many rows: the table is as tall as they need.
    const int rowHeight = view->fontMetrics().height() + 8;
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(rowHeight);
    view->setFixedHeight(view->horizontalHeader()->sizeHint().height() + rows * rowHeight + 2);
    return view;
}

QWidget *DashboardTab::buildAtRisk()
{
    m_atRisk = new KpiTableModel(
        { tr("Ticket"), tr("Subject"), tr("Priority"), tr("Group · assignee"), tr("SLA") }, this);
    m_atRisk->setAccentColumn(4);
    m_atRiskView = new QTableView(this);
    m_atRiskView->setObjectName(QStringLiteral("atRiskList"));
    m_atRiskView->setModel(m_atRisk);
    m_atRiskView->setShowGrid(false);
    m_atRiskView->setAlternatingRowColors(true);
    m_atRiskView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_atRiskView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_atRiskView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_atRiskView->setWordWrap(false);
    m_atRiskView->setFrameShape(QFrame::NoFrame);
    m_atRiskView->verticalHeader()->hide();
    m_atRiskView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_atRiskView->verticalHeader()->setDefaultSectionSize(m_atRiskView->fontMetrics().height() + 8);
    m_atRiskView->horizontalHeader()->setHighlightSections(false);
    m_atRiskView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Widths are set from the rows' texts (fitAtRiskColumns) whenever rows come or the table
    // is shown or resized: sized while the tab was hidden, contents-sized columns collapsed
    // to their titles ("I…", "Fi…").
    m_atRiskView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_atRiskView->horizontalHeader()->setStretchLastSection(false);
    m_atRiskView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_atRiskView->setTextElideMode(Qt::ElideRight);
    m_atRiskView->setMinimumHeight(9 * (m_atRiskView->fontMetrics().height() + 8));
    m_atRiskView->viewport()->setCursor(Qt::PointingHandCursor);
    m_atRiskView->setToolTip(tr("Double-click a ticket or press Enter to open it"));
    m_atRiskView->installEventFilter(this);
    m_atRiskView->viewport()->installEventFilter(this);
    // A double-click (or a single one where the platform opens items so) or Enter opens the
    // ticket; a click only selects, so the second click of a double-click never lands on the
    // Tickets tab the first one switched to.
    connect(m_atRiskView, &QTableView::activated, this, &DashboardTab::openAtRisk);
    m_atRiskCard = new DashboardCard(tr("Tickets at risk"), this);
    m_atRiskCard->setObjectName(QStringLiteral("atRiskCard"));
    m_atRiskCard->setBody(m_atRiskView);
    m_atRiskCard->setEmptyText(tr("No open ticket is close to an SLA target."));

    return m_atRiskCard;
}

QWidget *DashboardTab::buildCharts()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(10);

    m_backlogChart = new BacklogChart(this);
    m_backlogChart->setObjectName(QStringLiteral("backlogChart"));
    m_backlogCard = new DashboardCard(tr("Open backlog by priority and status"), this);
    m_backlogCard->setObjectName(QStringLiteral("backlogCard"));
    m_backlogCard->setBody(m_backlogChart);
    m_backlogCard->setEmptyText(tr("No open tickets."));

    m_flowChart = new FlowChart(this);
    m_flowChart->setObjectName(QStringLiteral("flowChart"));
    m_flowCard = new DashboardCard(tr("Created and resolved"), this);
    m_flowCard->setObjectName(QStringLiteral("flowCard"));
    m_flowCard->setBody(m_flowChart);
    m_flowCard->setEmptyText(tr("No ticket created or resolved in the period."));

    m_slaChart = new SlaTrendChart(this);
    m_slaChart->setObjectName(QStringLiteral("slaChart"));
    m_slaCard = new DashboardCard(tr("SLA compliance"), this);
    m_slaCard->setObjectName(QStringLiteral("slaCard"));
    m_slaCard->setBody(m_slaChart);
    m_slaCard->setEmptyText(tr("No SLA clock stopped in the period."));

    m_agentChart = new AgentLoadChart(this);
    m_agentChart->setObjectName(QStringLiteral("agentChart"));
    m_agentCard = new DashboardCard(tr("Load per agent"), this);
    m_agentCard->setObjectName(QStringLiteral("agentCard"));
    m_agentCard->setBody(m_agentChart);
    m_agentCard->setEmptyText(tr("Nobody in these groups is working or holds open tickets."));

    m_categories = new KpiTableModel({ tr("Category"), tr("New tickets") }, this);
    m_categories->setNumericColumns({ 1 });
    m_categoriesCard = new DashboardCard(tr("Demand per category"), this);
    m_categoriesCard->setObjectName(QStringLiteral("categoriesCard"));
    m_categoriesCard->setBody(compactTable(m_categories, 10));
    m_categoriesCard->setEmptyText(tr("No ticket created in the period."));

    m_slowest = new KpiTableModel({ tr("Category"), tr("Resolved"), tr("Mean time") }, this);
    m_slowest->setNumericColumns({ 1, 2 });
    m_slowestCard = new DashboardCard(tr("Slowest categories to resolve"), this);
    m_slowestCard->setObjectName(QStringLiteral("slowestCard"));
    m_slowestCard->setBody(compactTable(m_slowest, 5));
    m_slowestCard->setEmptyText(tr("No resolution with an SLA target in the period."));

    m_customers = new KpiTableModel({ tr("Customer"), tr("Tickets") }, this);
    m_customers->setNumericColumns({ 1 });
    m_customersCard = new DashboardCard(tr("Customers with most tickets"), this);
    m_customersCard->setObjectName(QStringLiteral("customersCard"));
    m_customersCard->setBody(compactTable(m_customers, 10));
    m_customersCard->setEmptyText(tr("No ticket from a known customer in the period."));

    m_organisations = new KpiTableModel({ tr("Organisation"), tr("Tickets") }, this);
    m_organisations->setNumericColumns({ 1 });
    m_organisationsCard = new DashboardCard(tr("Organisations with most tickets"), this);
    m_organisationsCard->setObjectName(QStringLiteral("organisationsCard"));
    m_organisationsCard->setBody(compactTable(m_organisations, 10));
    m_organisationsCard->setEmptyText(tr("No ticket from an organisation in the period."));

    // How the period went; where the backlog stands and who holds it; where the work comes
    // from. Two charts to a row keep their axis labels whole at a laptop's width.
    auto *backlogSide = new QWidget(box);
    auto *backlogLayout = new QVBoxLayout(backlogSide);
    backlogLayout->setContentsMargins(0, 0, 0, 0);
    backlogLayout->setSpacing(10);
    backlogLayout->addWidget(m_backlogCard, 1);
    backlogLayout->addWidget(m_slowestCard);
    auto *origins = new QHBoxLayout;
    origins->setSpacing(10);
    origins->addWidget(m_categoriesCard, 1);
    origins->addWidget(m_customersCard, 1);
    origins->addWidget(m_organisationsCard, 1);
    grid->addWidget(m_flowCard, 0, 0);
    grid->addWidget(m_slaCard, 0, 1);
    grid->addWidget(backlogSide, 1, 0);
    grid->addWidget(m_agentCard, 1, 1);
    grid->addLayout(origins, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    return box;
}

// ---------------------------------------------------------------------------------------
// Scope

bool DashboardTab::isAdmin() const
{
    return m_workspace->me().role == Core::Role::Admin;
}

void DashboardTab::rebuildGroupChooser()
{
    // The choice survives a rebuild (names changed, a new session) when it still exists.
    const qint64 chosen
        = m_groups->count() ? group() : m_workspace->setting(kGroupSetting).toLongLong();
    QList<QPair<QString, qint64>> groups;
    if (isAdmin()) {
        for (auto it = m_groupNames.constBegin(); it != m_groupNames.constEnd(); ++it)
            groups.append({ it.value(), it.key() });
    } else {
        for (const qint64 id : m_workspace->me().groupIds) {
            groups.append({ m_groupNames.value(id, tr("Group %1").arg(id)), id });
        }
    }
    std::sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) {
        const int c = QString::localeAwareCompare(a.first, b.first);
        return c != 0 ? c < 0 : a.second < b.second;
    });
    const QSignalBlocker blocker(m_groups);
    const qint64 before = m_groups->count() ? group() : -1;
    m_groups->clear();
    m_groups->addItem(isAdmin() ? tr("The whole desk") : tr("All my groups"), qint64(0));
    for (const auto &[name, id] : std::as_const(groups))
        m_groups->addItem(name, id);
    m_groups->setCurrentIndex(std::max(0, m_groups->findData(chosen)));
    // An agent has no scope to choose (the server refuses them any); leads and admins do.
    const Core::Agent me = m_workspace->me();
    const bool agent = me.id != 0 && me.role == Core::Role::Agent;
    m_groups->setEnabled(!agent);
    m_periods->setEnabled(!agent);
    // The group shown went away (the lead left it): show what is left.
    if (before >= 0 && group() != before)
        subscribe();
}

qint64 DashboardTab::group() const
{
    return m_groups->currentData().toLongLong();
}

void DashboardTab::setGroup(qint64 groupId)
{
    m_groups->setCurrentIndex(std::max(0, m_groups->findData(groupId)));
}

QString DashboardTab::period() const
{
    return m_periods->currentData().toString();
}

void DashboardTab::setPeriod(const QString &period)
{
    const int index = m_periods->findData(period);
    if (index >= 0)
        m_periods->setCurrentIndex(index);
}

QList<qint64> DashboardTab::groupIds() const
{
    const qint64 id = group();
    return id ? QList<qint64> { id } : QList<qint64> {};
}

void DashboardTab::subscribe()
{
    if (!m_dashboard)
        return;
    m_stopped = false;
    m_message->hide();
    m_scroll->show();
    m_compare->show();
    m_export->setEnabled(true);
    m_compare->setText(period() == QLatin1String("7d") ? tr("Trends: against the 7 days before")
            : period() == QLatin1String("30d")         ? tr("Trends: against the 30 days before")
                                                       : tr("Trends: against yesterday"));
    m_dashboard->subscribe(groupIds(), period());
    updateFreshness();
}

void DashboardTab::onRefused(int code, const QString &message)
{
    using Core::Protocol::ErrorCode;
    const Core::Agent me = m_workspace->me();
    QString text;
    if (code == int(ErrorCode::Forbidden) && me.id != 0 && me.role == Core::Role::Agent)
        text
            = tr("The dashboard is for team leads and admins. Ask an admin if you need to see it.");
    else if (code == int(ErrorCode::Forbidden) && me.groupIds.isEmpty())
        text = tr("You lead no group yet, so there is no dashboard to show. An admin can add you "
                  "to a group.");
    else if (code == int(ErrorCode::Forbidden))
        text = tr("You do not lead the chosen group. Choose one of your groups above.");
    else if (code == int(ErrorCode::ValidationFailed))
        text = tr("The chosen group no longer exists. Choose another one above.");
    else
        text = tr("The server did not open the dashboard: %1").arg(message);
    showMessage(text);
}

void DashboardTab::onEnded(const QString &message)
{
    Q_UNUSED(message); // English, for logs: the console says it in the agent's language
    showMessage(tr("The dashboard stopped: you no longer lead the chosen groups. Choose another "
                   "group above."));
}

void DashboardTab::showMessage(const QString &text)
{
    m_stopped = true;
    m_message->setText(text);
    m_message->show();
    // Figures of a scope the server no longer shows this lead are not theirs to read.
    m_scroll->hide();
    m_compare->hide();
    m_export->setEnabled(false);
    updateFreshness();
}

QString DashboardTab::message() const
{
    return m_stopped ? m_message->text() : QString();
}

void DashboardTab::onDirectoryChanged(const QSet<QString> &kinds)
{
    bool changed = false;
    if (kinds.contains(QStringLiteral("group"))) {
        m_groupNames = m_workspace->names(QStringLiteral("group"));
        rebuildGroupChooser();
        changed = true;
    }
    if (kinds.contains(QStringLiteral("agent"))) {
        m_agentNames = m_workspace->names(QStringLiteral("agent"));
        changed = true;
    }
    if (kinds.contains(QStringLiteral("category"))) {
        m_categoryNames = m_workspace->names(QStringLiteral("category"));
        changed = true;
    }
    if (kinds.contains(QStringLiteral("customer"))) {
        m_customerNames.clear();
        changed = true;
    }
    if (kinds.contains(QStringLiteral("organisation"))) {
        m_organisationNames.clear();
        changed = true;
    }
    if (changed && isVisible()) {
        renderAtRisk(m_figures);
        renderTables(m_figures);
    }
}

// ---------------------------------------------------------------------------------------
// Figures

void DashboardTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        render();
    updateFreshness();
}

void DashboardTab::render()
{
    m_dirty = false;
    if (!m_dashboard)
        return;
    m_figures = m_dashboard->figures();
    const Core::DashboardFigures &f = m_figures;
    renderTiles(f);

    m_backlogChart->setFigures(f);
    m_backlogCard->setEmpty(f.backlog.total == 0);
    m_flowChart->setFigures(f);
    m_flowCard->setEmpty(f.current.created == 0 && f.current.resolved == 0);
    m_slaChart->setFigures(f);
    m_slaCard->setEmpty(!m_slaChart->hasData());
    m_agentChart->setFigures(f);
    m_agentCard->setEmpty(m_agentChart->shownAgents() == 0);
    m_agentCard->setNote(m_agentChart->hiddenAgents() > 0 ? tr("the %1 busiest; %2 more not shown")
                                                                .arg(m_agentChart->shownAgents())
                                                                .arg(m_agentChart->hiddenAgents())
                                                          : QString());
    renderAtRisk(f);
    renderTables(f);
    updateFreshness();
}

void DashboardTab::renderTiles(const Core::DashboardFigures &f)
{
    const Core::KpiPeriodFigures &cur = f.current;
    const Core::KpiPeriodFigures &prev = f.previous;
    const bool any = !f.isEmpty();
    const QString before = KpiFormat::previousPeriodName(any ? f.period : period());
    const bool partial = f.period == QLatin1String("today");
    const QLocale locale;
    // A count of the figures shown; nothing at all before the first figures come.
    auto n = [any](qint64 v) { return any ? Figure(double(v)) : Figure(); };

    // Now.
    const Core::KpiBacklog &backlog = f.backlog;
    KpiTile *t = m_tiles.value(QStringLiteral("backlog"));
    t->setValue(any ? KpiFormat::count(n(backlog.total)) : KpiFormat::none());
    t->setTrend(
        { any ? tr("%1 unassigned").arg(KpiFormat::count(n(backlog.unassigned))) : QString(),
            KpiFormat::Judgement::Neutral, {} });
    QStringList byPriority;
    for (Core::Priority p :
        { Core::Priority::P1, Core::Priority::P2, Core::Priority::P3, Core::Priority::P4 })
        byPriority << tr("%1: %2", "priority: open tickets")
                          .arg(Labels::priorityShort(Core::wireName(p)),
                              locale.toString(backlog.open(p)));
    t->setDetail(any ? byPriority.join(QStringLiteral(" · ")) : QString());

    const qint64 breached = f.slaBreached;
    const qint64 warning = f.slaWarning;
    t = m_tiles.value(QStringLiteral("breached"));
    t->setValue(any ? KpiFormat::count(n(breached)) : KpiFormat::none(),
        !any               ? QColor()
            : breached > 0 ? Theme::slaBreached()
                           : Theme::slaOnTrack());
    t->setDetail(any ? tr("past an SLA target") : QString());
    t = m_tiles.value(QStringLiteral("warning"));
    t->setValue(any ? KpiFormat::count(n(warning)) : KpiFormat::none(),
        warning > 0 ? Theme::slaWarning() : QColor());
    t->setDetail(any ? tr("close to an SLA target") : QString());

    // The period's flow.
    const qint64 created = cur.created;
    const qint64 resolved = cur.resolved;
    t = m_tiles.value(QStringLiteral("created"));
    t->setValue(any ? KpiFormat::count(n(created)) : KpiFormat::none());
    t->setTrend(
        KpiFormat::countTrend(n(created), n(prev.created), Better::Neither, before, partial));
    t->setDetail(!any            ? QString()
            : created > resolved ? tr("%L1 more than resolved").arg(created - resolved)
            : created < resolved ? tr("%L1 fewer than resolved").arg(resolved - created)
                                 : tr("as many as resolved"));
    t = m_tiles.value(QStringLiteral("resolved"));
    t->setValue(any ? KpiFormat::count(n(resolved)) : KpiFormat::none());
    t->setTrend(
        KpiFormat::countTrend(n(resolved), n(prev.resolved), Better::Higher, before, partial));
    t->setDetail(any
            ? tr("%1 at first contact").arg(KpiFormat::count(n(cur.firstContactResolution.count)))
            : QString());

    // Quality.
    auto slaTile = [&](const char *name, const Core::KpiClock &c, const Core::KpiClock &p) {
        KpiTile *tile = m_tiles.value(QLatin1String(name));
        tile->setValue(KpiFormat::share(c.compliance));
        tile->setTrend(KpiFormat::shareTrend(c.compliance, p.compliance, Better::Higher, before));
        tile->setDetail(any ? tr("%1 met · %2 missed")
                                  .arg(KpiFormat::count(n(c.met)), KpiFormat::count(n(c.breached)))
                            : QString());
    };
    slaTile("firstResponseSla", cur.firstResponse, prev.firstResponse);
    slaTile("resolutionSla", cur.resolution, prev.resolution);
    auto timeTile = [&](const char *name, const Core::KpiClock &c, const Core::KpiClock &p) {
        KpiTile *tile = m_tiles.value(QLatin1String(name));
        tile->setValue(KpiFormat::duration(c.meanMs));
        tile->setTrend(KpiFormat::durationTrend(c.meanMs, p.meanMs, Better::Lower, before));
        tile->setDetail(!any ? QString()
                : KpiFormat::isFigure(c.medianMs)
                ? tr("median %1 · business time").arg(KpiFormat::duration(c.medianMs))
                : tr("no clock stopped in the period"));
    };
    timeTile("firstResponseTime", cur.firstResponse, prev.firstResponse);
    timeTile("resolutionTime", cur.resolution, prev.resolution);

    const Core::KpiShare &fcr = cur.firstContactResolution;
    t = m_tiles.value(QStringLiteral("firstContact"));
    t->setValue(KpiFormat::share(fcr.rate));
    t->setTrend(
        KpiFormat::shareTrend(fcr.rate, prev.firstContactResolution.rate, Better::Higher, before));
    t->setDetail(any ? tr("%1 of %2 resolved")
                           .arg(KpiFormat::count(n(fcr.count)), KpiFormat::count(n(resolved)))
                     : QString());

    const Core::KpiShare &reopened = cur.reopened;
    t = m_tiles.value(QStringLiteral("reopened"));
    t->setValue(KpiFormat::share(reopened.rate));
    t->setTrend(KpiFormat::shareTrend(reopened.rate, prev.reopened.rate, Better::Lower, before));
    t->setDetail(any ? tr("%1 of %2 resolved")
                           .arg(KpiFormat::count(n(reopened.count)), KpiFormat::count(n(resolved)))
                     : QString());

    const Core::KpiCsat &csat = cur.csat;
    t = m_tiles.value(QStringLiteral("csat"));
    t->setValue(KpiFormat::share(csat.goodShare));
    t->setTrend(KpiFormat::shareTrend(csat.goodShare, prev.csat.goodShare, Better::Higher, before));
    t->setDetail(!any ? QString()
            : csat.count == 0
            ? tr("no ratings yet")
            : tr("%1 good · %2 bad")
                  .arg(KpiFormat::count(n(csat.good)), KpiFormat::count(n(csat.bad))));
}

void DashboardTab::renderAtRisk(const Core::DashboardFigures &f)
{
    using Ticket = Core::KpiAtRiskTicket;
    const qint64 now = Core::Timestamp::now();
    QList<KpiTableModel::Row> rows;
    rows.reserve(f.atRisk.size());
    for (const Ticket &t : f.atRisk) {
        const bool breached = t.state == Ticket::State::Breached;
        const QString clock
            = t.clock == Ticket::Clock::FirstResponse ? tr("First response") : tr("Resolution");
        const qint64 due = t.dueAt;
        QString sla;
        if (due <= 0)
            sla = tr("%1 breached, paused").arg(clock);
        else if (due <= now)
            sla = tr("%1 overdue by %2").arg(clock, Labels::duration(now - due));
        else
            sla = tr("%1 due in %2").arg(clock, Labels::duration(due - now));
        const QString owner
            = tr("%1 · %2").arg(m_groupNames.value(t.groupId, tr("Group %1").arg(t.groupId)),
                t.assigneeId ? m_agentNames.value(t.assigneeId, tr("Agent %1").arg(t.assigneeId))
                             : tr("unassigned"));
        const QString priority = Core::wireName(t.priority);
        KpiTableModel::Row row;
        row.key = t.id;
        row.cells = { t.number, t.subject, Labels::priorityShort(priority), owner, sla };
        row.accent = breached ? Theme::slaBreached() : Theme::slaWarning();
        row.toolTip = tr("%1 — %2\n%3, %4\n%5: %6%7")
                          .arg(row.cells.at(0), row.cells.at(1), Labels::priority(priority),
                              Labels::status(Core::wireName(t.status)), clock,
                              Labels::slaState(Core::wireName(t.state)),
                              due > 0 ? tr(", due %1").arg(Labels::when(due, now)) : QString());
        rows << row;
    }
    m_atRisk->setRows(rows);
    fitAtRiskColumns();
    m_atRiskCard->setEmpty(rows.isEmpty() && !f.isEmpty());
    const qint64 total = f.atRiskTotal;
    m_atRiskCard->setNote(total > rows.size()
            ? tr("the %1 most urgent of %2").arg(rows.size()).arg(total)
            : total > 0 ? tr("%1 breached · %2 at warning").arg(f.slaBreached).arg(f.slaWarning)
                        : QString());
}

void DashboardTab::renderTables(const Core::DashboardFigures &f)
{
    auto count = [](qint64 v) { return KpiFormat::count(Figure(double(v))); };
    QList<KpiTableModel::Row> categories;
    for (const Core::KpiCount &c : f.breakdowns.categories)
        categories.append({ c.id, { categoryName(c.id), count(c.created) }, {}, {} });
    m_categories->setRows(categories);
    m_categoriesCard->setEmpty(categories.isEmpty());

    QList<KpiTableModel::Row> slowest;
    for (const Core::KpiSlowCategory &c : f.breakdowns.slowestCategories) {
        slowest.append({ c.categoryId,
            { categoryName(c.categoryId), count(c.resolved),
                KpiFormat::duration(double(c.meanResolutionMs)) },
            {}, tr("Mean business time to resolution") });
    }
    m_slowest->setRows(slowest);
    m_slowestCard->setEmpty(slowest.isEmpty());

    QList<KpiTableModel::Row> customers;
    for (const Core::KpiCount &c : f.breakdowns.topCustomers)
        customers.append({ c.id, { customerName(c.id), count(c.created) }, {}, {} });
    m_customers->setRows(customers);
    m_customersCard->setEmpty(customers.isEmpty());

    QList<KpiTableModel::Row> organisations;
    for (const Core::KpiCount &o : f.breakdowns.topOrganisations)
        organisations.append({ o.id, { organisationName(o.id), count(o.created) }, {}, {} });
    m_organisations->setRows(organisations);
    m_organisationsCard->setEmpty(organisations.isEmpty());
}

QString DashboardTab::categoryName(qint64 id) const
{
    if (id <= 0)
        return tr("No category");
    return m_categoryNames.value(id, tr("Category %1").arg(id));
}

QString DashboardTab::customerName(qint64 id)
{
    auto it = m_customerNames.constFind(id);
    if (it == m_customerNames.constEnd()) {
        const auto c = m_workspace->customer(id);
        it = m_customerNames.insert(id, c ? c->name : tr("Customer %1").arg(id));
    }
    return it.value();
}

QString DashboardTab::organisationName(qint64 id)
{
    auto it = m_organisationNames.constFind(id);
    if (it == m_organisationNames.constEnd()) {
        const auto o = m_workspace->organisation(id);
        it = m_organisationNames.insert(id, o ? o->name : tr("Organisation %1").arg(id));
    }
    return it.value();
}

void DashboardTab::updateFreshness()
{
    if (!m_dashboard || m_stopped) {
        m_freshness->clear();
        return;
    }
    const qint64 now = Core::Timestamp::now();
    const qint64 received = m_dashboard->receivedAt();
    const bool online = m_workspace->connection() && m_workspace->connection()->isOnline();
    QString text;
    QColor colour;
    if (m_dashboard->isLive() && online) {
        text = tr("● Live");
        colour = Theme::slaOnTrack();
        m_freshness->setToolTip(tr("The figures update by themselves as tickets change."));
    } else if (online) {
        text = received > 0 ? tr("Updating… figures from %1").arg(Labels::when(received, now))
                            : tr("Loading the figures…");
        colour = DashboardCard::mutedText(palette());
        m_freshness->setToolTip(QString());
    } else {
        text = received > 0
            ? tr("Offline — figures from %1 (%2 ago)")
                  .arg(Labels::when(received, now),
                      Labels::duration(std::max<qint64>(0, now - received)))
            : tr("Offline — no figures yet: they come once the server is reachable");
        colour = Theme::slaWarning();
        m_freshness->setToolTip(tr("The console keeps the last figures it received and shows them "
                                   "until the server is back."));
    }
    m_freshness->setText(text);
    setTextColour(m_freshness, colour);
}

QString DashboardTab::freshnessText() const
{
    return m_freshness->text();
}

QDate DashboardTab::deskToday() const
{
    const QTimeZone zone(m_figures.timeZone.toUtf8());
    return zone.isValid() ? QDateTime::currentDateTime().toTimeZone(zone).date()
                          : QDate::currentDate();
}

// ---------------------------------------------------------------------------------------
// Tickets at risk, export

void DashboardTab::openAtRisk(const QModelIndex &index)
{
    const qint64 id = m_atRisk->keyAt(index.row());
    if (!id)
        return;
    if (QGuiApplication::mouseButtons() != Qt::NoButton) {
        // Opened by a press: the tab changes when the button comes up, so the release (and
        // anything after it) stays on this table.
        m_openOnRelease = id;
        return;
    }
    Q_EMIT openTicketRequested(id);
}

bool DashboardTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_atRiskView && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (!key->isAutoRepeat() && m_atRiskView->currentIndex().isValid())
                openAtRisk(m_atRiskView->currentIndex());
            return true; // handled here: the view's own activation would open it twice
        }
    }
    if (watched == m_atRiskView->viewport() && event->type() == QEvent::MouseButtonRelease
        && m_openOnRelease) {
        const qint64 id = std::exchange(m_openOnRelease, 0);
        QTimer::singleShot(0, this, [this, id] { Q_EMIT openTicketRequested(id); });
    }
    if (watched == m_atRiskView->viewport() && event->type() == QEvent::Resize)
        fitAtRiskColumns();
    return QWidget::eventFilter(watched, event);
}

void DashboardTab::fitAtRiskColumns()
{
    QHeaderView *header = m_atRiskView->horizontalHeader();
    const QFontMetrics fm = m_atRiskView->fontMetrics();
    const QFontMetrics hfm = header->fontMetrics();
    const int pad = 2 * fm.averageCharWidth() + 8;
    const int twelve = fm.horizontalAdvance(QStringLiteral("MMMMMMMMMMMM")) * 3 / 4
        + pad; // about 12 average characters
    const int columns = m_atRisk->columnCount();
    QList<int> natural(columns, 0), least(columns, 0);
    for (int c = 0; c < columns; ++c) {
        const int title
            = hfm.horizontalAdvance(m_atRisk->headerData(c, Qt::Horizontal).toString()) + pad;
        int content = 0;
        for (int r = 0; r < m_atRisk->rowCount(); ++r) {
            // What the delegate asks for (the first column's accent mark included).
            const QModelIndex index = m_atRisk->index(r, c);
            content = qMax(content,
                qMax(fm.horizontalAdvance(index.data().toString()) + pad,
                    m_atRiskView->sizeHintForIndex(index).width() + 4));
        }
        natural[c] = qMax(title, content);
        const int mark = c == 0 && m_atRisk->rowCount()
            ? qMax(0,
                m_atRiskView->sizeHintForIndex(m_atRisk->index(0, 0)).width() + 4
                    - fm.horizontalAdvance(m_atRisk->index(0, 0).data().toString()) - pad)
            : 0;
        least[c] = qMax(title, qMin(content, twelve + mark));
    }
    constexpr int subject = 1;
    const int available = m_atRiskView->viewport()->width();
    int fixed = 0;
    for (int c = 0; c < columns; ++c)
        fixed += c == subject ? 0 : natural[c];
    // Too narrow for everything: the widest columns give way first, never below 12
    // characters or their titles; the subject takes what is left (at least as much).
    const int subjectLeast = qMax(least[subject], twelve * 3 / 2);
    QList<int> width = natural;
    int excess = fixed + subjectLeast - available;
    while (excess > 0) {
        int widest = -1;
        for (int c = 0; c < columns; ++c) {
            if (c != subject && width[c] > least[c] && (widest < 0 || width[c] > width[widest]))
                widest = c;
        }
        if (widest < 0)
            break;
        const int give = qMin(excess, width[widest] - least[widest]);
        width[widest] -= give;
        excess -= give;
    }
    int used = 0;
    for (int c = 0; c < columns; ++c) {
        if (c != subject) {
            header->resizeSection(c, width[c]);
            used += width[c];
        }
    }
    header->resizeSection(subject, qMax(subjectLeast, available - used));
}

void DashboardTab::exportReport()
{
    if (m_exportDialog) {
        m_exportDialog->raise();
        m_exportDialog->activateWindow();
        return;
    }
    m_exportDialog = new ReportExportDialog(
        m_workspace, groupIds(), m_groups->currentText(), deskToday(), this);
    m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_exportDialog->open();
}

KpiTile *DashboardTab::tile(const QString &name) const
{
    return m_tiles.value(name);
}

} // namespace Atiende::Ui

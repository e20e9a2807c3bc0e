#pragma once
// The live dashboard of team leads and admins (issue 6): the groups and period at the top,
// how fresh the figures are, tiles for the headline KPIs with their trend against the
// previous period, charts (backlog by priority, created vs resolved, SLA compliance, load per
// agent), the tickets at risk (a click or Enter opens one), demand per category, the slowest
// categories and the top customers and organisations; and "Export report…" to CSV and PDF.
//
// Everything comes from Client::Dashboard: the server's figures as they are pushed, or the
// last ones cached when offline (the tab says how old they are). The figures are bounded by
// the server (at most 50 tickets at risk, 500 agents, 30 days...), so an update costs the
// same on a desk of any size; it changes texts and series in place instead of rebuilding.
// The main window shows the tab to leads and admins; anyone else gets the server's refusal
// in words.

#include "core/kpi/kpifigures.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QModelIndex;
class QPushButton;
class QScrollArea;
class QTableView;
class QTimer;

namespace Atiende::Client {
class Dashboard;
class Workspace;
} // namespace Atiende::Client

namespace Atiende::Models {
class KpiTableModel;
}

namespace Atiende::Ui {

class AgentLoadChart;
class BacklogChart;
class DashboardCard;
class FlowChart;
class KpiTile;
class ReportExportDialog;
class SlaTrendChart;

class DashboardTab : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardTab(Client::Workspace *workspace, QWidget *parent = nullptr);
    ~DashboardTab() override;

    // The scope shown: one group, or none for all the lead's groups (the whole desk for an
    // admin); and the period, "today", "7d" or "30d". Changing either subscribes again and
    // is remembered for the next start.
    qint64 group() const;
    void setGroup(qint64 groupId);
    QString period() const;
    void setPeriod(const QString &period);
    QList<qint64> groupIds() const;

    // "Live", or how old the figures shown are.
    QString freshnessText() const;
    // Why there is nothing to show (the server refused or ended the dashboard); empty if
    // nothing is wrong.
    QString message() const;

    // The parts, by name, for tests and screenshots: tiles "backlog", "breached", "warning",
    // "created", "resolved", "firstResponseSla", "resolutionSla", "firstResponseTime",
    // "resolutionTime", "firstContact", "reopened", "csat".
    KpiTile *tile(const QString &name) const;
    QTableView *atRiskView() const { return m_atRiskView; }
    Models::KpiTableModel *atRiskModel() const { return m_atRisk; }
    BacklogChart *backlogChart() const { return m_backlogChart; }
    FlowChart *flowChart() const { return m_flowChart; }
    SlaTrendChart *slaChart() const { return m_slaChart; }
    AgentLoadChart *agentChart() const { return m_agentChart; }
    ReportExportDialog *exportDialog() const { return m_exportDialog; }

public Q_SLOTS:
    // Opens the export dialog for the scope shown.
    void exportReport();

Q_SIGNALS:
    // The lead clicked a ticket at risk (or pressed Enter on it).
    void openTicketRequested(qint64 id);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildTopBar();
    QWidget *buildTiles();
    QWidget *buildCharts();
    QWidget *buildAtRisk();
    QTableView *compactTable(Models::KpiTableModel *model, int rows);
    KpiTile *addTile(const QString &name, const QString &title, const QString &toolTip);

    void rebuildGroupChooser();
    void subscribe();
    void onRefused(int code, const QString &message);
    void onEnded(const QString &message);
    void showMessage(const QString &text);
    void onDirectoryChanged(const QSet<QString> &kinds);

    void render();
    void renderTiles(const Core::DashboardFigures &f);
    void renderAtRisk(const Core::DashboardFigures &f);
    void renderTables(const Core::DashboardFigures &f);
    void updateFreshness();
    void openAtRisk(const QModelIndex &index);
    void fitAtRiskColumns();

    bool isAdmin() const;
    QString categoryName(qint64 id) const; // 0: no category
    QString customerName(qint64 id);
    QString organisationName(qint64 id);
    QDate deskToday() const;

    Client::Workspace *m_workspace;
    QPointer<Client::Dashboard> m_dashboard;
    Core::DashboardFigures m_figures; // what the widgets show now

    QComboBox *m_groups = nullptr;
    QComboBox *m_periods = nullptr;
    QLabel *m_compare = nullptr;
    QLabel *m_freshness = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_message = nullptr;
    QScrollArea *m_scroll = nullptr;

    QHash<QString, KpiTile *> m_tiles;
    QList<KpiTile *> m_tileOrder;
    QWidget *m_tileGrid = nullptr;

    DashboardCard *m_backlogCard = nullptr;
    DashboardCard *m_flowCard = nullptr;
    DashboardCard *m_slaCard = nullptr;
    DashboardCard *m_agentCard = nullptr;
    DashboardCard *m_atRiskCard = nullptr;
    DashboardCard *m_categoriesCard = nullptr;
    DashboardCard *m_slowestCard = nullptr;
    DashboardCard *m_customersCard = nullptr;
    DashboardCard *m_organisationsCard = nullptr;
    BacklogChart *m_backlogChart = nullptr;
    FlowChart *m_flowChart = nullptr;
    SlaTrendChart *m_slaChart = nullptr;
    AgentLoadChart *m_agentChart = nullptr;
    Models::KpiTableModel *m_atRisk = nullptr;
    QTableView *m_atRiskView = nullptr;
    qint64 m_openOnRelease = 0; // a ticket to open when the mouse button comes up
    Models::KpiTableModel *m_categories = nullptr;
    Models::KpiTableModel *m_slowest = nullptr;
    Models::KpiTableModel *m_customers = nullptr;
    Models::KpiTableModel *m_organisations = nullptr;

    QTimer *m_tick = nullptr;
    QPointer<ReportExportDialog> m_exportDialog;
    bool m_dirty = false; // figures came while hidden
    bool m_stopped = false; // refused or ended: nothing to show until the scope changes

    // Names the cache knows, by id; refreshed when the directory changes.
    QHash<qint64, QString> m_groupNames;
    QHash<qint64, QString> m_agentNames;
    QHash<qint64, QString> m_categoryNames;
    QHash<qint64, QString> m_customerNames; // only the few shown
    QHash<qint64, QString> m_organisationNames; // likewise
};

} // namespace Atiende::Ui

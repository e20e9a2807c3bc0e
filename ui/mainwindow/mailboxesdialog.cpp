#include "mailboxesdialog.h"

#include "models/labels/labels.h"
#include "ui/common/theme.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Client::Workspace;

namespace {
constexpr int kRefreshMs = 5000;
enum Column { Name, Address, Group, Reading, State, Detail, ColumnCount };
} // namespace

MailboxesDialog::MailboxesDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("mailboxesDialog"));
    setWindowTitle(tr("Desk mailboxes"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The mailboxes the server reads, and how each one is doing. "
                                "Mailboxes are added with “atiended mail” on the server."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("mailboxes"));
    m_table->setHorizontalHeaderLabels(
        { tr("Name"), tr("Address"), tr("Group"), tr("Read"), tr("State"), tr("Why") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    layout->addWidget(m_table, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("mailboxesMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_toggle = buttons->addButton(tr("Stop reading"), QDialogButtonBox::ActionRole);
    m_toggle->setObjectName(QStringLiteral("toggleMailbox"));
    m_toggle->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_toggle, &QPushButton::clicked, this, &MailboxesDialog::toggleSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &MailboxesDialog::updateToggle);
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &MailboxesDialog::refresh);
    m_timer.start();
    resize(900, 360);
    refresh();
}

QString MailboxesDialog::message() const
{
    return m_message->text();
}

QString MailboxesDialog::groupName(qint64 id) const
{
    for (const Core::Group &g : m_workspace->groups()) {
        if (g.id == id)
            return g.name;
    }
    return QString::number(id);
}

void MailboxesDialog::refresh()
{
    if (m_busy)
        return;
    m_busy = true;
    m_workspace->fetchMailAccounts(this,
        [this](
            const Workspace::CallOutcome &outcome, const QList<Workspace::MailAccount> &accounts) {
            m_busy = false;
            if (!outcome.ok) {
                m_message->setText(outcome.errorCode == 0
                        ? tr("The mailboxes are shown when the console is connected.")
                        : outcome.error);
                return;
            }
            showAccounts(accounts);
        });
}

void MailboxesDialog::showAccounts(const QList<Workspace::MailAccount> &accounts)
{
    const QString selected
        = m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), Name)
        ? m_table->item(m_table->currentRow(), Name)->text()
        : QString();
    m_accounts = accounts;
    m_table->setRowCount(int(accounts.size()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int failing = 0;
    for (int row = 0; row < accounts.size(); ++row) {
        const Workspace::MailAccount &a = accounts.at(row);
        const bool failed = a.enabled && a.state == QLatin1String("failed");
        QString stateText = !a.enabled               ? tr("Not read")
            : a.state == QLatin1String("waiting")    ? tr("Waiting for mail")
            : a.state == QLatin1String("fetching")   ? tr("Reading mail")
            : a.state == QLatin1String("connecting") ? tr("Connecting")
            : failed                                 ? tr("Failing")
                                                     : tr("Stopped");
        if (a.enabled && a.since > 0)
            stateText = tr("%1, %2", "state, since when")
                            .arg(stateText, Models::Labels::when(a.since, now));
        const QStringList cells { a.name,
            a.displayName.isEmpty() ? a.address
                                    : QStringLiteral("%1 <%2>").arg(a.displayName, a.address),
            groupName(a.groupId), a.enabled ? tr("Yes") : tr("No"), stateText, a.detail };
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(cells.at(c));
            if (c == State && failed)
                item->setForeground(Theme::slaBreached());
            m_table->setItem(row, c, item);
        }
        failing += failed ? 1 : 0;
        if (a.name == selected)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_message->setText(accounts.isEmpty() ? tr("The desk has no mailbox yet.")
            : failing > 0                 ? (failing == 1
                                      ? tr("One mailbox is failing: the server keeps trying it, and the other "
                                                           "mailboxes go on.")
                                      : tr("%1 mailboxes are failing: the server keeps trying them, and the "
                                                           "other mailboxes go on.")
                            .arg(failing))
                                          : QString());
    updateToggle();
}

void MailboxesDialog::updateToggle()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_accounts.size()) {
        m_toggle->setEnabled(false);
        return;
    }
    m_toggle->setText(m_accounts.at(row).enabled ? tr("Stop reading") : tr("Start reading"));
    m_toggle->setEnabled(true);
}

void MailboxesDialog::toggleSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_accounts.size())
        return;
    const Workspace::MailAccount a = m_accounts.at(row);
    m_toggle->setEnabled(false);
    m_workspace->setMailAccountEnabled(
        a.name, !a.enabled, this, [this](const Workspace::CallOutcome &outcome) {
            if (!outcome.ok)
                m_message->setText(outcome.errorCode == 0
                        ? tr("This needs a connection to the server.")
                        : outcome.error);
            refresh();
        });
}

} // namespace Atiende::Ui

#include "escalatedialog.h"

#include "client/workspace/workspace.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

EscalateDialog::EscalateDialog(
    const Client::Workspace *workspace, const Core::Ticket &ticket, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("escalateDialog"));
    setWindowTitle(tr("Escalate %1").arg(ticket.number));
    const qint64 current = ticket.groupId;

    struct Group
    {
        qint64 id;
        QString name;
        int tier;
    };
    QList<Group> groups;
    int currentTier = 0;
    for (const Core::Group &g : workspace->groups()) {
        const Group group { g.id, g.name, g.tier };
        if (group.id == current)
            currentTier = group.tier;
        else
            groups << group;
    }
    std::sort(groups.begin(), groups.end(), [](const Group &a, const Group &b) {
        return a.tier != b.tier ? a.tier < b.tier : a.id < b.id;
    });
    // The server's "next tier": the lowest tier above the ticket's group, lowest id on ties.
    const auto next = std::find_if(groups.cbegin(), groups.cend(),
        [currentTier](const Group &g) { return g.tier > currentTier; });
    const Core::Agent me = workspace->me();
    const QSet<qint64> mine(me.groupIds.begin(), me.groupIds.end());
    const bool admin = me.role == Core::Role::Admin;

    auto *layout = new QVBoxLayout(this);
    m_functional
        = new QRadioButton(tr("&Functional: hand it to a group with more expertise"), this);
    m_functional->setObjectName(QStringLiteral("functional"));
    m_hierarchical = new QRadioButton(tr("&Hierarchical: tell the team leads of its group"), this);
    m_hierarchical->setObjectName(QStringLiteral("hierarchical"));
    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_functional);
    kinds->addButton(m_hierarchical);
    m_functional->setChecked(true);
    layout->addWidget(m_functional);

    auto *form = new QFormLayout;
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("targetGroup"));
    if (next != groups.cend())
        m_group->addItem(
            tr("Next tier up (%1, tier %2)").arg(next->name, QString::number(next->tier)), 0);
    for (const Group &g : std::as_const(groups))
        m_group->addItem(tr("%1 (tier %2)").arg(g.name, QString::number(g.tier)), g.id);
    form->addRow(tr("&To:"), m_group);
    layout->addLayout(form);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    layout->addWidget(m_warning);
    layout->addWidget(m_hierarchical);

    auto *reasonLabel = new QLabel(tr("&Reason (goes into the ticket's timeline):"), this);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setTabChangesFocus(true);
    reasonLabel->setBuddy(m_reason);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Escalate"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    const qint64 nextId = next != groups.cend() ? next->id : 0;
    auto update = [this, buttons, nextId, mine, admin] {
        const bool functional = m_functional->isChecked();
        m_group->setEnabled(functional);
        QString warning;
        if (functional && m_group->count() == 0) {
            warning = tr("There is no other group to hand it to.");
        } else if (functional && !admin) {
            const qint64 chosen = m_group->currentData().toLongLong();
            const qint64 target = chosen ? chosen : nextId;
            if (target && !mine.contains(target))
                warning
                    = tr("You are not in that group: the ticket leaves your queue once it moves.");
        }
        m_warning->setText(warning);
        m_warning->setVisible(!warning.isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!functional || m_group->count() > 0);
    };
    connect(m_functional, &QRadioButton::toggled, this, update);
    connect(m_group, &QComboBox::currentIndexChanged, this, update);
    update();
    resize(460, 320);
}

Core::EscalationKind EscalateDialog::kind() const
{
    return m_hierarchical->isChecked() ? Core::EscalationKind::Hierarchical
                                       : Core::EscalationKind::Functional;
}
qint64 EscalateDialog::toGroupId() const
{
    return m_functional->isChecked() ? m_group->currentData().toLongLong() : 0;
}
QString EscalateDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

} // namespace Atiende::Ui

#include "ticketheader.h"

#include "fieldtext.h"

#include "client/workspace/workspace.h"
#include "core/domain/ticketlifecycle.h"
#include "core/domain/timestamp.h"
#include "models/labels/labels.h"
#include "ui/common/theme.h"

#include <QActionGroup>
#include <QEvent>
#include <QHBoxLayout>

#include "ui/common/flowlayout.h"
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

using Models::Labels;

namespace {

// The countdown moves by the minute; a quarter of one keeps it honest without busy work.
constexpr int kSlaRefreshMs = 15000;

// Menu and button texts take '&' as a mnemonic marker: a category called "R&D" must not.
QString escaped(QString text)
{
    return text.replace(QLatin1Char('&'), QLatin1String("&&"));
}

void setTextColour(QLabel *label, const QColor &colour)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
}

} // namespace

TicketHeader::TicketHeader(
    const Client::Workspace *workspace, const FieldText *names, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_names(names)
    , m_clock([] { return Core::Timestamp::now(); })
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *title = new QHBoxLayout;
    m_number = new QLabel(this);
    m_number->setObjectName(QStringLiteral("ticketNumber"));
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_number->font();
    bold.setBold(true);
    m_number->setFont(bold);
    m_type = new QLabel(this);
    m_type->setObjectName(QStringLiteral("ticketType"));
    m_subject = new QLabel(this);
    m_subject->setObjectName(QStringLiteral("ticketSubject"));
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->setTextFormat(Qt::PlainText);
    QFont big = m_subject->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_subject->setFont(big);
    m_pending = new QLabel(this);
    m_pending->setObjectName(QStringLiteral("pendingMark"));
    m_pending->hide();
    setTextColour(m_pending, Theme::pendingMark());
    title->addWidget(m_number);
    title->addWidget(m_type);
    title->addWidget(m_subject, 1);
    title->addWidget(m_pending, 0, Qt::AlignTop);
    layout->addLayout(title);

    // The chips wrap when the panel is narrow instead of widening it.
    auto *fields = new FlowLayout(nullptr, 2);
    m_status = addChip(QStringLiteral("statusButton"), &m_statusMenu);
    m_priority = addChip(QStringLiteral("priorityButton"), &m_priorityMenu);
    m_category = addChip(QStringLiteral("categoryButton"), &m_categoryMenu);
    m_group = addChip(QStringLiteral("groupButton"), &m_groupMenu);
    m_assignee = addChip(QStringLiteral("assigneeButton"), &m_assigneeMenu);
    connect(m_statusMenu, &QMenu::aboutToShow, this, &TicketHeader::fillStatusMenu);
    connect(m_priorityMenu, &QMenu::aboutToShow, this, &TicketHeader::fillPriorityMenu);
    connect(m_categoryMenu, &QMenu::aboutToShow, this, &TicketHeader::fillCategoryMenu);
    connect(m_groupMenu, &QMenu::aboutToShow, this, &TicketHeader::fillGroupMenu);
    connect(m_assigneeMenu, &QMenu::aboutToShow, this, &TicketHeader::fillAssigneeMenu);
    m_channel = new QLabel(this);
    m_channel->setObjectName(QStringLiteral("ticketChannel"));
    for (QToolButton *b : { m_status, m_priority, m_category, m_group, m_assignee })
        fields->addWidget(b);
    fields->addWidget(m_channel);
    layout->addLayout(fields);

    // The two clocks side by side, one under the other when the panel is narrow: they must
    // not set its minimum width (the queue beside it needs the room on a small screen).
    auto *clocks = new FlowLayout(nullptr, 10);
    m_firstResponse = new QLabel(this);
    m_firstResponse->setObjectName(QStringLiteral("slaFirstResponse"));
    m_resolution = new QLabel(this);
    m_resolution->setObjectName(QStringLiteral("slaResolution"));
    clocks->addWidget(m_firstResponse);
    clocks->addWidget(m_resolution);
    layout->addLayout(clocks);

    m_viewers = new QLabel(this);
    m_viewers->setObjectName(QStringLiteral("viewers"));
    m_viewers->setWordWrap(true);
    m_viewers->hide();
    layout->addWidget(m_viewers);

    m_slaTimer.setInterval(kSlaRefreshMs);
    connect(&m_slaTimer, &QTimer::timeout, this, &TicketHeader::updateSla);
}

QToolButton *TicketHeader::addChip(const QString &objectName, QMenu **menu)
{
    auto *b = new QToolButton(this);
    b->setObjectName(objectName);
    b->setPopupMode(QToolButton::InstantPopup);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAutoRaise(true);
    b->setFocusPolicy(Qt::StrongFocus);
    *menu = new QMenu(b);
    (*menu)->setToolTipsVisible(true);
    b->setMenu(*menu);
    return b;
}

void TicketHeader::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
    updateSla();
}

void TicketHeader::setTicket(const Core::Ticket &ticket)
{
    m_ticket = ticket;
    updateTexts();
    updateSla();
}

void TicketHeader::refreshNames()
{
    updateTexts();
}

bool TicketHeader::isClosed() const
{
    return m_ticket.id != 0 && m_ticket.status == Core::TicketStatus::Closed;
}

bool TicketHeader::iAmInGroup() const
{
    return m_workspace->me().groupIds.contains(m_ticket.groupId);
}

void TicketHeader::updateTexts()
{
    const Core::Ticket &t = m_ticket;
    const bool none = t.id == 0;
    const QString number = t.number;
    // A ticket made offline has no number until the server gives it one.
    m_number->setText(number.isEmpty() ? tr("New ticket") : number);
    m_number->setToolTip(number.isEmpty()
            ? tr("Not sent to the server yet: it gets its number when it is.")
            : QString());
    m_type->setText(none ? QString() : Labels::type(t.type));
    m_subject->setText(t.subject);

    m_status->setText(tr("&Status: %1").arg(escaped(none ? QString() : Labels::status(t.status))));
    // ITIL's priority is not picked but derived: show what it comes from.
    m_priority->setText(tr("&Priority: %1 (%2)")
                            .arg(escaped(none ? QString() : Labels::priority(t.priority)),
                                none ? FieldText::impactTimesUrgency(QString(), QString())
                                     : FieldText::impactTimesUrgency(t)));
    m_priority->setToolTip(tr("Change the impact or the urgency; the priority follows from both."));
    m_category->setText(tr("Categor&y: %1").arg(escaped(m_names->category(t.categoryId))));
    m_group->setText(tr("&Group: %1").arg(escaped(m_names->group(t.groupId))));
    m_assignee->setText(tr("Assign&ee: %1").arg(escaped(m_names->agent(t.assigneeId))));
    m_channel->setText(tr("via %1").arg(none ? QString() : Labels::channel(t.channel)));

    const bool closed = isClosed();
    const QString readOnly = closed ? tr("Closed tickets are read-only.") : QString();
    for (QToolButton *b : { m_status, m_category, m_group, m_assignee }) {
        b->setEnabled(!closed && !none);
        b->setToolTip(readOnly);
    }
    m_priority->setEnabled(!closed && !none);
    if (closed)
        m_priority->setToolTip(readOnly);
}

QString TicketHeader::slaText(Core::SlaClockName clock) const
{
    return (clock == Core::SlaClockName::FirstResponse ? m_firstResponse : m_resolution)->text();
}

void TicketHeader::updateSla()
{
    using State = Core::SlaTimeline::State;
    const Core::SlaClocks sla = m_ticket.slaClocks();
    const qint64 now = m_clock();
    bool counting = false;
    auto show = [&](QLabel *label, const Core::SlaClock &c, const QString &title) {
        const State state = c.state;
        const qint64 target = c.timeline.targetMs;
        const qint64 used = c.timeline.usedMs;
        const qint64 stoppedAt = c.timeline.stoppedAt;
        const bool paused = c.timeline.paused || state == State::Paused;
        const bool running = stoppedAt <= 0 && !paused && target > 0;
        const qint64 dueAt = running ? c.dueAt : 0;
        const qint64 warnAt = running ? c.warnAt : 0;
        QString text;
        QString tip;
        if (sla.isNull || target <= 0 || state == State::None) {
            text = Labels::slaState(State::None);
        } else if (state == State::Met) {
            text = stoppedAt > 0 ? tr("Met at %1").arg(Labels::when(stoppedAt, now))
                                 : Labels::slaState(state);
        } else if (paused) {
            text
                = tr("Paused, %1 of %2 used").arg(Labels::duration(used), Labels::duration(target));
            tip = tr("The clock stops while the ticket waits on the customer or a third party.");
        } else if (stoppedAt > 0) {
            text = tr("%1, stopped at %2")
                       .arg(Labels::slaState(state), Labels::when(stoppedAt, now));
        } else if (dueAt > 0 && now >= dueAt) {
            text = tr("Breached, %1 overdue").arg(Labels::duration(now - dueAt));
            tip = tr("It was due at %1.").arg(Labels::when(dueAt, now));
            counting = true;
        } else if (dueAt > 0) {
            text = (state == State::Warning || (warnAt > 0 && now >= warnAt))
                ? tr("About to breach: %1 left, due at %2")
                      .arg(Labels::duration(dueAt - now), Labels::when(dueAt, now))
                : tr("%1 left, due at %2")
                      .arg(Labels::duration(dueAt - now), Labels::when(dueAt, now));
            tip = tr("Business time: %1 of %2 used when the server last counted.")
                      .arg(Labels::duration(used), Labels::duration(target));
            counting = true;
        } else {
            text = Labels::slaState(state);
        }
        label->setText(tr("%1: %2").arg(title, text));
        label->setToolTip(tip);
        setTextColour(label,
            Theme::forSla(sla.isNull ? QString() : Core::SlaTimeline::wireName(state), dueAt,
                warnAt, now, palette()));
    };
    show(m_firstResponse, sla.firstResponse, tr("First response"));
    show(m_resolution, sla.resolution, tr("Resolution"));
    if (counting && isVisible())
        m_slaTimer.start();
    else if (!counting)
        m_slaTimer.stop();
}

void TicketHeader::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateSla(); // the countdown did not move while hidden
}

void TicketHeader::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_slaTimer.stop();
}

void TicketHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateSla();
        setTextColour(m_pending, Theme::pendingMark());
    }
}

void TicketHeader::setPending(bool pending, bool online)
{
    m_pending->setVisible(pending);
    if (!pending)
        return;
    if (online) {
        m_pending->setText(tr("● Sending…"));
        m_pending->setToolTip(tr("Your changes are on their way to the server."));
    } else {
        m_pending->setText(tr("● Waiting to be sent"));
        m_pending->setToolTip(tr("You are offline. Your changes are kept on this computer and sent "
                                 "when the connection is back."));
    }
}

bool TicketHeader::isPendingShown() const
{
    return !m_pending->isHidden();
}

void TicketHeader::setViewers(const QList<Viewer> &viewers)
{
    QStringList parts;
    for (const Viewer &v : viewers)
        parts << (v.typing ? tr("%1 (typing a reply…)").arg(v.name) : v.name);
    m_viewers->setText(
        parts.isEmpty() ? QString() : tr("Also here: %1").arg(parts.join(QStringLiteral(", "))));
    m_viewers->setVisible(!parts.isEmpty());
}

QString TicketHeader::viewersText() const
{
    return m_viewers->text();
}
QString TicketHeader::statusText() const
{
    return m_ticket.id ? Labels::status(m_ticket.status) : QString();
}
QString TicketHeader::assigneeText() const
{
    return m_names->agent(m_ticket.assigneeId);
}

void TicketHeader::showStatusMenu()
{
    m_status->showMenu();
}
void TicketHeader::showPriorityMenu()
{
    m_priority->showMenu();
}
void TicketHeader::showCategoryMenu()
{
    m_category->showMenu();
}
void TicketHeader::showGroupMenu()
{
    m_group->showMenu();
}
void TicketHeader::showAssigneeMenu()
{
    m_assignee->showMenu();
}

void TicketHeader::fillStatusMenu()
{
    m_statusMenu->clear();
    if (!m_ticket.id)
        return;
    const Core::TicketStatus from = m_ticket.status;
    QAction *current = m_statusMenu->addAction(Labels::status(from));
    current->setCheckable(true);
    current->setChecked(true);
    current->setEnabled(false);
    const QList<Core::TicketStatus> targets = Core::TicketLifecycle::allowedTargets(from);
    if (!targets.isEmpty())
        m_statusMenu->addSeparator();
    const bool hasAssignee = m_ticket.assigneeId != 0;
    for (Core::TicketStatus to : targets) {
        const QString label = Core::TicketLifecycle::isReopen(from, to)
            ? tr("Reopen (%1)").arg(Labels::status(to))
            : Labels::status(to);
        QAction *a = m_statusMenu->addAction(escaped(label));
        a->setObjectName(QStringLiteral("status:") + Core::wireName(to));
        // The server makes the caller the owner of a ticket that needs one, if it can.
        if (Core::TicketLifecycle::needsAssignee(to) && !hasAssignee) {
            if (iAmInGroup()) {
                a->setToolTip(tr("You become its assignee."));
            } else {
                a->setEnabled(false);
                a->setToolTip(tr("Needs an assignee from the ticket's group first."));
            }
        }
        connect(a, &QAction::triggered, this, [this, to] {
            if (m_ticket.status != to)
                Q_EMIT statusChosen(to);
        });
    }
}

void TicketHeader::fillPriorityMenu()
{
    m_priorityMenu->clear();
    for (const bool impact : { true, false }) {
        QMenu *sub = m_priorityMenu->addMenu(impact ? tr("&Impact") : tr("&Urgency"));
        auto *group = new QActionGroup(sub);
        const Core::Level current = impact ? m_ticket.impact : m_ticket.urgency;
        const QString field
            = Core::wireName(impact ? Core::TicketField::Impact : Core::TicketField::Urgency);
        for (const Core::Level level :
            { Core::Level::High, Core::Level::Medium, Core::Level::Low }) {
            QAction *a = sub->addAction(Labels::level(level));
            a->setObjectName(field + QLatin1Char(':') + Core::wireName(level));
            a->setCheckable(true);
            a->setChecked(m_ticket.id && level == current);
            group->addAction(a);
            connect(a, &QAction::triggered, this, [this, impact, level] {
                if (impact && m_ticket.impact != level)
                    Q_EMIT impactChosen(level);
                else if (!impact && m_ticket.urgency != level)
                    Q_EMIT urgencyChosen(level);
            });
        }
    }
}

void TicketHeader::fillCategoryMenu()
{
    m_categoryMenu->clear();
    const qint64 current = m_ticket.categoryId;
    // The service catalog is a tree: show each category under its path, in path order.
    QHash<qint64, Core::Category> byId;
    for (const Core::Category &c : m_workspace->categories())
        byId.insert(c.id, c);
    QList<QPair<QString, qint64>> entries;
    for (auto it = byId.constBegin(); it != byId.constEnd(); ++it) {
        QStringList path { it->name };
        qint64 parent = it->parentId;
        for (int depth = 0; parent && depth < 16; ++depth) { // a broken parent chain must not loop
            const auto p = byId.constFind(parent);
            if (p == byId.constEnd())
                break;
            path.prepend(p->name);
            parent = p->parentId;
        }
        entries.append({ path.join(QStringLiteral(" › ")), it.key() });
    }
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    auto *group = new QActionGroup(m_categoryMenu);
    auto add = [&](const QString &text, qint64 id) {
        QAction *a = m_categoryMenu->addAction(escaped(text));
        a->setObjectName(QStringLiteral("category:%1").arg(id));
        a->setCheckable(true);
        a->setChecked(id == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] {
            if (m_ticket.categoryId != id)
                Q_EMIT categoryChosen(id);
        });
    };
    add(tr("No category"), 0);
    m_categoryMenu->addSeparator();
    for (const auto &[path, id] : std::as_const(entries))
        add(path, id);
}

void TicketHeader::fillGroupMenu()
{
    m_groupMenu->clear();
    const qint64 current = m_ticket.groupId;
    auto *group = new QActionGroup(m_groupMenu);
    for (const Core::Group &g : m_workspace->groups()) {
        const qint64 id = g.id;
        QAction *a = m_groupMenu->addAction(
            escaped(tr("%1 (tier %2)").arg(g.name, QString::number(g.tier))));
        a->setObjectName(QStringLiteral("group:%1").arg(id));
        a->setCheckable(true);
        a->setChecked(id == current);
        a->setToolTip(g.description);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] {
            if (m_ticket.groupId != id)
                Q_EMIT groupChosen(id);
        });
    }
}

void TicketHeader::fillAssigneeMenu()
{
    m_assigneeMenu->clear();
    const qint64 current = m_ticket.assigneeId;
    const qint64 groupId = m_ticket.groupId;
    const qint64 me = m_workspace->myId();
    auto *group = new QActionGroup(m_assigneeMenu);
    auto add = [&](const QString &text, qint64 id) {
        QAction *a = m_assigneeMenu->addAction(escaped(text));
        a->setObjectName(QStringLiteral("assignee:%1").arg(id));
        a->setCheckable(true);
        a->setChecked(id == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] {
            if (m_ticket.assigneeId != id)
                Q_EMIT assigneeChosen(id);
        });
        return a;
    };
    add(tr("Unassigned"), 0);
    m_assigneeMenu->addSeparator();
    // Only active members of the ticket's group may own it (the server refuses anyone else).
    bool anyone = false;
    for (const Core::Agent &a : m_workspace->agents()) {
        if (!a.active || !a.groupIds.contains(groupId))
            continue;
        const qint64 id = a.id;
        const QString name = a.name;
        add(id == me ? tr("%1 (me)").arg(name) : name, id);
        anyone = true;
    }
    if (!anyone)
        m_assigneeMenu->addAction(tr("Nobody active in %1").arg(escaped(m_names->group(groupId))))
            ->setEnabled(false);
}

} // namespace Atiende::Ui

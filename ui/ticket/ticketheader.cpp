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
#include <QJsonArray>
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
QString escaped(QString text) { return text.replace(QLatin1Char('&'), QLatin1String("&&")); }

void setTextColour(QLabel *label, const QColor &colour)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
}

} // namespace

TicketHeader::TicketHeader(const Client::Workspace *workspace, const FieldText *names, QWidget *parent)
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
    for (QToolButton *b : {m_status, m_priority, m_category, m_group, m_assignee})
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

void TicketHeader::setTicket(const QJsonObject &ticket)
{
    m_ticket = ticket;
    updateTexts();
    updateSla();
}

void TicketHeader::refreshNames() { updateTexts(); }

bool TicketHeader::isClosed() const { return m_ticket.value(QStringLiteral("status")).toString() == QLatin1String("closed"); }

bool TicketHeader::iAmInGroup() const
{
    const qint64 group = FieldText::id(m_ticket, QStringLiteral("groupId"));
    for (const QJsonValue &g : m_workspace->me().value(QStringLiteral("groupIds")).toArray()) {
        if (FieldText::id(g) == group)
            return true;
    }
    return false;
}

void TicketHeader::updateTexts()
{
    const QJsonObject &t = m_ticket;
    const QString number = t.value(QStringLiteral("number")).toString();
    // A ticket made offline has no number until the server gives it one.
    m_number->setText(number.isEmpty() ? tr("New ticket") : number);
    m_number->setToolTip(number.isEmpty() ? tr("Not sent to the server yet: it gets its number when it is.") : QString());
    m_type->setText(Labels::type(t.value(QStringLiteral("type")).toString()));
    m_subject->setText(t.value(QStringLiteral("subject")).toString());

    const QString status = t.value(QStringLiteral("status")).toString();
    m_status->setText(tr("&Status: %1").arg(escaped(Labels::status(status))));
    // ITIL's priority is not picked but derived: show what it comes from.
    m_priority->setText(tr("&Priority: %1 (%2)").arg(escaped(Labels::priority(t.value(QStringLiteral("priority")).toString())), FieldText::impactTimesUrgency(t)));
    m_priority->setToolTip(tr("Change the impact or the urgency; the priority follows from both."));
    m_category->setText(tr("Categor&y: %1").arg(escaped(m_names->category(FieldText::id(t, QStringLiteral("categoryId"))))));
    m_group->setText(tr("&Group: %1").arg(escaped(m_names->group(FieldText::id(t, QStringLiteral("groupId"))))));
    m_assignee->setText(tr("Assign&ee: %1").arg(escaped(m_names->agent(FieldText::id(t, QStringLiteral("assigneeId"))))));
    m_channel->setText(tr("via %1").arg(Labels::channel(t.value(QStringLiteral("channel")).toString())));

    const bool closed = isClosed();
    const QString readOnly = closed ? tr("Closed tickets are read-only.") : QString();
    for (QToolButton *b : {m_status, m_category, m_group, m_assignee}) {
        b->setEnabled(!closed && !t.isEmpty());
        b->setToolTip(readOnly);
    }
    m_priority->setEnabled(!closed && !t.isEmpty());
    if (closed)
        m_priority->setToolTip(readOnly);
}

QString TicketHeader::slaText(const QString &clock) const
{
    return (clock == QLatin1String("firstResponse") ? m_firstResponse : m_resolution)->text();
}

void TicketHeader::updateSla()
{
    const QJsonObject sla = m_ticket.value(QStringLiteral("sla")).toObject();
    const qint64 now = m_clock();
    bool counting = false;
    auto show = [&](QLabel *label, const QString &key, const QString &title) {
        const QJsonObject c = sla.value(key).toObject();
        const QString state = c.value(QStringLiteral("state")).toString();
        const qint64 target = qint64(c.value(QStringLiteral("targetMs")).toDouble());
        const qint64 used = qint64(c.value(QStringLiteral("usedMs")).toDouble());
        const qint64 stoppedAt = Core::Timestamp::fromJson(c.value(QStringLiteral("stoppedAt")));
        const bool paused = c.value(QStringLiteral("paused")).toBool() || state == QLatin1String("paused");
        const bool running = stoppedAt <= 0 && !paused && target > 0;
        const qint64 dueAt = running ? qMax<qint64>(0, Core::Timestamp::fromJson(c.value(QStringLiteral("dueAt")))) : 0;
        const qint64 warnAt = running ? qMax<qint64>(0, Core::Timestamp::fromJson(c.value(QStringLiteral("warnAt")))) : 0;
        QString text;
        QString tip;
        if (sla.isEmpty() || target <= 0 || state == QLatin1String("none") || state.isEmpty()) {
            text = Labels::slaState(QStringLiteral("none"));
        } else if (state == QLatin1String("met")) {
            text = stoppedAt > 0 ? tr("Met at %1").arg(Labels::when(stoppedAt, now)) : Labels::slaState(state);
        } else if (paused) {
            text = tr("Paused, %1 of %2 used").arg(Labels::duration(used), Labels::duration(target));
            tip = tr("The clock stops while the ticket waits on the customer or a third party.");
        } else if (stoppedAt > 0) {
            text = tr("%1, stopped at %2").arg(Labels::slaState(state), Labels::when(stoppedAt, now));
        } else if (dueAt > 0 && now >= dueAt) {
            text = tr("Breached, %1 overdue").arg(Labels::duration(now - dueAt));
            tip = tr("It was due at %1.").arg(Labels::when(dueAt, now));
            counting = true;
        } else if (dueAt > 0) {
            text = (state == QLatin1String("warning") || (warnAt > 0 && now >= warnAt))
                ? tr("About to breach: %1 left, due at %2").arg(Labels::duration(dueAt - now), Labels::when(dueAt, now))
                : tr("%1 left, due at %2").arg(Labels::duration(dueAt - now), Labels::when(dueAt, now));
            tip = tr("Business time: %1 of %2 used when the server last counted.").arg(Labels::duration(used), Labels::duration(target));
            counting = true;
        } else {
            text = Labels::slaState(state);
        }
        label->setText(tr("%1: %2").arg(title, text));
        label->setToolTip(tip);
        setTextColour(label, Theme::forSla(state, dueAt, warnAt, now, palette()));
    };
    show(m_firstResponse, QStringLiteral("firstResponse"), tr("First response"));
    show(m_resolution, QStringLiteral("resolution"), tr("Resolution"));
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
        m_pending->setToolTip(tr("You are offline. Your changes are kept on this computer and sent when the connection is back."));
    }
}

bool TicketHeader::isPendingShown() const { return !m_pending->isHidden(); }

void TicketHeader::setViewers(const QList<Viewer> &viewers)
{
    QStringList parts;
    for (const Viewer &v : viewers)
        parts << (v.typing ? tr("%1 (typing a reply…)").arg(v.name) : v.name);
    m_viewers->setText(parts.isEmpty() ? QString() : tr("Also here: %1").arg(parts.join(QStringLiteral(", "))));
    m_viewers->setVisible(!parts.isEmpty());
}

QString TicketHeader::viewersText() const { return m_viewers->text(); }
QString TicketHeader::statusText() const { return Labels::status(m_ticket.value(QStringLiteral("status")).toString()); }
QString TicketHeader::assigneeText() const { return m_names->agent(FieldText::id(m_ticket, QStringLiteral("assigneeId"))); }

void TicketHeader::showStatusMenu() { m_status->showMenu(); }
void TicketHeader::showPriorityMenu() { m_priority->showMenu(); }
void TicketHeader::showCategoryMenu() { m_category->showMenu(); }
void TicketHeader::showGroupMenu() { m_group->showMenu(); }
void TicketHeader::showAssigneeMenu() { m_assignee->showMenu(); }

void TicketHeader::edit(const QString &field, const QJsonValue &value)
{
    if (m_ticket.value(field) == value)
        return;
    Q_EMIT fieldsEdited({{field, value}});
}

void TicketHeader::fillStatusMenu()
{
    m_statusMenu->clear();
    const QString wire = m_ticket.value(QStringLiteral("status")).toString();
    const auto from = Core::fromString<Core::TicketStatus>(wire);
    if (!from)
        return;
    QAction *current = m_statusMenu->addAction(Labels::status(wire));
    current->setCheckable(true);
    current->setChecked(true);
    current->setEnabled(false);
    const QList<Core::TicketStatus> targets = Core::TicketLifecycle::allowedTargets(*from);
    if (!targets.isEmpty())
        m_statusMenu->addSeparator();
    const bool hasAssignee = FieldText::id(m_ticket, QStringLiteral("assigneeId")) != 0;
    for (Core::TicketStatus to : targets) {
        const QString toWire = Core::wireName(to);
        const QString label = Core::TicketLifecycle::isReopen(*from, to) ? tr("Reopen (%1)").arg(Labels::status(toWire)) : Labels::status(toWire);
        QAction *a = m_statusMenu->addAction(escaped(label));
        a->setObjectName(QStringLiteral("status:") + toWire);
        // The server makes the caller the owner of a ticket that needs one, if it can.
        if (Core::TicketLifecycle::needsAssignee(to) && !hasAssignee) {
            if (iAmInGroup()) {
                a->setToolTip(tr("You become its assignee."));
            } else {
                a->setEnabled(false);
                a->setToolTip(tr("Needs an assignee from the ticket's group first."));
            }
        }
        connect(a, &QAction::triggered, this, [this, toWire] { edit(QStringLiteral("status"), toWire); });
    }
}

void TicketHeader::fillPriorityMenu()
{
    m_priorityMenu->clear();
    for (const QString &field : {QStringLiteral("impact"), QStringLiteral("urgency")}) {
        QMenu *sub = m_priorityMenu->addMenu(field == QLatin1String("impact") ? tr("&Impact") : tr("&Urgency"));
        auto *group = new QActionGroup(sub);
        const QString current = m_ticket.value(field).toString();
        for (const QString &level : Labels::levels()) {
            QAction *a = sub->addAction(Labels::level(level));
            a->setObjectName(field + QLatin1Char(':') + level);
            a->setCheckable(true);
            a->setChecked(level == current);
            group->addAction(a);
            connect(a, &QAction::triggered, this, [this, field, level] { edit(field, level); });
        }
    }
}

void TicketHeader::fillCategoryMenu()
{
    m_categoryMenu->clear();
    const qint64 current = FieldText::id(m_ticket, QStringLiteral("categoryId"));
    // The service catalog is a tree: show each category under its path, in path order.
    const QJsonArray all = m_workspace->categories();
    QHash<qint64, QJsonObject> byId;
    for (const QJsonValue &v : all)
        byId.insert(FieldText::id(v.toObject(), QStringLiteral("id")), v.toObject());
    QList<QPair<QString, qint64>> entries;
    for (auto it = byId.constBegin(); it != byId.constEnd(); ++it) {
        QStringList path{it->value(QStringLiteral("name")).toString()};
        qint64 parent = FieldText::id(*it, QStringLiteral("parentId"));
        for (int depth = 0; parent && depth < 16; ++depth) { // a broken parent chain must not loop
            const QJsonObject p = byId.value(parent);
            if (p.isEmpty())
                break;
            path.prepend(p.value(QStringLiteral("name")).toString());
            parent = FieldText::id(p, QStringLiteral("parentId"));
        }
        entries.append({path.join(QStringLiteral(" › ")), it.key()});
    }
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.first, b.first) < 0; });
    auto *group = new QActionGroup(m_categoryMenu);
    auto add = [&](const QString &text, qint64 id) {
        QAction *a = m_categoryMenu->addAction(escaped(text));
        a->setObjectName(QStringLiteral("category:%1").arg(id));
        a->setCheckable(true);
        a->setChecked(id == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] { edit(QStringLiteral("categoryId"), id ? QJsonValue(double(id)) : QJsonValue(QJsonValue::Null)); });
    };
    add(tr("No category"), 0);
    m_categoryMenu->addSeparator();
    for (const auto &[path, id] : std::as_const(entries))
        add(path, id);
}

void TicketHeader::fillGroupMenu()
{
    m_groupMenu->clear();
    const qint64 current = FieldText::id(m_ticket, QStringLiteral("groupId"));
    auto *group = new QActionGroup(m_groupMenu);
    for (const QJsonValue &v : m_workspace->groups()) {
        const QJsonObject g = v.toObject();
        const qint64 id = FieldText::id(g, QStringLiteral("id"));
        QAction *a = m_groupMenu->addAction(escaped(tr("%1 (tier %2)").arg(g.value(QStringLiteral("name")).toString(), QString::number(g.value(QStringLiteral("tier")).toInt()))));
        a->setObjectName(QStringLiteral("group:%1").arg(id));
        a->setCheckable(true);
        a->setChecked(id == current);
        a->setToolTip(g.value(QStringLiteral("description")).toString());
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] { edit(QStringLiteral("groupId"), double(id)); });
    }
}

void TicketHeader::fillAssigneeMenu()
{
    m_assigneeMenu->clear();
    const qint64 current = FieldText::id(m_ticket, QStringLiteral("assigneeId"));
    const qint64 groupId = FieldText::id(m_ticket, QStringLiteral("groupId"));
    const qint64 me = m_workspace->myId();
    auto *group = new QActionGroup(m_assigneeMenu);
    auto add = [&](const QString &text, qint64 id) {
        QAction *a = m_assigneeMenu->addAction(escaped(text));
        a->setObjectName(QStringLiteral("assignee:%1").arg(id));
        a->setCheckable(true);
        a->setChecked(id == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] { edit(QStringLiteral("assigneeId"), id ? QJsonValue(double(id)) : QJsonValue(QJsonValue::Null)); });
        return a;
    };
    add(tr("Unassigned"), 0);
    m_assigneeMenu->addSeparator();
    // Only active members of the ticket's group may own it (the server refuses anyone else).
    bool anyone = false;
    for (const QJsonValue &v : m_workspace->agents()) {
        const QJsonObject a = v.toObject();
        if (!a.value(QStringLiteral("active")).toBool(true))
            continue;
        const QJsonArray groups = a.value(QStringLiteral("groupIds")).toArray();
        if (std::none_of(groups.begin(), groups.end(), [groupId](const QJsonValue &g) { return FieldText::id(g) == groupId; }))
            continue;
        const qint64 id = FieldText::id(a, QStringLiteral("id"));
        const QString name = a.value(QStringLiteral("name")).toString();
        add(id == me ? tr("%1 (me)").arg(name) : name, id);
        anyone = true;
    }
    if (!anyone)
        m_assigneeMenu->addAction(tr("Nobody active in %1").arg(escaped(m_names->group(groupId))))->setEnabled(false);
}

} // namespace Atiende::Ui

#include "ticketpanel.h"

#include "ui/common/flowlayout.h"

#include "answeredmeanwhiledialog.h"
#include "cannedmanager.h"
#include "cannedpicker.h"
#include "conflictbanner.h"
#include "customercard.h"
#include "escalatedialog.h"
#include "fieldtext.h"
#include "linkedknowledge.h"
#include "maildialogs.h"
#include "newticketdialog.h"
#include "ticketheader.h"
#include "ticketwindow.h"
#include "timelineview.h"
#include "ui/files/attachmentviewer.h"
#include "ui/files/outgoingfiles.h"
#include "ui/files/thumbnails.h"

#include "client/workspace/workspace.h"
#include "core/domain/ticketlifecycle.h"
#include "core/domain/timestamp.h"

#include <QBuffer>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMetaMethod>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

using Client::Workspace;

namespace {

// Typing pauses shorter than this are one edit: the draft is written once after it.
constexpr int kDraftDelayMs = 300;
// Live changes come in bursts (a catch-up page, a bulk edit): look at the history once after.
constexpr int kHistoryDelayMs = 150;
// Past this many changed tickets, reading the history again is cheaper than checking each.
constexpr int kHistoryCheckLimit = 400;

const QString kSplitKey = QStringLiteral("ticketPanel/split");
const QString kConversationSplitKey = QStringLiteral("ticketPanel/conversationSplit");

qint64 newestArticleId(const QList<Core::Article> &articles)
{
    qint64 newest = 0;
    for (const Core::Article &a : articles)
        newest = std::max(newest, a.id);
    return newest; // temporary (negative) ids of the agent's own entries never count
}

} // namespace

TicketPanel::TicketPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_names(std::make_unique<FieldText>(workspace))
{
    setObjectName(QStringLiteral("ticketPanel"));
    buildUi();

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &TicketPanel::saveDraftNow);
    m_historyTimer.setSingleShot(true);
    m_historyTimer.setInterval(kHistoryDelayMs);
    connect(&m_historyTimer, &QTimer::timeout, this, &TicketPanel::onHistoryCheck);

    connect(workspace, &Workspace::ticketsChanged, this, &TicketPanel::onTicketsChanged);
    connect(workspace, &Workspace::ticketsRemoved, this, &TicketPanel::onTicketsRemoved);
    connect(workspace, &Workspace::ticketRenumbered, this, &TicketPanel::onRenumbered);
    connect(workspace, &Workspace::conversationChanged, this, [this](qint64 id) {
        if (id == m_ticketId && id != 0)
            reloadConversation();
    });
    connect(workspace, &Workspace::conflictsChanged, this, &TicketPanel::reloadConflicts);
    connect(workspace, &Workspace::knowledgeBaseChanged, this,
        [this] { m_knowledge->refreshTitles(); });
    connect(workspace, &Workspace::directoryChanged, this, [this](const QSet<QString> &kinds) {
        m_names->refresh();
        if (!m_ticketId)
            return;
        m_header->refreshNames();
        if (kinds.contains(QStringLiteral("customer"))
            || kinds.contains(QStringLiteral("organisation")))
            reloadCustomer();
        updateActions(); // group membership may have changed
    });
    connect(workspace, &Workspace::stateChanged, this, [this](Client::SyncEngine::State state) {
        m_editor->setOnline(state == Client::SyncEngine::State::Online);
        m_timeline->setOnline(state == Client::SyncEngine::State::Online);
        updatePending();
    });
    connect(workspace, &Workspace::ticketRenumbered, this, &TicketPanel::announceCreated);
    connect(workspace, &Workspace::uploadProgress, this,
        [this](const QString &uploadId, const QString &, qint64 sent, qint64 total) {
            m_editor->outgoingFiles()->setProgress(uploadId, sent, total);
        });
    connect(workspace, &Workspace::uploadFailed, this,
        [this](const QString &uploadId, const QString &error) {
            m_editor->outgoingFiles()->setFailed(uploadId, error);
        });
    connect(workspace, &Workspace::meChanged, this, &TicketPanel::updateActions);
    connect(workspace, &Workspace::presenceChanged, this, [this](qint64 id) {
        if (id == m_ticketId && id != 0)
            updateViewers();
    });
    connect(workspace, &Workspace::cannedResponsesChanged, this, [this] {
        if (m_canned && m_canned->isVisible())
            fillCannedPicker();
    });
    m_editor->setOnline(workspace->state() == Client::SyncEngine::State::Online);
    m_timeline->setOnline(workspace->state() == Client::SyncEngine::State::Online);
    showEmpty(QString());
}

TicketPanel::~TicketPanel()
{
    if (m_workspace) {
        saveDraftNow();
        stopTyping();
    }
    QSettings settings;
    settings.setValue(kSplitKey, m_split->saveState());
    settings.setValue(kConversationSplitKey, m_conversationSplit->saveState());
}

void TicketPanel::buildUi()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_emptyPage = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch(1);
    m_empty = new QLabel(m_emptyPage);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    emptyLayout->addWidget(m_empty);
    auto *call = new QPushButton(tr("Log a &phone call…"), m_emptyPage);
    call->setObjectName(QStringLiteral("emptyLogPhoneCall"));
    call->setAutoDefault(false);
    connect(call, &QPushButton::clicked, this, &TicketPanel::logPhoneCall);
    emptyLayout->addWidget(call, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_stack->addWidget(m_emptyPage);

    auto *page = m_ticketPage = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    m_header = new TicketHeader(m_workspace, m_names.get(), page);
    layout->addWidget(m_header);
    connect(m_header, &TicketHeader::statusChosen, this, [this](Core::TicketStatus status) {
        if (m_ticketId && m_workspace)
            m_workspace->setStatus(m_ticketId, status);
    });
    connect(m_header, &TicketHeader::impactChosen, this, [this](Core::Level impact) {
        if (m_ticketId && m_workspace)
            m_workspace->setImpact(m_ticketId, impact);
    });
    connect(m_header, &TicketHeader::urgencyChosen, this, [this](Core::Level urgency) {
        if (m_ticketId && m_workspace)
            m_workspace->setUrgency(m_ticketId, urgency);
    });
    connect(m_header, &TicketHeader::categoryChosen, this, [this](qint64 categoryId) {
        if (m_ticketId && m_workspace)
            m_workspace->setCategory(m_ticketId, categoryId);
    });
    connect(m_header, &TicketHeader::groupChosen, this, [this](qint64 groupId) {
        if (m_ticketId && m_workspace)
            m_workspace->setGroup(m_ticketId, groupId);
    });
    connect(m_header, &TicketHeader::assigneeChosen, this, [this](qint64 agentId) {
        if (m_ticketId && m_workspace)
            m_workspace->assign(m_ticketId, agentId);
    });

    auto *actions = m_actions = new QHBoxLayout;
    m_assignToMe = new QPushButton(tr("Assign to &me"), page);
    m_assignToMe->setObjectName(QStringLiteral("assignToMe"));
    m_escalate = new QPushButton(tr("Esca&late…"), page);
    m_escalate->setObjectName(QStringLiteral("escalate"));
    m_newTicket = new QToolButton(page);
    m_newTicket->setObjectName(QStringLiteral("newTicket"));
    m_newTicket->setText(tr("&New ticket"));
    m_newTicket->setPopupMode(QToolButton::InstantPopup);
    m_newTicket->setFocusPolicy(Qt::StrongFocus);
    auto *newMenu = new QMenu(m_newTicket);
    newMenu->addAction(tr("Log a &phone call…"), this, &TicketPanel::logPhoneCall);
    newMenu->addAction(
        tr("New ticket for this &customer…"), this, &TicketPanel::newTicketForCustomer);
    m_newTicket->setMenu(newMenu);
    m_ownWindow = new QPushButton(tr("Open in own &window"), page);
    m_ownWindow->setObjectName(QStringLiteral("openInOwnWindow"));
    for (QPushButton *b : { m_assignToMe, m_escalate, m_ownWindow })
        b->setAutoDefault(false);
    // The buttons wrap to a second line when the panel is narrow (a 1280 px screen in
    // Spanish) rather than set the panel's minimum width: the queue needs that width.
    auto *buttons = new QWidget(page);
    buttons->setObjectName(QStringLiteral("ticketActions"));
    auto *flow = new FlowLayout(buttons);
    flow->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w :
        std::initializer_list<QWidget *> { m_assignToMe, m_escalate, m_newTicket, m_ownWindow })
        flow->addWidget(w);
    buttons->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    actions->addWidget(buttons, 1);
    layout->addLayout(actions);
    connect(m_assignToMe, &QPushButton::clicked, this, &TicketPanel::assignToMe);
    connect(m_escalate, &QPushButton::clicked, this, &TicketPanel::escalate);
    connect(m_ownWindow, &QPushButton::clicked, this, &TicketPanel::openInOwnWindow);

    m_conflicts = new ConflictBanner(m_workspace, m_names.get(), page);
    layout->addWidget(m_conflicts);
    connect(m_conflicts, &ConflictBanner::copyToEditorRequested, this, &TicketPanel::insertText);

    m_split = new QSplitter(Qt::Horizontal, page);
    m_split->setChildrenCollapsible(false);
    m_conversationSplit = new QSplitter(Qt::Vertical, m_split);
    m_conversationSplit->setChildrenCollapsible(false);
    m_timeline = new TimelineView(m_conversationSplit);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setWorkspace(m_workspace);
    m_thumbnails = new Thumbnails(m_workspace, this);
    m_timeline->setThumbnails(m_thumbnails);
    m_timeline->setNameResolver(
        [this](const Core::Article &article) { return authorName(article); });
    m_editor = new ReplyEditor(m_conversationSplit);
    m_conversationSplit->addWidget(m_timeline);
    m_conversationSplit->addWidget(m_editor);
    m_conversationSplit->setStretchFactor(0, 3);
    m_conversationSplit->setStretchFactor(1, 1);
    auto *side = m_side = new QWidget(m_split);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_knowledge = new LinkedKnowledge(m_workspace, side);
    m_card = new CustomerCard(side);
    sideLayout->addWidget(m_knowledge);
    sideLayout->addWidget(m_card, 1);
    m_split->addWidget(m_conversationSplit);
    m_split->addWidget(side);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    layout->addWidget(m_split, 1);
    const QSettings settings;
    m_split->restoreState(settings.value(kSplitKey).toByteArray());
    m_conversationSplit->restoreState(settings.value(kConversationSplitKey).toByteArray());
    m_stack->addWidget(page);

    connect(
        m_knowledge, &LinkedKnowledge::articleRequested, this, &TicketPanel::kbArticleRequested);
    connect(m_knowledge, &LinkedKnowledge::unlinkRequested, this, [this](qint64 kbId) {
        if (m_ticketId && m_workspace)
            m_workspace->unlinkKbArticle(m_ticketId, kbId);
    });
    connect(m_editor, &ReplyEditor::edited, this, &TicketPanel::onEdited);
    connect(m_editor, &ReplyEditor::sendRequested, this, &TicketPanel::onSendRequested);
    connect(m_editor, &ReplyEditor::cannedRequested, this, &TicketPanel::showCannedResponses);
    connect(m_editor, &ReplyEditor::attachRequested, this, &TicketPanel::chooseFiles);
    connect(m_editor, &ReplyEditor::filesOffered, this, &TicketPanel::attachFiles);
    connect(m_editor, &ReplyEditor::imageOffered, this, &TicketPanel::attachImage);
    connect(m_editor, &ReplyEditor::fileRemoved, this, [this](const QString &uploadId) {
        if (m_workspace)
            m_workspace->discardFile(uploadId);
    });
    connect(m_timeline, &TimelineView::attachmentActivated, this, &TicketPanel::openAttachment);
    connect(m_editor, &ReplyEditor::ccRequested, this, &TicketPanel::editCc);
    connect(m_timeline, &TimelineView::quotedTextRequested, this, &TicketPanel::showQuotedText);
    connect(m_timeline, &TimelineView::mailRetryRequested, this, &TicketPanel::retryMail);
    connect(m_timeline, &TimelineView::moveRequested, this, &TicketPanel::moveArticle);
    connect(m_card, &CustomerCard::ticketActivated, this, [this](qint64 id) {
        if (isSignalConnected(QMetaMethod::fromSignal(&TicketPanel::openTicketRequested)))
            Q_EMIT openTicketRequested(id);
        else
            showTicket(id);
    });

    // Keyboard order: header fields, actions, conflicts, the conversation, the editor, the card.
    setTabOrder(m_ownWindow, m_timeline);
    setTabOrder(m_timeline, m_editor);
    setTabOrder(m_editor, m_knowledge);
    setTabOrder(m_knowledge, m_card);
}

// ---------------------------------------------------------------------------------------------
// Showing a ticket.

void TicketPanel::showEmpty(const QString &text)
{
    m_card->clear();
    m_knowledge->setArticles({});
    m_empty->setText(text.isEmpty()
            ? tr("No ticket open.\n\nPick one in the queue, or log a phone call as a new ticket.")
            : text);
    m_stack->setCurrentWidget(m_emptyPage);
}

QString TicketPanel::emptyText() const
{
    return m_stack->currentWidget() == m_emptyPage ? m_empty->text() : QString();
}

void TicketPanel::showTicket(qint64 id)
{
    if (!m_workspace)
        return;
    if (id == m_ticketId && (id == 0 || m_stack->currentWidget() != m_emptyPage))
        return;
    saveDraftNow();
    stopTyping();
    if (m_answered)
        m_answered->reject(); // it was about the ticket being left
    m_draftTimer.stop();
    m_ticketId = id;
    m_ticket = {};
    m_articles = {};
    m_customerId = m_organisationId = 0;
    if (id == 0) {
        m_workspace->setViewing(0);
        showEmpty(QString());
        Q_EMIT ticketContextChanged({});
        return;
    }
    const std::optional<Core::Ticket> t = m_workspace->ticket(id);
    if (!t) {
        m_workspace->setViewing(0);
        showEmpty(tr("This ticket is not on this computer: it may have left your groups' queues."));
        Q_EMIT ticketContextChanged({});
        return;
    }
    m_ticket = *t;
    m_header->setTicket(m_ticket);
    updateKnowledge();
    m_articles = m_workspace->conversation(id);
    m_seenArticleId = newestArticleId(m_articles);
    m_timeline->setArticles(m_articles);
    reloadCustomer();
    reloadConflicts();
    restoreDraft();
    updatePending();
    updateActions();
    updateViewers();
    m_stack->setCurrentWidget(m_ticketPage);
    if (isVisible()) {
        m_workspace->setViewing(id);
        markSeenIfVisible();
    }
    Q_EMIT ticketContextChanged(m_ticket);
}

void TicketPanel::reloadTicket()
{
    const std::optional<Core::Ticket> t = m_workspace->ticket(m_ticketId);
    if (!t)
        return; // ticketsRemoved says what happened
    const Core::Ticket before = m_ticket;
    m_ticket = *t;
    m_header->setTicket(m_ticket);
    updateKnowledge();
    if (before.customerId != m_ticket.customerId
        || before.organisationId != m_ticket.organisationId)
        reloadCustomer();
    updatePending();
    updateActions();
    // What the KB pane searches on; a status change is no reason to search again.
    if (before.number != m_ticket.number || before.subject != m_ticket.subject
        || before.type != m_ticket.type || before.categoryId != m_ticket.categoryId
        || before.customerId != m_ticket.customerId || before.kbArticleIds != m_ticket.kbArticleIds)
        Q_EMIT ticketContextChanged(m_ticket);
}

void TicketPanel::reloadConversation()
{
    m_articles = m_workspace->conversation(m_ticketId);
    m_timeline->setArticles(m_articles);
    updateMailRecipients();
    updatePending();
    markSeenIfVisible();
}

void TicketPanel::reloadCustomer()
{
    m_customerId = m_ticket.customerId;
    const std::optional<Core::Customer> customer
        = m_customerId ? m_workspace->customer(m_customerId) : std::nullopt;
    m_organisationId = m_ticket.organisationId;
    if (!m_organisationId && customer)
        m_organisationId = customer->organisationId;
    m_card->setCustomer(
        customer, m_organisationId ? m_workspace->organisation(m_organisationId) : std::nullopt);
    reloadHistory();
}

void TicketPanel::reloadHistory()
{
    m_changedSinceHistory.clear();
    m_card->setHistory(
        m_customerId ? m_workspace->customerHistory(m_customerId) : QList<Core::Ticket>(),
        m_customerId, m_ticketId);
}

void TicketPanel::reloadConflicts()
{
    m_conflicts->setConflicts(
        m_ticketId ? m_workspace->conflicts(m_ticketId) : QList<Client::EditConflict>());
}

AnsweredMeanwhileDialog *TicketPanel::answeredMeanwhileDialog() const
{
    return m_answered;
}

bool TicketPanel::isPendingShown() const
{
    return m_header->isPendingShown();
}

void TicketPanel::updatePending()
{
    if (!m_ticketId)
        return;
    const QList<Client::QueueRow> row = m_workspace->queueRows({ m_ticketId });
    const bool fields = !row.isEmpty() && row.first().pending;
    const bool articles = std::any_of(
        m_articles.begin(), m_articles.end(), [](const Core::Article &a) { return a.pending; });
    const bool online = m_workspace->state() == Client::SyncEngine::State::Online;
    m_header->setPending(fields || articles || m_ticketId < 0, online);
    // "Saved on this computer… sent when you are back online" is stale once back online.
    if (m_savedOfflineNotice && (online || !articles)) {
        m_savedOfflineNotice = false;
        m_editor->setNotice(QString());
    }
}

void TicketPanel::updateKnowledge()
{
    m_knowledge->setArticles(m_ticket.kbArticleIds);
}

void TicketPanel::linkKbArticle(qint64 kbId)
{
    if (m_ticketId && m_workspace)
        m_workspace->linkKbArticle(m_ticketId, kbId);
}

bool TicketPanel::isClosed() const
{
    return m_ticket.id != 0 && m_ticket.status == Core::TicketStatus::Closed;
}

bool TicketPanel::iAmInGroup() const
{
    return m_workspace->me().groupIds.contains(m_ticket.groupId);
}

void TicketPanel::updateActions()
{
    if (!m_ticketId || !m_workspace)
        return;
    const bool closed = isClosed();
    const bool open = m_ticket.id != 0 && Core::TicketLifecycle::isOpen(m_ticket.status);
    const bool mine = m_ticket.assigneeId == m_workspace->myId() && m_workspace->myId() != 0;
    const bool member = iAmInGroup();
    m_assignToMe->setEnabled(!closed && !mine && member);
    m_assignToMe->setToolTip(closed ? tr("Closed tickets are read-only.")
            : mine                  ? tr("It is yours already.")
            : !member
            ? tr("Only members of %1 may own this ticket.").arg(m_names->group(m_ticket.groupId))
            : QString());
    m_escalate->setEnabled(open);
    m_escalate->setToolTip(open ? QString() : tr("Only open tickets can be escalated."));
    m_editor->setWritable(!closed,
        closed ? tr("Closed tickets are read-only. A new contact about it is a new ticket.")
               : QString());
    m_conflicts->setEditorWritable(!closed);
    updateMailRecipients();
}

void TicketPanel::updateMailRecipients()
{
    const Workspace::MailRecipients r = m_workspace->mailRecipients(m_ticketId);
    m_editor->setMailRecipients(r.to, r.cc);
}

QString TicketPanel::callProblem(int errorCode, const QString &error) const
{
    if (errorCode == 0)
        return tr("This needs a connection to the server. Try again when you are online.");
    return error.isEmpty() ? tr("The server refused it.") : error;
}

void TicketPanel::editCc()
{
    if (!m_ticketId)
        return;
    const Workspace::MailRecipients r = m_workspace->mailRecipients(m_ticketId);
    const QString requester = r.to.value(0);
    QStringList cc = m_ticket.cc;
    cc.removeAll(requester);
    auto *dialog = new CcDialog(requester, cc, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 ticketId = m_ticketId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId, requester] {
        if (!m_workspace)
            return;
        QStringList list = dialog->addresses();
        // The requester stays on the ticket's own list when they were on it (they are written
        // to first anyway).
        if (!requester.isEmpty() && m_ticket.cc.contains(requester) && !list.contains(requester))
            list.prepend(requester);
        QString invalid;
        m_workspace->setCc(ticketId, list, &invalid);
        if (!invalid.isEmpty())
            m_editor->setNotice(tr("“%1” is not an e-mail address.").arg(invalid));
    });
    dialog->open();
}

void TicketPanel::showQuotedText(qint64 articleId)
{
    const qint64 ticketId = m_ticketId;
    m_workspace->fetchMailMessage(
        articleId, this, [this, ticketId, articleId](const Workspace::CallOutcome &outcome) {
            if (ticketId != m_ticketId)
                return;
            if (!outcome.ok) {
                m_editor->setNotice(callProblem(outcome.errorCode, outcome.error));
                return;
            }
            m_timeline->showQuotedText(articleId, outcome.quoted);
        });
}

void TicketPanel::retryMail(qint64 articleId)
{
    const qint64 ticketId = m_ticketId;
    m_editor->setNotice(tr("Sending the e-mail again…"));
    m_workspace->retryMail(
        articleId, this, [this, ticketId](const Workspace::CallOutcome &outcome) {
            if (ticketId != m_ticketId)
                return;
            m_editor->setNotice(outcome.ok ? tr("The e-mail is queued to go out again.")
                                           : callProblem(outcome.errorCode, outcome.error));
        });
}

void TicketPanel::moveArticle(qint64 articleId)
{
    if (!m_ticketId)
        return;
    QString subject;
    for (const Core::Article &a : std::as_const(m_articles)) {
        if (a.id == articleId && a.mail)
            subject = a.mail->subject;
    }
    auto *dialog = new MoveArticleDialog(m_ticket.number, subject, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 ticketId = m_ticketId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId, articleId] {
        const QString number = dialog->ticketNumber();
        const auto move = [this, ticketId, articleId](qint64 toTicketId) {
            m_workspace->moveArticle(articleId, toTicketId, this,
                [this, ticketId](const Workspace::CallOutcome &outcome) {
                    if (ticketId != m_ticketId)
                        return;
                    if (!outcome.ok) {
                        m_editor->setNotice(callProblem(outcome.errorCode, outcome.error));
                        return;
                    }
                    m_editor->setNotice(tr("The mail is on %1 now.").arg(outcome.movedTo));
                });
        };
        if (number.isEmpty())
            return move(0);
        m_workspace->findTicket(
            number, this, [this, ticketId, number, move](const Workspace::FoundTicket &found) {
                if (ticketId != m_ticketId)
                    return;
                if (!found.id) {
                    m_editor->setNotice(found.errorCode == -1
                            ? tr("This needs a connection to the server. Try again when you are "
                                 "online.")
                            : tr("There is no ticket %1 you may see.").arg(number));
                    return;
                }
                move(found.id);
            });
    });
    dialog->open();
}

void TicketPanel::updateViewers()
{
    QList<TicketHeader::Viewer> viewers;
    for (const Client::Viewer &v : m_workspace->viewers(m_ticketId))
        viewers.append({ v.name.isEmpty() ? m_names->agent(v.agentId) : v.name, v.typing });
    m_header->setViewers(viewers);
}

QString TicketPanel::authorName(const Core::Article &article) const
{
    if (const qint64 agent = article.authorAgentId)
        return agent == m_workspace->myId() ? tr("You") : m_names->agent(agent);
    if (const qint64 customer = article.authorCustomerId)
        return m_names->customer(customer);
    return tr("Atiende");
}

void TicketPanel::markSeenIfVisible()
{
    // On screen, the agent sees what arrives; minimised, it waits as unread in the queue.
    if (m_ticketId && isVisible() && !window()->isMinimized())
        m_workspace->markSeen(m_ticketId);
}

void TicketPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_ticketId && m_workspace) {
        m_workspace->setViewing(m_ticketId);
        m_workspace->markSeen(m_ticketId);
    }
}

void TicketPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // With a ticket also open in its own window, the one the agent works in is the one viewed.
    if (event->type() == QEvent::ActivationChange && m_ticketId && m_workspace && isVisible()
        && window()->isActiveWindow())
        m_workspace->setViewing(m_ticketId);
}

void TicketPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    saveDraftNow();
    stopTyping();
}

// ---------------------------------------------------------------------------------------------
// Live changes.

void TicketPanel::onTicketsChanged(const QSet<qint64> &ids)
{
    if (m_ticketId && ids.contains(m_ticketId))
        reloadTicket();
    if (m_customerId) {
        m_changedSinceHistory += ids;
        m_historyTimer.start();
    }
}

void TicketPanel::onHistoryCheck()
{
    if (!m_customerId || m_changedSinceHistory.isEmpty())
        return;
    QSet<qint64> changed = std::exchange(m_changedSinceHistory, {});
    changed.remove(m_ticketId);
    if (changed.size() > kHistoryCheckLimit || changed.intersects(m_card->listedTickets()))
        return reloadHistory();
    // A ticket not listed yet matters only if it is this customer's or organisation's.
    changed -= m_card->listedTickets();
    if (changed.isEmpty())
        return;
    const QList<Client::QueueRow> rows
        = m_workspace->queueRows(QList<qint64>(changed.cbegin(), changed.cend()));
    if (std::any_of(rows.begin(), rows.end(), [this](const Client::QueueRow &r) {
            return r.customerId == m_customerId
                || (m_organisationId && r.organisationId == m_organisationId);
        }))
        reloadHistory();
}

void TicketPanel::onTicketsRemoved(const QSet<qint64> &ids)
{
    if (m_customerId && ids.intersects(m_card->listedTickets()))
        reloadHistory();
    if (!m_ticketId || !ids.contains(m_ticketId))
        return;
    // Escalated to a group the agent is not in, or refused when it was created offline.
    saveDraftNow();
    stopTyping();
    const QString number = m_ticket.number;
    m_workspace->setViewing(0);
    m_ticketId = 0;
    m_ticket = {};
    m_articles = {};
    m_customerId = m_organisationId = 0;
    showEmpty(number.isEmpty()
            ? tr("This ticket could not be created. What was refused is listed with the other "
                 "conflicts.")
            : tr("%1 is no longer in your view: it went to a group you are not in.").arg(number));
    Q_EMIT ticketContextChanged({});
}

void TicketPanel::onRenumbered(qint64 tempId, qint64 id)
{
    if (tempId != m_ticketId || tempId == 0)
        return;
    // The cache moved the draft, the conversation and the conflicts to the real id.
    m_ticketId = id;
    m_workspace->setViewing(isVisible() ? id : 0);
    reloadTicket();
    reloadConversation();
    reloadConflicts();
    reloadHistory();
}

// ---------------------------------------------------------------------------------------------
// Drafts and the editor.

void TicketPanel::restoreDraft()
{
    const std::optional<Client::Draft> d = m_workspace->draft(m_ticketId);
    m_editor->setMode(d ? ReplyEditor::modeFromWire(d->kind) : ReplyEditor::Mode::Reply);
    m_editor->setText(d ? d->body : QString());
    m_editor->setFiles(d ? d->files : QList<Client::OutgoingFile>());
    for (const Client::OutgoingFile &f : m_editor->files()) {
        const qint64 sent = m_workspace->uploadedBytes(f.uploadId);
        m_editor->outgoingFiles()->setProgress(f.uploadId, sent, f.file.size);
    }
    m_savedOfflineNotice = false;
    m_editor->setNotice(
        d && (!d->body.isEmpty() || !d->files.isEmpty()) ? tr("Your draft is back.") : QString());
    m_draftDirty = false;
}

void TicketPanel::onEdited()
{
    if (!m_ticketId)
        return;
    m_draftDirty = true;
    m_draftTimer.start();
    if (m_editor->hasText())
        m_workspace->setTyping(m_ticketId, true);
    else
        stopTyping();
    if (!m_editor->notice().isEmpty() && !isClosed())
        m_editor->setNotice(QString());
}

void TicketPanel::saveDraftNow()
{
    m_draftTimer.stop();
    if (!m_draftDirty || !m_ticketId || !m_workspace)
        return;
    m_draftDirty = false;
    // An empty text clears the draft.
    m_workspace->saveDraft(m_ticketId,
        Client::Draft { ReplyEditor::wireName(m_editor->mode()), m_editor->text(),
            Core::Timestamp::now(), m_editor->files() });
}

void TicketPanel::stopTyping()
{
    if (m_ticketId && m_workspace)
        m_workspace->setTyping(m_ticketId, false);
}

void TicketPanel::send()
{
    m_editor->send();
}

void TicketPanel::onSendRequested(ReplyEditor::Mode mode, const QString &text)
{
    if (!m_ticketId || m_answered)
        return;
    if (mode == ReplyEditor::Mode::Reply) {
        // Public replies by someone else since the agent opened the ticket or last reviewed it.
        QList<AnsweredMeanwhileDialog::Answer> answers;
        const qint64 me = m_workspace->myId();
        for (const Core::Article &a : std::as_const(m_articles)) {
            if (a.kind != Core::ArticleKind::PublicReply || a.id <= m_seenArticleId || a.pending)
                continue;
            if (a.authorAgentId == me && me != 0)
                continue;
            answers.append({ authorName(a), a.createdAt, a.body });
        }
        if (!answers.isEmpty()) {
            const qint64 ticketId = m_ticketId;
            const qint64 reviewedUpTo = newestArticleId(m_articles);
            m_answered = new AnsweredMeanwhileDialog(answers, this);
            m_answered->setAttribute(Qt::WA_DeleteOnClose);
            connect(m_answered, &QDialog::finished, this,
                [this, ticketId, reviewedUpTo, mode, text](int result) {
                    if (ticketId != m_ticketId)
                        return; // the agent moved on: the text stayed in the editor and its draft
                    m_seenArticleId
                        = std::max(m_seenArticleId, reviewedUpTo); // they have read these now
                    if (result == QDialog::Accepted)
                        doSend(mode, text);
                    else
                        m_editor->focusEditor();
                });
            m_answered->open();
            return;
        }
    }
    doSend(mode, text);
}

void TicketPanel::doSend(ReplyEditor::Mode mode, const QString &text)
{
    const QList<Client::OutgoingFile> files = m_editor->files();
    const QString op = mode == ReplyEditor::Mode::Reply
        ? m_workspace->reply(m_ticketId, text, files)
        : m_workspace->addNote(m_ticketId, text, files);
    if (op.isEmpty()) {
        // Not even stored here: the text stays where it is, and in its draft.
        m_editor->setNotice(tr("It could not be saved on this computer; your text is still here."));
        return;
    }
    m_draftTimer.stop();
    m_draftDirty = false;
    m_workspace->clearDraft(m_ticketId);
    stopTyping();
    m_editor->setText(QString());
    m_editor->setFiles({});
    m_editor->setMode(ReplyEditor::Mode::Reply);
    // A reply went out after the check above: what others wrote before it has been shown.
    // (A note is no answer to the customer and reviews nothing.)
    if (mode == ReplyEditor::Mode::Reply)
        m_seenArticleId = std::max(m_seenArticleId, newestArticleId(m_articles));
    m_savedOfflineNotice = m_workspace->state() != Client::SyncEngine::State::Online;
    m_editor->setNotice(m_savedOfflineNotice
            ? tr("Saved on this computer; it is sent when you are back online.")
            : QString());
}

bool TicketPanel::fitsLimits(qint64 size, int adding, QString *why) const
{
    const Client::FileLimits limits = m_workspace->fileLimits();
    const QList<Client::OutgoingFile> files = m_editor->files();
    if (size > limits.fileBytes) {
        *why = tr("Too big to attach: %1, at most %2 a file.")
                   .arg(OutgoingFiles::sizeText(size), OutgoingFiles::sizeText(limits.fileBytes));
        return false;
    }
    if (files.size() + adding > limits.filesPerMessage) {
        *why = tr("A message carries at most %n files.", nullptr, limits.filesPerMessage);
        return false;
    }
    if (m_editor->outgoingFiles()->totalBytes() + size > limits.messageBytes) {
        *why = tr("Too much for one message: at most %1 of files together.")
                   .arg(OutgoingFiles::sizeText(limits.messageBytes));
        return false;
    }
    return true;
}

void TicketPanel::chooseFiles()
{
    if (!m_ticketId || isClosed())
        return;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Attach files"), QSettings().value(QStringLiteral("files/lastFolder")).toString());
    if (paths.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("files/lastFolder"), QFileInfo(paths.first()).path());
    attachFiles(paths);
}

void TicketPanel::attachFiles(const QStringList &paths)
{
    if (!m_ticketId || !m_workspace || isClosed())
        return;
    QStringList refused;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        QString why;
        if (info.isDir()) {
            refused << tr("%1 is a folder; attach the files in it.").arg(info.fileName());
            continue;
        }
        if (!fitsLimits(info.size(), 1, &why)) {
            refused << tr("%1: %2", "file name, why it was refused").arg(info.fileName(), why);
            continue;
        }
        const std::optional<Client::OutgoingFile> file = m_workspace->attachFile(path, &why);
        if (!file) {
            refused << tr("%1: %2", "file name, why it was refused").arg(info.fileName(), why);
            continue;
        }
        m_editor->addFile(*file);
    }
    m_editor->setNotice(refused.join(QLatin1Char(' ')));
    m_editor->focusEditor();
}

void TicketPanel::attachImage(const QImage &image)
{
    if (!m_ticketId || !m_workspace || isClosed() || image.isNull())
        return;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    const QString name
        = tr("screenshot %1.png", "date and time")
              .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH.mm.ss")));
    QString why;
    if (!fitsLimits(png.size(), 1, &why)) {
        m_editor->setNotice(why);
        return;
    }
    const std::optional<Client::OutgoingFile> file = m_workspace->attachData(png, name, &why);
    if (!file) {
        m_editor->setNotice(why);
        return;
    }
    m_editor->addFile(*file);
    m_editor->setNotice(QString());
}

void TicketPanel::openAttachment(const Core::Attachment &file)
{
    if (!m_workspace)
        return;
    auto *viewer = new AttachmentViewer(m_workspace, file, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    connect(viewer, &AttachmentViewer::notice, this, &TicketPanel::statusMessage);
    viewer->open();
}

void TicketPanel::insertText(const QString &markdown)
{
    if (!m_ticketId || isClosed())
        return;
    m_editor->insertText(markdown);
}

void TicketPanel::focusReply()
{
    if (!m_ticketId)
        return;
    m_editor->setMode(ReplyEditor::Mode::Reply);
    m_editor->focusEditor();
}

void TicketPanel::focusNote()
{
    if (!m_ticketId)
        return;
    m_editor->setMode(ReplyEditor::Mode::Note);
    m_editor->focusEditor();
}

CannedPicker *TicketPanel::cannedPicker()
{
    if (!m_canned) {
        m_canned = new CannedPicker(this);
        connect(m_canned, &CannedPicker::picked, this, &TicketPanel::onCannedPicked);
        connect(
            m_canned, &CannedPicker::manageRequested, this, &TicketPanel::manageCannedResponses);
        m_canned->setPreviewer([this](const QString &body) {
            return m_workspace->previewCanned(body, m_ticketId).body;
        });
    }
    return m_canned;
}

void TicketPanel::showCannedResponses()
{
    if (!m_ticketId || isClosed())
        return;
    m_workspace->refreshCannedResponses(); // a fresh list arrives while the agent types
    fillCannedPicker();
    m_canned->popup(m_editor->cannedButton());
}

void TicketPanel::fillCannedPicker()
{
    // The customer's language first; only the global responses and the ticket group's.
    const std::optional<Core::Customer> customer
        = m_customerId ? m_workspace->customer(m_customerId) : std::nullopt;
    cannedPicker()->setResponses(m_workspace->cannedResponses(),
        customer ? customer->language : QString(), m_ticket.groupId);
    m_canned->setListState(m_workspace->cannedResponsesFetched(),
        m_workspace->state() != Client::SyncEngine::State::Offline,
        m_workspace->mayManageCannedResponses());
}

CannedManager *TicketPanel::cannedManager() const
{
    return m_cannedManager.data();
}

void TicketPanel::manageCannedResponses()
{
    if (!m_cannedManager) {
        m_cannedManager = new CannedManager(m_workspace, m_ticketId, window());
        m_cannedManager->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        m_cannedManager->setTicket(m_ticketId);
    }
    m_cannedManager->show();
    m_cannedManager->raise();
    m_cannedManager->activateWindow();
}

void TicketPanel::onCannedPicked(qint64 responseId)
{
    const qint64 ticketId = m_ticketId;
    m_editor->setNotice(tr("Filling in the canned response…"));
    m_workspace->renderCanned(
        responseId, ticketId, this, [this, ticketId](const Workspace::CannedText &text) {
            if (ticketId != m_ticketId)
                return;
            if (!text.error.isEmpty()) {
                m_editor->setNotice(
                    tr("That canned response cannot be used here. %1")
                        .arg(ConflictBanner::refusalReason(text.errorCode, text.error)));
                return;
            }
            m_editor->insertText(text.body);
            QStringList remarks;
            if (!text.missing.isEmpty())
                remarks << tr("No value for %1: left empty.")
                               .arg(text.missing.join(QStringLiteral(", ")));
            if (!text.unknown.isEmpty())
                remarks << tr("Not placeholders, left as written: %1.")
                               .arg(text.unknown.join(QStringLiteral(", ")));
            m_editor->setNotice(remarks.join(QLatin1Char(' ')));
        });
}

// ---------------------------------------------------------------------------------------------
// Actions.

void TicketPanel::assignToMe()
{
    if (!m_ticketId || isClosed() || !m_workspace->myId())
        return;
    if (m_ticket.assigneeId == m_workspace->myId())
        return;
    if (!iAmInGroup()) {
        m_editor->setNotice(m_assignToMe->toolTip());
        return;
    }
    m_workspace->assign(m_ticketId, m_workspace->myId());
}

void TicketPanel::setStatusMenu()
{
    if (m_ticketId)
        m_header->showStatusMenu();
}

void TicketPanel::setStatus(Core::TicketStatus status)
{
    if (!m_ticketId || !m_ticket.id)
        return;
    if (m_ticket.status == status || !Core::TicketLifecycle::canTransition(m_ticket.status, status))
        return;
    m_workspace->setStatus(m_ticketId, status);
}

void TicketPanel::showPriorityMenu()
{
    if (m_ticketId)
        m_header->showPriorityMenu();
}

void TicketPanel::showCategoryMenu()
{
    if (m_ticketId)
        m_header->showCategoryMenu();
}

void TicketPanel::showGroupMenu()
{
    if (m_ticketId)
        m_header->showGroupMenu();
}

void TicketPanel::showAssigneeMenu()
{
    if (m_ticketId)
        m_header->showAssigneeMenu();
}

void TicketPanel::escalate()
{
    if (!m_ticketId || !m_escalate->isEnabled())
        return;
    auto *dialog = new EscalateDialog(m_workspace, m_ticket, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 ticketId = m_ticketId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId] {
        if (m_workspace)
            m_workspace->escalate(ticketId, dialog->request());
    });
    dialog->open();
}

void TicketPanel::logPhoneCall()
{
    newTicket(true);
}
void TicketPanel::newTicketForCustomer()
{
    newTicket(false);
}

void TicketPanel::newTicket(bool phoneCall)
{
    auto *dialog = new NewTicketDialog(m_workspace,
        phoneCall ? NewTicketDialog::Purpose::PhoneCall : NewTicketDialog::Purpose::ForCustomer,
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A call starts with an empty caller search: whoever calls is rarely the customer of the
    // ticket on screen. A ticket "for a customer" starts with that one, shown and changeable.
    if (!phoneCall && m_customerId)
        dialog->setCustomer(m_customerId);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_workspace)
            return;
        qint64 tempId = 0;
        if (m_workspace->createTicket(dialog->newTicket(), &tempId).isEmpty() || !tempId) {
            Q_EMIT statusMessage(tr("The ticket could not be saved on this computer."));
            return;
        }
        // Confirmed with its number once the server gives it one (Workspace::ticketRenumbered).
        m_announce.insert(tempId);
        if (m_workspace->state() != Client::SyncEngine::State::Online)
            Q_EMIT statusMessage(tr("The ticket is saved on this computer; it gets its number when "
                                    "the console is back online."));
        // Shown at once under its temporary id; it keeps showing when it gets its real one.
        if (isSignalConnected(QMetaMethod::fromSignal(&TicketPanel::openTicketRequested)))
            Q_EMIT openTicketRequested(tempId);
        else
            showTicket(tempId);
    });
    dialog->open();
}

void TicketPanel::announceCreated(qint64 tempId, qint64 id)
{
    if (!m_announce.remove(tempId))
        return;
    const auto t = m_workspace->ticket(id);
    const QString number = t ? t->number : QString();
    if (number.isEmpty())
        return;
    // What the server made of it, not what was asked.
    const bool mine = t->assigneeId == m_workspace->myId();
    Q_EMIT statusMessage(mine ? tr("Ticket %1 created and assigned to you.").arg(number)
                              : tr("Ticket %1 created.").arg(number));
}

void TicketPanel::setOwnWindowActionVisible(bool visible)
{
    m_ownWindow->setVisible(visible);
}

void TicketPanel::setNavigationActions(QAction *back, QAction *forward)
{
    int at = 0;
    for (QAction *a : { back, forward }) {
        auto *button = new QToolButton(m_ticketPage);
        button->setObjectName(a->objectName() == QLatin1String("ticket.back")
                ? QStringLiteral("navigateBack")
                : QStringLiteral("navigateForward"));
        button->setDefaultAction(a);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setToolTip(QStringLiteral("%1 (%2)").arg(
            a->iconText(), a->shortcut().toString(QKeySequence::NativeText)));
        m_actions->insertWidget(at++, button);
    }
}

QWidget *TicketPanel::takeContextPane()
{
    if (m_side->parent() == m_split) {
        m_side->setParent(nullptr); // out of the splitter: the conversation takes the width
        m_side->setObjectName(QStringLiteral("ticketContext"));
    }
    return m_side;
}

void TicketPanel::openInOwnWindow()
{
    if (!m_ticketId)
        return;
    if (isSignalConnected(QMetaMethod::fromSignal(&TicketPanel::openInOwnWindowRequested)))
        Q_EMIT openInOwnWindowRequested(m_ticketId);
    else
        TicketWindow::open(m_workspace, m_ticketId);
}

} // namespace Atiende::Ui

#pragma once
// The ticket context panel: everything about one ticket at once, so the agent never asks the
// user again. The header with the fields and SLA clocks (and who else is here), the actions,
// the conflicts the server reported, the conversation, the reply / internal-note editor with
// canned responses and drafts, and the customer card with their and their organisation's
// earlier tickets. It follows live changes of the ticket (a ticket made offline keeps
// showing under the id the server gives it) and reads only what changed.
//
// Everything goes through Client::Workspace, which must outlive the panel.

#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>

#include "replyeditor.h"

#include "core/domain/article.h"
#include "core/domain/ticket.h"

class QAction;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class AnsweredMeanwhileDialog;
class CannedManager;
class CannedPicker;
class ConflictBanner;
class CustomerCard;
class FieldText;
class LinkedKnowledge;
class TicketHeader;
class Thumbnails;
class TimelineView;

class TicketPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TicketPanel(Client::Workspace *workspace, QWidget *parent = nullptr);
    ~TicketPanel() override;

    // Shows a ticket (0: none, an empty page with a hint). What the agent was typing for the
    // ticket shown before is saved as its draft; this one's draft comes back.
    void showTicket(qint64 id);
    qint64 ticketId() const { return m_ticketId; }
    // The ticket as shown (the agent's pending edits included); id 0 when none.
    const Core::Ticket &ticket() const { return m_ticket; }
    // Its conversation as shown (the agent's unsent entries marked pending).
    const QList<Core::Article> &conversation() const { return m_articles; }

    // Saves what is typed as the ticket's draft now rather than in a moment (before the
    // workspace closes, say). The panel also does it when hidden and when it goes.
    void saveDraftNow();

    // Inside a TicketWindow "open in own window" makes no sense.
    void setOwnWindowActionVisible(bool visible);
    // Back and Forward between tickets seen, shown at the start of the actions row (the main
    // window's; a ticket's own window has none).
    void setNavigationActions(QAction *back, QAction *forward);
    // The customer card and the linked KB articles, for a host that lays them out itself (the
    // main window puts them in a tab beside the knowledge base, where they get the width a
    // history needs); the panel keeps filling them. Without this they sit beside the
    // conversation.
    QWidget *takeContextPane();

    // The parts, for the main window's shortcuts and for tests.
    TicketHeader *header() const { return m_header; }
    ReplyEditor *editor() const { return m_editor; }
    TimelineView *timeline() const { return m_timeline; }
    CustomerCard *customerCard() const { return m_card; }
    LinkedKnowledge *linkedKnowledge() const { return m_knowledge; }
    ConflictBanner *conflictBanner() const { return m_conflicts; }
    CannedPicker *cannedPicker(); // made on first use
    CannedManager *cannedManager() const; // while it is open
    QPushButton *assignToMeButton() const { return m_assignToMe; }
    // The dialog asking before a reply goes out over someone else's, while it is open.
    AnsweredMeanwhileDialog *answeredMeanwhileDialog() const;
    // Whether the pending mark shows (the agent's edits of this ticket wait for the server).
    bool isPendingShown() const;
    // What the empty page says (no ticket, or the ticket left the agent's sight).
    QString emptyText() const;

public Q_SLOTS:
    void assignToMe();
    void focusReply();
    void focusNote();
    void setStatusMenu(); // opens the status menu (only the changes the lifecycle allows)
    void setStatus(Core::TicketStatus status);
    void showPriorityMenu();
    void showCategoryMenu();
    void showGroupMenu();
    void showAssigneeMenu();
    void escalate(); // asks how and where, then escalates
    void logPhoneCall();
    void newTicketForCustomer();
    void openInOwnWindow();
    void showCannedResponses();
    // The canned responses manager (admins, and leads for their groups), previewing for the
    // ticket shown; one at a time, not modal.
    void manageCannedResponses();
    // Puts Markdown (a KB article, a link) into the editor at the cursor.
    void insertText(const QString &markdown);
    // Links a knowledge-base article to the ticket shown (its kbArticleIds).
    void linkKbArticle(qint64 kbId);
    void send(); // what the Send button and Ctrl+Enter do
    // Files on the reply or note: the Attach button asks which (a file dialog); dropped or
    // pasted files and screenshots come here too. Refused ones (too big, too many, unreadable)
    // are said beside the editor; the others upload at once.
    void chooseFiles();
    void attachFiles(const QStringList &paths);
    void attachImage(const QImage &image);
    // Shows a file of the conversation (preview, open, save).
    void openAttachment(const Atiende::Core::Attachment &file);

Q_SIGNALS:
    // A ticket of the customer's history was picked. Unconnected, the panel shows it itself.
    void openTicketRequested(qint64 id);
    // The ticket shown, or what matters of it for suggestions (subject, category, type,
    // linked KB articles), changed.
    // Id 0: no ticket.
    void ticketContextChanged(const Atiende::Core::Ticket &ticket);
    // "Open in own window". Unconnected, the panel opens a TicketWindow itself.
    void openInOwnWindowRequested(qint64 id);
    // A linked knowledge-base article was picked: for the KB pane to show it.
    void kbArticleRequested(qint64 kbId);
    // For the status bar: a ticket made here was created (with its number), or kept offline.
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildUi();
    void showEmpty(const QString &text);
    void reloadTicket();
    void reloadConversation();
    void reloadCustomer();
    void reloadHistory();
    void reloadConflicts();
    void updateKnowledge();
    void updatePending();
    void updateActions();
    void updateViewers();
    void updateMailRecipients();
    void editCc();
    void showQuotedText(qint64 articleId);
    void retryMail(qint64 articleId);
    void moveArticle(qint64 articleId);
    QString callProblem(int errorCode, const QString &error) const;
    void restoreDraft();
    void onEdited();
    void onSendRequested(ReplyEditor::Mode mode, const QString &text);
    void doSend(ReplyEditor::Mode mode, const QString &text);
    void stopTyping();
    void onTicketsChanged(const QSet<qint64> &ids);
    void onTicketsRemoved(const QSet<qint64> &ids);
    void onHistoryCheck();
    void onRenumbered(qint64 tempId, qint64 id);
    void onCannedPicked(qint64 responseId);
    void fillCannedPicker();
    void newTicket(bool phoneCall);
    void announceCreated(qint64 tempId, qint64 id);
    void markSeenIfVisible();
    // Whether one more file of this size fits the message's limits; *why when not.
    bool fitsLimits(qint64 size, int adding, QString *why) const;
    bool iAmInGroup() const;
    bool isClosed() const;
    QString authorName(const Core::Article &article) const;

    QPointer<Client::Workspace> m_workspace;
    std::unique_ptr<FieldText> m_names;
    qint64 m_ticketId = 0;
    Core::Ticket m_ticket;
    QList<Core::Article> m_articles;
    qint64 m_customerId = 0;
    qint64 m_organisationId = 0;
    // The newest conversation entry when the agent opened the ticket (or last reviewed it):
    // public replies by others after it mean someone answered meanwhile.
    qint64 m_seenArticleId = 0;
    bool m_draftDirty = false;
    bool m_savedOfflineNotice = false; // the editor says a sent text waits on this computer
    QSet<qint64> m_announce; // tickets made here, by temporary id, to confirm with their number
    QTimer m_draftTimer;
    Thumbnails *m_thumbnails = nullptr;
    QTimer m_historyTimer;
    QSet<qint64> m_changedSinceHistory;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyPage = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_ticketPage = nullptr;
    TicketHeader *m_header = nullptr;
    QPushButton *m_assignToMe = nullptr;
    QPushButton *m_escalate = nullptr;
    QToolButton *m_newTicket = nullptr;
    QPushButton *m_ownWindow = nullptr;
    ConflictBanner *m_conflicts = nullptr;
    TimelineView *m_timeline = nullptr;
    ReplyEditor *m_editor = nullptr;
    CustomerCard *m_card = nullptr;
    LinkedKnowledge *m_knowledge = nullptr;
    QSplitter *m_split = nullptr;
    QWidget *m_side = nullptr;
    QHBoxLayout *m_actions = nullptr;
    QSplitter *m_conversationSplit = nullptr;
    CannedPicker *m_canned = nullptr;
    QPointer<CannedManager> m_cannedManager;
    QPointer<AnsweredMeanwhileDialog> m_answered;
};

} // namespace Atiende::Ui

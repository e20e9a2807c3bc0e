#pragma once
// A ticket's conversation as one timeline, oldest at the top: public replies on the reply
// colour under who wrote them and when, internal notes on amber and labelled so, system
// events as one muted line each in the agent's language (made from the event's data, not
// from its English body), and the agent's own entries the server has not confirmed yet
// marked as being sent or waiting to be. Bodies are Markdown, code and logs highlighted.
// An entry that came or went by e-mail says so under its header: From, To and CC, how an
// arriving mail found this ticket ("by References"), an automatic mail marked as such, and for
// the desk's own mail whether it is queued, sent, failed or bounced, with a Retry link for the
// last two. Quoted text the mail folded is shown on demand (quotedTextRequested), and an
// arriving mail threaded onto the wrong ticket can be moved (moveRequested).
// Files an entry carries follow its text: a thumbnail for images (made in the background, see
// Thumbnails) and a line per file with its name, size and type; a click on either asks for
// the file (attachmentActivated).
//
// One document per ticket, built in a few milliseconds. When the same ticket's conversation
// changes, only the entries from the first one that differs are rendered again (an entry
// added, a pending one confirmed); an agent scrolled up to read keeps their place and gets
// a "new entries" button instead of being thrown to the end.

#include "ui/text/textbrowser.h"

#include "core/domain/article.h"

#include <QTextFormat>

#include <functional>
#include <memory>

class QTextCursor;
class QTextFrame;
class QToolButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class MarkdownRenderer;
class Thumbnails;

class TimelineView : public TextBrowser
{
    Q_OBJECT
public:
    // Who wrote an article as the agent reads it ("You", "Ana López", "Núria Peña").
    using AuthorResolver = std::function<QString(const Core::Article &article)>;
    // The name of something an event mentions, by the cache's entity kinds: "agent",
    // "group", "category", "customer", "organisation". Empty when unknown.
    using NameResolver = std::function<QString(const QString &kind, qint64 id)>;

    // Each entry is a frame of the document carrying these, for whoever reads the document.
    static constexpr int kArticleIdProperty = QTextFormat::UserProperty + 1;
    static constexpr int kArticleKindProperty = QTextFormat::UserProperty + 2;
    static constexpr int kPendingProperty = QTextFormat::UserProperty + 3;

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // Names from this workspace's directory (authors, and the agents, groups and categories
    // events mention), read again when its directory changes. Without one, and without the
    // resolvers below, entries show ids.
    void setWorkspace(const Client::Workspace *workspace);
    // Overrides how authors are named (the ticket panel says "You" for the agent's own).
    void setNameResolver(AuthorResolver resolver);
    // Overrides the names events mention.
    void setEntityResolver(NameResolver resolver);
    // Where image thumbnails come from (none: files show as lines only).
    void setThumbnails(Thumbnails *thumbnails);

    // The link a file's line and thumbnail carry.
    static QUrl fileLink(const Core::Attachment &file);

    // The conversation, oldest first, as Workspace::conversation() returns it (entries the
    // server has not confirmed marked pending). Another ticket: rendered anew and scrolled to
    // the end.
    void setArticles(const QList<Core::Article> &articles);
    const QList<Core::Article> &articles() const { return m_articles; }

    // Whether the agent's pending entries are on their way ("Sending…") or wait for the
    // connection ("Waiting to send").
    void setOnline(bool online);
    bool isOnline() const { return m_online; }

    // The quoted text of an e-mail entry, fetched after quotedTextRequested: shown under its
    // body until hideQuotedText (or another ticket).
    void showQuotedText(qint64 articleId, const QString &quoted);
    void hideQuotedText(qint64 articleId);
    bool isQuotedTextShown(qint64 articleId) const { return m_quoted.contains(articleId); }

    // How the timeline names the way an arriving mail found its ticket ("by References").
    static QString threadedByText(const QString &threadedBy);

    // The newest entry is in view.
    bool isAtEnd() const;
    // Entries arrived while the agent was reading further up.
    bool hasNewEntriesHint() const;

public Q_SLOTS:
    void scrollToEnd();

Q_SIGNALS:
    // The agent clicked a file (its line or its thumbnail).
    void attachmentActivated(const Atiende::Core::Attachment &file);
    // The agent clicked "Show quoted text" on an e-mail entry (hidden again without a signal).
    void quotedTextRequested(qint64 articleId);
    // The agent clicked Retry on a mail that failed or bounced.
    void mailRetryRequested(qint64 articleId);
    // The agent clicked "Move to another ticket…" on an arriving mail.
    void moveRequested(qint64 articleId);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Renders the entries from index `from` on again, the ones before stay.
    void render(int from);
    void appendEntry(QTextCursor &cursor, const Core::Article &article);
    void appendFiles(QTextCursor &cursor, const Core::Article &article);
    void appendMailHeader(QTextCursor &cursor, const Core::Article &article);
    void appendMailFooter(QTextCursor &cursor, const Core::Article &article, bool first);
    void renderFromArticle(qint64 articleId);
    void onInternalLink(const QUrl &url);
    void onThumbnailReady(const QString &sha256);
    QString eventText(const Core::Article &article, QString *marker, QColor *markerColour) const;
    QString changeText(const Core::FieldChange &change) const;
    QString fieldValue(std::optional<Core::TicketField> field, const Core::FieldValue &value) const;
    QString author(const Core::Article &article) const;
    QString entityName(const QString &kind, qint64 id) const;
    QString directoryName(const QString &kind, qint64 id) const;
    void invalidateNames();
    void onScrolled();
    void placeNewEntriesButton();

    std::unique_ptr<MarkdownRenderer> m_renderer;
    const Client::Workspace *m_workspace = nullptr;
    Thumbnails *m_thumbnails = nullptr;
    AuthorResolver m_authorResolver;
    NameResolver m_entityResolver;
    mutable QHash<QString, QString> m_names; // "kind:id" -> name, until the directory changes
    mutable bool m_directoryRead = false;

    QHash<qint64, QString> m_quoted; // article id -> its quoted text, while shown
    QList<Core::Article> m_articles; // as rendered
    QList<QTextFrame *> m_frames; // one per entry, in order
    qint64 m_ticketId = 0;
    bool m_online = true;
    bool m_stickToEnd = true;
    bool m_rendering = false;
    QToolButton *m_newEntries = nullptr;
};

} // namespace Atiende::Ui

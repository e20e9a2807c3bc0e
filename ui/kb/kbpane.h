#pragma once
// The knowledge-base pane beside the ticket: search as you type (from the offline cache,
// accents and case ignored, so "contrasena" finds "contraseña"), ranked results with the
// matching passage highlighted, and the chosen article rendered from Markdown with what an
// agent does with it: put it into the reply, put a link to it there, or link it to the
// ticket. With a ticket open and nothing typed, the pane suggests the articles that match the
// ticket's subject and category. Agent-only articles are marked "Internal" wherever they show.

#include "core/domain/kbarticle.h"
#include "core/domain/ticket.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QSplitter;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Models {
class KbResultModel;
}

namespace Atiende::Ui {

class MarkdownRenderer;
class TextBrowser;

class KbPane : public QWidget
{
    Q_OBJECT
public:
    // What the list holds.
    enum class Showing { Nothing, Suggestions, Results };
    Q_ENUM(Showing)

    static constexpr int kDebounceMs = 120;
    static constexpr int kResultLimit = 30;
    static constexpr int kSuggestionLimit = 5;

    explicit KbPane(Client::Workspace *workspace, QWidget *parent = nullptr);
    ~KbPane() override;

    // The ticket open beside the pane ({} when none). While nothing is typed, the pane
    // suggests articles about its subject and category; "Link to ticket" acts on it.
    void setTicketContext(const Atiende::Core::Ticket &ticket);

    QString searchText() const;
    Showing showing() const { return m_showing; }
    // The list's model (rows as Workspace::kbSearch returns them), for tests and tools.
    const Models::KbResultModel *results() const { return m_model; }
    // The article shown, 0 when none.
    qint64 currentArticleId() const { return m_articleId; }

    // The Markdown "Insert link" puts into a reply: "[KB-12: Reset your
    // password](atiende://kb/12)".
    static QString linkMarkdown(qint64 id, const QString &title);
    // The Markdown "Insert into reply" puts into a reply: the article's body as a message
    // reads, not as a document: its title heading left out (the customer asked about it) and
    // its section headings as bold lines; lists, links and code stay as they are.
    static QString replyMarkdown(const QString &body, const QString &title);
    // The language of the customer of the ticket open beside the pane, when the article
    // shown is written in another one (a code, "en"); empty when they agree or are unknown.
    QString customerLanguageMismatch() const;

public Q_SLOTS:
    // Puts the cursor in the search field with its text selected (the "search KB" shortcut).
    void focusSearch();
    void setSearchText(const QString &text);
    // Shows an article (a result chosen, or an atiende://kb/ID link followed elsewhere).
    void openArticle(qint64 id);
    void closeArticle();

Q_SIGNALS:
    // The agent wants this Markdown in the reply they are writing (the article, or a link to it).
    void insertText(const QString &markdown);
    // The agent wants the article linked to the ticket of the context.
    void linkToTicket(qint64 kbId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void onKnowledgeBaseChanged();
    void onActivated(const QModelIndex &index);
    void showArticle(const Core::KbArticle &article);
    void updateActions();
    void retranslate();
    QString suggestionQuery() const;
    QString categoryName(qint64 id) const;

    Client::Workspace *m_workspace;
    std::unique_ptr<MarkdownRenderer> m_renderer;
    Core::Ticket m_ticket; // id 0: none
    Core::KbArticle m_article; // shown when m_articleId is not 0
    qint64 m_articleId = 0;
    Showing m_showing = Showing::Nothing;
    QTimer m_debounce;

    QLineEdit *m_search = nullptr;
    QLabel *m_status = nullptr;
    QSplitter *m_split = nullptr;
    QListView *m_list = nullptr;
    Models::KbResultModel *m_model = nullptr;
    QWidget *m_articlePanel = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_audience = nullptr;
    QLabel *m_meta = nullptr;
    TextBrowser *m_view = nullptr;
    QLabel *m_languageNotice = nullptr;
    QPushButton *m_insertArticle = nullptr;
    QPushButton *m_insertLink = nullptr;
    QPushButton *m_link = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Atiende::Ui

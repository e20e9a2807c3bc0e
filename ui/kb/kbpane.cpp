#include "kbpane.h"

#include "kbresultdelegate.h"
#include "models/kb/kbresultmodel.h"
#include "models/labels/labels.h"
#include "ui/common/theme.h"
#include "ui/text/markdownrenderer.h"
#include "ui/text/textbrowser.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace Atiende::Ui {

namespace {

QString badgeStyle(const QColor &background, const QColor &text)
{
    return QStringLiteral(
        "QLabel { background: %1; color: %2; border-radius: 3px; padding: 1px 6px; }")
        .arg(background.name(), text.name());
}

} // namespace

KbPane::KbPane(Client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_renderer(std::make_unique<MarkdownRenderer>())
{
    setObjectName(QStringLiteral("kbPane"));
    m_renderer->setPalette(palette());

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("kbSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("kbStatus"));
    m_status->setTextFormat(Qt::PlainText); // it repeats what the agent typed
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_model = new Models::KbResultModel(this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("kbResults"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new KbResultDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->installEventFilter(this);

    m_articlePanel = new QWidget(this);
    m_articlePanel->setObjectName(QStringLiteral("kbArticlePanel"));
    m_title = new QLabel(m_articlePanel);
    m_title->setObjectName(QStringLiteral("kbArticleTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_audience = new QLabel(m_articlePanel);
    m_audience->setObjectName(QStringLiteral("kbArticleAudience"));
    m_audience->setTextFormat(Qt::PlainText);
    m_meta = new QLabel(m_articlePanel);
    m_meta->setObjectName(QStringLiteral("kbArticleMeta"));
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setWordWrap(true);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_view = new TextBrowser(m_articlePanel);
    m_view->setObjectName(QStringLiteral("kbArticle"));
    m_view->installEventFilter(this);

    m_languageNotice = new QLabel(m_articlePanel);
    m_languageNotice->setObjectName(QStringLiteral("kbLanguageNotice"));
    m_languageNotice->setTextFormat(Qt::PlainText);
    m_languageNotice->setWordWrap(true);
    m_languageNotice->hide();
    m_insertArticle = new QPushButton(m_articlePanel);
    m_insertArticle->setObjectName(QStringLiteral("kbInsertArticle"));
    m_insertLink = new QPushButton(m_articlePanel);
    m_insertLink->setObjectName(QStringLiteral("kbInsertLink"));
    m_link = new QPushButton(m_articlePanel);
    m_link->setObjectName(QStringLiteral("kbLinkToTicket"));
    m_close = new QPushButton(m_articlePanel);
    m_close->setObjectName(QStringLiteral("kbCloseArticle"));
    m_close->setFlat(true);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_audience, 0, Qt::AlignTop);
    titleRow->addWidget(m_close, 0, Qt::AlignTop);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_insertArticle);
    buttons->addWidget(m_insertLink);
    buttons->addWidget(m_link);
    buttons->addStretch(1);
    auto *articleLayout = new QVBoxLayout(m_articlePanel);
    articleLayout->setContentsMargins(0, 4, 0, 0);
    articleLayout->addLayout(titleRow);
    articleLayout->addWidget(m_meta);
    articleLayout->addWidget(m_view, 1);
    articleLayout->addWidget(m_languageNotice);
    articleLayout->addLayout(buttons);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setObjectName(QStringLiteral("kbSplit"));
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_list);
    m_split->addWidget(m_articlePanel);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 2);
    m_articlePanel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_status);
    layout->addWidget(m_split, 1);
    setFocusProxy(m_search);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &KbPane::refresh);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_list, &QListView::activated, this, &KbPane::onActivated);
    connect(m_list, &QListView::clicked, this, &KbPane::onActivated);
    connect(m_insertArticle, &QPushButton::clicked, this, [this] {
        if (m_articleId)
            Q_EMIT insertText(replyMarkdown(m_article.body, m_article.title));
    });
    connect(m_insertLink, &QPushButton::clicked, this, [this] {
        if (m_articleId)
            Q_EMIT insertText(linkMarkdown(m_articleId, m_article.title));
    });
    connect(m_link, &QPushButton::clicked, this, [this] {
        if (m_articleId && m_ticket.id != 0)
            Q_EMIT linkToTicket(m_articleId);
    });
    connect(m_close, &QPushButton::clicked, this, &KbPane::closeArticle);
    connect(m_view, &TextBrowser::internalLinkActivated, this, [this](const QUrl &url) {
        if (url.host() == QLatin1String("kb"))
            openArticle(url.path().mid(1).toLongLong());
    });
    if (m_workspace)
        connect(m_workspace, &Client::Workspace::knowledgeBaseChanged, this,
            &KbPane::onKnowledgeBaseChanged);

    retranslate();
    refresh();
}

KbPane::~KbPane() = default;

QString KbPane::linkMarkdown(qint64 id, const QString &title)
{
    // The title is link text: brackets and backslashes must not end or break the link.
    QString text;
    for (QChar c : title.simplified()) {
        if (c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char('\\'))
            text += QLatin1Char('\\');
        text += c;
    }
    const QString number = QString::number(id);
    return QStringLiteral("[KB-") + number + QStringLiteral(": ") + text
        + QStringLiteral("](atiende://kb/") + number + QLatin1Char(')');
}

QString KbPane::searchText() const
{
    return m_search->text();
}

void KbPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void KbPane::setSearchText(const QString &text)
{
    m_search->setText(text);
    refresh();
}

void KbPane::setTicketContext(const Core::Ticket &ticket)
{
    const bool sameSubject = ticket.id == m_ticket.id && ticket.subject == m_ticket.subject
        && ticket.categoryId == m_ticket.categoryId;
    m_ticket = ticket;
    updateActions();
    if (!sameSubject && m_search->text().trimmed().isEmpty())
        refresh();
}

QString KbPane::categoryName(qint64 id) const
{
    if (!m_workspace || id == 0)
        return QString();
    for (const Core::Category &c : m_workspace->categories()) {
        if (c.id == id)
            return c.name;
    }
    return QString();
}

QString KbPane::suggestionQuery() const
{
    if (m_ticket.id == 0)
        return QString();
    const QString subject = m_ticket.subject;
    const QString category = categoryName(m_ticket.categoryId);
    return category.isEmpty() ? subject : subject + QLatin1Char(' ') + category;
}

void KbPane::refresh()
{
    m_debounce.stop();
    const QString text = m_search->text().simplified();
    const qint64 current = m_model->idAt(m_list->currentIndex().row());
    QList<Core::KbSearchHit> rows;
    if (!text.isEmpty()) {
        // The cache answers: offline as online, a few milliseconds.
        rows = m_workspace ? m_workspace->kbSearch(text, kResultLimit) : QList<Core::KbSearchHit>();
        m_showing = Showing::Results;
        m_status->setText(rows.isEmpty() ? tr("No articles match “%1”.").arg(text)
                                         : tr("%n article(s)", nullptr, int(rows.size())));
    } else if (const QString query = suggestionQuery(); !query.isEmpty()) {
        rows = m_workspace ? m_workspace->kbRelated(query, kSuggestionLimit)
                           : QList<Core::KbSearchHit>();
        m_showing = rows.isEmpty() ? Showing::Nothing : Showing::Suggestions;
        m_status->setText(rows.isEmpty()
                ? tr("Nothing in the knowledge base matches this ticket yet. Type to search.")
                : tr("Suggested for this ticket"));
    } else {
        m_showing = Showing::Nothing;
        m_status->setText(tr("Type to search the knowledge base."));
    }
    m_model->setResults(rows);
    int row = m_model->rowOf(current);
    if (row < 0 && m_model->rowCount() > 0)
        row = 0; // so that Enter opens the best match
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row, 0));
}

void KbPane::onKnowledgeBaseChanged()
{
    refresh();
    if (!m_articleId || !m_workspace)
        return;
    const std::optional<Core::KbArticle> article = m_workspace->kbArticle(m_articleId);
    if (!article)
        closeArticle();
    else if (*article != m_article)
        showArticle(*article);
}

void KbPane::onActivated(const QModelIndex &index)
{
    if (index.isValid())
        openArticle(m_model->idAt(index.row()));
}

void KbPane::openArticle(qint64 id)
{
    if (!m_workspace || id <= 0)
        return;
    const std::optional<Core::KbArticle> article = m_workspace->kbArticle(id);
    if (!article)
        return;
    if (const int row = m_model->rowOf(id); row >= 0)
        m_list->setCurrentIndex(m_model->index(row, 0));
    showArticle(*article);
}

void KbPane::showArticle(const Core::KbArticle &article)
{
    m_article = article;
    m_articleId = article.id;
    m_title->setText(article.title);

    const QPalette pal = palette();
    const bool internal = article.isInternal();
    m_audience->setText(internal ? tr("Internal") : tr("Public"));
    m_audience->setToolTip(internal ? tr("For agents only: customers cannot read this article.")
                                    : tr("Customers can read this article on the portal."));
    m_audience->setStyleSheet(internal
            ? badgeStyle(Theme::noteBackground(pal),
                Theme::mix(Theme::slaWarning(), pal.color(QPalette::Text), 0.4))
            : badgeStyle(Theme::replyBackground(pal), Theme::eventForeground(pal)));

    QStringList meta;
    const QString category = categoryName(article.categoryId);
    if (!category.isEmpty())
        meta << category;
    if (!article.language.isEmpty())
        meta << Models::Labels::language(article.language);
    if (article.updatedAt > 0)
        meta << tr("updated %1")
                    .arg(Models::Labels::when(
                        article.updatedAt, QDateTime::currentMSecsSinceEpoch()));
    m_meta->setText(meta.join(QStringLiteral(" · ")));
    m_meta->setVisible(!meta.isEmpty());

    m_renderer->render(article.body, m_view->document());
    m_view->verticalScrollBar()->setValue(0);
    if (m_articlePanel->isHidden()) {
        m_articlePanel->show();
        // A splitter gives a child shown again the size it had hidden: none. Results a
        // third, the article the rest, unless the agent has sized them already.
        const QList<int> sizes = m_split->sizes();
        if (sizes.value(1) < m_articlePanel->minimumSizeHint().height()) {
            const int total = sizes.value(0) + sizes.value(1);
            m_split->setSizes({ total / 3, total - total / 3 });
        }
    }
    updateActions();
}

void KbPane::closeArticle()
{
    const bool hadFocus = m_articlePanel->isAncestorOf(focusWidget());
    m_articleId = 0;
    m_article = Core::KbArticle();
    m_articlePanel->hide();
    m_view->clear();
    updateActions();
    if (hadFocus)
        m_list->setFocus();
}

void KbPane::updateActions()
{
    const bool open = m_articleId != 0;
    const qint64 ticket = m_ticket.id;
    const bool linked = m_ticket.kbArticleIds.contains(m_articleId);
    m_insertArticle->setEnabled(open);
    m_insertLink->setEnabled(open);
    m_link->setEnabled(open && ticket != 0 && !linked);
    m_link->setText(linked ? tr("Linked to this ticket") : tr("Link to ticket"));
    m_link->setToolTip(ticket == 0 ? tr("Open a ticket to link this article to it.")
                                   : tr("Keep this article in the ticket's record."));
    const bool internal = open && m_article.isInternal();
    // Said before the agent inserts, where they look: an article in another language than
    // the customer's is rarely what they should be sent.
    const QString customerLanguage = open ? customerLanguageMismatch() : QString();
    QString languageWarning;
    if (!customerLanguage.isEmpty())
        languageWarning = tr("This article is in %1, but the customer's language is %2: look for a "
                             "version in %2, or translate it before sending.")
                              .arg(Models::Labels::language(m_article.language),
                                  Models::Labels::language(customerLanguage));
    m_languageNotice->setText(languageWarning);
    m_languageNotice->setVisible(!languageWarning.isEmpty());
    m_languageNotice->setStyleSheet(languageWarning.isEmpty()
            ? QString()
            : badgeStyle(Theme::noteBackground(palette()), palette().color(QPalette::Text)));
    QString tip = internal
        ? tr("This article is for agents only: read it again before a customer does.")
        : tr("Put the whole article into the reply.");
    if (!languageWarning.isEmpty())
        tip += QLatin1Char('\n') + languageWarning;
    m_insertArticle->setToolTip(tip);
}

QString KbPane::customerLanguageMismatch() const
{
    const QString article = m_article.language;
    const qint64 customerId = m_ticket.customerId;
    if (!m_workspace || article.isEmpty() || customerId == 0)
        return QString();
    const std::optional<Core::Customer> customer = m_workspace->customer(customerId);
    const QString language = customer ? customer->language : QString();
    if (language.isEmpty() || QLocale(language).language() == QLocale(article).language())
        return QString();
    return language;
}

QString KbPane::replyMarkdown(const QString &body, const QString &title)
{
    QStringList out;
    bool inFence = false;
    QString fence;
    bool titleSeen = false;
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (inFence) {
            out << line;
            if (trimmed.startsWith(fence))
                inFence = false;
            continue;
        }
        if (trimmed.startsWith(QLatin1String("```")) || trimmed.startsWith(QLatin1String("~~~"))) {
            inFence = true;
            fence = trimmed.left(3);
            out << line;
            continue;
        }
        // An ATX heading: "#" to "######", a space, the text (closing #s optional).
        int level = 0;
        while (level < trimmed.size() && trimmed.at(level) == QLatin1Char('#'))
            ++level;
        const bool heading = level >= 1 && level <= 6 && !line.startsWith(QLatin1String("    "))
            && (level == trimmed.size() || trimmed.at(level) == QLatin1Char(' '));
        if (!heading) {
            out << line;
            continue;
        }
        QString text = trimmed.mid(level).trimmed();
        while (text.endsWith(QLatin1Char('#')))
            text.chop(1);
        text = text.trimmed();
        const bool nothingYet = std::all_of(
            out.cbegin(), out.cend(), [](const QString &l) { return l.trimmed().isEmpty(); });
        if (!titleSeen && nothingYet && level == 1
            && text.compare(title.trimmed(), Qt::CaseInsensitive) == 0) {
            titleSeen = true;
            out.clear();
            continue;
        }
        if (!text.isEmpty())
            out << QStringLiteral("**%1**").arg(text);
    }
    // No blank lines left at the top where the title was, none piled up at the end.
    while (!out.isEmpty() && out.first().trimmed().isEmpty())
        out.removeFirst();
    while (!out.isEmpty() && out.last().trimmed().isEmpty())
        out.removeLast();
    return out.join(QLatin1Char('\n'))
        + (body.endsWith(QLatin1Char('\n')) ? QStringLiteral("\n") : QString());
}

void KbPane::retranslate()
{
    m_search->setPlaceholderText(tr("Search the knowledge base"));
    m_search->setToolTip(tr("Type to search; ↑ ↓ to choose, Enter to open, Esc to clear."));
    m_insertArticle->setText(tr("Insert into reply"));
    m_insertLink->setText(tr("Insert link"));
    m_insertLink->setToolTip(tr("Put a link to this article into the reply."));
    m_close->setText(tr("Close"));
    m_close->setToolTip(tr("Back to the results (Esc)"));
    updateActions();
}

void KbPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
        if (m_articleId)
            showArticle(m_article);
    } else if (event->type() == QEvent::PaletteChange && m_renderer) {
        m_renderer->setPalette(palette());
        if (m_articleId)
            showArticle(m_article);
    }
}

bool KbPane::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_search) {
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up: {
            if (m_model->rowCount() == 0)
                return true;
            const int row = m_list->currentIndex().row() + (key->key() == Qt::Key_Down ? 1 : -1);
            m_list->setCurrentIndex(m_model->index(qBound(0, row, m_model->rowCount() - 1), 0));
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_debounce.isActive())
                refresh(); // typed and pressed Enter at once: search now
            if (m_list->currentIndex().isValid())
                onActivated(m_list->currentIndex());
            return true;
        case Qt::Key_Escape:
            if (!m_search->text().isEmpty()) {
                m_search->clear();
                return true;
            }
            if (m_articleId) {
                closeArticle();
                return true;
            }
            return false;
        default:
            return false;
        }
    }
    if ((watched == m_list || watched == m_view) && key->key() == Qt::Key_Escape) {
        if (m_articleId && watched == m_view)
            closeArticle();
        focusSearch();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Atiende::Ui

#include "timelineview.h"

#include "models/labels/labels.h"
#include "ui/common/theme.h"
#include "ui/files/outgoingfiles.h"
#include "ui/files/thumbnails.h"
#include "ui/text/markdownrenderer.h"
#include "ui/ticket/fieldtext.h"
#include "workspace/workspace.h"

#include "core/domain/timestamp.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QEvent>
#include <QLocale>
#include <QScrollBar>
#include <QStyle>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QTextImageFormat>
#include <QToolButton>

namespace Atiende::Ui {

using Models::Labels;

namespace {

const QString kSeparator = QStringLiteral(" · ");

// The empty paragraph QTextDocument keeps between two frames is the gap between entries.
QTextBlockFormat gapFormat()
{
    QTextBlockFormat f;
    f.setLineHeight(8, QTextBlockFormat::FixedHeight);
    return f;
}

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : TextBrowser(parent)
    , m_renderer(std::make_unique<MarkdownRenderer>())
{
    setObjectName(QStringLiteral("timeline"));
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    // A scroll bar that comes and goes changes the width, and the whole conversation would be
    // laid out twice on opening a ticket.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_renderer->setPalette(palette());
    m_renderer->setHardLineBreaks(true); // replies are e-mail: "Thanks,<newline>Núria" is two lines
    document()->setDocumentMargin(8);
    connect(this, &TextBrowser::internalLinkActivated, this, &TimelineView::onInternalLink);

    m_newEntries = new QToolButton(this);
    m_newEntries->setObjectName(QStringLiteral("newEntries"));
    m_newEntries->setText(tr("New entries ↓"));
    m_newEntries->setToolTip(tr("Go to the newest entries"));
    m_newEntries->setFocusPolicy(Qt::NoFocus);
    m_newEntries->setCursor(Qt::PointingHandCursor);
    m_newEntries->hide();
    connect(m_newEntries, &QToolButton::clicked, this, &TimelineView::scrollToEnd);

    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &TimelineView::onScrolled);
    // The document grows while laid out (and again when the width changes): an agent at
    // the end stays there.
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar] {
        if (m_stickToEnd)
            bar->setValue(bar->maximum());
    });
}

TimelineView::~TimelineView() = default;

QUrl TimelineView::fileLink(const Core::Attachment &file)
{
    return QUrl(QStringLiteral("atiende://file/") + file.sha256);
}

void TimelineView::setThumbnails(Thumbnails *thumbnails)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = thumbnails;
    if (m_thumbnails)
        connect(m_thumbnails, &Thumbnails::ready, this, &TimelineView::onThumbnailReady);
    render(0);
}

void TimelineView::onThumbnailReady(const QString &sha256)
{
    // Render again from the first entry that shows this picture.
    for (qsizetype i = 0; i < m_articles.size(); ++i) {
        for (const Core::Attachment &a : m_articles.at(i).attachments) {
            if (a.sha256 == sha256)
                return render(int(i));
        }
    }
}

void TimelineView::onInternalLink(const QUrl &url)
{
    if (url.host() == QLatin1String("mail") || url.host() == QLatin1String("article")) {
        // atiende://mail/quoted/<id>, atiende://mail/retry/<id>, atiende://article/move/<id>
        const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() != 2)
            return;
        const qint64 id = parts.at(1).toLongLong();
        const bool known = std::any_of(m_articles.cbegin(), m_articles.cend(),
            [id](const Core::Article &a) { return a.id == id && a.mail; });
        if (!known)
            return; // a link typed into a message does nothing
        if (parts.at(0) == QLatin1String("quoted")) {
            if (m_quoted.contains(id))
                hideQuotedText(id);
            else
                Q_EMIT quotedTextRequested(id);
        } else if (parts.at(0) == QLatin1String("retry")) {
            Q_EMIT mailRetryRequested(id);
        } else if (parts.at(0) == QLatin1String("move")) {
            Q_EMIT moveRequested(id);
        }
        return;
    }
    if (url.host() != QLatin1String("file"))
        return;
    const QString sha256 = url.path().mid(1);
    // Only files this conversation carries: a link typed into a message opens nothing.
    for (const Core::Article &article : std::as_const(m_articles)) {
        for (const Core::Attachment &a : article.attachments) {
            if (a.sha256 == sha256)
                return Q_EMIT attachmentActivated(a);
        }
    }
}

void TimelineView::appendFiles(QTextCursor &cursor, const Core::Article &article)
{
    const QPalette pal = palette();
    QTextCharFormat muted;
    muted.setForeground(Theme::mix(Theme::eventForeground(pal), pal.color(QPalette::Text), 0.45));
    for (const Core::Attachment &file : article.attachments) {
        const QString link = fileLink(file).toString();
        QTextBlockFormat block;
        block.setTopMargin(6);
        cursor.insertBlock(block, QTextCharFormat());
        const QImage thumb
            = m_thumbnails ? m_thumbnails->thumbnail(file, devicePixelRatioF()) : QImage();
        if (!thumb.isNull()) {
            const QUrl name(QStringLiteral("atiende-thumbnail:") + file.sha256);
            document()->addResource(QTextDocument::ImageResource, name, thumb);
            QTextImageFormat image;
            image.setName(name.toString());
            const QSizeF size = thumb.deviceIndependentSize();
            image.setWidth(size.width());
            image.setHeight(size.height());
            image.setAnchor(true);
            image.setAnchorHref(link);
            image.setToolTip(tr("Open %1").arg(file.name));
            cursor.insertImage(image);
            QTextBlockFormat under;
            under.setTopMargin(2);
            cursor.insertBlock(under, QTextCharFormat());
        }
        QTextCharFormat name;
        name.setAnchor(true);
        name.setAnchorHref(link);
        name.setForeground(pal.color(QPalette::Link));
        name.setFontUnderline(true);
        name.setToolTip(tr("Open %1").arg(file.name));
        // The platform's file icon (an emoji paperclip is a box where no emoji font is).
        const QUrl iconName(QStringLiteral("atiende-icon:file"));
        if (document()->resource(QTextDocument::ImageResource, iconName).isNull()) {
            const int side = fontMetrics().height();
            document()->addResource(QTextDocument::ImageResource, iconName,
                style()->standardIcon(QStyle::SP_FileIcon).pixmap(side, side).toImage());
        }
        QTextImageFormat icon;
        icon.setName(iconName.toString());
        icon.setVerticalAlignment(QTextCharFormat::AlignMiddle);
        const int side = fontMetrics().height();
        icon.setWidth(side);
        icon.setHeight(side);
        cursor.insertImage(icon);
        cursor.insertText(QStringLiteral(" "), muted);
        cursor.insertText(file.name, name);
        cursor.insertText(
            kSeparator + OutgoingFiles::sizeText(file.size) + kSeparator + file.mediaType, muted);
    }
}

void TimelineView::renderFromArticle(qint64 articleId)
{
    for (qsizetype i = 0; i < m_articles.size(); ++i) {
        if (m_articles.at(i).id == articleId)
            return render(int(i));
    }
}

void TimelineView::showQuotedText(qint64 articleId, const QString &quoted)
{
    m_quoted.insert(articleId, quoted);
    renderFromArticle(articleId);
}

void TimelineView::hideQuotedText(qint64 articleId)
{
    if (m_quoted.remove(articleId))
        renderFromArticle(articleId);
}

QString TimelineView::threadedByText(const QString &threadedBy)
{
    if (threadedBy == QLatin1String("token"))
        return tr("threaded as an answer to the desk's mail");
    if (threadedBy == QLatin1String("references"))
        return tr("threaded by References");
    if (threadedBy == QLatin1String("in-reply-to"))
        return tr("threaded by In-Reply-To");
    if (threadedBy == QLatin1String("subject-tag"))
        return tr("threaded by the ticket number in the subject");
    if (threadedBy == QLatin1String("new"))
        return tr("a new conversation");
    if (threadedBy == QLatin1String("new-linked"))
        return tr("a new ticket: the ticket number in the subject came from someone else");
    if (threadedBy == QLatin1String("moved"))
        return tr("moved here by an agent");
    if (threadedBy == QLatin1String("reopened") || threadedBy.isEmpty())
        return QString();
    return threadedBy;
}

void TimelineView::appendMailHeader(QTextCursor &cursor, const Core::Article &article)
{
    const Core::ArticleMail &mail = *article.mail;
    const QPalette pal = palette();
    QTextCharFormat muted;
    muted.setForeground(Theme::mix(Theme::eventForeground(pal), pal.color(QPalette::Text), 0.45));
    QTextCharFormat label = muted;
    label.setFontWeight(QFont::DemiBold);
    QTextBlockFormat block;
    block.setTopMargin(2);
    const auto line = [&](const QString &name, const QString &value) {
        if (value.isEmpty())
            return;
        cursor.insertBlock(block, QTextCharFormat());
        cursor.insertText(name + QLatin1Char(' '), label);
        cursor.insertText(value, muted);
    };
    const auto join
        = [](const QStringList &addresses) { return addresses.join(QStringLiteral(", ")); };
    line(tr("From:"), mail.from);
    line(tr("To:"), join(mail.to));
    line(tr("CC:"), join(mail.cc));

    // How it travelled: threading of an arriving mail, the state of an outgoing one.
    cursor.insertBlock(block, QTextCharFormat());
    QTextCharFormat how = muted;
    how.setFontItalic(true);
    if (mail.isIncoming()) {
        QStringList parts { tr("By e-mail") };
        if (const QString threaded = threadedByText(mail.threadedBy); !threaded.isEmpty())
            parts << threaded;
        cursor.insertText(parts.join(kSeparator), how);
        if (!mail.automatic.isEmpty()) {
            QTextCharFormat automatic = how;
            automatic.setForeground(
                Theme::mix(Theme::slaWarning(), pal.color(QPalette::Text), 0.35));
            automatic.setToolTip(
                tr("Automatic mail never gets an acknowledgement and never changes "
                   "the ticket's status."));
            cursor.insertText(
                kSeparator + tr("automatic mail (%1)").arg(mail.automatic), automatic);
        }
        if (!mail.note.isEmpty()) {
            QTextCharFormat note = muted;
            note.setForeground(Theme::mix(Theme::slaWarning(), pal.color(QPalette::Text), 0.35));
            cursor.insertBlock(block, QTextCharFormat());
            cursor.insertText(mail.note, note);
        }
        return;
    }
    QTextCharFormat state = how;
    QString text;
    switch (mail.state) {
    case Core::ArticleMail::State::None:
    case Core::ArticleMail::State::Queued:
        text = mail.attempts > 0 ? tr("Sent by e-mail: waiting to try again (%n attempt(s) so far)",
                   nullptr, mail.attempts)
                                 : tr("Sent by e-mail: waiting to go out");
        if (!mail.error.isEmpty())
            state.setToolTip(mail.error);
        break;
    case Core::ArticleMail::State::Sent:
        text = mail.sentAt > 0
            ? tr("Sent by e-mail %1")
                  .arg(Labels::when(mail.sentAt, QDateTime::currentMSecsSinceEpoch()))
            : tr("Sent by e-mail");
        if (mail.sentAt > 0)
            state.setToolTip(Labels::instant(mail.sentAt));
        break;
    case Core::ArticleMail::State::Failed:
        text = tr("The e-mail could not be sent: %1").arg(mail.error);
        state.setForeground(Theme::slaBreached());
        state.setFontItalic(false);
        break;
    case Core::ArticleMail::State::Bounced:
        text = tr("The e-mail bounced: %1").arg(mail.error);
        state.setForeground(Theme::slaBreached());
        state.setFontItalic(false);
        break;
    }
    cursor.insertText(text, state);
    if (mail.canRetry()) {
        QTextCharFormat link;
        link.setAnchor(true);
        link.setAnchorHref(QStringLiteral("atiende://mail/retry/%1").arg(article.id));
        link.setForeground(pal.color(QPalette::Link));
        link.setFontUnderline(true);
        link.setToolTip(tr("Send this e-mail again now"));
        cursor.insertText(kSeparator, muted);
        cursor.insertText(tr("Retry"), link);
    }
}

void TimelineView::appendMailFooter(QTextCursor &cursor, const Core::Article &article, bool first)
{
    const Core::ArticleMail &mail = *article.mail;
    if (!mail.isIncoming() || article.pending)
        return;
    const QPalette pal = palette();
    QTextCharFormat muted;
    muted.setForeground(Theme::mix(Theme::eventForeground(pal), pal.color(QPalette::Text), 0.45));
    const auto quoted = m_quoted.constFind(article.id);
    if (quoted != m_quoted.constEnd()) {
        QTextBlockFormat block;
        block.setTopMargin(6);
        block.setLeftMargin(12);
        QTextCharFormat text = muted;
        for (const QString &l : quoted->split(QLatin1Char('\n'))) {
            cursor.insertBlock(block, QTextCharFormat());
            cursor.insertText(l, text);
            block.setTopMargin(0);
        }
    }
    if (!mail.hasQuoted && first)
        return; // no links: no empty line under the text
    QTextBlockFormat actions;
    actions.setTopMargin(6);
    cursor.insertBlock(actions, QTextCharFormat());
    QTextCharFormat link;
    link.setAnchor(true);
    link.setForeground(pal.color(QPalette::Link));
    link.setFontUnderline(true);
    bool any = false;
    if (mail.hasQuoted) {
        link.setAnchorHref(QStringLiteral("atiende://mail/quoted/%1").arg(article.id));
        cursor.insertText(
            quoted != m_quoted.constEnd() ? tr("Hide quoted text") : tr("Show quoted text"), link);
        any = true;
    }
    if (!first) {
        if (any)
            cursor.insertText(kSeparator, muted);
        link.setAnchorHref(QStringLiteral("atiende://article/move/%1").arg(article.id));
        link.setToolTip(tr(
            "This mail belongs to another conversation: move it to another ticket or a new one"));
        cursor.insertText(tr("Move to another ticket…"), link);
    }
}

void TimelineView::setWorkspace(const Client::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    invalidateNames();
    if (m_workspace) {
        connect(m_workspace, &Client::Workspace::directoryChanged, this, [this] {
            invalidateNames();
            render(0);
        });
    }
    render(0);
}

void TimelineView::setNameResolver(AuthorResolver resolver)
{
    m_authorResolver = std::move(resolver);
    render(0);
}

void TimelineView::setEntityResolver(NameResolver resolver)
{
    m_entityResolver = std::move(resolver);
    render(0);
}

void TimelineView::setArticles(const QList<Core::Article> &articles)
{
    const qint64 ticket = articles.isEmpty() ? 0 : articles.first().ticketId;
    const bool sameTicket = ticket != 0 && ticket == m_ticketId;
    int from = 0;
    if (sameTicket) {
        const qsizetype common = qMin(articles.size(), m_articles.size());
        while (from < common && articles.at(from) == m_articles.at(from))
            ++from;
        if (from == articles.size() && from == m_articles.size())
            return;
    } else {
        m_stickToEnd = true;
        m_newEntries->hide();
        m_quoted.clear();
    }
    const qsizetype before = m_articles.size();
    // The agent's own new entry (still pending) takes them to the end: they want to see it.
    for (qsizetype i = before; sameTicket && i < articles.size(); ++i) {
        if (articles.at(i).pending)
            m_stickToEnd = true;
    }
    m_ticketId = ticket;
    m_articles = articles;
    render(from);
    if (sameTicket && articles.size() > before && !m_stickToEnd) {
        m_newEntries->show();
        placeNewEntriesButton();
    }
}

void TimelineView::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    for (qsizetype i = 0; i < m_articles.size(); ++i) {
        if (m_articles.at(i).pending) {
            render(int(i));
            break;
        }
    }
}

bool TimelineView::isAtEnd() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

bool TimelineView::hasNewEntriesHint() const
{
    return m_newEntries->isVisibleTo(this);
}

void TimelineView::scrollToEnd()
{
    m_stickToEnd = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_newEntries->hide();
}

void TimelineView::onScrolled()
{
    if (m_rendering)
        return;
    m_stickToEnd = isAtEnd();
    if (m_stickToEnd)
        m_newEntries->hide();
}

void TimelineView::changeEvent(QEvent *event)
{
    TextBrowser::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
    case QEvent::FontChange:
    case QEvent::LanguageChange:
        if (m_renderer) {
            m_renderer->setPalette(palette());
            m_newEntries->setText(tr("New entries ↓"));
            render(0);
        }
        break;
    default:
        break;
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    TextBrowser::resizeEvent(event);
    placeNewEntriesButton();
}

void TimelineView::placeNewEntriesButton()
{
    m_newEntries->adjustSize();
    const QRect area = viewport()->geometry();
    m_newEntries->move(
        area.center().x() - m_newEntries->width() / 2, area.bottom() - m_newEntries->height() - 8);
    m_newEntries->raise();
}

void TimelineView::render(int from)
{
    QScrollBar *bar = verticalScrollBar();
    const int position = bar->value();
    m_rendering = true;
    QTextDocument *doc = document();
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    if (from <= 0 || from > m_frames.size()) {
        // Inside the edit block, not QTextDocument::clear(): the document is laid out once,
        // never empty in between.
        from = 0;
        m_frames.clear();
        cursor.select(QTextCursor::Document);
        cursor.removeSelectedText();
    } else if (from < m_frames.size()) {
        // Everything from that entry's frame to the end goes; the entries before stay as laid out.
        cursor.setPosition(m_frames.at(from)->firstPosition() - 1);
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        m_frames.erase(m_frames.begin() + from, m_frames.end());
    }
    cursor.movePosition(QTextCursor::End);
    cursor.setBlockFormat(gapFormat());
    for (qsizetype i = from; i < m_articles.size(); ++i)
        appendEntry(cursor, m_articles.at(i));
    cursor.endEditBlock();
    // Lay it all out now (Qt would in steps), so the scroll range is final before we scroll.
    doc->documentLayout()->documentSize();
    m_rendering = false;
    bar->setValue(m_stickToEnd ? bar->maximum() : position);
    m_stickToEnd = isAtEnd() || m_stickToEnd;
}

void TimelineView::appendEntry(QTextCursor &cursor, const Core::Article &article)
{
    const QPalette pal = palette();
    const Core::ArticleKind kind = article.kind;
    const bool pending = article.pending;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 createdAt = article.createdAt;

    QTextCharFormat text;
    text.setForeground(pal.color(QPalette::Text));
    QTextCharFormat muted;
    // The theme's event colour is the platform's disabled text: too faint to read whole lines.
    muted.setForeground(Theme::mix(Theme::eventForeground(pal), pal.color(QPalette::Text), 0.45));
    QTextCharFormat strong = text;
    strong.setFontWeight(QFont::Bold);
    QTextCharFormat time = muted;
    if (createdAt > 0)
        time.setToolTip(Labels::instant(createdAt));
    const QString when = createdAt > 0 ? Labels::when(createdAt, now) : QString();

    QTextFrameFormat frame;
    frame.setProperty(kArticleIdProperty, article.id);
    frame.setProperty(kArticleKindProperty, Core::wireName(kind));
    frame.setProperty(kPendingProperty, pending);

    if (kind == Core::ArticleKind::SystemEvent) {
        QString marker;
        QColor markerColour = Theme::eventForeground(pal);
        const QString what = eventText(article, &marker, &markerColour);
        frame.setPadding(2);
        frame.setLeftMargin(8);
        m_frames.append(cursor.insertFrame(frame));
        QTextCharFormat markerFormat = muted;
        markerFormat.setForeground(markerColour);
        cursor.insertText(marker + QLatin1Char(' '), markerFormat);
        cursor.insertText(what, muted);
        QStringList meta;
        if (article.authorAgentId != 0)
            meta << author(article);
        if (!when.isEmpty())
            meta << when;
        if (!meta.isEmpty())
            cursor.insertText(kSeparator + meta.join(QStringLiteral(", ")), time);
    } else {
        const bool note = kind == Core::ArticleKind::InternalNote;
        const QColor background = note ? Theme::noteBackground(pal) : Theme::replyBackground(pal);
        frame.setBackground(background);
        frame.setBorder(1);
        frame.setBorderStyle(
            pending ? QTextFrameFormat::BorderStyle_Dashed : QTextFrameFormat::BorderStyle_Solid);
        frame.setBorderBrush(pending ? Theme::pendingMark()
                                     : Theme::mix(background, pal.color(QPalette::Text), 0.18));
        frame.setPadding(8);
        m_frames.append(cursor.insertFrame(frame));

        if (note) {
            QTextCharFormat label = strong;
            label.setForeground(Theme::mix(Theme::slaWarning(), pal.color(QPalette::Text), 0.35));
            cursor.insertText(tr("Internal note"), label);
            cursor.insertText(kSeparator, muted);
        }
        cursor.insertText(author(article), strong);
        if (!note)
            cursor.insertText(
                kSeparator + (article.authorCustomerId != 0 ? tr("Customer") : tr("Public reply")),
                muted);
        if (!when.isEmpty())
            cursor.insertText(kSeparator + when, time);
        if (pending) {
            QTextCharFormat mark = muted;
            mark.setForeground(Theme::pendingMark());
            mark.setFontItalic(true);
            mark.setToolTip(m_online
                    ? tr("The server has not confirmed this yet.")
                    : tr("There is no connection: this is sent as soon as there is one."));
            cursor.insertText(
                kSeparator + (m_online ? tr("Sending…") : tr("Waiting to send")), mark);
        }
        if (article.mail)
            appendMailHeader(cursor, article);
        QTextBlockFormat body;
        body.setTopMargin(4);
        cursor.insertBlock(body, QTextCharFormat());
        cursor.insertFragment(m_renderer->renderFragment(article.body));
        if (!article.attachments.isEmpty())
            appendFiles(cursor, article);
        if (article.mail)
            appendMailFooter(cursor, article, article.id == m_articles.constFirst().id);
    }
    cursor.movePosition(QTextCursor::End); // out of the frame, into the gap after it
    cursor.setBlockFormat(gapFormat());
    cursor.setBlockCharFormat(QTextCharFormat());
}

QString TimelineView::eventText(
    const Core::Article &article, QString *marker, QColor *markerColour) const
{
    using Kind = Core::ArticleEvent::Kind;
    using State = Core::SlaTimeline::State;
    const Core::ArticleEvent &data = article.data;
    *marker = QStringLiteral("●");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    switch (data.kind) {
    case Kind::Changes: {
        QStringList parts;
        for (const Core::FieldChange &change : data.changes)
            parts << changeText(change);
        return parts.join(QStringLiteral("; "));
    }
    case Kind::Sla: {
        const Core::ArticleEvent::SlaMark &sla = data.sla;
        const State state = sla.state;
        *marker = QStringLiteral("◆");
        if (state == State::Breached)
            *markerColour = Theme::slaBreached();
        else if (state == State::Warning)
            *markerColour = Theme::slaWarning();
        const QString clockName = !sla.clock                  ? QString()
            : *sla.clock == Core::SlaClockName::FirstResponse ? tr("First response")
                                                              : tr("Resolution");
        const qint64 due = sla.dueAt;
        const int percent = sla.percent;
        if (state == State::Warning && due > 0 && percent > 0)
            return tr("%1 SLA: %2% of the target used, due %3", "clock, percent, time")
                .arg(clockName)
                .arg(percent)
                .arg(Labels::when(due, now));
        if (state == State::Warning && due > 0)
            return tr("%1 SLA: %2, due %3", "clock, state, time")
                .arg(clockName, Labels::slaState(state), Labels::when(due, now));
        if (state == State::Breached)
            return tr("%1 SLA: target missed", "clock").arg(clockName);
        return tr("%1 SLA: %2", "clock, state").arg(clockName, Labels::slaState(state));
    }
    case Kind::Escalation: {
        const Core::ArticleEvent::Escalation &e = data.escalation;
        *marker = QStringLiteral("▲");
        *markerColour = Theme::slaWarning();
        const QString from = entityName(QStringLiteral("group"), e.fromGroupId);
        QString text;
        if (e.kind == Core::EscalationKind::Hierarchical) {
            QStringList leads;
            for (qint64 lead : e.leads)
                leads << entityName(QStringLiteral("agent"), lead);
            text = leads.isEmpty()
                ? tr("Not escalated: %1 has no group lead").arg(from)
                : tr("Escalated to the group lead: %1", nullptr, int(leads.size()))
                      .arg(QLocale().createSeparatedList(leads));
        } else if (e.moved) {
            text = tr("Escalated from %1 to %2")
                       .arg(from, entityName(QStringLiteral("group"), e.toGroupId));
        } else {
            text = tr("Not escalated: the ticket stays in %1").arg(from);
        }
        // Who or what escalated: an agent by hand, or a rule on an SLA mark or a P1.
        const bool resolution = e.clock == Core::SlaClockName::Resolution;
        QString how;
        if (e.trigger == Core::EscalationTrigger::Manual && e.byAgentId != 0)
            how = tr("by %1", "who escalated")
                      .arg(entityName(QStringLiteral("agent"), e.byAgentId));
        else if (e.trigger == Core::EscalationTrigger::Warning)
            how = resolution ? tr("by a rule: resolution SLA about to breach")
                             : tr("by a rule: first response SLA about to breach");
        else if (e.trigger == Core::EscalationTrigger::Breach)
            how = resolution ? tr("by a rule: resolution SLA breached")
                             : tr("by a rule: first response SLA breached");
        else if (e.trigger == Core::EscalationTrigger::P1)
            how = tr("by a rule: priority P1");
        if (!how.isEmpty())
            text += QStringLiteral(" (") + how + QLatin1Char(')');
        const QString reason = e.reason.simplified();
        if (!reason.isEmpty())
            text += QStringLiteral(" — ") + reason;
        return text;
    }
    case Kind::Survey: {
        const bool good = data.goodRating;
        *marker = QStringLiteral("★");
        *markerColour = good ? Theme::slaOnTrack() : Theme::slaBreached();
        QString text = good ? tr("Customer satisfaction: good") : tr("Customer satisfaction: bad");
        const QString comment = data.comment.simplified();
        if (!comment.isEmpty())
            text += QStringLiteral(" — “") + comment + QStringLiteral("”");
        return text;
    }
    case Kind::Reopened: {
        using Cause = Core::ArticleEvent::ReopenCause;
        Cause cause = data.reopenCause;
        const QString reason = data.reopenReason.simplified();
        // Events written before the cause travelled carry only the server's English sentence.
        if (cause == Cause::Unknown
            && reason == QLatin1String("Reopened: the customer rated the resolution bad."))
            cause = Cause::BadRating;
        else if (cause == Cause::Unknown
            && reason == QLatin1String("Reopened: the customer replied."))
            cause = Cause::CustomerReplied;
        if (cause == Cause::BadRating)
            return tr("Reopened: the customer rated the resolution bad");
        if (cause == Cause::CustomerReplied)
            return tr("Reopened: the customer replied");
        return reason.isEmpty() ? tr("Reopened") : tr("Reopened: %1").arg(reason);
    }
    case Kind::AutoClosed:
        return tr("Closed automatically after %n hour(s)", nullptr, data.afterHours);
    case Kind::HandedBack:
        return tr("Back to the queue: %1 is no longer in %2")
            .arg(entityName(QStringLiteral("agent"), data.agentId),
                entityName(QStringLiteral("group"), data.groupId));
    case Kind::Moved: {
        *marker = QStringLiteral("↪");
        const auto &m = data.move;
        if (article.ticketId == m.fromTicketId && !m.toNumber.isEmpty())
            return tr("An entry was moved to %1").arg(m.toNumber);
        if (article.ticketId == m.toTicketId && !m.fromNumber.isEmpty())
            return tr("An entry was moved here from %1").arg(m.fromNumber);
        break;
    }
    case Kind::None:
    case Kind::Unknown:
        break;
    }
    // An event this console does not know yet: the server's own words.
    return article.body.simplified();
}

QString TimelineView::changeText(const Core::FieldChange &change) const
{
    QString label = FieldText::fieldLabel(change.field, change.fieldName);
    if (change.field == Core::TicketField::Organisation && label == change.fieldName)
        label = tr("Organisation");
    if (change.field == Core::TicketField::KbArticles && label == change.fieldName)
        label = tr("Linked articles");
    return tr("%1: %2 → %3", "field: from → to")
        .arg(label, fieldValue(change.field, change.from), fieldValue(change.field, change.to));
}

QString TimelineView::fieldValue(
    std::optional<Core::TicketField> field, const Core::FieldValue &value) const
{
    using Core::TicketField;
    using ValueKind = Core::FieldValue::Kind;
    if (value.isEmpty())
        return tr("none");
    if (value.kind == ValueKind::Texts)
        return QLocale().createSeparatedList(value.texts); // CC addresses
    if (value.kind == ValueKind::List) {
        // Linked KB articles, by the number the agent knows them by.
        QStringList items;
        for (qint64 id : value.list)
            items << (field == TicketField::KbArticles ? QStringLiteral("KB-%1").arg(id)
                                                       : QString::number(id));
        return QLocale().createSeparatedList(items);
    }
    const QString text = value.text;
    if (field) {
        switch (*field) {
        case TicketField::Status:
            return Labels::status(text);
        case TicketField::Priority:
            return Labels::priority(text);
        case TicketField::Impact:
        case TicketField::Urgency:
            return Labels::level(text);
        case TicketField::Type:
            return Labels::type(text);
        case TicketField::Channel:
            return Labels::channel(text);
        default:
            break;
        }
    }
    if (value.kind == ValueKind::Number && field) {
        switch (*field) {
        case TicketField::Assignee:
            return entityName(QStringLiteral("agent"), value.id());
        case TicketField::Group:
            return entityName(QStringLiteral("group"), value.id());
        case TicketField::Category:
            return entityName(QStringLiteral("category"), value.id());
        case TicketField::Customer:
            return entityName(QStringLiteral("customer"), value.id());
        case TicketField::Organisation:
            return entityName(QStringLiteral("organisation"), value.id());
        default:
            break;
        }
    }
    return value.kind == ValueKind::Number ? QLocale().toString(value.number) : text;
}

QString TimelineView::author(const Core::Article &article) const
{
    if (m_authorResolver) {
        const QString name = m_authorResolver(article);
        if (!name.isEmpty())
            return name;
    }
    if (const qint64 agent = article.authorAgentId)
        return entityName(QStringLiteral("agent"), agent);
    if (const qint64 customer = article.authorCustomerId)
        return entityName(QStringLiteral("customer"), customer);
    return tr("Atiende");
}

QString TimelineView::entityName(const QString &kind, qint64 id) const
{
    if (id == 0)
        return tr("none");
    if (m_entityResolver) {
        const QString name = m_entityResolver(kind, id);
        if (!name.isEmpty())
            return name;
    }
    const QString name = directoryName(kind, id);
    return name.isEmpty() ? QStringLiteral("#%1").arg(id) : name;
}

QString TimelineView::directoryName(const QString &kind, qint64 id) const
{
    if (!m_workspace)
        return QString();
    auto key = [](const QString &k, qint64 i) { return k + QLatin1Char(':') + QString::number(i); };
    if (!m_directoryRead) {
        // Agents, groups and categories are few: read them all at once.
        m_directoryRead = true;
        for (const Core::Agent &a : m_workspace->agents())
            m_names.insert(key(QStringLiteral("agent"), a.id), a.name);
        for (const Core::Group &g : m_workspace->groups())
            m_names.insert(key(QStringLiteral("group"), g.id), g.name);
        for (const Core::Category &c : m_workspace->categories())
            m_names.insert(key(QStringLiteral("category"), c.id), c.name);
    }
    const QString k = key(kind, id);
    if (const auto found = m_names.constFind(k); found != m_names.constEnd())
        return *found;
    QString name;
    if (kind == QLatin1String("customer")) {
        if (const auto c = m_workspace->customer(id))
            name = c->name;
    } else if (kind == QLatin1String("organisation")) {
        if (const auto o = m_workspace->organisation(id))
            name = o->name;
    }
    m_names.insert(k, name);
    return name;
}

void TimelineView::invalidateNames()
{
    m_names.clear();
    m_directoryRead = false;
}

} // namespace Atiende::Ui

#include "linkedknowledge.h"

#include "client/workspace/workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Atiende::Ui {

LinkedKnowledge::LinkedKnowledge(const Client::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("linkedKnowledge"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(new QLabel(tr("Linked knowledge"), this));
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(0);
    layout->addLayout(m_rows);
    hide();
}

void LinkedKnowledge::setArticles(const QList<qint64> &ids)
{
    if (ids == m_ids)
        return;
    m_ids = ids;
    rebuild();
}

void LinkedKnowledge::refreshTitles()
{
    if (!m_ids.isEmpty())
        rebuild();
}

void LinkedKnowledge::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        // Later: the unlink button that changed the list is still delivering its click.
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    for (qint64 id : std::as_const(m_ids)) {
        const std::optional<Core::KbArticle> article = m_workspace->kbArticle(id);
        const QString title
            = article ? article->title : tr("Article %1 (not on this computer yet)").arg(id);
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *open = new QPushButton(row);
        QString text = title;
        open->setText(text.replace(QLatin1Char('&'), QLatin1String("&&")));
        open->setFlat(true);
        open->setAutoDefault(false);
        open->setToolTip(tr("Open it in the knowledge base pane"));
        open->setStyleSheet(QStringLiteral("text-align: left"));
        auto *unlink = new QToolButton(row);
        unlink->setObjectName(QStringLiteral("unlink:%1").arg(id));
        unlink->setText(QStringLiteral("✕"));
        unlink->setAutoRaise(true);
        unlink->setFocusPolicy(Qt::StrongFocus);
        unlink->setToolTip(tr("Take it off this ticket"));
        unlink->setAccessibleName(tr("Unlink %1").arg(title));
        layout->addWidget(open, 1);
        layout->addWidget(unlink);
        connect(open, &QPushButton::clicked, this, [this, id] { Q_EMIT articleRequested(id); });
        connect(unlink, &QToolButton::clicked, this, [this, id] { Q_EMIT unlinkRequested(id); });
        m_rows->addWidget(row);
    }
    setVisible(!m_ids.isEmpty());
}

} // namespace Atiende::Ui

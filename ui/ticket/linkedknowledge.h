#pragma once
// The knowledge-base articles linked to the ticket (ITIL: the knowledge that solved it), by
// title: each opens in the KB pane, and can be taken off the ticket again.

#include <QList>
#include <QWidget>

class QVBoxLayout;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class LinkedKnowledge : public QWidget
{
    Q_OBJECT
public:
    explicit LinkedKnowledge(const Client::Workspace *workspace, QWidget *parent = nullptr);

    // The ticket's kbArticleIds; hidden when empty. Titles come from the cache's KB.
    void setArticles(const QList<qint64> &ids);
    const QList<qint64> &articles() const { return m_ids; }
    // The KB changed: titles are read again.
    void refreshTitles();

Q_SIGNALS:
    void articleRequested(qint64 kbId);
    void unlinkRequested(qint64 kbId);

private:
    void rebuild();

    const Client::Workspace *m_workspace;
    QList<qint64> m_ids;
    QVBoxLayout *m_rows;
};

} // namespace Atiende::Ui

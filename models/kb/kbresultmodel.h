#pragma once
// The KB pane's list: search results or suggestions as Workspace::kbSearch and kbRelated
// return them (best first), one row each. A new list changes only the rows that differ
// (removed, moved, inserted, changed; keyed by article id), so the pane's current result
// stays on its article while the agent types on.

#include "core/domain/kbarticle.h"

#include <QAbstractListModel>

namespace Atiende::Models {

class KbResultModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        SnippetRole, // HTML-escaped text with the matched words in <mark>...</mark>
        InternalRole, // bool: for agents only
        LanguageRole, // "es", "en"
    };

    explicit KbResultModel(QObject *parent = nullptr);

    void setResults(const QList<Core::KbSearchHit> &results);
    qint64 idAt(int row) const;
    int rowOf(qint64 id) const; // -1 when not listed

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // The snippet without its marks, as plain text.
    static QString plainSnippet(const QString &snippetHtml);
    // A snippet is cut from the article's Markdown source: its emphasis stars, backticks,
    // fences and link targets go, the words (and their <mark>s) stay.
    static QString withoutMarkdown(const QString &snippetHtml);

private:
    struct Row
    {
        qint64 id = 0;
        QString title;
        QString snippet;
        bool internal = false;
        QString language;
        bool operator==(const Row &o) const
        {
            return id == o.id && title == o.title && snippet == o.snippet && internal == o.internal
                && language == o.language;
        }
    };
    QList<Row> m_rows;
};

} // namespace Atiende::Models

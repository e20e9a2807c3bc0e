#include "kbresultmodel.h"

#include "models/common/keyedrows.h"

#include <QRegularExpression>
#include <QTextDocumentFragment>

namespace Atiende::Models {

KbResultModel::KbResultModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void KbResultModel::setResults(const QList<Core::KbSearchHit> &results)
{
    QList<Row> rows;
    rows.reserve(results.size());
    for (const Core::KbSearchHit &hit : results)
        rows.append(
            { hit.id, hit.title, withoutMarkdown(hit.snippet), hit.isInternal(), hit.language });
    KeyedRowsHooks hooks;
    hooks.beginRemoveRows
        = [this](int first, int last) { beginRemoveRows(QModelIndex(), first, last); };
    hooks.endRemoveRows = [this] { endRemoveRows(); };
    hooks.beginInsertRows
        = [this](int first, int last) { beginInsertRows(QModelIndex(), first, last); };
    hooks.endInsertRows = [this] { endInsertRows(); };
    hooks.persistentIndexList = [this] { return persistentIndexList(); };
    hooks.changePersistentIndexList
        = [this](const QModelIndexList &from, const QModelIndexList &to) {
              changePersistentIndexList(from, to);
          };
    updateKeyedRows(
        this, &m_rows, rows, [](const Row &r) { return r.id; }, hooks);
}

qint64 KbResultModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int KbResultModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int KbResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant KbResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return r.title;
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        return plainSnippet(r.snippet);
    case IdRole:
        return r.id;
    case SnippetRole:
        return r.snippet;
    case InternalRole:
        return r.internal;
    case LanguageRole:
        return r.language;
    default:
        return QVariant();
    }
}

QString KbResultModel::withoutMarkdown(const QString &snippetHtml)
{
    static const QRegularExpression fence(QStringLiteral("(?:```|~~~)[\\w+#.-]*"));
    static const QRegularExpression link(QStringLiteral("\\[([^\\]\\n]*)\\]\\([^)\\s]*\\)"));
    static const QRegularExpression emphasis(QStringLiteral("\\*\\*|~~|`"));
    static const QRegularExpression heading(QStringLiteral("(^|\\n)#{1,6} "));
    QString s = snippetHtml;
    s.replace(fence, QStringLiteral(" "));
    s.replace(link, QStringLiteral("\\1"));
    s.replace(emphasis, QString());
    s.replace(heading, QStringLiteral("\\1"));
    return s.simplified();
}

QString KbResultModel::plainSnippet(const QString &snippetHtml)
{
    QString html = snippetHtml;
    html.remove(QLatin1String("<mark>"));
    html.remove(QLatin1String("</mark>"));
    return QTextDocumentFragment::fromHtml(html).toPlainText();
}

} // namespace Atiende::Models

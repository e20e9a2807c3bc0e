#include "kbresultmodel.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTextDocumentFragment>

namespace Atiende::Ui {

KbResultModel::KbResultModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void KbResultModel::setResults(const QJsonArray &results)
{
    // A search answers with up to a few dozen rows: a reset is cheaper than a diff.
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(results.size());
    for (const QJsonValue &v : results) {
        const QJsonObject o = v.toObject();
        m_rows.append({qint64(o.value(QStringLiteral("id")).toDouble()), o.value(QStringLiteral("title")).toString(),
                       withoutMarkdown(o.value(QStringLiteral("snippet")).toString()),
                       o.value(QStringLiteral("audience")).toString() == QLatin1String("agent"),
                       o.value(QStringLiteral("language")).toString()});
    }
    endResetModel();
}

qint64 KbResultModel::idAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0; }

int KbResultModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int KbResultModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

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

} // namespace Atiende::Ui

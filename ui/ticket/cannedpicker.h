#pragma once
// Picks a canned response by typing: a small popup with a filter line over the responses'
// titles, keywords and bodies (accents and case ignored), those in the customer's language
// and for the ticket's group first, a preview of the highlighted one; Enter picks it.

#include <QFrame>
#include <QJsonArray>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace Atiende::Ui {

class CannedPicker : public QFrame
{
    Q_OBJECT
public:
    explicit CannedPicker(QWidget *parent = nullptr);

    // responses: canned.list entries. Those for another group are left out; those in
    // language (the customer's) or for any language come first.
    void setResponses(const QJsonArray &responses, const QString &language, qint64 groupId);
    // Shows the popup under anchor with an empty filter and the focus in it.
    void popup(QWidget *anchor);
    int visibleCount() const;
    QLineEdit *filterEdit() const { return m_filter; }

Q_SIGNALS:
    void picked(qint64 responseId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refilter();
    void pickCurrent();
    void showPreview();

    struct Entry
    {
        qint64 id = 0;
        QString title;
        QString body;
        QString language;
        QString folded; // title, keywords and body, folded for the filter
    };
    QList<Entry> m_entries;
    QLineEdit *m_filter;
    QListWidget *m_list;
    QPlainTextEdit *m_preview;
    QLabel *m_empty;
};

} // namespace Atiende::Ui

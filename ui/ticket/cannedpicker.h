#pragma once
// Picks a canned response by typing: a small popup with a filter line over the responses'
// titles, keywords and bodies (accents and case ignored), those in the customer's language
// and for the ticket's group first, a preview of the highlighted one filled in for the ticket;
// Enter picks it. Admins and leads reach the manager from here.

#include "core/domain/cannedresponse.h"

#include <QFrame>
#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Atiende::Ui {

class CannedPicker : public QFrame
{
    Q_OBJECT
public:
    explicit CannedPicker(QWidget *parent = nullptr);

    // Those for another group are left out; those in language (the customer's) or for any
    // language come first.
    void setResponses(
        const QList<Core::CannedResponse> &responses, const QString &language, qint64 groupId);
    // What an empty list means: fetched (the desk has none for this ticket) or not yet, and
    // whether this agent may add some (the Manage button shows then).
    void setListState(bool fetched, bool online, bool mayManage);
    // Fills a body in for the open ticket: the preview shows that, never raw {{placeholders}}.
    void setPreviewer(std::function<QString(const QString &body)> previewer)
    {
        m_previewer = std::move(previewer);
    }
    // Shows the popup under anchor with an empty filter and the focus in it.
    void popup(QWidget *anchor);
    int visibleCount() const;
    QLineEdit *filterEdit() const { return m_filter; }
    QString previewText() const;
    QString emptyText() const;

Q_SIGNALS:
    void picked(qint64 responseId);
    void manageRequested();

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
    std::function<QString(const QString &)> m_previewer;
    bool m_fetched = false;
    bool m_online = false;
    bool m_mayManage = false;
    QLineEdit *m_filter;
    QListWidget *m_list;
    QPlainTextEdit *m_preview;
    QLabel *m_empty;
    QPushButton *m_manage;
};

} // namespace Atiende::Ui

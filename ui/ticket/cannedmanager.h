#pragma once
// Managing canned responses in the console: admins every one, leads those of the groups they
// lead. A list, the chosen one's title, group, language, keywords and body (with the
// placeholders offered for insertion), and a live preview filled in for the open ticket (or
// with example values when none is open). Changes go to the desk at once and reach every
// console (canned.changed); editing needs a connection.

#include "core/domain/cannedresponse.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class CannedManager : public QDialog
{
    Q_OBJECT
public:
    CannedManager(Client::Workspace *workspace, qint64 ticketId, QWidget *parent = nullptr);

    // The ticket the preview fills in (0: example values).
    void setTicket(qint64 ticketId);

    // The parts, for tests.
    QListWidget *list() const { return m_list; }
    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *groupBox() const { return m_group; }
    QComboBox *languageBox() const { return m_language; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QToolButton *placeholderButton() const { return m_insert; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *deleteButton() const { return m_delete; }
    QString previewText() const;
    QString previewCaption() const;
    QString statusText() const;
    // The titles listed, in order.
    QStringList titles() const;

protected:
    void closeEvent(QCloseEvent *event) override; // asks before unsaved edits are lost
    void reject() override; // Escape: likewise

private:
    // True when nothing is unsaved, or the user chose to discard it.
    bool mayDiscardEdits();
    void reload();
    void showList(const QList<Core::CannedResponse> &responses);
    void select(qint64 id);
    void onChosen(int row);
    void loadForm(const Core::CannedResponse &response);
    void startNew();
    void save();
    void remove();
    void updatePreview();
    void updateEnabled();
    void fillGroups();
    void insertPlaceholder(const QString &name);
    void setStatus(const QString &text, bool error);
    QString refusal(int code, const QString &message, const QString &field) const;
    Core::CannedResponse formValue() const;

    QPointer<Client::Workspace> m_workspace;
    qint64 m_ticketId = 0;
    QList<Core::CannedResponse> m_responses; // as the desk last listed them
    qint64 m_currentId = 0; // the one in the form; 0: a new one
    bool m_loading = false; // the form is being filled, not edited
    bool m_dirty = false; // edited since loaded or saved
    bool m_busy = false; // a request is on its way
    bool m_listed = false; // the desk answered at least once
    bool m_reloadWanted = false; // the list changed while a request was on its way

    QListWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_delete;
    QLineEdit *m_title;
    QComboBox *m_group;
    QComboBox *m_language;
    QLineEdit *m_keywords;
    QCheckBox *m_active;
    QPlainTextEdit *m_body;
    QToolButton *m_insert;
    QLabel *m_previewCaption;
    QPlainTextEdit *m_preview;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_close;
};

} // namespace Atiende::Ui

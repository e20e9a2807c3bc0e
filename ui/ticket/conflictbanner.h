#pragma once
// What the server did not take from the agent, shown where they work on the ticket: a field
// someone else changed first (both values in words, and the choice: keep theirs or apply
// mine), or an edit refused outright (why, and what it was, so a reply's text is never lost:
// it can go back into the editor). Nothing disappears until the agent says so.

#include "client/workspace/workspace.h"

#include <QFrame>
#include <QList>

class QVBoxLayout;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class FieldText;

class ConflictBanner : public QFrame
{
    Q_OBJECT
public:
    ConflictBanner(Client::Workspace *workspace, const FieldText *names, QWidget *parent = nullptr);

    // The ticket's conflicts (Workspace::conflicts); hidden when there are none.
    void setConflicts(const QList<Client::EditConflict> &conflicts);
    // Whether a refused text can go back into the editor (not on a closed ticket); it can
    // always go to the clipboard.
    void setEditorWritable(bool writable);
    int count() const { return int(m_conflicts.size()); }
    // Each conflict as the banner words it, for tests and screen readers.
    QStringList texts() const;

    // Why the server refused an edit, in the agent's language (from the error code).
    static QString refusalReason(int code, const QString &serverMessage);

Q_SIGNALS:
    // The agent wants a refused reply's or note's text back in the editor.
    void copyToEditorRequested(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *rowFor(const Client::EditConflict &c);
    QString describeRefused(const Client::EditConflict &c) const;
    void updateColours();

    Client::Workspace *m_workspace;
    const FieldText *m_names;
    QList<Client::EditConflict> m_conflicts;
    QStringList m_texts;
    QVBoxLayout *m_rows;
    bool m_editorWritable = true;
};

} // namespace Atiende::Ui

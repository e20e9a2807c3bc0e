#pragma once
// Ctrl+K: run any action of the console by typing part of its name (accents and case
// ignored, words in any order), with its shortcut shown so the agent learns it.

#include <QDialog>

#include <functional>

class QAction;
class QLineEdit;
class QListWidget;

namespace Atiende::Ui {

class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    CommandPalette(const QList<QAction *> &actions, QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }
    // The actions matching a text, best first (for tests and for the list).
    QList<QAction *> matching(const QString &text) const;

    // Commands made from what is typed ("Open INC-002751", "Search all tickets for ..."),
    // listed before the actions when the text looks like a ticket number, after them otherwise.
    struct TextCommand
    {
        QString label;
        std::function<void()> run;
        bool first = false; // before the matching actions
    };
    void setTextCommands(std::function<QList<TextCommand>(const QString &)> commands);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void runCurrent();

    QList<QAction *> m_actions;
    std::function<QList<TextCommand>(const QString &)> m_textCommands;
    QList<TextCommand> m_shownCommands;
    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace Atiende::Ui

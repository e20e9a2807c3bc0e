#pragma once
// Ctrl+K: run any action of the console by typing part of its name (accents and case
// ignored, words in any order), with its shortcut shown so the agent learns it.

#include <QDialog>

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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void runCurrent();

    QList<QAction *> m_actions;
    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace Atiende::Ui

#pragma once
// "Sign out?" before the console signs out: signing out ends the session and closes the
// console, so it is asked, and it says so when changes made offline are still waiting to be
// sent (they stay on this computer and go out at the next sign-in).

#include <QMessageBox>

#include <functional>

namespace Atiende::Ui {

class SignOutQuestion : public QMessageBox
{
    Q_OBJECT
public:
    // unsent: the outbox's size now.
    SignOutQuestion(int unsent, QWidget *parent);

    // Opens the question over parent (window-modal, without blocking); confirmed runs if the
    // agent signs out.
    static SignOutQuestion *ask(int unsent, QWidget *parent, std::function<void()> confirmed);

    QAbstractButton *signOutButton() const { return m_signOut; }
    QAbstractButton *stayButton() const { return m_stay; }

private:
    QAbstractButton *m_signOut;
    QAbstractButton *m_stay;
};

} // namespace Atiende::Ui

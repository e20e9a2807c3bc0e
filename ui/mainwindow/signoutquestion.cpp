#include "signoutquestion.h"

#include <QPushButton>

namespace Atiende::Ui {

SignOutQuestion::SignOutQuestion(int unsent, QWidget *parent)
    : QMessageBox(QMessageBox::Question, tr("Sign out"), tr("Sign out of Atiende?"),
        QMessageBox::NoButton, parent)
{
    setObjectName(QStringLiteral("signOutQuestion"));
    if (unsent > 0) {
        setIcon(QMessageBox::Warning);
        // Whole sentences for one and for many (the English build has no plural forms file).
        setInformativeText(unsent == 1
                ? tr("One change made here has not been sent to the server yet. It stays on this "
                     "computer and is sent "
                     "the next time you sign in here; until then nobody else sees it.")
                : tr("%L1 changes made here have not been sent to the server yet. They stay on "
                     "this computer and are "
                     "sent the next time you sign in here; until then nobody else sees them.")
                      .arg(unsent));
    } else {
        setInformativeText(tr("The console closes; your work is saved on the server."));
    }
    m_signOut = addButton(tr("&Sign out"), QMessageBox::AcceptRole);
    m_signOut->setObjectName(QStringLiteral("signOut"));
    QPushButton *stay = addButton(tr("Stay signed &in"), QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("staySignedIn"));
    m_stay = stay;
    setDefaultButton(stay); // Enter by habit does not sign out
    setEscapeButton(stay);
}

SignOutQuestion *SignOutQuestion::ask(int unsent, QWidget *parent, std::function<void()> confirmed)
{
    auto *question = new SignOutQuestion(unsent, parent);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::buttonClicked, question,
        [question, confirmed = std::move(confirmed)](QAbstractButton *clicked) {
            if (clicked == question->m_signOut && confirmed)
                confirmed();
        });
    question->open();
    return question;
}

} // namespace Atiende::Ui

#pragma once
// A read-only view of what MarkdownRenderer makes (the ticket timeline, a KB article): links
// open where they belong instead of navigating the view (web and mail links in the desktop's
// applications, atiende: links inside the console through internalLinkActivated), nothing is
// ever loaded into it from a URL or a file, and text copied from it loses the invisible break
// hints the renderer adds to very long lines.

#include <QTextBrowser>

namespace Atiende::Ui {

class TextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit TextBrowser(QWidget *parent = nullptr);

Q_SIGNALS:
    // An atiende: link was activated ("atiende://kb/12" for a KB article): the console decides
    // where it goes.
    void internalLinkActivated(const QUrl &url);

protected:
    QMimeData *createMimeDataFromSelection() const override;
    QVariant loadResource(int type, const QUrl &name) override;

private:
    void onAnchorClicked(const QUrl &url);
};

} // namespace Atiende::Ui

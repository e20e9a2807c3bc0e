#pragma once
// Clicking a link inside a QTextEdit/QTextBrowser as an agent does: the mouse pressed and
// released on the viewport over the link's text (or its image). Header only: it needs Qt
// Widgets, which only the console's tests link.

#include <QCoreApplication>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QtTest>

namespace Atiende::Test {

// The first fragment whose anchor is href (an image's when image is set, else text): false
// when the document has none.
inline bool clickLink(QTextEdit *view, const QString &href, bool image = false)
{
    QTextDocument *doc = view->document();
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.charFormat().anchorHref() != href || f.charFormat().isImageFormat() != image)
                continue;
            QTextCursor c(doc);
            c.setPosition(f.position() + f.length() / 2);
            view->setTextCursor(c);
            view->ensureCursorVisible();
            QCoreApplication::processEvents();
            const QRect r = view->cursorRect(c);
            // An image is one character: the cursor stands at its left edge, and the line is
            // as tall as the image.
            const QPoint at = image ? QPoint(r.left() + 20, r.center().y()) : r.center();
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
            return true;
        }
    }
    return false;
}

} // namespace Atiende::Test

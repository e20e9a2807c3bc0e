#pragma once
// CodeHighlighter on KDE's Syntax-Highlighting framework (KF6): Kate's hundreds of syntax
// definitions and its themes. Compiled only when the build found KF6SyntaxHighlighting
// (ATIENDE_HAVE_KF6_SYNTAX); CodeHighlighter::create() picks it then.

#if defined(ATIENDE_HAVE_KF6_SYNTAX)

#include "codehighlighter.h"

#include <QHash>
#include <memory>

namespace KSyntaxHighlighting {
class Definition;
}

namespace Atiende::Ui {

class BuiltinHighlighter;

class Kf6Highlighter final : public CodeHighlighter
{
public:
    Kf6Highlighter();
    ~Kf6Highlighter() override;

    QString engineName() const override;
    void setPalette(const QPalette &palette) override;
    QList<Range> highlight(const QString &text, const QString &language) const override;

private:
    KSyntaxHighlighting::Definition definitionFor(
        const QString &text, const QString &language) const;

    struct Engine;
    std::unique_ptr<Engine> m_engine;
    // Languages KF6 has no definition for (rare) still get the built-in colours.
    std::unique_ptr<BuiltinHighlighter> m_fallback;
};

} // namespace Atiende::Ui

#endif // ATIENDE_HAVE_KF6_SYNTAX

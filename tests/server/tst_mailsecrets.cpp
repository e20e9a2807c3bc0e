// The mail key: passwords sealed so that only this data folder's key opens them, and the
// derived values (token key, loop id) the same every time the folder is opened.

#include "server/mail/mailsecrets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using Atiende::Server::Mail::MailSecrets;

class MailSecretsTest : public QObject
{
    Q_OBJECT
private slots:
    void aSealedPasswordOpensOnlyWithItsFoldersKey()
    {
        QTemporaryDir a, b;
        QString error;
        const auto mine
            = MailSecrets::forDatabase(a.filePath(QStringLiteral("atiende.db")), &error);
        QVERIFY2(mine, qPrintable(error));
        const QString sealed = mine->seal(QStringLiteral("contraseña-del-buzón"));
        QVERIFY(!sealed.contains(QStringLiteral("contraseña")));
        QCOMPARE(mine->seal(QStringLiteral("x")) == mine->seal(QStringLiteral("x")), false);
        QCOMPARE(*mine->unseal(sealed), QStringLiteral("contraseña-del-buzón"));
        const auto other
            = MailSecrets::forDatabase(b.filePath(QStringLiteral("atiende.db")), &error);
        QVERIFY(other);
        QVERIFY(!other->unseal(sealed));
        QVERIFY(!mine->unseal(QStringLiteral("bm90IHNlYWxlZA==")));
        // The key file is the server account's alone.
        const auto perms = QFile::permissions(a.filePath(QStringLiteral("mail.key")));
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    }

    void theDerivedValuesAreTheSameAtEveryStart()
    {
        QTemporaryDir dir;
        QString error;
        const QString db = dir.filePath(QStringLiteral("atiende.db"));
        const auto first = MailSecrets::forDatabase(db, &error);
        const auto again = MailSecrets::forDatabase(db, &error);
        QVERIFY(first && again);
        QCOMPARE(first->tokenKey(), again->tokenKey());
        QCOMPARE(first->tokenKey().size(), 32);
        QCOMPARE(first->loopId(), again->loopId());
        QCOMPARE(first->loopId().size(), 16);
        QVERIFY(first->loopId() != QString(16, QLatin1Char('0')));
        QVERIFY(first->tokenKey().toHex().left(16) != first->loopId().toLatin1());
    }

    void aDamagedKeyFileIsRefusedWithAReason()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("mail.key")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("short");
        f.close();
        QString error;
        QVERIFY(!MailSecrets::open(f.fileName(), &error));
        QVERIFY(error.contains(QStringLiteral("not a mail key")));
    }
};

QTEST_GUILESS_MAIN(MailSecretsTest)
#include "tst_mailsecrets.moc"

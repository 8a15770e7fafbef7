// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/DraftStore.h"

#include "models/ConversationListModel.h"
#include "store/HistoryEditStore.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;

/** DraftStore: a chat's unsent text, kept in the database with its conversation. */
class TestDraftStore : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("linnet.db"));
    }
    void cleanup() { m_dir.reset(); }

    void aDraftIsThereAfterTheStoreIsOpenedAgain()
    {
        const QString text = QStringLiteral("Grüße,\nsee you at 8 — ¿vale?");
        {
            LocalStore store(m_file);
            QVERIFY(store.open().ok());
            store.ensureConversation(QStringLiteral("bob"), QStringLiteral("bob"));
            QVERIFY(DraftStore(store).setDraft(QStringLiteral("bob"), text));
        }
        LocalStore store(m_file);
        QVERIFY(store.open().ok());
        QCOMPARE(DraftStore(store).draft(QStringLiteral("bob")), text);
        QCOMPARE(store.conversation(QStringLiteral("bob"))->draft, text);
    }

    void aBlankDraftClearsIt()
    {
        LocalStore store(QStringLiteral(":memory:"));
        QVERIFY(store.open().ok());
        store.ensureConversation(QStringLiteral("bob"), QStringLiteral("bob"));
        DraftStore drafts(store);
        QVERIFY(drafts.setDraft(QStringLiteral("bob"), QStringLiteral("half a thought")));
        QVERIFY(drafts.setDraft(QStringLiteral("bob"), QStringLiteral(" \n\t ")));
        QCOMPARE(drafts.draft(QStringLiteral("bob")), QString());
        QCOMPARE(store.conversation(QStringLiteral("bob"))->draft, QString());
        // Space inside a real draft is the user's and stays.
        QVERIFY(drafts.setDraft(QStringLiteral("bob"), QStringLiteral("  indented\n")));
        QCOMPARE(drafts.draft(QStringLiteral("bob")), QStringLiteral("  indented\n"));
    }

    void aDraftForAnUnknownChatIsRefusedAndCreatesNothing()
    {
        LocalStore store(QStringLiteral(":memory:"));
        QVERIFY(store.open().ok());
        QVERIFY(!DraftStore(store).setDraft(QStringLiteral("nobody"), QStringLiteral("hi")));
        QVERIFY(!store.conversation(QStringLiteral("nobody")));
        QCOMPARE(DraftStore(store).draft(QStringLiteral("nobody")), QString());
    }

    void aDeletedChatTakesItsDraftAlong()
    {
        LocalStore store(QStringLiteral(":memory:"));
        QVERIFY(store.open().ok());
        store.ensureConversation(QStringLiteral("bob"), QStringLiteral("bob"));
        QVERIFY(DraftStore(store).setDraft(QStringLiteral("bob"), QStringLiteral("secret plan")));
        QVERIFY(HistoryEditStore(store).removeConversation(QStringLiteral("bob")));
        store.ensureConversation(QStringLiteral("bob"), QStringLiteral("bob"));
        QCOMPARE(DraftStore(store).draft(QStringLiteral("bob")), QString());
    }

    void theChatListShowsTheDraft()
    {
        LocalStore store(QStringLiteral(":memory:"));
        QVERIFY(store.open().ok());
        store.ensureConversation(QStringLiteral("bob"), QStringLiteral("bob"));
        ConversationListModel model(store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.index(0).data(ConversationListModel::DraftRole).toString(), QString());
        QVERIFY(DraftStore(store).setDraft(QStringLiteral("bob"), QStringLiteral("tomorrow?")));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshConversation(QStringLiteral("bob"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0).data(ConversationListModel::DraftRole).toString(),
                 QStringLiteral("tomorrow?"));
    }
};

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"

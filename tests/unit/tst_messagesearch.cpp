// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SearchStore.h"

#include "models/MessageModel.h"
#include "models/MessageSearchModel.h"
#include "store/ClientMigrations.h"
#include "store/HistoryEditStore.h"
#include "store/LocalStore.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::client;
using protocol::MessageId;

namespace {

constexpr auto kTester = QAbstractItemModelTester::FailureReportingMode::QtTest;

ChatMessage received(const QString &conversation, quint64 seq, const QString &text,
                     MessageKind kind = MessageKind::Text)
{
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = conversation;
    m.sender = conversation;
    m.text = text;
    m.seq = seq;
    m.sentAt = qint64(seq) * 1000;
    m.state = DeliveryState::Delivered;
    m.kind = kind;
    return m;
}

/** The plain texts of what @p text finds, newest first. */
QStringList found(LocalStore &store, const QString &text, const QString &conversation = {})
{
    const auto hits = SearchStore(store).search(text, conversation);
    if (!hits)
        return {QStringLiteral("error: ") + hits.error().reason};
    QStringList out;
    for (const SearchHit &h : hits.value())
        out << SearchStore::plainSnippet(h.snippet);
    return out;
}

} // namespace

/** SearchStore, MessageSearchModel and jumping to a found message (issue 30). */
class TestMessageSearch : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;

    void add(const ChatMessage &m) { QVERIFY(m_store->addIncoming(m, 7).value()); }

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("linnet.db")));
        QVERIFY(m_store->open().ok());
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void germanAndSpanishTextIsFoundWithoutCaseOrDiacritics()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("Schöne Grüße aus München!")));
        add(received(QStringLiteral("lena"), 2, QStringLiteral("Wir treffen uns in der Straße")));
        add(received(QStringLiteral("lena"), 3, QStringLiteral("Die Strasse ist gesperrt")));
        add(received(QStringLiteral("pablo"), 1, QStringLiteral("¿Qué tal la canción, Señor?")));
        add(received(QStringLiteral("pablo"), 2, QStringLiteral("MAÑANA vamos a Cádiz")));

        const QStringList munich{QStringLiteral("Schöne Grüße aus München!")};
        QCOMPARE(found(*m_store, QStringLiteral("munchen")), munich);
        QCOMPARE(found(*m_store, QStringLiteral("MÜNCHEN")), munich);
        QCOMPARE(found(*m_store, QStringLiteral("grüße")), munich);
        QCOMPARE(found(*m_store, QStringLiteral("GRUSSE")), munich);
        // ß and ss find each other, both ways.
        const QStringList streets{QStringLiteral("Die Strasse ist gesperrt"),
                                  QStringLiteral("Wir treffen uns in der Straße")};
        QCOMPARE(found(*m_store, QStringLiteral("strasse")), streets);
        QCOMPARE(found(*m_store, QStringLiteral("Straße")), streets);
        QCOMPARE(found(*m_store, QStringLiteral("GRUSSE münchen")), munich);
        QCOMPARE(found(*m_store, QStringLiteral("grusse strasse")), QStringList());
        QCOMPARE(found(*m_store, QStringLiteral("die strasse gesperrt")),
                 QStringList{QStringLiteral("Die Strasse ist gesperrt")});
        QCOMPARE(found(*m_store, QStringLiteral("cancion")),
                 QStringList{QStringLiteral("¿Qué tal la canción, Señor?")});
        QCOMPARE(found(*m_store, QStringLiteral("SENOR que")),
                 QStringList{QStringLiteral("¿Qué tal la canción, Señor?")});
        QCOMPARE(found(*m_store, QStringLiteral("manana cadiz")),
                 QStringList{QStringLiteral("MAÑANA vamos a Cádiz")});
    }

    void everyWordMustOccurAsAWordOrItsStart()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("Schöne Grüße aus München")));
        QCOMPARE(found(*m_store, QStringLiteral("mün sch")).size(), 1);
        QCOMPARE(found(*m_store, QStringLiteral("münchen paris")), QStringList());
        QCOMPARE(found(*m_store, QStringLiteral("ünchen")), QStringList()); // not inside a word
    }

    void theSnippetMarksTheMatchInTheOriginalText()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("Schöne Grüße aus München")));
        const auto hits = SearchStore(*m_store).search(QStringLiteral("munchen"));
        QCOMPARE(hits.value().size(), 1);
        const SearchHit &hit = hits.value().first();
        QCOMPARE(hit.snippet, QStringLiteral("Schöne Grüße aus ") + SearchStore::kMatchStart +
                                  QStringLiteral("München") + SearchStore::kMatchEnd);
        QCOMPARE(hit.conversation, QStringLiteral("lena"));
        QCOMPARE(hit.title, QStringLiteral("lena"));
        QCOMPARE(hit.sender, QStringLiteral("lena"));
        QCOMPARE(hit.sentAt, 1000);
        QVERIFY(!hit.outgoing && !hit.isGroup);
    }

    void onlyTextsAndCaptionsAreSearched()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("apfel text")));
        add(received(QStringLiteral("lena"), 2, QStringLiteral("apfel caption"),
                     MessageKind::File));
        add(received(QStringLiteral("lena"), 3, QStringLiteral("apfel notice"),
                     MessageKind::Notice));
        add(received(QStringLiteral("lena"), 4, QStringLiteral("apfel event"),
                     MessageKind::GroupEvent));
        add(received(QStringLiteral("lena"), 5, QStringLiteral("apfel broken"),
                     MessageKind::Undecryptable));
        QCOMPARE(found(*m_store, QStringLiteral("apfel")),
                 (QStringList{QStringLiteral("apfel caption"), QStringLiteral("apfel text")}));
    }

    void aSearchCanBeKeptToOneChat()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("hola lena")));
        add(received(QStringLiteral("pablo"), 1, QStringLiteral("hola pablo")));
        QCOMPARE(found(*m_store, QStringLiteral("hola"), QStringLiteral("pablo")),
                 QStringList{QStringLiteral("hola pablo")});
        QCOMPARE(found(*m_store, QStringLiteral("hola")).size(), 2);
    }

    void deletedMessagesAndChatsAreNotFound()
    {
        const ChatMessage gone = received(QStringLiteral("lena"), 1, QStringLiteral("kiwi one"));
        add(gone);
        add(received(QStringLiteral("lena"), 2, QStringLiteral("kiwi two")));
        add(received(QStringLiteral("pablo"), 1, QStringLiteral("kiwi three")));
        HistoryEditStore edits(*m_store);
        QVERIFY(edits.removeMessage(gone.id));
        QCOMPARE(found(*m_store, QStringLiteral("kiwi")),
                 (QStringList{QStringLiteral("kiwi two"), QStringLiteral("kiwi three")}));
        QVERIFY(edits.removeConversation(QStringLiteral("pablo")));
        QCOMPARE(found(*m_store, QStringLiteral("kiwi")), QStringList{QStringLiteral("kiwi two")});
        // The index still agrees with its content.
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)")));
    }

    void queriesWithoutWordsAreRefusedAndSyntaxIsJustText()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("NEAR the OR gate, 50% off")));
        const auto none = SearchStore(*m_store).search(QStringLiteral("  ?! \" * "));
        QVERIFY(!none);
        QCOMPARE(none.error().code, protocol::ErrorCode::InvalidField);
        // FTS5's own syntax typed by a user is looked for as words, never an error.
        for (const QString &typed :
             {QStringLiteral("\"near"), QStringLiteral("NEAR(gate"), QStringLiteral("or -gate"),
              QStringLiteral("gate*)"), QStringLiteral("50%"), QStringLiteral("text:gate")}) {
            const auto hits = SearchStore(*m_store).search(typed);
            QVERIFY2(hits.ok(), qPrintable(typed));
        }
        QCOMPARE(found(*m_store, QStringLiteral("NEAR(gate")).size(), 1);
        QCOMPARE(found(*m_store, QStringLiteral("or -gate")).size(), 1);
    }

    void theMigrationIndexesMessagesStoredBeforeIt()
    {
        const QString file = m_dir->filePath(QStringLiteral("old.db"));
        {
            test::SqlConnection c(file);
            QSqlDatabase db = c.db();
            const std::vector<ClientMigration> v8(clientMigrations().begin(),
                                                  clientMigrations().begin() + 8);
            QCOMPARE(migrateClientDatabase(db, v8).value(), 8);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO conversations (key, kind, peer) VALUES ('lena', 0, 'lena')")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO messages (id, conversation, seq, sender, outgoing, text, sent_at, "
                "state, kind) VALUES (x'00112233445566778899aabbccddeeff', 'lena', 1, 'lena', 0, "
                "'Hasta mañana en Málaga', 5, 2, 0), (x'00112233445566778899aabbccddeef0', "
                "'lena', 2, 'lena', 0, 'Málaga security code changed', 6, 2, 1)")));
        }
        LocalStore store(file);
        QVERIFY(store.open().ok());
        QCOMPARE(found(store, QStringLiteral("malaga")),
                 QStringList{QStringLiteral("Hasta mañana en Málaga")});
        // And messages stored after it are found as well.
        QVERIFY(store.addIncoming(received(QStringLiteral("lena"), 3, QStringLiteral("Málaga!")), 7)
                    .value());
        QCOMPARE(found(store, QStringLiteral("malaga")).size(), 2);
    }

    void theSearchModelListsHitsNewestFirst()
    {
        add(received(QStringLiteral("lena"), 1, QStringLiteral("tapas at eight")));
        add(received(QStringLiteral("pablo"), 2, QStringLiteral("Tapas, sí")));
        MessageSearchModel model(*m_store);
        QAbstractItemModelTester tester(&model, kTester);
        QSignalSpy searched(&model, &MessageSearchModel::searched);
        model.setQuery(QStringLiteral("TAPAS"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(searched.last().at(0).toInt(), 2);
        QCOMPARE(model.index(0).data(MessageSearchModel::ConversationRole).toString(),
                 QStringLiteral("pablo"));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Tapas, sí"));
        QVERIFY(model.index(0)
                    .data(MessageSearchModel::SnippetRole)
                    .toString()
                    .contains(SearchStore::kMatchStart + QStringLiteral("Tapas") +
                              SearchStore::kMatchEnd));
        model.setQuery(QStringLiteral("tapas"), QStringLiteral("lena"));
        QCOMPARE(model.rowCount(), 1);
        model.setQuery(QStringLiteral("   "));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(searched.last().at(1).toString(), QString());
        add(received(QStringLiteral("lena"), 3, QStringLiteral("more tapas")));
        model.setQuery(QStringLiteral("tapas"));
        QCOMPARE(model.rowCount(), 3);
    }

    void aFoundMessageDeepInTheHistoryIsLoadedToJumpTo()
    {
        QList<MessageId> ids;
        for (quint64 seq = 1; seq <= 300; ++seq) {
            const ChatMessage m =
                received(QStringLiteral("lena"), seq, QStringLiteral("m%1").arg(seq));
            ids << m.id;
            add(m);
        }
        add(received(QStringLiteral("pablo"), 1, QStringLiteral("elsewhere")));
        MessageModel model(*m_store, QStringLiteral("lena"));
        QAbstractItemModelTester tester(&model, kTester);
        // (The tester may have fetched a page or two; m100 is older than those.)
        QVERIFY(model.rowCount() < 200);
        QCOMPARE(model.rowOf(ids.at(99)), -1);
        QCOMPARE(model.ensureLoaded(ids.at(299)), model.rowCount() - 1);

        const int row = model.ensureLoaded(ids.at(99)); // m100
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row).data(MessageModel::TextRole).toString(), QStringLiteral("m100"));
        // Contiguous to the newest, with half a page of context above it.
        QCOMPARE(row, MessageModel::kDefaultPageSize / 2);
        QCOMPARE(model.rowCount(), 300 - 100 + 1 + MessageModel::kDefaultPageSize / 2);
        QVERIFY(model.canFetchMore({}));
        // Near the start: everything, and nothing older is left to fetch.
        QCOMPARE(model.index(model.ensureLoaded(ids.at(9))).data(MessageModel::TextRole).toString(),
                 QStringLiteral("m10"));
        QCOMPARE(model.rowCount(), 300);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(model.rowCount() - 1).data(MessageModel::TextRole).toString(),
                 QStringLiteral("m300"));
        for (int i = 1; i < model.rowCount(); ++i)
            QVERIFY(model.index(i - 1).data(MessageModel::SeqRole).toULongLong() + 1 ==
                    model.index(i).data(MessageModel::SeqRole).toULongLong());
        QCOMPARE(model.ensureLoaded(MessageId::generate()), -1);
        const auto other = SearchStore(*m_store).search(QStringLiteral("elsewhere"));
        QCOMPARE(model.ensureLoaded(other.value().first().id), -1);
    }
};

QTEST_GUILESS_MAIN(TestMessageSearch)
#include "tst_messagesearch.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/MessageContent.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QtTest>

using namespace linnet::protocol;

class TestMessageContent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("hello");
        QTest::newRow("empty") << QString();
        QTest::newRow("emoji and newlines") << QStringLiteral("line 1\nline 2 🐦✓✓");
        QTest::newRow("longest") << QString(kMaxTextLength, QLatin1Char('x'));
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        const auto decoded = decodeContent(encodeContent({text, {}, 0}));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value().text, text);
    }

    void recipientAndSenderTimeRoundTrip()
    {
        // Issue 22.11: both travel inside the ciphertext, not only in the server's frame.
        const MessageContent content{QStringLiteral("hi"), QStringLiteral("bob"),
                                     1'765'000'000'123};
        const auto decoded = decodeContent(encodeContent(content));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value(), content);
        QCborMap map = QCborValue::fromCbor(encodeContent(content)).toMap();
        QCOMPARE(map.value(QStringLiteral("to")).toString(), QStringLiteral("bob"));
        QCOMPARE(map.value(QStringLiteral("sent_at")).toInteger(), 1'765'000'000'123);
    }

    void contentWithoutRecipientOrTimeStillDecodes()
    {
        // What clients wrote before: only "text".
        const QByteArray old = QByteArray::fromHex("a164746578746c73656520796f752061742038");
        const auto decoded = decodeContent(old);
        QVERIFY(decoded);
        QCOMPARE(decoded.value(), (MessageContent{QStringLiteral("see you at 8"), {}, 0}));
        QCOMPARE(encodeContent({QStringLiteral("see you at 8"), {}, 0}), old); // unchanged
    }

    static FileRef sampleFile()
    {
        FileRef f;
        f.blob = QByteArray(16, 'b');
        f.key = QByteArray(32, 'k');
        f.sha256 = QByteArray(32, 'h');
        f.size = 1'000'000;
        f.cipherSize = 1'000'000 + 24 + 17 * 16;
        f.mime = QStringLiteral("image/jpeg");
        f.name = QStringLiteral("Strand 🌊.jpg");
        f.kind = FileKind::Image;
        f.thumbnail = QByteArray(kMaxThumbnailBytes, 't');
        f.width = 4000;
        f.height = 3000;
        return f;
    }

    /** Checks that @p content decodes as it was encoded; its "file" map in @p file. */
    static void roundTrip(const MessageContent &content, QCborMap *file)
    {
        const auto decoded = decodeContent(encodeContent(content));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value(), content);
        *file = QCborValue::fromCbor(encodeContent(content))
                    .toMap()
                    .value(QStringLiteral("file"))
                    .toMap();
    }

    void attachmentRoundTrips()
    {
        MessageContent content{QStringLiteral("caption"), QStringLiteral("bob"), 17};
        content.file = sampleFile();
        QCborMap file;
        roundTrip(content, &file);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(file.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
        QCOMPARE(file.value(QStringLiteral("cipher_size")).toInteger(),
                 qint64(content.file->cipherSize));
        QVERIFY(!file.contains(QStringLiteral("ms"))); // zero optional fields are left out
        QVERIFY(!file.contains(QStringLiteral("wave")));
    }

    void voiceNoteRoundTripsWithDurationAndWaveform()
    {
        MessageContent content{QString(), QStringLiteral("bob"), 17};
        FileRef f = sampleFile();
        f.kind = FileKind::Voice;
        f.mime = QStringLiteral("audio/ogg");
        f.name = QStringLiteral("Voice message 2026-12-07 12.00.00.ogg");
        f.thumbnail.clear();
        f.width = f.height = 0;
        f.durationMs = 7'250;
        f.waveform = QByteArray(kMaxWaveformBytes, '\x80');
        f.waveform[0] = '\0';
        f.waveform[1] = '\xff';
        content.file = f;
        QCborMap file;
        roundTrip(content, &file);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(file.value(QStringLiteral("kind")).toString(), QStringLiteral("voice"));
        QCOMPARE(file.value(QStringLiteral("ms")).toInteger(), 7'250);
        QCOMPARE(file.value(QStringLiteral("wave")).toByteArray(), f.waveform);
    }

    void badAttachmentsMakeTheContentMalformed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QCborValue>("value");
        QTest::addColumn<QString>("reasonHas");
        QTest::newRow("blob short") << "blob" << QCborValue(QByteArray(15, 'b')) << "\"blob\"";
        QTest::newRow("key missing") << "key" << QCborValue() << "\"key\"";
        QTest::newRow("sha256 text")
            << "sha256" << QCborValue(QStringLiteral("ab")) << "\"sha256\"";
        QTest::newRow("thumb too big")
            << "thumb" << QCborValue(QByteArray(kMaxThumbnailBytes + 1, 't')) << "\"thumb\"";
        QTest::newRow("wave too long")
            << "wave" << QCborValue(QByteArray(kMaxWaveformBytes + 1, 'w')) << "\"wave\"";
        QTest::newRow("wave text") << "wave" << QCborValue(QStringLiteral("loud")) << "\"wave\"";
        QTest::newRow("duration negative") << "ms" << QCborValue(-1) << "duration";
        QTest::newRow("size negative") << "size" << QCborValue(-1) << "size";
        QTest::newRow("name with slash")
            << "name" << QCborValue(QStringLiteral("../etc/passwd")) << "\"name\"";
        QTest::newRow("name with backslash")
            << "name" << QCborValue(QStringLiteral("a\\b.txt")) << "\"name\"";
        QTest::newRow("name dotdot") << "name" << QCborValue(QStringLiteral("..")) << "\"name\"";
        QTest::newRow("name control char")
            << "name" << QCborValue(QStringLiteral("a\nb")) << "\"name\"";
        QTest::newRow("name too long")
            << "name" << QCborValue(QString(kMaxFileNameLength + 1, QLatin1Char('n')))
            << "\"name\"";
        QTest::newRow("mime empty") << "mime" << QCborValue(QString()) << "\"mime\"";
        QTest::newRow("kind unknown")
            << "kind" << QCborValue(QStringLiteral("sticker")) << "\"kind\"";
        QTest::newRow("width negative") << "w" << QCborValue(-3) << "dimension";
    }

    void badAttachmentsMakeTheContentMalformed()
    {
        QFETCH(QString, key);
        QFETCH(QCborValue, value);
        QFETCH(QString, reasonHas);
        MessageContent content{QStringLiteral("c"), {}, 0};
        content.file = sampleFile();
        QCborMap map = QCborValue::fromCbor(encodeContent(content)).toMap();
        QCborMap file = map.value(QStringLiteral("file")).toMap();
        if (value.isUndefined())
            file.remove(key);
        else
            file.insert(key, value);
        map.insert(QStringLiteral("file"), file);
        const auto decoded = decodeContent(map.toCborValue().toCbor());
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QVERIFY2(decoded.error().reason.contains(reasonHas), qPrintable(decoded.error().reason));
    }

    void fileNamesThatArePlainAreValid()
    {
        QVERIFY(isValidFileName(QStringLiteral("report.pdf")));
        QVERIFY(isValidFileName(QStringLiteral(".hidden")));
        QVERIFY(isValidFileName(QStringLiteral("Résumé (final) 2.docx")));
        QVERIFY(!isValidFileName(QString()));
        QVERIFY(!isValidFileName(QStringLiteral(".")));
        QVERIFY(!isValidFileName(QStringLiteral("dir/x")));
    }

    void unknownKeysAreIgnored()
    {
        QCborMap map;
        map.insert(QStringLiteral("text"), QStringLiteral("hi"));
        map.insert(QStringLiteral("reply_to"), QByteArray(16, 'a'));
        const auto decoded = decodeContent(map.toCborValue().toCbor());
        QVERIFY(decoded);
        QCOMPARE(decoded.value().text, QStringLiteral("hi"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorCode>("code");
        QCborMap noText;
        noText.insert(QStringLiteral("other"), 1);
        QCborMap numberText;
        numberText.insert(QStringLiteral("text"), 42);
        QCborMap tooLong;
        tooLong.insert(QStringLiteral("text"), QString(kMaxTextLength + 1, QLatin1Char('x')));
        QTest::newRow("empty") << QByteArray() << ErrorCode::MalformedFrame;
        QTest::newRow("garbage") << QByteArrayLiteral("\xff\xfe\x00") << ErrorCode::MalformedFrame;
        QTest::newRow("array") << QCborArray{1, 2}.toCborValue().toCbor()
                               << ErrorCode::MalformedFrame;
        QTest::newRow("no text") << noText.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("text not a string")
            << numberText.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("too long") << tooLong.toCborValue().toCbor() << ErrorCode::InvalidField;
        QCborMap numberTo;
        numberTo.insert(QStringLiteral("text"), QStringLiteral("hi"));
        numberTo.insert(QStringLiteral("to"), 7);
        QCborMap negativeTime;
        negativeTime.insert(QStringLiteral("text"), QStringLiteral("hi"));
        negativeTime.insert(QStringLiteral("sent_at"), -1);
        QCborMap textTime;
        textTime.insert(QStringLiteral("text"), QStringLiteral("hi"));
        textTime.insert(QStringLiteral("sent_at"), QStringLiteral("noon"));
        QTest::newRow("to not text")
            << numberTo.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("negative sent_at")
            << negativeTime.toCborValue().toCbor() << ErrorCode::MalformedFrame;
        QTest::newRow("sent_at not a number")
            << textTime.toCborValue().toCbor() << ErrorCode::MalformedFrame;
    }

    void rejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(ErrorCode, code);
        const auto decoded = decodeContent(body);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, code);
        QVERIFY(!decoded.error().reason.isEmpty());
    }

    void aHistoryTransferNamesItsDeviceBesideItsFile()
    {
        MessageContent content{QString(), QStringLiteral("ana"), 17};
        content.file = sampleFile();
        content.historyFor = 7;
        const auto decoded = decodeContent(encodeContent(content));
        QVERIFY(decoded);
        QCOMPARE(decoded.value(), content);
        QCOMPARE(QCborValue::fromCbor(encodeContent(content))
                     .toMap()
                     .value(QStringLiteral("history"))
                     .toMap()
                     .value(QStringLiteral("dev"))
                     .toInteger(),
                 7);
        // Anything else under "history" makes the content malformed.
        const auto withHistory = [&](const QCborValue &history, bool file) {
            QCborMap map = QCborValue::fromCbor(encodeContent(content)).toMap();
            map.insert(QStringLiteral("history"), history);
            if (!file)
                map.remove(QStringLiteral("file"));
            return decodeContent(map.toCborValue().toCbor());
        };
        for (const auto &bad :
             {QCborValue(7), QCborValue(QCborMap{}),
              QCborValue(QCborMap{{QStringLiteral("dev"), 0}}),
              QCborValue(QCborMap{{QStringLiteral("dev"), QStringLiteral("7")}})}) {
            const auto refused = withHistory(bad, true);
            QVERIFY(!refused);
            QVERIFY(refused.error().reason.contains(QStringLiteral("\"history\"")));
        }
        QVERIFY(!withHistory(QCborMap{{QStringLiteral("dev"), 7}}, false));
    }

    void aReplyRoundTripsWithItsQuote()
    {
        MessageContent content{QStringLiteral("yes!"), QStringLiteral("ben"), 5};
        const MessageId original = MessageId::generate();
        content.reply = ReplyRef{original, QStringLiteral("ben"), QStringLiteral("lunch?")};
        auto decoded = decodeContent(encodeContent(content));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value(), content);
        content.reply->text.clear();
        content.reply->fileKind = FileKind::Voice; // a reply to a voice note
        decoded = decodeContent(encodeContent(content));
        QVERIFY(decoded);
        QCOMPARE(decoded.value(), content);
        const QCborMap reply = QCborValue::fromCbor(encodeContent(content))
                                   .toMap()
                                   .value(QStringLiteral("reply"))
                                   .toMap();
        QCOMPARE(reply.value(QStringLiteral("id")).toByteArray(), original.toBytes());
        QCOMPARE(reply.value(QStringLiteral("kind")).toString(), QStringLiteral("voice"));
    }

    void aBadReplyIsRefused_data()
    {
        QTest::addColumn<QCborValue>("reply");
        QTest::addColumn<QString>("why");
        QCborMap good{{QStringLiteral("id"), QByteArray(16, 'i')},
                      {QStringLiteral("from"), QStringLiteral("ben")},
                      {QStringLiteral("text"), QStringLiteral("lunch?")}};
        QTest::newRow("not a map") << QCborValue(QStringLiteral("x")) << "not a map";
        QCborMap shortId = good;
        shortId.insert(QStringLiteral("id"), QByteArray(15, 'i'));
        QTest::newRow("short id") << QCborValue(shortId) << "\"id\"";
        QCborMap noFrom = good;
        noFrom.remove(QStringLiteral("from"));
        QTest::newRow("no from") << QCborValue(noFrom) << "\"from\"";
        QCborMap numberText = good;
        numberText.insert(QStringLiteral("text"), 7);
        QTest::newRow("text not text") << QCborValue(numberText) << "\"text\"";
        QCborMap longText = good;
        longText.insert(QStringLiteral("text"), QString(kMaxQuoteLength + 1, QLatin1Char('q')));
        QTest::newRow("quote too long") << QCborValue(longText) << "longer than";
        QCborMap badKind = good;
        badKind.insert(QStringLiteral("kind"), QStringLiteral("hologram"));
        QTest::newRow("unknown kind") << QCborValue(badKind) << "\"kind\"";
    }

    void aBadReplyIsRefused()
    {
        QFETCH(QCborValue, reply);
        QFETCH(QString, why);
        QCborMap map{{QStringLiteral("text"), QStringLiteral("yes")}};
        map.insert(QStringLiteral("reply"), reply);
        const auto decoded = decodeContent(map.toCborValue().toCbor());
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QVERIFY2(decoded.error().reason.contains(QStringLiteral("\"reply\"")) &&
                     decoded.error().reason.contains(why),
                 qPrintable(decoded.error().reason));
    }

    void theQuoteIsTheFirstLineWithTextCut()
    {
        QCOMPARE(quoteOf(QStringLiteral("\n  first line \nsecond")), QStringLiteral("first line"));
        QCOMPARE(quoteOf(QString()), QString());
        QCOMPARE(quoteOf(QString(kMaxQuoteLength + 50, QLatin1Char('a'))).size(), kMaxQuoteLength);
    }

    void aReactionRoundTripsAndAnEmptyOneTakesItBack()
    {
        MessageContent content{QString(), QStringLiteral("ben"), 5};
        content.reaction = ReactionRef{MessageId::generate(), QStringLiteral("👍🏽")};
        auto decoded = decodeContent(encodeContent(content));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value(), content);
        content.reaction->emoji.clear();
        decoded = decodeContent(encodeContent(content));
        QVERIFY(decoded);
        QCOMPARE(decoded.value().reaction->emoji, QString());
        // A family emoji with joiners is one reaction.
        QVERIFY(isValidReaction(QStringLiteral("👨‍👩‍👧‍👦")));
    }

    void aBadReactionIsRefused_data()
    {
        QTest::addColumn<QCborValue>("reaction");
        const QCborMap good{{QStringLiteral("id"), QByteArray(16, 'i')},
                            {QStringLiteral("emoji"), QStringLiteral("👍")}};
        QTest::newRow("not a map") << QCborValue(7);
        QCborMap badId = good;
        badId.insert(QStringLiteral("id"), QStringLiteral("abc"));
        QTest::newRow("id not bytes") << QCborValue(badId);
        QCborMap spaced = good;
        spaced.insert(QStringLiteral("emoji"), QStringLiteral("👍 👍"));
        QTest::newRow("white space") << QCborValue(spaced);
        QCborMap control = good;
        control.insert(QStringLiteral("emoji"), QStringLiteral("a\u0007"));
        QTest::newRow("control character") << QCborValue(control);
        QCborMap longer = good;
        longer.insert(QStringLiteral("emoji"), QString(kMaxReactionLength + 1, QLatin1Char('x')));
        QTest::newRow("too long") << QCborValue(longer);
        QCborMap missing = good;
        missing.remove(QStringLiteral("emoji"));
        QTest::newRow("no emoji") << QCborValue(missing);
    }

    void aBadReactionIsRefused()
    {
        QFETCH(QCborValue, reaction);
        QCborMap map{{QStringLiteral("text"), QString()}};
        map.insert(QStringLiteral("react"), reaction);
        const auto decoded = decodeContent(map.toCborValue().toCbor());
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QVERIFY2(decoded.error().reason.contains(QStringLiteral("\"react\"")),
                 qPrintable(decoded.error().reason));
    }

    void anEditAndADeleteRoundTrip()
    {
        MessageContent edit{QStringLiteral("fixed typo"), QStringLiteral("ben"), 5};
        edit.edits = MessageId::generate();
        auto decoded = decodeContent(encodeContent(edit));
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().reason));
        QCOMPARE(decoded.value(), edit);
        MessageContent del{QString(), {}, 6};
        del.deletes = MessageId::generate();
        decoded = decodeContent(encodeContent(del));
        QVERIFY(decoded);
        QCOMPARE(decoded.value(), del);
        QVERIFY(!decoded.value().edits);
    }

    void aForwardedMessageSaysSoAndABadFlagIsRefused()
    {
        MessageContent content{QStringLiteral("passed on"), QStringLiteral("cy"), 7};
        content.forwarded = true;
        const auto decoded = decodeContent(encodeContent(content));
        QVERIFY(decoded);
        QCOMPARE(decoded.value(), content);
        QVERIFY(!decodeContent(encodeContent(MessageContent{QStringLiteral("x"), {}, 1}))
                     .value()
                     .forwarded);
        QCborMap map{{QStringLiteral("text"), QStringLiteral("x")}, {QStringLiteral("fwd"), 1}};
        const auto bad = decodeContent(map.toCborValue().toCbor());
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::MalformedFrame);
        QVERIFY2(bad.error().reason.contains(QStringLiteral("\"fwd\"")),
                 qPrintable(bad.error().reason));
    }

    void aBadEditOrDeleteIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QCborValue>("part");
        for (const QString &key : {QStringLiteral("edit"), QStringLiteral("delete")}) {
            QTest::addRow("%s: not a map", qPrintable(key)) << key << QCborValue(7);
            QTest::addRow("%s: no id", qPrintable(key)) << key << QCborValue(QCborMap{});
            QTest::addRow("%s: id not bytes", qPrintable(key))
                << key << QCborValue(QCborMap{{QStringLiteral("id"), QStringLiteral("abc")}});
            QTest::addRow("%s: id of 15 bytes", qPrintable(key))
                << key << QCborValue(QCborMap{{QStringLiteral("id"), QByteArray(15, 'i')}});
            QTest::addRow("%s: null id", qPrintable(key))
                << key << QCborValue(QCborMap{{QStringLiteral("id"), QByteArray(16, '\0')}});
        }
    }

    void aBadEditOrDeleteIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QCborValue, part);
        QCborMap map{{QStringLiteral("text"), QStringLiteral("x")}};
        map.insert(key, part);
        const auto decoded = decodeContent(map.toCborValue().toCbor());
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QVERIFY2(decoded.error().reason.contains(QStringLiteral("\"%1\"").arg(key)),
                 qPrintable(decoded.error().reason));
    }

    void anActionIsOneThingAtATime_data()
    {
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("edit and delete")
            << QStringList{QStringLiteral("edit"), QStringLiteral("delete")};
        QTest::newRow("edit and react")
            << QStringList{QStringLiteral("edit"), QStringLiteral("react")};
        QTest::newRow("delete and react")
            << QStringList{QStringLiteral("delete"), QStringLiteral("react")};
        QTest::newRow("edit and file")
            << QStringList{QStringLiteral("edit"), QStringLiteral("file")};
    }

    void anActionIsOneThingAtATime()
    {
        QFETCH(QStringList, keys);
        MessageContent content{QString(), {}, 1};
        const MessageId target = MessageId::generate();
        if (keys.contains(QStringLiteral("edit")))
            content.edits = target;
        if (keys.contains(QStringLiteral("delete")))
            content.deletes = target;
        if (keys.contains(QStringLiteral("react")))
            content.reaction = ReactionRef{target, QStringLiteral("👍")};
        if (keys.contains(QStringLiteral("file"))) {
            FileRef file;
            file.blob = QByteArray(kBlobIdBytes, 'b');
            file.key = QByteArray(32, 'k');
            file.sha256 = QByteArray(32, 's');
            file.mime = QStringLiteral("text/plain");
            file.name = QStringLiteral("a.txt");
            content.file = file;
        }
        const auto decoded = decodeContent(encodeContent(content));
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QVERIFY2(decoded.error().reason.contains(QStringLiteral("more than one")),
                 qPrintable(decoded.error().reason));
    }
};

QTEST_GUILESS_MAIN(TestMessageContent)
#include "tst_messagecontent.moc"

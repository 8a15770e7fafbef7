// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestBase.h"
#include "store/SqliteStore.h"

#include <QHash>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace linnet::test {

// The protocol values the store tests build their batches from.
using protocol::Deliver;
using protocol::MessageId;
using protocol::Receipt;
using protocol::ReceiptKind;

/** An account created by SqliteStoreFixture::makeUser(), with its devices in creation order. */
struct User {
    qint64 id = 0;
    QString name;
    QList<qint64> devices;
};

/** A message id that is not all zeros and differs for every @p n. */
inline protocol::MessageId makeId(quint32 n)
{
    QByteArray bytes(protocol::MessageId::kSize, '\0');
    bytes[0] = char(0x42);
    for (int i = 0; i < 4; ++i)
        bytes[protocol::MessageId::kSize - 1 - i] = char((n >> (8 * i)) & 0xff);
    return *protocol::MessageId::fromBytes(bytes);
}

inline server::SendWrite send(const User &from, int deviceIndex, const User &to,
                              const protocol::MessageId &id, qint64 ts,
                              const QByteArray &body = QByteArrayLiteral("ciphertext"))
{
    // Like a client: one copy per device of the recipient and per other own device.
    const qint64 sender = from.devices[deviceIndex];
    QList<protocol::DeviceCopy> copies;
    for (const QList<qint64> &devices : {to.devices, from.devices})
        for (qint64 d : devices)
            if (d != sender && std::none_of(copies.cbegin(), copies.cend(),
                                            [d](const auto &c) { return c.device == d; }))
                copies.append(protocol::DeviceCopy{d, 1, body});
    return server::SendWrite{from.id, sender, from.name, to.id, to.name, id, copies, ts};
}

inline QList<qint64> devicesOf(const std::vector<server::InboxEntry> &entries)
{
    QList<qint64> out;
    for (const server::InboxEntry &e : entries)
        out.append(e.deviceId);
    return out;
}

inline QList<qint64> sorted(QList<qint64> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

/**
 * A SqliteStore opened in a fresh temporary directory, with three accounts: ana and
 * bob with two devices each, carl with one. Not a QObject: each test class derives
 * from it next to QObject and calls setUp()/tearDown() from its own init()/cleanup().
 */
class SqliteStoreFixture {
protected:
    void setUp()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<server::SqliteStore>(m_dir->path());
        const auto opened = m_store->open();
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().reason));
        m_ana = makeUser(QStringLiteral("ana"), 2);
        m_bob = makeUser(QStringLiteral("bob"), 2);
        m_carl = makeUser(QStringLiteral("carl"), 1);
    }

    void tearDown()
    {
        m_seqs.clear();
        m_store.reset();
        m_dir.reset();
    }

    User makeUser(const QString &name, int deviceCount)
    {
        User user;
        user.name = name;
        const auto id = m_store->createAccount(name, QByteArrayLiteral("hash"), std::nullopt, 100);
        if (!id.ok())
            return user;
        user.id = id.value();
        for (int i = 0; i < deviceCount; ++i) {
            const auto device = m_store->createDevice(
                user.id, QStringLiteral("%1-%2").arg(name).arg(i), QByteArrayLiteral("token"), 100);
            if (device.ok())
                user.devices.append(device.value());
        }
        return user;
    }

    /**
     * @p s with its conversation and seq reserved, as the gateway reserves them
     * (ConversationSeqs) for a one-to-one send that is not a known duplicate;
     * others unchanged. After a failed commit, clear m_seqs as the gateway does.
     */
    server::SendWrite reserved(server::SendWrite s)
    {
        if (s.group != 0 || s.seq != 0 || m_store->messageStored(s.senderDevice, s.id))
            return s;
        const QPair<qint64, qint64> key{std::min(s.senderAccount, s.recipientAccount),
                                        std::max(s.senderAccount, s.recipientAccount)};
        auto it = m_seqs.find(key);
        if (it == m_seqs.end()) {
            server::ConversationSeq seq;
            if (const auto existing = m_store->conversationBetween(key.first, key.second))
                seq = *existing;
            else
                seq.id = m_store->reserveConversationId();
            it = m_seqs.insert(key, seq);
        }
        s.conversation = it->id;
        s.seq = ++it->lastSeq;
        return s;
    }
    /**
     * What the gateway does after a failed commit (ConversationSeqs::clear): the
     * database is the reference again, so the lost seqs are handed out again. The
     * writer relies on it: a seq above 1 names a conversation whose row exists.
     */
    void forgetSeqs() { m_seqs.clear(); }
    server::WriteBatch reserved(server::WriteBatch batch)
    {
        for (server::SendWrite &s : batch.sends)
            s = reserved(std::move(s));
        return batch;
    }
    /** Commits @p batch (sends reserved()); on failure warns and returns an empty result. */
    server::BatchResult commit(const server::WriteBatch &batch)
    {
        auto result = m_store->commitBatch(reserved(batch));
        if (!result.ok()) {
            qWarning("commitBatch failed: %s", qPrintable(result.error().reason));
            forgetSeqs();
            return {};
        }
        return result.value();
    }

    /**
     * Has the store write every one-to-one seq it holds in memory (as the server
     * does at shutdown): true if conversations.last_seq then has them all.
     */
    bool flushSeqs()
    {
        server::WriteBatch batch;
        batch.flushSeqs = true;
        const auto result = m_store->commitBatch(batch);
        return result.ok() && result.value().seqsFlushed;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<server::SqliteStore> m_store;
    User m_ana, m_bob, m_carl;
    QHash<QPair<qint64, qint64>, server::ConversationSeq> m_seqs; ///< see reserved()
};

/**
 * A Qt Test class on SqliteStoreFixture: a fresh store and its three accounts for every
 * test function. A test derives from it (with Q_OBJECT) and declares only its tests.
 */
class SqliteStoreTest : public QObject, protected SqliteStoreFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }
};

} // namespace linnet::test

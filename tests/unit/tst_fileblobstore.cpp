// SPDX-License-Identifier: GPL-3.0-or-later
// FileBlobStore: blobs as private files named by their id, appended at an offset.
#include "media/FileBlobStore.h"
#include "protocol/Limits.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::server;

namespace {

QByteArray blobId(char fill)
{
    return QByteArray(linnet::protocol::kBlobIdBytes, fill);
}

QByteArray readAll(FileBlobStore &store, const QByteArray &id, qint64 offset = 0)
{
    auto reader = store.openForRead(id, offset);
    if (!reader)
        return "<" + reader.error().reason.toUtf8() + ">";
    QByteArray all;
    for (;;) {
        auto piece = reader.value()->read(7);
        if (!piece || piece.value().isEmpty())
            return all;
        all += piece.value();
    }
}

} // namespace

class TestFileBlobStore : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FileBlobStore> m_store;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<FileBlobStore>(m_dir->filePath(QStringLiteral("media")));
        QVERIFY(m_store->open());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void theDirectoryIsPrivate()
    {
        const auto mode = QFile::permissions(m_store->directory());
        QVERIFY(mode & QFileDevice::ExeOwner);
        QCOMPARE(mode & 0x0077, QFileDevice::Permissions());
    }

    void aBlobIsAPrivateFileNamedByItsIdInHex()
    {
        const QByteArray id = blobId('\xab');
        auto writer = m_store->openForAppend(id, 0);
        QVERIFY(writer);
        QCOMPARE(writer.value()->write("hello").value(), 5);
        const QString path = QDir(m_store->directory()).filePath(QStringLiteral("ab").repeated(16));
        QCOMPARE(m_store->pathOf(id), path);
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & 0x0077, QFileDevice::Permissions());
        QCOMPARE(m_store->size(id), 5);
    }

    void appendingAtTheOffsetContinuesTheBlob()
    {
        const QByteArray id = blobId('\x01');
        QCOMPARE(m_store->size(id), 0);
        QVERIFY(m_store->openForAppend(id, 0).value()->write("0123456789"));
        auto more = m_store->openForAppend(id, m_store->size(id));
        QVERIFY(more);
        QVERIFY(more.value()->write("abc"));
        QCOMPARE(readAll(*m_store, id), QByteArray("0123456789abc"));
        QCOMPARE(readAll(*m_store, id, 8), QByteArray("89abc"));
    }

    void appendingAtAnEarlierOffsetDropsWhatLayBeyond()
    {
        const QByteArray id = blobId('\x02');
        QVERIFY(m_store->openForAppend(id, 0).value()->write("0123456789"));
        QVERIFY(m_store->openForAppend(id, 4).value()->write("xy"));
        QCOMPARE(readAll(*m_store, id), QByteArray("0123xy"));
    }

    void removeDeletesTheFileAndIsIdempotent()
    {
        const QByteArray id = blobId('\x03');
        QVERIFY(m_store->openForAppend(id, 0).value()->write("bytes"));
        QVERIFY(m_store->remove(id));
        QVERIFY(!QFile::exists(m_store->pathOf(id)));
        QCOMPARE(m_store->size(id), 0);
        QVERIFY(m_store->remove(id));
        QVERIFY(!m_store->openForRead(id, 0));
    }

    void freeSpaceIsKnown() { QVERIFY(m_store->bytesAvailable() > 0); }
};

QTEST_GUILESS_MAIN(TestFileBlobStore)
#include "tst_fileblobstore.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

#include <memory>

class QLockFile;

namespace linnet::client {

/**
 * One app per profile. Two engines on one profile would take each other's
 * connection in turn ("connected again elsewhere") and two bundled servers
 * each other's port, so the first instance holds a lock file in the profile
 * directory and listens on a local socket named after the profile; a second
 * launch finds the lock taken, asks the first to show its window and exits.
 */
class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(QString profileDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    /** Takes the profile's lock (a stale one, of a process that is gone, is taken over)
     *  and starts listening for later launches. False if another instance holds it or
     *  the lock cannot be written (@p error says which). */
    bool acquire(QString *error = nullptr);
    bool isPrimary() const { return m_primary; }
    /** A second launch: tells the instance holding the lock to come forward. False if
     *  nobody answered within @p timeoutMs. */
    bool signalPrimary(int timeoutMs = 3000);

    /** The local socket name of @p profileDir (the same for every spelling of the path). */
    static QString socketName(const QString &profileDir);

Q_SIGNALS:
    /** Another launch on this profile asked for this instance's window. */
    void activationRequested();

private:
    QString m_profileDir;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
    bool m_primary = false;
};

} // namespace linnet::client

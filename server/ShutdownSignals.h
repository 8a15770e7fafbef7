// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace linnet::server {

/**
 * Turns SIGTERM and SIGINT into a Qt signal on the event loop (self-pipe), so
 * that shutdown runs as ordinary code: commit, say goodbye, exit.
 */
class ShutdownSignals : public QObject {
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested();
};

} // namespace linnet::server

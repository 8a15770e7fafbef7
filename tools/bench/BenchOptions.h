// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace linnet::bench {

/** Everything `linnet-bench` can be told on its command line. */
struct BenchOptions {
    QString serverBin;         ///< start this linnet-server (else --url)
    QUrl url;                  ///< a running server with open registration
    qint64 serverPid = 0;      ///< for CPU/RSS readings of a server we did not start
    QString dataDir;           ///< keep server data and device tokens here across runs
    QStringList serverConfig;  ///< extra "key = value" lines for a server we start
    int threads = 0;           ///< worker event loops; 0 = one per core
    bool qtDispatcher = false; ///< workers on Qt's event dispatcher, not epoll
    bool json = false;
    /** relay, idle: connect from 127.0.0.1 .. 127.0.0.n; 1 = the kernel chooses */
    int sourceAddresses = 1;

    // relay
    int clients = 1000;
    double rate = 5000; ///< offered msgs/s in total; 0 = flat out
    int window = 32;    ///< unacked sends per client when flat out (finding 21)
    int bodyBytes = 256;
    double seconds = 10;
    double warmupSeconds = 2;

    // idle
    int idleConnections = 0; ///< 0 = default chosen in main
    double idleHoldSeconds = 5;

    // drain
    int drainMessages = 10000;

    // fanout
    int groupMembers = 1024; ///< the sender included
    int fanoutRounds = 20;   ///< measured messages, one at a time

    // media
    quint64 mediaFileBytes = 1ull << 30;      ///< the one large attachment
    int mediaTransfers = 100;                 ///< attachments moved at once
    quint64 mediaTransferBytes = 10ull << 20; ///< each of those

    // lan
    int lanMessages = 200; ///< one at a time, per path
    int lanBurst = 1000;   ///< at once, per path

    // provisioning
    int registerParallel = 8;
};

} // namespace linnet::bench

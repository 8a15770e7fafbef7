// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli and history transfer (issue 27, docs/protocol.md 13): the lines a command
// prints while it sends its history to a newly linked device, or while this device
// receives one. On stderr, so that what a script parses (--json) stays as it was.
#include "CliCommand.h"

#include <QLocale>

#include <cstdio>
#include <unistd.h>

namespace linnet::cli {

void CliCommand::awaitHistory(const protocol::MessageId &transfer)
{
    m_historySent = transfer;
    m_sending = transfer; // done once the server acknowledged it: the new device has it
    connect(&m_client->history(), &client::HistoryTransfer::progress, this,
            [this](const protocol::MessageId &id, quint64 done, quint64 total) {
                if (id != m_historySent || total == 0 || !isatty(fileno(stderr)))
                    return;
                m_err << '\r'
                      << tr("history: %1% (%2 of %3)")
                             .arg(done * 100 / total)
                             .arg(QLocale().formattedDataSize(qint64(done)),
                                  QLocale().formattedDataSize(qint64(total)))
                      << (done == total ? "\n" : "") << Qt::flush;
            });
    awaitSent();
}

void CliCommand::reportHistory()
{
    connect(&m_client->history(), &client::HistoryTransfer::imported, this,
            [this](int added, int total) {
                m_err << tr("history: %1 messages (%2 new)").arg(total).arg(added) << Qt::endl;
            });
    connect(&m_client->history(), &client::HistoryTransfer::failed, this,
            [this](const QString &reason) { m_err << tr("history: %1").arg(reason) << Qt::endl; });
}

} // namespace linnet::cli

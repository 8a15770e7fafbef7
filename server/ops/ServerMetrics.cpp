// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerMetrics.h"

#include "ops/MetricsText.h"

namespace linnet::server {

QByteArray metricsText(const MetricsSnapshot &s)
{
    MetricsText m;
    m.gauge("linnet_build_info", "The server's version, as a label.", 1,
            {{"version", QByteArray(LINNET_VERSION)}});
    m.gauge("linnet_uptime_seconds", "Seconds since the server started serving.", s.uptimeSeconds);
    m.gauge("linnet_connections", "Open WebSocket connections, by state.", double(s.authenticated),
            {{"state", "authenticated"}});
    m.sample("linnet_connections", double(s.unauthenticated), {{"state", "unauthenticated"}});
    m.gauge("linnet_http_connections",
            "Open plain HTTP connections (attachment transfers, health checks, scrapes).",
            double(s.httpConnections));
    m.gauge("linnet_media_transfers", "Attachment uploads and downloads under way.",
            double(s.mediaTransfers));
    m.gauge("linnet_deliveries_unacked",
            "Deliveries sent to signed-in devices and not acknowledged yet (at most "
            "drain_window per device).",
            double(s.deliveriesUnacked));
    m.gauge("linnet_devices_catching_up",
            "Signed-in devices still being sent what waited in their inbox.", double(s.catchingUp));
    m.counterFamily("linnet_errors_sent_total",
                    "Error frames sent to clients, by code (docs/protocol.md, error codes).");
    for (const auto &[code, count] : s.errorsSent)
        m.sample("linnet_errors_sent_total", double(count),
                 {{"code", QByteArray::number(int(code))},
                  {"name", protocol::errorCodeName(code).toUtf8()}});
    m.counter("linnet_messages_committed_total",
              "Messages accepted, stored and acknowledged (one per send, whatever the number "
              "of recipient devices).",
              double(s.commits.messages));
    m.counter("linnet_commits_total", "Write batches committed (one fsync each).",
              double(s.commits.batches));
    m.counter("linnet_commit_failures_total",
              "Write batches that failed (their messages were refused, senders resend).",
              double(s.commits.failures));
    m.summary("linnet_commit_writes", "Writes (sends, delivery acks, reads) per committed batch.",
              double(s.commits.writes), s.commits.batches);
    m.summary("linnet_commit_duration_seconds", "Time spent committing batches.",
              double(s.commits.nanoseconds) / 1e9, s.commits.batches + s.commits.failures);
    m.gauge("linnet_store_up", "1 if the database answers a read, else 0.", s.counts ? 1 : 0);
    if (s.counts) {
        m.gauge("linnet_inbox_entries",
                "Deliveries waiting for a device to take them (messages, receipts, events).",
                double(s.counts->inboxEntries));
        m.gauge("linnet_accounts", "Accounts.", double(s.counts->accounts));
        m.gauge("linnet_devices", "Devices.", double(s.counts->devices));
        m.gauge("linnet_media_blobs", "Attachments stored, complete or being uploaded.",
                double(s.counts->blobs));
        m.gauge("linnet_media_blob_bytes", "Declared size of the attachments stored, in bytes.",
                double(s.counts->blobBytes));
    }
    if (const auto process = readProcessStats()) {
        m.counter("process_cpu_seconds_total", "User and system CPU time of the server process.",
                  process->cpuSeconds);
        m.gauge("process_resident_memory_bytes", "Resident memory of the server process.",
                double(process->residentBytes));
        m.gauge("process_open_fds", "Open file descriptors (connections, database, files).",
                double(process->openFds));
        m.gauge("process_start_time_seconds", "When the process started, since the epoch.",
                process->startTimeSeconds);
    }
    return m.text();
}

} // namespace linnet::server

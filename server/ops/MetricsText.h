// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

namespace linnet::server {

/**
 * Prometheus' text exposition format (version 0.0.4): for each metric a # HELP
 * and a # TYPE line, then its samples. Names and label values are ours, never
 * a client's, so nothing needs escaping but what escapeLabel() does.
 */
class MetricsText {
public:
    using Labels = QList<std::pair<QByteArray, QByteArray>>;

    /** The Content-Type of the text. */
    static constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

    void gauge(const char *name, const char *help, double value, const Labels &labels = {});
    void counter(const char *name, const char *help, double value);
    /** A counter whose samples (one per label set, maybe none yet) follow with sample(). */
    void counterFamily(const char *name, const char *help);
    /** A summary without quantiles: NAME_sum and NAME_count. */
    void summary(const char *name, const char *help, double sum, quint64 count);
    /** One more sample of the metric declared last (another label set). */
    void sample(const char *name, double value, const Labels &labels = {});

    const QByteArray &text() const { return m_text; }

private:
    void declare(const char *name, const char *help, const char *type);

    QByteArray m_text;
};

/** What the kernel says about this process (Linux; elsewhere nullopt). */
struct ProcessStats {
    double cpuSeconds = 0; ///< user + system
    qint64 residentBytes = 0;
    qint64 openFds = 0;
    double startTimeSeconds = 0; ///< since the epoch
};
std::optional<ProcessStats> readProcessStats();

} // namespace linnet::server

// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetricsText.h"

#include <QDir>
#include <QFile>

#include <cmath>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace linnet::server {

namespace {

QByteArray number(double value)
{
    if (std::isnan(value))
        return "NaN";
    // Integers as integers (counters, bytes); others with enough digits.
    if (value == std::floor(value) && std::fabs(value) < 9e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 12);
}

QByteArray escapeLabel(const QByteArray &value)
{
    QByteArray out = value;
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

} // namespace

void MetricsText::declare(const char *name, const char *help, const char *type)
{
    m_text += QByteArray("# HELP ") + name + ' ' + help + '\n';
    m_text += QByteArray("# TYPE ") + name + ' ' + type + '\n';
}

void MetricsText::sample(const char *name, double value, const Labels &labels)
{
    m_text += name;
    if (!labels.isEmpty()) {
        m_text += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                m_text += ',';
            m_text += labels[i].first + "=\"" + escapeLabel(labels[i].second) + '"';
        }
        m_text += '}';
    }
    m_text += ' ' + number(value) + '\n';
}

void MetricsText::gauge(const char *name, const char *help, double value, const Labels &labels)
{
    declare(name, help, "gauge");
    sample(name, value, labels);
}

void MetricsText::counter(const char *name, const char *help, double value)
{
    declare(name, help, "counter");
    sample(name, value);
}

void MetricsText::counterFamily(const char *name, const char *help)
{
    declare(name, help, "counter");
}

void MetricsText::summary(const char *name, const char *help, double sum, quint64 count)
{
    declare(name, help, "summary");
    sample((QByteArray(name) + "_sum").constData(), sum);
    sample((QByteArray(name) + "_count").constData(), double(count));
}

std::optional<ProcessStats> readProcessStats()
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces: count fields after its ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime), 22 (starttime), 24 (rss); here from field 3 on.
    if (fields.size() < 22)
        return std::nullopt;
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    const double pageBytes = double(::sysconf(_SC_PAGESIZE));
    ProcessStats s;
    s.cpuSeconds = (fields[11].toDouble() + fields[12].toDouble()) / ticks;
    s.residentBytes = qint64(fields[21].toDouble() * pageBytes);
    s.openFds = QDir(QStringLiteral("/proc/self/fd"))
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System)
                    .size();
    QFile now(QStringLiteral("/proc/stat"));
    if (now.open(QIODevice::ReadOnly)) {
        for (const QByteArray &l : now.readAll().split('\n')) {
            if (l.startsWith("btime ")) {
                s.startTimeSeconds = l.mid(6).trimmed().toDouble() + fields[19].toDouble() / ticks;
                break;
            }
        }
    }
    return s;
#else
    return std::nullopt;
#endif
}

} // namespace linnet::server

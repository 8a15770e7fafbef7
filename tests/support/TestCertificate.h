// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace linnet::test {

/** What makeTestCertificate() did. */
enum class TestCertificateResult { Made, NoOpenssl, Failed };

/**
 * A self-signed EC certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1, two days) and
 * its unencrypted key, as PEM files at @p certPath and @p keyPath, made by the openssl
 * command (NoOpenssl: it is not installed; tests skip then).
 */
TestCertificateResult makeTestCertificate(const QString &certPath, const QString &keyPath);

} // namespace linnet::test

// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Result.h"
#include "crypto/CryptoResult.h"
#include "protocol/Result.h"

#include <QtTest>

#include <memory>
#include <optional>
#include <type_traits>
#include <variant>

using linnet::Result;
using linnet::protocol::Error;
using linnet::protocol::ErrorCode;
using linnet::protocol::makeError;

// The layers' names are the one template, not look-alikes of it.
static_assert(std::is_same_v<linnet::protocol::Result<int>, Result<int, Error>>);
static_assert(std::is_same_v<linnet::protocol::Status, Result<void, Error>>);
static_assert(
    std::is_same_v<linnet::crypto::Result<int>, Result<int, linnet::crypto::CryptoFailure>>);
// Success or failure is tested explicitly, never by accident in arithmetic.
static_assert(!std::is_convertible_v<Result<int, Error>, bool>);
static_assert(!std::is_convertible_v<linnet::protocol::Status, bool>);

namespace {

linnet::protocol::Status refuseOdd(int n)
{
    if (n % 2 != 0)
        return makeError(ErrorCode::InvalidField, QStringLiteral("%1 is odd").arg(n));
    return {};
}

} // namespace

/** linnet::Result and Status: which side they hold, and what each side gives back. */
class TestResult : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aValueIsOkAndGivesItBack()
    {
        const Result<QString, Error> r(QStringLiteral("alice"));
        QVERIFY(r.ok());
        QVERIFY(bool(r));
        QCOMPARE(r.value(), QStringLiteral("alice"));
        QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, r.error());
    }

    void anErrorIsNotOkAndGivesItsReason()
    {
        const linnet::protocol::Result<QString> r =
            makeError(ErrorCode::FrameTooLarge, QStringLiteral("too big"));
        QVERIFY(!r.ok());
        QVERIFY(!bool(r));
        QCOMPARE(r.error().code, ErrorCode::FrameTooLarge);
        QCOMPARE(r.error().reason, QStringLiteral("too big"));
        QVERIFY_THROWS_EXCEPTION(std::bad_variant_access, r.value());
    }

    void aFalseOrEmptyValueIsStillOk()
    {
        const Result<bool, Error> no(false);
        QVERIFY(no.ok());
        QCOMPARE(no.value(), false);
        const Result<std::optional<int>, Error> nothing(std::optional<int>{});
        QVERIFY(nothing.ok());
        QVERIFY(!nothing.value().has_value());
    }

    void theValueCanBeChangedInPlaceOrMovedOut()
    {
        Result<QByteArray, Error> r(QByteArray("ab"));
        r.value().append('c');
        QCOMPARE(r.value(), QByteArray("abc"));

        Result<std::unique_ptr<int>, Error> owner(std::make_unique<int>(7));
        const std::unique_ptr<int> taken = std::move(owner).value();
        QVERIFY(taken);
        QCOMPARE(*taken, 7);
        QVERIFY(owner.ok());
        QVERIFY(!owner.value()); // moved out, not copied
    }

    void aCryptoResultCarriesItsFailure()
    {
        using linnet::crypto::CryptoError;
        const linnet::crypto::Result<QByteArray> r =
            linnet::crypto::cryptoFailure(CryptoError::Replayed, QStringLiteral("seen"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, CryptoError::Replayed);
        QCOMPARE(r.error().reason, QStringLiteral("seen"));
    }

    void aStatusIsOkByDefaultAndHasNoError()
    {
        const linnet::protocol::Status s;
        QVERIFY(s.ok());
        QVERIFY(bool(s));
        QVERIFY_THROWS_EXCEPTION(std::bad_optional_access, s.error());
        QVERIFY(refuseOdd(4).ok());
    }

    void aFailedStatusGivesItsReasonAndKeepsItWhenCopied()
    {
        const linnet::protocol::Status s = refuseOdd(3);
        QVERIFY(!s.ok());
        QVERIFY(!bool(s));
        QCOMPARE(s.error(), (Error{ErrorCode::InvalidField, QStringLiteral("3 is odd")}));

        linnet::protocol::Status copy = s;
        QCOMPARE(copy.error().reason, QStringLiteral("3 is odd"));
        copy = refuseOdd(2);
        QVERIFY(copy.ok());
        QVERIFY(!s.ok()); // the original is untouched
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"

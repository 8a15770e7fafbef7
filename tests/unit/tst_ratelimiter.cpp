// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/RateLimiter.h"

#include <QtTest>

using linnet::server::RateLimiter;
using linnet::server::TokenBucket;

class TestRateLimiter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void burstThenRefill()
    {
        RateLimiter limiter(3, 1); // 3 at once, then one per second
        const QString key = QStringLiteral("ip:1.2.3.4");
        QVERIFY(limiter.tryConsume(key, 1000));
        QVERIFY(limiter.tryConsume(key, 1000));
        QVERIFY(limiter.tryConsume(key, 1000));
        QVERIFY(!limiter.tryConsume(key, 1000));
        QVERIFY(!limiter.wouldAllow(key, 1500));
        QVERIFY(limiter.wouldAllow(key, 2000));
        QVERIFY(limiter.tryConsume(key, 2000));
        QVERIFY(!limiter.tryConsume(key, 2000));
        // Refill never exceeds the burst.
        QVERIFY(limiter.tryConsume(key, 100000));
        QVERIFY(limiter.tryConsume(key, 100000));
        QVERIFY(limiter.tryConsume(key, 100000));
        QVERIFY(!limiter.tryConsume(key, 100000));
    }

    void keysAreIndependent()
    {
        RateLimiter limiter(1, 0.1);
        QVERIFY(limiter.tryConsume(QStringLiteral("a"), 0));
        QVERIFY(!limiter.tryConsume(QStringLiteral("a"), 0));
        QVERIFY(limiter.tryConsume(QStringLiteral("b"), 0));
    }

    void consumeCountsFailuresWithoutGoingNegative()
    {
        RateLimiter limiter(2, 1);
        const QString key = QStringLiteral("user:ana");
        for (int i = 0; i < 10; ++i)
            limiter.consume(key, 0);
        // Empty, not in debt: one second brings one attempt back.
        QVERIFY(!limiter.wouldAllow(key, 500));
        QVERIFY(limiter.wouldAllow(key, 1000));
    }

    void memoryStaysBounded()
    {
        RateLimiter limiter(5, 1000);
        for (int i = 0; i < 30000; ++i)
            limiter.consume(QString::number(i), qint64(i) * 10);
        // Buckets that refilled are pruned as the table grows.
        QVERIFY2(limiter.trackedKeys() <= 10001,
                 qPrintable(QString::number(limiter.trackedKeys())));
    }

    void singleBucket()
    {
        TokenBucket b = TokenBucket::full(2, 0);
        QVERIFY(b.take(2, 4, 0));
        QVERIFY(b.take(2, 4, 0));
        QVERIFY(!b.take(2, 4, 0));
        QVERIFY(!b.take(2, 4, 200));
        QVERIFY(b.take(2, 4, 250));
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"

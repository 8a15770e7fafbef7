// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChatListDelegate.h"

#include "GroupTexts.h"

#include "models/ConversationListModel.h"
#include "Theme.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

namespace linnet::ui {

using client::ConversationListModel;

namespace {
constexpr int kRowHeight = 68;
constexpr int kAvatar = 46;
constexpr int kPad = 12;

QFont scaled(QFont font, qreal factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(std::max(1, int(font.pixelSize() * factor)));
    return font;
}
} // namespace

ChatListDelegate::ChatListDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QSize ChatListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int lines = 2 * option.fontMetrics.height() + 18;
    return {240, std::max(kRowHeight, lines)};
}

QString ChatListDelegate::listTimestamp(qint64 msUtc, const QDateTime &now)
{
    if (msUtc <= 0)
        return {};
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(msUtc).toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QLocale locale;
    const qint64 days = when.date().daysTo(today);
    if (days <= 0)
        return shortTime(when.time());
    if (days == 1)
        return tr("Yesterday");
    if (days < 7)
        return locale.dayName(when.date().dayOfWeek(), QLocale::LongFormat);
    return locale.toString(when.date(), QLocale::ShortFormat);
}

QString ChatListDelegate::shortTime(const QTime &time)
{
    // Some locales' short format (C among them) still carries seconds.
    static const QRegularExpression seconds(QStringLiteral("[:.]ss"));
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(seconds);
    return locale.toString(time, format);
}

QColor ChatListDelegate::avatarColor(const QString &name)
{
    // Hue from the name, saturation and value fixed so white initials stay readable.
    // FNV-1a: qHash is seeded per process, and a contact's colour must not change.
    quint32 h = 2166136261u;
    for (const QChar c : name) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return QColor::fromHsv(int(h % 360), 150, 185);
}

void ChatListDelegate::paintAvatar(QPainter *painter, const QRectF &rect, const QString &name,
                                   const QString &initials)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(avatarColor(name));
    painter->drawEllipse(rect);
    QFont f = painter->font();
    f.setBold(true);
    f.setPixelSize(int(rect.height() * 0.38));
    painter->setFont(f);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, initials);
    painter->restore();
}

void ChatListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);

    const QPalette &pal = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool hovered = opt.state & QStyle::State_MouseOver;
    if (selected)
        painter->fillRect(opt.rect, pal.color(QPalette::Highlight));
    else if (hovered)
        painter->fillRect(opt.rect, pal.color(QPalette::AlternateBase));
    if (opt.state & QStyle::State_HasFocus && selected) {
        // A visible keyboard cursor: an accent bar on the left edge.
        painter->fillRect(QRect(opt.rect.left(), opt.rect.top(), 3, opt.rect.height()),
                          accentColor());
    }

    const QString title = index.data(ConversationListModel::TitleRole).toString();
    const QString initials = index.data(ConversationListModel::InitialsRole).toString();
    const QRectF avatar(opt.rect.left() + kPad, opt.rect.center().y() - kAvatar / 2.0 + 1, kAvatar,
                        kAvatar);
    paintAvatar(painter, avatar, title, initials);
    if (index.data(ConversationListModel::OnlineRole).toBool()) {
        const qreal d = 13;
        const QRectF dot(avatar.right() - d + 1, avatar.bottom() - d + 1, d, d);
        painter->setPen(
            QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base), 2.5));
        painter->setBrush(QColor(0x2e, 0xc2, 0x5b));
        painter->drawEllipse(dot);
    }

    const int textLeft = int(avatar.right()) + kPad;
    const int right = opt.rect.right() - kPad;
    const QFontMetrics baseFm(opt.font);
    const int lineGap = 4;
    const int blockHeight = 2 * baseFm.height() + lineGap;
    const int top = opt.rect.top() + (opt.rect.height() - blockHeight) / 2;
    const QColor textColor = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    const bool marked = unread == 0 && index.data(ConversationListModel::MarkedUnreadRole).toBool();

    // First line: time on the right, name takes what is left.
    const QFont timeFont = scaled(opt.font, 0.85);
    const QFontMetrics timeFm(timeFont);
    const QString time =
        listTimestamp(index.data(ConversationListModel::LastActivityRole).toLongLong(),
                      QDateTime::currentDateTime());
    const int timeWidth = timeFm.horizontalAdvance(time);
    painter->setFont(timeFont);
    painter->setPen(unread > 0 ? accentColor() : dim);
    painter->drawText(QRect(right - timeWidth, top, timeWidth, baseFm.height()),
                      Qt::AlignRight | Qt::AlignVCenter, time);

    QFont nameFont = opt.font;
    nameFont.setBold(true);
    const QFontMetrics nameFm(nameFont);
    const int nameWidth = std::max(0, right - timeWidth - 8 - textLeft);
    painter->setFont(nameFont);
    painter->setPen(textColor);
    painter->drawText(QRect(textLeft, top, nameWidth, baseFm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameFm.elidedText(title, Qt::ElideRight, nameWidth));

    // Second line: badge on the right, preview or typing in what is left.
    const int line2 = top + baseFm.height() + lineGap;
    int previewRight = right;
    if (unread > 0 || marked) {
        QFont badgeFont = scaled(opt.font, 0.8);
        badgeFont.setBold(true);
        const QFontMetrics badgeFm(badgeFont);
        const QString count = marked         ? QString()
                              : unread > 999 ? QStringLiteral("999+")
                                             : QString::number(unread);
        const int h = baseFm.height();
        const int w = std::max(h, badgeFm.horizontalAdvance(count) + 10);
        const QRectF badge(right - w, line2, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(accentColor());
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, count);
        previewRight = int(badge.left()) - 8;
    }
    // Muted and pinned: small marks before the badge.
    QString marks;
    if (index.data(ConversationListModel::MutedRole).toBool())
        marks += QStringLiteral("🔕");
    if (index.data(ConversationListModel::PinnedRole).toBool())
        marks += QStringLiteral("📌");
    if (!marks.isEmpty()) {
        const int marksWidth = baseFm.horizontalAdvance(marks);
        painter->setFont(opt.font);
        painter->setPen(dim);
        painter->drawText(QRect(previewRight - marksWidth, line2, marksWidth, baseFm.height()),
                          Qt::AlignRight | Qt::AlignVCenter, marks);
        previewRight -= marksWidth + 6;
    }
    const bool typing = index.data(ConversationListModel::TypingRole).toBool();
    const QString draft = index.data(ConversationListModel::DraftRole).toString();
    int previewLeft = textLeft;
    if (!typing && !draft.isEmpty()) {
        // "Draft:" in red before the draft, as the user left it.
        const QString label = tr("Draft:") + QLatin1Char(' ');
        painter->setFont(opt.font);
        painter->setPen(selected ? textColor : QColor(0xd0, 0x30, 0x30));
        const int labelWidth = baseFm.horizontalAdvance(label);
        painter->drawText(QRect(textLeft, line2, labelWidth, baseFm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, label);
        previewLeft += labelWidth;
    }
    QString preview = previewText(index);
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QFont previewFont = opt.font;
    previewFont.setItalic(typing);
    painter->setFont(previewFont);
    painter->setPen(typing ? accentColor() : (selected ? textColor : dim));
    const int previewWidth = std::max(0, previewRight - previewLeft);
    painter->drawText(QRect(previewLeft, line2, previewWidth, baseFm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(previewFont).elidedText(preview, Qt::ElideRight, previewWidth));

    // A hairline between rows, starting under the text like most messengers.
    painter->setPen(QPen(pal.color(QPalette::Midlight), 1));
    painter->drawLine(textLeft, opt.rect.bottom(), opt.rect.right(), opt.rect.bottom());
    painter->restore();
}

QString ChatListDelegate::previewText(const QModelIndex &index) const
{
    if (index.data(ConversationListModel::TypingRole).toBool())
        return tr("typing…");
    if (const QString draft = index.data(ConversationListModel::DraftRole).toString();
        !draft.isEmpty())
        return draft; // painted after a red "Draft:"
    const QVariantMap event = index.data(ConversationListModel::LastEventRole).toMap();
    if (!event.isEmpty())
        return GroupTexts::event(event, m_self);
    return index.data(ConversationListModel::LastMessageRole).toString();
}

} // namespace linnet::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageDelegate.h"

#include "ChatListDelegate.h"
#include "ClientTypes.h"
#include "GroupTexts.h"
#include "models/MessageModel.h"
#include "Theme.h"
#include "actions/QuotePainter.h"
#include "actions/ReactionsPainter.h"
#include "attachments/VoiceNotePlayback.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QToolTip>

namespace linnet::ui {

using client::DeliveryState;
using client::MessageModel;

namespace {
constexpr int kSideMargin = 14;
constexpr int kPadH = 10;
constexpr int kPadV = 6;
constexpr int kGapNewSender = 8;
constexpr int kGapSameSender = 2;
constexpr int kMarkWidth = 18;
constexpr qreal kRadius = 9;

const QRegularExpression &linkPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?:https?://|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]}])"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

bool isEmoji(char32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2300 && c <= 0x23FF) || c == 0xFE0F ||
           c == 0x200D || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

QFont smallFont(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.8);
    else
        font.setPixelSize(std::max(1, font.pixelSize() * 4 / 5));
    return font;
}

QDate localDate(const QModelIndex &index)
{
    const qint64 ms = index.data(MessageModel::SentAtRole).toLongLong();
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().date();
}

/** Lays @p layout out in lines of @p maxWidth; returns the widest line and total height. */
QSizeF layoutLines(QTextLayout *layout, qreal maxWidth)
{
    layout->beginLayout();
    qreal y = 0;
    qreal widest = 0;
    for (;;) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(maxWidth);
        line.setPosition(QPointF(0, y));
        y += line.height();
        widest = std::max(widest, line.naturalTextWidth());
    }
    layout->endLayout();
    return {std::ceil(widest), std::ceil(y)};
}
} // namespace

MessageDelegate::MessageDelegate(QAbstractItemView *view) : QStyledItemDelegate(view), m_view(view)
{
}

QString MessageDelegate::dayLabel(const QDate &day, const QDate &today)
{
    const qint64 days = day.daysTo(today);
    if (days == 0)
        return tr("Today");
    if (days == 1)
        return tr("Yesterday");
    const QLocale locale;
    if (days > 1 && days < 7)
        return locale.dayName(day.dayOfWeek(), QLocale::LongFormat);
    return locale.toString(day, QLocale::LongFormat);
}

QFont MessageDelegate::messageFont(const QFont &base)
{
    QFont f = base;
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Color Emoji")});
    return f;
}

QList<QUrl> MessageDelegate::linksIn(const QString &text)
{
    QList<QUrl> out;
    auto it = linkPattern().globalMatch(text);
    while (it.hasNext()) {
        QString s = it.next().captured(0);
        if (s.startsWith(QLatin1String("www."), Qt::CaseInsensitive))
            s.prepend(QLatin1String("https://"));
        const QUrl url(s, QUrl::TolerantMode);
        if (url.isValid())
            out << url;
    }
    return out;
}

void MessageDelegate::prepareLayout(QTextLayout *layout, const QString &text, const QFont &font,
                                    const QColor &linkColor) const
{
    QString shown = text;
    shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
    layout->setText(shown);
    layout->setFont(font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->setTextOption(option);

    QList<QTextLayout::FormatRange> formats;
    // DejaVu has monochrome glyphs for some emoji: emoji runs get the colour font.
    QTextCharFormat emoji;
    emoji.setFontFamilies({QStringLiteral("Noto Color Emoji")});
    int i = 0;
    while (i < shown.size()) {
        const char32_t c = shown.at(i).isHighSurrogate() && i + 1 < shown.size()
                               ? QChar::surrogateToUcs4(shown.at(i), shown.at(i + 1))
                               : char32_t(shown.at(i).unicode());
        const int len = c > 0xFFFF ? 2 : 1;
        if (isEmoji(c)) {
            if (!formats.isEmpty() && formats.last().start + formats.last().length == i &&
                formats.last().format == emoji)
                formats.last().length += len;
            else
                formats.append({i, len, emoji});
        }
        i += len;
    }
    QTextCharFormat link;
    link.setFontUnderline(true);
    link.setForeground(linkColor);
    auto it = linkPattern().globalMatch(shown);
    while (it.hasNext()) {
        const auto m = it.next();
        formats.append({int(m.capturedStart()), int(m.capturedLength()), link});
    }
    layout->setFormats(formats);
}

MessageDelegate::Geometry MessageDelegate::geometry(const QStyleOptionViewItem &option,
                                                    const QModelIndex &index,
                                                    QTextLayout *layout) const
{
    Geometry g;
    const int rowWidth = m_view ? m_view->viewport()->width() : option.rect.width();
    const bool outgoing = index.data(MessageModel::OutgoingRole).toBool();
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    const QDate day = localDate(index);
    const QFontMetrics small(smallFont(option.font));

    int gap = kGapNewSender;
    if (!previous.isValid() || localDate(previous) != day) {
        g.dayText = dayLabel(day, QDate::currentDate());
        g.separatorHeight = small.height() + 22;
    } else if (previous.data(MessageModel::SenderRole) == index.data(MessageModel::SenderRole)) {
        gap = kGapSameSender;
    }

    const auto kind = client::MessageKind(index.data(MessageModel::KindRole).toInt());
    if (kind == client::MessageKind::Notice || kind == client::MessageKind::GroupEvent) {
        // The app speaking (a security code changed, a member joined): a centred pill.
        prepareLayout(layout, displayText(index), smallFont(option.font),
                      option.palette.color(QPalette::Link));
        const QSizeF text = layoutLines(layout, std::min(rowWidth - 4 * kSideMargin, 520));
        const qreal top = g.separatorHeight + kGapNewSender;
        g.notice = true;
        g.bubble = QRectF((rowWidth - text.width()) / 2 - kPadH, top, text.width() + 2 * kPadH,
                          text.height() + 2 * kPadV);
        g.textOrigin = QPointF(g.bubble.left() + kPadH, top + kPadV);
        g.height = int(std::ceil(g.bubble.bottom() + kGapNewSender));
        return g;
    }
    QFont font = messageFont(option.font);
    font.setItalic(kind == client::MessageKind::Undecryptable ||
                   index.data(MessageModel::DeletedRole).toBool());
    const QColor linkColor = outgoing ? QColor(Qt::white) : option.palette.color(QPalette::Link);
    const QString body = displayText(index);
    prepareLayout(layout, body, font, linkColor);
    const int maxBubble = std::max(120, std::min(int(rowWidth * 0.75), 640));
    // An attachment without a caption has no text line under it.
    g.attachment = index.data(MessageModel::AttachmentRole).toMap();
    const bool hasAttachment = !g.attachment.isEmpty();
    const QSizeF text =
        hasAttachment && body.isEmpty() ? QSizeF() : layoutLines(layout, maxBubble - 2 * kPadH);
    // Pictures nearly fill their bubble; a file card keeps the text's margins.
    const qreal mediaPad = hasAttachment && AttachmentFiles::isVisual(g.attachment) ? 3 : kPadH;
    QSizeF mediaSize;
    if (hasAttachment)
        mediaSize = mediaLayout(g.attachment, outgoing, option.font, {}, maxBubble - 2 * mediaPad)
                        .area.size();

    const QString time = footerTime(index);
    const qreal footerWidth = small.horizontalAdvance(time) + (outgoing ? kMarkWidth + 4 : 0);
    // In a group, the first of a run of incoming messages names its sender.
    if (m_group && !outgoing && gap == kGapNewSender)
        g.sender = index.data(MessageModel::SenderRole).toString();
    const qreal senderHeight = g.sender.isEmpty() ? 0 : small.height() + 2;
    QFont senderFont = smallFont(option.font);
    senderFont.setBold(true);
    const qreal senderWidth =
        g.sender.isEmpty() ? 0 : QFontMetricsF(senderFont).horizontalAdvance(g.sender);
    g.reply = index.data(MessageModel::ReplyRole).toMap();
    const QSizeF quote = g.reply.isEmpty()
                             ? QSizeF()
                             : QuotePainter::size(g.reply, option.font, maxBubble - 2 * kPadH);
    const qreal contentWidth = std::max({text.width(), footerWidth, senderWidth, quote.width()});
    const qreal bubbleWidth =
        std::max(contentWidth + 2 * kPadH, hasAttachment ? mediaSize.width() + 2 * mediaPad : 0);
    const qreal top = g.separatorHeight + gap;
    const qreal left = outgoing ? rowWidth - kSideMargin - bubbleWidth : kSideMargin;
    g.senderOrigin = QPointF(left + kPadH, top + kPadV);
    qreal y = top + kPadV + senderHeight;
    if (!g.reply.isEmpty()) {
        g.quote = QRectF(left + kPadH, y, bubbleWidth - 2 * kPadH, quote.height());
        y = g.quote.bottom() + 4;
    }
    if (hasAttachment) {
        if (senderHeight == 0 && g.reply.isEmpty())
            y = top + std::min<qreal>(mediaPad, kPadV);
        const qreal x =
            mediaPad == kPadH ? left + kPadH : left + (bubbleWidth - mediaSize.width()) / 2;
        g.media = mediaLayout(g.attachment, outgoing, option.font, QPointF(x, y),
                              maxBubble - 2 * mediaPad);
        y = g.media.area.bottom() + (text.isEmpty() ? 2 : 6);
    }
    g.textOrigin = QPointF(left + kPadH, y);
    g.footer = QRectF(left + bubbleWidth - kPadH - footerWidth, y + text.height() + 2, footerWidth,
                      small.height());
    const qreal bubbleHeight = g.footer.bottom() + kPadV - top;
    g.bubble = QRectF(left, top, bubbleWidth, bubbleHeight);
    g.height = int(std::ceil(top + bubbleHeight));
    g.reactions = index.data(MessageModel::ReactionsRole).toList();
    qreal below = g.bubble.bottom();
    if (!g.reactions.isEmpty()) {
        g.reactionsRect = ReactionsPainter::layoutUnder(g.reactions, option.font, g.bubble,
                                                        outgoing, maxBubble, &g.reactionPills);
        below = g.reactionsRect.bottom();
        g.height = int(std::ceil(below + 2));
    }
    g.problem = outgoing ? problemText(index) : QString();
    if (!g.problem.isEmpty()) {
        g.failed =
            DeliveryState(index.data(MessageModel::StateRole).toInt()) == DeliveryState::Failed;
        const int width = std::max(120, std::min(rowWidth - 2 * kSideMargin, 520));
        const QRect r = small.boundingRect(QRect(0, 0, width, 1000),
                                           Qt::AlignRight | Qt::TextWordWrap, g.problem);
        g.problemRect =
            QRectF(rowWidth - kSideMargin - r.width(), below + 3, r.width(), r.height());
        g.height = int(std::ceil(g.problemRect.bottom() + 2));
    }
    return g;
}

QString MessageDelegate::problemText(const QModelIndex &index)
{
    const QString problem = index.data(MessageModel::ProblemRole).toString();
    const auto state = DeliveryState(index.data(MessageModel::StateRole).toInt());
    if (state == DeliveryState::Failed)
        return problem.isEmpty() ? tr("Not sent. Right-click to retry or delete.")
                                 : tr("Not sent: %1. Right-click to retry or delete.").arg(problem);
    if (state == DeliveryState::Queued && !problem.isEmpty())
        return tr("Not sent yet: %1").arg(problem);
    return {};
}

QString MessageDelegate::displayText(const QModelIndex &index) const
{
    const auto kind = client::MessageKind(index.data(MessageModel::KindRole).toInt());
    if (kind == client::MessageKind::GroupEvent)
        return GroupTexts::event(index.data(MessageModel::GroupEventRole).toMap(), m_self);
    if (index.data(MessageModel::DeletedRole).toBool())
        return tr("This message was deleted");
    return index.data(MessageModel::TextRole).toString();
}

QString MessageDelegate::footerTime(const QModelIndex &index)
{
    const QString time = ChatListDelegate::shortTime(
        QDateTime::fromMSecsSinceEpoch(index.data(MessageModel::SentAtRole).toLongLong())
            .toLocalTime()
            .time());
    const bool deleted = index.data(MessageModel::DeletedRole).toBool();
    const QString shown = index.data(MessageModel::EditedAtRole).toLongLong() != 0 && !deleted
                              ? tr("edited %1", "the time under an edited message").arg(time)
                              : time;
    return index.data(MessageModel::ForwardedRole).toBool() && !deleted
               ? tr("Forwarded · %1", "the time under a forwarded message").arg(shown)
               : shown;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);
    const int width = m_view ? m_view->viewport()->width() : option.rect.width();
    return {std::max(1, width), g.height};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);
    const QPalette &pal = option.palette;
    const bool outgoing = index.data(MessageModel::OutgoingRole).toBool();
    const bool dark = isDarkPalette(pal);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->translate(option.rect.topLeft());

    const QFont small = smallFont(option.font);
    if (g.separatorHeight > 0) {
        const QFontMetrics fm(small);
        const qreal w = fm.horizontalAdvance(g.dayText) + 20;
        const QRectF pill((option.rect.width() - w) / 2, 8, w, fm.height() + 6);
        painter->setPen(Qt::NoPen);
        painter->setBrush(dark ? pal.color(QPalette::AlternateBase) : pal.color(QPalette::Base));
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter->setFont(small);
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(pill, Qt::AlignCenter, g.dayText);
    }

    if (g.notice) {
        painter->setPen(QPen(pal.color(QPalette::Midlight), 1));
        painter->setBrush(dark ? pal.color(QPalette::AlternateBase) : QColor(0xff, 0xf6, 0xd5));
        painter->drawRoundedRect(g.bubble, kRadius, kRadius);
        painter->setPen(pal.color(QPalette::Text));
        layout.draw(painter, g.textOrigin);
        painter->restore();
        return;
    }

    QColor bubbleColor = outgoing ? accentColor()
                                  : (dark ? pal.color(QPalette::AlternateBase).lighter(125)
                                          : pal.color(QPalette::Base));
    if (option.state & QStyle::State_Selected)
        bubbleColor = outgoing ? bubbleColor.darker(125)
                               : (dark ? bubbleColor.lighter(140) : bubbleColor.darker(112));
    if (!dark && !outgoing) {
        // A faint edge so white bubbles do not melt into a light background.
        painter->setPen(QPen(pal.color(QPalette::Midlight), 1));
    } else {
        painter->setPen(Qt::NoPen);
    }
    painter->setBrush(bubbleColor);
    painter->drawRoundedRect(g.bubble, kRadius, kRadius);
    if (option.state & QStyle::State_HasFocus && option.state & QStyle::State_Selected) {
        painter->setPen(QPen(outgoing ? QColor(Qt::white) : accentColor(), 1.5, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(g.bubble.adjusted(2, 2, -2, -2), kRadius - 2, kRadius - 2);
    }

    if (!g.sender.isEmpty()) {
        QFont senderFont = small;
        senderFont.setBold(true);
        painter->setFont(senderFont);
        painter->setPen(ChatListDelegate::avatarColor(g.sender));
        painter->drawText(QRectF(g.senderOrigin, QSizeF(g.bubble.width() - 2 * kPadH,
                                                        QFontMetricsF(senderFont).height())),
                          Qt::AlignLeft | Qt::AlignTop, g.sender);
    }
    if (!g.reply.isEmpty())
        QuotePainter::paint(painter, g.quote, g.reply, outgoing, pal, option.font);
    const QString id = index.data(MessageModel::IdRole).toString();
    if (VoiceNotePainter::isVoice(g.attachment))
        VoiceNotePainter::paint(painter, g.media, g.attachment, playback(id), outgoing, pal,
                                option.font);
    else if (!g.attachment.isEmpty())
        m_attachments.paint(painter, g.media, g.attachment, id, outgoing, pal, option.font);
    const QColor textColor = outgoing ? QColor(Qt::white) : pal.color(QPalette::Text);
    painter->setPen(textColor);
    layout.draw(painter, g.textOrigin);

    QColor meta = outgoing ? QColor(255, 255, 255, 200) : pal.color(QPalette::PlaceholderText);
    const QString time = footerTime(index);
    painter->setFont(small);
    painter->setPen(meta);
    QRectF timeRect = g.footer;
    if (outgoing)
        timeRect.setRight(timeRect.right() - kMarkWidth - 4);
    painter->drawText(timeRect, Qt::AlignRight | Qt::AlignVCenter, time);
    if (outgoing) {
        const QRectF mark(g.footer.right() - kMarkWidth, g.footer.top(), kMarkWidth,
                          g.footer.height());
        paintStateMark(painter, mark, index.data(MessageModel::StateRole).toInt(), meta);
    }
    if (!g.reactions.isEmpty())
        ReactionsPainter::paint(painter, g.reactionPills, g.reactions, m_self, pal, option.font);
    if (!g.problem.isEmpty()) {
        painter->setFont(small);
        painter->setPen(g.failed ? QColor(0xd0, 0x30, 0x30) : pal.color(QPalette::PlaceholderText));
        painter->drawText(g.problemRect, Qt::AlignRight | Qt::TextWordWrap, g.problem);
    }
    painter->restore();
}

QStyleOptionViewItem MessageDelegate::viewOption(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    if (m_view) {
        option.initFrom(m_view->viewport());
        option.font = m_view->font();
        option.rect = m_view->visualRect(index);
    }
    return option;
}

QRect MessageDelegate::attachmentRect(const QModelIndex &index, bool button) const
{
    const QStyleOptionViewItem option = viewOption(index);
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);
    if (g.attachment.isEmpty())
        return {};
    const QRectF r = button ? g.media.button : g.media.area;
    return r.isEmpty() ? QRect() : r.translated(option.rect.topLeft()).toAlignedRect();
}

QRect MessageDelegate::quoteRect(const QModelIndex &index) const
{
    const QStyleOptionViewItem option = viewOption(index);
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);
    return g.reply.isEmpty() ? QRect() : g.quote.translated(option.rect.topLeft()).toAlignedRect();
}

QRect MessageDelegate::reactionsRect(const QModelIndex &index) const
{
    const QStyleOptionViewItem option = viewOption(index);
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);
    return g.reactions.isEmpty()
               ? QRect()
               : g.reactionsRect.translated(option.rect.topLeft()).toAlignedRect();
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    QTextLayout layout;
    const Geometry g = geometry(option, index, &layout);
    const QPointF pos = mouse->position() - option.rect.topLeft();
    if (!g.reply.isEmpty() && g.quote.contains(pos)) {
        Q_EMIT quoteActivated(g.reply.value(QStringLiteral("id")).toString());
        return true;
    }
    if (const QString emoji = ReactionsPainter::emojiAt(g.reactionPills, g.reactions, pos);
        !emoji.isEmpty()) {
        Q_EMIT reactionClicked(index, emoji);
        return true;
    }
    if (g.attachment.isEmpty())
        return false;
    if (VoiceNotePainter::isVoice(g.attachment) &&
        g.media.action == AttachmentFiles::Action::None && g.media.area.contains(pos)) {
        // A note plays in its bubble: the button plays or pauses, the waveform moves it.
        const qreal at = VoiceNotePainter::fractionAt(g.media, pos);
        Q_EMIT voiceNoteClicked(index, g.media.button.contains(pos) ? -1 : at);
        return true;
    }
    if (g.media.button.contains(pos) && g.media.action != AttachmentFiles::Action::None) {
        Q_EMIT attachmentActionRequested(index, g.media.action);
        return true;
    }
    if (g.media.area.contains(pos)) {
        Q_EMIT attachmentActivated(index);
        return true;
    }
    return false;
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip) {
        QTextLayout layout;
        const Geometry g = geometry(option, index, &layout);
        const QPointF pos = QPointF(event->pos()) - option.rect.topLeft();
        const bool outgoing = index.data(MessageModel::OutgoingRole).toBool();
        QString tip;
        if (VoiceNotePainter::isVoice(g.attachment) && g.media.button.contains(pos))
            tip = VoiceNotePainter::buttonText(
                g.attachment, playback(index.data(MessageModel::IdRole).toString()), outgoing);
        else if (!g.attachment.isEmpty() && g.media.button.contains(pos))
            tip = AttachmentFiles::actionText(g.media.action, g.attachment, outgoing);
        else if (!g.attachment.isEmpty() && g.media.area.contains(pos))
            tip = AttachmentFiles::describe(g.attachment);
        else if (g.reactionsRect.contains(pos))
            tip = ReactionsPainter::whoReacted(g.reactions, m_self);
        if (!tip.isEmpty()) {
            QToolTip::showText(event->globalPos(), tip, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

void MessageDelegate::paintStateMark(QPainter *painter, const QRectF &rect, int state,
                                     const QColor &color) const
{
    painter->save();
    const qreal s = std::min(rect.height(), 12.0);
    const QPointF c = rect.center();
    switch (DeliveryState(state)) {
    case DeliveryState::Queued: {
        // A small clock: not sent yet.
        painter->setPen(QPen(color, 1.3));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(c, s / 2 - 0.5, s / 2 - 0.5);
        painter->drawLine(c, c + QPointF(0, -s / 3));
        painter->drawLine(c, c + QPointF(s / 4, 0));
        break;
    }
    case DeliveryState::Sent:
    case DeliveryState::Delivered:
    case DeliveryState::Read: {
        const QColor tick = DeliveryState(state) == DeliveryState::Read
                                ? QColor(0x6c, 0xd0, 0xff) // WhatsApp-like blue, clear on accent
                                : color;
        painter->setPen(QPen(tick, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        auto check = [&](qreal dx, bool shortLeg) {
            QPainterPath p;
            const qreal x0 = rect.left() + 2 + dx;
            const qreal y0 = c.y();
            if (shortLeg)
                p.moveTo(x0 + s * 0.32, y0 + s * 0.28);
            else
                p.moveTo(x0, y0);
            p.lineTo(x0 + s * 0.32, y0 + s * 0.32);
            p.lineTo(x0 + s * 0.85, y0 - s * 0.36);
            painter->drawPath(p);
        };
        if (DeliveryState(state) == DeliveryState::Sent) {
            check(2, false);
        } else {
            check(0, false);
            check(s * 0.42, true);
        }
        break;
    }
    case DeliveryState::Failed: {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xe0, 0x3e, 0x3e));
        painter->drawEllipse(c, s / 2 + 0.5, s / 2 + 0.5);
        QFont f = painter->font();
        f.setBold(true);
        f.setPixelSize(int(s * 0.9));
        painter->setFont(f);
        painter->setPen(Qt::white);
        painter->drawText(QRectF(c.x() - s / 2, c.y() - s / 2, s, s), Qt::AlignCenter,
                          QStringLiteral("!"));
        break;
    }
    }
    painter->restore();
}

AttachmentPainter::Layout MessageDelegate::mediaLayout(const QVariantMap &attachment, bool outgoing,
                                                       const QFont &font, const QPointF &topLeft,
                                                       qreal maxWidth)
{
    return VoiceNotePainter::isVoice(attachment)
               ? VoiceNotePainter::layout(attachment, outgoing, font, topLeft, maxWidth)
               : AttachmentPainter::layout(attachment, outgoing, font, topLeft, maxWidth);
}

VoiceNotePainter::Playback MessageDelegate::playback(const QString &messageId) const
{
    return m_voice ? m_voice->playback(messageId) : VoiceNotePainter::Playback{};
}

} // namespace linnet::ui

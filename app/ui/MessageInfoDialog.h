// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

class QLabel;
class QTreeWidget;

namespace linnet::client {
class MessageInfoModel;
}

namespace linnet::ui {

/**
 * "Message info" for an own group message: who has read it and when, who has
 * received it, who has not yet, grouped from the engine's MessageInfoModel and
 * following it while open.
 */
class MessageInfoDialog : public QDialog {
    Q_OBJECT
public:
    /** @p model comes from Profile::messageInfo() and is kept current by it. */
    MessageInfoDialog(std::unique_ptr<client::MessageInfoModel> model, const QString &text,
                      QWidget *parent = nullptr);
    ~MessageInfoDialog() override;

    QTreeWidget *memberTree() const { return m_tree; }
    /** Members in the section @p state (client::DeliveryState as int), in order. */
    QStringList membersIn(int state) const;

private:
    void reload();

    std::unique_ptr<client::MessageInfoModel> m_model;
    QTreeWidget *m_tree;
};

} // namespace linnet::ui

package cn.yinfeng.accounts;

import cn.yinfeng.common.InvalidInputException;

/**
 * A password check refused because the account is locked (just now by this failure, or before): the right
 * password is refused too until the lock ends. Shown on the form's old-password field.
 */
class AccountLockedException extends InvalidInputException {

    AccountLockedException() {
        super("oldPassword", "password.accountLocked");
    }
}

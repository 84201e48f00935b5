package cn.yinfeng.accounts;

/**
 * Password right, one-time code right but already used (its 30-second step, or a later one, was accepted before):
 * refused like a wrong code (checklist #30), and audited as a replay.
 */
class TotpReplayException extends TotpRequiredException {

    TotpReplayException() {
        super("one-time code already used");
    }
}

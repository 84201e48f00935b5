package cn.yinfeng.common;

/**
 * A record does not exist, or exists outside the caller's region scope: the two are deliberately the same answer
 * (404), so that ids of other regions' rows reveal nothing.
 */
public class NotFoundException extends RuntimeException {

    private final String what;

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
        this.what = what;
    }

    public String what() {
        return what;
    }
}

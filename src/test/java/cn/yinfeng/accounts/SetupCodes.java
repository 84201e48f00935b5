package cn.yinfeng.accounts;

import org.springframework.context.ApplicationContext;

/** For tests outside this package that create the first administrator of a prod instance. */
public final class SetupCodes {

    private SetupCodes() {}

    /** The one-time code the set-up page asks for (printed in the log at start-up). */
    public static String of(ApplicationContext app) {
        return app.getBean(SetupController.class).setupCode();
    }
}

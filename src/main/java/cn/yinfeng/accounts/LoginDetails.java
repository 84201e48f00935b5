package cn.yinfeng.accounts;

import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Sign-in form details beyond user name and password: the one-time code of the second factor. */
class LoginDetails extends WebAuthenticationDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient String totpCode;

    LoginDetails(HttpServletRequest request) {
        super(request);
        this.totpCode = request.getParameter("totp");
    }

    String totpCode() {
        return totpCode;
    }
}

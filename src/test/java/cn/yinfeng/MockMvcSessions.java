package cn.yinfeng;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Lets MockMvc tests keep passing a {@code MockHttpSession} from request to request while sessions live in the
 * database (Spring Session reads the session id from the cookie, which MockMvc does not carry). For a MockMvc
 * request the database session's id is also kept in the mock session; real HTTP requests (and so SessionIT,
 * BrowserIT and production) use the cookie only, exactly as the application does.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MockMvcSessions {

    static final String ID = "yinfeng.test.databaseSessionId";

    /** Wraps the application's own cookie resolver (same serializer bean, so the same cookie) in the filter. */
    @Bean
    static BeanPostProcessor mockMvcSessionIds(ObjectProvider<CookieSerializer> cookieSerializer) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SessionRepositoryFilter<?> filter) {
                    filter.setHttpSessionIdResolver(resolver(cookieSerializer.getObject()));
                }
                return bean;
            }
        };
    }

    static HttpSessionIdResolver resolver(CookieSerializer cookieSerializer) {
        var cookies = new CookieHttpSessionIdResolver();
        cookies.setCookieSerializer(cookieSerializer);
        return new HttpSessionIdResolver() {
            @Override
            public List<String> resolveSessionIds(HttpServletRequest request) {
                List<String> ids = cookies.resolveSessionIds(request);
                MockHttpServletRequest mock = mock(request);
                if (!ids.isEmpty() || mock == null || mock.getSession(false) == null) {
                    return ids;
                }
                Object id = mock.getSession(false).getAttribute(ID);
                return id == null ? List.of() : List.of((String) id);
            }

            @Override
            public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
                cookies.setSessionId(request, response, sessionId);
                MockHttpServletRequest mock = mock(request);
                if (mock != null) {
                    mock.getSession(true).setAttribute(ID, sessionId);
                }
            }

            @Override
            public void expireSession(HttpServletRequest request, HttpServletResponse response) {
                cookies.expireSession(request, response);
                MockHttpServletRequest mock = mock(request);
                if (mock != null && mock.getSession(false) != null) {
                    mock.getSession(false).removeAttribute(ID);
                }
            }
        };
    }

    private static MockHttpServletRequest mock(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper w) {
            r = w.getRequest();
        }
        return r instanceof MockHttpServletRequest m ? m : null;
    }
}

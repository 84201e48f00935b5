package cn.yinfeng.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts Excel/CSV traffic for the dashboards: {@code yinfeng.exports} (a file sent as an attachment, by kind and
 * format) and {@code yinfeng.imports} (ledger previews and commits, by step and outcome). Counted at the edge so
 * every module's download is included without each one knowing about metrics.
 */
final class TransferMetricsFilter extends OncePerRequestFilter {

    private static final Pattern IMPORT = Pattern.compile("(?:/api/v1)?/ledger/(?:projects/)?(?:preview|\\d+/commit)");

    private final MeterRegistry registry;

    TransferMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int status = response.getStatus();
        String outcome = status < 400 ? "success" : status < 500 ? "refused" : "error";
        if ("POST".equals(request.getMethod()) && IMPORT.matcher(path).matches()) {
            Counter.builder("yinfeng.imports")
                    .description("Ledger imports: previews (dry runs) and commits")
                    .tag("step", path.endsWith("commit") ? "commit" : "preview")
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment();
            return;
        }
        String disposition = response.getHeader("Content-Disposition");
        if ("GET".equals(request.getMethod())
                && status < 400
                && disposition != null
                && disposition.startsWith("attachment")) {
            String type = String.valueOf(response.getContentType());
            Counter.builder("yinfeng.exports")
                    .description("Files sent as downloads (exports, templates, reports)")
                    .tag("kind", kind(path))
                    .tag("format", type.contains("csv") ? "csv" : type.contains("spreadsheetml") ? "xlsx" : "other")
                    .register(registry)
                    .increment();
        }
    }

    /** The feature a download belongs to: first path segment after {@code /api/v1} or {@code /admin}. */
    static String kind(String path) {
        String p = path.replaceFirst("^/api/v1", "").replaceFirst("^/admin", "");
        String[] parts = p.split("/");
        return parts.length > 1 && parts[1].matches("[a-z-]{1,30}") ? parts[1] : "other";
    }
}

package cn.yinfeng.supervision;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import cn.yinfeng.audit.AuditRecorded;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On change: once a write to a project has committed, its project rules are evaluated again.
 * <p>
 * Not inside the commit: "after commit" still holds the writer's connection, and the evaluation's own transaction
 * needs another; under load every request thread could hold one connection and wait for a second, and the pool ran
 * dry until its timeout (503s for everybody, found by the load suite). So within a request the projects are noted
 * and evaluated when the request's work is done and its connection is back in the pool; outside a request (jobs)
 * they are evaluated at once. Either way the next page the user opens shows the new state.
 */
@Component
class ProjectChangeListener extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ProjectChangeListener.class);
    static final String CHANGED = ProjectChangeListener.class.getName() + ".changed";

    private final Warnings warnings;

    ProjectChangeListener(Warnings warnings) {
        this.warnings = warnings;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AuditRecorded event) {
        if (!"project".equals(event.targetType()) || event.targetId() == null) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(event.targetId());
        } catch (NumberFormatException e) {
            return; // not a project id
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(CHANGED, RequestAttributes.SCOPE_REQUEST) instanceof Set<?> s) {
            @SuppressWarnings("unchecked")
            Set<Long> changed = (Set<Long>) s;
            changed.add(id);
            return;
        }
        evaluate(id);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Set<Long> changed = new LinkedHashSet<>();
        request.setAttribute(CHANGED, changed);
        try {
            chain.doFilter(request, response);
        } finally {
            request.removeAttribute(CHANGED);
            changed.forEach(this::evaluate);
        }
    }

    private void evaluate(long projectId) {
        try {
            warnings.evaluateProject(projectId);
        } catch (RuntimeException e) {
            // the change itself has committed; the scheduled evaluation will catch up
            log.warn("Warnings of project {} not evaluated: {}", projectId, e.toString());
        }
    }
}

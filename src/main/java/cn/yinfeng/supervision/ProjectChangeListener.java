package cn.yinfeng.supervision;

import cn.yinfeng.common.AfterWork;
import cn.yinfeng.projects.ProjectChanged;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On change: once a write to a project has committed ({@link ProjectChanged}, published by the projects module), its
 * project rules are evaluated again.
 * <p>
 * Not inside the commit: "after commit" still holds the writer's connection, and the evaluation's own transaction
 * needs another; under load every request thread could hold one connection and wait for a second, until the pool
 * is empty and every request times out. So within a unit of work ({@link AfterWork}:
 * a request, which this filter opens, or a background import) the projects are noted and evaluated when its work is
 * done and its connection is back in the pool; outside one (scheduled jobs) they are evaluated at once. Either way
 * the next page the user opens shows the new state.
 * <p>
 * A plain {@code @TransactionalEventListener}, not Spring Modulith's {@code @ApplicationModuleListener}: that one is
 * asynchronous (and opens a new transaction of its own), so the page the user opens after a change could still show
 * the warnings from before it.
 */
@Component
class ProjectChangeListener extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ProjectChangeListener.class);

    private final Warnings warnings;

    ProjectChangeListener(Warnings warnings) {
        this.warnings = warnings;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ProjectChanged event) {
        long id = event.projectId();
        if (!AfterWork.defer(new Changed(id), () -> evaluate(id))) {
            evaluate(id);
        }
    }

    /** The key of a deferred evaluation: one per project per unit of work. */
    private record Changed(long projectId) {}

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (var work = AfterWork.open()) {
            chain.doFilter(request, response);
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

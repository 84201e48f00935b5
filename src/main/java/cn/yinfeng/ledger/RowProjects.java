package cn.yinfeng.ledger;

import static cn.yinfeng.ledger.ImportRun.blank;

import cn.yinfeng.common.InvalidInputException;
import cn.yinfeng.common.NameKeys;
import cn.yinfeng.common.NotFoundException;
import cn.yinfeng.projects.Project;
import cn.yinfeng.projects.Projects;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The project a ledger row names, as county ledgers name them: by code (项目编号), or without one by its name within
 * the importer's region tree; a name that is not the code's project, a name with no or several projects, and a
 * project the importer may not change are the row's errors, naming the column.
 */
@Component
class RowProjects {

    private final Projects projects;
    private final JdbcClient jdbc;

    RowProjects(Projects projects, JdbcClient jdbc) {
        this.projects = projects;
        this.jdbc = jdbc;
    }

    /** The writable project of a row's {@code code} and {@code name} columns. */
    Project writable(Map<String, String> r, ImportRun run) {
        Long id = blank(r.get("code"))
                ? byName(r.get("name").trim(), run)
                : byCode(r.get("code").trim());
        Project p;
        try {
            p = projects.find(id);
        } catch (NotFoundException e) { // outside the reader's scope: the region rule
            throw new InvalidInputException("code", "import.projectOutOfScope");
        }
        if (!projects.canWrite(p)) {
            throw new InvalidInputException("code", "import.projectOutOfScope");
        }
        if (!blank(r.get("code"))
                && !blank(r.get("name"))
                && !NameKeys.of(r.get("name")).equals(NameKeys.of(p.name()))) {
            throw new InvalidInputException("name", "import.nameNotCode", p.name());
        }
        return p;
    }

    private Long byCode(String code) {
        return jdbc.sql("select id from project where code = :c")
                .param("c", code)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new InvalidInputException("code", "import.codeUnknown", code));
    }

    /**
     * The project a row names without its code: the one of that name (as names are compared) in the importer's
     * region tree. None, or more than one, is the row's error naming the column and what to write instead.
     */
    private Long byName(String name, ImportRun run) {
        var ids = run.scope
                .bind(jdbc.sql("select p.id from project p where p.name_key = :k and " + run.scope.where("p.region_id")
                        + " order by p.id limit 2"))
                .param("k", NameKeys.of(name))
                .query(Long.class)
                .list();
        if (ids.isEmpty()) {
            throw new InvalidInputException("name", "import.fundProjectUnknown", name);
        }
        if (ids.size() > 1) {
            throw new InvalidInputException("name", "import.fundProjectAmbiguous", name);
        }
        return ids.get(0);
    }
}

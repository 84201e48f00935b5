package cn.yinfeng.projects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The side-by-side view of a review: the working copy beside the approved version in force (valid_to null), field by
 * field, as displayed text, each marked changed or not. Two statements, the same select over either table.
 */
@Component
class ProjectReviewCompare {

    /** One field: its message key, the approved and the submitted value, whether they differ. */
    record Field(String key, String approved, String submitted, boolean changed) {

        /** The message prefix of a coded value (stage, type, origin), "bool" for yes/no, else null (shown as is). */
        public String codes() {
            return switch (key) {
                case "reviewCompare.stage" -> "stage.";
                case "reviewCompare.project_type" -> "type.";
                case "reviewCompare.fund_origin" -> "origin.";
                case "reviewCompare.key_project", "reviewCompare.counted" -> "bool";
                default -> null;
            };
        }
    }

    static final List<String> FIELDS = List.of(
            "name",
            "region",
            "attracting",
            "attracting_share",
            "chain",
            "project_type",
            "total_investment",
            "contract_amount",
            "fund_origin",
            "out_of_province_amount",
            "key_project",
            "leader",
            "counted",
            "stage",
            "signed_on",
            "registered_on",
            "started_on",
            "producing_on",
            "full_production_on");

    private static final String SELECT = """
            select x.name, r.name as region, ar.name as attracting, x.attracting_share::text as attracting_share,
                   c.name as chain, x.project_type, x.total_investment::text as total_investment,
                   x.contract_amount::text as contract_amount, x.fund_origin,
                   x.out_of_province_amount::text as out_of_province_amount, x.key_project::text as key_project,
                   u.display_name as leader, x.counted::text as counted, x.stage, x.signed_on::text as signed_on,
                   x.registered_on::text as registered_on, x.started_on::text as started_on,
                   x.producing_on::text as producing_on, x.full_production_on::text as full_production_on
              from %s x
              left join region r on r.id = x.region_id
              left join region ar on ar.id = x.attracting_region_id
              left join chain c on c.id = x.chain_id
              left join app_user u on u.id = x.leader_user_id
             where %s
            """;

    private final JdbcClient jdbc;

    ProjectReviewCompare(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields of {@code id} (already checked readable by the caller); empty approved values when never approved. */
    List<Field> compare(long id, boolean[] neverApproved) {
        Map<String, Object> submitted = jdbc.sql(SELECT.formatted("project", "x.id = :id"))
                .param("id", id)
                .query()
                .singleRow();
        var approved = jdbc.sql(SELECT.formatted("project_approved", "x.project_id = :id and x.valid_to is null"))
                .param("id", id)
                .query()
                .listOfRows();
        neverApproved[0] = approved.isEmpty();
        Map<String, Object> a = approved.isEmpty() ? Map.of() : approved.get(0);
        var out = new ArrayList<Field>();
        for (String f : FIELDS) {
            String before = a.get(f) == null ? null : String.valueOf(a.get(f));
            String now = submitted.get(f) == null ? null : String.valueOf(submitted.get(f));
            out.add(new Field("reviewCompare." + f, before, now, !approved.isEmpty() && !Objects.equals(before, now)));
        }
        return out;
    }
}

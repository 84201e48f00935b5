package cn.yinfeng.projects;

import cn.yinfeng.enterprises.CreditCode;
import cn.yinfeng.enterprises.Enterprises;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Leads the demo counties lost in 2025 and 2026, each put on hold or ended through the same steps as the project page,
 * with the city's reason and the county's note, then approved by the city: what {@code /losses} shows in the demo.
 * They are leads in negotiation (never signed), so the seed's signing figures stand.
 */
@Component
@Profile("demo")
@Order(21)
class LossDemoData implements ApplicationRunner {

    private record Lost(
            String region,
            String chain,
            String name,
            String investor,
            long total,
            boolean ended,
            LocalDate on,
            String reason,
            String note) {}

    private static final List<Lost> LOST = List.of(
            new Lost(
                    "141181",
                    "XY-CC",
                    "年产20万吨焦炉煤气制LNG项目",
                    "山西晋焦能源有限公司",
                    86_000,
                    false,
                    LocalDate.of(2025, 9, 12),
                    "ENERGY",
                    "能耗指标待省级统筹调剂，企业同意暂缓"),
            new Lost(
                    "141181",
                    "XY-LI",
                    "锂电池正极材料一体化项目",
                    "湖南锂源新材料股份有限公司",
                    120_000,
                    true,
                    LocalDate.of(2025, 11, 3),
                    "ENVIRONMENT",
                    "园区大气环境容量不足，环评预审未通过"),
            new Lost(
                    "141121",
                    null,
                    "文水冷链物流园项目",
                    "山东鲁冷供应链管理有限公司",
                    32_000,
                    false,
                    LocalDate.of(2026, 3, 20),
                    "LAND",
                    "选址地块未纳入国土空间规划，调规需一年以上"),
            new Lost(
                    "141182",
                    "LL-CT",
                    "杏花村酒文化旅游综合体",
                    "浙江文旅投资集团有限公司",
                    56_000,
                    true,
                    LocalDate.of(2026, 5, 8),
                    "FUNDING",
                    "投资方资金链紧张，书面函告退出"),
            new Lost(
                    "141129",
                    null,
                    "中阳钢铁精深加工项目",
                    "河北冀钢精密制造有限公司",
                    45_000,
                    false,
                    LocalDate.of(2026, 6, 30),
                    "ENERGY",
                    "能耗等量替代来源未落实"),
            new Lost(
                    "141102",
                    "LL-BD",
                    "吕梁绿色数据中心二期",
                    "北京云算科技有限公司",
                    68_000,
                    false,
                    LocalDate.of(2026, 8, 14),
                    "UTILITIES",
                    "220千伏电力接入容量不足，待变电站扩容"),
            new Lost(
                    "141123",
                    "XY-AM",
                    "兴县铝镁合金深加工项目",
                    "江苏镁联合金有限公司",
                    90_000,
                    true,
                    LocalDate.of(2026, 9, 2),
                    "POLICY",
                    "电解铝产能置换政策收紧，项目不再具备条件"),
            new Lost(
                    "141125",
                    "LL-H2",
                    "柳林煤层气制氢项目",
                    "上海氢途能源科技有限公司",
                    40_000,
                    false,
                    LocalDate.of(2026, 10, 9),
                    "APPROVAL",
                    "矿业权重叠，审批手续受阻"),
            new Lost(
                    "141127",
                    null,
                    "岚县马铃薯全粉加工项目",
                    "甘肃陇薯食品有限公司",
                    12_000,
                    true,
                    LocalDate.of(2026, 10, 28),
                    "INVESTOR",
                    "企业调整战略布局，转投他省"));

    private final Projects projects;
    private final ProjectLifecycle lifecycle;
    private final ProjectReviews reviews;
    private final Enterprises enterprises;
    private final JdbcClient jdbc;
    private final UserDetailsService users;

    LossDemoData(
            Projects projects,
            ProjectLifecycle lifecycle,
            ProjectReviews reviews,
            Enterprises enterprises,
            JdbcClient jdbc,
            UserDetailsService users) {
        this.projects = projects;
        this.lifecycle = lifecycle;
        this.reviews = reviews;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from project where loss_reason is not null")
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        var city = users.loadUserByUsername("city");
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(city, null, city.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            for (int i = 0; i < LOST.size(); i++) {
                make(LOST.get(i), i);
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void make(Lost l, int i) {
        long regionId = ProjectDemoData.regionId(jdbc, l.region());
        Long chainId = ProjectDemoData.chainId(jdbc, l.chain());
        long investor = enterprises.findOrCreate(creditCode(i), l.investor());
        var form = ProjectForm.builder()
                .name(l.name())
                .regionId(regionId)
                .chainId(chainId)
                .projectType(ProjectType.INDUSTRIAL)
                .totalInvestment(BigDecimal.valueOf(l.total()))
                .fundOrigin(FundOrigin.OUT_OF_PROVINCE)
                .fundOriginDerived(false)
                .keyProject(false)
                .counted(true)
                .investors(List.of(investor))
                .stage(Stage.NEGOTIATING)
                .version(0L)
                .build();
        long id = projects.create(form);
        long version = projects.find(id).version();
        if (l.ended()) {
            lifecycle.terminate(id, version, l.on(), l.reason(), l.note());
        } else {
            lifecycle.hold(id, version, l.on(), l.reason(), l.note());
        }
        version = projects.find(id).version();
        reviews.submit(id, version);
        reviews.approve(id, version + 1, "同意");
        // the lead was recorded some months before it was lost: date its record and first step then
        LocalDate recorded = l.on().minusMonths(4);
        jdbc.sql("update project set created_at = :t where id = :id")
                .param("t", Timestamp.valueOf(recorded.atTime(10, 0)))
                .param("id", id)
                .update();
        jdbc.sql("update project_transition set on_date = :d, at = :t where project_id = :id and from_stage is null")
                .param("d", recorded)
                .param("t", Timestamp.valueOf(recorded.atTime(10, 0)))
                .param("id", id)
                .update();
        jdbc.sql("update project_transition set at = :t where project_id = :id and from_stage is not null")
                .param("t", Timestamp.valueOf(l.on().atTime(16, 0)))
                .param("id", id)
                .update();
    }

    /** A valid 统一社会信用代码 for each demo investor (check character computed), outside 山西 (14xxxx). */
    private static String creditCode(int i) {
        String body = "91" + "330100" + String.format("MA2LCK0%02d", i);
        return body + CreditCode.checkCharacter(body);
    }
}

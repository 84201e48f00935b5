package cn.yinfeng.talent;

import cn.yinfeng.accounts.Accounts;
import cn.yinfeng.targets.Targets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The seed's 中阳 talent article for 2024, through the services as the demo talent office: a campaign of 8
 * institutions offering 47 positions in 3 cities and 6 universities; 190 talents introduced, 143 of them
 * postgraduates and 175 (92%) with a bachelor's degree or above; 4 classes of 中青班, 1 铁肩班 and 1 国情研修班 with
 * 510 人次; 4 university bases and 3 cooperation projects; a health-check batch, a subsidy, housing and the green
 * environment doctoral studio. Names and ID numbers are generated (deterministic); no real person is named.
 */
@Component
@Profile("demo")
@Order(50)
class TalentDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TalentDemoData.class);

    static final int DOCTORS_2024 = 12;
    static final int MASTERS_2024 = 131;
    static final int BACHELORS_2024 = 32;
    static final int COLLEGE_2024 = 15;

    static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋",
        "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"
    };
    static final String[] GIVEN = {
        "子涵", "浩然", "欣怡", "宇轩", "梓萱", "思远", "雨桐", "博文", "佳怡", "俊杰", "诗涵", "明轩", "若汐", "天佑", "晨曦", "嘉懿", "文博", "静怡",
        "泽宇", "一诺", "志强", "晓彤", "家豪", "慧敏", "建华", "丽娜", "伟", "洋", "磊", "婷", "鑫", "悦", "凯", "琳", "昊", "颖"
    };
    static final String[][] INSTITUTIONS = {
        {"中阳县人民医院", "临床医师", "8", "医学硕士及以上"}, {"中阳县人民医院", "护理", "4", "本科及以上，护士执业资格"},
        {"中阳县中医院", "中医师", "5", "中医学硕士及以上"}, {"中阳县第一中学", "高中教师", "8", "硕士及以上，教师资格证"},
        {"中阳县第二中学", "初中教师", "6", "本科及以上，教师资格证"}, {"中阳县职业中学", "专业课教师", "4", "本科及以上"},
        {"中阳县疾病预防控制中心", "公共卫生", "3", "公共卫生硕士"}, {"中阳县综合检验检测中心", "检验检测", "4", "化学、环境类硕士及以上"},
        {"中阳县融媒体中心", "编辑记者", "3", "新闻类本科及以上"}, {"中阳县融媒体中心", "新媒体运营", "2", "本科及以上"}
    };
    static final String[] MAJORS = {
        "临床医学", "中医学", "护理学", "公共卫生", "汉语言文学", "数学", "物理学", "化学", "环境工程", "新闻学", "计算机科学与技术", "机械工程", "会计学", "法学", "采矿工程"
    };
    static final String[] UNIVERSITIES = {
        "山西大学", "太原理工大学", "山西医科大学", "西安交通大学", "西北大学", "北京师范大学", "山西财经大学", "中北大学", "陕西师范大学", "兰州大学"
    };
    static final String[] SOURCE_CITIES = {"太原", "长治", "大同", "晋中", "临汾", "运城", "西安", "郑州", "石家庄", "北京"};
    static final String[] ID_AREAS = {
        "140105", "140402", "140202", "140702", "141002", "140802", "610113", "410105", "130104", "141129"
    };

    private final Talents talents;
    private final Campaigns campaigns;
    private final Trainings trainings;
    private final Partnerships partnerships;
    private final CareServices cares;
    private final Studios studios;
    private final TalentPii pii;
    private final Targets targets;
    private final JdbcClient jdbc;
    private final UserDetailsService users;
    private final Accounts accounts;
    private final Random random = new Random(2024_0615L);

    TalentDemoData(
            Talents talents,
            Campaigns campaigns,
            Trainings trainings,
            Partnerships partnerships,
            CareServices cares,
            Studios studios,
            TalentPii pii,
            Targets targets,
            JdbcClient jdbc,
            UserDetailsService users,
            Accounts accounts) {
        this.talents = talents;
        this.campaigns = campaigns;
        this.trainings = trainings;
        this.partnerships = partnerships;
        this.cares = cares;
        this.studios = studios;
        this.pii = pii;
        this.targets = targets;
        this.jdbc = jdbc;
        this.users = users;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from talent").query(Long.class).single() > 0
                || accounts.idOf("talent").isEmpty()) {
            return;
        }
        var previous = SecurityContextHolder.getContext();
        try {
            long started = System.nanoTime();
            as("talent");
            load();
            // the demo talent officer may reveal full values (an administrator's explicit, audited grant)
            as("admin");
            pii.grant("talent", "人才办日常联系服务引进人才（演示授权）");
            // 2024 targets of the two talent indicators for 中阳 and the city
            long zhongyang = jdbc.sql("select id from region where code = '141129'")
                    .query(Long.class)
                    .single();
            long city = jdbc.sql("select id from region where code = '141100'")
                    .query(Long.class)
                    .single();
            targets.setTarget(zhongyang, 2024, "TALENTS_INTRODUCED", new BigDecimal(180));
            targets.setTarget(zhongyang, 2024, "TRAINING_ATTENDANCE", new BigDecimal(500));
            targets.setTarget(city, 2024, "TALENTS_INTRODUCED", new BigDecimal(1500));
            targets.setTarget(city, 2024, "TRAINING_ATTENDANCE", new BigDecimal(4000));
            log.info("Demo talent data loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void as(String username) {
        var user = users.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }

    private void load() {
        long zhongyang = jdbc.sql("select id from region where code = '141129'")
                .query(Long.class)
                .single();
        long campaign = campaign(zhongyang);
        var used = new HashSet<String>();
        Entrants entrants = entrants2024(zhongyang, campaign, used);
        entrants2023(zhongyang, used);
        training(zhongyang, entrants.names());
        partnerships(zhongyang);
        care(zhongyang);
        studio(zhongyang, entrants.doctors());
    }

    /** The 2024 entrants: name and employer of each (the training classes' participants), and the doctors. */
    private record Entrants(List<String[]> names, List<String> doctors) {}

    /** 招才引智: 8 institutions, 47 positions, 3 cities, 6 universities. */
    private long campaign(long zhongyang) {
        long campaign = campaigns.createCampaign(new Campaigns.CampaignForm(
                "中阳县2024年“招才引智”高校行",
                zhongyang,
                LocalDate.of(2024, 3, 18),
                LocalDate.of(2024, 4, 26),
                "太原、西安、北京",
                "山西大学、太原理工大学、山西医科大学、西安交通大学、西北大学、北京师范大学",
                "精选8个事业单位，拿出47个优质岗位；配套“人才待遇政策8条”“教育卫生人才引进特别计划”。",
                0L));
        int hiresLeft = 41;
        for (String[] p : INSTITUTIONS) {
            int openings = Integer.parseInt(p[2]);
            int hires = Math.min(hiresLeft, openings - (openings > 4 ? 1 : 0));
            hiresLeft -= hires;
            campaigns.addPosition(
                    campaign,
                    new Campaigns.PositionForm(p[0], p[1], openings, p[3], openings * 3 + random.nextInt(6), hires));
        }
        return campaign;
    }

    /** 2024 entrants: 12 doctors, 131 masters (143 postgraduates), 32 bachelors, 15 college. */
    private Entrants entrants2024(long zhongyang, long campaign, Set<String> used) {
        var names = new ArrayList<String[]>(); // name, employer
        var degrees = new ArrayList<Talents.Degree>();
        degrees.addAll(Collections.nCopies(DOCTORS_2024, Talents.Degree.DOCTOR));
        degrees.addAll(Collections.nCopies(MASTERS_2024, Talents.Degree.MASTER));
        degrees.addAll(Collections.nCopies(BACHELORS_2024, Talents.Degree.BACHELOR));
        degrees.addAll(Collections.nCopies(COLLEGE_2024, Talents.Degree.COLLEGE));
        int linked = 0;
        var doctors = new ArrayList<String>();
        for (int i = 0; i < degrees.size(); i++) {
            Talents.Degree degree = degrees.get(i);
            String name = uniqueName(used);
            String[] inst = INSTITUTIONS[i % INSTITUTIONS.length];
            boolean enterprise = i % 9 == 8;
            String employer = enterprise ? "中阳县" + (i % 2 == 0 ? "钢铁" : "新材料") + "有限公司" : inst[0];
            if (degree == Talents.Degree.DOCTOR) {
                employer = i < 4 ? "中阳县综合检验检测中心" : employer;
                doctors.add(name);
            }
            // hiring peaks after graduation: July to September
            int month = i % 3 == 0 ? 1 + random.nextInt(12) : 7 + random.nextInt(3);
            LocalDate on = LocalDate.of(2024, month, 1 + random.nextInt(28));
            Long campaignId =
                    !enterprise && linked < 41 && degree != Talents.Degree.COLLEGE && month >= 5 ? campaign : null;
            if (campaignId != null) {
                linked++;
            }
            talent(name, zhongyang, degree, employer, enterprise, on, campaignId);
            names.add(new String[] {name, employer});
        }
        return new Entrants(names, doctors);
    }

    /** 2023 entrants, for comparison. */
    private void entrants2023(long zhongyang, Set<String> used) {
        for (int i = 0; i < 24; i++) {
            talent(
                    uniqueName(used),
                    zhongyang,
                    i < 15 ? Talents.Degree.MASTER : Talents.Degree.BACHELOR,
                    INSTITUTIONS[i % INSTITUTIONS.length][0],
                    false,
                    LocalDate.of(2023, 6 + random.nextInt(4), 1 + random.nextInt(28)),
                    null);
        }
    }

    /** 培育: 4 期 中青班 (30 × 3 sessions), 1 期 铁肩班 (40 × 2), 1 期 国情研修班 (35 × 2) = 510 人次. */
    private void training(long zhongyang, List<String[]> names) {
        int cursor = 0;
        int[][] zq = {{3, 11}, {5, 13}, {8, 19}, {10, 14}};
        for (int term = 1; term <= 4; term++) {
            LocalDate start = LocalDate.of(2024, zq[term - 1][0], zq[term - 1][1]);
            cursor = trainingClass(
                    zhongyang,
                    "中阳县第" + term + "期中青年干部培训班（中青班）",
                    Trainings.ClassKind.ZHONGQING,
                    term,
                    "北京航空航天大学",
                    start,
                    start.plusDays(4),
                    names,
                    cursor,
                    30,
                    new String[] {"新时代青年干部的担当与作为", "县域经济高质量发展专题", "数字政府与智能治理"});
        }
        cursor = trainingClass(
                zhongyang,
                "中阳县第1期“铁肩班”专题培训",
                Trainings.ClassKind.TIEJIAN,
                1,
                "山西大学",
                LocalDate.of(2024, 6, 17),
                LocalDate.of(2024, 6, 20),
                names,
                cursor,
                40,
                new String[] {"基层治理能力提升", "应急管理与安全生产"});
        trainingClass(
                zhongyang,
                "中阳县国情研修班",
                Trainings.ClassKind.GUOQING,
                1,
                "山西财经大学",
                LocalDate.of(2024, 9, 9),
                LocalDate.of(2024, 9, 13),
                names,
                cursor,
                35,
                new String[] {"国情省情与区域发展", "财政金融形势专题"});
    }

    /** 校地合作: 4 bases, 3 cooperation projects. */
    private void partnerships(long zhongyang) {
        String[][] bases = {
            {"中国政法大学", "中国政法大学中阳县教学实践基地", "2024-04-22"},
            {"中央财经大学", "中央财经大学社会实践基地", "2024-05-16"},
            {"北京航空航天大学", "北京航空航天大学人才培养基地", "2024-07-08"},
            {"山西财经大学", "山西财经大学教学科研实践基地", "2024-09-12"}
        };
        for (String[] b : bases) {
            partnerships.createPartnership(new Partnerships.PartnershipForm(
                    b[0],
                    zhongyang,
                    Partnerships.PartnershipKind.BASE,
                    b[1],
                    LocalDate.parse(b[2]),
                    Partnerships.PartnershipStatus.ACTIVE,
                    null,
                    0L));
        }
        String[][] projects = {
            {"大连理工大学", "煤矿智能开采技术合作项目", "2024-06-05"},
            {"大连海事大学", "智能化矿井建设实验室共建项目", "2024-08-20"},
            {"大连海事大学", "绿色低碳技术联合研发项目", "2024-11-06"}
        };
        for (String[] p : projects) {
            partnerships.createPartnership(new Partnerships.PartnershipForm(
                    p[0],
                    zhongyang,
                    Partnerships.PartnershipKind.PROJECT,
                    p[1],
                    LocalDate.parse(p[2]),
                    Partnerships.PartnershipStatus.ACTIVE,
                    null,
                    0L));
        }
    }

    /** 留: health checks, subsidy, housing. */
    private void care(long zhongyang) {
        cares.createCare(new CareServices.CareForm(
                CareServices.CareKind.HEALTH_CHECK,
                zhongyang,
                "青年人才免费体检（第一批）",
                1,
                LocalDate.of(2024, 9, 24),
                120,
                null,
                "县人民医院体检中心",
                0L));
        cares.createCare(new CareServices.CareForm(
                CareServices.CareKind.SUBSIDY,
                zhongyang,
                "引进人才生活补贴（人才待遇政策8条）",
                null,
                LocalDate.of(2024, 12, 16),
                143,
                new BigDecimal("85.80"),
                null,
                0L));
        cares.createCare(new CareServices.CareForm(
                CareServices.CareKind.HOUSING,
                zhongyang,
                "人才公寓拎包入住",
                null,
                LocalDate.of(2024, 8, 1),
                36,
                null,
                null,
                0L));
    }

    /** The doctoral studio, led by the first doctor introduced, its members the first four. */
    private void studio(long zhongyang, List<String> doctors) {
        long studio = studios.createStudio(new Studios.StudioForm(
                "中阳县绿色环境发展博士工作室",
                zhongyang,
                Studios.StudioKind.DOCTORAL,
                doctors.isEmpty() ? null : doctors.get(0),
                LocalDate.of(2024, 5, 31),
                "依托县综合检验检测中心",
                0L));
        for (int i = 0; i < Math.min(4, doctors.size()); i++) {
            studios.addMember(studio, doctors.get(i), i == 0 ? "工作室负责人" : "博士");
        }
        studios.addOutput(studio, LocalDate.of(2024, 7, 15), "邀请市综合检验检测中心专家开展培训、指导建设");
        studios.addOutput(studio, LocalDate.of(2024, 11, 20), "检测技术水平提升与工作室升级改造方案");
    }

    private int trainingClass(
            long region,
            String name,
            Trainings.ClassKind kind,
            int term,
            String partner,
            LocalDate start,
            LocalDate end,
            List<String[]> people,
            int cursor,
            int size,
            String[] topics) {
        long id =
                trainings.createClass(new Trainings.ClassForm(name, region, kind, term, partner, start, end, null, 0L));
        var participants = new ArrayList<Trainings.ParticipantForm>();
        for (int i = 0; i < size; i++) {
            String[] p = people.get((cursor + i) % people.size());
            participants.add(new Trainings.ParticipantForm(p[0], p[1]));
        }
        trainings.addParticipants(id, participants);
        for (int s = 0; s < topics.length; s++) {
            trainings.addSession(
                    id, new Trainings.SessionForm(start.plusDays(s), topics[s], partner + "教授", List.of()));
        }
        return cursor + size;
    }

    private void talent(
            String name,
            long region,
            Talents.Degree degree,
            String employer,
            boolean enterprise,
            LocalDate on,
            Long campaignId) {
        int birthYear = switch (degree) {
            case DOCTOR -> 1988 + random.nextInt(5);
            case MASTER -> 1994 + random.nextInt(5);
            default -> 1997 + random.nextInt(5);
        };
        String first17 = ID_AREAS[random.nextInt(ID_AREAS.length)]
                + birthYear
                + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                + String.format("%03d", random.nextInt(1000));
        String id = first17 + PersonalData.checkChar(first17);
        String phone = "13" + String.format("%09d", random.nextInt(1_000_000_000));
        boolean male = (first17.charAt(16) - '0') % 2 == 1;
        talents.createTalent(new Talents.TalentForm(
                name,
                region,
                male ? Talents.Gender.M : Talents.Gender.F,
                birthYear,
                degree,
                MAJORS[random.nextInt(MAJORS.length)],
                UNIVERSITIES[random.nextInt(UNIVERSITIES.length)],
                SOURCE_CITIES[random.nextInt(SOURCE_CITIES.length)],
                employer,
                enterprise ? Talents.EmployerKind.ENTERPRISE : Talents.EmployerKind.INSTITUTION,
                on,
                campaignId,
                degree == Talents.Degree.DOCTOR || degree == Talents.Degree.MASTER ? "人才待遇政策8条：生活补贴、人才公寓" : null,
                id,
                phone,
                0L));
    }

    private String uniqueName(Set<String> used) {
        while (true) {
            String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
            if (used.add(name)) {
                return name;
            }
        }
    }
}

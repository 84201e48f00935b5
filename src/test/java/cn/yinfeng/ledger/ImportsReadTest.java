package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.common.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The reader's limits and tolerance, without Spring: row limit, size limit, header variants, date cells. */
class ImportsReadTest {

    private static Imports imports(int maxRows) {
        return new Imports(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1_000_000,
                maxRows,
                Spreadsheets.MAX_SHARED_STRINGS,
                DataSize.ofBytes(Spreadsheets.MAX_SHARED_STRINGS_SIZE));
    }

    private static String problem(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.problems().get(0).messageKey();
        }
        return null;
    }

    @Test
    void moreRowsThanTheLimitAreRefused() throws Exception {
        Object[][] rows = new Object[6][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {"项目" + i, "孝义市", "100"};
        }
        byte[] file = LedgerKindsIT.sheet("标题", new String[] {"项目名称", "落地区域", "总投资"}, rows);
        var handler = new ProjectRows(null, null, null, null, null, null, null, null);
        assertThat(imports(10).read(file, handler)).hasSize(6);
        assertThat(problem(() -> imports(5).read(file, handler))).isEqualTo("import.tooManyRows");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeReading() {
        assertThatThrownBy(() -> Spreadsheets.check(new byte[2048], 1024))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(
                                ((InvalidInputException) e).problems().get(0).messageKey())
                        .isEqualTo("import.tooLarge"));
    }

    @Test
    void headerVariantsFullWidthAndTitleRowsAreUnderstood() throws Exception {
        byte[] file = LedgerKindsIT.sheet(
                "孝义市2019年外出招商情况统计表",
                new String[] {"序号", "事项 *", "县（市、区）", "带队", "出发日期", "返回日期", "目的地"},
                new Object[] {1, "赴深圳招商", "孝义市", "张三", "２０１９年３月１日", LocalDate.of(2019, 3, 3), "深圳"});
        var rows = imports(10).read(file, new TripRows(null, null));
        assertThat(rows).hasSize(1);
        var row = rows.get(0);
        assertThat(row)
                .containsEntry("title", "赴深圳招商")
                .containsEntry("leader", "张三")
                .containsEntry("cities", "深圳");
        assertThat(Spreadsheets.date(row.get("start"))).isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(Spreadsheets.date(row.get("end"))).isEqualTo(LocalDate.of(2019, 3, 3));
    }

    @Test
    void datesAsPeopleTypeThemAndAsExcelDayNumbers() {
        assertThat(Spreadsheets.date("2024-05-18")).isEqualTo(LocalDate.of(2024, 5, 18));
        assertThat(Spreadsheets.date("2024/5/18")).isEqualTo(LocalDate.of(2024, 5, 18));
        assertThat(Spreadsheets.date("2024.5.18")).isEqualTo(LocalDate.of(2024, 5, 18));
        assertThat(Spreadsheets.date("2024年5月18日")).isEqualTo(LocalDate.of(2024, 5, 18));
        assertThat(Spreadsheets.date("45430")).isEqualTo(LocalDate.of(2024, 5, 18));
        assertThat(Spreadsheets.date("2024年13月40日")).isNull();
        assertThat(Spreadsheets.date("明天")).isNull();
    }
}

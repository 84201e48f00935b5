package cn.yinfeng.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.ledger.sheet.ClerkKindLedgers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the other kinds' clerk ledgers are read, before any row is applied: where the header is, which columns give
 * which field, and the rows that come out as data. (The IT takes the same files through the services.)
 */
class ClerkKindLedgersReadingTest {

    private static LedgerSheets.Read read(byte[] file, RowHandler handler) {
        return LedgerSheets.read(file, handler, 100, ImportProgress.NONE);
    }

    private static List<String> rows(LedgerSheets.Read read) {
        return read.rows().stream().map(r -> r.get("_row")).toList();
    }

    @Test
    void aSubtitleMergedAcrossAboveATwoRowHeaderIsNotItsParent() {
        // 填报单位：…  单位：万元 merged across: were it a header row, 本月 | 累计 would come out as a row of data
        var read = read(ClerkKindLedgers.fundsXlsx(), new FundRows(null, null, null));
        assertThat(read.headerFirstRow()).isEqualTo(3);
        assertThat(read.headerLastRow()).isEqualTo(4);
        assertThat(read.fields()).containsExactlyInAnyOrder("name", "origin", "month", "amount", "note");
        assertThat(read.unknownColumns()).as("their running total is theirs").containsExactly("到位资金(万元)/累计");
        assertThat(rows(read)).containsExactly("5", "6", "8", "9");
        Map<String, String> second = read.rows().get(1);
        assertThat(second).containsEntry("name", "孝义鹏飞氢能装备制造项目").containsEntry("amount", "350.5");
    }

    @Test
    void theEnterpriseRegistersAmountsTakeTheSubtitlesYiUnlessTheyNameTheirOwn() {
        var read = read(ClerkKindLedgers.enterprisesXls(), new EnterpriseRows(null, null));
        assertThat(read.sheetName()).isEqualTo("企业名录");
        assertThat(read.fields())
                .containsExactlyInAnyOrder(
                        "name",
                        "creditCode",
                        "capital",
                        "industry",
                        "province",
                        "city",
                        "contactName",
                        "contactPhone",
                        "channel");
        assertThat(rows(read)).containsExactly("5", "6", "9");
        assertThat(read.rows().get(0)).containsEntry("capital", "1.2亿元");
        assertThat(read.rows().get(2)).containsEntry("capital", "8000万元");
        assertThat(read.rows().get(1)).containsEntry("industry", "新材料");
    }

    @Test
    void theTripLedgerInGbkCsvHasItsLeaderUnderNameAndPost() {
        var read = read(ClerkKindLedgers.tripsCsvGbk(), new TripRows(null, null));
        assertThat(read.fields())
                .containsExactlyInAnyOrder(
                        "period", "title", "leader", "rank", "members", "cities", "visits", "outcome");
        assertThat(rows(read)).containsExactly("5", "6", "7");
        assertThat(read.rows().get(0))
                .containsEntry("leader", "刘晋萍")
                .containsEntry("rank", "副市长")
                .containsEntry("period", "2023.3.12-3.15");
    }

    @Test
    void theReceptionLedgerHasItsHostUnderNameAndPost() {
        var read = read(ClerkKindLedgers.delegationsXlsx(), new DelegationRows(null, null));
        assertThat(read.fields())
                .containsExactlyInAnyOrder(
                        "date", "title", "enterprises", "people", "host", "hostRank", "sites", "outcome");
        assertThat(rows(read)).containsExactly("5", "6", "7", "8");
        assertThat(read.rows().get(1))
                .as("merged down")
                .containsEntry("host", "刘晋萍")
                .containsEntry("hostRank", "副市长");
        assertThat(DelegationRows.host(read.rows().get(1))).isEqualTo("刘晋萍（副市长）");
    }
}

package cn.yinfeng.ledger.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reading layer on ledgers as clerks keep them: one reader per format, header finder, row kinds, mapper. */
class LedgerReadingTest {

    private static final ColumnMapper MAPPER = new ColumnMapper(Map.of(
            "项目名称",
            "name",
            "投资方",
            "investor",
            "产业链",
            "chain",
            "总投资",
            "totalInvestment",
            "其中省外资金",
            "outOfProvince",
            "项目进展",
            "stage",
            "包联领导",
            "leader",
            "责任单位",
            "unit"));

    private static byte[] file(String format) {
        return switch (format) {
            case "xlsx" -> ClerkLedgers.xlsx();
            case "xls" -> ClerkLedgers.xls();
            default -> ClerkLedgers.csvGbk();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls", "csv"})
    void findsTheLedgerSheetItsTwoRowHeaderAndUnit(String format) {
        var reader = LedgerFiles.open(file(format), Limits.DEFAULT);
        assertThat(reader.format()).isEqualTo(format);
        var choice = SheetChooser.choose(reader, MAPPER::fieldOf, "name").orElseThrow();
        if (!format.equals("csv")) {
            assertThat(reader.sheetNames()).containsExactly("汇总", "签约项目台账");
            assertThat(choice.name()).isEqualTo("签约项目台账");
        }
        Header h = choice.header();
        assertThat(h.firstRow()).isEqualTo(3);
        assertThat(h.title()).isEqualTo("孝义市2024年签约项目台账");
        assertThat(h.sheetUnit()).isEqualTo(AmountUnit.WAN);
        assertThat(h.columns())
                .extracting(Header.Column::name)
                .containsExactly(
                        "序号", "项目名称", "投资方", "产业链", "投资额(万元)/总投资", "投资额(万元)/其中省外资金", "项目进展", "包联领导", "责任单位", "备注");
        assertThat(h.column(4).unit()).isEqualTo(AmountUnit.WAN);
        var mapping = MAPPER.map(h, Map.of());
        assertThat(mapping.fields())
                .containsEntry(4, "totalInvestment")
                .containsEntry(5, "outOfProvince")
                .containsEntry(1, "name")
                .containsEntry(7, "leader");
        assertThat(mapping.ignored()).extracting(Header.Column::name).containsExactly("序号", "备注");
        assertThat(mapping.unknown()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void headerSpansTwoRowsThroughTheMergedRanges(String format) {
        var reader = LedgerFiles.open(file(format), Limits.DEFAULT);
        var h = HeaderFinder.find(reader.read(1), MAPPER::fieldOf, "name").orElseThrow();
        assertThat(h.lastRow()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void mergedCellsGiveTheirValueToEveryRowAndFormulasTheirValues(String format) {
        var reader = LedgerFiles.open(file(format), Limits.DEFAULT);
        SheetTable t = reader.read(1);
        var h = HeaderFinder.find(t, MAPPER::fieldOf, "name").orElseThrow();
        var mapping = MAPPER.map(h, Map.of());
        var kinds = new ArrayList<String>();
        var chains = new ArrayList<String>();
        for (SheetTable.Row r : t.rows()) {
            if (r.number() <= h.lastRow()) {
                continue;
            }
            RowKind kind = RowKind.of(r, h, mapping.fields().keySet());
            kinds.add(r.number() + ":" + kind);
            if (kind == RowKind.DATA) {
                chains.add(r.cell(3));
            }
            if (kind == RowKind.TOTAL) {
                assertThat(r.cell(4)).isEqualTo("62000"); // 4500 was typed as text: SUM leaves it out, as Excel does
                assertThat(r.cell(5)).isEqualTo("30000.5");
            }
        }
        assertThat(chains).containsExactly("新能源", "新能源", "新能源");
        // POI writes no record for the empty row 8 of an xls; the xlsx keeps it
        assertThat(kinds)
                .contains("5:DATA", "6:DATA", "7:DATA", "9:TOTAL", "11:FOOTER")
                .doesNotContain("9:DATA", "11:DATA", "8:DATA");
        assertThat(t.rows().stream()
                        .filter(r -> r.number() == 5)
                        .findFirst()
                        .orElseThrow()
                        .cell(5))
                .isEqualTo("30000.5");
    }

    @Test
    void gbkCsvIsReadAsGb18030WithQuotesAndBlankMergedCells() {
        var reader = (CsvReader) LedgerFiles.open(ClerkLedgers.csvGbk(), Limits.DEFAULT);
        assertThat(reader.encoding()).isEqualTo("GB18030");
        SheetTable t = reader.read(0);
        var row6 = t.rows().stream().filter(r -> r.number() == 6).findFirst().orElseThrow();
        assertThat(row6.cell(1)).isEqualTo("光伏组件二期（含\"储能\"）");
        assertThat(row6.cell(7)).isEqualTo("市委常委、副市长刘晋萍");
        var h = HeaderFinder.find(t, MAPPER::fieldOf, "name").orElseThrow();
        var mapping = MAPPER.map(h, Map.of());
        List<RowKind> kinds = t.rows().stream()
                .filter(r -> r.number() > h.lastRow())
                .map(r -> RowKind.of(r, h, mapping.fields().keySet()))
                .toList();
        assertThat(kinds)
                .containsExactly(
                        RowKind.DATA,
                        RowKind.DATA,
                        RowKind.DATA,
                        RowKind.BLANK,
                        RowKind.TOTAL,
                        RowKind.BLANK,
                        RowKind.FOOTER);
    }

    @Test
    void utf8WithBomAndTabSeparatedText() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        String text = "项目名称\t投资方\t总投资（亿元）\n\"氢能\t二期\"\t某公司\t1.5\n";
        var out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        var reader = (CsvReader) LedgerFiles.open(out.toByteArray(), Limits.DEFAULT);
        assertThat(reader.encoding()).isEqualTo("UTF-8");
        var t = reader.read(0);
        assertThat(t.rows().get(1).cells()).containsExactly("氢能\t二期", "某公司", "1.5");
        var h = HeaderFinder.find(t, MAPPER::fieldOf, "name").orElseThrow();
        assertThat(h.column(2).unit()).isEqualTo(AmountUnit.YI);
    }

    @Test
    void aSavedMappingNamesAColumnTheKindDoesNotKnow() {
        var t = new SheetTable(
                "s", 0, List.of(new SheetTable.Row(1, new String[] {"项目名称", "投资方", "计划总投资", "对接人", "备注"})), List.of());
        var h = HeaderFinder.find(
                        t,
                        n -> MAPPER.fieldOf(n) != null
                                ? MAPPER.fieldOf(n)
                                : n.equals("计划总投资") ? "totalInvestment" : null,
                        "name")
                .orElseThrow();
        var before = MAPPER.map(h, Map.of());
        assertThat(before.unknown()).extracting(Header.Column::name).containsExactly("计划总投资", "对接人");
        var after = MAPPER.map(h, Map.of("计划总投资", "totalInvestment", "对接人", ColumnMapper.IGNORE));
        assertThat(after.fields()).containsEntry(2, "totalInvestment");
        assertThat(after.unknown()).isEmpty();
        assertThat(after.ignored()).extracting(Header.Column::name).containsExactly("对接人", "备注");
    }

    @Test
    void unitsFromHeadersAndTitles() {
        assertThat(AmountUnit.inHeader("总投资（亿元）")).isEqualTo(AmountUnit.YI);
        assertThat(AmountUnit.inHeader("投资额(万元)")).isEqualTo(AmountUnit.WAN);
        assertThat(AmountUnit.inHeader("项目名称")).isNull();
        assertThat(AmountUnit.inTitle("填报单位:孝义市商务局  单位:亿元")).isEqualTo(AmountUnit.YI);
        assertThat(AmountUnit.inTitle("填报单位：孝义市商务局")).isNull();
        assertThat(AmountUnit.inTitle("（金额单位：万元）")).isEqualTo(AmountUnit.WAN);
    }

    @Test
    void totalAndFooterRowsAsClerksWriteThem() {
        var h = new Header(
                1,
                1,
                List.of(
                        new Header.Column(0, "序号", List.of("序号"), null),
                        new Header.Column(1, "项目名称", List.of("项目名称"), null)),
                null,
                null);
        List<Integer> data = List.of(1);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"合  计", null}), h, data))
                .isEqualTo(RowKind.TOTAL);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {null, "孝义市小计"}), h, data))
                .isEqualTo(RowKind.TOTAL);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"总计", "3个"}), h, data))
                .isEqualTo(RowKind.TOTAL);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"注：本表金额为万元"}), h, data))
                .isEqualTo(RowKind.FOOTER);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"制表人：王五"}), h, data))
                .isEqualTo(RowKind.FOOTER);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"4", null}), h, data))
                .isEqualTo(RowKind.BLANK);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"序号", "项目名称"}), h, data))
                .isEqualTo(RowKind.HEADER_AGAIN);
        assertThat(RowKind.of(new SheetTable.Row(9, new String[] {"5", "注塑件合计生产线项目"}), h, data))
                .isEqualTo(RowKind.DATA);
    }

    @Test
    void hostileTextAndOleFilesAreRefusedByName() {
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        assertProblem(binary, "import.unreadable.binary");
        byte[] wide = ",".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        assertProblem(wide, "import.tooManyColumns");
        var rows = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            rows.append("a,b\n");
        }
        assertThatThrownBy(() -> LedgerFiles.open(
                                rows.toString().getBytes(StandardCharsets.UTF_8), new Limits(200, 100, 5))
                        .read(0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).messageKey()).isEqualTo("import.tooManyRows"));
    }

    @Test
    void aPasswordProtectedWorkbookIsNamedAsSuch() throws Exception {
        try (var fs = new POIFSFileSystem()) {
            var info = new EncryptionInfo(EncryptionMode.agile);
            var enc = info.getEncryptor();
            enc.confirmPassword("孝义2024");
            try (var os = enc.getDataStream(fs)) {
                os.write(ClerkLedgers.xlsx());
            }
            var out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            assertProblem(out.toByteArray(), "import.encrypted");
        }
    }

    @Test
    void anOleFileThatIsNoWorkbook() throws Exception {
        try (var fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[100]), "WordDocument");
            var out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            assertProblem(out.toByteArray(), "import.unreadable.ole");
        }
    }

    private static void assertProblem(byte[] file, String key) {
        assertThatThrownBy(() -> LedgerFiles.open(file, Limits.DEFAULT).read(0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).messageKey()).isEqualTo(key));
    }
}

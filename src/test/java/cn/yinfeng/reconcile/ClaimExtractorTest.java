package cn.yinfeng.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Extraction rules one pattern at a time, and the corpus's precision and recall. */
class ClaimExtractorTest {

    final ClaimExtractor extractor = new ClaimExtractor(Corpus.REGIONS);

    List<Claim> claims(String text, LocalDate date, String region) {
        return extractor.extract(text, date, region).claims();
    }

    @Test
    void corpusPrecisionAndRecallAreAtLeastNinetyPercent() {
        double[] pr = Corpus.run(true);
        assertThat(pr[0]).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat(pr[1]).as("recall").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void printsSeed() {
        var r = extractor.extract(Corpus.read("00-seed.txt"), null, "141100");
        for (Claim c : r.claims()) {
            System.out.println(Corpus.key(c) + "   " + c.written() + " [" + c.keyword() + "] <- "
                    + r.sentences().get(c.sentence()).text());
        }
    }
}

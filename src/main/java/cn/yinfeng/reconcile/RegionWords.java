package cn.yinfeng.reconcile;

import cn.yinfeng.reconcile.ClaimExtractor.RegionMention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words a text names regions by: full and short names, names without 市/县/区, 经开区, the city words
 * (全市/我市) and the county words (全县/本县) that mean the county in context. Longer names are tried first.
 */
final class RegionWords {

    /** 全县/本县 and the like: the county in context. */
    static final String CURRENT = "";

    /** 全市/我市: the city, or a county-level city (孝义市) in its own article. */
    static final String CITY_WORD = "!";

    private record Alias(String text, String code) {}

    private final List<Alias> aliases;

    RegionWords(List<ClaimExtractor.RegionName> regions) {
        Map<String, String> byText = new HashMap<>();
        String rootCode = null;
        for (ClaimExtractor.RegionName r : regions) {
            if (r.root()) {
                rootCode = r.code();
            }
        }
        for (ClaimExtractor.RegionName r : regions) {
            add(byText, r.name(), r.code());
            add(byText, r.shortName(), r.code());
            String stripped = r.name().replaceAll("(市|县|区)$", "");
            if (stripped.length() >= 2 && !stripped.equals(r.name())) {
                add(byText, stripped, r.code());
            }
            if (r.name().contains("开发区")) {
                add(byText, "经开区", r.code());
                add(byText, "经济技术开发区", r.code());
                for (ClaimExtractor.RegionName root : regions) {
                    if (root.root()) {
                        add(byText, root.name().replaceAll("市$", "") + "经开区", r.code());
                    }
                }
            }
        }
        if (rootCode != null) {
            for (String s : List.of("全市", "我市", "本市", "市本级", "全市域")) {
                byText.put(s, CITY_WORD);
            }
        }
        for (String s : List.of("全县", "我县", "本县", "该县", "全区", "我区", "本区", "该区", "全县域")) {
            byText.put(s, CURRENT);
        }
        List<Alias> list = new ArrayList<>();
        byText.forEach((t, c) -> list.add(new Alias(t, c)));
        list.sort(Comparator.comparingInt((Alias a) -> a.text().length())
                .reversed()
                .thenComparing(Alias::text));
        this.aliases = List.copyOf(list);
        this.rootCode = rootCode;
        Map<String, String> names = new HashMap<>();
        for (ClaimExtractor.RegionName r : regions) {
            names.put(r.code(), r.name());
        }
        this.names = Map.copyOf(names);
    }

    private final Map<String, String> names;

    /**
     * The region 全市/我市 mean: a county-level city (孝义市) when the article is about it (its headline names it, or
     * it is the text's default region), else the city.
     */
    String cityWord(String home, boolean homeInHeadline, String defaultRegion) {
        if (home != null
                && !home.equals(rootCode)
                && names.getOrDefault(home, "").endsWith("市")
                && (homeInHeadline || home.equals(defaultRegion))) {
            return home;
        }
        return rootCode == null ? ClaimExtractor.UNKNOWN_REGION : rootCode;
    }

    private final String rootCode;

    private static void add(Map<String, String> map, String text, String code) {
        if (text != null && text.length() >= 2) {
            map.putIfAbsent(text, code);
        }
    }

    String rootCode() {
        return rootCode;
    }

    /** The region names of a sentence, left to right, the longest at each place. */
    List<RegionMention> mentions(String s) {
        List<RegionMention> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            for (Alias a : aliases) {
                if (s.startsWith(a.text(), i)) {
                    out.add(new RegionMention(i, i + a.text().length(), a.code(), a.text()));
                    i += a.text().length() - 1;
                    break;
                }
            }
        }
        return out;
    }
}

package cn.yinfeng.activities;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters every activity list takes, read as text so that a value it cannot read is a 400 naming the
 * parameter ({@link ActivityQuery#parse}), never a conversion error.
 */
record ActivityListParams(
        @Parameter(description = "first day of the period (inclusive), as 2024-01-31", example = "2024-01-01")
        String from,

        @Parameter(description = "last day of the period (inclusive), as 2024-01-31", example = "2024-01-31")
        String to,

        @Parameter(description = "a month as 2024-01: its first to last day, instead of from/to", example = "2024-01")
        String month,

        @Parameter(description = "a region of the caller's tree: that region and the regions below it")
        String regionId,

        @Parameter(description = "text searched in the record's title and names (case-insensitive)")
        String q,

        @Parameter(description = "page number, from 0", example = "0")
        String page,

        @Parameter(description = "rows per page, 1 to " + ActivityQuery.MAX_SIZE + " (default 20)", example = "20")
        String size) {

    ActivityQuery query(String leaderId) {
        return ActivityQuery.parse(from, to, month, regionId, leaderId, q, page, size);
    }
}

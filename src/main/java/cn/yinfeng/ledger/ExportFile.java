package cn.yinfeng.ledger;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the OpenAPI document describes an export's answer: a file download, xlsx or csv as its {@code format} asks.
 * The export writes to the response itself, so without this springdoc would know no content type.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
        responseCode = "200",
        description = "The file, as an attachment (xlsx, or csv in UTF-8 when format=csv)",
        content = {
            @Content(mediaType = LedgerController.XLSX, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))
        })
@interface ExportFile {}

package cn.yinfeng.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yinfeng.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.DigestUtils;

/**
 * Over real HTTP (Tomcat, not MockMvc): pages are compressed and never cached; static files are linked under their
 * content hash, compressed and cached for a year as immutable, so a changed file is a new URL.
 */
class StaticAssetsIT extends IntegrationTest {

    private static final Pattern APP_CSS = Pattern.compile("href=\"(/css/app-([0-9a-f]{32})\\.css)\"");

    @Autowired
    Assets assets;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Accept-Encoding", "gzip")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] body(HttpResponse<byte[]> r) throws IOException {
        if (!"gzip".equals(r.headers().firstValue("Content-Encoding").orElse(""))) {
            return r.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            return in.readAllBytes();
        }
    }

    private static byte[] classpath(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void pagesAreNotCachedAndStaticFilesAreVersionedCompressedAndKeptForAYear() throws Exception {
        HttpResponse<byte[]> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = new String(body(page), StandardCharsets.UTF_8);

        // the stylesheet's link carries the MD5 of its content: another content, another URL
        Matcher css = APP_CSS.matcher(html);
        assertThat(css.find()).as(html).isTrue();
        byte[] file = classpath("static/css/app.css");
        assertThat(css.group(2)).isEqualTo(DigestUtils.md5DigestAsHex(file));

        HttpResponse<byte[]> sheet = get(css.group(1));
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Cache-Control").orElse(""))
                .contains("max-age=31536000")
                .contains("public")
                .contains("immutable");
        assertThat(sheet.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(sheet.body().length).isLessThan(file.length);
        assertThat(body(sheet)).isEqualTo(file);

        // a hash that is not the file's content is not served
        assertThat(get("/css/app-00000000000000000000000000000000.css").statusCode())
                .isEqualTo(404);

        // a webjar by its version-agnostic path: the webjar's version and the content hash in the URL
        String echarts = assets.url("/webjars/echarts/echarts.min.js");
        assertThat(echarts).matches("/webjars/echarts/[0-9.]+/echarts\\.min-[0-9a-f]{32}\\.js");
        HttpResponse<byte[]> script = get(echarts);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        assertThat(script.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = body(script);
        assertThat(echarts).contains(DigestUtils.md5DigestAsHex(unzipped));
        assertThat(script.body().length).isLessThan(unzipped.length / 2);
    }
}

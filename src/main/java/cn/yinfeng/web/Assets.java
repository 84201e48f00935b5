package cn.yinfeng.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;
import org.webjars.WebJarVersionLocator;

/**
 * The versioned URL of a static file, for the templates ({@code ${@assets.url('/css/app.css')}} gives
 * {@code /css/app-<md5 of its content>.css}, a webjar {@code /webjars/echarts/<version>/echarts.min-<md5>.js}): a
 * changed file gets a new URL, so every URL can be cached for a year. The names are those the resource chain's
 * content version strategy serves ({@link WebConfiguration#addResourceHandlers}), which checks the hash again. Each
 * path is hashed once and then read from a map: a page pays a map lookup per file, not a class-path search per link.
 */
@Component("assets")
public class Assets {

    private static final String WEBJARS = "/webjars/";

    private final WebJarVersionLocator webjars = new WebJarVersionLocator();
    private final Map<String, String> versioned = new ConcurrentHashMap<>();

    /** The versioned URL of a static path ({@code /css/app.css}, {@code /webjars/echarts/echarts.min.js}). */
    public String url(String path) {
        return versioned.computeIfAbsent(path, this::resolve);
    }

    private String resolve(String path) {
        String file; // the path under its URL prefix, as served
        String location; // where it lies on the class path
        String prefix;
        if (path.startsWith(WEBJARS)) {
            String rest = path.substring(WEBJARS.length());
            int slash = rest.indexOf('/');
            String found = slash < 0 ? null : webjars.path(rest.substring(0, slash), rest.substring(slash + 1));
            if (found == null) {
                throw new IllegalArgumentException("no webjar file " + path);
            }
            prefix = WEBJARS;
            file = found;
            location = "META-INF/resources/webjars/" + found;
        } else {
            prefix = "/";
            file = path.substring(1);
            location = "static/" + file;
        }
        String hash;
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            hash = DigestUtils.md5DigestAsHex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no static file " + path, e);
        }
        int dot = file.lastIndexOf('.');
        int lastSlash = file.lastIndexOf('/');
        return dot > lastSlash
                ? prefix + file.substring(0, dot) + "-" + hash + file.substring(dot)
                : prefix + file + "-" + hash;
    }
}

package cn.yinfeng.projects;

import cn.yinfeng.common.FormErrors;
import cn.yinfeng.common.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Upload and download of a project's evidence, on the project page and under the API. */
@Controller
class ProjectFileController {

    record Created(long id) {}

    private final ProjectFiles files;
    private final MessageSource messages;

    ProjectFileController(ProjectFiles files, MessageSource messages) {
        this.files = files;
        this.messages = messages;
    }

    @PostMapping("/projects/{id}/files")
    String upload(
            @PathVariable long id,
            @RequestParam ProjectFiles.Kind kind,
            @RequestParam MultipartFile file,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        try {
            files.store(id, kind, file.getOriginalFilename(), file.getInputStream());
            redirect.addFlashAttribute("flash", messages.getMessage("saved", null, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "fileErrors", FormErrors.resolve(e, messages, locale).get("file"));
        }
        return "redirect:/projects/" + id;
    }

    /** The bytes (at most the size limit, 10 MB) are held once and copied to the response with a Content-Length. */
    @GetMapping({"/projects/{id}/files/{fileId}", "/api/v1/projects/{id}/files/{fileId}"})
    ResponseEntity<Resource> download(@PathVariable long id, @PathVariable long fileId) {
        var d = files.open(id, fileId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.file().contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(d.file().originalName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new ByteArrayResource(d.content()));
    }

    @GetMapping("/api/v1/projects/{id}/files")
    @ResponseBody
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Evidence files of a project")
    List<ProjectFiles.StoredFile> list(@PathVariable long id) {
        return files.list(id);
    }

    @PostMapping(value = "/api/v1/projects/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Upload evidence (PDF, PNG or JPEG by content; size limited)")
    Created apiUpload(@PathVariable long id, @RequestParam ProjectFiles.Kind kind, @RequestParam MultipartFile file)
            throws IOException {
        return new Created(files.store(id, kind, file.getOriginalFilename(), file.getInputStream()));
    }
}

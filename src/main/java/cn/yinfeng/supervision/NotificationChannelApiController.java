package cn.yinfeng.supervision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/notification-channels}: the group-chat robots of the caller's regions (secrets never shown). */
@RestController
@RequestMapping("/api/v1/notification-channels")
@Tag(name = "supervision", description = "预警、督办与消息 / warnings, supervision tasks, inbox")
@SecurityRequirement(name = "bearer")
class NotificationChannelApiController {

    record Created(long id) {}

    record Queued(long deliveryId) {}

    private final NotificationChannels channels;

    NotificationChannelApiController(NotificationChannels channels) {
        this.channels = channels;
    }

    @GetMapping
    @Operation(summary = "The robots (WeCom, DingTalk, Feishu, webhook) of the caller's regions, last delivery each")
    List<NotificationChannels.Channel> list() {
        return channels.list();
    }

    @GetMapping("/{id}")
    NotificationChannels.Channel get(@PathVariable long id) {
        return channels.get(id);
    }

    @GetMapping("/deliveries")
    @Operation(summary = "The newest robot deliveries of the caller's channels, with status and last error")
    List<RobotDeliveries.Delivery> deliveries(@RequestParam(defaultValue = "50") int size) {
        return channels.recentDeliveries(Math.min(Math.max(1, size), 500));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a robot (administrators, city staff) to a region of the caller's scope")
    Created create(@RequestBody NotificationChannels.ChannelForm form) {
        return new Created(channels.create(form));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change or disable a robot; a blank secret keeps the stored one; 409 on a stale version")
    NotificationChannels.Channel update(@PathVariable long id, @RequestBody NotificationChannels.ChannelForm form) {
        channels.update(id, form);
        return channels.get(id);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Queue a test message to the robot; it is sent in the background")
    Queued test(@PathVariable long id, Locale locale) {
        return new Queued(channels.test(id, locale));
    }
}

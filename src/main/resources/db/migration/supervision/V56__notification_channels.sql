-- Group-chat robots (WeCom, DingTalk, Feishu, a generic JSON webhook) per region, and the outbox of their
-- messages: a delivery row is written in the same transaction as the inbox note that causes it, sent after
-- commit and retried by a scheduled sweep, so a robot that is down loses nothing.
create table notification_channel (
    id          bigserial primary key,
    region_id   bigint      not null references region (id),
    name        text        not null,
    kind        text        not null check (kind in ('WECOM', 'DINGTALK', 'FEISHU', 'WEBHOOK')),
    url         text        not null,
    secret      text,
    enabled     boolean     not null default true,
    note_kinds  text[]      not null default '{}',
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index notification_channel_region_idx on notification_channel (region_id);

create table notification_delivery (
    id              bigserial primary key,
    channel_id      bigint      not null references notification_channel (id),
    -- one robot message per (channel, kind, link, text) within one transaction, however many users it tells
    tx              bigint      not null default txid_current(),
    dedupe_key      text        not null,
    payload         jsonb       not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    unique (channel_id, tx, dedupe_key)
);
create index notification_delivery_due_idx on notification_delivery (next_attempt_at)
    where delivered_at is null and failed_at is null;
create index notification_delivery_channel_idx on notification_delivery (channel_id, id desc);

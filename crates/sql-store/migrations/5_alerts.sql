-- Alerts: the partner's alert rules and the alerts acknowledged or snoozed (shared by every
-- user). Portable SQL as in V1: percentages as exact decimal text, dates and times as ISO text.

CREATE TABLE alert_rules (
    id VARCHAR(64) PRIMARY KEY,
    position INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    threshold_percent VARCHAR(40),
    window_days INTEGER,
    within_days INTEGER,
    created_by VARCHAR(320) NOT NULL,
    created_at VARCHAR(19) NOT NULL
);

CREATE TABLE alert_dismissals (
    alert_id VARCHAR(200) PRIMARY KEY,
    position INTEGER NOT NULL,
    snoozed_until VARCHAR(10),
    dismissed_by VARCHAR(320) NOT NULL,
    dismissed_at VARCHAR(19) NOT NULL
);

UPDATE meta SET meta_value = '5' WHERE meta_key = 'schema_version';

-- Settings Crux generates once and keeps, e.g. the key of forecasters' pseudonyms in open data.
CREATE TABLE crux_setting (
    setting_name   VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value  VARCHAR(1000) NOT NULL
);

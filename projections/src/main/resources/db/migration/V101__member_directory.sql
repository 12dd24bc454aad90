-- Personal data of members, OUTSIDE the event log so it can be corrected or erased. Events refer
-- to members by member_id only. Written by the API, not by a projection: never truncated on replay.
CREATE TABLE member_directory (
    member_id    VARCHAR(100) PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    national_id  CHAR(18)     NOT NULL UNIQUE,
    phone        VARCHAR(20),
    gender       VARCHAR(10)  NOT NULL,
    birth_date   DATE         NOT NULL,
    org_id       VARCHAR(100) NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    updated_by   VARCHAR(100) NOT NULL
);
CREATE INDEX member_directory_org_idx ON member_directory (org_id);

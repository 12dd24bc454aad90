-- Every read of unmasked personal data (national ID number, phone): who, with which role, whose
-- data, which fields, when, and the request's correlation id. Append-only; auditors read it through
-- GET /audit/personal-data-access. Not a projection: it is written by the API, never replayed.
CREATE TABLE personal_data_access_log (
    access_id      BIGSERIAL    PRIMARY KEY,
    accessed_at    TIMESTAMPTZ  NOT NULL,
    principal      VARCHAR(200) NOT NULL,
    roles          VARCHAR(200) NOT NULL,
    org_id         VARCHAR(100),
    member_id      VARCHAR(100) NOT NULL,
    fields         VARCHAR(200) NOT NULL,
    correlation_id VARCHAR(100)
);
CREATE INDEX personal_data_access_log_member_idx ON personal_data_access_log (member_id, accessed_at);
CREATE INDEX personal_data_access_log_time_idx ON personal_data_access_log (accessed_at);

-- Background jobs run on one instance at a time: whoever holds a job's unexpired lease runs it.
CREATE TABLE job_lease (
    name        VARCHAR(100) NOT NULL PRIMARY KEY,
    holder      VARCHAR(100) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

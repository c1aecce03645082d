-- Organizations, their users and API tokens, projects with units, and which users
-- handle which project. Kept in step with ../postgres/0001_accounts_and_projects.sql.
CREATE TABLE organizations (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'member'))
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    token_hash  TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    country         TEXT NOT NULL CHECK (country IN ('NO', 'FI', 'SE')),
    UNIQUE (organization_id, name)
);

CREATE TABLE project_case_handlers (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    code       TEXT NOT NULL,
    UNIQUE (project_id, code)
);

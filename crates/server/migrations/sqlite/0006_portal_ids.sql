-- A portal signs its users in with its own ids: organizations, users and projects
-- carry the portal's id for them (unique within their scope), and API tokens may
-- expire (unix seconds). Kept in step with ../postgres/0006_portal_ids.sql.
ALTER TABLE organizations ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX organizations_external_id_unique ON organizations (external_id)
    WHERE external_id IS NOT NULL;
ALTER TABLE users ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX users_external_id_unique ON users (organization_id, external_id)
    WHERE external_id IS NOT NULL;
ALTER TABLE projects ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX projects_external_id_unique ON projects (organization_id, external_id)
    WHERE external_id IS NOT NULL;
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;

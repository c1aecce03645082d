-- An organization key replaced by a new one stays valid until `expires_at` (unix
-- seconds), so a portal switches without a gap; after that only the new key opens
-- provisioning.
ALTER TABLE organization_api_keys ADD COLUMN expires_at BIGINT;

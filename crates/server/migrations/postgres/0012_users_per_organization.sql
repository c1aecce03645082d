-- A user is someone of one organization: the same address in two organizations is two
-- users (a person working for two portals' customers), and no organization can learn,
-- by a refusal, which addresses another one uses.
DROP INDEX users_email_unique;
CREATE UNIQUE INDEX users_email_unique ON users (organization_id, lower(email));

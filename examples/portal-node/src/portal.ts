/**
 * The portal's own ids, as its database would have them. Its organization is the demo's
 * "Andre Eiendom AS" (the Rust example portal is Nordbygg's: a webhook is per
 * organization), and its project is in Finland.
 */
export const ORGANIZATION = "demo-andre-eiendom";
export const PROJECT = "p-aurinkorinne";
export const PROJECT_NAME = "Aurinkorinne";
export const USER = "portal-user-aino";
export const USER_NAME = "Aino Portaali";
export const USER_EMAIL = "aino@andre.example";
/** The projects the signed-in user handles: what her token says and her list shows. */
export const USER_PROJECTS = [PROJECT];

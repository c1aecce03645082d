/**
 * Step 3: the portal signs its signed-in user in to the wizard with a short-lived HS256
 * JWT; the page asks for one before each request the wizard makes (`getToken`).
 */
import { SignJWT } from "jose";

import type { Config } from "./config.js";
import { ORGANIZATION, USER, USER_EMAIL, USER_NAME, USER_PROJECTS } from "./portal.js";

export async function sessionToken(config: Config): Promise<string> {
  return new SignJWT({
    email: USER_EMAIL,
    name: USER_NAME,
    org: ORGANIZATION,
    role: "member",
    projects: USER_PROJECTS,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setSubject(USER)
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(config.jwtSecret));
}

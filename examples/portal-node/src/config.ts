/**
 * How this portal reaches the import server and how the two trust each other, read from
 * the environment (scripts/start.sh sets it; so does tests/browser/portal_node.rs).
 */
export interface Config {
  /** The import server, e.g. `http://127.0.0.1:8080`. */
  importServer: string;
  /** The organization API key (`customer-import-server issue-api-key`). */
  apiKey: string;
  /** HS256 secret shared with the import server (`--jwt-hs256-secret`). */
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Signs every delivery; Standard Webhooks format: `whsec_` + base64 of 24–64 bytes. */
  webhookSecret: string;
}

/** Where to listen: a host and port, or a socket a supervisor opened for us (`fd`). */
export type Listen = { host: string; port: number } | { fd: number };

/**
 * The environment's configuration, where to listen, and the address the import server
 * reaches this portal at (`PORTAL_URL`, for a portal behind a proxy; without it, the
 * address it listens on).
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): {
  config: Config;
  listen: Listen;
  publicUrl: string | undefined;
} {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set (see scripts/start.sh)`);
    return value;
  };
  const [host = "127.0.0.1", port = "8001"] = (env.PORTAL_ADDR ?? "127.0.0.1:8001").split(":");
  const listen: Listen = env.PORTAL_LISTEN_FD
    ? { fd: Number(env.PORTAL_LISTEN_FD) }
    : { host, port: Number(port) };
  return {
    listen,
    publicUrl: env.PORTAL_URL,
    config: {
      importServer: need("PORTAL_IMPORT_SERVER"),
      apiKey: need("PORTAL_API_KEY"),
      jwtSecret: need("PORTAL_JWT_SECRET"),
      jwtIssuer: need("PORTAL_JWT_ISSUER"),
      jwtAudience: need("PORTAL_JWT_AUDIENCE"),
      webhookSecret: need("PORTAL_WEBHOOK_SECRET"),
    },
  };
}

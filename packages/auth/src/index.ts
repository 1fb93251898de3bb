export * from "./password.ts";
export * from "./session-token.ts";
export * from "./sessions.ts";
export * from "./throttle-rules.ts";
export * from "./throttle.ts";
export * from "./grants.ts";
export * from "./login.ts";
export { readAuthEnv, type TAuthEnv } from "./env.ts";
export * from "./personal-data.ts";

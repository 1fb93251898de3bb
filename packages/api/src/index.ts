export { appRouter, createCaller, type AppRouter } from "./root.ts";
export type { ApiContext } from "./context.ts";
export { AppError, appError } from "./errors.ts";
export { onboardStations } from "./stations/onboard-stations.ts";
export { createUser, hashAcceptablePassword } from "./users/manage-users.ts";
export { readStationLogo } from "./workspace/update-branding.ts";
export { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo/seed-demo.ts";

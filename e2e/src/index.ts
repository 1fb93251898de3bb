export { CHROMIUM_PATH, launchChromium } from "./browser.ts";
export { buildWebIfNeeded, freePort, REPO_DIR, startShegongServer, type RunningServer } from "./shegong-server.ts";

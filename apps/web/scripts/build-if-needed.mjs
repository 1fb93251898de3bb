// Builds the web app only when dist/index.html is missing or older than any of its sources, so that
// `pnpm start` is quick on every start after the first. Plain Node, no dependencies.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(webDir, "../..");
const builtIndex = join(webDir, "dist", "index.html");
const sources = [
  join(webDir, "src"),
  join(webDir, "index.html"),
  join(webDir, "vite.config.ts"),
  join(webDir, "package.json"),
  join(repoDir, "packages", "domain", "src"),
];

/** The newest modification time under a file or folder (0 when it does not exist). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt > changedAt) {
  console.log("web: dist is up to date");
  process.exit(0);
}

console.log(builtAt === 0 ? "web: building (no dist yet)" : "web: rebuilding (sources changed)");
const vite = join(webDir, "node_modules", ".bin", process.platform === "win32" ? "vite.cmd" : "vite");
const result = spawnSync(vite, ["build"], { cwd: webDir, stdio: "inherit", shell: process.platform === "win32" });
if (result.error) {
  console.error(`web: could not run vite: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);

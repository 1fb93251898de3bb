// Bundles the server and CLI with our workspace packages inlined (they ship TypeScript source)
// and every npm dependency left external. A plain `node dist/server.mjs` then starts without a
// TypeScript loader, which keeps later starts well under the 3 s the foundation issue asks for.
// `--if-needed` skips the build when dist is newer than every source file.
import { build } from "esbuild";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const here = new URL("..", import.meta.url).pathname;
const repo = join(here, "../..");
const sources = [join(here, "src"), join(repo, "packages/domain/src"), join(repo, "packages/db/src"), join(repo, "packages/db/migrations"), join(repo, "packages/auth/src"), join(repo, "packages/api/src")];
const outputs = [join(here, "dist/server.mjs"), join(here, "dist/cli.mjs")];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (process.argv.includes("--if-needed") && outputs.every(existsSync)) {
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  if (sources.every((s) => newest(s) < built)) process.exit(0);
}

const externalNpm = {
  name: "external-npm",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@shegong/") ? undefined : { path: args.path, external: true }));
  },
};

await build({
  entryPoints: { server: join(here, "src/server.ts"), cli: join(here, "src/cli.ts") },
  outdir: join(here, "dist"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  plugins: [externalNpm],
  logLevel: "warning",
});
console.log("built apps/api/dist (server.mjs, cli.mjs)");

import { report, type Benchmark } from "./harness.ts";
import { httpBenchmark } from "./http.ts";
import { ledgerImportBenchmark } from "./ledger-import.ts";
import { onboardingBenchmark } from "./onboarding.ts";
import { publicPageBenchmark } from "./public-page.ts";
import { quarterlyBenchmark } from "./quarterly.ts";
import { payoutsBenchmark } from "./payouts.ts";
import { regionBenchmark } from "./region.ts";
import { registrySearchBenchmark } from "./registry-search.ts";
import { soakBenchmark } from "./soak.ts";
import { startupBenchmark } from "./startup.ts";
import { visitsBenchmark } from "./visits.ts";

const BENCHMARKS: Benchmark[] = [onboardingBenchmark, startupBenchmark, ledgerImportBenchmark, registrySearchBenchmark, visitsBenchmark, payoutsBenchmark, quarterlyBenchmark, regionBenchmark, httpBenchmark, publicPageBenchmark, soakBenchmark];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
if (process.argv.includes("--help") || process.argv.includes("--list")) {
  console.log("pnpm bench [name…]   (no name: all but the long drills)\n");
  for (const b of BENCHMARKS) console.log(`  ${b.name.padEnd(12)} ${b.description}`);
  process.exit(0);
}
const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  process.exit(2);
}
let missedTarget = false;
for (const bench of BENCHMARKS.filter((b) => (wanted.length === 0 ? !b.onlyWhenNamed : wanted.includes(b.name)))) {
  const rows = await bench.run();
  report(bench.name, rows);
  if (rows.some((r) => r.meetsTarget === false)) missedTarget = true;
}
process.exitCode = missedTarget ? 1 : 0;

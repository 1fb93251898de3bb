import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startScriptNodeFlags as startFlags } from "../scripts/start-flags.mjs";

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), "utf8");

describe("the server's Node flags", () => {
  it("set the young generation and the heap's growth in pnpm start", () => {
    expect(startFlags()).toEqual(expect.arrayContaining(["--max-semi-space-size=16", "--heap-growing-percent=50"]));
  });

  it("are the same in the systemd unit and the container as in pnpm start", () => {
    const execStart = /^ExecStart=\/usr\/bin\/node (.*) dist\/server\.mjs$/m.exec(read("../../../infra/systemd/shegong.service"));
    expect(execStart?.[1]!.split(/\s+/)).toEqual(startFlags());
    const cmd = /^CMD (\[.*"dist\/server\.mjs"\])$/m.exec(read("../../../infra/docker/Dockerfile"));
    const argv = JSON.parse(cmd![1]!) as string[];
    expect(argv.slice(1, -1)).toEqual(startFlags());
  });
});

// The benchmark scripts start, print and stop (issue 19): pages.ts against one page
// (/login) with one connection for one second on a ×1 data set, on whichever database the
// suite runs on (PGlite: no bare baseline). Checks the table and the RSS line are printed
// and that both servers it started are gone when it exits. two-processes.ts likewise on ×1
// for one second with five mails on PostgreSQL (on PGlite it says it is skipped). No timing assertions: the
// figures are printed, never judged here. The docs/benchmarks.md renderer is checked on
// fixed figures.
import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { renderBenchmarksDoc, targets, type PagesJson } from "../../scripts/bench/lib/report";

async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once("error", reject);
      s.listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const nextFree = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port + 1, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (nextFree && port < 65000) return port;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A benchmark script run to its end in test mode: its exit code and everything it printed. */
async function runBench(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env, NODE_ENV: "test", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, out };
}

describe("benchmark smoke", () => {
  it("pages.ts starts the servers, prints a figure row and the RSS, and leaves no process behind", async () => {
    const port = await freePortPair();
    const { code, out } = await runBench("scripts/bench/pages.ts", { BENCH_PORT: String(port), BENCH_SCALE: "1", BENCH_SECONDS: "1", BENCH_CONNECTIONS: "1", BENCH_PAGES: "login", BENCH_JSON: "" });
    expect(code, out).toBe(0);
    expect(out).toContain("| side | forb. | req/s | p50 | p95 | p99 | fejl | bar req/s | forhold |");
    expect(out).toMatch(/\| \/login GET \| 1 \| [\d.]+ \|/);
    expect(out).toMatch(/RSS: appen \d+ MB i tomgang, \d+ MB efter belastningen/);
    const pids = [...out.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) expect(alive(pid), `server ${pid} still running`).toBe(false);
  }, 600_000);

  it("two-processes.ts loads two servers, counts the mails and leaves no process behind", async () => {
    const port = await freePortPair();
    const { code, out } = await runBench("scripts/bench/two-processes.ts", { BENCH_PORT: String(port), BENCH_SCALE: "1", BENCH_SECONDS: "1", BENCH_CONNECTIONS: "2", BENCH_MAILS: "5" });
    expect(code, out).toBe(0);
    if (!process.env.DATABASE_URL) {
      expect(out).toContain("two-processes: sprunget over");
      return;
    }
    expect(out).toMatch(/\| én proces \| 2 \| [\d.]+ \|/);
    expect(out).toMatch(/SMTP-modtageren fik \d+ mails, 0 to gange/);
    expect(out).toMatch(/Forhold to\/én: [\d.]+ \(mål ≥ 1\.6\); fejl 0; mails to gange 0/);
    const pids = [...out.matchAll(/server [AB] pid (\d+)/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(alive(pid), `server ${pid} still running`).toBe(false);
  }, 600_000);

  it("docs/benchmarks.md lists the machine, each figure with its ratio, and each target met or missed with the reason", () => {
    const run = { reqPerSec: 100, p50: 10, p95: 80, p99: 120, errors: 0, requests: 500 };
    const pages: PagesJson = {
      at: "2026-11-28T05:00:00Z",
      scale: 10,
      seconds: 5,
      database: "postgres",
      applications: 1970,
      auditRows: 100_000,
      results: [
        { key: "list", name: "Ansøgningsliste", connections: 10, app: run, bare: { ...run, reqPerSec: 400 }, ratio: 0.25 },
        { key: "login", name: "/login GET", connections: 10, app: { ...run, p95: 20 }, bare: { ...run, reqPerSec: 500 }, ratio: 0.2 },
      ],
      rss: { app: 300, bare: 80 },
      notes: [],
    };
    const facts = {
      at: new Date("2026-11-28T05:00:00Z"),
      machine: { cpu: "Test CPU", cores: 2, memoryGb: 4, node: "v20", os: "Linux", database: "PostgreSQL 16" },
      loadBefore: [9, 8, 7],
      loadAfter: [9, 8, 7],
      totalSeconds: 420,
      runs: [
        { script: "scripts/bench/pages.ts", output: "| tabel |", code: 0, seconds: 200 },
        {
          script: "scripts/bench/two-processes.ts",
          output: "Forhold to/én: 1.20 (mål ≥ 1.6); fejl 0; mails to gange 0\nMål: to processer ≥ 1.6 × én, ingen fejl, ingen mail to gange: IKKE opfyldt",
          code: 0,
          seconds: 40,
        },
        { script: "scripts/bench/explain.ts", name: "explain", output: "| side |\n| list | /applications | 7 | 2130 | 16.3 | 26.4 | ingen |\nEXPLAIN: 9 sider, 80 sætninger, 2 sekventielle scanninger på store tabeller", code: 0, seconds: 50 },
      ],
      pages,
    };
    const v = targets(facts);
    expect(v.find((t) => t.target.startsWith("hver side p95"))).toMatchObject({ met: false, why: expect.stringContaining("list 7 sætninger, SQL 16.3 ms, loader 26.4 ms") });
    expect(v.find((t) => t.target.startsWith("gennemløb ≥ 0,5"))).toMatchObject({ met: false });
    expect(v.find((t) => t.target.startsWith("gennemløb ≥ 0,1"))).toMatchObject({ met: true });
    expect(v.find((t) => t.target.startsWith("RSS"))).toMatchObject({ met: false, next: expect.stringContaining("max-old-space-size") });
    const doc = renderBenchmarksDoc(facts);
    expect(doc).toContain("Test CPU, 2 kerner");
    expect(doc).toContain("**Belastet maskine**");
    expect(doc).toContain("| Ansøgningsliste | 10 | 100.0 | 10 ms | 80 ms | 120 ms | 0 | 400.0 | 0.25 |");
    expect(doc).toContain("7.0 min (mål: under 10 min): opfyldt");
    // Steps that gave no figures say why, never a stale reason.
    expect(v.find((t) => t.target.startsWith("ansøgningslisten ved ×100"))).toMatchObject({ met: null, why: expect.stringContaining("BENCH_ONLY") });
    expect(v.find((t) => t.target.startsWith("to processer"))).toMatchObject({ met: false, measured: expect.stringContaining("1.20 ×"), why: expect.stringContaining("under 1,6") });
    expect(doc).not.toContain("henter alle rækker");
    expect(doc).toContain("EXPLAIN: 9 sider, 80 sætninger, 2 sekventielle scanninger på store tabeller");
    expect(doc).toContain("| tabel |");
  });
});

// Not part of `npm run bench` (decision 030): the pages it shares with pages.ts are measured
// there under load on ×10 data; run this one by hand for what only it measures: the ranking page (/calls/:id/ranking) on 98 applications with full budgets.
// Issue 4 benchmark: the application list for 98 applications (5 categories ×
// 8 quarters each) and the application form page; p50/p95 of the response time
// over sequential requests on localhost, plus throughput at 10 connections.
// Usage: npx tsx scripts/bench/applications.ts   (DATABASE_URL set → the real server)
import { spawn } from "node:child_process";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { fmt, latency, loginCookie, throughput } from "./lib/measure";
import { ownGroup, stopProcessGroup } from "./lib/process-group";

const port = Number(process.env.BENCH_PORT ?? 3222);
const base = `http://localhost:${port}`;

// node itself in its own process group (not an npx wrapper): stopProcessGroup ends the server.
const child = ownGroup(spawn(process.execPath, ["--import", "tsx", "scripts/bench/lib/bench-server.ts"], {
  env: { ...process.env, BENCH_PORT: String(port) },
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
}));
const ids = await new Promise<{ callId: number; lollandApplicationId: number; lollandEmail: string }>((resolve, reject) => {
  let buf = "";
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const m = /READY (.*)\n/.exec(buf);
    if (m) resolve(JSON.parse(m[1]));
  });
  child.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
});

try {
  const caseworker = await loginCookie(base, "sagsbehandler@demo.puljeportal.dk", DEMO_PASSWORD);
  const municipality = await loginCookie(base, ids.lollandEmail, DEMO_PASSWORD);
  const pages = [
    { name: "Ansøgningsliste (98, sagsbehandler)", url: `${base}/applications?call=${ids.callId}`, cookie: caseworker },
    { name: "Ansøgningsliste, alle sider vist (pageSize 100)", url: `${base}/applications?call=${ids.callId}&pageSize=100`, cookie: caseworker },
    { name: "Ansøgningsformular/visning (kommune)", url: `${base}/applications/${ids.lollandApplicationId}`, cookie: municipality },
    { name: "Rangering (98)", url: `${base}/calls/${ids.callId}/ranking`, cookie: caseworker },
  ];
  console.log(`\nDatabase: ${process.env.DATABASE_URL ? "PostgreSQL (postgres.js)" : "PGlite"} · ${new Date().toISOString()}`);
  console.log("| side | p50 | p95 | fejl | req/s (10 forb.) |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const p of pages) {
    const l = await latency(p.url, p.cookie, Number(process.env.BENCH_N ?? 200));
    const t = await throughput(p.url, p.cookie, 10, 4);
    console.log(`| ${p.name} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${l.errors + t.errors} | ${t.reqPerSec.toFixed(0)} |`);
  }
} finally {
  await stopProcessGroup(child);
}

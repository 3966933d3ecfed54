// sdk.test.mjs: POST /mcp with the official MCP TypeScript SDK client and
// the MCP Inspector's CLI mode, against a running stack ($SITEAUDIT_URL,
// $SITEAUDIT_API_KEY, $SITEAUDIT_FIXTURES_URL). Ends "mcp: N passed, N failed".
// SPDX-License-Identifier: MIT
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const BASE = process.env.SITEAUDIT_URL;
const KEY = process.env.SITEAUDIT_API_KEY;
const FIXTURES = process.env.SITEAUDIT_FIXTURES_URL;
const results = { passed: 0, failed: 0 };

async function test(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    results.failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

async function connect(key = KEY) {
  const transport = new StreamableHTTPClientTransport(new URL(BASE + "/mcp"), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: "siteaudit-sdk-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function sdkFlow() {
  const client = await connect();
  try {
    assert.equal(client.getServerVersion().name, "siteaudit");
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    for (const n of ["start_audit", "get_run", "get_report", "list_sites",
      "get_site_history", "get_schedule", "get_account", "budget_check",
      "trigger_scan", "run_page_audit", "get_page_audit"])
      assert.ok(names.includes(n), `tool ${n} listed`);
    const acct = await client.callTool({ name: "get_account", arguments: {} });
    assert.equal(acct.isError, false);
    assert.ok(acct.structuredContent.org.id);
    const start = await client.callTool({
      name: "start_audit",
      arguments: { url: FIXTURES + "/sample-site/index.html" },
    });
    assert.equal(start.isError, false, JSON.stringify(start));
    const runId = start.structuredContent.runId;
    let run;
    for (let i = 0; i < 120; i++) {
      run = (await client.callTool({ name: "get_run", arguments: { runId } })).structuredContent;
      if (run.status === "completed" || run.status === "failed") break;
      await sleep(500);
    }
    assert.equal(run.status, "completed", JSON.stringify(run));
    const rep = await client.callTool({ name: "get_report", arguments: { reportId: run.reportId } });
    assert.equal(rep.isError, false);
    assert.equal(rep.structuredContent.id, run.reportId);
    const bad = await client.callTool({ name: "get_run", arguments: { runId: "00000000-0000-7000-8000-000000000000" } });
    assert.equal(bad.isError, true);
  } finally {
    await client.close();
  }
}

async function badKey() {
  await assert.rejects(connect("sk_pageref_bogus"));
}

async function inspectorCli() {
  const run = promisify(execFile);
  const bin = new URL("./node_modules/.bin/mcp-inspector", import.meta.url).pathname;
  const common = ["--cli", BASE + "/mcp", "--transport", "http",
    "--header", `Authorization: Bearer ${KEY}`];
  const list = await run(bin, [...common, "--method", "tools/list"], { timeout: 60000 });
  const tools = JSON.parse(list.stdout).tools.map((t) => t.name);
  assert.ok(tools.includes("run_page_audit"), list.stdout);
  const call = await run(bin, [...common, "--method", "tools/call",
    "--tool-name", "list_sites"], { timeout: 60000 });
  const out = JSON.parse(call.stdout);
  assert.ok(Array.isArray(out.structuredContent.sites), call.stdout);
}

await test("SDK client: connect, list tools, start_audit → get_run → get_report", sdkFlow);
await test("SDK client: a bad key is refused", badKey);
await test("Inspector CLI: tools/list and tools/call", inspectorCli);
console.log(`mcp: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);

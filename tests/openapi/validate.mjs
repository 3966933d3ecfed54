// validate.mjs: validates docs/openapi.yaml with two independent real
// validators and proves each of them can fail.
//   node validate.mjs [path/to/openapi.yaml]
// 1. @seriousme/openapi-schema-validator: the document against the official
//    OpenAPI 3.1 JSON Schema (and its JSON Schema 2020-12 dialect), every
//    internal $ref resolvable.
// 2. @redocly/cli lint with redocly.yaml (recommended-strict plus the example
//    rules: every example is checked against its schema).
// 3. Negative controls: a copy with a Swagger-2-style `in: body` parameter must be
//    rejected by (1), a copy with an example contradicting its schema by (2).
// Ends with "openapi: N passed, N failed"; exits 1 on any failure.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";

const HERE = dirname(fileURLToPath(import.meta.url));
const DOC = resolve(process.argv[2] ?? join(HERE, "..", "..", "docs", "openapi.yaml"));
const REDOCLY = join(HERE, "node_modules", ".bin", "redocly");
const CONFIG = join(HERE, "redocly.yaml");

let passed = 0;
let failed = 0;

async function check(name, fn) {
	try {
		await fn();
		passed++;
		console.log(`ok - ${name}`);
	} catch (e) {
		failed++;
		console.log(`not ok - ${name}\n  ${String(e.message ?? e).split("\n").join("\n  ")}`);
	}
}

function assert(cond, msg) {
	if (!cond)
		throw new Error(msg);
}

// Runs redocly lint on file; returns { code, out } (never throws on lint errors).
function lint(file) {
	try {
		const out = execFileSync(REDOCLY, ["lint", "--config", CONFIG,
			"--format=stylish", file], { encoding: "utf8", stdio: "pipe",
			timeout: 120000, env: { ...process.env, REDOCLY_TELEMETRY: "off",
			REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } });
		return { code: 0, out };
	} catch (e) {
		if (typeof e.status !== "number")
			throw e;
		return { code: e.status, out: `${e.stdout}${e.stderr}` };
	}
}

// The problem lines of redocly's stylish output (what a reader needs).
function problems(out) {
	return out.split("\n").filter((l) => /\b(error|warning)\b/.test(l) &&
		!/Node\.js/.test(l)).join("\n");
}

// A copy of the document with one exact text replaced (must occur once).
function mutate(dir, name, from, to) {
	const text = readFileSync(DOC, "utf8");
	assert(text.split(from).length === 2, `anchor for ${name} not found once: ${from}`);
	const file = join(dir, name);
	writeFileSync(file, text.replace(from, to));
	return file;
}

const tmp = mkdtempSync(join(tmpdir(), "openapi-"));
try {
	await check("schema: a valid OpenAPI 3.1 document", async () => {
		const v = new Validator();
		const res = await v.validate(DOC);
		assert(res.valid, JSON.stringify(res.errors, null, 2));
		assert(v.version === "3.1", `version ${v.version}, want 3.1`);
	});

	await check("schema: every internal $ref resolves", async () => {
		const v = new Validator();
		await v.validate(DOC);
		const resolved = v.resolveRefs();
		assert(resolved?.paths?.["/api/mcp/runs/{runId}"], "paths missing after resolving");
	});

	await check("redocly lint (recommended-strict, examples vs schemas): no problem", () => {
		const { code, out } = lint(DOC);
		assert(code === 0, problems(out) || out);
	});

	await check("negative control: a parameter `in: body` (not OpenAPI 3) is rejected", async () => {
		const bad = mutate(tmp, "in-body.yaml",
			"    RunId:\n      name: runId\n      in: path\n",
			"    RunId:\n      name: runId\n      in: body\n");
		const res = await new Validator().validate(bad);
		assert(!res.valid, "the schema validator accepted a parameter in: body");
	});

	await check("negative control: an example contradicting its schema fails the lint", () => {
		const bad = mutate(tmp, "bad-example.yaml",
			"example: {runId: 0190b5a3-5c1e-7d4a-9b7e-2f1c0a9e4d11, status: queued}",
			"example: {runId: 0190b5a3-5c1e-7d4a-9b7e-2f1c0a9e4d11, status: done}");
		const { code, out } = lint(bad);
		assert(code !== 0, "redocly accepted an example whose status is not 'queued'");
		assert(/no-invalid-media-type-examples/.test(out),
			`failed for another reason:\n${problems(out)}`);
	});
} finally {
	rmSync(tmp, { recursive: true, force: true });
}

console.log(`openapi: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

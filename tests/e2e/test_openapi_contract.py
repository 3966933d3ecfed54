"""docs/openapi.yaml against the live server (issue 10).

Every answer the main flows and the error cases get over real HTTP must be
documented for its operation: the status code, the media type, the required
headers, and a body that validates (JSON Schema 2020-12, $refs resolved in
the document) against the documented schema. A separate test parses
fcgi/routes.c so that a new API route without a path + method in the
document fails the suite.
"""
import copy
import json
import time
import uuid

import pytest
import requests

from conftest import mariadb
from openapi_check import api_routes, check_response, conform, deref, load_spec, validate
from test_api_util import (Tenant, add_budget, admin, blackhole, call,  # noqa: F401
                           settle_scans, sql_str)
from test_api_runs import fcgi_post, strict_pool  # noqa: F401 (fixture)
from test_pdf import signed
from test_ui_support import login
from test_webhooks import Receiver, verify

POLL_S = 60


@pytest.fixture(scope="module")
def spec(root_dir):
    return load_spec(root_dir)


def api(spec, base_url, method, path, template=None, **kw):
    """One call through nginx, checked against the operation `template`."""
    resp = call(base_url, method, path, **kw)
    return resp, conform(spec, resp, method, template or path)


def wait_run(spec, base_url, key, run_id):
    """Polls the run (each answer checked) until it is finished."""
    end = time.monotonic() + POLL_S
    while True:
        _, run = api(spec, base_url, "GET", f"/api/mcp/runs/{run_id}",
                     "/api/mcp/runs/{runId}", key=key)
        if run["status"] in ("completed", "failed") or time.monotonic() > end:
            return run
        time.sleep(0.5)


def rpc(spec, base_url, key, method, params=None, **kw):
    msg = {"jsonrpc": "2.0", "id": 1, "method": method}
    if params is not None:
        msg["params"] = params
    return api(spec, base_url, "POST", "/mcp", key=key, body=msg, **kw)


# -- the document cannot fall behind the route table -------------------------

def only_405(op):
    return set(op["responses"]) == {"405"}


def test_every_api_route_is_documented(spec, root_dir):
    table = api_routes(root_dir)
    documented = {(m.upper(), p) for p, item in spec["paths"].items()
                  for m, op in item.items() if m in ("get", "post", "put", "patch", "delete")
                  and not only_405(op)}
    assert table - documented == set(), "routes missing from docs/openapi.yaml"
    assert documented - table == set(), "documented operations that are no route"
    # an operation documented only for its 405 must really not be a route
    for p, item in spec["paths"].items():
        for m, op in item.items():
            if isinstance(op, dict) and "responses" in op and only_405(op):
                assert (m.upper(), p) not in table
                assert any(rp == p for _, rp in table), f"{p}: no route at all"


def test_every_operation_documents_its_auth_errors(spec):
    """Key routes document 401 and 402 (spec/000); routes with a body 413."""
    for p, item in spec["paths"].items():
        for m, op in item.items():
            if not isinstance(op, dict) or only_405(op):
                continue
            sec = op.get("security", spec["security"])
            if {"apiKey": []} in sec:
                assert {"401", "402"} <= set(op["responses"]), f"{m} {p}"
            if "requestBody" in op:
                assert "413" in op["responses"], f"{m} {p}"


# -- operations, health, metrics ------------------------------------------------

def test_healthz_and_metrics(spec, base_url):
    api(spec, base_url, "GET", "/healthz")
    resp, text = api(spec, base_url, "GET", "/metrics")
    assert "siteaudit_db_up 1" in text


# -- the main flow: audit → run → report → PDF, sites, history, budgets ----------

@pytest.fixture(scope="module")
def audited(spec, base_url, state_dir, fixtures_url):
    """A pro tenant whose site has one completed audit by the real runner,
    a broken budget, and two webhook subscriptions (json, slack) to a
    loopback receiver: (tenant, run, receiver, {format: subscription})."""
    t = Tenant(plan="pro", site_url=fixtures_url + "/sample-site/index.html")
    rec = Receiver()
    try:
        subs = {fmt: api(spec, base_url, "POST", "/api/external/webhooks/subscribe",
                         key=t.key, body={"url": f"{rec.url}/{fmt}", "format": fmt,
                                          "events": ["scan.completed", "budget.violated"]})[1]
                for fmt in ("json", "slack")}
        add_budget(state_dir, t, "performance", "min", 101)   # always violated
        resp, body = api(spec, base_url, "POST", "/api/mcp/start-audit", key=t.key,
                         body={"url": t.site_url, "siteId": t.site})
        assert resp.status_code == 202
        assert resp.headers["Location"] == f"/api/mcp/runs/{body['runId']}"
        run = wait_run(spec, base_url, t.key, body["runId"])
        if run["status"] == "queued":
            pytest.skip(f"no runner picked the run up within {POLL_S}s")
        assert run["status"] == "completed", run
        yield t, run, rec, subs
    finally:
        rec.srv.shutdown()


def test_report_json_and_pdf_link(spec, base_url, conf_path, audited):
    t, run, _, _ = audited
    tpl = "/api/mcp/reports/{reportId}"
    path = f"/api/mcp/reports/{run['reportId']}"
    _, rep = api(spec, base_url, "GET", path, tpl, key=t.key)
    validate(spec, {"$ref": "#/components/schemas/Report"}, rep, "report")
    assert rep["runId"] == run["runId"] and set(rep["scores"]) >= {"performance", "seo"}
    _, link = api(spec, base_url, "GET", path, tpl, key=t.key, params={"format": "pdf_url"})
    validate(spec, {"$ref": "#/components/schemas/PdfLink"}, link, "pdf link")
    files = "/files/reports/{file}"
    pdf = requests.get(link["url"], timeout=30)
    conform(spec, pdf, "GET", files)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    conform(spec, requests.get(link["url"][:-1] + ("0" if link["url"][-1] != "0" else "1"),
                               timeout=30), "GET", files)
    old = requests.get(signed(base_url, conf_path, run["reportId"], int(time.time()) - 5),
                       timeout=30)
    assert old.status_code == 410
    conform(spec, old, "GET", files)


def test_sites_history_schedule_account(spec, base_url, audited):
    t, run, _, _ = audited
    _, sites = api(spec, base_url, "GET", "/api/mcp/sites", key=t.key)
    assert sites["sites"][0]["latestScan"]["scanId"] == run["runId"]
    _, hist = api(spec, base_url, "GET", f"/api/mcp/sites/{t.site}/history",
                  "/api/mcp/sites/{siteId}/history", key=t.key, params={"limit": 5})
    assert hist["runs"][0]["runId"] == run["runId"] and hist["runs"][0]["scores"]
    api(spec, base_url, "GET", f"/api/mcp/sites/{t.site}/schedule",
        "/api/mcp/sites/{siteId}/schedule", key=t.key)
    _, acct = api(spec, base_url, "GET", "/api/mcp/account", key=t.key)
    assert acct["usage"]["audits"] >= 1


def test_budget_check_with_and_without_a_scan(spec, base_url, state_dir, audited):
    t, run, _, _ = audited
    _, body = api(spec, base_url, "POST", "/api/external/budget-check", key=t.key,
                  body={"siteId": t.site})
    assert body["scanId"] == run["runId"] and "scores" in body
    fresh = Tenant(plan="pro")
    _, body = api(spec, base_url, "POST", "/api/external/budget-check", key=fresh.key,
                  body={"siteId": fresh.site})
    assert "scores" not in body and body["scanId"] is None


def test_export_with_key_and_session(spec, base_url, state_dir, audited):
    t, run, _, _ = audited
    tpl = "/api/external/sites/{siteId}/export"
    path = f"/api/external/sites/{t.site}/export"
    csv_resp, text = api(spec, base_url, "GET", path, tpl, key=t.key)
    assert text.startswith("Page URL,Page Path,Strategy,")
    _, rows = api(spec, base_url, "GET", path, tpl, key=t.key, params={"format": "json"})
    assert rows and rows[0]["pageUrl"]
    api(spec, base_url, "GET", path, tpl, key=t.key, params={"scanId": run["runId"]})
    # the session route: the same export for a signed-in user of the org
    email, password = f"oa-{uuid.uuid4().hex[:10]}@example.test", "pw-" + uuid.uuid4().hex
    admin("user", "create", "--org", t.org, "--email", email, "--role", "member",
          "--password", password)
    s = login(base_url, email, password)
    stpl = "/api/sites/{siteId}/export"
    for fmt in ("csv", "json"):
        resp = s.get(f"{base_url}/api/sites/{t.site}/export", params={"format": fmt}, timeout=30)
        assert resp.status_code == 200
        conform(spec, resp, "GET", stpl)
    conform(spec, s.get(f"{base_url}/api/sites/{t.site}/export", params={"format": "xml"},
                        timeout=30), "GET", stpl)
    anon = requests.get(f"{base_url}/api/sites/{t.site}/export", timeout=30)
    assert anon.status_code == 401
    conform(spec, anon, "GET", stpl)


def test_webhook_deliveries_match_the_document(spec, base_url, audited):
    """The runner's real deliveries against the document's `webhooks`."""
    t, run, rec, subs = audited
    hook = spec["webhooks"]["scanEvent"]["post"]
    body_schema = hook["requestBody"]["content"]["application/json"]["schema"]
    hits = rec.wait("/json", 2, 120) + rec.wait("/slack", 2, 120)
    for h in hits:
        fmt = h["path"].lstrip("/")
        verify(subs[fmt]["secret"], h)
        for p in map(lambda x: deref(spec, x), hook["parameters"]):
            assert p["in"] == "header" and p["name"] in h["headers"], p["name"]
            validate(spec, p["schema"], h["headers"][p["name"]], p["name"])
        event = json.loads(h["body"])
        validate(spec, body_schema, event, f"delivery {fmt}")
        kind = "WebhookPayload" if fmt == "json" else "SlackMessage"
        validate(spec, {"$ref": f"#/components/schemas/{kind}"}, event, kind)
    events = {json.loads(h["body"])["type"] for h in rec.on("/json")}
    assert events == {"scan.completed", "budget.violated"}
    # the list now carries real delivery rows
    end = time.monotonic() + 30
    while True:
        _, listed = api(spec, base_url, "GET", "/api/external/webhooks", key=t.key)
        if all(d["status"] == "delivered" for w in listed["webhooks"]
               for d in w["deliveries"]) or time.monotonic() > end:
            break
        time.sleep(0.5)
    assert sum(len(w["deliveries"]) for w in listed["webhooks"]) == 4


# -- scans, deploy hook ---------------------------------------------------------

def test_scan_queue_conflict_and_rate_limit(spec, base_url, state_dir, blackhole):
    t = Tenant(plan="pro", site_url=blackhole)
    _, key = t.new_user()

    def scan():
        return api(spec, base_url, "POST", "/api/external/scan", key=key,
                   body={"siteId": t.site, "strategy": "both"})[0]

    assert scan().status_code == 202
    assert scan().status_code == 409
    for _ in range(4):
        settle_scans(state_dir, t.site)
        assert scan().status_code == 202
    settle_scans(state_dir, t.site)
    limited = scan()
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0


def test_deploy_hook(spec, base_url, state_dir, blackhole):
    t = Tenant(plan="pro", site_url=blackhole)
    token = admin("site", "hook", "--site", t.site)
    tpl = "/api/hooks/site-publish/{token}"
    assert api(spec, base_url, "POST", f"/api/hooks/site-publish/{token}", tpl)[0] \
        .status_code == 202
    assert api(spec, base_url, "POST", f"/api/hooks/site-publish/{token}", tpl)[0] \
        .status_code == 409
    settle_scans(state_dir, t.site)
    assert api(spec, base_url, "POST", "/api/hooks/site-publish/dh_" + "0" * 64, tpl)[0] \
        .status_code == 404


# -- webhooks ---------------------------------------------------------------------

def test_webhooks_subscribe_list_delete(spec, base_url, blackhole):
    t = Tenant(plan="pro", site_url=blackhole)
    _, sub = api(spec, base_url, "POST", "/api/external/webhooks/subscribe", key=t.key,
                 body={"url": blackhole + "hook", "siteId": t.site,
                       "events": ["scan.completed", "budget.violated"], "format": "slack"})
    assert sub["secret"].startswith("whsec_")
    _, listed = api(spec, base_url, "GET", "/api/external/webhooks", key=t.key)
    assert [w["id"] for w in listed["webhooks"]] == [sub["id"]]
    api(spec, base_url, "POST", "/api/external/webhooks/subscribe", key=t.key,
        body={"url": blackhole + "hook", "events": ["scan.exploded"]})
    tpl = "/api/external/webhooks/{webhookId}"
    resp, _ = api(spec, base_url, "DELETE", f"/api/external/webhooks/{sub['id']}", tpl,
                  key=t.key)
    assert resp.status_code == 204
    resp, _ = api(spec, base_url, "DELETE", f"/api/external/webhooks/{sub['id']}", tpl,
                  key=t.key)
    assert resp.status_code == 404


# -- page audits ------------------------------------------------------------------

def test_page_audit_create_and_get(spec, base_url, fixtures_url):
    page = fixtures_url + "/sample-site/index.html"
    t = Tenant(plan="growth", site_url=page)
    resp, q = api(spec, base_url, "POST", "/api/mcp/page-audits", key=t.key,
                  body={"projectId": t.site, "pageUrl": page})
    assert resp.status_code == 202 and q["mode"] == "quota"
    tpl = "/api/mcp/page-audits/{auditId}"
    end = time.monotonic() + POLL_S
    while True:
        _, a = api(spec, base_url, "GET", f"/api/mcp/page-audits/{q['auditId']}", tpl,
                   key=t.key)
        if a["status"] in ("COMPLETED", "FAILED") or time.monotonic() > end:
            break
        time.sleep(0.5)
    if a["status"] in ("PENDING", "GENERATING"):
        pytest.skip("no runner is processing page audits")
    assert a["status"] == "COMPLETED", a


def test_page_audit_refusals(spec, base_url, state_dir, fixtures_url):
    page = fixtures_url + "/sample-site/index.html"
    t = Tenant(plan="agency", site_url=page)
    mariadb(state_dir, f"UPDATE orgs SET credit_balance = 0, monthly_overage_cap_euros = 0"
            f" WHERE id = {sql_str(t.org)}")

    def create(body, key=t.key):
        return api(spec, base_url, "POST", "/api/mcp/page-audits", key=key, body=body)

    resp, body = create({"projectId": t.site, "pageUrl": page})
    assert resp.status_code == 402 and body["reason"] == "insufficient_credits"
    resp, body = create({"projectId": t.site, "pageUrl": "https://no-such-host.invalid/"})
    assert resp.status_code == 422 and body["error"] == "fetch_failed"
    resp, body = create({"projectId": t.site, "pageUrl": "ftp://example.com/"})
    assert resp.status_code == 422 and body["error"] == "validation_error"
    _, customer = t.new_user(role="customer")
    resp, body = create({"projectId": t.site, "pageUrl": page}, key=customer)
    assert resp.status_code == 403 and body["error"] == "forbidden"
    resp, _ = api(spec, base_url, "GET", f"/api/mcp/page-audits/{uuid.uuid4()}",
                  "/api/mcp/page-audits/{auditId}", key=t.key)
    assert resp.status_code == 404


# -- MCP ------------------------------------------------------------------------------

def test_mcp_envelope(spec, base_url, blackhole):
    # a fresh org: rows other suites add to the demo org cannot matter here
    api_key = Tenant(plan="pro", site_url=blackhole).key
    _, init = rpc(spec, base_url, api_key, "initialize",
                  {"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "contract", "version": "1"}})
    assert init["result"]["protocolVersion"] == "2025-06-18"
    _, disc = rpc(spec, base_url, api_key, "server/discover")
    validate(spec, {"$ref": "#/components/schemas/McpDiscoverResult"}, disc["result"],
             "server/discover")
    assert rpc(spec, base_url, api_key, "ping")[1]["result"] == {}
    _, tools = rpc(spec, base_url, api_key, "tools/list")
    validate(spec, {"$ref": "#/components/schemas/McpToolsListResult"}, tools["result"],
             "tools/list")
    _, called = rpc(spec, base_url, api_key, "tools/call",
                    {"name": "get_run", "arguments": {"runId": str(uuid.uuid4())}})
    assert called["result"]["isError"] is True
    validate(spec, {"$ref": "#/components/schemas/Error"},
             called["result"]["structuredContent"], "tool error")
    # structuredContent is exactly the REST twin's body: its documented schema
    for tool, path in (("list_sites", "/api/mcp/sites"), ("get_account", "/api/mcp/account")):
        _, res = rpc(spec, base_url, api_key, "tools/call", {"name": tool, "arguments": {}})
        assert res["result"]["isError"] is False
        ok = deref(spec, spec["paths"][path]["get"]["responses"]["200"])
        validate(spec, ok["content"]["application/json"]["schema"],
                 res["result"]["structuredContent"], tool)
    _, nope = rpc(spec, base_url, api_key, "no/such/method")
    assert nope["error"]["code"] == -32601
    resp, _ = api(spec, base_url, "POST", "/mcp", key=api_key,
                  body={"jsonrpc": "2.0", "method": "notifications/initialized"})
    assert resp.status_code == 202
    resp, err = api(spec, base_url, "POST", "/mcp", key=api_key, raw=b"{not json")
    assert resp.status_code == 400 and err["error"]["code"] == -32700
    resp, _ = rpc(spec, base_url, api_key, "ping", headers={"Origin": "https://evil.example"})
    assert resp.status_code == 403
    resp, _ = api(spec, base_url, "GET", "/mcp", key=api_key)
    assert resp.status_code == 405 and resp.headers["Allow"] == "POST"


# -- error cases of the whole surface -------------------------------------------------

def test_client_errors(spec, base_url, api_key, blackhole):
    t = Tenant(plan="pro", site_url=blackhole)
    other = Tenant(plan="pro", site_url=blackhole)
    starter = Tenant(plan="starter", site_url=blackhole)
    k = t.key
    cases = [
        # (method, path, template, status, kwargs)
        ("POST", "/api/mcp/start-audit", None, 400, {"key": k, "raw": b"[1, 2]"}),
        ("POST", "/api/mcp/start-audit", None, 422, {"key": k, "body": {"siteId": t.site}}),
        ("POST", "/api/mcp/start-audit", None, 404,
         {"key": k, "body": {"url": blackhole, "siteId": other.site}}),
        ("POST", "/api/mcp/start-audit", None, 413,
         {"key": k, "raw": b'{"url": "' + b"a" * (1536 * 1024) + b'"}'}),
        ("GET", f"/api/mcp/reports/{uuid.uuid4()}", "/api/mcp/reports/{reportId}", 400,
         {"key": k, "params": {"format": "xml"}}),
        ("GET", f"/api/mcp/runs/{uuid.uuid4()}", "/api/mcp/runs/{runId}", 404, {"key": k}),
        ("GET", "/api/mcp/runs/not-a-uuid", "/api/mcp/runs/{runId}", 404, {"key": k}),
        ("GET", f"/api/mcp/sites/{t.site}/history", "/api/mcp/sites/{siteId}/history", 400,
         {"key": k, "params": {"limit": "101"}}),
        ("GET", f"/api/mcp/sites/{other.site}/schedule", "/api/mcp/sites/{siteId}/schedule",
         404, {"key": k}),
        ("GET", "/api/mcp/account", None, 401, {}),
        ("GET", "/api/mcp/account", None, 401, {"key": "sk_pageref_" + "A" * 48}),
        ("GET", "/api/mcp/sites", None, 402, {"key": starter.key}),
        ("POST", "/api/external/budget-check", None, 422, {"key": k, "body": {"siteId": "x"}}),
        ("POST", "/api/external/budget-check", None, 400, {"key": k, "raw": b"not json"}),
        ("POST", "/api/external/scan", None, 422,
         {"key": k, "body": {"siteId": t.site, "strategy": "tablet"}}),
        ("GET", f"/api/external/sites/{t.site}/export", "/api/external/sites/{siteId}/export",
         404, {"key": k}),
        ("GET", f"/api/external/sites/{t.site}/export", "/api/external/sites/{siteId}/export",
         400, {"key": k, "params": {"format": "pdf"}}),
        ("GET", f"/api/external/sites/{t.site}/export", "/api/external/sites/{siteId}/export",
         402, {"key": starter.key}),
        ("POST", "/mcp", None, 401, {"body": {"jsonrpc": "2.0", "id": 1, "method": "ping"}}),
        ("GET", "/files/reports/nope.pdf", "/files/reports/{file}", 403, {}),
    ]
    for method, path, tpl, status, kw in cases:
        resp, _ = api(spec, base_url, method, path, tpl, **kw)
        assert resp.status_code == status, (method, path, resp.status_code, resp.text[:200])


def test_private_targets_are_documented_422(spec, strict_pool, blackhole):  # noqa: F811
    """The SSRF refusals, from a second pool with production's target rules
    (the stack allows loopback targets for its fixtures), over FastCGI."""
    t = Tenant(plan="pro", site_url=blackhole)
    for path, body, code in (
            ("/api/mcp/start-audit", {"url": "http://10.1.2.3/admin"}, "private_target"),
            ("/api/external/webhooks/subscribe",
             {"url": "http://169.254.169.254/", "events": ["scan.completed"]}, "private_target"),
            ("/api/mcp/page-audits", {"projectId": t.site, "pageUrl": "https://127.0.0.1/"},
             "fetch_failed")):
        status, payload = fcgi_post(strict_pool, path, t.key, json.dumps(body))
        responses = spec["paths"][path]["post"]["responses"]
        assert str(status) in responses and status == 422, (path, status, payload)
        doc = deref(spec, responses["422"])["content"]["application/json"]["schema"]
        validate(spec, doc, json.loads(payload), path)
        assert json.loads(payload)["error"] == code


def test_unknown_path_and_wrong_method(spec, base_url, api_key):
    """The worker's own answers: documented as shared responses."""
    nf = call(base_url, "GET", "/api/mcp/nothing-here", key=api_key)
    assert nf.status_code == 404
    check_response(spec, nf, spec["components"]["responses"]["NotFound"], "unknown path")
    for path in ("/api/mcp/sites", "/api/external/scan", "/api/external/webhooks"):
        resp = call(base_url, "DELETE" if path != "/api/external/webhooks" else "PUT", path,
                    key=api_key)
        assert resp.status_code == 405, path
        check_response(spec, resp, spec["components"]["responses"]["MethodNotAllowed"], path)
        documented = {m.upper() for m in spec["paths"][path] if m != "parameters"}
        assert set(resp.headers["Allow"].split(", ")) == documented, path


def test_the_checker_rejects_undocumented_answers(spec, base_url, api_key):
    """Negative control: conform() fails on an undocumented status, a missing
    required field, an extra field and a missing required header."""
    resp = call(base_url, "GET", "/api/mcp/account", key=api_key)
    conform(spec, resp, "GET", "/api/mcp/account")
    no200 = copy.deepcopy(spec)
    del no200["paths"]["/api/mcp/account"]["get"]["responses"]["200"]
    with pytest.raises(AssertionError, match="not documented"):
        conform(no200, resp, "GET", "/api/mcp/account")
    account = {"$ref": "#/components/schemas/Account"}
    body = resp.json()
    with pytest.raises(AssertionError, match="'org' is a required property"):
        validate(spec, account, {k: v for k, v in body.items() if k != "org"}, "x")
    with pytest.raises(AssertionError, match="Additional properties"):
        validate(spec, account, dict(body, secret="sk_pageref_x"), "x")
    anon = call(base_url, "GET", "/api/mcp/account")
    del anon.headers["WWW-Authenticate"]
    with pytest.raises(AssertionError, match="required header WWW-Authenticate"):
        conform(spec, anon, "GET", "/api/mcp/account")

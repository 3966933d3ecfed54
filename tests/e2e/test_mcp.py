"""POST /mcp: the MCP Streamable HTTP transport and JSON-RPC 2.0 surface
(docs/mcp.md) — handshake, notifications, errors, auth, origin, and every
tool calling the same handler as its REST twin."""
import json
import time

import pytest

from test_api_util import Tenant, blackhole, call, insert_report, insert_run, other, tenant  # noqa: F401

TOOLS = {"start_audit", "get_run", "get_report", "list_sites",
         "get_site_history", "get_schedule", "get_account", "budget_check",
         "trigger_scan", "run_page_audit", "get_page_audit"}


def rpc(base_url, key, method, params=None, id_=1, headers=None, raw=None):
    msg = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        msg["params"] = params
    h = {"Accept": "application/json, text/event-stream"}
    h.update(headers or {})
    return call(base_url, "POST", "/mcp", key=key, body=None if raw else msg,
                raw=raw, headers=h)


def tool(base_url, key, name, args=None):
    r = rpc(base_url, key, "tools/call", {"name": name, "arguments": args or {}})
    assert r.status_code == 200, r.text
    return r.json()["result"]


@pytest.mark.parametrize("want,got", [("2025-11-25", "2025-11-25"),
                                      ("2025-06-18", "2025-06-18"),
                                      ("2025-03-26", "2025-03-26"),
                                      ("1999-01-01", "2025-11-25")])
def test_initialize_negotiates(base_url, tenant, want, got):
    r = rpc(base_url, tenant.key, "initialize", {
        "protocolVersion": want, "capabilities": {},
        "clientInfo": {"name": "pytest", "version": "1"}})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    res = r.json()
    assert res["jsonrpc"] == "2.0" and res["id"] == 1
    assert res["result"]["protocolVersion"] == got
    assert res["result"]["capabilities"]["tools"] == {"listChanged": False}
    assert res["result"]["serverInfo"]["name"] == "siteaudit"


def test_notification_202_no_body(base_url, tenant):
    r = call(base_url, "POST", "/mcp", key=tenant.key,
             body={"jsonrpc": "2.0", "method": "notifications/initialized"})
    assert r.status_code == 202 and r.content == b""


def test_ping_and_discover(base_url, tenant):
    assert rpc(base_url, tenant.key, "ping", id_="a").json() == {
        "jsonrpc": "2.0", "id": "a", "result": {}}
    d = rpc(base_url, tenant.key, "server/discover").json()["result"]
    assert "2025-11-25" in d["supportedVersions"]
    assert d["capabilities"]["tools"]


def test_tools_list(base_url, tenant):
    tools = rpc(base_url, tenant.key, "tools/list").json()["result"]["tools"]
    assert {t["name"] for t in tools} == TOOLS
    for t in tools:
        assert len(t["description"]) > 40
        assert t["inputSchema"]["type"] == "object"
        assert isinstance(t["inputSchema"]["properties"], dict)
    by = {t["name"]: t for t in tools}
    assert by["run_page_audit"]["inputSchema"]["required"] == ["projectId", "pageUrl"]
    assert by["get_run"]["outputSchema"]["type"] == "object"


@pytest.mark.parametrize("raw,code,status", [
    ("{not json", -32700, 400),
    ('{"id": 1, "method": "ping"}', -32600, 400),
    ('[{"jsonrpc": "2.0", "id": 1, "method": "ping"}]', -32600, 400),
    ('{"jsonrpc": "2.0", "id": 1, "method": 5}', -32600, 400),
    ('{"jsonrpc": "2.0", "id": 1, "method": "nope/nope"}', -32601, 200),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "nope"}}', -32602, 200),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "get_run"}}', -32602, 200),
    ('{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": []}', -32602, 200),
])
def test_protocol_errors(base_url, tenant, raw, code, status):
    r = rpc(base_url, tenant.key, None, raw=raw)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    assert r.json()["jsonrpc"] == "2.0"


def test_auth_origin_methods(base_url, tenant):
    r = rpc(base_url, None, "ping")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert rpc(base_url, "sk_pageref_bogus", "ping").status_code == 401
    starter = Tenant(plan="starter", site_url=tenant.site_url)
    assert rpc(base_url, starter.key, "ping").status_code == 402
    r = rpc(base_url, tenant.key, "ping", headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    host = base_url.split("://", 1)[1]
    r = rpc(base_url, tenant.key, "ping", headers={"Origin": "http://" + host})
    assert r.status_code == 200
    for m in ("GET", "DELETE"):
        r = call(base_url, m, "/mcp", key=tenant.key)
        assert r.status_code == 405 and "POST" in r.headers["Allow"]


def test_tools_match_rest(base_url, state_dir, tenant, other):
    acct = tool(base_url, tenant.key, "get_account")
    assert acct["isError"] is False
    assert acct["structuredContent"] == call(
        base_url, "GET", "/api/mcp/account", key=tenant.key).json()
    assert json.loads(acct["content"][0]["text"]) == acct["structuredContent"]
    sites = tool(base_url, tenant.key, "list_sites")["structuredContent"]
    assert [s["id"] for s in sites["sites"]] == [tenant.site]
    sched = tool(base_url, tenant.key, "get_schedule", {"siteId": tenant.site})
    assert sched["structuredContent"] == call(
        base_url, "GET", f"/api/mcp/sites/{tenant.site}/schedule", key=tenant.key).json()
    run, rep = insert_report(state_dir, tenant)
    got = tool(base_url, tenant.key, "get_run", {"runId": run})["structuredContent"]
    assert got["status"] == "completed" and got["reportId"] == rep
    r = tool(base_url, tenant.key, "get_report", {"reportId": rep})
    assert r["structuredContent"] == call(
        base_url, "GET", f"/api/mcp/reports/{rep}", key=tenant.key).json()
    r = tool(base_url, tenant.key, "get_report", {"reportId": rep, "format": "pdf_url"})
    rest = call(base_url, "GET", f"/api/mcp/reports/{rep}", key=tenant.key,
                params={"format": "pdf_url"})
    # whatever the REST endpoint answers (a signed link has its own expiry)
    assert set(r["structuredContent"]) == set(rest.json())
    assert r["isError"] is (rest.status_code >= 400)
    h = tool(base_url, tenant.key, "get_site_history", {"siteId": tenant.site, "limit": 1})
    assert h["isError"] is False
    assert h["structuredContent"] == call(
        base_url, "GET", f"/api/mcp/sites/{tenant.site}/history", key=tenant.key,
        params={"limit": 1}).json()
    b = tool(base_url, tenant.key, "budget_check", {"siteId": tenant.site})
    assert b["structuredContent"] == call(
        base_url, "POST", "/api/external/budget-check", key=tenant.key,
        body={"siteId": tenant.site}).json()


def test_tool_failures_are_results(base_url, state_dir, tenant, other):
    run = insert_run(state_dir, other)
    r = tool(base_url, tenant.key, "get_run", {"runId": run})
    assert r["isError"] is True
    assert r["structuredContent"]["error"] == "not_found"
    r = tool(base_url, tenant.key, "start_audit", {"url": "ftp://x"})
    assert r["isError"] is True
    assert r["structuredContent"]["error"] == "validation_error"
    r = tool(base_url, tenant.key, "get_site_history", {"siteId": tenant.site, "limit": 1000})
    assert r["isError"] is True


def test_trigger_scan(base_url, tenant):
    r = tool(base_url, tenant.key, "trigger_scan", {"siteId": tenant.site})
    assert r["isError"] is False, r
    scan = r["structuredContent"]["scanId"]
    g = tool(base_url, tenant.key, "get_run", {"runId": scan})
    assert g["structuredContent"]["kind"] == "scan"


def test_start_audit_flow(base_url, fixtures_url):
    t = Tenant(site_url=fixtures_url + "/sample-site/index.html")
    r = tool(base_url, t.key, "start_audit",
             {"url": fixtures_url + "/sample-site/index.html"})
    assert r["isError"] is False, r
    run_id = r["structuredContent"]["runId"]
    end = time.monotonic() + 60
    while time.monotonic() < end:
        run = tool(base_url, t.key, "get_run", {"runId": run_id})["structuredContent"]
        if run["status"] in ("completed", "failed"):
            break
        time.sleep(0.5)
    if run["status"] == "queued":
        pytest.skip("no runner is processing the queue")
    assert run["status"] == "completed", run
    rep = tool(base_url, t.key, "get_report", {"reportId": run["reportId"]})
    assert rep["isError"] is False
    assert rep["structuredContent"]["id"] == run["reportId"]
    assert "score" in json.dumps(rep["structuredContent"])


def test_protocol_version_header_checked(base_url, tenant):
    ok = rpc(base_url, tenant.key, "ping", headers={"MCP-Protocol-Version": "2025-06-18"})
    assert ok.status_code == 200 and ok.json()["result"] == {}
    bad = rpc(base_url, tenant.key, "ping", headers={"MCP-Protocol-Version": "1999-01-01"})
    assert bad.status_code == 400

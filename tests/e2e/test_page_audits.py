"""Page audits (document 003): POST /api/mcp/page-audits, GET …/{auditId}
and the run_page_audit / get_page_audit tools — plans, quotas, credits,
roles, fetch_failed without a charge, the ledger, concurrency, the runner."""
import concurrent.futures
import time

import pytest

from conftest import mariadb
from test_api_util import Tenant, call, sql_str

SUCCESS_KEYS = {"success", "auditId", "status", "plan", "mode", "message"}
QUOTA_KEYS = {"success", "ok", "error", "plan", "reason", "auditsThisPeriod",
              "quotaPerMonth", "upgradeUrl", "message"}


@pytest.fixture(scope="module")
def page(fixtures_url):
    return fixtures_url + "/sample-site/index.html"


def queue(base_url, t, url, key=None):
    return call(base_url, "POST", "/api/mcp/page-audits", key=key or t.key,
                body={"projectId": t.site, "pageUrl": url})


def ledger(state, t):
    return mariadb(state, f"""SELECT kind, credits FROM usage_ledger
        WHERE org_id = {sql_str(t.org)} ORDER BY id""")


def audits(state, t):
    return int(mariadb(state, f"""SELECT COUNT(*) FROM page_audits
        WHERE org_id = {sql_str(t.org)}""")[0][0])


def wait_done(base_url, t, audit_id, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        a = call(base_url, "GET", f"/api/mcp/page-audits/{audit_id}", key=t.key).json()
        if a["status"] in ("COMPLETED", "FAILED"):
            return a
        time.sleep(0.3)
    pytest.skip("no runner is processing page audits")


def test_growth_quota(base_url, state_dir, page):
    t = Tenant(plan="growth", site_url=page)
    for i in range(4):
        r = queue(base_url, t, page)
        assert r.status_code == 202, r.text
        body = r.json()
        assert set(body) == SUCCESS_KEYS | {"remainingAuditsThisMonth"}
        assert body["plan"] == "GROWTH" and body["mode"] == "quota"
        assert body["status"] == "PENDING"
        assert body["remainingAuditsThisMonth"] == 3 - i
    r = queue(base_url, t, page)
    assert r.status_code == 402
    body = r.json()
    assert set(body) == QUOTA_KEYS
    assert body["success"] is False and body["ok"] is False
    assert (body["error"], body["reason"], body["plan"]) == (
        "quota_exceeded", "quota_reached", "GROWTH")
    assert (body["auditsThisPeriod"], body["quotaPerMonth"]) == (4, 4)
    assert body["upgradeUrl"] == "/billing"
    assert [k for k, _ in ledger(state_dir, t)] == ["page_audit"] * 4


def test_pro_quota_counts_ledger_rows(base_url, state_dir, page):
    t = Tenant(plan="pro", site_url=page)
    mariadb(state_dir, ";".join(f"""INSERT INTO usage_ledger (org_id, kind, credits)
        VALUES ({sql_str(t.org)}, 'page_audit', 0)""" for _ in range(9)))
    r = queue(base_url, t, page)
    assert r.status_code == 202 and r.json()["remainingAuditsThisMonth"] == 0
    r = queue(base_url, t, page)
    assert r.json()["reason"] == "quota_reached"
    assert r.json()["quotaPerMonth"] == 10 and r.json()["auditsThisPeriod"] == 10
    # last period's audits do not count
    mariadb(state_dir, f"""UPDATE usage_ledger SET created_at = NOW(3) - INTERVAL 40 DAY
        WHERE org_id = {sql_str(t.org)}""")
    assert queue(base_url, t, page).status_code == 202


def test_agency_credits_and_cap(base_url, state_dir, page):
    t = Tenant(plan="agency", site_url=page)
    mariadb(state_dir, f"""INSERT INTO usage_ledger (org_id, kind, credits, note)
        VALUES ({sql_str(t.org)}, 'credit_grant', 250, 'test grant');
        UPDATE orgs SET monthly_overage_cap_euros = 0.50 WHERE id = {sql_str(t.org)}""")
    r = queue(base_url, t, page)
    assert r.status_code == 202, r.text
    body = r.json()
    assert set(body) == SUCCESS_KEYS | {"creditsCharged", "remainingCredits"}
    assert (body["plan"], body["mode"], body["creditsCharged"],
            body["remainingCredits"]) == ("AGENCY", "credits", 100, 150)
    assert queue(base_url, t, page).json()["remainingCredits"] == 50
    # 50 - 100 = -50 credits = EUR 0.50 of overage: exactly the cap
    assert queue(base_url, t, page).json()["remainingCredits"] == -50
    r = queue(base_url, t, page)
    assert r.status_code == 402
    assert (r.json()["error"], r.json()["reason"]) == ("quota_exceeded",
                                                      "insufficient_credits")
    assert [int(c) for _, c in ledger(state_dir, t)] == [250, -100, -100, -100]
    # no cap set: overage is unlimited
    mariadb(state_dir, f"""UPDATE orgs SET monthly_overage_cap_euros = NULL
        WHERE id = {sql_str(t.org)}""")
    assert queue(base_url, t, page).status_code == 202
    credits = call(base_url, "GET", "/api/mcp/account", key=t.key).json()["usage"]["credits"]
    assert credits["balance"] == -150 and credits["usedThisPeriod"] == 400


def test_starter_has_no_api(base_url, page):
    # 000: no paid plan → 402 before any tool runs (003's `disabled` reason is
    # the billing rule; tests/unit/test_billing.c covers it)
    t = Tenant(plan="starter", site_url=page)
    assert queue(base_url, t, page).status_code == 402


def test_customer_role_rejected(base_url, state_dir, page):
    t = Tenant(plan="growth", site_url=page)
    _, key = t.new_user(role="customer")
    r = queue(base_url, t, page, key=key)
    assert r.status_code == 403
    assert r.json()["error"] == "forbidden" and r.json()["success"] is False
    _, member = t.new_user(role="member")
    assert queue(base_url, t, page, key=member).status_code == 202
    assert audits(state_dir, t) == 1


def test_fetch_failed_unresolvable_no_charge(base_url, state_dir, page):
    t = Tenant(plan="agency", site_url=page)
    r = queue(base_url, t, "https://no-such-host.invalid/page")
    assert r.status_code == 422
    assert r.json() == {"success": False, "ok": False, "error": "fetch_failed",
                        "message": "Could not fetch the page. The URL may be private,"
                        " redirecting, or blocking crawlers."}
    assert ledger(state_dir, t) == [] and audits(state_dir, t) == 0


def test_fetch_failed_in_runner_refunds(base_url, state_dir, fixtures_url, page):
    t = Tenant(plan="growth", site_url=page)
    missing = fixtures_url + "/sample-site/no-such-page.html"
    for _ in range(4):
        r = queue(base_url, t, missing)
        assert r.status_code == 202
    ids = [row[0] for row in mariadb(state_dir, f"""SELECT id FROM page_audits
        WHERE org_id = {sql_str(t.org)}""")]
    for i in ids:
        a = wait_done(base_url, t, i)
        assert a["status"] == "FAILED"
        assert a["errorMessage"].startswith("fetch_failed")
        assert "modifications" not in a
    kinds = [k for k, _ in ledger(state_dir, t)]
    assert kinds.count("credit_refund") == 4
    # nothing was charged: the quota is whole again
    assert queue(base_url, t, page).json()["remainingAuditsThisMonth"] == 3


def test_https_required(base_url, page):
    t = Tenant(plan="growth", site_url=page)
    r = queue(base_url, t, "ftp://example.com/")
    assert r.status_code == 422


def test_concurrent_growth_exactly_four(base_url, state_dir, page):
    t = Tenant(plan="growth", site_url=page)
    with concurrent.futures.ThreadPoolExecutor(20) as ex:
        codes = list(ex.map(lambda _: queue(base_url, t, page).status_code, range(20)))
    assert codes.count(202) == 4 and codes.count(402) == 16, codes
    assert audits(state_dir, t) == 4


def test_completed_modifications(base_url, state_dir, page, other_org=None):
    t = Tenant(plan="pro", site_url=page)
    r = queue(base_url, t, page)
    aid = r.json()["auditId"]
    pending = call(base_url, "GET", f"/api/mcp/page-audits/{aid}", key=t.key).json()
    assert pending["auditId"] == aid and "modifications" not in pending
    a = wait_done(base_url, t, aid)
    assert a["status"] == "COMPLETED", a
    assert a["summary"]
    assert a["modifications"]
    for m in a["modifications"]:
        assert set(m) == {"type", "target", "currentValue", "proposedValue", "reason",
                          "source"}
        assert m["source"] in ("rules", "llm")
        assert m["reason"]
    types = {m["type"] for m in a["modifications"]}
    assert "json_ld" in types
    assert any(x.startswith("check:") for x in types)
    # another org cannot see it
    o = Tenant(plan="pro", site_url=page)
    assert call(base_url, "GET", f"/api/mcp/page-audits/{aid}", key=o.key).status_code == 404


def test_mcp_tools_twin(base_url, page):
    t = Tenant(plan="growth", site_url=page)
    r = call(base_url, "POST", "/mcp", key=t.key, body={
        "jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
            "name": "run_page_audit",
            "arguments": {"projectId": t.site, "pageUrl": page}}}).json()["result"]
    assert r["isError"] is False and r["structuredContent"]["success"] is True
    aid = r["structuredContent"]["auditId"]
    g = call(base_url, "POST", "/mcp", key=t.key, body={
        "jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
            "name": "get_page_audit", "arguments": {"auditId": aid}}}).json()["result"]
    assert g["structuredContent"]["auditId"] == aid
    _, cust = t.new_user(role="customer")
    r = call(base_url, "POST", "/mcp", key=cust, body={
        "jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
            "name": "run_page_audit",
            "arguments": {"projectId": t.site, "pageUrl": page}}}).json()["result"]
    assert r["isError"] is True and r["structuredContent"]["error"] == "forbidden"


def test_development_bypass_skips_eligibility_and_charge(conf_path, bin_dir, state_dir, page):
    """billing.bypass = true (a pool of its own, talked to over FastCGI)."""
    import json
    import os
    import subprocess
    import tempfile
    import fcgi_client
    from conftest import wait_until
    tmp = tempfile.mkdtemp(prefix="sa-bypass-")
    sock = os.path.join(tmp, "pool.sock")
    conf = os.path.join(tmp, "pool.conf")
    with open(conf, "w") as f:
        f.write(open(conf_path).read().replace("listen = unix:", f"listen = unix:{sock}\n# was: ")
                + "\n[billing]\nbypass = true\n")
    proc = subprocess.Popen([os.path.join(bin_dir, "siteaudit-fcgi")],
                            env=dict(os.environ, SITEAUDIT_CONF=conf))
    try:
        assert wait_until(lambda: os.path.exists(sock), 10)
        t = Tenant(plan="growth", site_url=page)
        body = json.dumps({"projectId": t.site, "pageUrl": page}).encode()
        for _ in range(5):                      # past Growth's 4 a month
            status, _, out = fcgi_client.request(
                sock, method="POST", uri="/api/mcp/page-audits", body=body,
                headers={"Authorization": f"Bearer {t.key}",
                         "Content-Type": "application/json"})
            assert status == 202, out
            assert json.loads(out)["mode"] == "bypass"
        assert ledger(state_dir, t) == []       # nothing charged
    finally:
        proc.terminate()
        proc.wait(15)

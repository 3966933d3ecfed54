"""agentReadiness, the sixth score, end to end (issue 12, docs/scoring.md):
stored per report and per page, carried by every scores object of the API,
budget-check (REST, MCP, CLI), budgets and score_drop rules, the JSON export
(session and key, same bytes; the CSV columns stay spec 001's), the web UI,
the PDF, webhook payloads — and never part of `overall` / `health`.

Reports the API only reads are inserted by SQL; the last test runs a real
scan of a fixture page through the stack's runner.
"""
import json
import os
import re
import subprocess
import types
import uuid

import jsonschema
import pytest
import requests

from conftest import mariadb, wait_until
from test_api_util import (Tenant, add_budget, blackhole, call,  # noqa: F401
                           insert_report, sql_str, tenant)
from test_pdf import pdftotext
from test_ui_support import admin, csrf, login, new_org_user
from test_webhooks import receiver, subscribe  # noqa: F401 (fixture)

FIVE = {"performance": 68, "accessibility": 91, "seo": 95,
        "bestPractices": 100, "security": 88}
AGENT = 73
CSV_HEADER = ("Page URL,Page Path,Strategy,Performance,SEO,Accessibility,"
              "Best Practices,LCP (ms),CLS,INP (ms),FCP (ms),TTFB (ms),CrUX LCP,"
              "CrUX CLS,CrUX INP,Has CrUX Data,Top Opportunities")


def page_row(url, path, agent):
    return {"pageUrl": url + path.lstrip("/"), "pagePath": path, "strategy": "mobile",
            "scores": {"performance": 82, "seo": 95, "accessibility": 91,
                       "bestPractices": 100, "agentReadiness": agent},
            "coreWebVitals": {"lcp": 2300, "cls": 0.08, "inp": 180, "fcp": 1200,
                              "ttfb": 420},
            "crux": {"lcp": None, "cls": None, "inp": None, "hasCruxData": False},
            "opportunities": [], "thirdPartyScripts": [], "a11yIssues": []}


def report_doc(url, agent):
    scores = dict(FIVE, **({"agentReadiness": agent} if agent is not None else {}))
    labels = {"agentReadiness": "Agent readiness"}
    return {"url": url, "strategy": "mobile", "overall": 74, "scores": scores,
            "summaries": {k: f"{labels.get(k, k)} scored {v}/100."
                          for k, v in scores.items()},
            "issues": [{"id": "llms-txt", "dimension": "agentReadiness",
                        "severity": "moderate", "title": "llms.txt follows recommendations",
                        "description": "Publish an llms.txt.", "count": 1,
                        "examples": []}] if agent is not None else [],
            "pages": [page_row(url, "/", 66)] if agent is not None else [],
            "generatedAt": "2026-11-23T10:00:00.000Z"}


def seed(state, t, agent, ago=0):
    """A completed report of t with agent_readiness = agent (None: NULL)."""
    scores = {"agent_readiness": agent, "health": 74}
    run, rep = insert_report(state, t, scores=scores, created_ago_s=ago,
                             doc=report_doc(t.site_url, agent))
    return run, rep


def add_pages(state, t, rep):
    """Two page rows: one with its page_json, one whose page_json is not an
    object (the export then builds the row from the columns)."""
    good = json.dumps(page_row(t.site_url, "/", 66))
    for path, agent, pj in (("/", 66, good), ("/about", 58, "[]")):
        mariadb(state, f"""INSERT INTO report_pages (report_id, org_id, page_url,
            page_path, strategy, performance, seo, accessibility, best_practices,
            agent_readiness, lcp_ms, cls, page_json) VALUES ({sql_str(rep)},
            {sql_str(t.org)}, {sql_str(t.site_url + path.lstrip('/'))},
            {sql_str(path)}, 'mobile', 82, 95, 91, 100, {agent}, 2300, 0.08,
            {sql_str(pj)})""")


@pytest.fixture(scope="module")
def acct(bin_dir, conf_path, state_dir):
    """An org with a signed-in user, a key, and two scans: the older one
    without agentReadiness (NULL), the latest with 73 and two page rows."""
    a = new_org_user(bin_dir, conf_path)
    t = types.SimpleNamespace(org=a["org"], site=a["site"], user=a["user"],
                              site_url="http://127.0.0.1:9/")
    a["old"] = seed(state_dir, t, None, ago=3600)
    a["new"] = seed(state_dir, t, AGENT)
    add_pages(state_dir, t, a["new"][1])
    a["key"] = admin(bin_dir, conf_path, "key", "create", "--user", a["user"],
                     "--name", "agent score test")
    a["sess"] = login(os.environ["SITEAUDIT_URL"], a["email"], a["password"])
    return a


def test_report_json_history_and_site_list(base_url, acct):
    rep = call(base_url, "GET", f"/api/mcp/reports/{acct['new'][1]}", key=acct["key"])
    assert rep.status_code == 200
    assert rep.json()["scores"]["agentReadiness"] == AGENT
    sites = call(base_url, "GET", "/api/mcp/sites", key=acct["key"]).json()["sites"]
    latest = [s for s in sites if s["id"] == acct["site"]][0]["latestScan"]
    assert latest["scores"] == dict(FIVE, health=74, agentReadiness=AGENT)
    runs = call(base_url, "GET", f"/api/mcp/sites/{acct['site']}/history",
                key=acct["key"]).json()["runs"]
    assert [r["runId"] for r in runs] == [acct["new"][0], acct["old"][0]]
    assert runs[0]["scores"]["agentReadiness"] == AGENT
    # not measured: present and null, like any score the scan did not make
    assert "agentReadiness" in runs[1]["scores"]
    assert runs[1]["scores"]["agentReadiness"] is None
    assert runs[1]["scores"]["health"] == 74


def check(base_url, t):
    r = call(base_url, "POST", "/api/external/budget-check", key=t.key,
             body={"siteId": t.site})
    assert r.status_code == 200, r.text
    return r.json()


def test_budget_check_scores_and_agent_budgets(base_url, state_dir, tenant):
    seed(state_dir, tenant, AGENT)
    body = check(base_url, tenant)
    assert body["pass"] is True
    assert body["scores"] == {"health": 74, "performance": 68, "seo": 95,
                              "accessibility": 91, "bestPractices": 100,
                              "agentReadiness": AGENT}
    add_budget(state_dir, tenant, "agentReadiness", "min", AGENT)   # equal: passes
    assert check(base_url, tenant)["pass"] is True
    add_budget(state_dir, tenant, "agentReadiness", "min", 80)
    body = check(base_url, tenant)
    assert body["pass"] is False
    assert body["violations"] == [{"metric": "agentReadiness", "threshold": 80,
                                   "actual": AGENT, "operator": "min"}]


def test_unmeasured_agent_score_is_null_and_fails_its_budget(base_url, state_dir,
                                                             tenant):
    seed(state_dir, tenant, None)
    body = check(base_url, tenant)
    assert body["scores"]["agentReadiness"] is None and body["pass"] is True
    add_budget(state_dir, tenant, "agentReadiness", "min", 1)
    body = check(base_url, tenant)
    assert body["violations"] == [{"metric": "agentReadiness", "threshold": 1,
                                   "actual": None, "operator": "min"}]


def test_score_drop_rule_on_agent_readiness(base_url, state_dir, tenant):
    seed(state_dir, tenant, 90, ago=600)
    seed(state_dir, tenant, AGENT)
    mariadb(state_dir, f"""INSERT INTO alert_rules (id, org_id, site_id, kind, metric,
        threshold) VALUES ({sql_str(str(uuid.uuid4()))}, {sql_str(tenant.org)},
        {sql_str(tenant.site)}, 'score_drop', 'agentReadiness', 10)""")
    body = check(base_url, tenant)
    assert body["violations"] == [{"metric": "agentReadiness", "threshold": 10,
                                   "actual": 90 - AGENT, "operator": "drop"}]


def test_mcp_budget_check_matches_its_output_schema(base_url, state_dir, tenant):
    seed(state_dir, tenant, AGENT)
    h = {"Accept": "application/json, text/event-stream"}
    tools = call(base_url, "POST", "/mcp", key=tenant.key, headers=h,
                 body={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    schema = {t["name"]: t for t in tools.json()["result"]["tools"]}["budget_check"]
    schema = schema["outputSchema"]
    assert "agentReadiness" in schema["properties"]["scores"]["properties"]
    res = call(base_url, "POST", "/mcp", key=tenant.key, headers=h,
               body={"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                     "params": {"name": "budget_check",
                                "arguments": {"siteId": tenant.site}}})
    out = res.json()["result"]["structuredContent"]
    assert out["scores"]["agentReadiness"] == AGENT
    jsonschema.validate(out, schema)
    bad = dict(out, scores=dict(out["scores"], agentReadiness=101))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_cli_budget_check_and_admin_budget(bin_dir, conf_path, base_url,
                                           state_dir, tenant):
    seed(state_dir, tenant, AGENT)
    cli = os.path.join(bin_dir, "siteaudit")
    env = dict(os.environ, SITEAUDIT_CONF=conf_path)
    bad = subprocess.run([cli, "admin", "budget", "add", "--site", tenant.site,
                          "--metric", "agentReadiness", "--operator", "min",
                          "--threshold", "101"], env=env, capture_output=True,
                         text=True, timeout=30)
    assert bad.returncode != 0 and "0 to 100" in bad.stderr
    admin(bin_dir, conf_path, "budget", "add", "--site", tenant.site, "--metric",
          "agentReadiness", "--operator", "min", "--threshold", "75")
    res = subprocess.run([cli, "budget-check", "--site", tenant.site, "--url", base_url],
                         env=dict(os.environ, SITEAUDIT_API_KEY=tenant.key),
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1, res.stdout + res.stderr
    assert f"agentReadiness {AGENT} (not in health)" in res.stdout
    assert re.search(rf"^agentReadiness\s+min\s+75\s+{AGENT}$", res.stdout, re.M)
    assert "FAIL: budgets violated" in res.stdout


def test_export_json_rows_session_and_key_same_bytes(base_url, acct):
    site, rid = acct["site"], acct["new"][0]
    q = f"?format=json&scanId={rid}"
    by_sess = acct["sess"].get(f"{base_url}/api/sites/{site}/export{q}", timeout=30)
    by_key = requests.get(f"{base_url}/api/external/sites/{site}/export{q}",
                          headers={"Authorization": f"Bearer {acct['key']}"},
                          timeout=30)
    assert by_sess.status_code == 200 and by_key.status_code == 200
    assert by_sess.content == by_key.content
    rows = by_key.json()
    # the page_json row, then the row rebuilt from the columns
    assert [r["scores"].get("agentReadiness") for r in rows] == [66, 58]
    assert rows[1]["scores"] == {"performance": 82, "seo": 95, "accessibility": 91,
                                 "bestPractices": 100, "agentReadiness": 58}
    # spec 001's CSV columns are normative: no agent column there
    csv = acct["sess"].get(f"{base_url}/api/sites/{site}/export?format=csv&scanId={rid}",
                           timeout=30)
    lines = csv.content.decode().split("\r\n")
    assert lines[0] == CSV_HEADER and len(lines) == 4
    assert csv.content == requests.get(
        f"{base_url}/api/external/sites/{site}/export?format=csv&scanId={rid}",
        headers={"Authorization": f"Bearer {acct['key']}"}, timeout=30).content


def test_ui_report_and_site_pages_show_the_score(base_url, acct):
    s, site = acct["sess"], acct["site"]
    page = s.get(f"{base_url}/sites/{site}/scans/{acct['new'][0]}").text
    tile = re.search(r'<div class="score [a-z]+ extra" data-test="score-agentReadiness">'
                     r'\s*<div class="score-val">(\d+)</div>\s*'
                     r'<div class="score-label">Agent readiness</div>\s*'
                     r'<div class="score-note">not in health</div>', page)
    assert tile and tile.group(1) == str(AGENT), page[:4000]
    assert "Agent readiness (not in health)" in page   # its summary
    assert '<td class="num hide-sm">66</td>' in page    # the pages table
    assert "style=" not in page and "<script>" not in page   # CSP: nothing inline
    old = s.get(f"{base_url}/sites/{site}/scans/{acct['old'][0]}").text
    assert 'data-test="score-health"' in old
    assert 'data-test="score-agentReadiness"' not in old
    home = s.get(f"{base_url}/sites/{site}").text
    assert 'data-test="score-agentReadiness"' in home
    assert home.count('<polyline class="s-agent"') == 1
    assert '<li class="s-agent">Agent readiness (not in health)</li>' in home


def test_ui_budget_and_alert_forms_take_agent_readiness(base_url, state_dir, acct):
    s, site = acct["sess"], acct["site"]
    url = f"{base_url}/sites/{site}/settings"
    token = csrf(s, url)
    assert s.get(url).text.count('<option value="agentReadiness">') == 2
    r = s.post(f"{base_url}/sites/{site}/budgets", data={"_csrf": token,
               "metric": "agentReadiness", "operator": "min", "threshold": "60"})
    assert "Budget saved" in r.text
    r = s.post(f"{base_url}/sites/{site}/alerts", data={"_csrf": token,
               "kind": "score_drop", "metric": "agentReadiness", "threshold": "5"})
    assert "Alert rule saved" in r.text
    r = s.post(f"{base_url}/sites/{site}/alerts", data={"_csrf": token,
               "kind": "metric_worsened", "metric": "agentReadiness", "threshold": "5"})
    assert r.status_code == 422   # a score is not a timing
    assert mariadb(state_dir, f"SELECT metric FROM budgets WHERE site_id = "
                   f"{sql_str(site)} UNION ALL SELECT metric FROM alert_rules WHERE "
                   f"site_id = {sql_str(site)}") == [["agentReadiness"], ["agentReadiness"]]


def test_pdf_shows_agent_readiness_outside_overall(base_url, acct, tmp_path):
    def pdf_text(rep):
        r = call(base_url, "GET", f"/api/mcp/reports/{rep}", key=acct["key"],
                 params={"format": "pdf_url"})
        assert r.status_code == 200, r.text
        d = requests.get(r.json()["url"], timeout=60)
        assert d.status_code == 200 and d.content.startswith(b"%PDF-")
        return pdftotext(d.content, tmp_path)

    text = pdf_text(acct["new"][1])
    assert re.search(rf"Agent readiness \(not in overall\)\s+{AGENT}\b", text), text[:3000]
    for label, v in (("Performance", 68), ("Security", 88)):
        assert re.search(rf"{label}\s+{v}\b", text)
    assert "AGENT" in text and re.search(r"Agent readiness \S+ 1 issue", text)
    assert f"Agent readiness scored {AGENT}/100." in text
    assert "Agent readiness" not in pdf_text(acct["old"][1])


def round_half_up_mean(values):
    return (sum(values) * 2 + len(values)) // (2 * len(values))


def test_real_scan_stores_it_outside_overall_and_webhooks_carry_it(
        base_url, state_dir, fixtures_url, receiver):  # noqa: F811
    t = Tenant(site_url=fixtures_url + "/sample-site/index.html")
    sub = subscribe(base_url, t, receiver.url + "/ok",
                    ["scan.completed", "budget.violated"])
    slack = subscribe(base_url, t, receiver.url + "/slack", ["scan.completed"],
                      format="slack")
    assert sub["id"] and slack["id"]
    add_budget(state_dir, t, "agentReadiness", "min", 101)   # always broken
    scan = call(base_url, "POST", "/api/external/scan", key=t.key,
                body={"siteId": t.site, "strategy": "mobile"})
    assert scan.status_code == 202, scan.text
    hits = receiver.wait("/ok", 2, 120)
    text = json.loads(receiver.wait("/slack", 1, 60)[0]["body"])["text"]
    events = {e["type"]: e for e in (json.loads(h["body"]) for h in hits)}
    run = call(base_url, "GET", f"/api/mcp/runs/{scan.json()['scanId']}",
               key=t.key).json()
    assert run["status"] == "completed", run
    doc = call(base_url, "GET", f"/api/mcp/reports/{run['reportId']}", key=t.key).json()
    agent = doc["scores"]["agentReadiness"]
    assert isinstance(agent, int) and 0 <= agent <= 100
    five = [doc["scores"][k] for k in FIVE if k in doc["scores"]]
    assert len(five) == 5
    assert doc["overall"] == round_half_up_mean(five)   # the sixth is left out
    stored = mariadb(state_dir, "SELECT health, agent_readiness FROM reports WHERE id = "
                     + sql_str(run["reportId"]))
    assert stored == [[str(doc["overall"]), str(agent)]]
    pages = mariadb(state_dir, "SELECT agent_readiness, JSON_VALUE(page_json,"
                    " '$.scores.agentReadiness') FROM report_pages WHERE report_id = "
                    + sql_str(run["reportId"]))
    assert pages and all(a == b and a is not None and a != "NULL" for a, b in pages)
    done, viol = events["scan.completed"], events["budget.violated"]
    assert done["scores"]["agentReadiness"] == agent
    assert done["scores"]["health"] == doc["overall"]
    assert viol["violations"] == [{"metric": "agentReadiness", "threshold": 101,
                                   "actual": agent, "operator": "min"}]
    assert text.endswith(f"; agentReadiness {agent}"), text
    assert wait_until(lambda: call(base_url, "GET", f"/api/mcp/sites/{t.site}/history",
                                   key=t.key).json()["runs"][0]["scores"]
                      ["agentReadiness"] == agent)


def test_cli_audit_prints_it_after_overall(bin_dir, fixtures_url):
    url = fixtures_url + "/sample-site/index.html"
    cli = [os.path.join(bin_dir, "siteaudit"), "audit", url, "--allow-private"]

    def run(*extra):
        r = subprocess.run(cli + list(extra), capture_output=True, text=True,
                           timeout=120, env=dict(os.environ, NO_COLOR="1"))
        assert r.returncode == 0, r.stderr
        return r.stdout

    doc = json.loads(run("--json"))
    agent = doc["scores"]["agentReadiness"]
    assert doc["overall"] == round_half_up_mean([doc["scores"][k] for k in FIVE])
    lines = run().splitlines()
    at = lines.index(next(x for x in lines if x.strip().startswith("Overall")))
    assert re.fullmatch(rf"\s+Overall\s+{doc['overall']}", lines[at])
    assert re.fullmatch(rf"\s+Agent readiness\s+{agent}\s+\(not part of overall\)",
                        lines[at + 1])
    only = run("--only", "agent")
    assert re.search(rf"^\s+Agent readiness\s+{agent}\s+\(not part of overall\)$",
                     only, re.M)
    assert "Overall" not in only and "Performance " not in only

"""GET /api/mcp/sites, /sites/{siteId}/history, /sites/{siteId}/schedule and
GET /api/mcp/account (document 000)."""
import uuid

import pytest

from conftest import mariadb
from test_api_util import (ISO_MS, admin, assert_error, blackhole, call,  # noqa: F401
                           insert_report, insert_run, other, sql_str, tenant)


def test_sites_lists_only_own_sites_with_latest_scan(base_url, state_dir, tenant, other):
    second = admin("site", "create", "--org", tenant.org, "--name", "Second",
                   "--url", "https://second.example/")
    r = call(base_url, "GET", "/api/mcp/sites", key=tenant.key)
    assert r.status_code == 200
    sites = r.json()["sites"]
    assert [s["id"] for s in sites] == [tenant.site, second]
    s = sites[0]
    assert s["name"] == tenant.site_name and s["url"] == tenant.site_url
    assert s["latestScan"] is None and s["schedule"]["frequency"] == "off"
    assert ISO_MS.match(s["createdAt"])
    insert_report(state_dir, tenant, scores={"health": 50}, created_ago_s=60)
    run, rep = insert_report(state_dir, tenant, scores={"health": 77})
    s = call(base_url, "GET", "/api/mcp/sites", key=tenant.key).json()["sites"][0]
    latest = s["latestScan"]
    assert latest["scanId"] == run and latest["reportId"] == rep
    assert ISO_MS.match(latest["scannedAt"])
    assert latest["scores"] == {"health": 77, "performance": 68, "seo": 95,
                                "accessibility": 91, "bestPractices": 100,
                                "security": 88, "agentReadiness": None}
    theirs = call(base_url, "GET", "/api/mcp/sites", key=other.key).json()["sites"]
    assert [x["id"] for x in theirs] == [other.site]


def test_sites_empty_org(base_url, state_dir, tenant):
    mariadb(state_dir, "DELETE FROM sites WHERE org_id = " + sql_str(tenant.org))
    r = call(base_url, "GET", "/api/mcp/sites", key=tenant.key)
    assert r.status_code == 200 and r.json() == {"sites": []}


# --- history -------------------------------------------------------------------

def history(base_url, key, site, **params):
    return call(base_url, "GET", f"/api/mcp/sites/{site}/history", key=key,
                params=params)


@pytest.fixture()
def twelve_runs(state_dir, tenant):
    """12 runs, oldest first: 0..10 completed with reports, 11 failed."""
    ids = []
    for i in range(11):
        ids.append(insert_report(state_dir, tenant, created_ago_s=1000 - i * 10)[0])
    ids.append(insert_run(state_dir, tenant, "failed", error="boom",
                          created_ago_s=1))
    return ids


def test_history_default_10_newest_first(base_url, tenant, twelve_runs):
    r = history(base_url, tenant.key, tenant.site)
    assert r.status_code == 200
    body = r.json()
    assert body["siteId"] == tenant.site
    runs = body["runs"]
    assert [x["runId"] for x in runs] == twelve_runs[::-1][:10]
    assert runs[0]["status"] == "failed" and runs[0]["error"] == "boom"
    assert runs[0]["scores"] is None and runs[0]["reportId"] is None
    assert runs[1]["status"] == "completed" and runs[1]["scores"]["health"] == 74
    assert ISO_MS.match(runs[1]["finishedAt"]) and runs[1]["reportId"]


@pytest.mark.parametrize("limit,n", [("1", 1), ("3", 3), ("12", 12), ("100", 12)])
def test_history_limit(base_url, tenant, twelve_runs, limit, n):
    r = history(base_url, tenant.key, tenant.site, limit=limit)
    assert r.status_code == 200
    assert [x["runId"] for x in r.json()["runs"]] == twelve_runs[::-1][:n]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1.5", "", "10x",
                                   " 5", "99999999999999999999", "+5"])
def test_history_bad_limit_is_400(base_url, tenant, limit):
    r = history(base_url, tenant.key, tenant.site, limit=limit)
    assert_error(r, 400, "invalid_parameter", "limit")


def test_history_only_own_runs_and_404_cross_org(base_url, state_dir, tenant, other):
    insert_report(state_dir, tenant)
    assert history(base_url, tenant.key, tenant.site).json()["runs"]
    assert history(base_url, other.key, other.site).json()["runs"] == []
    a = assert_error(history(base_url, other.key, tenant.site), 404, "not_found")
    assert a == history(base_url, other.key, str(uuid.uuid4())).json()


# --- schedule ------------------------------------------------------------------

def test_schedule_default_and_updated(base_url, state_dir, tenant):
    path = f"/api/mcp/sites/{tenant.site}/schedule"
    r = call(base_url, "GET", path, key=tenant.key)
    assert r.status_code == 200
    assert r.json() == {"siteId": tenant.site, "frequency": "off", "enabled": False,
                        "hour": 3, "weekday": 1, "monthday": 1, "timezone": "UTC",
                        "nextRunAt": None}
    mariadb(state_dir, "UPDATE sites SET schedule = 'weekly', schedule_hour = 14,"
            " schedule_weekday = 5, next_run_at = '2030-01-04 14:00:00.000'"
            " WHERE id = " + sql_str(tenant.site))
    body = call(base_url, "GET", path, key=tenant.key).json()
    assert body["frequency"] == "weekly" and body["enabled"] is True
    assert body["hour"] == 14 and body["weekday"] == 5
    assert body["nextRunAt"] == "2030-01-04T14:00:00.000Z"


def test_schedule_cross_org_is_404(base_url, tenant, other):
    a = call(base_url, "GET", f"/api/mcp/sites/{tenant.site}/schedule", key=other.key)
    assert_error(a, 404, "not_found")
    b = call(base_url, "GET", f"/api/mcp/sites/{uuid.uuid4()}/schedule", key=other.key)
    assert a.json() == b.json()


# --- account -------------------------------------------------------------------

def test_account(base_url, state_dir, tenant, fixtures_url):
    r = call(base_url, "GET", "/api/mcp/account", key=tenant.key)
    assert r.status_code == 200
    body = r.json()
    assert body["org"] == {"id": tenant.org, "name": tenant.name, "plan": "pro"}
    key = body["key"]
    assert tenant.key.startswith(key["prefix"]) and len(key["prefix"]) < len(tenant.key)
    assert key["role"] == "owner" and key["name"].startswith("test ")
    assert key["userId"] == tenant.user
    usage = body["usage"]
    assert ISO_MS.match(usage["periodStart"]) and ISO_MS.match(usage["periodEnd"])
    assert (usage["runs"], usage["audits"], usage["scans"]) == (0, 0, 0)
    assert usage["credits"]["balance"] == 0
    call(base_url, "POST", "/api/mcp/start-audit", key=tenant.key,
         body={"url": fixtures_url + "/sample-site/index.html"})
    insert_run(state_dir, tenant, "completed", kind="scan")
    insert_run(state_dir, tenant, "completed", created_ago_s=40 * 86400)
    usage = call(base_url, "GET", "/api/mcp/account", key=tenant.key).json()["usage"]
    assert (usage["runs"], usage["audits"], usage["scans"]) == (2, 1, 1)


def test_account_shows_the_calling_keys_role(base_url, tenant):
    _, key = tenant.new_user(role="member")
    body = call(base_url, "GET", "/api/mcp/account", key=key).json()
    assert body["key"]["role"] == "member" and body["org"]["id"] == tenant.org

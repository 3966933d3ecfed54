"""GET /api/external/sites/{siteId}/export: the session export's bytes with a
bearer key (001 Phase 3) — same CSV/JSON, headers, and status codes."""
import pytest
import requests

from test_ui_support import admin, login, new_org_user, seed_scan


def key_for(bin_dir, conf_path, acct):
    return admin(bin_dir, conf_path, "key", "create", "--user", acct["user"],
                 "--name", "export test")


@pytest.fixture(scope="module")
def acct(bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    a["old"] = seed_scan(state_dir, a["org"], a["site"], pages=3, days_ago=2)
    a["new"] = seed_scan(state_dir, a["org"], a["site"], pages=5)
    a["key"] = key_for(bin_dir, conf_path, a)
    return a


def key_get(base_url, site, key, query=""):
    h = {"Authorization": f"Bearer {key}"} if key else {}
    return requests.get(f"{base_url}/api/external/sites/{site}/export{query}",
                        headers=h, timeout=30)


def session_get(base_url, acct, query=""):
    s = login(base_url, acct["email"], acct["password"])
    return s.get(f"{base_url}/api/sites/{acct['site']}/export{query}", timeout=30)


@pytest.mark.parametrize("query", ["", "?format=csv", "?format=json"])
def test_same_bytes_as_the_session_export(base_url, acct, query):
    by_key = key_get(base_url, acct["site"], acct["key"], query)
    by_session = session_get(base_url, acct, query)
    assert by_key.status_code == 200 and by_session.status_code == 200
    assert by_key.content == by_session.content
    assert len(by_key.content) > 100
    for h in ("Content-Type", "Content-Disposition", "Cache-Control"):
        assert by_key.headers[h] == by_session.headers[h]


def test_scan_id_selects_the_same_older_scan(base_url, acct):
    q = f"?format=json&scanId={acct['old'][0]}"
    by_key = key_get(base_url, acct["site"], acct["key"], q)
    assert by_key.status_code == 200
    assert len(by_key.json()) == 3
    assert by_key.content == session_get(base_url, acct, q).content


def test_no_or_bad_key_is_401(base_url, acct):
    assert key_get(base_url, acct["site"], None).status_code == 401
    r = key_get(base_url, acct["site"], "sk_pageref_" + "0" * 40)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"


def test_session_cookie_is_not_enough(base_url, acct):
    s = login(base_url, acct["email"], acct["password"])
    r = s.get(f"{base_url}/api/external/sites/{acct['site']}/export", timeout=30)
    assert r.status_code == 401


def test_session_route_still_refuses_a_key(base_url, acct):
    r = requests.get(f"{base_url}/api/sites/{acct['site']}/export",
                     headers={"Authorization": f"Bearer {acct['key']}"}, timeout=30)
    assert r.status_code == 401


def test_bad_format_is_400(base_url, acct):
    r = key_get(base_url, acct["site"], acct["key"], "?format=xml")
    assert r.status_code == 400 and r.json()["error"] == "bad_request"


def test_unknown_scan_is_404(base_url, acct):
    for q in ("?scanId=00000000-0000-7000-8000-000000000000", "?scanId=nope"):
        assert key_get(base_url, acct["site"], acct["key"], q).status_code == 404


def test_other_orgs_site_is_404(base_url, bin_dir, conf_path, state_dir, acct):
    other = new_org_user(bin_dir, conf_path)
    seed_scan(state_dir, other["org"], other["site"], pages=2)
    r = key_get(base_url, other["site"], acct["key"])
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_site_without_completed_scan_is_404(base_url, bin_dir, conf_path):
    fresh = new_org_user(bin_dir, conf_path)
    r = key_get(base_url, fresh["site"], key_for(bin_dir, conf_path, fresh))
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_starter_plan_is_402(base_url, bin_dir, conf_path, state_dir):
    starter = new_org_user(bin_dir, conf_path, plan="starter")
    seed_scan(state_dir, starter["org"], starter["site"], pages=2)
    r = key_get(base_url, starter["site"], key_for(bin_dir, conf_path, starter))
    assert r.status_code == 402 and r.json()["error"] == "payment_required"

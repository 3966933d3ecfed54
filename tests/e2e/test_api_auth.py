"""Key authentication on every REST endpoint: 401 (missing, malformed,
mistyped, revoked), 402 (starter plan), and cross-org 404s."""
import concurrent.futures
import json
import uuid

import pytest

from conftest import mariadb
from test_api_util import (ENDPOINTS, Tenant, admin, assert_error,  # noqa: F401
                           blackhole, call, insert_report, other, sql_str,
                           tenant)


def fill(t, run, report, path, body):
    ids = {"site": t.site, "run": run, "report": report}
    path = path.format(**ids)
    if body is not None:
        body = json.loads(json.dumps(body).replace("{site}", t.site))
    return path, body


@pytest.fixture(scope="module")
def owned(state_dir, blackhole):
    t = Tenant(site_url=blackhole)
    run, report = insert_report(state_dir, t)
    return t, run, report


def mistype(key):
    """The same key with one character of its random part changed."""
    i = len("sk_pageref_") + 5
    c = "A" if key[i] != "A" else "B"
    return key[:i] + c + key[i + 1:]


BAD_KEYS = {
    "missing": None,
    "empty bearer": "",
    "malformed": "not-a-key",
    "wrong prefix": "sk_live_abcdefghijklmnopqrstuvwxyz0123456789",
}


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
@pytest.mark.parametrize("case", list(BAD_KEYS))
def test_missing_or_malformed_key_is_401(base_url, owned, method, path, body, case):
    t, run, report = owned
    path, body = fill(t, run, report, path, body)
    key = BAD_KEYS[case]
    headers = {"Authorization": "Bearer "} if key == "" else None
    r = call(base_url, method, path, key=key or None, body=body, headers=headers)
    assert_error(r, 401, "unauthorized")
    assert r.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
def test_mistyped_key_is_401(base_url, owned, method, path, body):
    t, run, report = owned
    path, body = fill(t, run, report, path, body)
    r = call(base_url, method, path, key=mistype(t.key), body=body)
    assert_error(r, 401, "unauthorized")


def test_basic_scheme_is_401(base_url, owned):
    t, _, _ = owned
    r = call(base_url, "GET", "/api/mcp/account",
             headers={"Authorization": f"Basic {t.key}"})
    assert_error(r, 401, "unauthorized")


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
def test_revoked_key_is_401(base_url, state_dir, owned, method, path, body):
    t, run, report = owned
    _, key = t.new_user()
    assert call(base_url, "GET", "/api/mcp/account", key=key).status_code == 200
    mariadb(state_dir, "UPDATE api_keys SET revoked_at = NOW(3) WHERE prefix = "
            + sql_str(key[:19]) + " AND org_id = " + sql_str(t.org))
    path, body = fill(t, run, report, path, body)
    r = call(base_url, method, path, key=key, body=body)
    assert_error(r, 401, "unauthorized")


@pytest.fixture(scope="module")
def starter(state_dir, blackhole):
    """A paying org's key, site, run and report — then the org drops to starter."""
    t = Tenant(plan="pro", site_url=blackhole)
    run, report = insert_report(state_dir, t)
    admin("org", "set-plan", "--org", t.org, "--plan", "starter")
    return t, run, report


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
def test_starter_plan_is_402_everywhere(base_url, starter, method, path, body):
    t, run, report = starter
    path, body = fill(t, run, report, path, body)
    r = call(base_url, method, path, key=t.key, body=body)
    assert_error(r, 402, "payment_required", "plan")


def test_paid_plan_again_is_200(base_url, blackhole):
    t = Tenant(plan="starter", site_url=blackhole)
    assert call(base_url, "GET", "/api/mcp/account", key=t.key).status_code == 402
    admin("org", "set-plan", "--org", t.org, "--plan", "growth")
    r = call(base_url, "GET", "/api/mcp/account", key=t.key)
    assert r.status_code == 200 and r.json()["org"]["plan"] == "growth"


CROSS_ORG = [e for e in ENDPOINTS if "{" in e[1] or "{site}" in json.dumps(e[2])]


@pytest.mark.parametrize("method,path,body", CROSS_ORG)
def test_other_orgs_ids_are_404_like_missing_ones(base_url, owned, other, method,
                                                  path, body):
    t, run, report = owned
    p, b = fill(t, run, report, path, body)
    theirs = call(base_url, method, p, key=other.key, body=b)
    body404 = assert_error(theirs, 404, "not_found")
    fake = str(uuid.uuid4())
    p2 = p.replace(t.site, fake).replace(run, fake).replace(report, fake)
    b2 = json.loads(json.dumps(b).replace(t.site, fake)) if b else None
    missing = call(base_url, method, p2, key=other.key, body=b2)
    assert missing.status_code == 404 and missing.json() == body404
    # and the owner still sees it
    mine = call(base_url, method, p, key=t.key, body=b)
    assert mine.status_code in (200, 202), mine.text


@pytest.mark.parametrize("path", [
    "/api/mcp/runs/{}", "/api/mcp/reports/{}", "/api/mcp/sites/{}/history",
    "/api/mcp/sites/{}/schedule"])
@pytest.mark.parametrize("bad", ["not-a-uuid", "123", "%27%20OR%201%3D1--",
                                 "0" * 200, "01a2-zzzz"])
def test_non_uuid_path_ids_are_404(base_url, tenant, path, bad):
    r = call(base_url, "GET", path.format(bad), key=tenant.key)
    assert r.status_code == 404, r.text
    assert r.json()["error"] == "not_found"


def test_keys_work_concurrently(base_url, tenant):
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        codes = list(ex.map(lambda _: call(base_url, "GET", "/api/mcp/account",
                                           key=tenant.key).status_code, range(32)))
    assert codes == [200] * 32

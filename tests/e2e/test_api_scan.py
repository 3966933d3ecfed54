"""POST /api/external/scan (document 001): queue, dedupe, rate limit."""
import concurrent.futures
import uuid

import pytest

from conftest import mariadb
from test_api_util import (assert_error, blackhole, call, other, settle_scans,  # noqa: F401
                           sql_str, tenant)

PATH = "/api/external/scan"


def scan(base_url, key, site, **extra):
    return call(base_url, "POST", PATH, key=key, body=dict({"siteId": site}, **extra))


def scans_of(state, site):
    return mariadb(state, "SELECT id, strategy, page_limit, url, trigger_source,"
                   " status FROM runs WHERE kind = 'scan' AND site_id = "
                   + sql_str(site))


@pytest.fixture(autouse=True)
def no_active_scans_left(state_dir, tenant):
    yield
    settle_scans(state_dir, tenant.site)


def test_scan_is_queued(base_url, state_dir, tenant):
    mariadb(state_dir, "UPDATE sites SET page_limit = 7, strategy = 'desktop'"
            " WHERE id = " + sql_str(tenant.site))
    r = scan(base_url, tenant.key, tenant.site)
    assert r.status_code == 202, r.text
    body = r.json()
    assert set(body) == {"scanId", "status"} and body["status"] == "queued"
    rows = scans_of(state_dir, tenant.site)
    assert rows == [[body["scanId"], "desktop", "7", tenant.site_url, "api", rows[0][5]]]
    assert rows[0][5] in ("queued", "running")
    settle_scans(state_dir, tenant.site)
    r = scan(base_url, tenant.key, tenant.site, strategy="both")
    assert r.status_code == 202
    active = [row for row in scans_of(state_dir, tenant.site)
              if row[5] in ("queued", "running")]
    assert [row[1] for row in active] == ["both"]


def test_second_scan_while_one_is_active_is_409(base_url, state_dir, tenant):
    assert scan(base_url, tenant.key, tenant.site).status_code == 202
    r = scan(base_url, tenant.key, tenant.site)
    assert_error(r, 409, "SCAN_ALREADY_ACTIVE")
    mariadb(state_dir, "UPDATE runs SET status = 'running' WHERE kind = 'scan'"
            " AND site_id = " + sql_str(tenant.site))
    _, other_key = tenant.new_user()
    assert_error(scan(base_url, other_key, tenant.site), 409, "SCAN_ALREADY_ACTIVE")
    settle_scans(state_dir, tenant.site)
    assert scan(base_url, tenant.key, tenant.site).status_code == 202


def test_twenty_concurrent_triggers_create_exactly_one_scan(base_url, state_dir, tenant):
    keys = [tenant.key] + [tenant.new_user()[1] for _ in range(3)]
    with concurrent.futures.ThreadPoolExecutor(20) as ex:
        res = list(ex.map(lambda i: scan(base_url, keys[i % 4], tenant.site),
                          range(20)))
    codes = sorted(r.status_code for r in res)
    assert codes == [202] + [409] * 19, codes
    for r in res:
        if r.status_code == 409:
            assert r.json()["error"] == "SCAN_ALREADY_ACTIVE"
    assert len(scans_of(state_dir, tenant.site)) == 1


def test_sixth_trigger_within_an_hour_is_429(base_url, state_dir, tenant):
    user, key = tenant.new_user()
    for _ in range(5):
        assert scan(base_url, key, tenant.site).status_code == 202
        settle_scans(state_dir, tenant.site)
    r = scan(base_url, key, tenant.site)
    assert_error(r, 429, "rate_limited")
    assert 3590 <= int(r.headers["Retry-After"]) <= 3600
    # the limit is per user: a colleague may still scan
    _, colleague = tenant.new_user()
    assert scan(base_url, colleague, tenant.site).status_code == 202
    settle_scans(state_dir, tenant.site)
    # Retry-After counts down to when the oldest of the last five ages out
    mariadb(state_dir, "UPDATE runs SET created_at = NOW(3) - INTERVAL 50 MINUTE"
            " WHERE user_id = " + sql_str(user))
    r = scan(base_url, key, tenant.site)
    assert r.status_code == 429
    assert 595 <= int(r.headers["Retry-After"]) <= 600
    mariadb(state_dir, "UPDATE runs SET created_at = NOW(3) - INTERVAL 61 MINUTE"
            " WHERE user_id = " + sql_str(user))
    assert scan(base_url, key, tenant.site).status_code == 202


def test_conflicts_do_not_use_up_the_limit(base_url, state_dir, tenant):
    _, key = tenant.new_user()
    assert scan(base_url, key, tenant.site).status_code == 202
    for _ in range(6):
        assert scan(base_url, key, tenant.site).status_code == 409


def test_other_orgs_or_unknown_site_is_404(base_url, state_dir, tenant, other):
    a = assert_error(scan(base_url, other.key, tenant.site), 404, "not_found")
    assert scan(base_url, other.key, str(uuid.uuid4())).json() == a
    assert scans_of(state_dir, tenant.site) == []


@pytest.mark.parametrize("body,field", [
    ({}, "siteId"), ({"siteId": "abc"}, "siteId"), ({"siteId": 1}, "siteId"),
    ({"siteId": "{site}", "strategy": "tablet"}, "strategy"),
    ({"siteId": "{site}", "strategy": 1}, "strategy"),
])
def test_invalid_fields_are_422(base_url, tenant, body, field):
    body = {k: (tenant.site if v == "{site}" else v) for k, v in body.items()}
    r = call(base_url, "POST", PATH, key=tenant.key, body=body)
    assert_error(r, 422, "validation_error", field)


@pytest.mark.parametrize("raw", ["", "{", "siteId=x", "[]"])
def test_body_not_json_is_400(base_url, tenant, raw):
    assert_error(call(base_url, "POST", PATH, key=tenant.key, raw=raw), 400,
                 "invalid_json")

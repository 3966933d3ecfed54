"""POST /api/external/budget-check (document 001): exact schema and codes."""
import uuid

import pytest

from test_api_util import (ISO_MS, add_budget, assert_error, blackhole,  # noqa: F401
                           call, insert_report, other, tenant)

PATH = "/api/external/budget-check"
KEYS = {"pass", "site", "scores", "violations", "scanId", "scannedAt"}


def check(base_url, t, site=None):
    return call(base_url, "POST", PATH, key=t.key, body={"siteId": site or t.site})


def test_no_completed_scan_is_200_fail_without_scores(base_url, tenant):
    r = check(base_url, tenant)
    assert r.status_code == 200
    assert r.json() == {"pass": False, "site": tenant.site_name, "violations": [],
                        "scanId": None, "scannedAt": None}


def test_no_budgets_pass(base_url, state_dir, tenant):
    run, _ = insert_report(state_dir, tenant)
    body = check(base_url, tenant).json()
    assert set(body) == KEYS
    assert body["pass"] is True and body["violations"] == []
    assert body["site"] == tenant.site_name and body["scanId"] == run
    assert ISO_MS.match(body["scannedAt"])
    assert body["scores"] == {"health": 74, "performance": 68, "seo": 95,
                              "accessibility": 91, "bestPractices": 100,
                              "agentReadiness": None}   # not measured


def test_the_documented_failing_example(base_url, state_dir, tenant):
    insert_report(state_dir, tenant)
    add_budget(state_dir, tenant, "performance", "min", 80)
    add_budget(state_dir, tenant, "lcp", "max", 2500)
    add_budget(state_dir, tenant, "seo", "min", 90)
    body = check(base_url, tenant).json()
    assert set(body) == KEYS and body["pass"] is False
    assert body["violations"] == [
        {"metric": "performance", "threshold": 80, "actual": 68, "operator": "min"},
        {"metric": "lcp", "threshold": 2500, "actual": 3420, "operator": "max"},
    ]


def test_thresholds_are_inclusive_and_every_metric_works(base_url, state_dir, tenant):
    insert_report(state_dir, tenant)
    exact = {"health": 74, "performance": 68, "seo": 95, "accessibility": 91,
             "bestPractices": 100, "security": 88, "lcp": 3420, "cls": 0.08,
             "inp": 180, "fcp": 1200, "ttfb": 420, "tbt": 250}
    for metric, value in exact.items():
        add_budget(state_dir, tenant, metric, "min", value)
        add_budget(state_dir, tenant, metric, "max", value)
    assert check(base_url, tenant).json()["pass"] is True
    add_budget(state_dir, tenant, "cls", "max", 0.05)
    add_budget(state_dir, tenant, "tbt", "max", 200)
    add_budget(state_dir, tenant, "security", "min", 90)
    v = check(base_url, tenant).json()["violations"]
    assert v == [
        {"metric": "cls", "threshold": 0.05, "actual": 0.08, "operator": "max"},
        {"metric": "tbt", "threshold": 200, "actual": 250, "operator": "max"},
        {"metric": "security", "threshold": 90, "actual": 88, "operator": "min"},
    ]


def test_a_metric_without_a_value_is_a_violation(base_url, state_dir, tenant):
    insert_report(state_dir, tenant, scores={"security": None},
                  metrics={"lcp_ms": None})
    add_budget(state_dir, tenant, "security", "min", 50)
    add_budget(state_dir, tenant, "lcp", "max", 2500)
    body = check(base_url, tenant).json()
    assert body["pass"] is False
    assert body["violations"] == [
        {"metric": "security", "threshold": 50, "actual": None, "operator": "min"},
        {"metric": "lcp", "threshold": 2500, "actual": None, "operator": "max"},
    ]


def test_uses_the_latest_completed_scan(base_url, state_dir, tenant):
    insert_report(state_dir, tenant, scores={"performance": 99}, created_ago_s=3600)
    run, _ = insert_report(state_dir, tenant, scores={"performance": 40})
    insert_report(state_dir, tenant, scores={"performance": 10}, created_ago_s=7200)
    add_budget(state_dir, tenant, "performance", "min", 50)
    body = check(base_url, tenant).json()
    assert body["scanId"] == run and body["scores"]["performance"] == 40
    assert body["violations"][0]["actual"] == 40


@pytest.mark.parametrize("raw", ["", "nope", "{\"siteId\": ", "[]", "null",
                                 "{\"siteId\": \"x\"}}"])
def test_body_not_json_is_400(base_url, tenant, raw):
    r = call(base_url, "POST", PATH, key=tenant.key, raw=raw)
    assert_error(r, 400, "invalid_json")


@pytest.mark.parametrize("body", [{"siteId": "11111111-2222-3333-4444"},
                                  {"siteId": "not-a-uuid"}, {"siteId": 12},
                                  {"siteId": None}, {}, {"site": "x"},
                                  {"siteId": "11111111-2222-3333-4444-55555555555g"}])
def test_site_id_not_a_uuid_is_422(base_url, tenant, body):
    r = call(base_url, "POST", PATH, key=tenant.key, body=body)
    assert_error(r, 422, "validation_error", "siteId")


def test_unknown_or_other_orgs_site_is_404(base_url, state_dir, tenant, other):
    insert_report(state_dir, tenant)
    a = assert_error(check(base_url, other, tenant.site), 404, "not_found")
    b = check(base_url, other, str(uuid.uuid4()))
    assert b.status_code == 404 and b.json() == a
    assert check(base_url, tenant).status_code == 200


def test_uppercase_uuid_is_accepted(base_url, state_dir, tenant):
    insert_report(state_dir, tenant)
    assert check(base_url, tenant, tenant.site.upper()).json()["pass"] is True


def add_alert(state, t, kind, metric, threshold):
    from conftest import mariadb
    from test_api_util import sql_str
    mariadb(state, f"""INSERT INTO alert_rules (id, org_id, site_id, kind, metric, threshold)
        VALUES ({sql_str(str(uuid.uuid4()))}, {sql_str(t.org)}, {sql_str(t.site)},
        {sql_str(kind)}, {sql_str(metric)}, {threshold})""")


def test_alert_rules_judge_the_change_since_the_previous_scan(base_url, state_dir, tenant):
    add_alert(state_dir, tenant, "score_drop", "performance", 5)
    add_alert(state_dir, tenant, "score_drop", "seo", 5)
    add_alert(state_dir, tenant, "metric_worsened", "lcp", 500)
    add_alert(state_dir, tenant, "metric_worsened", "cls", 0.05)
    # one scan only: nothing to compare yet, so no alert fires
    insert_report(state_dir, tenant, scores={"performance": 90, "seo": 95},
                  metrics={"lcp_ms": 2000, "cls": 0.02}, created_ago_s=3600)
    assert check(base_url, tenant).json()["pass"] is True
    insert_report(state_dir, tenant, scores={"performance": 80, "seo": 92},
                  metrics={"lcp_ms": 2400, "cls": 0.12})
    body = check(base_url, tenant).json()
    assert body["pass"] is False
    assert body["violations"] == [
        {"metric": "performance", "threshold": 5, "actual": 10, "operator": "drop"},
        {"metric": "cls", "threshold": 0.05, "actual": 0.1, "operator": "increase"},
    ]

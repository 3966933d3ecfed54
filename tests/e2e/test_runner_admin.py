"""`siteaudit admin` key list / revoke, budget add / list and site schedule."""
import os
import subprocess

import pytest

from conftest import mariadb

MISSING = "0190aaaa-0000-7000-8000-000000000000"


def admin(bin_dir, conf, *args):
    return subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", *args],
                          env=dict(os.environ, SITEAUDIT_CONF=conf),
                          capture_output=True, text=True, timeout=30)


def last_line(res):
    assert res.returncode == 0, res.stderr
    return res.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def org(bin_dir, conf_path):
    return last_line(admin(bin_dir, conf_path, "org", "create", "--name", "keys org",
                           "--plan", "pro"))


@pytest.fixture(scope="module")
def user(bin_dir, conf_path, org):
    return last_line(admin(bin_dir, conf_path, "user", "create", "--org", org, "--email",
                           f"keys-{org[-8:]}@example.com", "--role", "admin"))


@pytest.fixture(scope="module")
def site(bin_dir, conf_path, org):
    return last_line(admin(bin_dir, conf_path, "site", "create", "--org", org, "--name",
                           "budgets", "--url", "https://example.com/"))


def key_rows(bin_dir, conf, org):
    res = admin(bin_dir, conf, "key", "list", "--org", org)
    assert res.returncode == 0, res.stderr
    lines = [l.split("\t") for l in res.stdout.splitlines()]
    assert lines[0] == ["id", "name", "prefix", "role", "created_at", "last_used_at",
                        "revoked_at"]
    return {row[0]: row for row in lines[1:]}


def test_key_list_shows_keys_but_never_the_key(bin_dir, conf_path, org, user):
    res = admin(bin_dir, conf_path, "key", "create", "--user", user, "--name", "ci")
    key = last_line(res)
    key_id = res.stdout.split("key id: ")[1].split()[0]
    rows = key_rows(bin_dir, conf_path, org)
    row = rows[key_id]
    assert row[1:4] == ["ci", key[:19], "admin"]
    assert row[5] == "-" and row[6] == "-"                 # never used, not revoked
    listing = admin(bin_dir, conf_path, "key", "list", "--org", org).stdout
    assert key not in listing and key[19:30] not in listing


def test_key_revoke_by_prefix_and_by_full_key(bin_dir, conf_path, org, user):
    k1 = admin(bin_dir, conf_path, "key", "create", "--user", user, "--name", "a")
    k2 = admin(bin_dir, conf_path, "key", "create", "--user", user, "--name", "b")
    key1, key2 = last_line(k1), last_line(k2)
    res = admin(bin_dir, conf_path, "key", "revoke", "--key", key1[:19])
    id1 = last_line(res)
    assert "revoked key" in res.stdout
    res = admin(bin_dir, conf_path, "key", "revoke", "--key", key2)
    id2 = last_line(res)
    rows = key_rows(bin_dir, conf_path, org)
    assert rows[id1][6] != "-" and rows[id2][6] != "-"
    res = admin(bin_dir, conf_path, "key", "revoke", "--key", key2)
    assert res.returncode == 0 and "already revoked" in res.stdout


def test_key_revoke_errors(bin_dir, conf_path, user):
    key = last_line(admin(bin_dir, conf_path, "key", "create", "--user", user))
    typo = key[:-1] + ("A" if key[-1] != "A" else "B")
    res = admin(bin_dir, conf_path, "key", "revoke", "--key", typo)
    assert res.returncode == 2 and "checksum" in res.stderr
    res = admin(bin_dir, conf_path, "key", "revoke", "--key", "sk_pageref_zzzzzzzz")
    assert res.returncode == 2 and "no such key" in res.stderr
    res = admin(bin_dir, conf_path, "key", "revoke", "--key", "hello")
    assert res.returncode == 2 and "--key must be" in res.stderr
    res = admin(bin_dir, conf_path, "key", "list", "--org", MISSING)
    assert res.returncode == 2 and "no such org" in res.stderr
    res = admin(bin_dir, conf_path, "key", "list", "--org", "nope")
    assert res.returncode == 2 and "--org must be a UUID" in res.stderr


def test_budget_add_and_list(bin_dir, conf_path, site, state_dir):
    b1 = last_line(admin(bin_dir, conf_path, "budget", "add", "--site", site, "--metric",
                         "performance", "--operator", "min", "--threshold", "80"))
    b2 = last_line(admin(bin_dir, conf_path, "budget", "add", "--site", site, "--metric",
                         "cls", "--operator", "max", "--threshold", "0.1"))
    res = admin(bin_dir, conf_path, "budget", "list", "--site", site)
    assert res.returncode == 0, res.stderr
    lines = [l.split("\t") for l in res.stdout.splitlines()]
    assert lines[0] == ["id", "metric", "operator", "threshold", "created_at"]
    assert [l[:4] for l in lines[1:]] == [[b1, "performance", "min", "80"],
                                         [b2, "cls", "max", "0.1"]]
    org = mariadb(state_dir, f"SELECT org_id FROM sites WHERE id = '{site}'")
    assert mariadb(state_dir, f"SELECT org_id FROM budgets WHERE id = '{b1}'") == org


@pytest.mark.parametrize("args, message", [
    (["--metric", "speed", "--operator", "min", "--threshold", "1"], "--metric must be"),
    (["--metric", "seo", "--operator", "atleast", "--threshold", "1"], "--operator must be"),
    (["--metric", "seo", "--operator", "min", "--threshold", "lots"], "--threshold must be a number"),
    (["--metric", "seo", "--operator", "min", "--threshold", "101"], "0 to 100"),
    (["--metric", "lcp", "--operator", "max", "--threshold", "-5"], "0 or more"),
    (["--metric", "seo", "--operator", "min"], "--threshold must be a number"),
])
def test_budget_add_errors(bin_dir, conf_path, site, args, message):
    res = admin(bin_dir, conf_path, "budget", "add", "--site", site, *args)
    assert res.returncode != 0 and message in res.stderr


def test_budget_unknown_site(bin_dir, conf_path):
    res = admin(bin_dir, conf_path, "budget", "add", "--site", MISSING, "--metric", "seo",
                "--operator", "min", "--threshold", "50")
    assert res.returncode == 2 and "no such site" in res.stderr
    res = admin(bin_dir, conf_path, "budget", "list", "--site", MISSING)
    assert res.returncode == 2 and "no such site" in res.stderr


def test_site_schedule(bin_dir, conf_path, site, state_dir):
    res = admin(bin_dir, conf_path, "site", "schedule", "--site", site, "--schedule",
                "weekly", "--hour", "7", "--weekday", "0")
    nxt = last_line(res)
    row, = mariadb(state_dir, "SELECT schedule, schedule_hour, schedule_weekday,"
                              " DATE_FORMAT(next_run_at, '%Y-%m-%d %H:%i:%s'),"
                              " DAYOFWEEK(next_run_at), next_run_at > NOW(3)"
                              f" FROM sites WHERE id = '{site}'")
    assert row == ["weekly", "7", "0", nxt, "1", "1"]      # DAYOFWEEK 1 = Sunday
    res = admin(bin_dir, conf_path, "site", "schedule", "--site", site, "--schedule", "daily")
    nxt = last_line(res)
    assert nxt.endswith(" 07:00:00")                       # the stored hour is kept
    res = admin(bin_dir, conf_path, "site", "schedule", "--site", site, "--schedule", "off")
    assert last_line(res) == "off"
    assert mariadb(state_dir, f"SELECT schedule, next_run_at FROM sites WHERE id = '{site}'") \
        == [["off", "NULL"]]


@pytest.mark.parametrize("args, message", [
    (["--schedule", "hourly"], "--schedule must be"),
    (["--schedule", "daily", "--hour", "24"], "--hour must be 0 to 23"),
    (["--schedule", "weekly", "--weekday", "7"], "--weekday must be"),
    (["--schedule", "monthly", "--monthday", "31"], "--monthday must be 1 to 28"),
    (["--schedule", "daily", "--hour", "3pm"], "--hour must be 0 to 23"),
])
def test_site_schedule_errors(bin_dir, conf_path, site, args, message):
    res = admin(bin_dir, conf_path, "site", "schedule", "--site", site, *args)
    assert res.returncode == 2 and message in res.stderr


def test_site_schedule_unknown_site(bin_dir, conf_path):
    res = admin(bin_dir, conf_path, "site", "schedule", "--site", MISSING, "--schedule", "daily")
    assert res.returncode == 2 and "no such site" in res.stderr

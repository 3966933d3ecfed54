"""CSRF: every state-changing form needs the session's token and a same-site
Origin; a refused POST changes nothing."""
import pytest

from conftest import mariadb
from test_ui_support import csrf, login, new_org_user


@pytest.fixture(scope="module")
def acct(bin_dir, conf_path):
    return new_org_user(bin_dir, conf_path)


@pytest.fixture()
def sess(base_url, acct):
    return login(base_url, acct["email"], acct["password"])


def runs(state, site):
    return int(mariadb(state, f"SELECT COUNT(*) FROM runs WHERE site_id = '{site}'")[0][0])


def test_post_without_token_is_refused(base_url, state_dir, acct, sess):
    before = runs(state_dir, acct["site"])
    r = sess.post(f"{base_url}/sites/{acct['site']}/scan", data={}, allow_redirects=False)
    assert r.status_code == 403
    assert "form has expired" in r.text
    assert runs(state_dir, acct["site"]) == before


def test_post_with_wrong_token_is_refused(base_url, state_dir, acct, sess):
    r = sess.post(f"{base_url}/keys", data={"_csrf": "0" * 64, "name": "x"},
                  allow_redirects=False)
    assert r.status_code == 403
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM api_keys WHERE user_id = '{acct['user']}'") == [["0"]]


def test_token_of_another_session_is_refused(base_url, acct, sess):
    other = login(base_url, acct["email"], acct["password"])
    token = csrf(other, base_url + "/sites")
    r = sess.post(f"{base_url}/sites/{acct['site']}/scan", data={"_csrf": token},
                  allow_redirects=False)
    assert r.status_code == 403


def test_foreign_origin_is_refused_even_with_the_token(base_url, state_dir, acct, sess):
    token = csrf(sess, base_url + "/sites")
    before = runs(state_dir, acct["site"])
    for origin in ("http://evil.example", "null", base_url + ".evil.example"):
        r = sess.post(f"{base_url}/sites/{acct['site']}/scan", data={"_csrf": token},
                      headers={"Origin": origin}, allow_redirects=False)
        assert r.status_code == 403, origin
    assert runs(state_dir, acct["site"]) == before


def test_same_origin_with_token_is_accepted(base_url, state_dir, acct, sess):
    token = csrf(sess, base_url + "/sites")
    r = sess.post(f"{base_url}/sites/{acct['site']}/scan", data={"_csrf": token},
                  headers={"Origin": base_url}, allow_redirects=False)
    assert r.status_code == 303
    assert "notice=scan_" in r.headers["Location"]


def test_json_body_cannot_carry_the_token(base_url, acct, sess):
    token = csrf(sess, base_url + "/sites")
    r = sess.post(f"{base_url}/keys", json={"_csrf": token, "name": "x"},
                  allow_redirects=False)
    assert r.status_code == 403

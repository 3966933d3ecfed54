"""The settings page's deploy hook and webhooks sections (issue 9)."""
import re
import uuid

from conftest import mariadb
from test_api_util import call
from test_ui_support import add_user, csrf, login, new_org_user


def test_deploy_hook_regenerate_and_revoke(base_url, state_dir, bin_dir, conf_path):
    a = new_org_user(bin_dir, conf_path)
    s = login(base_url, a["email"], a["password"])
    url = f"{base_url}/sites/{a['site']}/settings"
    assert "No deploy hook." in s.get(url).text
    r = s.post(f"{base_url}/sites/{a['site']}/hook", data={"_csrf": csrf(s, url)})
    assert r.status_code == 200
    m = re.search(r"/api/hooks/site-publish/(dh_[0-9a-f]{64})", r.text)
    assert m, r.text[-2000:]
    token = m.group(1)
    again = s.get(url).text
    assert token not in again and "A deploy hook is active" in again
    resp = call(base_url, "POST", "/api/hooks/site-publish/" + token)
    assert resp.status_code == 202, resp.text
    mariadb(state_dir, "UPDATE runs SET status = 'completed' WHERE site_id = '"
            + a["site"] + "'")
    r = s.post(f"{base_url}/sites/{a['site']}/hook/revoke",
               data={"_csrf": csrf(s, url)})
    assert "Deploy hook revoked" in r.text
    assert call(base_url, "POST", "/api/hooks/site-publish/" + token).status_code == 404


def test_member_cannot_manage_hooks(base_url, bin_dir, conf_path):
    a = new_org_user(bin_dir, conf_path)
    email, pw = add_user(bin_dir, conf_path, a["org"], "member")
    s = login(base_url, email, pw)
    url = f"{base_url}/sites/{a['site']}/settings"
    r = s.post(f"{base_url}/sites/{a['site']}/hook", data={"_csrf": csrf(s, url)})
    assert r.status_code == 403


def test_disabled_webhook_is_shown_and_can_be_enabled(base_url, state_dir,
                                                       bin_dir, conf_path):
    a = new_org_user(bin_dir, conf_path)
    sub = str(uuid.uuid4())
    mariadb(state_dir, f"""INSERT INTO webhook_subscriptions (id, org_id, url,
        events, secret, enabled, dead_streak, disabled_reason) VALUES ('{sub}',
        '{a['org']}', 'http://127.0.0.1:9/x', 'scan.completed', 'whsec_x',
        FALSE, 5, 'Disabled after repeated failed deliveries.')""")
    s = login(base_url, a["email"], a["password"])
    url = f"{base_url}/sites/{a['site']}/settings"
    page = s.get(url).text
    assert "http://127.0.0.1:9/x" in page and "Disabled after repeated" in page
    r = s.post(f"{base_url}/sites/{a['site']}/webhooks/{sub}/enable",
               data={"_csrf": csrf(s, url)})
    assert "Webhook enabled again" in r.text
    assert mariadb(state_dir, f"SELECT enabled, dead_streak FROM webhook_subscriptions"
                   f" WHERE id = '{sub}'") == [["1", "0"]]
    r = s.post(f"{base_url}/sites/{a['site']}/webhooks/{sub}/delete",
               data={"_csrf": csrf(s, url)})
    assert "Webhook removed" in r.text

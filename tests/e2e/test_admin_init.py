"""`siteaudit admin init`: a new configuration with generated secrets, or a
missing file-signing secret added to an existing one — never printed."""
import os
import re
import stat
import subprocess
import tempfile
import uuid


def init(bin_dir, conf, *args):
    return subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "init", *args],
                          env=dict(os.environ, SITEAUDIT_CONF=conf),
                          capture_output=True, text=True, timeout=30)


def secret_of(text):
    m = re.search(r"(?m)^signing_secret = ([0-9a-f]{64})$", text)
    return m and m.group(1)


def test_writes_a_new_private_config_with_secrets(bin_dir):
    conf = os.path.join(tempfile.mkdtemp(), "siteaudit.conf")
    res = init(bin_dir, conf, "--base-url", "https://audit.example.com")
    assert res.returncode == 0, res.stderr
    text = open(conf).read()
    secret = secret_of(text)
    assert secret and secret not in res.stdout + res.stderr
    assert "base_url = https://audit.example.com" in text
    assert re.search(r"(?m)^password = [0-9a-f]{64}$", text)
    assert stat.S_IMODE(os.stat(conf).st_mode) == 0o640
    check = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "check-config"],
                           env=dict(os.environ, SITEAUDIT_CONF=conf),
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    again = init(bin_dir, conf)                       # idempotent
    assert again.returncode == 0 and "signing secret present" in again.stdout
    assert secret_of(open(conf).read()) == secret


def test_adds_a_missing_secret_to_an_existing_config(bin_dir):
    conf = os.path.join(tempfile.mkdtemp(), "siteaudit.conf")
    with open(conf, "w") as f:
        f.write("[server]\nworkers = 2\n")
    res = init(bin_dir, conf)
    assert res.returncode == 0, res.stderr
    text = open(conf).read()
    assert text.startswith("[server]\nworkers = 2\n") and secret_of(text)
    assert secret_of(text) not in res.stdout + res.stderr


def test_refuses_a_broken_config_and_bad_options(bin_dir):
    conf = os.path.join(tempfile.mkdtemp(), "siteaudit.conf")
    with open(conf, "w") as f:
        f.write("[server]\nworkers = many\n")
    res = init(bin_dir, conf)
    assert res.returncode == 78 and f"{conf}:2:" in res.stderr
    assert "signing_secret" not in open(conf).read()
    assert init(bin_dir, conf, "--bogus", "x").returncode == 2


# --create-db and --owner-email run against the stack's own MariaDB as root
# (unix-socket authentication, as on a Debian host), each test in a database
# and user of its own so nothing collides with the running stack.

def fresh_names():
    tag = uuid.uuid4().hex[:10]
    return f"sa_init_{tag}", f"sau_{tag}"


def create(bin_dir, state_dir, conf, dbname, dbuser, *extra, env=None):
    return subprocess.run(
        [os.path.join(bin_dir, "siteaudit"), "admin", "init",
         "--db-socket", os.path.join(state_dir, "run", "mysqld.sock"),
         "--db-name", dbname, "--db-user", dbuser, *extra],
        env=dict(os.environ, SITEAUDIT_CONF=conf, **(env or {})),
        input="", capture_output=True, text=True, timeout=60)


def conf_with_migrations(root_dir):
    """A config path whose file init writes, plus the repo's migrations."""
    d = tempfile.mkdtemp()
    return os.path.join(d, "siteaudit.conf")


def add_migrations_dir(conf, root_dir):
    with open(conf, "a") as f:
        f.write(f"\n[database]\nmigrations_dir = {root_dir}/sql\n")


def test_create_db_makes_database_user_schema_and_owner(bin_dir, state_dir, root_dir):
    dbname, dbuser = fresh_names()
    conf = conf_with_migrations(root_dir)
    # step 1 alone writes the config; migrations_dir points at the checkout
    first = create(bin_dir, state_dir, conf, dbname, dbuser)
    assert first.returncode == 0, first.stderr
    add_migrations_dir(conf, root_dir)
    pw = "correct horse battery"
    res = create(bin_dir, state_dir, conf, dbname, dbuser, "--create-db",
                 "--owner-email", "owner@init.example", "--org-name", "Init Org",
                 env={"SITEAUDIT_OWNER_PASSWORD": pw})
    assert res.returncode == 0, res.stderr
    out = res.stdout + res.stderr
    dbpw = re.search(r"(?m)^password = (\S+)$", open(conf).read()).group(1)
    assert pw not in out and dbpw not in out
    assert f"database {dbname}: ready" in res.stdout
    assert "migration(s) applied" in res.stdout
    # the application user can log in with the configuration's password
    sock = os.path.join(state_dir, "run", "mysqld.sock")
    q = subprocess.run(["mariadb", "--no-defaults", "-S", sock, "-u", dbuser,
                        f"-p{dbpw}", dbname, "-N", "-e",
                        "SELECT COUNT(*) FROM schema_migrations;"
                        "SELECT u.role, o.name FROM users u JOIN orgs o ON o.id = u.org_id"
                        " WHERE u.email = 'owner@init.example'"],
                       capture_output=True, text=True, timeout=30)
    assert q.returncode == 0, q.stderr
    lines = q.stdout.strip().splitlines()
    assert int(lines[0]) >= 1 and lines[1].split("\t") == ["owner", "Init Org"]
    # a second run is idempotent for the schema and refuses a duplicate owner
    again = create(bin_dir, state_dir, conf, dbname, dbuser, "--create-db",
                   "--owner-email", "owner@init.example",
                   env={"SITEAUDIT_OWNER_PASSWORD": pw})
    assert again.returncode != 0 and "schema is up to date" in again.stdout
    assert "already exists" in again.stderr
    drop(state_dir, dbname, dbuser)


def test_interactive_prompts_for_the_owner(bin_dir, state_dir, root_dir):
    dbname, dbuser = fresh_names()
    conf = conf_with_migrations(root_dir)
    assert create(bin_dir, state_dir, conf, dbname, dbuser).returncode == 0
    add_migrations_dir(conf, root_dir)
    answers = "\nasker@init.example\nAsked Org\nsecret-pass-1\nsecret-pass-1\n"
    res = subprocess.run(
        [os.path.join(bin_dir, "siteaudit"), "admin", "init", "--interactive",
         "--create-db"], env=dict(os.environ, SITEAUDIT_CONF=conf),
        input=answers, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "Owner e-mail" in res.stderr and "secret-pass-1" not in res.stdout + res.stderr
    assert "owner" in res.stdout and "asker@init.example" in res.stdout
    # mismatched passwords are refused before anything is written
    bad = subprocess.run(
        [os.path.join(bin_dir, "siteaudit"), "admin", "init", "--interactive"],
        env=dict(os.environ, SITEAUDIT_CONF=conf),
        input="\nx@init.example\n\naaaaaaaa1\nbbbbbbbb2\n",
        capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "differ" in bad.stderr
    drop(state_dir, dbname, dbuser)


def test_create_db_refuses_unsafe_names_and_missing_password(bin_dir, state_dir, root_dir):
    conf = conf_with_migrations(root_dir)
    res = create(bin_dir, state_dir, conf, "bad`name", "u1", "--create-db")
    assert res.returncode == 2 and "letters, digits" in res.stderr
    dbname, dbuser = fresh_names()
    conf = conf_with_migrations(root_dir)
    assert create(bin_dir, state_dir, conf, dbname, dbuser).returncode == 0
    add_migrations_dir(conf, root_dir)
    res = create(bin_dir, state_dir, conf, dbname, dbuser, "--create-db",
                 "--owner-email", "nopw@init.example",
                 env={"SITEAUDIT_OWNER_PASSWORD": ""})
    assert res.returncode == 2 and "SITEAUDIT_OWNER_PASSWORD" in res.stderr
    drop(state_dir, dbname, dbuser)


def drop(state_dir, dbname, dbuser):
    sock = os.path.join(state_dir, "run", "mysqld.sock")
    subprocess.run(["mariadb", "--no-defaults", "-S", sock, "-uroot", "-e",
                    f"DROP DATABASE IF EXISTS `{dbname}`;"
                    f"DROP USER IF EXISTS '{dbuser}'@'localhost'"],
                   capture_output=True, timeout=30)

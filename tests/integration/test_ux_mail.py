"""E-mail notifications (issue 13): who gets which message when a submission
is submitted, returned or accepted, when a period opens and before a due
date; the outbox written in the change's own transaction; `vrsadm
mail-send` delivering over real SMTP (python3-aiosmtpd on loopback, writing
a maildir) with retries and back-off while the relay is down; the page where
a user turns notifications off; addresses on the users page and in vrsadm.

No test here looks at the clock: back-off is checked as the difference
between two times the database wrote, and due dates are set relative to
the database's own date."""
import datetime
import email
import email.policy
import mailbox
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

from conftest import ENV, ROOT, Client, sql, vrsadm
from reporting import (User, _created_periods, admin, create_period, errors,  # noqa: F401
                       jurisdiction, period_code, remove_test_periods, review, set_period,
                       start, submit)



def _conf_smtp_port():
    """The port of the test instance's smtp_url (stack.sh writes it from
    VRS_TEST_SMTP_PORT, default 18025): the sink listens there."""
    port = None
    with open(ENV["CONF"]) as f:
        for line in f:
            key, _, value = line.partition("=")
            if key.strip() == "smtp_url":
                port = int(value.strip().rsplit(":", 1)[1])
    return port or 18025


SMTP_PORT = _conf_smtp_port()
NIL_ALL = ("flows", "documents", "smugglers", "harm")


# ---- the SMTP sink ------------------------------------------------------------------

class Sink:
    """A real SMTP server (aiosmtpd) on loopback writing every message it
    accepts into a maildir, as `make run` has one."""

    def __init__(self):
        self.top = tempfile.mkdtemp(prefix="mail-", dir=os.path.join(ROOT, "var", "test"))
        self.dir = os.path.join(self.top, "maildir")     # the sink creates it
        self.proc = None

    def start(self):
        try:
            socket.create_connection(("127.0.0.1", SMTP_PORT), timeout=1).close()
            raise AssertionError("port %d is taken: another SMTP server (a sink left "
                                 "over from an interrupted run?) listens there" % SMTP_PORT)
        except OSError:
            pass
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:%d" % SMTP_PORT,
             "-c", "aiosmtpd.handlers.Mailbox", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", SMTP_PORT), timeout=1).close()
                assert self.proc.poll() is None, "the SMTP sink exited"
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the SMTP sink did not start on port %d" % SMTP_PORT)

    def stop(self):
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None

    def raw(self, to):
        """The messages to to, as the bytes the sink stored."""
        box = mailbox.Maildir(self.dir, factory=None, create=False)
        out = []
        for key in box.keys():
            with box.get_file(key) as f:
                data = f.read()
            if ("X-RcptTo: %s\n" % to).encode() in data.replace(b"\r\n", b"\n"):
                out.append(data)
        return out

    def messages(self, to=None):
        """Every message received (email.message.EmailMessage), or those
        whose envelope recipient is to."""
        if not os.path.isdir(os.path.join(self.dir, "new")):
            return []
        box = mailbox.Maildir(self.dir, factory=None, create=False)
        out = []
        for key in box.keys():
            with box.get_file(key) as f:
                m = email.message_from_binary_file(f, policy=email.policy.default)
            if to is None or m["X-RcptTo"] == to:
                out.append(m)
        return out


@pytest.fixture(scope="module")
def sink():
    s = Sink()
    s.start()
    yield s
    s.stop()
    shutil.rmtree(s.top, ignore_errors=True)
    if _big_batch is not None and os.path.exists(_big_batch):
        os.unlink(_big_batch)


_big_batch = None


def mail_send(*args, conf=None, check=True):
    """Runs vrsadm mail-send (with another configuration file if given;
    by default the instance's, with a batch large enough for everything
    the other tests left waiting)."""
    global _big_batch
    if conf is None:
        if _big_batch is None:
            _big_batch = conf_with(mail_batch=100000)
        conf = _big_batch
    cmd = [os.path.join(ROOT, "build/vrsadm"), "-c", conf, "mail-send", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if check:
        assert r.returncode == 0, r
    return r


def conf_with(**keys):
    """A copy of the test instance's configuration with keys changed (and
    mail_batch large, see mail_send)."""
    keys.setdefault("mail_batch", 100000)
    with open(ENV["CONF"]) as f:
        text = f.read()
    text += "".join("%s = %s\n" % kv for kv in keys.items())
    fd, path = tempfile.mkstemp(prefix="vrs-mail-", suffix=".conf",
                                dir=os.path.join(ROOT, "var", "test"))
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o640)
    return path


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- people -------------------------------------------------------------------------

DOMAIN = "mail.example.org"


def address(username):
    return "%s@%s" % (username, DOMAIN)


class Person(User):
    """A signed-in user with an e-mail address (or none)."""

    def __init__(self, role, jurisdiction=None, with_email=True):
        super().__init__(role, jurisdiction)
        self.email = address(self.username) if with_email else None
        if with_email:
            r = vrsadm("user", "email", self.username, self.email)
            assert r.returncode == 0, r

    def notifications(self, on):
        page = self.get("/account/notifications")
        assert page.status == 200, page
        fields = {"notify": "1"} if on else {}
        r = self.send("/account/notifications", fields)
        assert r.status == 303, r
        return r


def outbox(kind, to):
    return sql("SELECT id, attempts, sent_at IS NOT NULL, failed_at IS NOT NULL "
               "FROM mail_outbox WHERE kind = '%s' AND to_addr = '%s' ORDER BY id" % (kind, to))


def subjects(sink, person, containing):
    return [m["Subject"] for m in sink.messages(person.email) if containing in m["Subject"]]


def fresh_org(name):
    """A new organisation jurisdiction (user-assigned code) with name."""
    have = {r[0] for r in sql("SELECT code FROM jurisdictions")}
    free = ["Q%s%s" % (a, b) for a in "MNOPQRSTUVWXY" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            if "Q%s%s" % (a, b) not in have]
    code = random.choice(free)
    r = vrsadm("jurisdiction", "add", code, "--organisation", "--name", name)
    assert r.returncode == 0, r
    return code


class World:
    pass


@pytest.fixture
def world(admin):  # noqa: F811
    """Two states: A (named with non-ASCII letters) with a focal point, an
    entry officer, a viewer, an entry officer who turned notifications off
    and one without an address; B with a focal point; two analysts, one
    of whom turned notifications off. Nothing waits in the outbox."""
    forget_addresses()
    mail_send("--no-reminders", "--now")
    w = World()
    w.admin = admin
    w.a = fresh_org("Démoland Ōmega (fictitious) & Co")
    w.b = jurisdiction()
    w.focal = Person("focal-point", w.a)
    w.entry = Person("data-entry", w.a)
    w.viewer = Person("viewer", w.a)
    w.quiet = Person("data-entry", w.a)
    w.quiet.notifications(False)
    w.nomail = Person("data-entry", w.a, with_email=False)
    w.other = Person("focal-point", w.b)
    w.analyst = Person("secretariat-analyst")
    w.analyst_quiet = Person("secretariat-analyst")
    w.analyst_quiet.notifications(False)
    w.everyone = [w.focal, w.entry, w.viewer, w.quiet, w.other, w.analyst, w.analyst_quiet]
    yield w
    forget_addresses()


def forget_addresses():
    """Cleanup: the test database persists, and every national user with an
    address hears of every period opened, so the addresses these tests gave
    go (and their messages with them), also those of an interrupted run."""
    sql("UPDATE users SET email = NULL WHERE email LIKE '%%@%s'; "
        "DELETE FROM mail_outbox WHERE to_addr LIKE '%%@%s'" % (DOMAIN, DOMAIN))


def receivers(sink, w, containing):
    return sorted(p.username for p in w.everyone if subjects(sink, p, containing))


# ---- each event, the right people ---------------------------------------------------

def test_workflow_mail_goes_to_the_people_concerned(sink, world):
    w = world
    period = create_period(w.admin)
    mail_send("--no-reminders")
    opened = receivers(sink, w, "Reporting period open: %s" % period)
    assert opened == sorted(p.username for p in (w.focal, w.entry, w.viewer, w.other))

    sub = start(w.entry, period)
    refused = submit(w.focal, sub, nil=NIL_ALL, certify=False, expect=400)
    assert refused.status == 400
    assert not outbox("submitted", w.analyst.email), "a refused submit queued mail"
    submit(w.focal, sub, nil=NIL_ALL)
    # The outbox row exists as soon as the change does, before any send.
    assert len(outbox("submitted", w.analyst.email)) >= 1
    mail_send("--no-reminders")
    assert receivers(sink, w, "To review: submission for %s" % period) == [w.analyst.username]

    review(w.analyst, sub, "return", {"flows": "Row SYR: 12 entries, but 15 smuggled?"})
    mail_send("--no-reminders")
    returned = "Returned for changes: submission for %s" % period
    assert receivers(sink, w, returned) == sorted([w.focal.username, w.entry.username])
    m = [m for m in sink.messages(w.entry.email) if returned in m["Subject"]][0]
    body = m.get_content()
    assert "Row SYR: 12 entries, but 15 smuggled?" in body
    assert "Flows (persons)" in body

    submit(w.focal, sub, nil=NIL_ALL)
    review(w.analyst, sub, "accept")
    mail_send("--no-reminders")
    accepted = "Accepted: submission for %s" % period
    assert receivers(sink, w, accepted) == sorted(
        p.username for p in (w.focal, w.entry, w.viewer))
    # The second submit went to the analyst too; B heard of nothing of A's.
    assert len(subjects(sink, w.analyst, "To review: submission for %s" % period)) == 2
    assert not [m for m in sink.messages(w.other.email) if w.a in m["Subject"]]
    # Nobody without an address or with notifications off has a message.
    for p in (w.quiet, w.analyst_quiet):
        assert not outbox("accepted", p.email) and not outbox("opened", p.email) \
            and not outbox("submitted", p.email)


def test_message_format(sink, world):
    """Headers a mail client needs, a subject encoded where it is not
    ASCII, a UTF-8 plain text body with the link and the way to stop."""
    w = world
    period = create_period(w.admin)
    sub = start(w.entry, period)
    submit(w.focal, sub, nil=NIL_ALL)
    review(w.analyst, sub, "accept")
    mail_send("--no-reminders")
    m = [m for m in sink.messages(w.viewer.email) if "Accepted" in m["Subject"]][0]
    assert m["To"].addresses[0].addr_spec == w.viewer.email
    assert ("To: <%s>" % w.viewer.email).encode() in sink.raw(w.viewer.email)[0]
    assert m["X-RcptTo"] == w.viewer.email
    assert m["From"].addresses[0].display_name == "VRS-MSRC"
    assert m["From"].addresses[0].addr_spec == "vrs-msrc@localhost"
    assert m["X-MailFrom"] == "vrs-msrc@localhost"
    assert m["Date"] and m["Message-ID"].startswith("<vrs.") and m["Message-ID"].endswith(
        "@localhost>")
    assert m["MIME-Version"] == "1.0"
    assert m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8"
    assert m["Auto-Submitted"] == "auto-generated"
    raw = [r for r in sink.raw(w.viewer.email) if m["Message-ID"].encode() in r][0]
    assert b"=?UTF-8?B?" in raw                  # the subject on the wire
    assert all(b < 128 for b in raw)             # 7-bit clean: quoted-printable
    assert str(m["Subject"]) == "Accepted: submission for %s, Démoland Ōmega (fictitious) & Co (%s)" % (
        period, w.a)
    body = m.get_content()
    assert "Démoland Ōmega (fictitious) & Co" in body     # not HTML-escaped
    assert "&amp;" not in body
    assert "http://127.0.0.1:%s/submission/%d" % (os.environ.get("VRS_TEST_PORT", "18080"), sub) \
        in body
    assert "To stop these e-mails" in body
    assert "/account/notifications" in body


def test_turned_off_then_on_again(sink, world):
    w = world
    w.viewer.notifications(False)
    page = w.viewer.get("/account/notifications")
    assert "Notifications are off" in page.body
    assert 'name="notify" value="1" aria-describedby="f-notify-hint">' in page.body
    period = create_period(w.admin)
    assert not outbox("opened", w.viewer.email)
    w.viewer.notifications(True)
    page = w.viewer.get("/account/notifications?saved=1")
    assert "Notifications are on" in page.body and "Your choice is saved" in page.body
    assert w.viewer.email in page.body
    set_period(w.admin, period, "locked")
    set_period(w.admin, period, "open")          # opened again: told again
    mail_send("--no-reminders")
    assert subjects(sink, w.viewer, "Reporting period open: %s" % period)
    hist = sql("SELECT action FROM history WHERE object_type = 'user' AND object_id = "
               "(SELECT id FROM users WHERE username = '%s') ORDER BY seq" % w.viewer.username)
    assert [h[0] for h in hist][-2:] == ["account.notify_off", "account.notify_on"]


def test_notifications_form_needs_csrf(world):
    before = sql("SELECT notify FROM users WHERE username = '%s'" % world.viewer.username)
    r = world.viewer.post("/account/notifications", {}, csrf=False)
    assert r.status == 403
    r = world.viewer.post("/account/notifications", {"csrf": "0" * 64}, csrf=False)
    assert r.status == 403
    assert sql("SELECT notify FROM users WHERE username = '%s'"
               % world.viewer.username) == before
    assert Client().get("/account/notifications").status in (302, 303)


# ---- delivery: relay down, kills, back-off, giving up ---------------------------------

def queue_one(w):
    """Opens a new period: one "opened" message for each of A's users."""
    period = create_period(w.admin)
    rows = outbox("opened", w.viewer.email)
    assert rows and not int(rows[-1][2])
    return period, rows[-1][0]


def row(mail_id):
    return sql("SELECT attempts, sent_at IS NOT NULL, failed_at IS NOT NULL, last_error, "
               "TIMESTAMPDIFF(SECOND, created_at, next_attempt_at) "
               "FROM mail_outbox WHERE id = %s" % mail_id)[0]


def only_due(mail_id):
    """Moves every other waiting message a day later, so that a run tries
    this one alone (the others still go with --now)."""
    sql("UPDATE mail_outbox SET next_attempt_at = next_attempt_at + INTERVAL 1 DAY "
        "WHERE sent_at IS NULL AND failed_at IS NULL AND id <> %s" % mail_id)


def waiting():
    return int(sql("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL "
                   "AND failed_at IS NULL")[0][0])


def test_relay_down_loses_nothing(sink, world):
    w = world
    down = conf_with(smtp_url="smtp://127.0.0.1:%d" % free_port(), mail_retry_seconds=3600,
                     mail_max_attempts=5)
    try:
        period, first = queue_one(w)
        only_due(first)
        before = waiting()
        r = mail_send("--no-reminders", conf=down, check=False)
        assert r.returncode == 1 and "cannot be used now" in r.stderr
        attempts, sent, failed, error, wait = row(first)
        assert (attempts, sent, failed) == ("1", "0", "0")
        assert "connect" in error.lower()
        assert int(wait) >= 3600 - 5                  # back-off: mail_retry_seconds
        assert waiting() == before                    # nothing lost
        # Not due again yet: a run leaves it alone.
        mail_send("--no-reminders", conf=down, check=False)
        assert row(first)[0] == "1"
        # Tried again (--now): counted, and the wait doubles.
        mail_send("--no-reminders", "--now", conf=down, check=False)
        attempts, sent, failed, error, wait = row(first)
        assert (attempts, sent, failed) == ("2", "0", "0") and int(wait) >= 7200 - 5
        # The relay is back: a normal run still waits for the back-off ...
        mail_send("--no-reminders")
        assert row(first)[1] == "0"
        assert not subjects(sink, w.viewer, "Reporting period open: %s" % period)
        # ... and --now (what an admin runs after fixing the relay) sends all.
        mail_send("--no-reminders", "--now")
        assert row(first)[:3] == ["3", "1", "0"]
        assert subjects(sink, w.viewer, "Reporting period open: %s" % period)
        assert subjects(sink, w.focal, "Reporting period open: %s" % period)
        assert waiting() == 0
    finally:
        os.unlink(down)


def test_given_up_after_max_attempts(sink, world):
    w = world
    down = conf_with(smtp_url="smtp://127.0.0.1:%d" % free_port(), mail_max_attempts=2,
                     mail_retry_seconds=1)
    try:
        period, first = queue_one(w)
        only_due(first)
        mail_send("--no-reminders", "--now", conf=down, check=False)
        assert row(first)[:3] == ["1", "0", "0"]
        r = mail_send("--no-reminders", "--now", conf=down, check=False)
        assert row(first)[:3] == ["2", "0", "1"]     # given up, kept for the record
        assert "mail %s to %s: given up after 2 attempts" % (first, w.viewer.email) in r.stderr
        mail_send("--no-reminders", "--now")
        assert row(first)[:3] == ["2", "0", "1"]     # never tried again
        assert not subjects(sink, w.viewer, "Reporting period open: %s" % period)
        assert subjects(sink, w.focal, "Reporting period open: %s" % period)
    finally:
        os.unlink(down)


def test_kill_between_change_and_send_keeps_the_message(sink, world):
    """The sender is killed while the relay has not answered yet: the
    message stays waiting and the next run delivers it."""
    w = world
    mail_send("--no-reminders", "--now")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    hang = conf_with(smtp_url="smtp://127.0.0.1:%d" % silent.getsockname()[1],
                     smtp_timeout_seconds=60)
    try:
        period, first = queue_one(w)
        proc = subprocess.Popen([os.path.join(ROOT, "build/vrsadm"), "-c", hang, "mail-send",
                                 "--no-reminders"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        silent.settimeout(30)
        conn, _ = silent.accept()                  # the sender is connected, waiting
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        conn.close()
        assert row(first)[:3] == ["0", "0", "0"]   # still waiting, untouched
        mail_send("--no-reminders")
        assert row(first)[1] == "1"
        assert subjects(sink, w.viewer, "Reporting period open: %s" % period)
    finally:
        silent.close()
        os.unlink(hang)


def test_one_sender_at_a_time(world):
    """A second mail-send while one holds the lock does nothing."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    hang = conf_with(smtp_url="smtp://127.0.0.1:%d" % silent.getsockname()[1],
                     smtp_timeout_seconds=60)
    try:
        mail_send("--no-reminders", "--now")
        period, first = queue_one(world)
        proc = subprocess.Popen([os.path.join(ROOT, "build/vrsadm"), "-c", hang, "mail-send",
                                 "--no-reminders"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        silent.settimeout(30)
        conn, _ = silent.accept()
        r = mail_send("--no-reminders")
        assert "another run is sending" in r.stdout
        assert row(first)[1] == "0"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        conn.close()
        mail_send("--no-reminders")
        assert row(first)[1] == "1"
    finally:
        silent.close()
        os.unlink(hang)


# ---- the reminder a week before the due date ------------------------------------------

def test_reminder_before_due_date_sent_once(sink, world):
    w = world
    today = datetime.date.fromisoformat(sql("SELECT UTC_DATE()")[0][0])
    code = None
    for _ in range(5):
        code = period_code()
        r = w.admin.send("/admin/periods", {
            "code": code, "opens": (today - datetime.timedelta(days=30)).isoformat(),
            "due": (today + datetime.timedelta(days=3)).isoformat(),
            "locks": (today + datetime.timedelta(days=40)).isoformat()})
        if r.status == 303:
            _created_periods.append(code)
            break
    set_period(w.admin, code, "open")
    # B submits; A does not.
    sub_b = start(w.other, code)
    submit(w.other, sub_b, nil=NIL_ALL)
    mail_send()
    mail_send()
    mail_send("--now")
    due = "Reminder: data due for %s" % code
    for p in (w.focal, w.entry, w.viewer):
        assert len(subjects(sink, p, due)) == 1, p.username
    for p in (w.quiet, w.other, w.analyst, w.analyst_quiet):
        assert not subjects(sink, p, due), p.username
    m = [m for m in sink.messages(w.focal.email) if due in m["Subject"]][0]
    assert (today + datetime.timedelta(days=3)).isoformat() in m["Subject"]
    # Once per user and period: the key is in the outbox.
    keys = sql("SELECT COUNT(*), COUNT(DISTINCT once_key) FROM mail_outbox WHERE kind = 'due' "
               "AND to_addr = '%s' AND subject LIKE '%%%s%%'" % (w.focal.email, code))[0]
    assert keys == ["1", "1"]
    # A user who joins later gets one; those reminded before do not again.
    late = Person("data-entry", w.a)
    mail_send()
    assert len(subjects(sink, late, due)) == 1
    assert len(subjects(sink, w.focal, due)) == 1


def test_no_reminder_far_from_due_date(sink, world):
    w = world
    period = create_period(w.admin)          # due 60 days after a period in 2030+
    mail_send()
    assert not subjects(sink, w.focal, "Reminder: data due for %s" % period)


# ---- addresses: users page and vrsadm -------------------------------------------------

def test_users_page_takes_an_address(world):
    w = world
    name = "t" + secrets.token_hex(5)
    r = w.admin.send("/admin/users", {"username": name, "name": "Mail Test", "role":
                                      "viewer", "jurisdiction": w.b, "password":
                                      "a-long-password-1", "email": "not an address"})
    assert r.status == 400
    assert any("e-mail address" in e for e in errors(r.body)), errors(r.body)
    assert 'value="not an address"' in r.body and ('value="%s"' % name) in r.body
    assert not sql("SELECT id FROM users WHERE username = '%s'" % name)
    r = w.admin.send("/admin/users", {"username": name, "name": "Mail Test", "role":
                                      "viewer", "jurisdiction": w.b, "password":
                                      "a-long-password-1", "email": address(name)})
    assert r.status == 303, r
    assert sql("SELECT email, notify FROM users WHERE username = '%s'" % name) == [
        [address(name), "1"]]
    # Optional: none given, none stored.
    other = "t" + secrets.token_hex(5)
    r = w.admin.send("/admin/users", {"username": other, "name": "No Mail", "role":
                                      "viewer", "jurisdiction": w.b, "password":
                                      "a-long-password-1", "email": ""})
    assert r.status == 303, r
    assert sql("SELECT email FROM users WHERE username = '%s'" % other) == [["NULL"]]


def test_vrsadm_email_checks():
    name = "t" + secrets.token_hex(5)
    r = vrsadm("user", "add", "--username", name, "--name", "X", "--role",
               "secretariat-analyst", "--email", "x@y@z", stdin="a-long-password-1\n",
               check=False)
    assert r.returncode != 0 and "not an address" in r.stderr
    assert not sql("SELECT id FROM users WHERE username = '%s'" % name)
    r = vrsadm("user", "add", "--username", name, "--name", "X", "--role",
               "secretariat-analyst", "--email", "%s@example.org" % name,
               stdin="a-long-password-1\n")
    assert sql("SELECT email FROM users WHERE username = '%s'" % name) == [
        ["%s@example.org" % name]]
    r = vrsadm("user", "email", name, "bad\r\nBcc: x@example.org", check=False)
    assert r.returncode != 0
    r = vrsadm("user", "email", name, "--none")
    assert sql("SELECT email FROM users WHERE username = '%s'" % name) == [["NULL"]]
    assert sql("SELECT action, detail FROM history WHERE object_type = 'user' AND object_id = "
               "(SELECT id FROM users WHERE username = '%s') ORDER BY seq DESC LIMIT 1"
               % name) == [["user.email", "(none)"]]


def test_mail_send_refuses_bad_settings():
    for keys, why in (({"smtp_from": ""}, "smtp_from"),
                      ({"smtp_url": "smtp://user:secret@127.0.0.1:25"}, "smtp_user"),
                      ({"smtp_url": "http://127.0.0.1"}, "smtp://"),
                      ({"smtp_user": "relay-user"}, "smtp_password_file")):
        conf = conf_with(**keys)
        try:
            r = mail_send(conf=conf, check=False)
            assert r.returncode == 1 and why in r.stderr, (keys, r)
            assert "secret" not in r.stderr
        finally:
            os.unlink(conf)


# ---- the page, in a browser -------------------------------------------------------------

selenium = pytest.importorskip("selenium", reason="python3-selenium is not installed")
from test_accessibility import as_user, assert_accessible, axe_source, driver  # noqa: E402,F401
from test_browser import submit_and_wait  # noqa: E402


def test_notifications_page_accessible(driver, axe_source, world):  # noqa: F811
    as_user(driver, world.viewer, "/account/notifications")
    assert_accessible(driver, axe_source, "E-mail notifications")
    box = driver.find_element("id", "f-notify")
    assert box.is_selected()
    box.click()
    submit_and_wait(driver, "main button[type=submit]")
    assert "Your choice is saved" in driver.page_source
    assert sql("SELECT notify FROM users WHERE username = '%s'"
               % world.viewer.username) == [["0"]]
    assert_accessible(driver, axe_source, "E-mail notifications")
    # A 375 px phone: no horizontal overflow.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 800, "deviceScaleFactor": 1,
                            "mobile": False})
    try:
        driver.get(driver.current_url)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375, width
    finally:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 420, "height": 900, "deviceScaleFactor": 1,
                                "mobile": False})


def test_users_page_with_email_error_accessible(driver, axe_source, world):  # noqa: F811
    as_user(driver, world.admin, "/admin/users")
    driver.find_element("id", "f-username").send_keys("t" + secrets.token_hex(5))
    driver.find_element("id", "f-name").send_keys("Mail Test")
    driver.find_element("id", "f-email").send_keys("not an address")
    driver.find_element("id", "f-password").send_keys("a-long-password-1")
    submit_and_wait(driver, "form[action$='/admin/users'][novalidate] button[type=submit]")
    assert "e-mail address such as" in driver.page_source
    assert_accessible(driver, axe_source, "Accounts")

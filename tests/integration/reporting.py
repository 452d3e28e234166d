"""Helpers for the reporting tests (test_reporting.py): signed-in users of
each role, unique reporting periods, the grid form as a browser sends it,
and the submission workflow, all through real HTTP. SQL is only read, except
in cleanup() (and the history tamper test), never to set up state."""
import html
import random
import re

import pytest

from conftest import Client, create_user, sql, vrsadm

DATASETS = ("flows", "documents", "smugglers", "harm")

# Real ISO 3166-1 alpha-3 codes used as test jurisdictions.
ISO_POOL = ("FJI PNG NZL LKA THA VNM MYS PHL KHM LAO MMR BGD PAK AFG IRN TUR "
            "NPL IND CHN JPN KOR MNG TLS BRN SGP IDN").split()

PERIOD_PARTS = ("S1", "S2", "Q1", "Q2", "Q3", "Q4")


def errors(body):
    """The messages a page shows beside its fields, as text."""
    return [html.unescape(m) for m in re.findall(r'<p class="error"[^>]*>([^<]*)</p>', body)]


def esc(s):
    """How a value appears in the page (ClearSilver's html escape)."""
    return html.escape(s, quote=True).replace("&#x27;", "&#39;")


class User(Client):
    """A signed-in client of one role; caches the session's form token."""

    def __init__(self, role, jurisdiction=None):
        super().__init__()
        self.role = role
        self.jurisdiction = jurisdiction
        self.username, self.password = create_user(role=role, jurisdiction=jurisdiction or "AUS")
        r = self.login(self.username, self.password)
        assert r.status == 303, r
        self.token = self.get("/").csrf()
        assert self.token

    def send(self, path, fields):
        """POSTs form fields (dict or pairs) with this session's token."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        return self.post(path, pairs + [("csrf", self.token)], csrf=False)


def jurisdiction(fresh=True):
    """A real ISO code added as a jurisdiction: a new one when possible."""
    have = {r[0] for r in sql("SELECT code FROM jurisdictions")}
    free = [c for c in ISO_POOL if c not in have]
    if fresh and free:
        code = random.choice(free)
        r = vrsadm("jurisdiction", "add", code, check=False)
        if r.returncode == 0 or sql("SELECT id FROM jurisdictions WHERE code='%s'" % code):
            return code
    code = random.choice(ISO_POOL)
    if not sql("SELECT id FROM jurisdictions WHERE code='%s'" % code):
        vrsadm("jurisdiction", "add", code, check=False)
    return code


_created_periods = []


def period_code():
    """A period code not in the database (years 2030-2099)."""
    have = {r[0] for r in sql("SELECT code FROM periods")}
    while True:
        code = "%d-%s" % (random.randint(2030, 2099), random.choice(PERIOD_PARTS))
        if code not in have:
            return code


def create_period(admin, status="open", code=None):
    """Creates (and by default opens) a unique period through the forms."""
    for _ in range(5):
        c = code or period_code()
        r = admin.send("/admin/periods", {"code": c, "opens": "", "due": "", "locks": ""})
        if r.status == 303:
            break
        assert code is None and "already" in r.body, r
    else:
        raise AssertionError("no free period code")
    _created_periods.append(c)
    if status != "planned":
        set_period(admin, c, status)
    return c


def set_period(admin, code, status):
    r = admin.send("/admin/periods/status", {"code": code, "status": status})
    assert r.status == 303, r
    return r


def cleanup():
    """Deletes the periods this process created, with their submissions:
    period codes are finite and the test database persists. History rows
    stay (the chain is append-only)."""
    codes = list(_created_periods)
    del _created_periods[:]
    if not codes:
        return
    try:
        _delete_periods(codes)
    except Exception:       # e.g. a later table that references submissions:
        pass                # the periods stay, which costs only codes


def _delete_periods(codes):
    inlist = ",".join("'%s'" % c for c in codes)
    subs = "SELECT s.id FROM submissions s JOIN periods p ON p.id = s.period_id WHERE p.code IN (%s)" % inlist
    ids = [r[0] for r in sql(subs)]
    if ids:
        idl = ",".join(ids)
        sql("DELETE l FROM route_legs l JOIN routes r ON r.id = l.route_id "
            "WHERE r.submission_id IN (%s); DELETE FROM routes WHERE submission_id IN (%s); "
            "DELETE p FROM incident_persons p JOIN incidents i ON i.id = p.incident_id "
            "WHERE i.submission_id IN (%s); DELETE FROM incidents WHERE submission_id IN (%s); "
            "DELETE FROM narratives WHERE submission_id IN (%s)" % (idl, idl, idl, idl, idl))
        sql("DELETE c FROM import_chunks c JOIN imports i ON i.id = c.import_id "
            "WHERE i.submission_id IN (%s); DELETE FROM imports WHERE submission_id IN (%s)"
            % (idl, idl))
        sql("DELETE FROM cells WHERE submission_id IN (%s); "
            "DELETE FROM grid_rows WHERE submission_id IN (%s); "
            "DELETE FROM submission_datasets WHERE submission_id IN (%s); "
            "DELETE FROM submissions WHERE id IN (%s)" % (idl, idl, idl, idl))
    for table in ("pool_cells", "pool_tables", "pool_flows", "pool_fees"):
        sql("DELETE t FROM %s t JOIN periods p ON p.id = t.period_id WHERE p.code IN (%s)"
            % (table, inlist))
    sql("DELETE FROM periods WHERE code IN (%s)" % inlist)


# ---- submissions and grids ---------------------------------------------------

def start(user, period):
    """POST /report/start; returns the submission id."""
    r = user.send("/report/start", {"period": period})
    assert r.status == 303, r
    m = re.fullmatch(r"/submission/(\d+)(?:\?done=\w+)?", r.header("Location"))
    assert m, r.header("Location")
    return int(m.group(1))


def row_version(page):
    m = re.search(r'name="row_version" value="(\d+)"', page.body)
    return m.group(1) if m else None


def form_fields(page, action="save"):
    """The fields a browser would send from a grid page's form: every text
    input and the selected option of every select (csrf excluded)."""
    body = page.body
    start_ = body.find("<form method=\"post\" action=\"/submission/")
    assert start_ >= 0, "no grid form on the page"
    form = body[start_:body.find("</form>", start_)]
    pairs = []
    for m in re.finditer(r'<input type="(?:text|hidden)"[^>]*?name="([^"]+)" value="([^"]*)"', form):
        if m.group(1) != "csrf":
            pairs.append((html.unescape(m.group(1)), html.unescape(m.group(2))))
    for m in re.finditer(r'<select[^>]*?name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        sel = re.search(r'<option value="([^"]*)"[^>]*selected', m.group(2))
        first = re.search(r'<option value="([^"]*)"', m.group(2))
        value = sel.group(1) if sel else (first.group(1) if first else "")
        pairs.append((html.unescape(m.group(1)), html.unescape(value)))
    pairs.append(("action", action))
    return pairs


def merge(pairs, changes):
    """Replaces (or adds) the fields named in changes."""
    out = [(k, changes[k]) if k in changes else (k, v) for k, v in pairs]
    names = {k for k, _ in pairs}
    out += [(k, v) for k, v in changes.items() if k not in names]
    return out


def grid(user, sub, ds="flows"):
    r = user.get("/submission/%d/%s" % (sub, ds))
    assert r.status == 200, r
    return r


def save(user, sub, ds, changes, action="save", expect=303):
    """Opens the grid, changes some fields and sends the whole form."""
    page = grid(user, sub, ds)
    r = user.send("/submission/%d/%s" % (sub, ds), merge(form_fields(page, action), changes))
    if expect is not None:
        assert r.status == expect, r
    return r


def add_row(user, sub, ds, table, code, expect=303):
    """The page's one "add a row" control: the table, then the country."""
    return save(user, sub, ds, {"add_table": table, "add_row": code}, action="add", expect=expect)


def cells(sub):
    return sql("SELECT dataset, tbl, row_code, col_code, COALESCE(value, 'NULL'), flag "
               "FROM cells WHERE submission_id = %d ORDER BY 1, 2, 3, 4" % sub)


def status(sub):
    return sql("SELECT status FROM submissions WHERE id = %d" % sub)[0][0]


def sub_page(user, sub):
    r = user.get("/submission/%d" % sub)
    assert r.status == 200, r
    return r


def submit(user, sub, nil=(), certify=True, acknowledge=False, expect=303, version=None,
           routes_nil=True):
    """Submits with nil returns for the datasets in nil, and for the route
    records too unless routes_nil is False (the aggregate tests have none)."""
    page = user.get("/submission/%d" % sub)
    fields = {"row_version": version or row_version(page) or "1"}
    for ds in tuple(nil) + (("routes",) if routes_nil else ()):
        fields["nil_" + ds] = "1"
    if certify:
        fields["certify"] = "1"
    if acknowledge:
        fields["acknowledge"] = "1"
    r = user.send("/submission/%d/submit" % sub, fields)
    if expect is not None:
        assert r.status == expect, r
    return r


def review(user, sub, what, reasons=None, expect=303):
    """what: 'accept', 'return' or 'reopen'."""
    page = user.get("/submission/%d" % sub)
    fields = {"row_version": row_version(page) or "1"}
    for ds, text in (reasons or {}).items():
        fields["reason_" + ds] = text
    r = user.send("/submission/%d/%s" % (sub, what), fields)
    if expect is not None:
        assert r.status == expect, r
    return r


def new_id(r):
    m = re.fullmatch(r"/submission/(\d+)(?:\?done=\w+)?", r.header("Location") or "")
    assert m, r
    return int(m.group(1))


# Fixtures for the modules whose tests each start from a clean slate:
# `from reporting import admin, remove_test_periods` brings them in.
@pytest.fixture(autouse=True)
def remove_test_periods():
    """Removes what each test created (see cleanup)."""
    yield
    cleanup()


@pytest.fixture
def admin():
    return User("secretariat-admin")

"""Issue 13, "Names, not codes" and the grid's weight: what a person reads
names countries, currencies, modes, scopes, flags and datasets in words;
history details are sentences; routes take a country from a list; the
currencies offered are the current ISO 4217 ones; a 150-row flows grid
weighs at most 30 KB gzipped. Through nginx to the real program and
MariaDB; each test makes its own period (reporting.cleanup removes it)."""
import gzip
import html
import random
import re

import reporting as rp
from conftest import sql, vrsadm
from reporting import User, admin, remove_test_periods  # noqa: F401 (fixtures)

FLOWS_TABLES = ("irr_entry", "irr_exit", "irr_stay", "smuggled", "refused")


def text(body):
    """The page as a person reads it: tags dropped, entities decoded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def title(body):
    return html.unescape(re.search(r"<title>(.*?)</title>", body, re.S).group(1)).strip()


def draft(admin, role="focal-point"):
    code = rp.jurisdiction()
    user = User(role, code)
    period = rp.create_period(admin)
    return user, code, period, rp.start(user, period)


# ---- 5. light pages -------------------------------------------------------------

def fill_flows(sub, rows=150):
    """A flows draft of `rows` rows (30 citizenships in each of the five
    tables), every cell with a number (mostly small, a few in thousands;
    one in ten estimated); straight into the test database, because 150
    rows through the form would take minutes."""
    per = rows // len(FLOWS_TABLES)
    countries = [r[0] for r in sql("SELECT code FROM codes WHERE list = 'country' "
                                   "AND valid_to IS NULL ORDER BY code")]
    cols = ["%s.%s" % (s, a) for s in ("F", "M", "_U") for a in ("Y_LT18", "Y_GE18", "_U")]
    rnd = random.Random(13)
    grid_rows, cells = [], []
    for t in FLOWS_TABLES:
        for c in rnd.sample(countries, per):
            grid_rows.append("(%d, 'flows', '%s', '%s')" % (sub, t, c))
            for col in cols:
                cells.append("(%d, 'flows', '%s', '%s', '%s', %d, '%s')"
                             % (sub, t, c, col, int(rnd.expovariate(1 / 40)),
                                "E" if rnd.random() < 0.1 else "A"))
    sql("INSERT INTO grid_rows (submission_id, dataset, tbl, row_code) VALUES " + ",".join(grid_rows))
    sql("INSERT INTO cells (submission_id, dataset, tbl, row_code, col_code, value, flag) VALUES "
        + ",".join(cells))
    return len(grid_rows)


def test_a_150_row_flows_grid_weighs_at_most_30_kb_gzipped(admin):
    user, code, period, sub = draft(admin, "data-entry")
    assert fill_flows(sub) == 150
    r = user.get("/submission/%d/flows" % sub)
    assert r.status == 200, r
    assert r.body.count('name="v:') == 150 * 9 + 15      # every row, and the fixed table
    weight = len(gzip.compress(r.body.encode("utf-8"), 6))
    assert weight <= 30 * 1024, "the page weighs %d bytes gzipped" % weight
    # One country list on the page, not one per table.
    assert r.body.count(">Afghanistan</option>") == 1
    assert len(re.findall(r"<select[^>]*name=\"add_row", r.body)) == 1


def test_one_add_a_row_control_adds_to_the_chosen_table(admin):
    user, code, period, sub = draft(admin, "data-entry")
    rp.add_row(user, sub, "flows", "smuggled", "AFG")
    rp.add_row(user, sub, "flows", "irr_exit", "AFG")
    assert sql("SELECT tbl, row_code FROM grid_rows WHERE submission_id = %d ORDER BY 1" % sub) == \
        [["irr_exit", "AFG"], ["smuggled", "AFG"]]
    # A refused add keeps the table and the country chosen.
    r = rp.add_row(user, sub, "flows", "smuggled", "AFG", expect=400)
    add = r.body[r.body.find('<fieldset class="field grid-add'):]
    add = add[:add.find("</fieldset>")]
    assert "This row is already in the table." in add
    assert re.search(r'<option value="smuggled" selected>', add)
    assert re.search(r'<option value="AFG" selected>Afghanistan</option>', add)
    # A table that takes no rows (fixed) or does not exist is tampering.
    page = rp.grid(user, sub)
    for tbl in ("entry_place", "nosuch"):
        r = user.send("/submission/%d/flows" % sub,
                      rp.merge(rp.form_fields(page, "add"), {"add_table": tbl, "add_row": "IRN"}))
        assert r.status == 400, r


def test_the_main_pages_still_render(admin):
    user, code, period, sub = draft(admin)
    fill_flows(sub, 10)
    analyst = User("secretariat-analyst")
    for who, path in ((user, "/"), (user, "/report"), (user, "/submission/%d" % sub),
                      (user, "/submission/%d/history" % sub),
                      (user, "/submission/%d/routes" % sub), (user, "/submission/%d/routes/new" % sub),
                      (user, "/submission/%d/incidents" % sub),
                      (user, "/submission/%d/incidents/new" % sub),
                      (user, "/submission/%d/narrative" % sub), (user, "/submission/%d/import" % sub),
                      (user, "/sharing"), (analyst, "/report"), (analyst, "/exchange"),
                      (admin, "/admin/periods"), (admin, "/admin/codes"), (admin, "/admin/users")) + \
            tuple((user, "/submission/%d/%s" % (sub, ds)) for ds in rp.DATASETS):
        r = who.get(path)
        assert r.status == 200, (path, r)
        assert "</html>" in r.body, path

"""The XML exchange (issue 6) through nginx to the real program and MariaDB:
exports in the VRS exchange format validated against the shipped XSD,
SDMX-ML 2.1 validated against the official schemas (skipped, saying so,
where ../shared is absent), manifests, determinism, a round trip through
a fresh database, CSV, uploads checked then applied or dropped, and who
may do what. The bad inputs are in test_exchange_bad_input.py.
"""
import hashlib
import os
import re
import subprocess
import tempfile
import uuid
import xml.etree.ElementTree as ET

import pytest

import reporting as rp
from conftest import ENV, ROOT, sql, vrsadm
from reporting import User

XSD = os.path.join(ROOT, "static", "vrs-exchange-1.0.xsd")
NS = "urn:vrs-msrc:vrs-exchange/1.0"
SDMX_XSD = os.path.normpath(os.path.join(ROOT, "..", "shared", "sdmx-ml-2.1", "schemas",
                                         "SDMXMessage.xsd"))
NEEDS_SDMX = pytest.mark.skipif(not os.path.exists(SDMX_XSD),
                                reason="the official SDMX 2.1 schemas (../shared/sdmx-ml-2.1) "
                                       "are not here: a clone outside the project workspace")

# Figures and texts found nowhere else.
OPEN_CELL = 731_119          # flows irr_entry AFG F.Y_LT18, flag A
CONF_CELL = 731_221          # flows irr_entry AFG F.Y_GE18, flag C (confidential)
HARM_CELL = 731_337          # harm by_mode SEA_VESSEL DEAD.SEA, flag E
MIGRANTS = 731_443
TEXT = 'Boats leave at night <b>&amp; "quotes"</b>, fee paid in cash: é 日本'


def xmllint(data, schema):
    """Validates bytes against schema; returns (ok, output)."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(data)
    try:
        r = subprocess.run(["xmllint", "--noout", "--schema", schema, f.name],
                           capture_output=True, text=True)
        return r.returncode == 0, r.stderr
    finally:
        os.unlink(f.name)


def upload(user, sub, data, mode="merge", fname="national.xml"):
    b = "----vrs" + uuid.uuid4().hex
    head = "".join('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (b, k, v)
                   for k, v in (("csrf", user.token), ("mode", mode)))
    body = (head.encode() + ('--%s\r\nContent-Disposition: form-data; name="file"; '
                             'filename="%s"\r\nContent-Type: text/xml\r\n\r\n' % (b, fname)).encode()
            + data + ("\r\n--%s--\r\n" % b).encode())
    r = user.request("POST", "/submission/%d/import" % sub, body,
                     {"Content-Type": "multipart/form-data; boundary=" + b})
    return follow(user, r)


def follow(user, r):
    """A checked file is answered with a redirect to its summary (so that
    a reload never posts the file again): the summary, as a browser shows."""
    if r.status != 303:
        return r
    assert re.fullmatch(r"/submission/\d+/import/\d+(?:\?done=\w+)?", r.header("Location")), \
        r.header("Location")
    return user.get(r.header("Location"))


def export(user, fmt="vrs", periods=(), jurisdictions=(), datasets=(), all_statuses=False):
    pairs = [("format", fmt)] + [("period", p) for p in periods]
    pairs += [("jurisdiction", j) for j in jurisdictions] + [("dataset", d) for d in datasets]
    if all_statuses:
        pairs.append(("all_statuses", "1"))
    return user.send("/exchange/export", pairs)


def raw(r):
    """The response body as bytes (the client decodes UTF-8)."""
    return r.body.encode("utf-8")


def data_part(xml):
    """What a submission holds: everything inside <Submission ...>, without
    its own attributes (status, times), which differ between databases."""
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    m = re.search(r"<Submission [^>]*>(.*)</Submission>", text, re.S)
    assert m, text[:500]
    return m.group(1)


class World:
    pass


@pytest.fixture(scope="module")
def w():
    """One accepted submission with every kind of data, a C cell and a
    secretariat-only text among them, and a second state's fresh draft."""
    w = World()
    w.admin = User("secretariat-admin")
    w.analyst = User("secretariat-analyst")
    w.period = rp.create_period(w.admin)
    codes = []
    while len(codes) < 2:
        c = rp.jurisdiction(fresh=True)
        if c not in codes:
            codes.append(c)
    w.j, w.j2 = codes
    w.de = User("data-entry", w.j)
    w.fp = User("focal-point", w.j)
    w.de2 = User("data-entry", w.j2)
    w.sub = rp.start(w.de, w.period)
    rp.add_row(w.de, w.sub, "flows", "irr_entry", "AFG")
    rp.save(w.de, w.sub, "flows", {
        "v:irr_entry:AFG:F.Y_LT18": str(OPEN_CELL),
        "v:irr_entry:AFG:F.Y_GE18": str(CONF_CELL), "f:irr_entry:AFG:F.Y_GE18": "C",
        "v:irr_entry:AFG:M.Y_LT18": "", "f:irr_entry:AFG:M.Y_LT18": "M"})
    rp.save(w.de, w.sub, "harm", {"v:by_mode:SEA_VESSEL:DEAD.SEA": str(HARM_CELL),
                                  "f:by_mode:SEA_VESSEL:DEAD.SEA": "E"})
    fields = [("origin", "AFG"), ("legs", "2"), ("leg_to.0", "TUR"), ("leg_mode.0", "LAND_FOOT"),
              ("leg_to.1", "GRC"), ("leg_mode.1", "SEA_VESSEL"), ("migrants", str(MIGRANTS)),
              ("fee_amount", "1500.5"), ("fee_currency", "USD"), ("fee_scope", "PERSON"),
              ("source", "INTERVIEW"), ("confidence", "HIGH"), ("note", TEXT),
              ("row_version", "0"), ("action", "save")]
    assert w.de.send("/submission/%d/routes/new" % w.sub, fields).status == 303
    start = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
                % w.period)[0][0]
    incident = {"date": start, "area": "Northern district & <coast> \"Q\"", "lat": "-8.44", "lon": "115.26",
                "border": "SEA", "transport": "SEA_VESSEL", "vessel": "Fishing boat",
                "concealment": "Under deck", "persons": "2", "person_cit.0": "AFG",
                "person_n.0": "20", "person_cit.1": "PAK", "person_n.1": "5", "dead": "1",
                "missing": "2", "smugglers": "1", "follow_up": "INVESTIGATION", "note": "",
                "row_version": "0", "action": "save"}
    assert w.de.send("/submission/%d/incidents/new" % w.sub, incident).status == 303
    r = w.de.send("/submission/%d/narrative" % w.sub, {
        "row_version": "0", "trends": TEXT, "trends_share": "peers",
        "modus": "secretariat-only modus text", "modus_share": "secretariat", "legal": "",
        "legal_share": "secretariat", "action": "save"})
    assert r.status == 303, r
    rp.submit(w.fp, w.sub, nil=("documents", "smugglers"), routes_nil=False, acknowledge=True)
    rp.review(w.analyst, w.sub, "accept")
    w.sub2 = rp.start(w.de2, w.period)
    yield w
    rp.cleanup()


# ---- exports ----------------------------------------------------------------------

def test_a_vrs_export_validates_and_holds_every_part_with_its_manifest(w):
    """The secretariat's export streams a file valid against the shipped
    XSD, with every dataset, record and narrative of the accepted version;
    its manifest (also valid) lists that version and the file's SHA-256."""
    r = export(w.analyst, "vrs", periods=[w.period], jurisdictions=[w.j])
    assert r.status == 200, r
    assert r.header("Content-Type").startswith("application/xml")
    m = re.fullmatch(r'attachment; filename="vrs-export-(\d+)\.xml"', r.header("Content-Disposition"))
    assert m, r.header("Content-Disposition")
    assert r.header("Content-Length") is None          # streamed
    data = raw(r)
    ok, out = xmllint(data, XSD)
    assert ok, out
    text = data.decode()
    for figure in (OPEN_CELL, CONF_CELL, HARM_CELL, MIGRANTS):
        assert '"%d"' % figure in text
    assert 'flag="C"' in text and 'flag="M"' in text and 'flag="E"' in text
    assert '<Dataset id="documents" nilReturn="true"/>' in text
    assert '<Leg to="TUR" mode="LAND_FOOT"/>' in text and 'feeAmount="1500.50"' in text
    assert 'lat="-8.4" lon="115.3"' in text and 'citizenship="PAK" count="5"' in text
    assert "secretariat-only modus text" in text
    # Text is escaped by the writer and comes back as typed.
    assert "&lt;b&gt;&amp;amp;" in text and "<b>" not in text
    ns = {"v": "urn:vrs-msrc:vrs-exchange/1.0"}
    doc = ET.fromstring(data)
    assert doc.find(".//v:Route/v:Note", ns).text == TEXT
    assert doc.find(".//v:Narrative/v:Trends", ns).text == TEXT
    assert '<Submission jurisdiction="%s" period="%s" version="1" status="accepted"' % (
        w.j, w.period) in text

    eid = m.group(1)
    man = w.analyst.get("/exchange/export/%s/manifest.xml" % eid)
    assert man.status == 200, man
    ok, out = xmllint(raw(man), XSD)
    assert ok, out
    assert 'sha256="%s"' % hashlib.sha256(data).hexdigest() in man.body
    assert 'bytes="%d"' % len(data) in man.body
    assert '<DataFile name="vrs-export-%s.xml"' % eid in man.body       # the download's name
    assert '<SubmissionRef jurisdiction="%s" period="%s" version="1" status="accepted"/>' % (
        w.j, w.period) in man.body
    assert 'status="complete"' in man.body and w.analyst.username in man.body
    # Kept in the database and in the history (start and finish).
    assert sql("SELECT status, sha256 FROM exports WHERE id = %s" % eid) == [
        ["complete", hashlib.sha256(data).hexdigest()]]
    assert [a for (a,) in sql("SELECT action FROM history WHERE object_type = 'export' AND "
                              "object_id = %s ORDER BY seq" % eid)] == ["export.start",
                                                                       "export.finish"]
    log = w.analyst.get("/exchange")
    assert log.status == 200 and "/exchange/export/%s/manifest.xml" % eid in log.body


def test_the_same_choices_give_the_same_bytes(w):
    """Determinism: two exports of the same versions are byte-identical,
    from the web and from vrsadm; no clock inside the data."""
    a = raw(export(w.analyst, "vrs", periods=[w.period]))
    b = raw(export(w.analyst, "vrs", periods=[w.period]))
    assert a == b
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "e.xml")
        vrsadm("export", "--format", "vrs", "--period", w.period, "--out", out)
        with open(out, "rb") as f:
            assert f.read() == a
        man = open(out + ".manifest.xml").read()
        assert hashlib.sha256(a).hexdigest() in man and "cli:" in man
    s1 = raw(export(w.analyst, "sdmx", periods=[w.period]))
    s2 = raw(export(w.analyst, "sdmx", periods=[w.period]))
    assert s1 == s2


def test_many_submissions_come_in_the_manifests_order(w):
    """Submissions are written by helper threads: an export of every
    version in the database lists them in the manifest's order, and two
    such exports are byte-identical."""
    with tempfile.TemporaryDirectory() as d:
        outs = [os.path.join(d, "e%d.xml" % i) for i in (1, 2)]
        for out in outs:
            vrsadm("export", "--format", "vrs", "--all-statuses", "--out", out)
        data = [open(out, "rb").read() for out in outs]
        assert data[0] == data[1]
        ok, err = xmllint(data[0], XSD)
        assert ok, err
        listed = [(r.get("jurisdiction"), r.get("period"), r.get("version"))
                  for r in ET.parse(outs[0] + ".manifest.xml").getroot()
                  .iter("{urn:vrs-msrc:vrs-exchange/1.0}SubmissionRef")]
        written = re.findall(r'<Submission jurisdiction="([^"]+)" period="([^"]+)" '
                             r'version="(\d+)"', data[0].decode())
        assert len(written) >= 2 and written == listed


def test_an_export_without_connections_for_its_helpers_is_written_all_the_same(w):
    """The helper threads need a connection each: an account allowed only
    one (MAX_USER_CONNECTIONS 1) leaves them without, and the export is
    written on the main thread, with the same bytes."""
    user = "vrs_one_%s" % uuid.uuid4().hex[:8]
    grants = vrsadm("grants", "--user", user).stdout
    sql("CREATE USER '%s'@'localhost' IDENTIFIED BY 'one-connection' "
        "WITH MAX_USER_CONNECTIONS 1" % user)
    try:
        for line in grants.splitlines():
            if line.startswith("GRANT"):
                sql(line)
        with tempfile.TemporaryDirectory() as d:
            pw = os.path.join(d, "pw")
            with open(pw, "w") as f:
                f.write("one-connection\n")
            os.chmod(pw, 0o640)
            conf = os.path.join(d, "one.conf")
            with open(ENV["CONF"]) as f:
                text = f.read()
            text = re.sub(r"(?m)^db_user = .*$", "db_user = %s" % user, text)
            text = re.sub(r"(?m)^db_password_file = .*$", "db_password_file = %s" % pw, text)
            with open(conf, "w") as f:
                f.write(text)
            outs = []
            for c, name in ((conf, "one.xml"), (ENV["CONF"], "all.xml")):
                out = os.path.join(d, name)
                subprocess.run([os.path.join(ROOT, "build/vrsadm"), "-c", c, "export",
                                "--format", "vrs", "--all-statuses", "--out", out],
                               check=True, capture_output=True, text=True, timeout=120)
                outs.append(open(out, "rb").read())
            assert outs[0] == outs[1] and b"<Submission " in outs[0]
    finally:
        sql("DROP USER '%s'@'localhost'" % user)


def test_an_export_that_cannot_be_written_stops_and_is_marked_failed(w):
    """The file cannot grow past half its size (RLIMIT_FSIZE): the writes
    fail, the helper threads stop, vrsadm exits non-zero without hanging,
    nothing is left at the path, and the export is logged as failed."""
    import resource
    import signal

    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "whole.xml")
        vrsadm("export", "--format", "vrs", "--all-statuses", "--out", out)
        half = os.path.getsize(out) // 2
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (half, half))
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "e.xml")
        r = subprocess.run([os.path.join(ROOT, "build/vrsadm"), "-c", ENV["CONF"], "export",
                            "--format", "vrs", "--all-statuses", "--out", out],
                           capture_output=True, text=True, preexec_fn=limit, timeout=120)
        assert r.returncode != 0, r.stdout
        assert os.listdir(d) == []
    assert sql("SELECT status FROM exports ORDER BY id DESC LIMIT 1")[0][0] == "failed"


def test_only_accepted_versions_unless_asked(w):
    """By default an export holds accepted versions only: the second
    state's draft appears only with 'all statuses'."""
    text = export(w.analyst, "vrs", periods=[w.period]).body
    assert 'jurisdiction="%s"' % w.j2 not in text
    text = export(w.analyst, "vrs", periods=[w.period], all_statuses=True).body
    assert '<Submission jurisdiction="%s" period="%s" version="1" status="draft"' % (
        w.j2, w.period) in text


@NEEDS_SDMX
def test_sdmx_export_validates_and_never_holds_confidential_cells(w):
    """SDMX-ML 2.1 generic data and the structure message validate against
    the official schemas; C cells are left out, M becomes OBS_STATUS O."""
    r = export(w.analyst, "sdmx", periods=[w.period], jurisdictions=[w.j])
    assert r.status == 200, r
    data = raw(r)
    ok, out = xmllint(data, SDMX_XSD)
    assert ok, out
    text = data.decode()
    assert str(CONF_CELL) not in text
    assert '<generic:ObsValue value="%d"/>' % OPEN_CELL in text
    assert '<generic:Value id="TIME_PERIOD" value="%s"/>' % w.period in text
    assert '<generic:Value id="OBS_STATUS" value="O"/>' in text            # the M cell
    assert '<generic:Value id="OBS_STATUS" value="E"/>' in text            # the harm cell
    assert text.count("<generic:Obs>") == 3                               # A, M and E; not C
    structure = w.analyst.get("/exchange/sdmx-structure.xml")
    assert structure.status == 200
    ok, out = xmllint(raw(structure), SDMX_XSD)
    assert ok, out
    for cl in ("CL_AREA", "CL_INDICATOR", "CL_COUNTRY", "CL_OBS_STATUS"):
        assert 'id="%s"' % cl in structure.body
    assert '<structure:Code id="%s">' % w.j in structure.body
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "s.xml")
        vrsadm("export", "--format", "sdmx", "--period", w.period, "--out", out)
        for f in (out, out + ".structure.xml"):
            ok, msg = xmllint(open(f, "rb").read(), SDMX_XSD)
            assert ok, (f, msg)


def test_csv_of_a_full_dataset(w):
    """CSV: one dataset a file, RFC 4180 (CRLF, quoted fields), C cells
    included for the secretariat; two datasets at once are refused with
    the choices kept."""
    r = export(w.analyst, "csv", periods=[w.period], datasets=["flows"])
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
    lines = raw(r).split(b"\r\n")
    assert lines[0] == b"jurisdiction,period,version,status,dataset,table,row,column,value,flag"
    assert ("%s,%s,1,accepted,flows,irr_entry,AFG,F.Y_GE18,%d,C" % (w.j, w.period, CONF_CELL)
            ).encode() in lines
    r = export(w.analyst, "csv", periods=[w.period], datasets=["routes"])
    assert ('"%s"' % TEXT.replace('"', '""')).encode() in raw(r)
    r = export(w.analyst, "csv", periods=[w.period], datasets=["flows", "harm"])
    assert r.status == 422
    assert "A CSV file holds one dataset: choose exactly one." in r.body
    assert 'value="flows" checked' in r.body and 'value="harm" checked' in r.body
    assert 'value="%s" checked' % w.period in r.body


def test_exports_are_the_secretariats_only(w):
    """States (every national role) get 403 for every export path, even
    their own data; an unknown manifest is 404 for the secretariat."""
    for user in (w.de, w.fp, User("viewer", w.j)):
        assert user.get("/exchange").status == 403
        assert user.get("/exchange/sdmx-structure.xml").status == 403
        assert user.get("/exchange/export/1/manifest.xml").status == 403
        r = export(user, "vrs")
        assert r.status == 403 and "<Exchange" not in r.body
    assert w.analyst.get("/exchange/export/99999999/manifest.xml").status == 404


# ---- round trip -----------------------------------------------------------------------

def test_round_trip_through_a_fresh_database(w):
    """Export a submission, import the file into a fresh database with the
    same code lists, jurisdiction and period, export again: the data parts
    are identical."""
    first = raw(export(w.analyst, "vrs", periods=[w.period], jurisdictions=[w.j]))
    dbname = "vrs_rt_" + uuid.uuid4().hex[:8]
    dates = sql("SELECT starts_on, ends_on FROM periods WHERE code = '%s'" % w.period)[0]
    with tempfile.TemporaryDirectory() as d:
        conf = os.path.join(d, "vrs.conf")
        with open(ENV["CONF"]) as src, open(conf, "w") as dst:
            for line in src:
                dst.write("db_name = %s\n" % dbname if line.startswith("db_name") else line)

        def adm(*args, check=True):
            return subprocess.run([os.path.join(ROOT, "build/vrsadm"), "-c", conf,
                                   "--admin-defaults", ENV["ADMIN_CNF"], *args],
                                  capture_output=True, text=True, check=check)
        sql("CREATE DATABASE `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" % dbname)
        try:
            adm("migrate")
            adm("jurisdiction", "add", w.j)
            sql("INSERT INTO `{0}`.periods (code, starts_on, ends_on, opens_on, due_on, locks_on, "
                "status, created_at) VALUES ('{1}', '{2}', '{3}', '{2}', '{3}', '{3}', 'open', "
                "UTC_TIMESTAMP()); INSERT INTO `{0}`.submissions (jurisdiction_id, period_id, "
                "created_at, updated_at) SELECT j.id, p.id, UTC_TIMESTAMP(), UTC_TIMESTAMP() "
                "FROM `{0}`.jurisdictions j, `{0}`.periods p".format(dbname, w.period, *dates))
            path = os.path.join(d, "in.xml")
            with open(path, "wb") as f:
                f.write(first)
            r = adm("import", path, "--jurisdiction", w.j, "--period", w.period, "--mode",
                    "replace")
            assert "imported" in r.stdout, r.stdout + r.stderr
            out = os.path.join(d, "out.xml")
            adm("export", "--format", "vrs", "--all-statuses", "--out", out)
            second = open(out, "rb").read()
            ok, msg = xmllint(second, XSD)
            assert ok, msg
            assert data_part(second) == data_part(first)
            assert "history chain intact" in adm("verify").stdout
        finally:
            sql("DROP DATABASE IF EXISTS `%s`" % dbname)


# ---- uploads ---------------------------------------------------------------------------

def file_for(w, jurisdiction, text=None):
    """The accepted submission's export, retargeted at jurisdiction."""
    text = text or export(w.analyst, "vrs", periods=[w.period], jurisdictions=[w.j]).body
    return text.replace('jurisdiction="%s" period' % w.j,
                        'jurisdiction="%s" period' % jurisdiction).encode()


def draft_state(sub):
    return {
        "cells": rp.cells(sub),
        "routes": sql("SELECT origin, destination, migrants, note FROM routes WHERE "
                      "submission_id = %d AND deleted_at IS NULL ORDER BY id" % sub),
        "incidents": sql("SELECT occurred_on, persons_text FROM incidents WHERE "
                         "submission_id = %d AND deleted_at IS NULL ORDER BY id" % sub),
        "narrative": sql("SELECT trends, trends_share, modus_share FROM narratives WHERE "
                         "submission_id = %d" % sub),
        "version": sql("SELECT row_version FROM submissions WHERE id = %d" % sub),
    }


def test_an_upload_is_checked_summarised_then_applied(w):
    """A state's officer uploads its file: a summary of what would change,
    nothing written; on confirmation one transaction writes it all, with
    its history (verify holds) and the log entry."""
    sub = rp.start(User("data-entry", w.j2), rp.create_period(w.admin))
    de = User("data-entry", w.j2)
    page = de.get("/submission/%d" % sub)
    assert "/submission/%d/import" % sub in page.body
    form = de.get("/submission/%d/import" % sub)
    assert form.status == 200 and 'enctype="multipart/form-data"' in form.body
    period = sql("SELECT p.code FROM submissions s JOIN periods p ON p.id = s.period_id "
                 "WHERE s.id = %d" % sub)[0][0]
    text = export(w.analyst, "vrs", periods=[w.period], jurisdictions=[w.j]).body
    text = text.replace('period="%s" version' % w.period, 'period="%s" version' % period)
    # The incident's date belongs to the other period: move it into this one.
    start = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
                % period)[0][0]
    text = re.sub(r'date="[0-9-]+"', 'date="%s"' % start, text)
    data = file_for(w, w.j2, text)
    before = draft_state(sub)
    r = upload(de, sub, data)
    assert r.status == 200, r.body[-3000:]
    assert "New cells: 4" in r.body and "Routes added and removed: +1, −0" in r.body
    assert "Narrative: replaced by the file" in r.body
    page_before_apply = r.body
    # Its nil returns are new to the draft: listed.
    assert ("Marked as a nil return (nothing to report): Fraudulent documents, "
            "Smugglers and justice") in r.body
    # The file says it was an accepted version: said, and left at that.
    assert "The file describes version 1, status Accepted" in r.body
    assert "stay as they are" in r.body
    assert draft_state(sub) == before                       # nothing yet
    import_id = re.search(r'/import/(\d+)"', r.body).group(1)
    assert sql("SELECT status, mode FROM imports WHERE id = %s" % import_id) == [["checked", "merge"]]
    # The summary has its own address: reloading it checks the kept file
    # again and posts nothing; nobody else's officers may look at it.
    uploads = sql("SELECT COUNT(*) FROM imports")
    again = de.get("/submission/%d/import/%s" % (sub, import_id))
    assert again.status == 200 and "New cells: 4" in again.body
    assert sql("SELECT COUNT(*) FROM imports") == uploads and draft_state(sub) == before
    assert User("data-entry", w.j).get("/submission/%d/import/%s" % (sub, import_id)).status == 404
    assert de.get("/submission/%d/import/999999999" % sub).status == 404
    r = follow(de, de.send("/submission/%d/import/%s" % (sub, import_id), {"action": "apply"}))
    assert r.status == 200 and "Applied to the draft" in r.body, r.body[-2000:]
    after = draft_state(sub)
    assert ["flows", "irr_entry", "AFG", "F.Y_GE18", str(CONF_CELL), "C"] in after["cells"]
    assert after["routes"] == [["AFG", "GRC", str(MIGRANTS), TEXT]]
    assert after["incidents"] == [[start, "AFG:20 PAK:5"]]
    # An '&' in an attribute comes back as itself (libxml2's SAX hands it
    # over as "&#38;"), and so do '<' and '"'.
    assert sql("SELECT area FROM incidents WHERE submission_id = %d AND deleted_at IS NULL"
               % sub) == [['Northern district & <coast> "Q"']]
    assert after["narrative"] == [[TEXT, "peers", "secretariat"]]
    assert sql("SELECT status FROM imports WHERE id = %s" % import_id) == [["applied"]]
    assert sql("SELECT COUNT(*) FROM import_chunks WHERE import_id = %s" % import_id) == [["0"]]
    actions = [a for (a,) in sql("SELECT action FROM history WHERE (object_type = 'import' AND "
                                 "object_id = %s) OR (object_type = 'submission' AND object_id = "
                                 "%d AND action = 'import.apply') ORDER BY seq" % (import_id, sub))]
    assert actions == ["import.check", "import.apply", "import.confirm"]
    assert "history chain intact" in vrsadm("verify").stdout
    # The values show on the draft's history page, old -> new.
    hist = de.get("/submission/%d/history" % sub)
    assert str(OPEN_CELL) in hist.body
    # as a sentence with names: the file's digest stays in the data
    assert "sha256" not in hist.body and "File applied (merge)" in hist.body
    # The narrative's own history shows the upload's change, as a save's.
    narr = de.get("/submission/%d/narrative" % sub)
    assert "Uploaded file written into the draft" in narr.body
    assert "No changes are recorded yet" not in narr.body
    # Confirming again is refused: it was applied.
    r = follow(de, de.send("/submission/%d/import/%s" % (sub, import_id), {"action": "apply"}))
    assert r.status == 409 and "already been applied to the draft" in r.body
    # Its page says what it did, with no button left.
    r = de.get("/submission/%d/import/%s" % (sub, import_id))
    assert r.status == 200 and "Applied to the draft" in r.body and "New cells: 4" in r.body
    assert "Marked as a nil return (nothing to report): Fraudulent documents" in r.body
    assert 'value="apply"' not in r.body
    # An action that is neither apply, drop nor recheck changes nothing.
    assert de.send("/submission/%d/import/%s" % (sub, import_id), {"action": "bogus"}).status == 400
    assert "already in the draft" not in page_before_apply
    # The same file again, merge: its route and incident are the draft's
    # own, field for field, and the summary says so.
    r = upload(de, sub, data, mode="merge")
    assert "already in the draft" in r.body
    assert "Already in the draft: Routes and fees: 1; Incidents: 1." in r.body, r.body[-3000:]
    # The same file again, replace: nothing new, nothing removed.
    r = upload(de, sub, data, mode="replace")
    assert r.status == 200 and "New cells: 0" in r.body and "Cells already as in the file: 4" in r.body
    assert "Routes added and removed: +1, −1" in r.body
    assert "Narrative: kept" in r.body          # the same texts: nothing to replace
    # The secretariat's log shows both uploads.
    log = w.analyst.get("/exchange")
    assert log.body.count("national.xml") >= 2


def test_officers_see_their_drafts_uploads_refused_ones_too(w):
    """The upload page lists the draft's uploads: a refused one with its
    count of problems, a checked one linked to its summary; another
    draft's page does not list them."""
    de = User("data-entry", w.j2)
    sub = rp.start(de, rp.create_period(w.admin))
    period = sql("SELECT p.code FROM submissions s JOIN periods p ON p.id = s.period_id "
                 "WHERE s.id = %d" % sub)[0][0]
    good = ('<?xml version="1.0" encoding="UTF-8"?>\n<Exchange xmlns="%s" schemaVersion="1.0">'
            '<Submission jurisdiction="%s" period="%s" version="1" status="draft">'
            '<Dataset id="flows"><Table id="irr_entry"><Row code="AFG">'
            '<Cell col="F.Y_LT18" value="3" flag="A"/></Row></Table></Dataset>'
            '</Submission></Exchange>\n' % (NS, w.j2, period))
    assert upload(de, sub, good.replace('code="AFG"', 'code="ZZZ"').encode(),
                  fname="refused.xml").status == 422
    checked = upload(de, sub, good.encode(), fname="waiting.xml")
    assert checked.status == 200
    import_id = re.search(r'/import/(\d+)"', checked.body).group(1)
    page = de.get("/submission/%d/import" % sub)
    assert page.status == 200 and "Uploads to this draft" in page.body
    rows = page.body.split("uploads-caption", 1)[1]
    assert "refused.xml" in rows and "waiting.xml" in rows and ">refused<" in rows
    assert 'href="/submission/%d/import/%s"' % (sub, import_id) in rows
    other = rp.start(User("data-entry", w.j2), rp.create_period(w.admin))
    assert "waiting.xml" not in de.get("/submission/%d/import" % other).body
    # Submitted, the draft takes no upload: the waiting one is dropped with
    # its file, and the submission's history says so.
    rp.submit(User("focal-point", w.j2), sub,
              nil=rp.DATASETS, acknowledge=True)
    assert sql("SELECT status FROM imports WHERE id = %s" % import_id) == [["dropped"]]
    assert sql("SELECT COUNT(*) FROM import_chunks WHERE import_id = %s" % import_id) == [["0"]]
    assert "waiting uploads dropped" in sql(
        "SELECT detail FROM history WHERE object_type = 'submission' AND object_id = %d "
        "AND action = 'submission.submit'" % sub)[0][0]


def test_a_draft_changed_after_the_check_is_not_overwritten(w):
    """Stale confirmation: the draft changed between check and confirm, so
    the summary no longer holds; 409, nothing applied, the upload waits to
    be checked again. Dropping works."""
    data = file_for(w, w.j2)
    r = upload(w.de2, w.sub2, data)
    assert r.status == 200, r.body[-2000:]
    import_id = re.search(r'/import/(\d+)"', r.body).group(1)
    rp.add_row(w.de2, w.sub2, "flows", "irr_entry", "PAK")       # someone edits meanwhile
    before = draft_state(w.sub2)
    r = follow(w.de2, w.de2.send("/submission/%d/import/%s" % (w.sub2, import_id), {"action": "apply"}))
    assert r.status == 409 and "has changed since this file was checked" in r.body
    assert 'value="recheck"' in r.body
    assert draft_state(w.sub2) == before
    assert sql("SELECT status FROM imports WHERE id = %s" % import_id) == [["checked"]]
    r = upload(w.de2, w.sub2, data)
    import_id = re.search(r'/import/(\d+)"', r.body).group(1)
    r = follow(w.de2, w.de2.send("/submission/%d/import/%s" % (w.sub2, import_id), {"action": "drop"}))
    assert r.status == 200 and "dropped" in r.body
    assert draft_state(w.sub2) == before
    assert sql("SELECT status FROM imports WHERE id = %s" % import_id) == [["dropped"]]


def add_route(user, sub):
    """A route typed on the web: AFG to GRC by sea."""
    r = user.send("/submission/%d/routes/new" % sub, [
        ("origin", "AFG"), ("legs", "1"), ("leg_to.0", "GRC"), ("leg_mode.0", "SEA_VESSEL"),
        ("source", "INTERVIEW"), ("confidence", "HIGH"), ("note", ""), ("row_version", "0"),
        ("action", "save")])
    assert r.status == 303, r


def test_a_record_changed_after_the_check_makes_the_upload_outdated(w):
    """Records count as the draft too: a route added after a replace was
    checked (applying would delete it) makes the upload outdated. Its page
    says so and offers a new check instead of Apply; applying is refused
    with nothing changed, and it waits on. Checked again, the summary
    counts that route, and applying does what it says."""
    path = lambda i: "/submission/%d/import/%s" % (w.sub2, i)
    data = file_for(w, w.j2)
    r = upload(w.de2, w.sub2, data, mode="replace")
    first = re.search(r'/import/(\d+)"', r.body).group(1)
    add_route(w.de2, w.sub2)
    page = w.de2.get(path(first))
    assert "has changed since this file was checked" in page.body
    assert 'value="recheck"' in page.body and 'value="apply"' not in page.body
    before = draft_state(w.sub2)
    r = follow(w.de2, w.de2.send(path(first), {"action": "apply"}))
    assert r.status == 409 and draft_state(w.sub2) == before
    assert "has changed since this file was checked" in r.body
    assert sql("SELECT status FROM imports WHERE id = %s" % first) == [["checked"]]
    assert follow(w.de2, w.de2.send(path(first), {"action": "drop"})).status == 200
    # A second upload, outdated the same way, then checked again.
    r = upload(w.de2, w.sub2, data, mode="replace")
    second = re.search(r'/import/(\d+)"', r.body).group(1)
    routes = len(draft_state(w.sub2)["routes"])
    add_route(w.de2, w.sub2)
    r = follow(w.de2, w.de2.send(path(second), {"action": "recheck"}))
    assert r.status == 200 and 'value="apply"' in r.body, r.body[-2000:]
    assert "Routes added and removed: +1, −%d" % (routes + 1) in r.body
    r = follow(w.de2, w.de2.send(path(second), {"action": "apply"}))
    assert r.status == 200 and "Applied to the draft" in r.body
    assert len(draft_state(w.sub2)["routes"]) == 1
    actions = [a for (a,) in sql("SELECT action FROM history WHERE object_type = 'import' "
                                 "AND object_id = %s ORDER BY seq" % second)]
    assert actions == ["import.check", "import.recheck", "import.confirm"]


def test_who_may_upload(w):
    """Uploads are for the data entry officers and focal points of the
    draft's own state: another state's draft is 404 (not revealed), the
    viewer and the secretariat 403, an accepted submission 409."""
    data = file_for(w, w.j2)
    other = User("data-entry", w.j)
    assert other.get("/submission/%d/import" % w.sub2).status == 404
    assert upload(other, w.sub2, data).status == 404
    assert upload(User("viewer", w.j2), w.sub2, data).status == 403
    assert upload(w.analyst, w.sub2, data).status == 403
    assert upload(User("focal-point", w.j2), w.sub2, data).status == 200
    assert upload(w.de, w.sub, file_for(w, w.j)).status == 409          # accepted
    # Without a file: the form again, with a message beside the field.
    b = "----x"
    body = ('--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--%s--\r\n'
            % (b, w.de2.token, b))
    r = w.de2.request("POST", "/submission/%d/import" % w.sub2, body,
                      {"Content-Type": "multipart/form-data; boundary=" + b})
    assert r.status == 422 and "Choose the XML file to upload." in r.body
    # Without the form token: 403, nothing checked.
    r = w.de2.request("POST", "/submission/%d/import" % w.sub2,
                      '--%s\r\nContent-Disposition: form-data; name="file"; filename="a.xml"\r\n\r\n'
                      'x\r\n--%s--\r\n' % (b, b),
                      {"Content-Type": "multipart/form-data; boundary=" + b})
    assert r.status == 403


def test_many_records_go_in_batches_and_come_back_in_order(w):
    """Routes and incidents are written in batches (16 to a statement,
    their legs and persons together): 40 routes and 21 incidents come
    back from an export with every leg and person on the right record,
    in the file's order."""
    period = rp.create_period(w.admin)
    de = User("data-entry", w.j2)
    sub = rp.start(de, period)
    start = sql("SELECT DATE_FORMAT(starts_on, '%%Y-%%m-%%d') FROM periods WHERE code = '%s'"
                % period)[0][0]
    origins = ["AFG", "PAK", "IRN", "IRQ", "SYR"]
    routes = "".join(
        '<Route origin="%s" destination="GRC" migrants="%d" source="INTERVIEW" confidence="LOW">'
        '<Leg to="TUR" mode="LAND_FOOT"/>%s<Leg to="GRC" mode="SEA_VESSEL"/><Note>route %d</Note>'
        '</Route>\n' % (origins[i % 5], i + 1, '<Leg to="BGR" mode="RAIL"/>' if i % 3 == 0 else "", i)
        for i in range(40))
    incidents = "".join(
        '<Incident date="%s" area="Area %d" border="LAND" transport="LAND_FOOT" dead="0" '
        'missing="0" smugglers="%d" followUp="NONE"><Persons citizenship="%s" count="%d"/>'
        '</Incident>\n' % (start, i, i, origins[i % 5], i + 1) for i in range(21))
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<Exchange xmlns="urn:vrs-msrc:vrs-exchange/1.0" schemaVersion="1.0">\n'
            '<Submission jurisdiction="%s" period="%s" version="1" status="draft">\n'
            '<Routes>\n%s</Routes>\n<Incidents>\n%s</Incidents>\n</Submission>\n</Exchange>\n'
            % (w.j2, period, routes, incidents)).encode()
    r = upload(de, sub, data)
    assert r.status == 200, r.body[-2000:]
    import_id = re.search(r'/import/(\d+)"', r.body).group(1)
    r = follow(de, de.send("/submission/%d/import/%s" % (sub, import_id), {"action": "apply"}))
    assert r.status == 200 and "Applied to the draft" in r.body
    out = export(w.analyst, "vrs", periods=[period], jurisdictions=[w.j2], all_statuses=True)
    ns = {"v": "urn:vrs-msrc:vrs-exchange/1.0"}
    doc = ET.fromstring(raw(out))
    got = [(x.get("origin"), x.get("migrants"), x.find("v:Note", ns).text,
            [(l.get("to"), l.get("mode")) for l in x.findall("v:Leg", ns)])
           for x in doc.findall(".//v:Route", ns)]
    want = [(origins[i % 5], str(i + 1), "route %d" % i,
             [("TUR", "LAND_FOOT")] + ([("BGR", "RAIL")] if i % 3 == 0 else []) +
             [("GRC", "SEA_VESSEL")]) for i in range(40)]
    assert got == want
    got = [(x.get("area"), x.get("smugglers"),
            [(p.get("citizenship"), p.get("count")) for p in x.findall("v:Persons", ns)])
           for x in doc.findall(".//v:Incident", ns)]
    assert got == [("Area %d" % i, str(i), [(origins[i % 5], str(i + 1))]) for i in range(21)]


def test_an_upload_left_unconfirmed_for_a_day_is_dropped_with_its_file(w):
    """A checked upload waits a day for its confirmation; the next upload
    drops older ones and their stored files, and says so in the history.
    Confirming a dropped one is refused."""
    data = file_for(w, w.j2)
    r = upload(w.de2, w.sub2, data)
    assert r.status == 200, r.body[-2000:]
    old = re.search(r'/import/(\d+)"', r.body).group(1)
    assert sql("SELECT COUNT(*) > 0 FROM import_chunks WHERE import_id = %s" % old) == [["1"]]
    sql("UPDATE imports SET created_at = created_at - INTERVAL 2 DAY WHERE id = %s" % old)
    seq = int(sql("SELECT COALESCE(MAX(seq), 0) FROM history")[0][0])
    r = upload(w.de2, w.sub2, data)
    assert r.status == 200
    assert sql("SELECT status FROM imports WHERE id = %s" % old) == [["dropped"]]
    assert sql("SELECT COUNT(*) FROM import_chunks WHERE import_id = %s" % old) == [["0"]]
    assert sql("SELECT COUNT(*) FROM history WHERE seq > %d AND action = 'import.expire'"
               % seq) == [["1"]]
    r = follow(w.de2, w.de2.send("/submission/%d/import/%s" % (w.sub2, old), {"action": "apply"}))
    assert r.status == 409 and "was dropped; it can no longer be applied" in r.body

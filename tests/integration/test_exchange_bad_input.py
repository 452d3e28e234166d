"""Bad XML uploads into a draft (POST /submission/<id>/import), through nginx
to the real program and MariaDB: external entities, entity expansion,
document type declarations, huge files, broken and foreign files, codes
outside the lists, duplicates, bad encodings and bad flags.

Every bad upload must get a 4xx answer with a plain message, and must
leave the draft exactly as it was (cells,
rows, records, narrative, nil returns, the submission's row_version); a
refused check is logged in `imports` (status 'refused') and in the
history, which is intended. The drafts are seeded by importing a file,
and bad files are sent in replace mode (the most destructive one), so a
partial write would show. The FastCGI workers' memory is watched on the
large and expansion inputs.

Tests never assert on wall-clock time (the issue's "within one second"
is measured by tests/bench/exchange.py); each request's time is recorded
and printed at the end of the module (-s) for the eye.

Each test makes its own period; reporting.cleanup() removes it.
"""
import html
import http.server
import os
import re
import socket
import subprocess
import threading
import time
import uuid

import pytest

import reporting as rp
from conftest import ENV, PORT, ensure_jurisdiction, sql
from reporting import User, admin, remove_test_periods  # noqa: F401 (admin, remove_test_periods: fixtures)

MiB = 1 << 20
NS = "urn:vrs-msrc:vrs-exchange/1.0"
# Memory a worker may gain over its baseline while refusing a bad file.
RSS_LIMIT_KB = 64 * 1024

REFUSED = "The file was not accepted"
NOTHING_CHANGED = "Nothing was changed."
MSG = {
    "doctype": "The file contains a document type declaration",
    "malformed": "The file is not well-formed XML",
    "encoding": "The file is not valid UTF-8 text",
    "namespace": "its root element must be Exchange in the namespace " + NS,
    "root": "its root element must be Exchange (in the namespace %s). Found the element:" % NS,
    "schema": "The file does not follow the VRS exchange schema",
    "jurisdiction": "The submission is for another jurisdiction",
    "period": "The submission is for another period than this draft",
    "code": "This code is not in its code list",
    "column": "This column does not belong to the table",
    "needs_value": "A cell with this flag needs a value",
    "no_value": "A cell with this flag (M or Z) must have no value",
    "too_many_attributes": "An element has more attributes than any element",
    "text_too_long": "A text is longer than any field of the VRS exchange format allows",
    "too_many_comments": "The file has more than 100 comments or processing instructions",
}

# Request times and worker memory, printed at the end of the module (-s).
MEASURED = []


# ---- files ----------------------------------------------------------------------

def exchange(j, p, inner=None, decl='<?xml version="1.0" encoding="UTF-8"?>', head="",
             root='<Exchange xmlns="%s" schemaVersion="1.0">' % NS):
    """A file in the exchange format holding one draft submission of j for p;
    inner is what the Submission holds (one flows cell by default)."""
    if inner is None:
        inner = ('<Dataset id="flows"><Table id="irr_entry"><Row code="AFG">'
                 '<Cell col="F.Y_LT18" value="12" flag="A"/></Row></Table></Dataset>\n')
    return ("%s\n%s\n%s<Submission jurisdiction=\"%s\" period=\"%s\" version=\"1\" status=\"draft\">\n"
            "%s</Submission>\n</Exchange>\n" % (decl, root, head, j, p, inner))


def cell_file(j, p, cells, row="AFG"):
    """A file whose one flows row holds the given Cell elements."""
    return exchange(j, p, '<Dataset id="flows"><Table id="irr_entry"><Row code="%s">%s</Row>'
                          '</Table></Dataset>\n' % (row, cells))


NARRATIVE = ('<Narrative><Trends share="peers">%s</Trends><ModusOperandi share="secretariat"/>'
             '<LegalChanges share="secretariat"/></Narrative>\n')

ROUTE = ('<Routes><Route origin="AFG" destination="GRC" migrants="20" feeAmount="1500.00" '
         'feeCurrency="%s" feeScope="PERSON" source="INTERVIEW" confidence="MEDIUM">'
         '<Leg to="TUR" mode="LAND_VEHICLE"/><Leg to="GRC" mode="SEA_VESSEL"/>'
         '<Note>Seen at the border.</Note></Route></Routes>\n')


def seed_file(j, p):
    """What the drafts hold before a bad upload: two flows cells, a nil
    return, a route and a narrative."""
    return exchange(j, p, '<Dataset id="flows"><Table id="irr_entry"><Row code="AFG">'
                          '<Cell col="F.Y_LT18" value="7" flag="A"/><Cell col="M.Y_GE18" value="5" flag="E"/>'
                          '</Row></Table></Dataset>\n<Dataset id="documents" nilReturn="true"/>\n'
                    + ROUTE % "USD" + NARRATIVE % "Seeded text.")


# ---- uploads ----------------------------------------------------------------------

def multipart(user, data, mode, fname="f.xml"):
    b = "----b" + uuid.uuid4().hex
    head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)
                   for k, v in (("csrf", user.token), ("mode", mode)))
    body = (head.encode() + ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
            "Content-Type: text/xml\r\n\r\n" % (b, fname)).encode() + data + ("\r\n--%s--\r\n" % b).encode())
    return body, "multipart/form-data; boundary=" + b


def upload(user, sub, data, mode="replace", fname="f.xml"):
    """Posts the file; returns (response, seconds of wall time)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    body, ctype = multipart(user, data, mode, fname)
    t0 = time.monotonic()
    r = user.request("POST", "/submission/%d/import" % sub, body, {"Content-Type": ctype})
    took = time.monotonic() - t0
    if r.status == 303:     # checked: the summary has its own address
        r = user.get(r.header("Location"))
    return r, took


def follow(user, r):
    """Apply and drop end on the upload's own page: as a browser, follow."""
    return user.get(r.header("Location")) if r.status == 303 else r


def confirm_path(r):
    m = re.search(r'action="(/submission/\d+/import/\d+)"', r.body)
    assert m, r
    return m.group(1)


def problems(body):
    """The problem list of a refused file, as plain text lines."""
    items = re.findall(r"<li>(.*?)</li>", body.split('<ol class="problems">', 1)[-1].split("</ol>")[0],
                       re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in items] if '<ol class="problems">' in body else []


# ---- drafts and what must not change ---------------------------------------------

class Draft:
    """A draft of a fresh data entry officer, seeded through an import."""

    def __init__(self, admin, seed=True, jurisdiction=None):
        self.j = jurisdiction or rp.jurisdiction(fresh=False)
        self.user = User("data-entry", self.j)
        self.period = rp.create_period(admin)
        self.sub = rp.start(self.user, self.period)
        if seed:
            r, _ = upload(self.user, self.sub, seed_file(self.j, self.period), "merge")
            assert r.status == 200, problems(r.body) or r
            r = follow(self.user, self.user.send(confirm_path(r), {"action": "apply"}))
            assert r.status == 200 and "Applied to the draft" in r.body, r
            assert len(rp.cells(self.sub)) == 2 and self.state()["routes"], "the seed did not land"

    def file(self, **kw):
        return exchange(self.j, self.period, **kw)

    def state(self):
        return self.snapshot()[0]

    def imports(self):
        return self.snapshot()[1]

    def snapshot(self):
        """Everything of the draft an upload could change, and the log of
        its imports, in one round trip to the database."""
        s = self.sub
        parts = (
            ("cells", "SELECT dataset, tbl, row_code, col_code, COALESCE(value, 'NULL'), flag "
                      "FROM cells WHERE submission_id = %d ORDER BY 1, 2, 3, 4"),
            ("grid_rows", "SELECT dataset, tbl, row_code FROM grid_rows WHERE submission_id = %d "
                          "ORDER BY 1, 2, 3"),
            ("routes", "SELECT * FROM routes WHERE submission_id = %d ORDER BY id"),
            ("route_legs", "SELECT l.* FROM route_legs l JOIN routes r ON r.id = l.route_id "
                           "WHERE r.submission_id = %d ORDER BY l.route_id, l.n"),
            ("incidents", "SELECT * FROM incidents WHERE submission_id = %d ORDER BY id"),
            ("incident_persons", "SELECT p.* FROM incident_persons p JOIN incidents i "
                                 "ON i.id = p.incident_id WHERE i.submission_id = %d "
                                 "ORDER BY p.incident_id, p.n"),
            ("narratives", "SELECT * FROM narratives WHERE submission_id = %d"),
            ("submission_datasets", "SELECT * FROM submission_datasets WHERE submission_id = %d "
                                    "ORDER BY dataset"),
            ("submission", "SELECT status, row_version, updated_at, submitted_at, accepted_at "
                           "FROM submissions WHERE id = %d"),
            ("imports", "SELECT id, status FROM imports WHERE submission_id = %d ORDER BY id"),
        )
        rows = sql(" ".join("SELECT '@@%s'; %s;" % (name, q % s) for name, q in parts))
        out, current = {}, None
        for row in rows:
            if len(row) == 1 and row[0].startswith("@@"):
                current = out.setdefault(row[0][2:], [])
            else:
                current.append(row)
        for name, _ in parts:
            out.setdefault(name, [])
        imports = [tuple(r) for r in out.pop("imports")]
        return out, imports


def other_jurisdiction(j):
    """An existing jurisdiction other than j."""
    code = next(c for c in rp.ISO_POOL if c != j)
    ensure_jurisdiction(code)
    return code


def refused_history(import_id):
    return sql("SELECT COUNT(*) FROM history WHERE action = 'import.refused' "
               "AND object_type = 'import' AND object_id = %s" % import_id)[0][0]


def assert_refused(draft, data, key, mode="replace", name=None):
    """Uploads data; asserts a 422 naming `key` (or one of the keys of a
    tuple), a 'refused' log entry, and an unchanged
    draft. Returns the response."""
    keys = key if isinstance(key, tuple) else (key,)
    before, imports = draft.snapshot()
    r, took = upload(draft.user, draft.sub, data, mode)
    MEASURED.append(("%s (%s)" % (name or keys[0], mode), r.status, took, None))
    assert r.status == 422, (r.status, problems(r.body) or r.body[:500])
    assert REFUSED in r.body and NOTHING_CHANGED in r.body
    found = problems(r.body)
    assert found and any(MSG[k] in p for p in found for k in keys), found
    assert all(re.match(r"(Line \d+: )?\S", p) for p in found), found
    after, imports_after = draft.snapshot()
    assert after == before
    new = [row for row in imports_after if row not in imports]
    assert [s for _, s in new] == ["refused"], new
    assert refused_history(new[0][0]) == "1"
    return r


def assert_not_processed(draft, before, imports):
    """For answers that never reach the check: nothing written at all."""
    assert draft.snapshot() == (before, imports)


# ---- the FastCGI workers' memory ------------------------------------------------

def supervisor_pid():
    with open(os.path.join(ENV["RUN"], "vrs.pid")) as f:     # etc/dev/stack.sh app_start
        return f.read().strip()


def worker_pids():
    out = subprocess.run(["pgrep", "-P", supervisor_pid()], capture_output=True, text=True).stdout
    return sorted(out.split())


def proc_kb(pid, field):
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError("no %s for %s" % (field, pid))


class Memory:
    """Worker memory against a baseline.

    The baseline is each worker's VmRSS when the Memory is made. We then
    reset each worker's peak (writing 5 to /proc/<pid>/clear_refs sets
    VmHWM to the current VmRSS; it changes nothing else), so a later
    VmHWM is the peak reached since the baseline, including inside a
    request, which a VmRSS read after the answer would miss. Where the
    reset is not allowed, a VmHWM that rose since the baseline is still a
    peak since the baseline; otherwise we fall back to VmRSS."""

    def __init__(self):
        self.pids = worker_pids()
        assert self.pids, "no FastCGI workers found under pid %s" % supervisor_pid()
        self.base, self.hwm0, self.reset = {}, {}, True
        for pid in self.pids:
            try:
                with open("/proc/%s/clear_refs" % pid, "w") as f:
                    f.write("5")
            except OSError:
                self.reset = False
            self.base[pid] = proc_kb(pid, "VmRSS")
            self.hwm0[pid] = proc_kb(pid, "VmHWM")

    def growth(self):
        """KB over the baseline per worker: peak since the baseline."""
        assert worker_pids() == self.pids, "a worker died (crashed?) or was restarted"
        out = {}
        for pid in self.pids:
            hwm, rss = proc_kb(pid, "VmHWM"), proc_kb(pid, "VmRSS")
            peak = hwm if (self.reset or hwm > self.hwm0[pid]) else rss
            out[pid] = peak - self.base[pid]
        return out

    def check(self, what):
        g = self.growth()
        MEASURED.append((what + " [memory]", None, None, max(g.values())))
        assert max(g.values()) < RSS_LIMIT_KB, "worker memory grew by %s KB" % g


@pytest.fixture(scope="module", autouse=True)
def baseline():
    """The workers' memory before the bad-input run, and the measurements
    printed afterwards (visible with pytest -s)."""
    mem = Memory()
    yield mem
    print("\n%-62s %6s %9s %12s" % ("request", "status", "seconds", "RSS growth"))
    for what, status, took, kb in MEASURED:
        print("%-62s %6s %9s %12s" % (what[:62], status or "", "%.3f" % took if took is not None else "",
                                       "%.1f MB" % (kb / 1024.0) if kb is not None else ""))


# ---- the positive controls ---------------------------------------------------------

def test_a_valid_file_is_checked_then_applied_and_its_cell_lands(admin):
    """The same kind of file the negative tests spoil is accepted (200 and a
    summary), applied on confirmation, and its cell is in the cells table:
    the negative tests cannot pass because uploads never work."""
    d = Draft(admin, seed=False)
    before = d.state()
    r, _ = upload(d.user, d.sub, d.file(), "merge")
    assert r.status == 200, problems(r.body) or r
    assert "The file is valid. Confirm to apply it" in r.body
    assert "New cells: 1" in r.body and "Values in the file: 1" in r.body
    assert d.state() == before, "checking alone must not write"
    r = follow(d.user, d.user.send(confirm_path(r), {"action": "apply"}))
    assert r.status == 200 and "Applied to the draft" in r.body, r
    assert rp.cells(d.sub) == [["flows", "irr_entry", "AFG", "F.Y_LT18", "12", "A"]]
    after = d.state()
    assert after["submission"][0][1] != before["submission"][0][1], "row_version not bumped"
    assert d.imports()[-1][1] == "applied"


def test_a_valid_file_in_replace_mode_replaces_the_seeded_dataset(admin):
    """The seeded draft and replace mode used by the negative tests do
    destroy data when a file is applied: the seeded flows cells give way to
    the file's one cell, so an accidental partial write would be seen."""
    d = Draft(admin)
    r, _ = upload(d.user, d.sub, d.file(), "replace")
    assert r.status == 200, problems(r.body) or r
    assert "Cells removed (replace): 1" in r.body
    r = follow(d.user, d.user.send(confirm_path(r), {"action": "apply"}))
    assert r.status == 200, r
    assert rp.cells(d.sub) == [["flows", "irr_entry", "AFG", "F.Y_LT18", "12", "A"]]


# ---- entities and document type declarations ------------------------------------

def test_xxe_file_entity_is_refused_and_never_read(admin):
    """1. An external entity naming file:///etc/passwd (in content and in an
    attribute) is refused as a DOCTYPE before parsing; the answer never
    shows the file."""
    d = Draft(admin)
    for dt, inner in (
            ('<!DOCTYPE Exchange [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
             NARRATIVE % "&xxe;"),
            ('<!DOCTYPE Exchange SYSTEM "file:///etc/passwd">', None),
            ('<!DOCTYPE Exchange [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>', None)):
        data = exchange(d.j, d.period, inner, decl='<?xml version="1.0" encoding="UTF-8"?>\n' + dt)
        for mode in ("replace", "merge"):
            r = assert_refused(d, data, "doctype", mode, "xxe file://")
            assert "root:" not in r.body and "/bin/" not in r.body


class Listener:
    """A tiny HTTP server on a free loopback port that records requests."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"LEAKED-FROM-LISTENER")

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_xxe_http_entity_is_refused_and_nothing_is_fetched(admin):
    """2. External entities, an external DTD and a parameter entity pointing
    at a local HTTP listener: refused, and the listener gets no request."""
    d = Draft(admin)
    srv = Listener()
    try:
        url = "http://127.0.0.1:%d/" % srv.port
        for dt, inner in (
                ('<!DOCTYPE Exchange [<!ENTITY x SYSTEM "%sentity">]>' % url, NARRATIVE % "&x;"),
                ('<!DOCTYPE Exchange SYSTEM "%sdtd">' % url, None),
                ('<!DOCTYPE Exchange [<!ENTITY %% p SYSTEM "%sparam"> %%p;]>' % url, None)):
            data = exchange(d.j, d.period, inner, decl='<?xml version="1.0"?>\n' + dt)
            r = assert_refused(d, data, "doctype", name="xxe http://")
            assert "LEAKED-FROM-LISTENER" not in r.body
        # The schemaLocation hints must not be fetched either.
        data = d.file(root='<Exchange xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                           'xsi:schemaLocation="%s %sschema.xsd" schemaVersion="2.0">' % (NS, NS, url))
        assert_refused(d, data, "schema", name="schemaLocation http://")
    finally:
        srv.close()
    assert srv.hits == []


def laughs(levels=10, fan=10):
    ents = '<!ENTITY lol0 "lol">' + "".join(
        '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * fan) for i in range(1, levels))
    return "<!DOCTYPE Exchange [%s]>" % ents, "&lol%d;" % (levels - 1)


def test_billion_laughs_is_refused_quickly_and_in_bounded_memory(admin, baseline):
    """3. Nested entities (10^9 'lol's if expanded), referenced in content
    and in an attribute: refused, fast, and no worker grows by 64 MB."""
    d = Draft(admin)
    dt, ref = laughs()
    for inner in (NARRATIVE % ref,
                  '<Dataset id="flows"><Table id="irr_entry"><Row code="%s"/></Table></Dataset>\n' % ref):
        assert_refused(d, d.file(inner=inner, decl='<?xml version="1.0"?>\n' + dt), "doctype",
                       name="billion laughs")
    baseline.check("billion laughs")


def test_quadratic_blowup_is_refused_quickly_and_in_bounded_memory(admin, baseline):
    """4. One 100 KB entity referenced 20,000 times (2 GB if expanded):
    refused, fast, and no worker grows by 64 MB."""
    d = Draft(admin)
    dt = '<!DOCTYPE Exchange [<!ENTITY big "%s">]>' % ("A" * 100000)
    data = d.file(inner=NARRATIVE % ("&big;" * 20000), decl='<?xml version="1.0"?>\n' + dt)
    assert_refused(d, data, "doctype", name="quadratic blowup")
    baseline.check("quadratic blowup")


DOCTYPES = {
    "bare": "<!DOCTYPE Exchange>",
    "empty-internal-subset": "<!DOCTYPE Exchange []>",
    "public-id": '<!DOCTYPE Exchange PUBLIC "-//VRS//X//EN" "vrs.dtd">',
    "after-a-comment": "<!-- a comment first -->\n<!DOCTYPE Exchange [\n]>",
    "entity-without-doctype": '<!ENTITY e "x">',
}


@pytest.mark.parametrize("case", list(DOCTYPES) + ["after-a-bom"])
def test_any_doctype_is_refused(admin, case):
    """5. Any document type declaration, even without entities or with an
    empty internal subset, after a comment or a BOM (and a stray <!ENTITY),
    is refused before parsing, with its line."""
    d = Draft(admin)
    if case == "after-a-bom":
        data = b"\xef\xbb\xbf" + d.file(decl='<?xml version="1.0"?>\n<!DOCTYPE Exchange []>').encode()
    else:
        data = d.file(decl='<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPES[case])
    r = assert_refused(d, data, "doctype", name="doctype " + case)
    assert re.match(r"Line [23]: ", problems(r.body)[0]), problems(r.body)


# ---- sizes --------------------------------------------------------------------------

def padded_file(d, total, bad_code=True):
    """A file of exactly `total` bytes: a long list of code list references
    (valid elements, which the reader frees as it goes) pads it before the
    Submission; with bad_code its row is ZZZ (refused at the very end)."""
    text = d.file()
    if bad_code:
        text = text.replace('code="AFG"', 'code="ZZZ"')
    head, tail = text.split("<Submission", 1)
    item = '<CodeList id="PAD" standard="padding padding padding padding"/>\n'
    start, end = "<CodeLists>\n", "</CodeLists>\n"
    fill = total - len(text.encode()) - len(start) - len(end)
    pad = item * (fill // len(item))
    pad += " " * (fill - len(pad))
    data = (head + start + pad + end + "<Submission" + tail).encode()
    assert len(data) == total
    return data


def comment_padded_file(d, total):
    """A file of `total` bytes padded with comments, which libxml2's reader
    keeps to the end of the document: refused before parsing."""
    text = d.file()
    head, tail = text.split("<Submission", 1)
    line = "<!-- padding padding padding padding padding padding padding -->\n"
    pad = line * ((total - len(text.encode())) // len(line))
    return (head + pad + "<Submission" + tail).encode()


def raw_post(user, path, ctype, total, blocks, chunked=False):
    """Streams a body of `total` bytes from the iterator `blocks` over a raw
    socket, stopping as soon as an answer arrives (nginx answers 413 before
    reading a body it will not take). Returns (status, body, seconds, sent)."""
    head = ["POST %s HTTP/1.1" % path, "Host: 127.0.0.1:%d" % PORT, "Content-Type: " + ctype,
            "Cookie: " + "; ".join("%s=%s" % kv for kv in user.cookies.items()), "Connection: close"]
    head.append("Transfer-Encoding: chunked" if chunked else "Content-Length: %d" % total)
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", PORT), timeout=30)
    sent = 0
    try:
        s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        s.setblocking(False)
        for block in blocks:
            if chunked:
                block = b"%x\r\n" % len(block) + block + b"\r\n"
            view = memoryview(block)
            while view:
                try:
                    n = s.send(view)
                    view = view[n:]
                    sent += n
                except BlockingIOError:
                    pass
                except (BrokenPipeError, ConnectionResetError):
                    view = None
                    break
                try:
                    if s.recv(1, socket.MSG_PEEK):
                        raise StopIteration
                except BlockingIOError:
                    continue
            if view is None:
                break
        else:
            if chunked:
                s.sendall(b"0\r\n\r\n")
    except StopIteration:
        pass
    s.settimeout(30)
    data = b""
    try:
        while True:
            head_, sep, body = data.partition(b"\r\n\r\n")
            m = re.search(rb"(?im)^content-length:\s*(\d+)", head_)
            if sep and m and len(body) >= int(m.group(1)):
                break       # the whole answer: nginx may linger before it closes
            got = s.recv(65536)
            if not got:
                break
            data += got
    except ConnectionResetError:
        pass
    finally:
        s.close()
    took = time.monotonic() - t0
    head_, _, body = data.partition(b"\r\n\r\n")
    m = re.match(rb"HTTP/1\.[01] (\d{3})", head_)
    assert m, data[:300]
    return int(m.group(1)), body.decode("utf-8", "replace"), took, sent


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_100_MB_file_gets_413_from_nginx_and_nothing_is_written(admin, baseline, chunked):
    """6. A 100 MB file (generated as it is sent) is stopped by nginx's 21m
    limit on the upload location with 413, fast; the program never sees it:
    no import is logged, the draft is unchanged, no worker grows."""
    d = Draft(admin)
    before, imports = d.snapshot()
    b = "----b" + uuid.uuid4().hex
    first = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nreplace\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xml\"\r\n"
             "Content-Type: text/xml\r\n\r\n" % (b, d.user.token, b, b)).encode()
    first += d.file().split("<Submission")[0].encode()
    last = ("<Submission/></Exchange>\r\n--%s--\r\n" % b).encode()
    total = 100 * 1000 * 1000
    line = b"<!-- padding padding padding padding padding padding padding -->\n"
    block = line * (MiB // len(line))

    def blocks():
        left = total - len(first) - len(last)
        yield first
        while left > 0:
            yield block[:left]
            left -= len(block)
        yield last

    status, body, took, sent = raw_post(d.user, "/submission/%d/import" % d.sub,
                                        "multipart/form-data; boundary=" + b, total, blocks(), chunked)
    MEASURED.append(("100 MB file (%s, %d bytes sent)" % ("chunked" if chunked else "length", sent),
                     status, took, None))
    assert status == 413, body[:300]
    assert "Too Large" in body
    assert sent < 40 * MiB, "nginx read %d bytes of it" % sent
    assert_not_processed(d, before, imports)
    baseline.check("100 MB file")


@pytest.mark.parametrize("over", [1, 60 * 1024, 512 * 1024], ids=["1-byte", "60-KiB", "512-KiB"])
def test_a_file_just_over_20_MiB_is_refused_by_the_program(admin, baseline, over):
    """7. A file just over max_upload_bytes (20 MiB) but under nginx's 21m
    reaches the program, which refuses it with 413 "Too much data" before
    parsing: the whole body (over 20 MiB + 64 KiB), or the file part (over
    20 MiB). Nothing is written; no worker grows by 64 MB."""
    d = Draft(admin)
    before, imports = d.snapshot()
    r, took = upload(d.user, d.sub, padded_file(d, 20 * MiB + over))
    MEASURED.append(("20 MiB + %d bytes" % over, r.status, took, None))
    assert r.status == 413, r
    assert "Too much data" in r.body
    assert "Nothing was saved." in r.body
    assert_not_processed(d, before, imports)
    baseline.check("20 MiB + %d bytes" % over)


# ---- broken and foreign files ------------------------------------------------------

def test_truncated_valid_files_are_refused_and_no_worker_crashes(admin):
    """8. A valid file cut at 21 places (inside tags, attributes, text and
    between elements) is refused every time as not well-formed, and no
    worker dies (libxml2 once crashed on an error at the end of a file)."""
    d = Draft(admin)
    workers = worker_pids()
    full = seed_file(d.j, d.period).encode()
    cuts = sorted({int(len(full) * k / 21) for k in range(1, 21)} | {len(full) - 2})
    for cut in cuts:
        assert_refused(d, full[:cut], "malformed", name="truncated at %d/%d" % (cut, len(full)))
    assert worker_pids() == workers, "a worker died"


@pytest.mark.parametrize("case", ["other-namespace", "no-namespace", "schema-version-2.0",
                                  "another-root", "not-xml"])
def test_foreign_files_are_refused(admin, case):
    """9. A wrong namespace, no namespace, schemaVersion 2.0, another root
    element, or not XML at all."""
    d = Draft(admin)
    data, key = {
        "other-namespace": (d.file().replace(NS, "urn:vrs-msrc:vrs-exchange/2.0"), "namespace"),
        "no-namespace": (d.file().replace(' xmlns="%s"' % NS, ""), "namespace"),
        "schema-version-2.0": (d.file().replace('schemaVersion="1.0"', 'schemaVersion="2.0"'), "schema"),
        "another-root": (d.file().replace("<Exchange ", "<Export ").replace("</Exchange>", "</Export>"),
                         "root"),
        "not-xml": ("jurisdiction,period\n%s,%s\n" % (d.j, d.period), "malformed"),
    }[case]
    assert_refused(d, data, key, name=case)


def test_a_valid_file_for_another_jurisdiction_or_period_is_refused(admin):
    """10. Files that are valid, but for another jurisdiction (an existing
    one) or for another existing open period, are refused."""
    d = Draft(admin)
    other_j = other_jurisdiction(d.j)
    other_p = rp.create_period(admin)
    assert_refused(d, exchange(other_j, d.period), "jurisdiction", name="another jurisdiction")
    assert_refused(d, exchange(d.j, other_p), "period", name="another period")
    assert_refused(d, exchange(other_j, other_p), "jurisdiction", name="another jurisdiction and period")


def test_an_upload_into_a_locked_period_a_submitted_draft_or_a_foreign_draft_is_refused(admin):
    """10. A valid file into a draft whose period is locked (409), into a
    submission that is no longer a draft, and into another jurisdiction's
    draft (404/403/409): refused before any check, nothing written."""
    d = Draft(admin)
    # Another jurisdiction's officer, with a file that is valid for the draft.
    other = User("data-entry", other_jurisdiction(d.j))
    before, imports = d.snapshot()
    r, took = upload(other, d.sub, d.file())
    MEASURED.append(("foreign draft", r.status, took, None))
    assert r.status in (403, 404), r
    assert_not_processed(d, before, imports)

    rp.set_period(admin, d.period, "locked")
    r, took = upload(d.user, d.sub, d.file())
    MEASURED.append(("locked period", r.status, took, None))
    assert r.status in (404, 409), r
    assert "This cannot be changed now" in r.body or "There is no page" in r.body
    assert_not_processed(d, before, imports)

    # A submitted one (nil returns everywhere), in an open period.
    s = Draft(admin, seed=False, jurisdiction=d.j)
    focal = User("focal-point", d.j)
    rp.submit(focal, s.sub, nil=rp.DATASETS, certify=True)
    assert rp.status(s.sub) == "submitted"
    before, imports = s.snapshot()
    r, took = upload(s.user, s.sub, s.file())
    MEASURED.append(("submitted submission", r.status, took, None))
    assert r.status in (404, 409), r
    assert_not_processed(s, before, imports)

def test_a_problem_past_line_65535_is_named_by_its_line(admin):
    """libxml2's tree keeps an element's line in 16 bits: a bad code on
    line 70,003 must be reported there, not on line 65,535."""
    d = Draft(admin, seed=False)
    pad = "\n" * 70000
    data = exchange(d.j, d.period, pad + ROUTE % "QQQ")
    line = data[:data.index('feeCurrency="QQQ"')].count("\n") + 1
    assert line > 70000
    r = assert_refused(d, data, "code", name="code past line 65,535")
    found = [p for p in problems(r.body) if MSG["code"] in p]
    got = int(re.match(r"Line (\d+):", found[0]).group(1))
    assert got == line, (got, line)


# ---- codes, duplicates, encodings, flags -------------------------------------------

@pytest.mark.parametrize("case", ["country-ZZZ", "column-X.Y", "column-unknown-sex", "currency-QQQ",
                                  "currency-lowercase", "transport-mode"])
def test_codes_outside_the_lists_are_refused(admin, case):
    """11. A row code that is no country (ZZZ), an unknown column (X.Y), a
    column with an unknown part, an unknown currency in a Route (QQQ, and
    lowercase), an unknown transport mode in a Leg."""
    d = Draft(admin)
    j, p = d.j, d.period
    data, key = {
        "country-ZZZ": (cell_file(j, p, '<Cell col="F.Y_LT18" value="12" flag="A"/>', row="ZZZ"), "code"),
        "column-X.Y": (cell_file(j, p, '<Cell col="X.Y" value="12" flag="A"/>'), "column"),
        "column-unknown-sex": (cell_file(j, p, '<Cell col="Q.Y_LT18" value="12" flag="A"/>'), "column"),
        "currency-QQQ": (exchange(j, p, ROUTE % "QQQ"), "code"),
        "currency-lowercase": (exchange(j, p, ROUTE % "usd"), "schema"),
        "transport-mode": (exchange(j, p, (ROUTE % "USD").replace("SEA_VESSEL", "TELEPORT")), "code"),
    }[case]
    assert_refused(d, data, key, name=case)


def test_duplicate_cells_and_duplicate_rows_are_refused(admin):
    """12. The same column twice in a Row (even with the same value), and the
    same Row twice in a Table, break the schema's xs:unique constraints."""
    d = Draft(admin)
    j, p = d.j, d.period
    for cells in ('<Cell col="F.Y_LT18" value="12" flag="A"/><Cell col="F.Y_LT18" value="13" flag="A"/>',
                  '<Cell col="F.Y_LT18" value="12" flag="A"/><Cell col="F.Y_LT18" value="12" flag="A"/>'):
        r = assert_refused(d, cell_file(j, p, cells), "schema", name="duplicate cell")
        assert any("Duplicate" in x and "OneCell" in x for x in problems(r.body)), problems(r.body)
    rows = ('<Dataset id="flows"><Table id="irr_entry">'
            '<Row code="AFG"><Cell col="F.Y_LT18" value="12" flag="A"/></Row>'
            '<Row code="AFG"><Cell col="M.Y_LT18" value="3" flag="A"/></Row></Table></Dataset>\n')
    r = assert_refused(d, exchange(j, p, rows), "schema", name="duplicate row")
    assert any("Duplicate" in x and "OneRow" in x for x in problems(r.body)), problems(r.body)
    tables = ('<Dataset id="flows"><Table id="irr_entry"><Row code="AFG"/></Table>'
              '<Table id="irr_entry"><Row code="IRQ"/></Table></Dataset>\n')
    assert_refused(d, exchange(j, p, tables), "schema", name="duplicate table")


JURIS_NAME = '<Jurisdictions><Jurisdiction code="%s" name="%s"/></Jurisdictions>\n'


@pytest.mark.parametrize("raw", [b"\xe9", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                                 b"\xff\xfe", b"\x00", b"\x01"],
                         ids=["latin1-e-acute", "cut-sequence", "overlong", "surrogate", "above-10FFFF",
                              "ff-fe", "nul", "control"])
def test_bytes_that_are_not_utf8_text_are_refused(admin, raw):
    """13. Bytes that are not UTF-8 XML text inside an attribute (a Latin-1
    é as the single byte 0xE9, a cut sequence, an overlong form, a
    surrogate, a code point above U+10FFFF, 0xFF 0xFE) and forbidden
    characters (NUL, a control character)."""
    d = Draft(admin)
    head = (JURIS_NAME % (d.j, "Caf@")).encode()
    data = d.file(head="@HEAD@").encode().replace(b"@HEAD@", head.replace(b"@", raw))
    assert_refused(d, data, "encoding", name="bytes %r" % raw)


def test_non_utf8_bytes_in_text_are_refused(admin):
    """13. A Latin-1 é (0xE9) in the narrative's text, in a file that does
    not say its encoding."""
    d = Draft(admin)
    data = d.file(inner=NARRATIVE % "Tend\xeancias").encode("latin-1")
    assert_refused(d, data, "encoding", name="latin-1 text")


def test_a_file_in_utf16_is_refused(admin):
    """13. A UTF-16 file (with its BOM, declaring UTF-16): the program reads
    UTF-8 only."""
    d = Draft(admin)
    data = d.file(decl='<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    r = assert_refused(d, data, "encoding", name="utf-16")
    assert any(MSG["encoding"] in p for p in problems(r.body))


def test_a_file_declaring_iso_8859_1_is_refused(admin):
    """13. A file declaring encoding="ISO-8859-1" with a Latin-1 é (0xE9) in
    an attribute and in the narrative: the program reads UTF-8 whatever
    the file declares, so it must refuse it, not accept it silently.
    (libxml2 2.9.14 lets the declaration override the encoding the
    program forces unless XML_PARSE_IGNORE_ENC is given: the file was then
    accepted and transcoded.)"""
    d = Draft(admin)
    text = d.file(decl='<?xml version="1.0" encoding="ISO-8859-1"?>', head=JURIS_NAME % (d.j, "Caf\xe9"),
                  inner=NARRATIVE % "Tend\xeancias")
    assert_refused(d, text.encode("latin-1"), "encoding", name="declares ISO-8859-1")


def test_cell_flags_that_contradict_their_value_are_refused(admin):
    """14. A cell flagged M (missing) that has a value, a cell flagged A
    (actual) without one, and one with an unknown flag."""
    d = Draft(admin)
    j, p = d.j, d.period
    assert_refused(d, cell_file(j, p, '<Cell col="F.Y_LT18" value="12" flag="M"/>'), "no_value",
                   name="flag M with a value")
    assert_refused(d, cell_file(j, p, '<Cell col="F.Y_LT18" flag="A"/>'), "needs_value",
                   name="flag A without a value")
    assert_refused(d, cell_file(j, p, '<Cell col="F.Y_LT18" value="12" flag="Q"/>'), "schema",
                   name="unknown flag")


def test_one_bad_cell_among_good_ones_writes_none_of_them(admin):
    """A file whose first cells and route are good and whose last cell is
    bad is refused as a whole: none of the good part reaches the draft."""
    d = Draft(admin)
    good = "".join('<Row code="%s"><Cell col="F.Y_LT18" value="9" flag="A"/></Row>' % c
                   for c in ("AFG", "BGD", "IRQ", "SYR"))
    inner = ('<Dataset id="flows"><Table id="irr_entry">%s<Row code="TUR">'
             '<Cell col="F.Y_LT18" value="4" flag="M"/></Row></Table></Dataset>\n' % good)
    assert_refused(d, exchange(d.j, d.period, inner + ROUTE % "EUR" + NARRATIVE % "new"), "no_value",
                   name="bad last cell")


# ---- hidden declarations, line numbers, the 20 MiB limit -------------------------

def line_of(data, needle):
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return next(i + 1 for i, line in enumerate(text.split("\n")) if needle in line)


def test_a_semantic_problem_names_the_line_of_its_element(admin):
    """The problem list says "Line N" for the element at fault, also when
    more of the file follows it."""
    d = Draft(admin)
    data = cell_file(d.j, d.period, '<Cell col="F.Y_LT18" value="12" flag="A"/>', row="ZZZ")
    # 16 KB after the row, in fewer comments than the program allows: the
    # parser has read ahead of the row when the problem is found.
    data = data.replace("</Exchange>", ("<!-- %s -->\n" % ("more " * 40)) * 80 + "</Exchange>")
    r = assert_refused(d, data, "code", name="line of ZZZ")
    assert problems(r.body)[0].startswith("Line %d:" % line_of(data, 'code="ZZZ"')), problems(r.body)


# Encodings in which '<!DOCTYPE' is not those bytes, each with a first
# character whose encoding is not UTF-8: a parser that honoured the file's
# declaration read UTF-8 up to that byte, then the declared encoding.
HIDING = {"IBM037": ("cp037", "A"), "IBM500": ("cp500", "A"), "CP1026": ("cp1026", "A"),
          "UTF-16LE": ("utf-16-le", "\xe9"), "UTF-16BE": ("utf-16-be", "\u8000")}


def hidden_doctype_file(d, encoding, doctype, text):
    """A file whose XML declaration names `encoding` and whose rest (from
    inside a first comment) is written in it: no '<!DOCTYPE' or '<!ENTITY'
    byte sequence appears in it."""
    codec, first = HIDING[encoding]
    rest = exchange(d.j, d.period, NARRATIVE % text).split("\n", 1)[1]
    data = (('<?xml version="1.0" encoding="%s"?>\n<!-- ' % encoding).encode()
            + (first + " -->\n" + doctype + "\n" + rest).encode(codec))
    assert b"<!DOCTYPE" not in data and b"<!ENTITY" not in data
    return data


@pytest.mark.parametrize("encoding", list(HIDING))
def test_a_doctype_hidden_by_a_declared_encoding_is_refused(admin, encoding):
    """5/13. A DOCTYPE with an internal entity, written in EBCDIC or UTF-16
    after an ASCII declaration naming that encoding, slips past a byte scan
    for '<!DOCTYPE'; the program must still refuse the file (as a DOCTYPE,
    or as text that is not UTF-8), and the entity's text must go nowhere.
    (Before XML_PARSE_IGNORE_ENC, IBM037 files were parsed with their
    DOCTYPE and the entity's text was applied to the narrative.)"""
    d = Draft(admin)
    data = hidden_doctype_file(d, encoding, '<!DOCTYPE Exchange [<!ENTITY e "text from an entity">]>', "&e;")
    r = assert_refused(d, data, ("doctype", "encoding"), name="DOCTYPE hidden in " + encoding)
    assert "text from an entity" not in r.body


def test_a_quadratic_blowup_hidden_by_a_declared_encoding_is_refused(admin):
    """4/5. A 10 KB entity referenced 4,000 times (40 MB expanded) behind an
    IBM037-hidden DOCTYPE: refused, in bounded memory.
    (Before XML_PARSE_IGNORE_ENC it was expanded: 2.3 s and +78 MB on a
    fresh worker; a 2 GB one ran for minutes at 1 GB RSS.)"""
    d = Draft(admin)
    mem = Memory()
    data = hidden_doctype_file(d, "IBM037", '<!DOCTYPE Exchange [<!ENTITY b "%s">]>' % ("A" * 10000),
                               "&b;" * 4000)
    assert_refused(d, data, ("doctype", "encoding"), name="quadratic blowup hidden in IBM037")
    mem.check("quadratic blowup hidden in IBM037")


def test_a_start_tag_with_50000_attributes_is_refused_quickly(admin):
    """A Row with 50,000 attributes the schema does not know (a 0.5 MB file,
    far under the size limit) is refused before parsing, in bounded
    memory."""
    d = Draft(admin)
    mem = Memory()
    attrs = " ".join('a%d="1"' % i for i in range(50000))
    data = cell_file(d.j, d.period, '<Cell col="F.Y_LT18" value="12" flag="A"/>').replace(
        '<Row code="AFG">', '<Row code="AFG" %s>' % attrs)
    assert_refused(d, data, "too_many_attributes", name="50,000 attributes")
    mem.check("50,000 attributes")


def test_a_9_9_MB_narrative_text_is_refused_quickly(admin):
    """A narrative text of 9,900,000 characters (the schema allows 20,000;
    libxml2 stops at 10,000,000) in a file under the size limit: refused
    in bounded memory."""
    d = Draft(admin)
    mem = Memory()
    assert_refused(d, d.file(inner=NARRATIVE % ("A" * 9900000)), "text_too_long",
                   name="9.9 MB narrative text")
    mem.check("9.9 MB narrative text")


def test_a_file_at_the_20_MiB_limit_is_refused_in_bounded_memory(admin):
    """7. A file of exactly max_upload_bytes whose one row (at the end) has
    the code ZZZ: it is parsed to the end and refused with 422, and no
    worker may grow by 64 MB doing so."""
    d = Draft(admin)
    mem = Memory()
    data = padded_file(d, 20 * MiB)
    assert_refused(d, data, "code", name="exactly 20 MiB, ZZZ at the end")
    mem.check("exactly 20 MiB, ZZZ at the end")


def test_a_file_of_comments_is_refused_before_parsing(admin):
    """20 MiB of comments, which libxml2's reader would keep in memory to
    the end (130 MB in xmllint --stream too): refused before parsing."""
    d = Draft(admin)
    mem = Memory()
    assert_refused(d, comment_padded_file(d, 20 * MiB), "too_many_comments",
                   name="20 MiB of comments")
    mem.check("20 MiB of comments")

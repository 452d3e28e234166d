"""'Nothing changed in the database' checks for refused requests.

The strict check is conftest.db_snapshot() before == after. The test stack
is shared, though: other test files (a browser run, a second pytest) may
sign in or add users at the same moment, which changes the snapshot without
any fault of the request under test. Only then does Unchanged fall back to
checking what the test owns: its accounts' rows and sessions are identical,
no history entry about them or by them was appended, nothing was removed
or rewritten, and no jurisdiction changed. The fallback is reported as a
warning so a quiet run can be told from a busy one.
"""
import warnings

from conftest import db_snapshot, sql


def user_ids(usernames):
    if not usernames:
        return set()
    names = ",".join("'%s'" % u.replace("'", "''") for u in usernames)
    return {r[0] for r in sql("SELECT id FROM users WHERE username IN (%s)" % names)}


class Unchanged:
    """u = Unchanged(username, ...); <request>; u.check()"""

    def __init__(self, *usernames):
        self.usernames = list(usernames)
        self.before = db_snapshot()

    def check(self):
        after = db_snapshot()
        if after == self.before:
            return
        b, a = self.before, after
        ids = user_ids(self.usernames)
        mine = lambda rows, col: [r for r in rows if r[col] in ids]
        assert mine(a["users"], 0) == mine(b["users"], 0), "this test's accounts changed"
        assert mine(a["sessions"], 1) == mine(b["sessions"], 1), "this test's sessions changed"
        assert {r[0] for r in b["users"]} <= {r[0] for r in a["users"]}, "a user disappeared"
        assert {tuple(r) for r in b["jurisdictions"]} <= {tuple(r) for r in a["jurisdictions"]}
        count, top = b["history"][0]
        top = 0 if top == "NULL" else int(top)
        assert sql("SELECT COUNT(*) FROM history WHERE seq <= %d" % top) == [[count]], \
            "history entries were removed"
        for seq, actor, otype, oid, action in sql(
                "SELECT seq, IFNULL(actor_user_id, ''), object_type, IFNULL(object_id, ''), "
                "action FROM history WHERE seq > %d" % top):
            assert actor not in ids and not (otype == "user" and oid in ids), \
                "history entry %s (%s) about this test's account" % (seq, action)
        warnings.warn("the database changed meanwhile (another client of the shared "
                      "test stack?); checked only this test's rows")

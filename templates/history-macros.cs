<?cs # history-macros.cs: a history entry and its changes as sentences, from
     the fields history-view.c derives from the stored detail (codes as
     names; digests left in the data). ?>
<?cs def:history_value(x) ?><?cs
  if:x.blank ?><?cs var:Lang.history.blank ?><?cs
  elif:x.text ?><?cs var:x.text ?><?cs
  elif:?x.v ?><?cs var:x.v ?><?cs if:x.f != "A" ?> (<?cs var:Lang.flag_word[x.f] ?>)<?cs /if ?><?cs
  else ?><?cs var:Lang.flag_word[x.f] ?><?cs /if ?><?cs
/def ?>
<?cs def:history_text(t) ?><?cs
  if:t == "" ?><?cs var:Lang.history.blank ?><?cs
  else ?><?cs alt:Lang.history.value[t] ?><?cs var:t ?><?cs /alt ?><?cs /if ?><?cs
/def ?>
<?cs def:history_change(c) ?><?cs
  if:c.kind == "cell" ?><?cs var:Lang.ds[c.ds][c.tbl] ?>: <?cs var:c.row ?>, <?cs var:c.col ?>: <?cs
    call:history_value(c.was) ?> <?cs var:Lang.history.changed_to ?> <?cs call:history_value(c.now) ?><?cs
  elif:c.kind == "field" ?><?cs alt:Lang.history.field[c.field] ?><?cs var:c.field ?><?cs /alt ?>: <?cs
    call:history_text(c.was) ?> <?cs var:Lang.history.changed_to ?> <?cs call:history_text(c.now) ?><?cs
  elif:c.kind == "created" ?><?cs
    if:c.type == "route" ?><?cs var:Lang.rec.route_title ?><?cs else ?><?cs var:Lang.rec.incident_title ?><?cs /if ?> <?cs
    var:c.n ?> <?cs var:Lang.history.say.added ?>: <?cs var:c.what ?><?cs
  elif:c.kind == "deleted" ?><?cs
    if:c.type == "route" ?><?cs var:Lang.rec.routes ?><?cs else ?><?cs var:Lang.rec.incidents ?><?cs /if ?>: <?cs
    var:c.count ?> <?cs var:Lang.history.say.deleted_by_file ?><?cs
  else ?><?cs var:c ?><?cs /if ?><?cs
/def ?>
<?cs def:history_say(h) ?><?cs
  if:h.say == "cells" ?><?cs var:h.count ?> <?cs if:h.count == 1 ?><?cs var:Lang.history.say.cells_one ?><?cs
    else ?><?cs var:Lang.history.say.cells_many ?><?cs /if ?> <?cs var:Lang.ds[h.ds].title ?>.<?cs
    if:h.reason ?> <?cs var:Lang.history.say.reason ?> <?cs var:h.reason ?><?cs /if ?><?cs
  elif:h.say == "cell_removed" ?><?cs var:Lang.ds[h.Cell.ds][h.Cell.tbl] ?>: <?cs var:h.Cell.row ?>, <?cs
    var:h.Cell.col ?>: <?cs call:history_value(h.Cell.was) ?> <?cs var:Lang.history.say.removed_with_row ?><?cs
  elif:h.say == "cell" ?><?cs call:history_change(h.Cell) ?><?cs
  elif:h.say == "row_add" ?><?cs var:h.row ?> <?cs var:Lang.history.say.added_to ?> <?cs var:Lang.ds[h.ds][h.tbl] ?>.<?cs
  elif:h.say == "row_remove" ?><?cs var:h.row ?> <?cs var:Lang.history.say.removed_from ?> <?cs var:Lang.ds[h.ds][h.tbl] ?>.<?cs
  elif:h.say == "start" ?><?cs var:Lang.history.say.start ?> <?cs var:h.period ?>.<?cs
    if:?h.copied ?> <?cs var:h.copied ?> <?cs var:Lang.history.say.copied ?><?cs /if ?><?cs
  elif:h.say == "new_version" ?><?cs var:Lang.history.say.version ?> <?cs var:h.to ?> <?cs
    var:Lang.history.say.started_from ?> <?cs var:h.from ?>.<?cs
  elif:h.say == "reopen" ?><?cs var:Lang.history.say.reopen ?> <?cs var:h.to ?>.<?cs
  elif:h.say == "submit" ?><?cs var:Lang.history.say.submit ?><?cs
    if:subcount(h.Nil) > 0 ?> <?cs var:Lang.history.say.nil ?> <?cs each:k = h.Nil ?><?cs if:!first(k) ?>, <?cs /if ?><?cs
      alt:Lang.exch.part[k] ?><?cs var:k ?><?cs /alt ?><?cs /each ?>.<?cs /if ?><?cs
    if:h.dropped ?> <?cs var:Lang.history.say.dropped ?><?cs /if ?><?cs
  elif:h.say == "return" ?><?cs var:Lang.history.say.return ?><?cs
    if:subcount(h.Reasons) > 0 ?><ul class="changes"><?cs each:r = h.Reasons ?><li><?cs
      alt:Lang.exch.part[r.ds] ?><?cs var:r.ds ?><?cs /alt ?>: <?cs var:r.text ?></li><?cs /each ?></ul><?cs /if ?><?cs
  elif:h.say == "sharing" ?><?cs var:Lang.history.say.sharing ?>: <?cs
    alt:Lang.imp.origin.level[h.from] ?><?cs var:h.from ?><?cs /alt ?> <?cs var:Lang.history.changed_to ?> <?cs
    alt:Lang.imp.origin.level[h.to] ?><?cs var:h.to ?><?cs /alt ?><?cs
  elif:h.say == "status" ?><?cs var:Lang.history.say.status ?>: <?cs
    alt:Lang.status[h.from] ?><?cs var:h.from ?><?cs /alt ?> <?cs var:Lang.history.changed_to ?> <?cs
    alt:Lang.status[h.to] ?><?cs var:h.to ?><?cs /alt ?><?cs
  elif:h.say == "record" ?><?cs
    if:h.type == "route" ?><?cs var:Lang.rec.route_title ?> <?cs var:h.n ?><?cs
    elif:h.type == "incident" ?><?cs var:Lang.rec.incident_title ?> <?cs var:h.n ?><?cs
    else ?><?cs var:Lang.rec.narrative_title ?><?cs /if ?>: <?cs var:h.count ?> <?cs
    if:h.count == 1 ?><?cs var:Lang.history.say.field_one ?><?cs else ?><?cs var:Lang.history.say.fields_many ?><?cs /if ?>.<?cs
  elif:h.say == "import" ?><?cs var:Lang.history.say.import ?> (<?cs var:Lang.imp.mode_name[h.Sum.mode] ?>): <?cs
    var:Lang.imp.sum.cells_new ?> <?cs var:h.Sum.cells_new ?>, <?cs var:Lang.imp.sum.cells_changed ?> <?cs var:h.Sum.cells_changed ?>, <?cs
    var:Lang.imp.sum.cells_removed ?> <?cs var:h.Sum.cells_removed ?>; <?cs
    var:Lang.imp.sum.routes ?> +<?cs var:h.Sum.routes_added ?> −<?cs var:h.Sum.routes_removed ?>; <?cs
    var:Lang.imp.sum.incidents ?> +<?cs var:h.Sum.incidents_added ?> −<?cs var:h.Sum.incidents_removed ?>; <?cs
    var:Lang.imp.sum.narrative ?>: <?cs if:h.Sum.narrative ?><?cs var:Lang.imp.sum.replaced ?><?cs else ?><?cs var:Lang.imp.sum.kept ?><?cs /if ?>.<?cs
  elif:h.say == "demo" ?><?cs var:Lang.history.say.demo ?><?cs
  else ?><?cs var:h.detail ?><?cs /if ?><?cs
/def ?>

<?cs set:Page.Title = Lang.report.title ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.report.title ?></h1>
<p><?cs var:Lang.report.intro ?></p><?cs
if:Page.Secretariat ?>
<h2><?cs var:Lang.report.completeness ?></h2>
<form method="get" action="<?cs var:Site.Base ?>/report" class="filter">
<label for="filter-p"><?cs var:Lang.report.filter ?></label>
<input type="text" id="filter-p" name="period" size="8" value="<?cs var:Page.Period ?>">
<button type="submit"><?cs var:Lang.report.filter_button ?></button></form><?cs
  if:Page.PeriodMissing == "unknown" ?><p class="notice" role="status"><?cs call:fmt(Lang.report.no_such_period, Page.Period) ?></p><?cs
  elif:Page.PeriodMissing == "planned" ?><p class="notice" role="status"><?cs call:fmt(Lang.report.period_planned, Page.Period) ?></p><?cs
  elif:subcount(Page.Matrix.Periods) == 0 ?><p><?cs var:Lang.report.no_periods ?></p><?cs
  else ?>
<div class="scroll"><table class="data">
<caption><?cs var:Lang.report.completeness ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.report.jurisdiction ?></th><?cs
each:p = Page.Matrix.Periods ?><th scope="col"><?cs var:p.code ?><br><span class="hint"><?cs var:Lang.report.due ?> <?cs var:p.due ?></span></th><?cs /each ?></tr></thead>
<tbody><?cs each:r = Page.Matrix.Rows ?>
<tr><th scope="row"><?cs var:r.jname ?> (<?cs var:r.jcode ?>)</th><?cs
each:p = Page.Matrix.Periods ?><?cs set:i = name(p) ?><?cs
  if:r.Cells[i].id ?><td><a href="<?cs var:Site.Base ?>/submission/<?cs var:r.Cells[i].id ?>"><?cs var:Lang.status[r.Cells[i].status] ?></a><br><span class="hint"><?cs var:r.Cells[i].updated ?> UTC</span><?cs
    if:p.overdue && r.Cells[i].status != "submitted" && r.Cells[i].status != "accepted" ?> <strong>(<?cs var:Lang.report.overdue ?>)</strong><?cs /if ?></td><?cs
  else ?><td><?cs var:Lang.report.nothing ?><?cs if:p.overdue ?> <strong>(<?cs var:Lang.report.overdue ?>)</strong><?cs /if ?></td><?cs
  /if ?><?cs
/each ?></tr><?cs
/each ?></tbody></table></div><?cs
  /if ?><?cs
else ?><?cs
if:subcount(Page.Open) > 0 ?>
<h2><?cs var:Lang.report.open_title ?></h2>
<ul class="actions"><?cs each:o = Page.Open ?><?cs
  # a period the state already has a submission for is opened, not started ?><?cs
  set:have = "" ?><?cs each:s = Page.Subs ?><?cs if:s.period == o.code && !have ?><?cs
    set:have = s.id ?><?cs set:have_status = s.status ?><?cs /if ?><?cs /each ?>
<li><?cs if:have ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:have ?>"><?cs
  call:fmt(Lang.report.open_sub, o.code) ?></a> (<?cs var:Lang.status[have_status] ?>; <?cs var:Lang.report.due ?> <?cs var:o.due ?>)<?cs
  else ?><form method="post" action="<?cs var:Site.Base ?>/report/start"><?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:o.code ?>">
<button type="submit"><?cs var:Lang.report.start ?>: <?cs var:o.code ?></button>
<?cs var:Lang.report.due ?> <?cs var:o.due ?>
<span class="check"><input type="checkbox" id="copy-<?cs var:o.code ?>" name="copy_rows" value="1">
<label for="copy-<?cs var:o.code ?>"><?cs var:Lang.report.copy_rows ?></label></span></form><?cs
  /if ?></li><?cs
/each ?></ul><?cs
/if ?><?cs
if:subcount(Page.Subs) == 0 ?>
<p><?cs var:Lang.report.none ?></p><?cs
else ?>
<div class="scroll"><table class="data">
<caption><?cs var:Lang.report.mine ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.report.period ?></th>
<th scope="col"><?cs var:Lang.report.status ?></th><th scope="col"><?cs var:Lang.report.version ?></th>
<th scope="col"><?cs var:Lang.report.updated ?></th><th scope="col"><?cs var:Lang.report.due ?></th></tr></thead>
<tbody><?cs each:s = Page.Subs ?>
<tr class="<?cs if:s.overdue ?>overdue<?cs /if ?>"><th scope="row"><a href="<?cs var:Site.Base ?>/submission/<?cs var:s.id ?>"><?cs var:s.period ?></a></th>
<td><?cs var:Lang.status[s.status] ?></td><td><?cs var:s.version ?></td><td><?cs var:s.updated ?> UTC</td>
<td><?cs var:s.due ?><?cs if:s.overdue ?> <strong>(<?cs var:Lang.report.overdue ?>)</strong><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?><?cs
/if ?>
<?cs include!"footer.cs" ?>

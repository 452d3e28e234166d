<?cs set:Page.Title = Lang.periods.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.periods.title ?></h1>
<?cs call:error_summary() ?><?cs
if:Page.Lock.code ?>
<div class="confirm" id="confirm-lock" role="region" aria-labelledby="confirm-lock-title">
<h2 id="confirm-lock-title"><?cs call:fmt(Lang.periods.lock_title, Page.Lock.code) ?></h2><?cs
  if:Page.Lock.count == 0 ?>
<p><?cs var:Lang.periods.lock_all_sent ?></p><?cs
  else ?>
<p><?cs call:fmt(Lang.periods.lock_pending, Page.Lock.count) ?></p>
<ul class="states"><?cs each:j = Page.Lock.States ?>
<li><?cs if:j.id ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:j.id ?>"><?cs var:j.jname ?> (<?cs var:j.jcode ?>)</a>: <?cs var:Lang.status[j.status] ?><?cs
  else ?><?cs var:j.jname ?> (<?cs var:j.jcode ?>): <?cs var:Lang.report.nothing ?><?cs /if ?></li><?cs
/each ?></ul><?cs
  /if ?>
<p><?cs var:Lang.periods.lock_effect ?></p>
<form method="post" action="<?cs var:Site.Base ?>/admin/periods/status"><?cs call:csrf() ?>
<input type="hidden" name="code" value="<?cs var:Page.Lock.code ?>">
<p><button type="submit" name="status" value="locked"><?cs var:Lang.periods.lock_confirm ?></button>
<a href="<?cs var:Site.Base ?>/admin/periods"><?cs var:Lang.periods.lock_cancel ?></a></p></form>
</div><?cs
/if ?>
<p><?cs var:Lang.periods.intro ?></p><?cs
if:subcount(Page.Periods) == 0 ?>
<p><?cs var:Lang.periods.none ?></p><?cs
else ?>
<div class="scroll"><table class="data">
<caption><?cs var:Lang.periods.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.periods.code ?></th><th scope="col"><?cs var:Lang.periods.span ?></th>
<th scope="col"><?cs var:Lang.periods.opens ?></th><th scope="col"><?cs var:Lang.periods.due ?></th>
<th scope="col"><?cs var:Lang.periods.locks ?></th><th scope="col"><?cs var:Lang.periods.status ?></th>
<th scope="col"><?cs var:Lang.periods.action ?></th></tr></thead>
<tbody><?cs each:p = Page.Periods ?>
<tr><th scope="row"><?cs var:p.code ?></th><td><?cs var:p.starts ?> &ndash; <?cs var:p.ends ?></td>
<td><?cs var:p.opens ?></td><td><?cs var:p.due ?><?cs if:p.overdue && p.status == "open" ?> (<?cs var:Lang.periods.overdue ?>)<?cs /if ?></td>
<td><?cs var:p.locks ?></td><td><?cs var:Lang.status[p.status] ?></td>
<td><?cs if:p.status == "open" ?><form method="get" action="<?cs var:Site.Base ?>/admin/periods#confirm-lock" class="inline">
<input type="hidden" name="lock" value="<?cs var:p.code ?>">
<button type="submit"><?cs var:Lang.periods.lock ?> <?cs var:p.code ?></button></form><?cs
else ?><form method="post" action="<?cs var:Site.Base ?>/admin/periods/status" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="code" value="<?cs var:p.code ?>">
<button type="submit" name="status" value="open"><?cs var:Lang.periods.open ?> <?cs var:p.code ?></button></form><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<h2><?cs var:Lang.periods.create ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/admin/periods" novalidate><?cs call:csrf() ?>
<?cs call:field("code", Lang.periods.code, "text", "off", Lang.periods.code_hint, "1") ?>
<?cs call:field("opens", Lang.periods.opens, "text", "off", Lang.periods.opens_hint, "") ?>
<?cs call:field("due", Lang.periods.due, "text", "off", Lang.periods.due_hint, "") ?>
<?cs call:field("locks", Lang.periods.locks, "text", "off", Lang.periods.locks_hint, "") ?>
<button type="submit"><?cs var:Lang.periods.create ?></button>
</form>
<?cs include!"footer.cs" ?>

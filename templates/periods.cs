<?cs set:Page.Title = Lang.periods.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.periods.title ?></h1>
<?cs call:error_summary() ?>
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
<td><form method="post" action="<?cs var:Site.Base ?>/admin/periods/status" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="code" value="<?cs var:p.code ?>"><?cs
if:p.status != "open" ?><button type="submit" name="status" value="open"><?cs var:Lang.periods.open ?> <?cs var:p.code ?></button><?cs /if ?><?cs
if:p.status == "open" ?><button type="submit" name="status" value="locked"><?cs var:Lang.periods.lock ?> <?cs var:p.code ?></button><?cs /if ?></form></td></tr><?cs
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

<?cs set:Page.Title = Lang.report.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.report.title ?></h1>
<p><?cs var:Lang.report.intro ?></p><?cs
if:subcount(Page.Open) > 0 ?>
<h2><?cs var:Lang.report.open_title ?></h2>
<ul class="actions"><?cs each:o = Page.Open ?>
<li><form method="post" action="<?cs var:Site.Base ?>/report/start" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:o.code ?>">
<button type="submit"><?cs var:Lang.report.start ?>: <?cs var:o.code ?></button>
<?cs var:Lang.report.due ?> <?cs var:o.due ?></form></li><?cs
/each ?></ul><?cs
/if ?><?cs
if:subcount(Page.Subs) == 0 ?>
<p><?cs var:Lang.report.none ?></p><?cs
else ?>
<div class="scroll"><table class="data">
<caption><?cs var:Lang.report.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.report.period ?></th><?cs
if:Page.Secretariat ?><th scope="col"><?cs var:Lang.report.jurisdiction ?></th><?cs /if ?>
<th scope="col"><?cs var:Lang.report.status ?></th><th scope="col"><?cs var:Lang.report.version ?></th>
<th scope="col"><?cs var:Lang.report.updated ?></th><th scope="col"><?cs var:Lang.report.due ?></th></tr></thead>
<tbody><?cs each:s = Page.Subs ?>
<tr class="<?cs if:s.overdue ?>overdue<?cs /if ?>"><th scope="row"><a href="<?cs var:Site.Base ?>/submission/<?cs var:s.id ?>"><?cs var:s.period ?></a></th><?cs
if:Page.Secretariat ?><td><?cs var:s.jname ?> (<?cs var:s.jcode ?>)</td><?cs /if ?>
<td><?cs var:Lang.status[s.status] ?></td><td><?cs var:s.version ?></td><td><?cs var:s.updated ?></td>
<td><?cs var:s.due ?><?cs if:s.overdue ?> <strong>(<?cs var:Lang.report.overdue ?>)</strong><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<?cs include!"footer.cs" ?>

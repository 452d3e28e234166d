<?cs set:Page.Title = Lang.sub.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.sub.title ?> <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?>
<?cs call:error_summary() ?>
<dl class="facts">
  <dt><?cs var:Lang.report.status ?></dt><dd><?cs var:Lang.status[Page.Sub.status] ?></dd>
  <dt><?cs var:Lang.report.version ?></dt><dd><?cs var:Page.Sub.version ?></dd>
  <dt><?cs var:Lang.report.updated ?></dt><dd><?cs var:Page.Sub.updated ?> UTC</dd>
  <dt><?cs var:Lang.pool.sub_level ?></dt><dd><?cs if:Page.Sub.sharing_level == "aggregate" ?><?cs var:Lang.pool.level_aggregate_long ?><?cs else ?><?cs var:Lang.pool.level_attributed ?><?cs /if ?></dd>
  <dt><?cs var:Lang.report.due ?></dt><dd><?cs var:Page.Sub.due ?><?cs if:Page.Sub.overdue ?> (<?cs var:Lang.report.overdue ?>)<?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.sub.datasets ?></h2>
<div class="scroll"><table class="data">
<caption><?cs var:Lang.sub.datasets ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.sub.dataset ?></th><th scope="col"><?cs var:Lang.sub.cells ?></th>
<th scope="col"><?cs var:Lang.sub.nil ?></th><th scope="col"><?cs var:Lang.sub.reason ?></th></tr></thead>
<tbody><?cs each:d = Page.Datasets ?>
<tr><th scope="row"><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/<?cs var:d.key ?>"><?cs var:Lang.ds[d.key].title ?></a></th>
<td><?cs var:d.cells ?></td><td><?cs if:d.nil ?><?cs var:Lang.sub.nil ?><?cs /if ?></td><td><?cs var:d.reason ?></td></tr><?cs
/each ?></tbody></table></div>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/narrative"><?cs var:Lang.sub.narrative ?></a></p>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/review"><?cs var:Lang.review.link ?></a></p><?cs
if:Page.Can.edit ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import"><?cs var:Lang.imp.link ?></a></p><?cs
/if ?><?cs
if:subcount(Page.Warnings) > 0 ?>
<h2><?cs var:Lang.sub.warnings ?></h2>
<p><?cs var:Lang.sub.warnings_intro ?></p>
<ul class="warnings"><?cs each:w = Page.Warnings ?>
<li><?cs var:Lang.ds[w.ds].title ?>: <?cs var:w.row ?>, <?cs var:w.col ?>:
<?cs alt:Lang.ds[w.ds][w.a] ?><?cs var:w.a ?><?cs /alt ?> (<?cs var:w.av ?>) <?cs var:Lang.sub.exceeds ?> <?cs alt:Lang.ds[w.ds][w.b] ?><?cs var:w.b ?><?cs /alt ?> (<?cs var:w.bv ?>)</li><?cs
/each ?></ul><?cs
/if ?><?cs include!"submission-actions.cs" ?><?cs
if:Page.Can.reopen ?>
<h2><?cs var:Lang.sub.reopen_title ?></h2>
<p><?cs var:Lang.sub.reopen_text ?></p>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/reopen"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>">
<button type="submit"><?cs var:Lang.sub.reopen ?></button></form><?cs
/if ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/history"><?cs var:Lang.sub.history ?></a>
&middot; <a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/csv"><?cs var:Lang.report.csv ?></a>
&middot; <a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/routes.csv"><?cs var:Lang.rec.routes ?> (CSV)</a>
&middot; <a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/incidents.csv"><?cs var:Lang.rec.incidents ?> (CSV)</a></p>
<?cs include!"footer.cs" ?>

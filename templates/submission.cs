<?cs set:Page.Title = Lang.sub.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.sub.title ?> <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
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
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/narrative"><?cs var:Lang.sub.narrative ?></a></p><?cs
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
/if ?><?cs
if:Page.Can.submit ?>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/sharing"><?cs call:csrf() ?>
<fieldset><legend><?cs var:Lang.pool.sub_level ?></legend>
<div class="check"><input type="radio" id="level-attributed" name="level" value="attributed"<?cs if:Page.Sub.sharing_level != "aggregate" ?> checked<?cs /if ?>>
<label for="level-attributed"><?cs var:Lang.pool.level_attributed ?></label></div>
<div class="check"><input type="radio" id="level-aggregate" name="level" value="aggregate"<?cs if:Page.Sub.sharing_level == "aggregate" ?> checked<?cs /if ?>>
<label for="level-aggregate"><?cs var:Lang.pool.level_aggregate_long ?></label></div>
<button type="submit" class="secondary"><?cs var:Lang.pool.sub_level_change ?></button></fieldset></form>
<h2><?cs var:Lang.sub.submit_title ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/submit"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>">
<fieldset><legend><?cs var:Lang.sub.nil ?></legend><?cs
each:d = Page.Datasets ?>
<div class="check<?cs if:d.error ?> field-error<?cs /if ?>"><?cs
if:d.error ?><p class="error" id="nil-<?cs var:d.key ?>-error"><?cs var:Lang.sub[d.error] ?></p><?cs /if ?>
<input type="checkbox" id="nil-<?cs var:d.key ?>" name="nil_<?cs var:d.key ?>" value="1"<?cs
if:d.nil ?> checked<?cs /if ?><?cs if:d.error ?> aria-describedby="nil-<?cs var:d.key ?>-error"<?cs /if ?>>
<label for="nil-<?cs var:d.key ?>"><?cs var:Lang.ds[d.key].title ?>: <?cs var:Lang.sub.nil_label ?></label></div><?cs
/each ?></fieldset><?cs
if:subcount(Page.Warnings) > 0 ?>
<div class="check<?cs if:Page.Error.acknowledge ?> field-error<?cs /if ?>"><?cs
if:Page.Error.acknowledge ?><p class="error" id="ack-error"><?cs var:Lang.sub.acknowledge_error ?></p><?cs /if ?>
<input type="checkbox" id="acknowledge" name="acknowledge" value="1">
<label for="acknowledge"><?cs var:Lang.sub.acknowledge ?></label></div><?cs
/if ?>
<div class="check<?cs if:Page.Error.certify ?> field-error<?cs /if ?>"><?cs
if:Page.Error.certify ?><p class="error" id="certify-error"><?cs var:Lang.sub.certify_error ?></p><?cs /if ?>
<input type="checkbox" id="certify" name="certify" value="1">
<label for="certify"><?cs var:Lang.sub.certify ?></label></div>
<button type="submit"><?cs var:Lang.sub.submit ?></button>
</form><?cs
/if ?><?cs
if:Page.Can.review ?>
<h2><?cs var:Lang.sub.review_title ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/accept" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>">
<button type="submit"><?cs var:Lang.sub.accept ?></button></form><?cs
/if ?><?cs
if:Page.Can.return ?>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/return"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Page.Sub.row_version ?>"><?cs
if:Page.Error.reason ?><p class="error" id="reason-error"><?cs var:Lang.sub.reason_error ?></p><?cs /if ?><?cs
each:d = Page.Datasets ?>
<div class="field<?cs if:d.reason_error ?> field-error<?cs /if ?>">
<label for="reason-<?cs var:d.key ?>"><?cs var:Lang.sub.reason_label ?>: <?cs var:Lang.ds[d.key].title ?></label><?cs
if:d.reason_error ?><p class="error"><?cs var:d.reason_error ?></p><?cs /if ?>
<textarea id="reason-<?cs var:d.key ?>" name="reason_<?cs var:d.key ?>" rows="2"><?cs var:d.reason ?></textarea></div><?cs
/each ?>
<button type="submit"><?cs var:Lang.sub.return ?></button>
</form><?cs
/if ?><?cs
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

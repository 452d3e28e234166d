<?cs set:Page.Title = Lang.imp.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.imp.title ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a></p>
<?cs def:summary() ?>
<ul class="summary"><?cs
if:Page.Sum.values > 0 ?>
<li><?cs var:Lang.imp.sum.values ?>: <?cs var:Page.Sum.values ?></li><?cs
/if ?>
<li><?cs var:Lang.imp.sum.cells_new ?>: <?cs var:Page.Sum.cells_new ?></li>
<li><?cs var:Lang.imp.sum.cells_changed ?>: <?cs var:Page.Sum.cells_changed ?></li>
<li><?cs var:Lang.imp.sum.cells_same ?>: <?cs var:Page.Sum.cells_same ?></li>
<li><?cs var:Lang.imp.sum.cells_removed ?>: <?cs var:Page.Sum.cells_removed ?></li>
<li><?cs var:Lang.imp.sum.routes ?>: +<?cs var:Page.Sum.routes_added ?>, −<?cs var:Page.Sum.routes_removed ?></li>
<li><?cs var:Lang.imp.sum.incidents ?>: +<?cs var:Page.Sum.incidents_added ?>, −<?cs var:Page.Sum.incidents_removed ?></li>
<li><?cs var:Lang.imp.sum.narrative ?>: <?cs if:Page.Sum.narrative ?><?cs var:Lang.imp.sum.replaced ?><?cs else ?><?cs var:Lang.imp.sum.kept ?><?cs /if ?></li><?cs
if:subcount(Page.Sum.NilSet) > 0 ?>
<li><?cs var:Lang.imp.sum.nil_set ?>: <?cs each:k = Page.Sum.NilSet ?><?cs if:!first(k) ?>, <?cs /if ?><?cs var:Lang.exch.part[k] ?><?cs /each ?></li><?cs
/if ?><?cs
if:subcount(Page.Sum.NilCleared) > 0 ?>
<li><?cs var:Lang.imp.sum.nil_cleared ?>: <?cs each:k = Page.Sum.NilCleared ?><?cs if:!first(k) ?>, <?cs /if ?><?cs var:Lang.exch.part[k] ?><?cs /each ?></li><?cs
/if ?>
</ul><?cs
/def ?><?cs
def:problem_list(list) ?>
<ol class="problems"><?cs each:p = list ?>
<li><?cs if:p.line > 0 ?><?cs var:Lang.imp.line ?> <?cs var:p.line ?>: <?cs /if ?><?cs var:Lang.imp.err[p.key] ?><?cs
  if:p.detail ?> <code><?cs var:p.detail ?></code><?cs /if ?></li><?cs
/each ?></ol><?cs
/def ?><?cs
if:Page.Step == "refused" ?>
<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2><?cs var:Lang.imp.refused_title ?></h2>
<p><?cs var:Lang.imp.refused_text ?></p>
<ul class="error-list"><li><a href="#file-problems"><?cs var:Lang.imp.problems_link ?></a></li></ul>
</div>
<p><?cs var:Lang.imp.file ?>: <?cs var:Page.Filename ?></p>
<div id="file-problems"><?cs call:problem_list(Page.Problems) ?></div><?cs
if:Page.More > 0 ?><p><?cs var:Page.More ?> <?cs if:Page.More == 1 ?><?cs var:Lang.imp.more_one ?><?cs else ?><?cs var:Lang.imp.more ?><?cs /if ?></p><?cs /if ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import"><?cs var:Lang.imp.again ?></a></p><?cs
elif:Page.Step == "checked" ?>
<h2><?cs var:Lang.imp.checked_title ?></h2>
<p><?cs var:Lang.imp.file ?>: <?cs var:Page.Filename ?> (SHA-256 <code><?cs var:Page.Sha256 ?></code>)</p>
<p><?cs var:Lang.imp.mode_text[Form.mode.value] ?></p><?cs
if:(Page.Sum.status && Page.Sum.status != "draft") || Page.Sum.sharing ?>
<p class="notice"><?cs var:Lang.imp.origin.from ?> <?cs var:Lang.imp.origin.version ?> <?cs var:Page.Sum.version ?>, <?cs
var:Lang.imp.origin.status ?> <?cs alt:Lang.status[Page.Sum.status] ?><?cs var:Page.Sum.status ?><?cs /alt ?><?cs
if:Page.Sum.sharing ?>, <?cs var:Lang.imp.origin.sharing ?> <?cs var:Lang.imp.origin.level[Page.Sum.sharing] ?><?cs /if ?>. <?cs
var:Lang.imp.origin.kept ?></p><?cs
/if ?><?cs
if:Page.Sum.routes_twice > 0 || Page.Sum.incidents_twice > 0 ?>
<p class="notice"><?cs var:Lang.imp.twice ?> <?cs var:Lang.exch.part.routes ?>: <?cs var:Page.Sum.routes_twice ?>; <?cs
var:Lang.exch.part.incidents ?>: <?cs var:Page.Sum.incidents_twice ?>.</p><?cs
/if ?><?cs
call:summary() ?><?cs
if:subcount(Page.Warnings) > 0 ?>
<div class="warnings" role="note"><h3><?cs var:Lang.imp.warnings_title ?></h3>
<p><?cs var:Lang.imp.warnings_text ?></p><?cs call:problem_list(Page.Warnings) ?></div><?cs
/if ?>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import/<?cs var:Page.ImportId ?>"><?cs call:csrf() ?>
<p><button type="submit" name="action" value="apply"><?cs var:Lang.imp.apply ?></button>
<button type="submit" name="action" value="drop" class="secondary"><?cs var:Lang.imp.drop ?></button></p>
</form><?cs
elif:Page.Step == "outdated" ?>
<div class="stale" role="alert"><p><?cs var:Lang.imp.outdated ?></p></div>
<p><?cs var:Lang.imp.file ?>: <?cs var:Page.Filename ?></p>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import/<?cs var:Page.ImportId ?>"><?cs call:csrf() ?>
<p><button type="submit" name="action" value="recheck"><?cs var:Lang.imp.recheck ?></button>
<button type="submit" name="action" value="drop" class="secondary"><?cs var:Lang.imp.drop ?></button></p>
</form><?cs
elif:Page.Step == "applied" ?>
<p class="notice" role="status"><?cs var:Lang.imp.applied ?> <?cs var:Page.Filename ?></p><?cs
call:summary() ?><?cs
elif:Page.Step == "dropped" ?>
<p class="notice" role="status"><?cs var:Lang.imp.dropped ?></p><?cs
elif:Page.Step == "expired" || Page.Step == "done" ?>
<div class="stale" role="alert"><p><?cs if:Page.Step == "done" ?><?cs
alt:Lang.imp.gone.was[Page.Was] ?><?cs var:Lang.imp.gone.done ?><?cs /alt ?><?cs
else ?><?cs var:Lang.imp.gone[Page.Step] ?><?cs /if ?></p></div>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import"><?cs var:Lang.imp.again ?></a></p><?cs
else ?>
<?cs call:error_summary() ?>
<p><?cs var:Lang.imp.intro ?></p>
<p><a href="<?cs var:Site.Static ?>/<?cs var:Page.Schema ?>"><?cs var:Lang.exch.schema ?></a> (<code><?cs var:Page.Namespace ?></code>)</p>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import" enctype="multipart/form-data" novalidate><?cs call:csrf() ?>
<div class="field<?cs if:Form.file.error ?> field-error<?cs /if ?>">
<label for="f-file"><?cs var:Lang.imp.file ?></label>
<p class="hint" id="f-file-hint"><?cs var:Lang.imp.file_hint ?> <?cs var:Page.MaxMB ?> MB.</p><?cs
if:Form.file.error ?><p class="error" id="f-file-error"><?cs var:Form.file.error ?></p><?cs /if ?>
<input id="f-file" name="file" type="file" accept=".xml,application/xml,text/xml"<?cs
if:Form.file.error ?> aria-invalid="true" aria-describedby="f-file-error f-file-hint"<?cs else ?> aria-describedby="f-file-hint"<?cs /if ?>>
</div>
<fieldset class="radios"><legend><?cs var:Lang.imp.mode ?></legend>
<div class="check"><input type="radio" id="f-mode-merge" name="mode" value="merge"<?cs if:Form.mode.value != "replace" ?> checked<?cs /if ?>>
<label for="f-mode-merge"><?cs var:Lang.imp.mode_text.merge ?></label></div>
<div class="check"><input type="radio" id="f-mode-replace" name="mode" value="replace"<?cs if:Form.mode.value == "replace" ?> checked<?cs /if ?>>
<label for="f-mode-replace"><?cs var:Lang.imp.mode_text.replace ?></label></div>
</fieldset>
<p><button type="submit"><?cs var:Lang.imp.check ?></button></p>
</form><?cs
if:subcount(Page.Imports) > 0 ?>
<h2 id="uploads"><?cs var:Lang.imp.uploads ?></h2>
<div class="scroll" role="region" tabindex="0" aria-labelledby="uploads-caption"><table class="data">
<caption id="uploads-caption" class="visually-hidden"><?cs var:Lang.imp.uploads ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.exch.when ?></th><th scope="col"><?cs var:Lang.exch.who ?></th>
<th scope="col"><?cs var:Lang.exch.file ?></th><th scope="col"><?cs var:Lang.exch.mode ?></th><th scope="col"><?cs var:Lang.exch.status ?></th>
<th scope="col"><?cs var:Lang.exch.problems ?></th><th scope="col"><?cs var:Lang.exch.summary ?></th></tr></thead>
<tbody><?cs each:i = Page.Imports ?>
<tr><td><?cs var:i.created ?></td><td><?cs call:actor(i.actor) ?></td><td class="file"><?cs var:i.filename ?></td>
<td><?cs var:Lang.imp.mode_name[i.mode] ?></td><td><?cs var:Lang.exch.st[i.status] ?></td><td><?cs var:i.problems ?></td>
<td><?cs if:i.status == "checked" && !i.expired ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/import/<?cs var:i.id ?>"><?cs var:Lang.imp.waiting ?></a><?cs
else ?><?cs var:i.summary ?><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?><?cs
/if ?>
<?cs include!"footer.cs" ?>

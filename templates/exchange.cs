<?cs set:Page.Title = Lang.exch.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.exch.title ?></h1>
<p><?cs var:Lang.exch.intro ?></p>
<p><a href="<?cs var:Site.Static ?>/vrs-exchange-1.0.xsd"><?cs var:Lang.exch.schema ?></a> ·
<a href="<?cs var:Site.Base ?>/exchange/sdmx-structure.xml"><?cs var:Lang.exch.structure ?></a></p>
<?cs call:error_summary() ?>
<h2 id="export"><?cs var:Lang.exch.export ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/exchange/export" novalidate><?cs call:csrf() ?>
<fieldset id="f-format" class="radios<?cs if:Form.format.error ?> field-error<?cs /if ?>"><legend><?cs var:Lang.exch.format ?></legend><?cs
  if:Form.format.error ?><p class="error"><?cs var:Form.format.error ?></p><?cs /if ?><?cs
  each:f = Page.Formats ?>
<div class="check"><input type="radio" id="f-format-<?cs var:f ?>" name="format" value="<?cs var:f ?>"<?cs if:Form.format.value == f ?> checked<?cs /if ?>>
<label for="f-format-<?cs var:f ?>"><?cs var:Lang.exch.formats[f] ?></label></div><?cs
  /each ?>
</fieldset>
<fieldset id="f-period" class="checks<?cs if:Form.period.error ?> field-error<?cs /if ?>"><legend><?cs var:Lang.exch.periods ?></legend>
<p class="hint"><?cs var:Lang.exch.none_means_all ?></p><?cs
  if:Form.period.error ?><p class="error"><?cs var:Form.period.error ?></p><?cs /if ?><?cs
  each:p = Page.Periods ?>
<div class="check"><input type="checkbox" id="f-period-<?cs var:p.code ?>" name="period" value="<?cs var:p.code ?>"<?cs if:Form.period.checked[p.code] ?> checked<?cs /if ?>>
<label for="f-period-<?cs var:p.code ?>"><?cs var:p.code ?></label></div><?cs
  /each ?>
</fieldset>
<fieldset id="f-jurisdiction" class="checks<?cs if:Form.jurisdiction.error ?> field-error<?cs /if ?>"><legend><?cs var:Lang.exch.jurisdictions ?></legend>
<p class="hint"><?cs var:Lang.exch.none_means_all ?></p><?cs
  if:Form.jurisdiction.error ?><p class="error"><?cs var:Form.jurisdiction.error ?></p><?cs /if ?><?cs
  each:j = Page.Jurisdictions ?>
<div class="check"><input type="checkbox" id="f-j-<?cs var:j.code ?>" name="jurisdiction" value="<?cs var:j.code ?>"<?cs if:Form.jurisdiction.checked[j.code] ?> checked<?cs /if ?>>
<label for="f-j-<?cs var:j.code ?>"><?cs var:j.code ?> <?cs var:j.name ?></label></div><?cs
  /each ?>
</fieldset>
<fieldset id="f-dataset" class="checks<?cs if:Form.dataset.error ?> field-error<?cs /if ?>"><legend><?cs var:Lang.exch.datasets ?></legend>
<p class="hint"><?cs var:Lang.exch.datasets_hint ?></p><?cs
  if:Form.dataset.error ?><p class="error"><?cs var:Form.dataset.error ?></p><?cs /if ?><?cs
  each:d = Page.Parts ?>
<div class="check"><input type="checkbox" id="f-ds-<?cs var:d.key ?>" name="dataset" value="<?cs var:d.key ?>"<?cs if:Form.dataset.checked[d.key] ?> checked<?cs /if ?>>
<label for="f-ds-<?cs var:d.key ?>"><?cs var:Lang.exch.part[d.key] ?></label></div><?cs
  /each ?>
</fieldset>
<div class="check"><input type="checkbox" id="f-all_statuses" name="all_statuses" value="1"<?cs if:Form.all_statuses.value ?> checked<?cs /if ?>>
<label for="f-all_statuses"><?cs var:Lang.exch.all_statuses ?></label></div>
<p><button type="submit"><?cs var:Lang.exch.download ?></button></p>
</form>
<h2 id="exports"><?cs var:Lang.exch.exports ?></h2><?cs
if:subcount(Page.Exports) == 0 ?><p><?cs var:Lang.exch.no_exports ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="exports-caption"><table class="data">
<caption id="exports-caption" class="visually-hidden"><?cs var:Lang.exch.exports ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.exch.id ?></th><th scope="col"><?cs var:Lang.exch.when ?></th><th scope="col"><?cs var:Lang.exch.who ?></th>
<th scope="col"><?cs var:Lang.exch.format ?></th><th scope="col"><?cs var:Lang.exch.filters ?></th><th scope="col"><?cs var:Lang.exch.submissions ?></th>
<th scope="col"><?cs var:Lang.exch.bytes ?></th><th scope="col"><?cs var:Lang.exch.status ?></th><th scope="col"><?cs var:Lang.exch.manifest ?></th></tr></thead>
<tbody><?cs each:e = Page.Exports ?>
<tr><td><?cs var:e.id ?></td><td><?cs var:e.created ?></td><td><?cs call:actor(e.actor) ?></td><td><?cs var:e.format ?></td>
<td><?cs var:e.filters ?></td><td><?cs var:e.submissions ?></td><td><?cs var:e.bytes ?></td><td><?cs var:Lang.exch.st[e.status] ?></td>
<td><a href="<?cs var:Site.Base ?>/exchange/export/<?cs var:e.id ?>/manifest.xml"><?cs var:Lang.exch.manifest ?><span class="visually-hidden"> <?cs var:e.id ?></span></a></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<h2 id="imports"><?cs var:Lang.exch.imports ?></h2><?cs
if:subcount(Page.Imports) == 0 ?><p><?cs var:Lang.exch.no_imports ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="imports-caption"><table class="data">
<caption id="imports-caption" class="visually-hidden"><?cs var:Lang.exch.imports ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.exch.id ?></th><th scope="col"><?cs var:Lang.exch.when ?></th><th scope="col"><?cs var:Lang.exch.who ?></th>
<th scope="col"><?cs var:Lang.exch.submission ?></th><th scope="col"><?cs var:Lang.exch.file ?></th><th scope="col"><?cs var:Lang.exch.mode ?></th>
<th scope="col"><?cs var:Lang.exch.status ?></th><th scope="col"><?cs var:Lang.exch.problems ?></th><th scope="col"><?cs var:Lang.exch.summary ?></th></tr></thead>
<tbody><?cs each:i = Page.Imports ?>
<tr><td><?cs var:i.id ?></td><td><?cs var:i.created ?></td><td><?cs call:actor(i.actor) ?></td><td><?cs var:i.jcode ?> <?cs var:i.period ?> v<?cs var:i.version ?></td>
<td class="file"><?cs var:i.filename ?> (<?cs var:i.bytes ?> <?cs if:i.bytes == 1 ?><?cs var:Lang.exch.byte ?><?cs else ?><?cs var:Lang.exch.bytes ?><?cs /if ?>)</td><td><?cs var:Lang.imp.mode_name[i.mode] ?></td><td><?cs var:Lang.exch.st[i.status] ?></td>
<td><?cs var:i.problems ?></td><td><?cs var:i.summary ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<?cs include!"footer.cs" ?>

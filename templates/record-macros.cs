<?cs # record-macros.cs: pieces of the record pages (routes, incidents,
     narrative): a select from a code list, a text area, the warning about
     personal data, the paging links and a record's history. ?><?cs
include!"history-macros.cs" ?>
<?cs def:code_select(name, label, list, value, hint, required) ?>
<div class="field<?cs if:Form[name].error ?> field-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:need_mark(required) ?></label><?cs
  if:hint ?><p class="hint" id="f-<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs /if ?><?cs
  if:Form[name].error ?><p class="error" id="f-<?cs var:name ?>-error"><?cs var:Form[name].error ?></p><?cs /if ?>
  <select id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs
  if:Form[name].error ?> aria-invalid="true" aria-describedby="f-<?cs var:name ?>-error<?cs if:hint ?> f-<?cs var:name ?>-hint<?cs /if ?>"<?cs
  elif:hint ?> aria-describedby="f-<?cs var:name ?>-hint"<?cs /if ?><?cs if:required ?> required<?cs /if ?>>
  <option value=""><?cs var:Lang.rec.choose ?></option><?cs
  each:o = Codes[list] ?><option value="<?cs var:o.code ?>"<?cs if:o.code == value ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?>
  </select>
</div><?cs
/def ?>
<?cs def:pii_warning(name) ?><?cs
  if:Form[name].warning ?><p class="error" id="f-<?cs var:name ?>-warning"><?cs
    if:Form[name].warning == "email" ?><?cs var:Lang.rec.pii_email ?><?cs else ?><?cs var:Lang.rec.pii_document ?><?cs /if ?></p><?cs
  /if ?><?cs
/def ?>
<?cs def:textarea(name, label, value, hint, rows) ?>
<div class="field<?cs if:Form[name].error || Form[name].warning ?> field-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:need_mark("") ?></label><?cs
  if:hint ?><p class="hint" id="f-<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs /if ?><?cs
  if:Form[name].error ?><p class="error" id="f-<?cs var:name ?>-error"><?cs var:Form[name].error ?></p><?cs /if ?><?cs
  call:pii_warning(name) ?>
  <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>"<?cs
  if:hint ?> aria-describedby="f-<?cs var:name ?>-hint<?cs if:Form[name].warning ?> f-<?cs var:name ?>-warning<?cs /if ?>"<?cs /if ?><?cs
  if:Form[name].error ?> aria-invalid="true"<?cs /if ?>><?cs alt:Form[name].typed ?><?cs var:value ?><?cs /alt ?></textarea>
</div><?cs
/def ?>
<?cs def:confirm_pii() ?><?cs
  if:Page.ConfirmPii ?>
<div class="check field-error">
  <p class="error" id="f-confirm_pii-error"><?cs var:Form.confirm_pii.error ?></p>
  <input type="checkbox" id="f-confirm_pii" name="confirm_pii" value="1" aria-describedby="f-confirm_pii-error">
  <label for="f-confirm_pii"><?cs var:Lang.rec.confirm_pii ?></label>
</div><?cs
  /if ?><?cs
/def ?>
<?cs def:paging(path) ?>
<nav class="paging" aria-label="<?cs var:Lang.rec.page ?>">
<p><?cs var:Lang.rec.page ?> <?cs var:Page.Paging.page ?> <?cs var:Lang.rec.of ?> <?cs var:Page.Paging.pages ?> (<?cs var:Page.Paging.total ?> <?cs var:Lang.rec.count ?>)<?cs
if:Page.Paging.prev ?> &middot; <a rel="prev" href="<?cs var:path ?>?country=<?cs var:url_escape(Page.Filter.country) ?>&amp;mode=<?cs var:url_escape(Page.Filter.mode) ?>&amp;sort=<?cs var:Page.Filter.sort ?>&amp;page=<?cs var:Page.Paging.prev ?>"><?cs var:Lang.rec.prev ?></a><?cs /if ?><?cs
if:Page.Paging.next ?> &middot; <a rel="next" href="<?cs var:path ?>?country=<?cs var:url_escape(Page.Filter.country) ?>&amp;mode=<?cs var:url_escape(Page.Filter.mode) ?>&amp;sort=<?cs var:Page.Filter.sort ?>&amp;page=<?cs var:Page.Paging.next ?>"><?cs var:Lang.rec.next ?></a><?cs /if ?></p>
</nav><?cs
/def ?>
<?cs def:filters(path, country_label) ?><?cs # f is Page.Filter, found
     once instead of from the root for each of the 250 countries ?>
<form method="get" action="<?cs var:path ?>" class="filters">
<fieldset><legend><?cs var:Lang.rec.filter ?></legend>
<div class="field"><label for="filter-country"><?cs var:country_label ?></label>
<select id="filter-country" name="country"><option value=""><?cs var:Lang.rec.filter_any ?></option><?cs
with:f = Page.Filter ?><?cs each:o = Codes.country ?><option value="<?cs var:o.code ?>"<?cs if:o.code == f.country ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?><?cs /with ?></select></div>
<div class="field"><label for="filter-mode"><?cs var:Lang.rec.filter_mode ?></label>
<select id="filter-mode" name="mode"><option value=""><?cs var:Lang.rec.filter_any ?></option><?cs
each:o = Codes.transport ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Page.Filter.mode ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select></div>
<div class="field"><label for="filter-sort"><?cs var:Lang.rec.sort ?></label>
<select id="filter-sort" name="sort"><option value="desc"><?cs var:Lang.rec.sort_desc ?></option><option value="asc"<?cs
if:Page.Filter.sort == "asc" ?> selected<?cs /if ?>><?cs var:Lang.rec.sort_asc ?></option></select></div>
<button type="submit"><?cs var:Lang.rec.apply ?></button>
</fieldset></form><?cs
/def ?>
<?cs def:record_history() ?>
<h2 id="record-history"><?cs var:Lang.rec.history ?></h2><?cs
if:subcount(Page.History) == 0 ?><p><?cs var:Lang.rec.history_none ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="record-history"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.rec.history ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.history.at ?></th><th scope="col"><?cs var:Lang.history.who ?></th>
<th scope="col"><?cs var:Lang.history.what ?></th><th scope="col"><?cs var:Lang.history.detail ?></th></tr></thead>
<tbody><?cs each:h = Page.History ?>
<tr><td><?cs var:h.at ?></td><td><?cs call:actor(h.actor) ?></td><td><?cs alt:Lang.history.action[h.action] ?><?cs var:h.action ?><?cs /alt ?></td><td><ul class="changes"><?cs
each:c = h.Changes ?><li><?cs call:history_change(c) ?></li><?cs /each ?></ul></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?><?cs
/def ?>
<?cs def:stale_box() ?><?cs
if:Page.Stale ?>
<div class="stale" role="alert"><?cs
  if:Page.Deleted ?><h2><?cs var:Lang.rec.stale_title ?></h2><p><?cs var:Lang.rec.deleted_meanwhile ?></p><?cs
  else ?><h2><?cs var:Lang.rec.stale_title ?></h2><p><?cs var:Lang.rec.stale_text ?></p>
<h3><?cs var:Lang.rec.theirs ?></h3>
<dl class="facts"><?cs each:t = Page.Theirs ?><dt><?cs var:t.field ?></dt><dd><?cs var:t.value ?></dd><?cs /each ?></dl><?cs
  /if ?></div><?cs
/if ?><?cs
/def ?>

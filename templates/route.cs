<?cs if:Page.Record.id > 0 ?><?cs set:Page.Title = Lang.rec.route_title + " " + Page.Record.n ?><?cs else ?><?cs set:Page.Title = Lang.rec.route_new ?><?cs /if ?><?cs include!"header.cs" ?><?cs include!"record-macros.cs" ?>
<?cs set:path = Site.Base + "/submission/" + Page.Sub.id + "/routes" ?>
<h1><?cs if:Page.Record.id > 0 ?><?cs var:Lang.rec.route_title ?> <?cs var:Page.Record.n ?><?cs
else ?><?cs var:Lang.rec.route_new ?><?cs /if ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?>
<p><a href="<?cs var:path ?>"><?cs var:Lang.rec.back_list ?></a>
&middot; <a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a></p><?cs
if:Page.Notice == "saved" ?><p class="notice" role="status"><?cs var:Lang.rec.saved ?></p><?cs /if ?>
<?cs call:stale_box() ?><?cs call:error_summary() ?><?cs
if:Page.Can.edit ?>
<form method="post" action="<?cs var:path ?>/<?cs if:Page.Record.id > 0 ?><?cs var:Page.Record.id ?><?cs else ?>new<?cs /if ?>" novalidate><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Form.row_version ?>">
<input type="hidden" name="legs" value="<?cs var:Form.legs ?>">
<?cs # First in the form, so the Enter key saves rather than moving a row. ?>
<p><button type="submit" name="action" value="save"><?cs var:Lang.rec.save ?></button></p>
<?cs call:code_select("origin", Lang.rec.origin, "country", Form.origin.value, "", "1") ?>
<fieldset id="f-legs" class="legs<?cs if:Form.legs.error ?> field-error<?cs /if ?>"><legend><?cs var:Lang.rec.legs ?></legend>
<p class="hint" id="legs-hint"><?cs var:Lang.rec.legs_hint ?></p><?cs
if:Form.legs.error ?><p class="error"><?cs var:Form.legs.error ?></p><?cs /if ?>
<ol class="legs"><?cs each:l = Form.Legs ?><?cs set:i = name(l) ?><?cs
set:to = "leg_to." + i ?><?cs set:mode = "leg_mode." + i ?>
<li><fieldset><legend><?cs var:Lang.rec.leg ?> <?cs var:#i + 1 ?></legend>
<div class="field<?cs if:Form[to].error ?> field-error<?cs /if ?>"><label for="f-leg-to-<?cs var:i ?>"><?cs var:Lang.rec.leg_to ?><?cs call:need_mark(1) ?></label><?cs
if:Form[to].error ?><p class="error" id="f-leg-to-<?cs var:i ?>-error"><?cs var:Form[to].error ?></p><?cs /if ?>
<select id="f-leg-to-<?cs var:i ?>" name="leg_to.<?cs var:i ?>" aria-describedby="legs-hint<?cs
if:Form[to].error ?> f-leg-to-<?cs var:i ?>-error<?cs /if ?>"<?cs if:Form[to].error ?> aria-invalid="true"<?cs /if ?> required><option value=""><?cs var:Lang.rec.choose ?></option><?cs
each:o = Codes.country ?><option value="<?cs var:o.code ?>"<?cs if:o.code == l.to ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select></div>
<div class="field<?cs if:Form[mode].error ?> field-error<?cs /if ?>"><label for="f-leg-mode-<?cs var:i ?>"><?cs var:Lang.rec.leg_mode ?><?cs call:need_mark(1) ?></label><?cs
if:Form[mode].error ?><p class="error"><?cs var:Form[mode].error ?></p><?cs /if ?>
<select id="f-leg-mode-<?cs var:i ?>" name="leg_mode.<?cs var:i ?>"<?cs if:Form[mode].error ?> aria-invalid="true"<?cs /if ?> required><option value=""><?cs var:Lang.rec.choose ?></option><?cs
each:o = Codes.transport ?><option value="<?cs var:o.code ?>"<?cs if:o.code == l.mode ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select></div>
<div class="actions"><?cs if:#i > 0 ?><button type="submit" class="secondary" name="action" value="up:<?cs var:i ?>"><?cs var:Lang.rec.up ?><span class="visually-hidden"> <?cs var:Lang.rec.leg ?> <?cs var:#i + 1 ?></span></button><?cs /if ?><?cs
if:#i + 1 < #Form.legs ?><button type="submit" class="secondary" name="action" value="down:<?cs var:i ?>"><?cs var:Lang.rec.down ?><span class="visually-hidden"> <?cs var:Lang.rec.leg ?> <?cs var:#i + 1 ?></span></button><?cs /if ?><?cs
if:#Form.legs > 1 ?><button type="submit" class="secondary" name="action" value="remove_leg:<?cs var:i ?>"><?cs var:Lang.rec.remove_leg ?><span class="visually-hidden"> <?cs var:Lang.rec.leg ?> <?cs var:#i + 1 ?></span></button><?cs /if ?></div>
</fieldset></li><?cs /each ?></ol><?cs
if:#Form.legs < #Page.MaxLegs ?><p><button type="submit" class="secondary" name="action" value="add_leg"><?cs var:Lang.rec.add_leg ?></button></p><?cs /if ?>
</fieldset>
<?cs call:field("migrants", Lang.rec.migrants, "text", "off", Lang.rec.migrants_hint, "") ?>
<fieldset><legend><?cs var:Lang.rec.fee ?></legend>
<p class="hint"><?cs var:Lang.rec.fee_hint ?></p>
<?cs call:field("fee_amount", Lang.rec.fee_amount, "text", "off", "", "") ?>
<?cs call:code_select("fee_currency", Lang.rec.fee_currency, "currency", Form.fee_currency.value, "", "") ?>
<?cs call:code_select("fee_scope", Lang.rec.fee_scope, "feescope", Form.fee_scope.value, "", "") ?>
</fieldset>
<?cs call:code_select("source", Lang.rec.source, "source", Form.source.value, "", "1") ?>
<?cs call:code_select("confidence", Lang.rec.confidence, "confidence", Form.confidence.value, "", "1") ?>
<?cs call:textarea("note", Lang.rec.note, Form.note.value, Lang.rec.note_hint, 4) ?>
<?cs call:confirm_pii() ?>
<p><button type="submit" name="action" value="save"><?cs var:Lang.rec.save ?></button></p>
</form><?cs
  if:Page.Record.id > 0 ?>
<form method="post" action="<?cs var:path ?>/<?cs var:Page.Record.id ?>/delete"><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Form.row_version ?>">
<p class="hint"><?cs var:Lang.rec.delete_hint ?></p>
<button type="submit" class="secondary"><?cs var:Lang.rec.delete ?></button></form><?cs
  /if ?><?cs
else ?>
<?cs call:readonly_reason() ?>
<dl class="facts">
<dt><?cs var:Lang.rec.origin ?></dt><dd><?cs var:Form.origin.label ?></dd>
<dt><?cs var:Lang.rec.legs ?></dt><dd><ol><?cs each:l = Form.Legs ?><li><?cs var:l.to_label ?> (<?cs var:l.mode_label ?>)</li><?cs /each ?></ol></dd>
<dt><?cs var:Lang.rec.migrants ?></dt><dd><?cs var:Form.migrants.value ?></dd>
<dt><?cs var:Lang.rec.fee ?></dt><dd><?cs if:Form.fee_amount.value ?><?cs var:Form.fee_amount.value ?> <?cs var:Form.fee_currency.label ?>, <?cs var:Form.fee_scope.label ?><?cs /if ?></dd>
<dt><?cs var:Lang.rec.source ?></dt><dd><?cs var:Form.source.label ?></dd>
<dt><?cs var:Lang.rec.confidence ?></dt><dd><?cs var:Form.confidence.label ?></dd>
<dt><?cs var:Lang.rec.note ?></dt><dd class="text"><?cs var:Form.note.value ?></dd>
</dl><?cs
/if ?><?cs
if:Page.Record.id > 0 ?><?cs call:record_history() ?><?cs /if ?>
<?cs include!"footer.cs" ?>

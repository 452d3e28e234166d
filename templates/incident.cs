<?cs if:Page.Record.id > 0 ?><?cs set:Page.Title = Lang.rec.incident_title + " " + Page.Record.n ?><?cs else ?><?cs set:Page.Title = Lang.rec.incident_new ?><?cs /if ?><?cs include!"header.cs" ?><?cs include!"record-macros.cs" ?>
<?cs set:path = Site.Base + "/submission/" + Page.Sub.id + "/incidents" ?>
<h1><?cs if:Page.Record.id > 0 ?><?cs var:Lang.rec.incident_title ?> <?cs var:Page.Record.n ?><?cs
else ?><?cs var:Lang.rec.incident_new ?><?cs /if ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?>
<p><a href="<?cs var:path ?>"><?cs var:Lang.rec.back_list ?></a>
&middot; <a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a></p><?cs
if:Page.Notice == "saved" ?><p class="notice" role="status"><?cs var:Lang.rec.saved ?></p><?cs /if ?>
<?cs call:stale_box() ?><?cs call:error_summary() ?><?cs
if:Page.Can.edit ?>
<p><?cs var:Lang.rec.no_names ?></p>
<form method="post" action="<?cs var:path ?>/<?cs if:Page.Record.id > 0 ?><?cs var:Page.Record.id ?><?cs else ?>new<?cs /if ?>" novalidate><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Form.row_version ?>">
<input type="hidden" name="persons" value="<?cs var:Form.persons ?>">
<?cs # First in the form, so the Enter key saves rather than moving a row. ?>
<p><button type="submit" name="action" value="save"><?cs var:Lang.rec.save ?></button></p>
<?cs call:field("date", Lang.rec.date, "text", "off", Lang.rec.date_hint, "1") ?>
<fieldset><legend><?cs var:Lang.rec.place ?></legend>
<?cs call:field("area", Lang.rec.area, "text", "off", Lang.rec.area_hint, "either") ?><?cs call:pii_warning("area") ?>
<?cs call:field("lat", Lang.rec.lat, "text", "off", Lang.rec.coords_hint, "either") ?>
<?cs call:field("lon", Lang.rec.lon, "text", "off", Lang.rec.coords_hint, "either") ?><?cs
if:Page.Rounded.lat || Page.Rounded.lon ?>
<p class="notice" id="coords-rounded"><?cs var:Lang.rec.rounded ?><?cs
  if:Page.Rounded.lat ?> <?cs var:Lang.rec.lat ?>: <?cs var:Page.Rounded.lat ?>.<?cs /if ?><?cs
  if:Page.Rounded.lon ?> <?cs var:Lang.rec.lon ?>: <?cs var:Page.Rounded.lon ?>.<?cs /if ?></p><?cs
/if ?>
</fieldset>
<?cs call:code_select("border", Lang.rec.border, "border", Form.border.value, "", "1") ?>
<?cs call:code_select("transport", Lang.rec.transport, "transport", Form.transport.value, "", "1") ?>
<?cs call:field("vessel", Lang.rec.vessel, "text", "off", Lang.rec.no_names, "") ?><?cs call:pii_warning("vessel") ?>
<?cs call:field("concealment", Lang.rec.concealment, "text", "off", Lang.rec.no_names, "") ?><?cs call:pii_warning("concealment") ?>
<fieldset id="f-persons"<?cs if:Form.persons.error ?> class="field-error"<?cs /if ?>><legend><?cs var:Lang.rec.persons ?></legend>
<p class="hint"><?cs var:Lang.rec.persons_hint ?></p><?cs
if:Form.persons.error ?><p class="error"><?cs var:Form.persons.error ?></p><?cs /if ?><?cs
each:pr = Form.Persons ?><?cs set:i = name(pr) ?><?cs set:cit = "person_cit." + i ?><?cs set:num = "person_n." + i ?>
<div class="person-row">
<div class="field<?cs if:Form[cit].error ?> field-error<?cs /if ?>"><label for="f-person-cit-<?cs var:i ?>"><?cs var:Lang.rec.citizenship ?> <?cs var:#i + 1 ?><?cs call:need_mark("1") ?></label><?cs
if:Form[cit].error ?><p class="error"><?cs var:Form[cit].error ?></p><?cs /if ?>
<select id="f-person-cit-<?cs var:i ?>" name="person_cit.<?cs var:i ?>"<?cs if:Form[cit].error ?> aria-invalid="true"<?cs /if ?>><option value=""><?cs var:Lang.rec.choose ?></option><?cs
each:o = Codes.country ?><option value="<?cs var:o.code ?>"<?cs if:o.code == pr.citizenship ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select></div>
<div class="field<?cs if:Form[num].error ?> field-error<?cs /if ?>"><label for="f-person-n-<?cs var:i ?>"><?cs var:Lang.rec.persons_n ?> <?cs var:#i + 1 ?><?cs call:need_mark("1") ?></label><?cs
if:Form[num].error ?><p class="error"><?cs var:Form[num].error ?></p><?cs /if ?>
<input type="text" inputmode="numeric" id="f-person-n-<?cs var:i ?>" name="person_n.<?cs var:i ?>" value="<?cs var:pr.n ?>" size="8"<?cs if:Form[num].error ?> aria-invalid="true"<?cs /if ?>></div>
<button type="submit" class="secondary" name="action" value="remove_person:<?cs var:i ?>"><?cs var:Lang.rec.remove_leg ?><span class="visually-hidden"> <?cs var:Lang.rec.citizenship ?> <?cs var:#i + 1 ?></span></button>
</div><?cs /each ?>
<p><button type="submit" class="secondary" name="action" value="add_person"><?cs var:Lang.rec.add_person ?></button></p>
</fieldset>
<?cs call:field("dead", Lang.rec.dead, "text", "off", "", "") ?>
<?cs call:field("missing", Lang.rec.missing, "text", "off", "", "") ?>
<?cs call:field("smugglers", Lang.rec.smugglers, "text", "off", "", "") ?>
<?cs call:code_select("follow_up", Lang.rec.follow_up, "followup", Form.follow_up.value, "", "1") ?>
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
<dt><?cs var:Lang.rec.date ?></dt><dd><?cs var:Form.date.value ?></dd>
<dt><?cs var:Lang.rec.place ?></dt><dd><?cs var:Form.area.value ?> <?cs var:Form.lat.value ?> <?cs var:Form.lon.value ?></dd>
<dt><?cs var:Lang.rec.border ?></dt><dd><?cs var:Form.border.label ?></dd>
<dt><?cs var:Lang.rec.transport ?></dt><dd><?cs var:Form.transport.label ?></dd>
<dt><?cs var:Lang.rec.vessel ?></dt><dd><?cs var:Form.vessel.value ?></dd>
<dt><?cs var:Lang.rec.concealment ?></dt><dd><?cs var:Form.concealment.value ?></dd>
<dt><?cs var:Lang.rec.persons ?></dt><dd><ul><?cs each:pr = Form.Persons ?><li><?cs var:pr.label ?>: <?cs var:pr.n ?></li><?cs /each ?></ul></dd>
<dt><?cs var:Lang.rec.dead ?></dt><dd><?cs var:Form.dead.value ?></dd>
<dt><?cs var:Lang.rec.missing ?></dt><dd><?cs var:Form.missing.value ?></dd>
<dt><?cs var:Lang.rec.smugglers ?></dt><dd><?cs var:Form.smugglers.value ?></dd>
<dt><?cs var:Lang.rec.follow_up ?></dt><dd><?cs var:Form.follow_up.label ?></dd>
<dt><?cs var:Lang.rec.note ?></dt><dd class="text"><?cs var:Form.note.value ?></dd>
</dl><?cs
/if ?><?cs
if:Page.Record.id > 0 ?><?cs call:record_history() ?><?cs /if ?>
<?cs include!"footer.cs" ?>

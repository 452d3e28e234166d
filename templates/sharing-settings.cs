<?cs set:Page.Title = Lang.pool.settings_title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.pool.settings_title ?></h1><?cs
if:Page.Notice == "saved" ?><p class="notice" role="status"><?cs var:Lang.pool.saved ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<p><?cs var:Lang.pool.settings_intro ?></p>
<?cs def:radio(name, value, label) ?>
<div class="check"><input type="radio" id="f-<?cs var:name ?>-<?cs var:value ?>" name="<?cs var:name ?>" value="<?cs var:value ?>"<?cs
if:Form[name].value == value ?> checked<?cs /if ?>><label for="f-<?cs var:name ?>-<?cs var:value ?>"><?cs var:label ?></label></div><?cs
/def ?>
<?cs def:radios_error(name) ?><?cs if:Form[name].error ?><p class="error"><?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<form method="post" action="<?cs var:Site.Base ?>/admin/sharing" novalidate><?cs call:csrf() ?>
<fieldset id="f-sharing_mode"<?cs if:Form.sharing_mode.error ?> class="field-error"<?cs /if ?>><legend><?cs var:Lang.pool.mode ?></legend><?cs call:radios_error("sharing_mode") ?>
<?cs call:radio("sharing_mode", "period", Lang.pool.mode_period) ?>
<?cs call:radio("sharing_mode", "rolling", Lang.pool.mode_rolling) ?>
<?cs call:radio("sharing_mode", "dataset", Lang.pool.mode_dataset) ?>
</fieldset>
<?cs call:field("sharing_window", Lang.pool.window, "text", "off", "", "1") ?>
<fieldset id="f-contribution"<?cs if:Form.contribution.error ?> class="field-error"<?cs /if ?>><legend><?cs var:Lang.pool.contribution ?></legend><?cs call:radios_error("contribution") ?>
<?cs call:radio("contribution", "accepted", Lang.pool.contribution_accepted) ?>
<?cs call:radio("contribution", "submitted", Lang.pool.contribution_submitted) ?>
</fieldset>
<?cs call:field("suppress_k", Lang.pool.k, "text", "off", "", "1") ?>
<?cs call:field("suppress_below", Lang.pool.below, "text", "off", Lang.pool.below_hint, "") ?>
<fieldset id="f-default_level"<?cs if:Form.default_level.error ?> class="field-error"<?cs /if ?>><legend><?cs var:Lang.pool.default_level ?></legend><?cs call:radios_error("default_level") ?>
<?cs call:radio("default_level", "attributed", Lang.pool.level_attributed) ?>
<?cs call:radio("default_level", "aggregate", Lang.pool.level_aggregate_long) ?>
</fieldset>
<p><button type="submit"><?cs var:Lang.pool.save ?></button></p>
</form>
<?cs include!"footer.cs" ?>

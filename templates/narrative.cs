<?cs set:Page.Title = Lang.rec.narrative_title ?><?cs include!"header.cs" ?><?cs include!"record-macros.cs" ?>
<h1><?cs var:Lang.rec.narrative_title ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a></p><?cs
if:Page.Notice == "saved" ?><p class="notice" role="status"><?cs var:Lang.rec.saved ?></p><?cs /if ?><?cs
if:Page.Stale ?><div class="stale" role="alert"><h2><?cs var:Lang.rec.stale_title ?></h2><p><?cs var:Lang.rec.stale_narrative ?></p></div><?cs /if ?>
<?cs call:error_summary() ?><?cs
if:Page.Can.edit ?>
<p><?cs var:Lang.rec.narrative_intro ?></p>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/narrative" novalidate><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs var:Form.row_version ?>"><?cs
each:t = Page.Texts ?><?cs set:share = t.key + "_share" ?>
<fieldset><legend><?cs var:Lang.rec[t.key] ?></legend><?cs
  if:Page.Stale ?><h3><?cs var:Lang.rec.theirs ?></h3><p class="text"><?cs var:Page.Theirs[name(t)].value ?></p><?cs /if ?>
<?cs call:textarea(t.key, Lang.rec[t.key], t.value, Lang.rec.no_names, 8) ?>
<fieldset class="radios<?cs if:Form[share].error ?> field-error<?cs /if ?>" id="f-<?cs var:share ?>"><legend><?cs var:Lang.rec.share ?></legend><?cs
  if:Form[share].error ?><p class="error"><?cs var:Form[share].error ?></p><?cs /if ?>
<div class="check"><input type="radio" id="f-<?cs var:share ?>-peers" name="<?cs var:share ?>" value="peers"<?cs if:t.share == "peers" ?> checked<?cs /if ?>>
<label for="f-<?cs var:share ?>-peers"><?cs var:Lang.rec.share_peers ?></label></div>
<div class="check"><input type="radio" id="f-<?cs var:share ?>-secretariat" name="<?cs var:share ?>" value="secretariat"<?cs if:t.share != "peers" ?> checked<?cs /if ?>>
<label for="f-<?cs var:share ?>-secretariat"><?cs var:Lang.rec.share_secretariat ?></label></div>
</fieldset></fieldset><?cs
/each ?>
<?cs call:confirm_pii() ?>
<p><button type="submit" name="action" value="save"><?cs var:Lang.rec.save ?></button></p>
</form><?cs
else ?>
<?cs call:readonly_reason() ?><?cs
each:t = Page.Texts ?>
<h2><?cs var:Lang.rec[t.key] ?></h2>
<p class="hint"><?cs if:t.share == "peers" ?><?cs var:Lang.rec.share_peers ?><?cs else ?><?cs var:Lang.rec.share_secretariat ?><?cs /if ?></p>
<p class="text"><?cs var:t.value ?></p><?cs
/each ?><?cs
/if ?><?cs call:record_history() ?>
<?cs include!"footer.cs" ?>

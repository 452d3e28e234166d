<?cs set:Page.Title = Lang.ds[Grid.dataset].title ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"grid-table.cs" ?>
<h1><?cs var:Lang.ds[Grid.dataset].title ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?><?cs call:return_reason() ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a>
&middot; <?cs var:Lang.report.status ?>: <?cs var:Lang.status[Page.Sub.status] ?></p><?cs
if:Page.Notice == "saved" ?><p class="notice" role="status"><?cs var:Lang.grid.saved ?></p><?cs /if ?><?cs
if:Page.Stale ?>
<div class="stale" role="alert"><h2><?cs var:Lang.grid.stale_title ?></h2><p><?cs var:Lang.grid.stale_text ?></p></div>
<h2 id="theirs"><?cs var:Lang.grid.theirs ?></h2><?cs
each:t = Theirs.Tables ?><?cs call:grid_table(t, 0, "theirs") ?><?cs /each ?><?cs
/if ?>
<?cs call:error_summary() ?><?cs
if:Page.Can.edit ?>
<p><?cs var:Lang.grid.intro ?></p>
<form method="post" action="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>/<?cs var:Grid.dataset ?>" novalidate><?cs call:csrf() ?>
<input type="hidden" name="row_version" value="<?cs alt:Page.Sub.form_version ?><?cs var:Page.Sub.row_version ?><?cs /alt ?>">
<p><button type="submit" name="action" value="save"><?cs var:Lang.grid.save ?></button></p><?cs
if:Page.ConfirmRemove.row ?>
<div class="confirm" id="confirm-remove" role="region" aria-labelledby="confirm-remove-title">
<h2 id="confirm-remove-title"><?cs var:Lang.grid.confirm_title ?></h2>
<p><?cs var:Lang.grid.confirm_row ?> <strong><?cs var:Page.ConfirmRemove.label ?></strong>
(<?cs var:Lang.ds[Grid.dataset][Page.ConfirmRemove.table] ?>) <?cs var:Lang.grid.confirm_holds ?></p>
<p><?cs var:Lang.grid.confirm_text ?></p>
<p><button type="submit" name="action" value="remove_confirmed:<?cs var:Page.ConfirmRemove.table ?>:<?cs var:Page.ConfirmRemove.row ?>"><?cs var:Lang.grid.confirm_remove ?></button>
<button type="submit" name="action" value="keep" class="secondary"><?cs var:Lang.grid.confirm_keep ?></button></p>
</div><?cs
/if ?><?cs
if:subcount(Grid.Choices) > 0 ?><?cs call:grid_add() ?><?cs /if ?><?cs
each:t = Grid.Tables ?><?cs call:grid_table(t, 1, "") ?><?cs /each ?>
<?cs call:field("reason", Lang.grid.reason, "text", "off", Lang.grid.reason_hint, "") ?>
<p><button type="submit" name="action" value="save"><?cs var:Lang.grid.save ?></button></p>
</form><?cs
else ?>
<?cs call:readonly_reason() ?><?cs
each:t = Grid.Tables ?><?cs call:grid_table(t, 0, "") ?><?cs /each ?><?cs
/if ?>
<?cs include!"footer.cs" ?>

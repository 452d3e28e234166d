<?cs set:Page.Title = Lang.history.title ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"history-macros.cs" ?>
<h1><?cs var:Lang.history.title ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a></p>
<div class="scroll" role="region" tabindex="0" aria-labelledby="history-caption"><table class="data">
<caption id="history-caption"><?cs var:Lang.history.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.history.at ?></th><th scope="col"><?cs var:Lang.history.who ?></th>
<th scope="col"><?cs var:Lang.history.what ?></th><th scope="col"><?cs var:Lang.history.detail ?></th></tr></thead>
<tbody><?cs each:h = Page.History ?>
<tr><td><?cs var:h.at ?></td><td><?cs call:actor(h.actor) ?></td><td><?cs alt:Lang.history.action[h.action] ?><?cs var:h.action ?><?cs /alt ?></td><td><?cs call:history_say(h) ?><?cs if:subcount(h.Changes) > 0 ?><ul class="changes"><?cs
each:c = h.Changes ?><li><?cs call:history_change(c) ?></li><?cs /each ?></ul><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div>
<?cs include!"footer.cs" ?>

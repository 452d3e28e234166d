<?cs set:Page.Title = Lang.rec.incidents ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"record-macros.cs" ?>
<?cs set:path = Site.Base + "/submission/" + Page.Sub.id + "/incidents" ?>
<h1><?cs var:Lang.rec.incidents ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?><?cs call:return_reason() ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a>
&middot; <?cs var:Lang.report.status ?>: <?cs var:Lang.status[Page.Sub.status] ?>
&middot; <a href="<?cs var:path ?>.csv"><?cs var:Lang.rec.csv ?></a></p><?cs
if:Page.Notice == "deleted" ?><p class="notice" role="status"><?cs var:Lang.rec.deleted ?></p><?cs /if ?><?cs
if:Page.Can.edit ?><p><a class="button" href="<?cs var:path ?>/new"><?cs var:Lang.rec.add_incident ?></a></p><?cs /if ?>
<?cs call:filters(path, Lang.rec.citizenship) ?><?cs
if:subcount(Page.Incidents) == 0 ?><p><?cs var:Lang.rec.none ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="incidents-caption"><table class="data">
<caption id="incidents-caption"><?cs var:Lang.rec.list_caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.rec.date ?></th><th scope="col"><?cs var:Lang.rec.place ?></th>
<th scope="col"><?cs var:Lang.rec.transport ?></th><th scope="col"><?cs var:Lang.rec.persons ?></th>
<th scope="col" class="num"><?cs var:Lang.rec.dead ?></th><th scope="col" class="num"><?cs var:Lang.rec.missing ?></th></tr></thead>
<tbody><?cs each:r = Page.Incidents ?>
<tr><th scope="row"><a href="<?cs var:path ?>/<?cs var:r.id ?>"><?cs var:r.date ?></a></th><td><?cs var:r.place ?></td>
<td><?cs var:r.transport ?></td><td><?cs var:r.persons ?></td><td class="num"><?cs var:r.dead ?></td><td class="num"><?cs var:r.missing ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<?cs call:paging(path) ?>
<?cs include!"footer.cs" ?>

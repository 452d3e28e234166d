<?cs set:Page.Title = Lang.rec.routes ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"record-macros.cs" ?>
<?cs set:path = Site.Base + "/submission/" + Page.Sub.id + "/routes" ?>
<h1><?cs var:Lang.rec.routes ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:next_step() ?><?cs call:return_reason() ?>
<p><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a>
&middot; <?cs var:Lang.report.status ?>: <?cs var:Lang.status[Page.Sub.status] ?>
&middot; <a href="<?cs var:path ?>.csv"><?cs var:Lang.rec.csv ?></a></p><?cs
if:Page.Notice == "deleted" ?><p class="notice" role="status"><?cs var:Lang.rec.deleted ?></p><?cs /if ?><?cs
if:Page.Can.edit ?><p><a class="button" href="<?cs var:path ?>/new"><?cs var:Lang.rec.add_route ?></a></p><?cs /if ?>
<?cs call:filters(path, Lang.rec.filter_country) ?><?cs
if:subcount(Page.Routes) == 0 ?><p><?cs var:Lang.rec.none ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="routes-caption"><table class="data">
<caption id="routes-caption"><?cs var:Lang.rec.list_caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.rec.origin ?></th><th scope="col"><?cs var:Lang.rec.legs ?></th>
<th scope="col"><?cs var:Lang.rec.destination ?></th><th scope="col" class="num"><?cs var:Lang.rec.migrants ?></th>
<th scope="col"><?cs var:Lang.rec.fee ?></th><th scope="col"><?cs var:Lang.rec.updated ?></th></tr></thead>
<tbody><?cs each:r = Page.Routes ?>
<tr><th scope="row"><a href="<?cs var:path ?>/<?cs var:r.id ?>"><?cs var:r.origin ?></a></th><td><?cs var:r.legs ?></td>
<td><?cs var:r.destination ?></td><td class="num"><?cs var:r.migrants ?></td><td><?cs
if:r.fee_amount ?><?cs var:r.fee_amount ?> <?cs var:r.fee_currency ?>, <?cs var:r.fee_scope ?><?cs /if ?></td><td><?cs var:r.updated ?> UTC</td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<?cs call:paging(path) ?>
<?cs include!"footer.cs" ?>

<?cs # review.cs: "read before you certify": everything of one submission
     on one page that also prints (style.css hides navigation and forms
     in print): facts, the datasets with nil returns and return reasons,
     consistency warnings, the four datasets' tables with totals, routes,
     incidents and the narrative; then the workflow forms the policy
     allows (submission-actions.cs). ?><?cs
set:Page.Title = Lang.review.title ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"grid-table.cs" ?><?cs include!"history-macros.cs" ?>
<h1><?cs var:Lang.review.title ?>: <?cs var:Page.Sub.period ?>, <?cs var:Page.Sub.jname ?> (<?cs var:Page.Sub.jcode ?>)</h1>
<?cs call:error_summary() ?>
<p class="no-print"><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Sub.id ?>"><?cs var:Lang.grid.back ?></a></p>
<p><?cs var:Lang.review.intro ?></p>
<dl class="facts">
  <dt><?cs var:Lang.report.status ?></dt><dd><?cs var:Lang.status[Page.Sub.status] ?></dd>
  <dt><?cs var:Lang.report.version ?></dt><dd><?cs var:Page.Sub.version ?></dd>
  <dt><?cs var:Lang.report.updated ?></dt><dd><?cs var:Page.Sub.updated ?> UTC</dd>
  <dt><?cs var:Lang.pool.sub_level ?></dt><dd><?cs if:Page.Sub.sharing_level == "aggregate" ?><?cs var:Lang.pool.level_aggregate_long ?><?cs else ?><?cs var:Lang.pool.level_attributed ?><?cs /if ?></dd>
  <dt><?cs var:Lang.report.due ?></dt><dd><?cs var:Page.Sub.due ?></dd>
</dl>
<h2 id="r-parts"><?cs var:Lang.sub.datasets ?></h2>
<div class="scroll" role="region" tabindex="0" aria-labelledby="r-parts"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.sub.datasets ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.sub.dataset ?></th><th scope="col" class="num"><?cs var:Lang.sub.cells ?></th>
<th scope="col"><?cs var:Lang.sub.nil ?></th><th scope="col"><?cs var:Lang.sub.reason ?></th></tr></thead>
<tbody><?cs each:d = Page.Datasets ?>
<tr><th scope="row"><?cs var:Lang.ds[d.key].title ?></th><td class="num"><?cs var:d.cells ?></td>
<td><?cs if:d.nil ?><?cs var:Lang.sub.nil ?><?cs /if ?></td><td class="text"><?cs var:d.reason ?></td></tr><?cs
/each ?></tbody></table></div>
<?cs if:subcount(Page.Returns) > 0 ?>
<h2 id="r-returns"><?cs var:Lang.review.returns ?></h2>
<ul class="returns"><?cs each:h = Page.Returns ?>
<li><?cs var:h.at ?> UTC, <?cs call:actor(h.actor) ?>: <?cs call:history_say(h) ?></li><?cs
/each ?></ul><?cs /if ?>
<h2><?cs var:Lang.sub.warnings ?></h2><?cs
if:subcount(Page.Warnings) > 0 ?>
<p><?cs var:Lang.sub.warnings_intro ?></p>
<ul class="warnings"><?cs each:w = Page.Warnings ?>
<li><?cs var:Lang.ds[w.ds].title ?>: <?cs var:w.row ?>, <?cs var:w.col ?>:
<?cs var:w.a ?> (<?cs var:w.av ?>) <?cs var:Lang.sub.exceeds ?> <?cs var:w.b ?> (<?cs var:w.bv ?>)</li><?cs
/each ?></ul><?cs
else ?><p><?cs var:Lang.review.no_warnings ?></p><?cs /if ?><?cs
each:d = Review.Ds ?><?cs set:Grid.dataset = d.key ?>
<section class="review-part" aria-labelledby="r-<?cs var:d.key ?>">
<h2 id="r-<?cs var:d.key ?>" class="dataset"><?cs var:Lang.ds[d.key].title ?></h2><?cs
each:t = d.Tables ?><?cs
if:subcount(t.Rows) > 0 ?><?cs call:grid_table(t, 0, "") ?><?cs
else ?><h3><?cs var:Lang.ds[d.key][t.key] ?></h3><p><?cs var:Lang.review.no_rows ?></p><?cs /if ?><?cs
/each ?></section><?cs
/each ?>
<section class="review-part" aria-labelledby="r-routes">
<h2 id="r-routes"><?cs var:Lang.rec.routes ?></h2><?cs
if:subcount(Page.Routes) == 0 ?><p><?cs var:Lang.review.no_records ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="r-routes"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.rec.routes ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.rec.origin ?></th><th scope="col"><?cs var:Lang.rec.legs ?></th>
<th scope="col"><?cs var:Lang.rec.destination ?></th><th scope="col" class="num"><?cs var:Lang.rec.migrants ?></th>
<th scope="col"><?cs var:Lang.rec.fee ?></th><th scope="col"><?cs var:Lang.rec.note ?></th></tr></thead>
<tbody><?cs each:r = Page.Routes ?>
<tr><th scope="row"><?cs var:r.origin ?></th><td><?cs var:r.legs ?></td><td><?cs var:r.destination ?></td>
<td class="num"><?cs var:r.migrants ?></td><td><?cs
if:r.fee_amount ?><?cs var:r.fee_amount ?> <?cs var:r.fee_currency ?>, <?cs var:r.fee_scope ?><?cs /if ?></td><td class="text"><?cs var:r.note ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?></section>
<section class="review-part" aria-labelledby="r-incidents">
<h2 id="r-incidents"><?cs var:Lang.rec.incidents ?></h2><?cs
if:subcount(Page.Incidents) == 0 ?><p><?cs var:Lang.review.no_records ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="r-incidents"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.rec.incidents ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.rec.date ?></th><th scope="col"><?cs var:Lang.rec.place ?></th>
<th scope="col"><?cs var:Lang.rec.border ?></th><th scope="col"><?cs var:Lang.rec.transport ?></th>
<th scope="col"><?cs var:Lang.rec.vessel ?></th><th scope="col"><?cs var:Lang.rec.concealment ?></th>
<th scope="col"><?cs var:Lang.rec.persons ?></th><th scope="col" class="num"><?cs var:Lang.rec.dead ?></th>
<th scope="col" class="num"><?cs var:Lang.rec.missing ?></th><th scope="col" class="num"><?cs var:Lang.rec.smugglers ?></th>
<th scope="col"><?cs var:Lang.rec.follow_up ?></th><th scope="col"><?cs var:Lang.rec.note ?></th></tr></thead>
<tbody><?cs each:r = Page.Incidents ?>
<tr><th scope="row"><?cs var:r.date ?></th><td><?cs var:r.place ?></td><td><?cs var:r.border ?></td>
<td><?cs var:r.transport ?></td><td><?cs var:r.vessel ?></td><td><?cs var:r.concealment ?></td>
<td><?cs var:r.persons ?></td><td class="num"><?cs var:r.dead ?></td><td class="num"><?cs var:r.missing ?></td>
<td class="num"><?cs var:r.smugglers ?></td><td><?cs var:r.follow_up ?></td><td class="text"><?cs var:r.note ?></td></tr><?cs
/each ?></tbody></table></div><?cs
/if ?></section>
<section class="review-part" aria-labelledby="r-narrative">
<h2 id="r-narrative"><?cs var:Lang.rec.narrative ?></h2><?cs
each:t = Page.Texts ?>
<h3><?cs var:Lang.rec[t.key] ?></h3>
<p class="hint"><?cs if:t.share == "peers" ?><?cs var:Lang.rec.share_peers ?><?cs else ?><?cs var:Lang.rec.share_secretariat ?><?cs /if ?></p><?cs
if:t.value ?><p class="text"><?cs var:t.value ?></p><?cs else ?><p><?cs var:Lang.review.no_text ?></p><?cs /if ?><?cs
/each ?></section>
<div class="no-print"><?cs include!"submission-actions.cs" ?></div>
<?cs include!"footer.cs" ?>

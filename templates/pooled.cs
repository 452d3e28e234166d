<?cs set:Page.Title = Lang.pool.totals_title + ": " + Lang.ds[Page.Dataset].title + ", " + Page.Period ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"pool-macros.cs" ?>
<h1><?cs var:Lang.pool.totals_title ?>: <?cs var:Lang.ds[Page.Dataset].title ?>, <?cs var:Page.Period ?></h1>
<p><a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.pool.why_title ?></a>
&middot; <a href="<?cs var:Site.Base ?>/pooled/trends?dataset=<?cs var:url_escape(Page.Dataset) ?>"><?cs var:Lang.pool.trends_title ?></a>
&middot; <a href="<?cs var:Site.Base ?>/pooled?period=<?cs var:url_escape(Page.Period) ?>&amp;dataset=<?cs var:url_escape(Page.Dataset) ?>&amp;format=csv"><?cs var:Lang.pool.csv ?></a></p>
<?cs call:chooser(Site.Base + "/pooled", 1, 1) ?>
<p><?cs var:Lang.pool.from_states ?> <?cs var:Page.States ?>.
<?cs var:Lang.pool.suppressed_note ?> <?cs var:Page.K ?> <?cs var:Lang.pool.suppressed_note2 ?><?cs
if:Page.Secretariat ?> <?cs var:Lang.pool.secretariat_mark ?><?cs /if ?></p><?cs
each:t = Page.Tables ?>
<h2 id="t-<?cs var:t.key ?>"><?cs var:Lang.ds[Page.Dataset][t.key] ?></h2>
<?cs call:bars(t, "chart-" + t.key, Lang.pool.chart_rows + ": " + Lang.ds[Page.Dataset][t.key], Lang.pool.chart_desc) ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="t-<?cs var:t.key ?>"><table class="data grid">
<caption class="visually-hidden"><?cs var:Lang.ds[Page.Dataset][t.key] ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.row ?></th><?cs each:c = t.Cols ?><th scope="col" class="num"><?cs var:c ?></th><?cs /each ?>
<th scope="col" class="num"><?cs var:Lang.pool.total ?></th></tr></thead>
<tbody><?cs each:r = t.Rows ?>
<tr><th scope="row"><?cs var:r.label ?></th><?cs each:x = r.Cells ?><td class="num"><?cs if:x.F ?><?cs call:marked(x) ?><?cs else ?><?cs var:x ?><?cs /if ?></td><?cs /each ?>
<td class="num"><?cs if:r.Total.F ?><?cs call:marked(r.Total) ?><?cs else ?><?cs var:r.Total ?><?cs /if ?></td></tr><?cs
/each ?></tbody>
<tfoot><tr><th scope="row"><?cs var:Lang.pool.total ?></th><?cs each:c = t.ColTotals ?><td class="num"><?cs if:c.F ?><?cs call:marked(c) ?><?cs else ?><?cs var:c ?><?cs /if ?></td><?cs /each ?><td class="num"><?cs if:t.GrandTotal.F ?><?cs call:marked(t.GrandTotal) ?><?cs else ?><?cs var:t.GrandTotal ?><?cs /if ?></td></tr></tfoot>
</table></div><?cs
/each ?>
<h2 id="by-state"><?cs var:Lang.pool.by_state ?></h2><?cs
if:Page.Country ?><p><?cs var:Lang.pool.by_state_country ?> <?cs alt:Page.CountryName ?><?cs var:Page.Country ?><?cs /alt ?>.</p><?cs /if ?><?cs
if:subcount(Page.ByJurisdiction) > 0 ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="by-state"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.pool.by_state ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.state ?></th><th scope="col"><?cs var:Lang.pool.by_state_table ?></th><th scope="col" class="num"><?cs var:Lang.pool.total ?></th></tr></thead>
<tbody><?cs each:b = Page.ByJurisdiction ?>
<tr><th scope="row"><?cs var:b.name ?> (<?cs var:b.code ?>)<?cs if:b.aggregate ?>: <?cs var:Lang.pool.level_aggregate ?><?cs /if ?></th>
<td><?cs var:Lang.ds[Page.Dataset][b.tbl] ?></td><td class="num"><?cs if:b.sum.F ?><?cs call:marked(b.sum) ?><?cs else ?><?cs var:b.sum ?><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div><?cs
else ?><p><?cs var:Lang.pool.nothing ?></p><?cs /if ?>
<?cs include!"footer.cs" ?>

<?cs set:Page.Title = Lang.pool.routes_title + ": " + Page.Period ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"pool-macros.cs" ?>
<h1><?cs var:Lang.pool.routes_title ?>: <?cs var:Page.Period ?></h1>
<p><a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.pool.why_title ?></a>
&middot; <a href="<?cs var:Site.Base ?>/pooled/routes?period=<?cs var:url_escape(Page.Period) ?>&amp;format=csv"><?cs var:Lang.pool.csv ?></a></p>
<?cs call:chooser(Site.Base + "/pooled/routes", 0, 1) ?>
<p><?cs var:Lang.pool.routes_left_out ?> <?cs var:Page.K ?> <?cs var:Lang.pool.suppressed_note2 ?>
<?cs var:Lang.pool.left_out_count ?> <?cs var:Page.Suppressed.flows ?> / <?cs var:Page.Suppressed.fees ?>.</p>
<h2 id="top"><?cs var:Lang.pool.top ?></h2>
<?cs call:bars(Page.Top, "chart-top", Lang.pool.top, Lang.pool.top_desc) ?>
<h2 id="matrix"><?cs var:Lang.pool.matrix ?></h2><?cs
if:subcount(Page.Matrix.Cells) > 0 ?>
<svg class="chart" role="img" aria-labelledby="matrix-title matrix-desc" width="<?cs var:Page.Matrix.width ?>" height="<?cs var:Page.Matrix.height ?>" viewBox="0 0 <?cs var:Page.Matrix.width ?> <?cs var:Page.Matrix.height ?>">
<title id="matrix-title"><?cs var:Lang.pool.matrix ?></title>
<desc id="matrix-desc"><?cs var:Lang.pool.matrix_desc ?></desc><?cs
each:c = Page.Matrix.Cols ?><text x="<?cs var:c.x ?>" y="20" class="label" text-anchor="middle"><?cs var:c.code ?></text><?cs /each ?><?cs
each:r = Page.Matrix.Rows ?><text x="0" y="<?cs var:r.y ?>" class="label"><?cs var:r.code ?></text><?cs /each ?><?cs
each:c = Page.Matrix.Cells ?><rect x="<?cs var:c.x ?>" y="<?cs var:c.y ?>" width="44" height="24" class="bar" fill-opacity="<?cs var:c.shade ?>"></rect>
<text x="<?cs var:#c.x + 22 ?>" y="<?cs var:#c.y + 16 ?>" class="value" text-anchor="middle"><?cs var:c.records ?></text><?cs /each ?>
</svg>
<dl class="key"><dt><?cs var:Lang.pool.matrix_rows ?></dt><dd><?cs
each:r = Page.Matrix.Rows ?><?cs if:name(r) != "0" ?>; <?cs /if ?><?cs var:r.code ?>: <?cs var:r.name ?><?cs /each ?></dd>
<dt><?cs var:Lang.pool.matrix_cols ?></dt><dd><?cs
each:c = Page.Matrix.Cols ?><?cs if:name(c) != "0" ?>; <?cs /if ?><?cs var:c.code ?>: <?cs var:c.name ?><?cs /each ?></dd></dl><?cs
else ?><p><?cs var:Lang.pool.nothing ?></p><?cs /if ?>
<h2 id="flows"><?cs var:Lang.pool.flows ?></h2>
<div class="scroll" role="region" tabindex="0" aria-labelledby="flows"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.pool.flows ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.origin ?></th><th scope="col"><?cs var:Lang.pool.destination ?></th>
<th scope="col" class="num"><?cs var:Lang.pool.records ?></th><th scope="col" class="num"><?cs var:Lang.pool.migrants ?></th></tr></thead>
<tbody><?cs each:f = Page.Flows ?>
<tr><th scope="row"><?cs var:f.origin ?></th><td><?cs var:f.destination ?></td>
<td class="num"><?cs var:f.records ?><?cs if:f.hidden_from_states ?> <abbr title="<?cs var:Lang.pool.hidden_from_states ?>" class="confidential">S</abbr><?cs /if ?></td><td class="num"><?cs if:#f.migrants > 0 ?><?cs var:f.migrants ?><?cs else ?><?cs var:Lang.pool.migrants_none ?><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div>
<h2 id="fees"><?cs var:Lang.pool.fees ?></h2>
<div class="scroll" role="region" tabindex="0" aria-labelledby="fees"><table class="data">
<caption class="visually-hidden"><?cs var:Lang.pool.fees ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.origin ?></th><th scope="col"><?cs var:Lang.pool.destination ?></th>
<th scope="col"><?cs var:Lang.pool.currency ?></th><th scope="col"><?cs var:Lang.pool.scope ?></th>
<th scope="col" class="num"><?cs var:Lang.pool.records ?></th><th scope="col" class="num"><?cs var:Lang.pool.min ?></th><th scope="col" class="num"><?cs var:Lang.pool.max ?></th></tr></thead>
<tbody><?cs each:f = Page.Fees ?>
<tr><th scope="row"><?cs var:f.origin ?></th><td><?cs var:f.destination ?></td>
<td><?cs var:f.currency ?></td><td><?cs var:f.scope ?></td><td class="num"><?cs var:f.records ?></td><td class="num"><?cs var:f.min ?></td><td class="num"><?cs var:f.max ?></td></tr><?cs
/each ?></tbody></table></div>
<?cs include!"footer.cs" ?>

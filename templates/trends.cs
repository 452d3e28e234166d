<?cs set:Page.Title = Lang.pool.trends_title + ": " + Lang.ds[Page.Dataset].title ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs include!"pool-macros.cs" ?>
<h1><?cs var:Lang.pool.trends_title ?>: <?cs var:Lang.ds[Page.Dataset].title ?></h1>
<p><a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.pool.why_title ?></a>
&middot; <a href="<?cs var:Site.Base ?>/pooled/trends?dataset=<?cs var:url_escape(Page.Dataset) ?>&amp;format=csv"><?cs var:Lang.pool.csv ?></a></p>
<form method="get" action="<?cs var:Site.Base ?>/pooled/trends" class="filters"><fieldset><legend><?cs var:Lang.rec.filter ?></legend>
<div class="field"><label for="f-dataset"><?cs var:Lang.pool.choose_dataset ?></label>
<select id="f-dataset" name="dataset"><?cs each:d = Lang.ds ?><?cs if:d.title && name(d) != "routes" && name(d) != "incidents" ?><option value="<?cs var:name(d) ?>"<?cs if:name(d) == Page.Dataset ?> selected<?cs /if ?>><?cs var:d.title ?></option><?cs /if ?><?cs /each ?></select></div>
<button type="submit"><?cs var:Lang.pool.show ?></button></fieldset></form>
<svg class="chart" role="img" aria-labelledby="trend-title trend-desc" width="<?cs var:Page.ChartWidth ?>" height="280" viewBox="0 0 <?cs var:Page.ChartWidth ?> 280">
<title id="trend-title"><?cs var:Lang.pool.trends_chart ?>: <?cs var:Lang.ds[Page.Dataset].title ?></title>
<desc id="trend-desc"><?cs var:Lang.pool.trends_desc ?><?cs if:subcount(Page.Changes) > 0 ?> <?cs var:Lang.pool.changes_desc ?><?cs /if ?></desc>
<text x="0" y="12" class="label axis-title"><?cs var:Lang.pool.axis_total ?></text>
<line x1="70" y1="24" x2="70" y2="224" class="axis"></line>
<line x1="70" y1="224" x2="<?cs var:Page.AxisEnd ?>" y2="224" class="axis"></line><?cs
each:k = Page.Ticks ?>
<line x1="65" y1="<?cs var:k.y ?>" x2="70" y2="<?cs var:k.y ?>" class="axis"></line>
<text x="62" y="<?cs var:#k.y + 4 ?>" text-anchor="end" class="label"><?cs var:k.v ?></text><?cs /each ?><?cs
each:r = Page.Rows ?>
<text x="<?cs var:r.x ?>" y="242" text-anchor="middle" class="label"><?cs var:r.period ?></text><?cs /each ?>
<text x="<?cs var:Page.AxisMid ?>" y="272" text-anchor="middle" class="label axis-title"><?cs var:Lang.pool.period ?></text><?cs
each:c = Page.Changes ?>
<line x1="<?cs var:c.x ?>" y1="24" x2="<?cs var:c.x ?>" y2="224" class="change"></line>
<text x="<?cs var:c.x ?>" y="22" text-anchor="middle" class="label change-label"><?cs var:c.states ?></text><?cs /each ?><?cs
each:l = Page.Lines ?><polyline points="<?cs var:l ?>" class="line line-<?cs var:name(l) ?>"></polyline><?cs /each ?><?cs
each:l = Page.Points ?><?cs each:pt = l ?><circle cx="<?cs var:pt.x ?>" cy="<?cs var:pt.y ?>" r="3" class="point point-<?cs var:name(l) ?>"></circle><?cs /each ?><?cs /each ?>
</svg>
<h2 id="changes"><?cs var:Lang.pool.changes_title ?></h2><?cs
if:subcount(Page.Changes) > 0 ?>
<p><?cs var:Lang.pool.changes_intro ?></p>
<ul class="changes"><?cs each:c = Page.Changes ?>
<li><?cs var:c.period ?>: <?cs var:c.states ?> <?cs if:c.states == 1 ?><?cs var:Lang.pool.unlock_state ?><?cs else ?><?cs var:Lang.pool.unlock_states ?><?cs /if ?> (<?cs var:Lang.pool.before ?> <?cs var:c.before ?>)</li><?cs /each ?></ul><?cs
else ?><p><?cs var:Lang.pool.changes_none ?></p><?cs /if ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="trend-caption"><table class="data">
<caption id="trend-caption"><?cs var:Lang.pool.trends_chart ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.period ?></th><?cs each:t = Page.Tables ?><th scope="col" class="num"><span class="key key-<?cs var:name(t) ?>"></span><?cs var:Lang.ds[Page.Dataset][t] ?></th><?cs /each ?>
<th scope="col" class="num"><?cs var:Lang.pool.states_in ?></th></tr></thead>
<tbody><?cs each:r = Page.Rows ?>
<tr><th scope="row"><?cs var:r.period ?></th><?cs each:x = r.Cells ?><td class="num"><?cs if:x.F ?><?cs call:marked(x) ?><?cs else ?><?cs var:x ?><?cs /if ?></td><?cs /each ?>
<td class="num"><?cs var:r.states ?><?cs if:r.changed ?> (<?cs var:Lang.pool.changed ?>)<?cs /if ?></td></tr><?cs
/each ?></tbody></table></div>
<?cs include!"footer.cs" ?>

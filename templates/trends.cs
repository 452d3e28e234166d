<?cs set:Page.Title = Lang.pool.trends_title + ": " + Lang.ds[Page.Dataset].title ?><?cs include!"header.cs" ?><?cs include!"pool-macros.cs" ?>
<h1><?cs var:Lang.pool.trends_title ?>: <?cs var:Lang.ds[Page.Dataset].title ?></h1>
<p><a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.pool.why_title ?></a>
&middot; <a href="<?cs var:Site.Base ?>/pooled/trends?dataset=<?cs var:url_escape(Page.Dataset) ?>&amp;format=csv"><?cs var:Lang.pool.csv ?></a></p>
<form method="get" action="<?cs var:Site.Base ?>/pooled/trends" class="filters"><fieldset><legend><?cs var:Lang.rec.filter ?></legend>
<div class="field"><label for="f-dataset"><?cs var:Lang.pool.choose_dataset ?></label>
<select id="f-dataset" name="dataset"><?cs each:d = Lang.ds ?><?cs if:d.title && name(d) != "routes" && name(d) != "incidents" ?><option value="<?cs var:name(d) ?>"<?cs if:name(d) == Page.Dataset ?> selected<?cs /if ?>><?cs var:d.title ?></option><?cs /if ?><?cs /each ?></select></div>
<button type="submit"><?cs var:Lang.pool.show ?></button></fieldset></form>
<svg class="chart" role="img" aria-labelledby="trend-title trend-desc" width="<?cs var:Page.ChartWidth ?>" height="230" viewBox="0 0 <?cs var:Page.ChartWidth ?> 230">
<title id="trend-title"><?cs var:Lang.pool.trends_chart ?>: <?cs var:Lang.ds[Page.Dataset].title ?></title>
<desc id="trend-desc"><?cs var:Lang.pool.trends_desc ?></desc>
<line x1="30" y1="210" x2="<?cs var:Page.ChartWidth ?>" y2="210" class="axis"></line><?cs
each:l = Page.Lines ?><polyline points="<?cs var:l ?>" class="line line-<?cs var:name(l) ?>"></polyline><?cs /each ?><?cs
each:l = Page.Points ?><?cs each:pt = l ?><circle cx="<?cs var:pt.x ?>" cy="<?cs var:pt.y ?>" r="3" class="point point-<?cs var:name(l) ?>"></circle><?cs /each ?><?cs /each ?>
</svg>
<div class="scroll" role="region" tabindex="0" aria-labelledby="trend-caption"><table class="data">
<caption id="trend-caption"><?cs var:Lang.pool.trends_chart ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.period ?></th><?cs each:t = Page.Tables ?><th scope="col" class="num"><span class="key key-<?cs var:name(t) ?>"></span><?cs var:Lang.ds[Page.Dataset][t] ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:r = Page.Rows ?>
<tr><th scope="row"><?cs var:r.period ?></th><?cs each:x = r.Cells ?><td class="num"><?cs call:figure(x) ?></td><?cs /each ?></tr><?cs
/each ?></tbody></table></div>
<?cs include!"footer.cs" ?>

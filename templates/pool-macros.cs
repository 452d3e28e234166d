<?cs # pool-macros.cs: the period and dataset chooser of the pooled views,
     a bar chart (server-side SVG with a title and description for screen
     readers; the figures are in the table beside it) and a pooled figure's
     marks. ?>
<?cs def:chooser(action, with_dataset, with_country) ?>
<form method="get" action="<?cs var:action ?>" class="filters"><fieldset><legend><?cs var:Lang.rec.filter ?></legend>
<div class="field"><label for="f-period"><?cs var:Lang.pool.choose_period ?></label>
<select id="f-period" name="period"><?cs each:c = Page.Choices ?><option value="<?cs var:c.code ?>"<?cs if:c.selected ?> selected<?cs /if ?>><?cs var:c.code ?></option><?cs /each ?></select></div><?cs
if:with_dataset ?>
<div class="field"><label for="f-dataset"><?cs var:Lang.pool.choose_dataset ?></label>
<select id="f-dataset" name="dataset"><?cs each:d = Lang.ds ?><?cs if:d.title && name(d) != "routes" && name(d) != "incidents" ?><option value="<?cs var:name(d) ?>"<?cs if:name(d) == Page.Dataset ?> selected<?cs /if ?>><?cs var:d.title ?></option><?cs /if ?><?cs /each ?></select></div><?cs
/if ?>
<?cs if:with_country ?><div class="field"><label for="f-country"><?cs var:Lang.pool.country ?></label>
<p class="hint" id="f-country-hint"><?cs var:Lang.pool.country_hint ?></p>
<select id="f-country" name="country" aria-describedby="f-country-hint"><option value=""><?cs var:Lang.pool.country_all ?></option><?cs
each:c = Page.Countries ?><option value="<?cs var:c.code ?>"<?cs if:c.code == Page.Country ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs
/each ?></select></div><?cs /if ?>
<button type="submit"><?cs var:Lang.pool.show ?></button></fieldset></form><?cs
/def ?>
<?cs def:bars(chart, id, title, desc) ?><?cs
if:subcount(chart.Bars) > 0 ?>
<svg class="chart" role="img" aria-labelledby="<?cs var:id ?>-title <?cs var:id ?>-desc" width="560" height="<?cs var:#chart.height + 10 ?>" viewBox="0 0 560 <?cs var:#chart.height + 10 ?>">
<title id="<?cs var:id ?>-title"><?cs var:title ?></title>
<desc id="<?cs var:id ?>-desc"><?cs var:desc ?></desc><?cs
each:b = chart.Bars ?>
<text x="0" y="<?cs var:#b.y + 15 ?>" class="label"><?cs var:b.label ?></text>
<rect x="200" y="<?cs var:#b.y + 3 ?>" width="<?cs var:#b.w + 1 ?>" height="16" class="bar"></rect>
<text x="<?cs var:#b.w + 206 ?>" y="<?cs var:#b.y + 15 ?>" class="value"><?cs var:b.value ?></text><?cs
/each ?>
</svg><?cs
/if ?><?cs
/def ?>
<?cs # A pooled figure's marks (set only on the few figures that have
     any, so an unmarked one costs the page one question: if:x.F, then
     var:x, the figure itself): F.s suppressed, F.c holds confidential
     cells, F.h hidden from states. ?><?cs
def:marked(f) ?><?cs if:f.F.s ?><span class="suppressed"><?cs var:Lang.pool.suppressed ?></span><?cs else ?><?cs var:f ?><?cs /if ?><?cs if:f.F.c ?> <abbr title="<?cs var:Lang.pool.confidential ?>" class="confidential">C</abbr><?cs /if ?><?cs
if:f.F.h ?> <abbr title="<?cs var:Lang.pool.hidden_from_states ?>" class="confidential">S</abbr><?cs /if ?><?cs /def ?>

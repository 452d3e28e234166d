<?cs if:Page.Refused ?><?cs set:Page.Title = Lang.pool.refused_title ?><?cs else ?><?cs set:Page.Title = Lang.pool.why_title ?><?cs /if ?><?cs set:Page.Wide = 1 ?><?cs include!"header.cs" ?><?cs
if:Page.Refused ?>
<h1><?cs var:Lang.pool.refused_title ?></h1>
<p><?cs var:Lang.pool.refused_text ?><?cs if:Page.Mode == "dataset" ?> <?cs var:Lang.pool.refused_dataset ?><?cs /if ?></p>
<?cs if:Page.Act.period ?><div class="next-step" id="contribute">
<h2><?cs var:Lang.pool.act_title ?></h2>
<p><?cs if:Page.Act.submit ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Act.sub ?>/review"><?cs var:Lang.pool.act_submit ?> <?cs var:Page.Act.period ?></a><?cs
elif:Page.Act.status == "submitted" ?><?cs var:Lang.pool.act_waiting ?> <a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Act.sub ?>"><?cs var:Lang.pool.act_see ?> <?cs var:Page.Act.period ?></a><?cs
elif:Page.Act.sub ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:Page.Act.sub ?>"><?cs var:Lang.pool.act_open ?> <?cs var:Page.Act.period ?></a><?cs
elif:Page.Act.start ?></p>
<form method="post" action="<?cs var:Site.Base ?>/report/start"><?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:Page.Act.period ?>">
<button type="submit"><?cs var:Lang.pool.act_start ?> <?cs var:Page.Act.period ?></button></form>
<p><?cs else ?><?cs var:Lang.pool.act_ask ?> <?cs var:Page.Act.period ?>.<?cs /if ?></p>
<p><?cs if:Page.Counts == "submitted" ?><?cs var:Lang.pool.counts_submitted ?><?cs else ?><?cs var:Lang.pool.counts_accepted ?><?cs /if ?></p></div><?cs
/if ?>
<h2><?cs var:Lang.pool.why_title ?></h2><?cs
else ?>
<h1><?cs var:Lang.pool.why_title ?></h1><?cs
/if ?><?cs
if:Page.Secretariat ?><p><?cs var:Lang.pool.secretariat_intro ?></p><?cs
else ?>
<p><?cs var:Lang.pool.why_intro ?></p>
<p><?cs if:Page.Mode == "rolling" ?><?cs var:Lang.pool.rule_rolling ?> <?cs var:Page.Window ?>.<?cs
elif:Page.Mode == "dataset" ?><?cs var:Lang.pool.rule_dataset ?><?cs else ?><?cs var:Lang.pool.rule_period ?><?cs /if ?>
<?cs if:Page.Counts == "submitted" ?><?cs var:Lang.pool.counts_submitted ?><?cs else ?><?cs var:Lang.pool.counts_accepted ?><?cs /if ?></p><?cs
/if ?><?cs
if:subcount(Page.Periods) == 0 ?><p><?cs var:Lang.pool.no_periods ?></p><?cs
else ?>
<div class="scroll" role="region" tabindex="0" aria-labelledby="standing-caption"><table class="data">
<caption id="standing-caption"><?cs var:Lang.pool.why_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.pool.period ?></th><?cs if:!Page.Secretariat ?><th scope="col"><?cs var:Lang.pool.your_status ?></th>
<th scope="col"><?cs var:Lang.pool.contributed ?></th><?cs /if ?><th scope="col"><?cs var:Lang.pool.opens ?></th>
<th scope="col" class="num"><?cs var:Lang.pool.states ?></th><?cs if:!Page.Secretariat ?><th scope="col"><?cs var:Lang.pool.unlock ?></th><?cs /if ?></tr></thead>
<tbody><?cs each:p = Page.Periods ?>
<tr><th scope="row"><?cs var:p.code ?></th><?cs if:!Page.Secretariat ?><td><?cs if:p.own ?><?cs var:Lang.status[p.own] ?><?cs else ?><?cs var:Lang.pool.none ?><?cs /if ?></td>
<td><?cs if:p.contributed ?><?cs var:Lang.pool.yes ?><?cs else ?><?cs var:Lang.pool.no ?><?cs /if ?></td><?cs /if ?>
<td><?cs if:subcount(p.Open) == 0 ?><?cs var:Lang.pool.nothing ?><?cs else ?><ul class="inline"><?cs each:o = p.Open ?><li><?cs
  if:o == "narrative" ?><a href="<?cs var:Site.Base ?>/pooled/narratives?period=<?cs var:url_escape(p.code) ?>"><?cs var:Lang.rec.narrative ?></a><?cs
  elif:o == "routes" ?><a href="<?cs var:Site.Base ?>/pooled/routes?period=<?cs var:url_escape(p.code) ?>"><?cs var:Lang.rec.routes ?></a><?cs
  elif:o == "incidents" ?><?cs var:Lang.rec.incidents ?><?cs
  else ?><a href="<?cs var:Site.Base ?>/pooled?period=<?cs var:url_escape(p.code) ?>&amp;dataset=<?cs var:o ?>"><?cs var:Lang.ds[o].title ?></a><?cs /if ?></li><?cs /each ?></ul><?cs /if ?></td>
<td class="num"><?cs var:p.others ?></td><?cs if:!Page.Secretariat ?>
<td><?cs if:p.contributed ?><?cs if:Page.Mode == "dataset" ?><?cs var:Lang.pool.unlock_dataset ?><?cs /if ?><?cs
  elif:p.own == "submitted" ?><?cs var:Lang.pool.unlock_waiting ?><?cs
  elif:!p.open_period ?><?cs var:Lang.pool.unlock_closed ?><?cs
  elif:Page.Mode == "rolling" ?><?cs var:Lang.pool.unlock_rolling ?><?cs
  else ?><?cs
    if:Page.Counts == "submitted" ?><?cs set:unlock = Lang.pool.unlock_text ?><?cs else ?><?cs set:unlock = Lang.pool.unlock_text_accepted ?><?cs /if ?><?cs
    set:unlock = unlock + " " + p.others + " " ?><?cs
    if:p.others == 1 ?><?cs set:unlock = unlock + Lang.pool.unlock_state ?><?cs else ?><?cs set:unlock = unlock + Lang.pool.unlock_states ?><?cs /if ?><?cs
    set:unlock = unlock + " (" + p.code + ")" ?><?cs
    if:p.sub ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:p.sub ?>"><?cs var:unlock ?></a>.<?cs
    elif:p.start ?><form method="post" action="<?cs var:Site.Base ?>/report/start"><?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:p.code ?>"><?cs var:unlock ?>.
<button type="submit"><?cs var:Lang.pool.act_start ?> <?cs var:p.code ?></button></form><?cs
    else ?><?cs var:unlock ?>.<?cs /if ?><?cs /if ?></td><?cs /if ?></tr><?cs
/each ?></tbody></table></div><?cs
/if ?>
<p><a href="<?cs var:Site.Base ?>/pooled/trends"><?cs var:Lang.pool.trends_title ?></a></p>
<?cs include!"footer.cs" ?>

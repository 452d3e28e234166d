<?cs set:Page.Title = Lang.kept.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.kept.title ?></h1><?cs
if:Page.Notice == "discarded" ?>
<p class="notice" role="status"><?cs var:Lang.kept.discarded ?></p><?cs /if ?><?cs
if:subcount(Page.Kept) > 0 ?>
<p><?cs var:Lang.kept.intro ?></p>
<div class="scroll"><table class="data" id="kept">
<caption class="visually-hidden"><?cs var:Lang.kept.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.kept.what_head ?></th><th scope="col"><?cs var:Lang.kept.submission ?></th>
<th scope="col"><?cs var:Lang.kept.typed ?></th><th scope="col"><?cs var:Lang.kept.actions ?></th></tr></thead>
<tbody><?cs each:k = Page.Kept ?>
<tr><th scope="row"><?cs if:k.dataset ?><?cs var:Lang.ds[k.dataset].title ?><?cs
  elif:k.what ?><?cs var:Lang.kept.what[k.what] ?><?cs else ?><?cs var:k.path ?><?cs /if ?></th>
<td><?cs if:k.jcode ?><?cs var:k.jcode ?> <?cs var:k.period ?><?cs else ?>&ndash;<?cs /if ?></td>
<td><?cs var:k.created ?> UTC</td>
<td><a href="<?cs var:Site.Base ?><?cs var:k.path ?>?kept=<?cs var:k.id ?>"><?cs var:Lang.kept.review_link ?></a>
<form method="post" action="<?cs var:Site.Base ?>/kept/discard" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="id" value="<?cs var:k.id ?>">
<button type="submit" class="secondary"><?cs var:Lang.kept.discard ?></button></form></td></tr><?cs
/each ?></tbody></table></div><?cs
else ?>
<p><?cs var:Lang.kept.none ?></p><?cs /if ?>
<p><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.kept.continue ?></a></p>
<?cs include!"footer.cs" ?>

<?cs set:Page.Title = Lang.kept.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.kept.title ?></h1><?cs
if:Page.Notice == "discarded" ?>
<p class="notice" role="status"><?cs var:Lang.kept.discarded ?></p><?cs /if ?><?cs
if:subcount(Page.Kept) > 0 ?>
<p><?cs var:Lang.kept.intro ?></p>
<ul class="kept" id="kept"><?cs each:k = Page.Kept ?>
<li><h2><?cs if:k.dataset ?><?cs var:Lang.ds[k.dataset].title ?><?cs
  elif:k.what ?><?cs var:Lang.kept.what[k.what] ?><?cs else ?><?cs var:k.path ?><?cs /if ?><?cs
  if:k.jcode ?>: <?cs var:k.jcode ?> <?cs var:k.period ?><?cs /if ?></h2>
<p class="hint"><?cs var:Lang.kept.typed ?> <?cs var:k.created ?> UTC</p>
<p><a href="<?cs var:Site.Base ?><?cs var:k.path ?>?kept=<?cs var:k.id ?>"><?cs var:Lang.kept.review_link ?></a></p>
<form method="post" action="<?cs var:Site.Base ?>/kept/discard"><?cs call:csrf() ?>
<input type="hidden" name="id" value="<?cs var:k.id ?>">
<button type="submit" class="secondary"><?cs var:Lang.kept.discard ?></button></form></li><?cs
/each ?></ul><?cs
else ?>
<p><?cs var:Lang.kept.none ?></p><?cs /if ?>
<p><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.kept.continue ?></a></p>
<?cs include!"footer.cs" ?>

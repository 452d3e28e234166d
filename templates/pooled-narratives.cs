<?cs set:Page.Title = Lang.pool.narratives_title + ": " + Page.Period ?><?cs include!"header.cs" ?><?cs include!"pool-macros.cs" ?>
<h1><?cs var:Lang.pool.narratives_title ?>: <?cs var:Page.Period ?></h1>
<p><a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.pool.why_title ?></a></p>
<?cs call:chooser(Site.Base + "/pooled/narratives", 0, 0) ?><?cs
if:subcount(Page.Narratives) == 0 ?><p><?cs var:Lang.pool.nothing_shared ?></p><?cs /if ?><?cs
each:n = Page.Narratives ?>
<section class="narrative" aria-labelledby="n-<?cs var:name(n) ?>">
<h2 id="n-<?cs var:name(n) ?>"><?cs if:n.name ?><?cs var:n.name ?> (<?cs var:n.code ?>)<?cs else ?><?cs var:Lang.pool.unnamed ?><?cs /if ?></h2><?cs
if:n.trends ?><h3><?cs var:Lang.rec.trends ?><?cs if:n.trends_private ?> (<?cs var:Lang.pool.private ?>)<?cs /if ?></h3><p class="text"><?cs var:n.trends ?></p><?cs /if ?><?cs
if:n.modus ?><h3><?cs var:Lang.rec.modus ?><?cs if:n.modus_private ?> (<?cs var:Lang.pool.private ?>)<?cs /if ?></h3><p class="text"><?cs var:n.modus ?></p><?cs /if ?><?cs
if:n.legal ?><h3><?cs var:Lang.rec.legal ?><?cs if:n.legal_private ?> (<?cs var:Lang.pool.private ?>)<?cs /if ?></h3><p class="text"><?cs var:n.legal ?></p><?cs /if ?>
</section><?cs
/each ?>
<?cs include!"footer.cs" ?>

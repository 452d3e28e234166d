<?cs set:Page.Title = Lang.codes.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.codes.title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:Lang.codes.intro ?></p>
<ul class="lists"><?cs each:l = Page.Lists ?>
<li><a href="<?cs var:Site.Base ?>/admin/codes?list=<?cs var:url_escape(l.name) ?>"<?cs if:l.name == Page.List ?> aria-current="page"<?cs /if ?>><?cs alt:Lang.codes.lists[l.name] ?><?cs var:l.name ?><?cs /alt ?></a> (<?cs var:l.count ?>)</li><?cs
/each ?></ul><?cs
if:Page.List ?>
<h2><?cs alt:Lang.codes.lists[Page.List] ?><?cs var:Page.List ?><?cs /alt ?></h2><?cs
if:Page.EndError ?><p class="error"><?cs var:Lang.err.end_date ?> (<?cs var:Page.EndError ?>)</p><?cs /if ?>
<div class="scroll"><table class="data">
<caption><?cs alt:Lang.codes.lists[Page.List] ?><?cs var:Page.List ?><?cs /alt ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.codes.code ?></th><th scope="col"><?cs var:Lang.codes.label ?></th>
<th scope="col"><?cs var:Lang.codes.from ?></th><th scope="col"><?cs var:Lang.codes.to ?></th>
<th scope="col"><?cs var:Lang.codes.end ?></th></tr></thead>
<tbody><?cs each:c = Page.Codes ?>
<tr><th scope="row"><?cs var:c.code ?></th><td><?cs var:c.label ?></td><td><?cs var:c.from ?></td>
<td><?cs alt:c.to ?>&ndash;<?cs /alt ?></td>
<td><?cs if:c.active ?><form method="post" action="<?cs var:Site.Base ?>/admin/codes/end" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="list" value="<?cs var:Page.List ?>"><input type="hidden" name="code" value="<?cs var:c.code ?>">
<label for="to-<?cs var:c.code ?>" class="visually-hidden"><?cs var:Lang.codes.to ?> <?cs var:c.code ?></label>
<input type="text" id="to-<?cs var:c.code ?>" name="to" size="10" placeholder="YYYY-MM-DD">
<button type="submit"><?cs var:Lang.codes.end_button ?><span class="visually-hidden"> <?cs var:c.code ?></span></button></form><?cs
else ?><?cs var:Lang.codes.inactive ?><?cs /if ?></td></tr><?cs
/each ?></tbody></table></div>
<h2><?cs var:Lang.codes.add ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/admin/codes" novalidate><?cs call:csrf() ?>
<input type="hidden" name="list" value="<?cs var:Page.List ?>">
<?cs call:field("code", Lang.codes.code, "text", "off", Lang.codes.code_hint, "1") ?>
<?cs call:field("label", Lang.codes.label, "text", "off", "", "1") ?>
<?cs call:field("from", Lang.codes.from, "text", "off", Lang.codes.from_hint, "") ?>
<button type="submit"><?cs var:Lang.codes.add ?></button>
</form><?cs
/if ?>
<?cs include!"footer.cs" ?>

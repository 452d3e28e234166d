<?cs set:Page.Title = Lang.password.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.password.title ?></h1>
<?cs call:error_summary() ?>
<?cs if:Page.Temporary ?><p class="notice" role="status"><?cs var:Lang.password.temporary ?></p>
<?cs /if ?><p><?cs var:Lang.password.intro ?></p>
<form method="post" action="<?cs var:Site.Base ?>/account/password" novalidate><?cs call:csrf() ?>
<?cs call:field("current", Lang.password.current, "password", "current-password", "", "1") ?>
<?cs call:field("new", Lang.password.new, "password", "new-password", Lang.password.new_hint, "1") ?>
<?cs call:field("confirm", Lang.password.confirm, "password", "new-password", "", "1") ?>
<button type="submit"><?cs var:Lang.password.submit ?></button>
<?cs if:!Page.Temporary ?><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.password.cancel ?></a><?cs /if ?>
</form>
<?cs include!"footer.cs" ?>

<?cs set:Page.Title = Lang.password.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.password.title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:Lang.password.intro ?></p>
<form method="post" action="<?cs var:Site.Base ?>/account/password" novalidate><?cs call:csrf() ?>
<?cs call:field("current", Lang.password.current, "password", "current-password", "", "1") ?>
<?cs call:field("new", Lang.password.new, "password", "new-password", Lang.password.new_hint, "1") ?>
<?cs call:field("confirm", Lang.password.confirm, "password", "new-password", "", "1") ?>
<button type="submit"><?cs var:Lang.password.submit ?></button>
<a href="<?cs var:Site.Base ?>/"><?cs var:Lang.password.cancel ?></a>
</form>
<?cs include!"footer.cs" ?>

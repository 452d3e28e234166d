<?cs set:Page.Title = Lang.login.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.login.title ?></h1><?cs
if:Page.Notice == "expired" ?>
<p class="notice" role="status"><?cs var:Lang.login.expired ?></p><?cs
elif:Page.Notice == "signed_out" ?>
<p class="notice" role="status"><?cs var:Lang.login.signed_out ?></p><?cs
/if ?><?cs set:Page.NoSave = 1 ?><?cs call:error_summary() ?>
<p><?cs var:Lang.login.intro ?></p>
<form method="post" action="<?cs var:Site.Base ?>/login" novalidate><?cs call:csrf() ?>
<?cs call:field("username", Lang.login.username, "text", "username", "", "1") ?>
<?cs call:field("password", Lang.login.password, "password", "current-password", "", "1") ?>
<button type="submit"><?cs var:Lang.login.submit ?></button>
</form>
<?cs include!"footer.cs" ?>

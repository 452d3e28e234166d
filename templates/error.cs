<?cs set:Page.Title = Lang.error[Error.Kind].title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.error[Error.Kind].title ?></h1>
<p><?cs if:Error.Kept ?><?cs var:Lang.error[Error.Kind].kept ?><?cs
else ?><?cs var:Lang.error[Error.Kind].text ?><?cs /if ?></p><?cs
if:Error.Kept && ?User.Username ?>
<p><a href="<?cs var:Site.Base ?>/kept"><?cs var:Lang.kept.title ?></a></p><?cs /if ?>
<p class="reference"><?cs var:Lang.error.reference ?>: <code><?cs var:Request.Id ?></code> (HTTP <?cs var:Error.Code ?>)</p>
<p><?cs if:?User.Username ?><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.error.home ?></a><?cs
else ?><a href="<?cs var:Site.Base ?>/login"><?cs var:Lang.error.signin ?></a><?cs /if ?></p>
<?cs include!"footer.cs" ?>

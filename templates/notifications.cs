<?cs set:Page.Title = Lang.account.title ?><?cs include!"header.cs" ?>
<h1><?cs var:Lang.account.title ?></h1><?cs
if:Page.Notice == "saved" ?>
<p class="notice" role="status"><?cs var:Lang.account.saved ?></p><?cs
/if ?>
<p><?cs var:Lang.account.intro ?></p>
<dl class="facts">
  <dt><?cs var:Lang.account.email ?></dt><dd><?cs
  if:Page.Email ?><?cs var:Page.Email ?><?cs else ?><?cs var:Lang.account.no_email ?><?cs /if ?></dd>
</dl>
<p id="notify-state"><?cs if:Page.Notify ?><?cs var:Lang.account.is_on ?><?cs else ?><?cs var:Lang.account.is_off ?><?cs /if ?></p>
<form method="post" action="<?cs var:Site.Base ?>/account/notifications"><?cs call:csrf() ?>
<fieldset><legend><?cs var:Lang.account.notify_legend ?></legend>
<div class="check"><input type="checkbox" id="f-notify" name="notify" value="1" aria-describedby="f-notify-hint"<?cs
  if:Page.Notify ?> checked<?cs /if ?>>
<label for="f-notify"><?cs var:Lang.account.notify_on ?></label>
<p class="hint" id="f-notify-hint"><?cs var:Lang.account.notify_on_hint ?></p></div>
</fieldset>
<button type="submit"><?cs var:Lang.account.save ?></button>
</form>
<?cs include!"footer.cs" ?>

<?cs set:Page.Title = Lang.home.title ?><?cs include!"header.cs" ?>
<h1><?cs var:User.Name ?></h1><?cs
if:Page.Notice == "password_changed" ?>
<p class="notice" role="status"><?cs var:Lang.home.password_changed ?></p><?cs
/if ?>
<section aria-labelledby="who">
<h2 id="who"><?cs var:Lang.home.who ?></h2>
<dl class="facts">
  <dt><?cs var:Lang.home.username ?></dt><dd><?cs var:User.Username ?></dd>
  <dt><?cs var:Lang.home.role ?></dt><dd><?cs var:Lang.role[User.Role] ?></dd>
  <dt><?cs var:Lang.home.jurisdiction ?></dt><dd><?cs
  if:User.Jurisdiction.Code ?><?cs var:User.Jurisdiction.Name ?> (<?cs var:User.Jurisdiction.Code ?>)<?cs
  else ?><?cs var:Lang.home.secretariat ?><?cs /if ?></dd>
</dl>
<p><?cs var:Lang.role_help[User.Role] ?></p>
</section>
<section aria-labelledby="sections">
<h2 id="sections"><?cs var:Lang.home.sections ?></h2>
<ul class="sections"><?cs
each:s = Page.Sections ?><?cs
  if:s == "account" ?>
  <li><a href="<?cs var:Site.Base ?>/account/password"><?cs var:Lang.section.account.title ?></a>:
    <?cs var:Lang.section.account.text ?></li><?cs
  elif:s == "report" ?>
  <li><a href="<?cs var:Site.Base ?>/report"><?cs var:Lang.section.report.title ?></a>:
    <?cs var:Lang.section.report.text ?></li><?cs
  elif:s == "users" ?>
  <li><a href="<?cs var:Site.Base ?>/admin/users"><?cs var:Lang.section.users.title ?></a>:
    <?cs var:Lang.section.users.text ?></li><?cs
  elif:s == "codes" ?>
  <li><a href="<?cs var:Site.Base ?>/admin/codes"><?cs var:Lang.section.codes.title ?></a>:
    <?cs var:Lang.section.codes.text ?></li><?cs
  elif:s == "sharing_settings" ?>
  <li><a href="<?cs var:Site.Base ?>/admin/sharing"><?cs var:Lang.section.sharing_settings.title ?></a>:
    <?cs var:Lang.section.sharing_settings.text ?></li><?cs
  elif:s == "pooled" ?>
  <li><a href="<?cs var:Site.Base ?>/sharing"><?cs var:Lang.section.pooled.title ?></a>:
    <?cs var:Lang.section.pooled.text ?></li><?cs
  elif:s == "exchange" ?>
  <li><a href="<?cs var:Site.Base ?>/exchange"><?cs var:Lang.section.exchange.title ?></a>:
    <?cs var:Lang.section.exchange.text ?></li><?cs
  elif:s == "periods" ?>
  <li><a href="<?cs var:Site.Base ?>/admin/periods"><?cs var:Lang.section.periods.title ?></a>:
    <?cs var:Lang.section.periods.text ?></li><?cs
  /if ?><?cs
/each ?>
</ul>
</section>
<?cs include!"footer.cs" ?>

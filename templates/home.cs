<?cs set:Page.Title = Lang.home.title ?><?cs include!"header.cs" ?>
<h1><?cs var:User.Name ?></h1><?cs
if:Page.Notice == "password_changed" ?>
<p class="notice" role="status"><?cs var:Lang.home.password_changed ?></p><?cs
/if ?>
<section id="todo" aria-labelledby="todo-title">
<h2 id="todo-title"><?cs var:Lang.todo.title ?></h2><?cs
if:subcount(Page.Todo) == 0 ?>
<p><?cs var:Lang.todo.nothing ?></p><?cs
else ?>
<ul class="todo"><?cs
each:t = Page.Todo ?><?cs
  set:what = t.period ?><?cs
  if:t.jcode ?><?cs set:what = t.jname + " (" + t.jcode + "), " + t.period ?><?cs /if ?>
<li><?cs
  if:t.kind == "returned" || t.kind == "returned_submit" ?><?cs
    if:t.kind == "returned" ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:t.id ?>"><?cs call:fmt(Lang.todo.returned, what) ?></a><?cs
    else ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:t.id ?>/review"><?cs call:fmt(Lang.todo.returned_submit, what) ?></a><?cs /if ?><?cs
    if:subcount(t.Reasons) > 0 ?>
  <ul><?cs each:r = t.Reasons ?>
  <li><a href="<?cs var:Site.Base ?>/submission/<?cs var:t.id ?>/<?cs var:r.key ?>"><?cs var:Lang.ds[r.key].title ?></a>: <?cs var:r.reason ?></li><?cs
  /each ?></ul><?cs
    /if ?><?cs
  elif:t.kind == "certify" ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:t.id ?>"><?cs call:fmt(Lang.todo.certify, what) ?></a><?cs
  elif:t.kind == "fill" ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:t.id ?>"><?cs call:fmt(Lang.todo.fill, what) ?></a><?cs
  elif:t.kind == "start" ?><form method="post" action="<?cs var:Site.Base ?>/report/start" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="period" value="<?cs var:t.period ?>">
<button type="submit"><?cs call:fmt(Lang.todo.start, what) ?></button></form><?cs
  elif:t.kind == "review" ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:t.id ?>"><?cs call:fmt(Lang.todo.review, what) ?></a><?cs
  elif:t.kind == "overdue" ?><a href="<?cs var:Site.Base ?>/report?period=<?cs var:url_escape(t.period) ?>"><?cs call:fmt(Lang.todo.overdue, t.period) ?></a>
  (<?cs var:Lang.report.due ?> <?cs var:t.due ?>). <?cs call:fmt(Lang.todo.overdue_count, t.count) ?>
  <ul class="states"><?cs each:j = t.States ?>
  <li><?cs if:j.id ?><a href="<?cs var:Site.Base ?>/submission/<?cs var:j.id ?>"><?cs var:j.jname ?> (<?cs var:j.jcode ?>)</a><?cs
    else ?><?cs var:j.jname ?> (<?cs var:j.jcode ?>): <?cs var:Lang.report.nothing ?><?cs /if ?></li><?cs
  /each ?></ul><?cs
  elif:t.kind == "open_period" ?><a href="<?cs var:Site.Base ?>/admin/periods"><?cs call:fmt(Lang.todo.open_period, t.period) ?></a>
  (<?cs var:Lang.periods.opens ?> <?cs var:t.date ?>)<?cs
  elif:t.kind == "lock_period" ?><a href="<?cs var:Site.Base ?>/admin/periods?lock=<?cs var:url_escape(t.period) ?>#confirm-lock"><?cs call:fmt(Lang.todo.lock_period, t.period) ?></a>
  (<?cs call:fmt(Lang.todo.lock_date_passed, t.date) ?>)<?cs
  elif:t.kind == "locked_user" ?><a href="<?cs var:Site.Base ?>/admin/users<?cs if:t.jcode ?>?jurisdiction=<?cs var:url_escape(t.jcode) ?><?cs /if ?>"><?cs call:fmt(Lang.todo.locked_user, t.name + " (" + t.username + ")") ?></a>
  (<?cs call:fmt(Lang.todo.locked_until, t.until) ?>)<?cs
  /if ?><?cs
  if:t.due && t.kind != "overdue" ?>
  (<?cs var:Lang.report.due ?> <?cs var:t.due ?><?cs if:t.overdue ?>, <strong><?cs var:Lang.report.overdue ?></strong><?cs /if ?>)<?cs
  /if ?></li><?cs
/each ?>
</ul><?cs
  if:Page.TodoMore.review ?>
<p><a href="<?cs var:Site.Base ?>/report"><?cs var:Lang.todo.more_report ?></a></p><?cs /if ?><?cs
  if:Page.TodoMore.users ?>
<p><a href="<?cs var:Site.Base ?>/admin/users"><?cs var:Lang.todo.more_users ?></a></p><?cs /if ?><?cs
/if ?>
</section>
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
  if:s == "notifications" ?>
  <li><a href="<?cs var:Site.Base ?>/account/notifications"><?cs var:Lang.section.notifications.title ?></a>:
    <?cs var:Lang.section.notifications.text ?></li><?cs
  elif:s == "account" ?>
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
